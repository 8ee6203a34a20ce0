// Every study, by the experiment its trial files name: what `shortcut-sim merge` recognises in the
// shards' trial files. A new study joins this list to be merged.
import { SGD_STUDY } from './sgd.js';
import type { Study, StudyPlan } from './study.js';
import { TABLE1_STUDY } from './table1.js';
import { WIDTH_STUDY } from './width.js';

export type AnyStudy = Study<{ trials: number }, StudyPlan, unknown>;

export const STUDIES: readonly AnyStudy[] = [TABLE1_STUDY, SGD_STUDY, WIDTH_STUDY] as readonly AnyStudy[];

/** The study whose trial files name `experiment`, if any. */
export const studyNamed = (experiment: unknown): AnyStudy | undefined => STUDIES.find((s) => s.experiment === experiment);
