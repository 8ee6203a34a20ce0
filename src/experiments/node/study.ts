// A study in Node: the cells its spec plans, their trials run (or resumed) from its trial store, and
// the result aggregated from them; with `out`, the result's JSON, CSV and picture beside the store.
// With `shard`, one shard's trials alone (trial number mod N, as `sweep --shard`) into their own trial
// file; merge.ts combines the shards' files into the files of the whole study. Table 1 and the SGD
// study are studies: a new one is its core (plan, result, CSV) and a Study that names them, and
// gets shards and merge with it.
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { preloadRenderer } from '../../plots/render.js';
import type { EngineName } from '../../types.js';
import type { Cell } from '../core/cell.js';
import type { RunControl, TrialRecord } from '../core/run.js';
import { flag, text, type Field } from '../options.js';
import { writeResultFiles } from './results.js';
import {
  DEFAULT_EXPERIMENT_ENGINE,
  defaultWorkers,
  POOL_FIELDS,
  runExperiment,
  shardCheck,
  type PoolOptions,
  type Shard,
} from './trials.js';

/** A study's cells, and its trial store's config: a store of another config is not resumed. */
export interface StudyPlan {
  cells: Cell[];
  config: unknown;
}

/** The options of every study beside its spec. */
export interface StudyOptions extends Partial<PoolOptions> {
  /** Output folder: the result files and the trial store (a run resumes from it). Omitted: nothing is written. */
  out?: string;
  /**
   * Runs only this shard of the trials (trial number cell × trials + trial, mod count), and writes
   * only its trial file (see studyTrialFile); `shortcut-sim merge` combines the shards. The run then
   * resolves to undefined. A shard of count 1 is the whole study.
   */
  shard?: Shard;
  /**
   * Start over: the trial file in `out` (a shard's own) is replaced by an empty one, never resumed, and
   * the study's result files there are removed first; nothing else in `out` is touched.
   */
  fresh?: boolean;
}

/** The StudyOptions fields, as every study's check takes them beside its spec's. */
export const STUDY_FIELDS: Record<keyof StudyOptions, Field> = {
  ...POOL_FIELDS,
  out: { check: text('a folder path') },
  shard: { check: shardCheck },
  fresh: { check: flag },
};

/** Whether the run is one shard of several (a shard of count 1 is the whole study). */
export const isPart = (shard: Shard | undefined): shard is Shard => shard !== undefined && shard.count > 1;

/** A study's trial file in its folder: its own, or one shard's, NAME.part-i-of-N.jsonl (as a sweep's). */
export function studyTrialFile(study: { files: readonly string[] }, shard?: Shard): string {
  const file = study.files[3];
  return isPart(shard) ? file.replace(/\.jsonl$/, `.part-${shard.index}-of-${shard.count}.jsonl`) : file;
}

export interface Study<Spec extends { trials: number }, Plan extends StudyPlan, Result> {
  /** The experiment its trial store's header names. */
  experiment: string;
  /** Its files in `out`: the result as JSON, its CSV, its picture, then the trial store. */
  files: readonly string[];
  /** The spec of a run given no options (a fresh object each time). */
  defaults(): Spec;
  /** The options, checked as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
  check(options: unknown, control?: unknown): Partial<Spec> & StudyOptions;
  /** Throws ConfigError for a spec that cannot run on `engine`. */
  plan(spec: Spec, engine: EngineName): Plan;
  result(spec: Spec, plan: Plan, records: TrialRecord[]): Result;
  csv(result: Result): string;
  picture(result: Result): TopLevelSpec;
  /** A picture of the plan alone, drawn while the trials run to warm the renderer up. */
  draft(plan: Plan): TopLevelSpec;
  /** The result as text, as its command prints it (merge prints it too). */
  format?(result: Result): string;
  /** The spec whose plan's config is `config`, a trial file's (its trials have `seed`): how merge finds the study again. */
  specOf(config: unknown, seed: number): Spec;
}

/** Checked options: the spec they give (the study's defaults beside them) planned on their engine, and the rest. Throws the plan's ConfigError. */
function planned<Spec extends { trials: number }, Plan extends StudyPlan, Result>(
  study: Study<Spec, Plan, Result>,
  checked: Partial<Spec> & StudyOptions,
) {
  const { workers, engine = DEFAULT_EXPERIMENT_ENGINE, quiet, signals, out, shard, fresh, ...given } = checked;
  const spec = { ...study.defaults(), ...given } as Spec;
  return { spec, engine, plan: study.plan(spec, engine), run: { workers, quiet, signals, out, shard, fresh } };
}

/**
 * A study's options checked as its run checks them before any work: the options themselves, then the plan of
 * their spec on their engine (which refuses, for one, a run too large for engine memory). Throws ConfigError.
 */
export function checkStudy<Spec extends { trials: number }, Plan extends StudyPlan, Result>(
  study: Study<Spec, Plan, Result>,
  options: unknown,
  control?: unknown,
): Partial<Spec> & StudyOptions {
  const checked = study.check(options, control);
  planned(study, checked);
  return checked;
}

/**
 * Runs (or resumes) a study and returns its result; one shard of it resolves to undefined. Default:
 * all cores, the reduced engine, nothing printed. Throws ConfigError for bad options, before any work.
 */
export async function runStudy<Spec extends { trials: number }, Plan extends StudyPlan, Result>(
  study: Study<Spec, Plan, Result>,
  options: unknown,
  control: RunControl,
): Promise<Result | undefined> {
  const { spec, engine, plan, run } = planned(study, study.check(options, control));
  const { workers = defaultWorkers(), quiet = true, signals, out, shard, fresh } = run,
    part = isPart(shard);
  const records = await runExperiment(
    {
      experiment: study.experiment,
      config: plan.config,
      cells: plan.cells,
      trials: spec.trials,
      engine,
      workers,
      quiet,
      signals,
      shard: part ? shard : undefined,
      store: out === undefined ? undefined : join(out, studyTrialFile(study, shard)),
      fresh,
      outputs: out === undefined || part ? [] : study.files.slice(0, 3).map((f) => join(out, f)),
      onRunning: out === undefined || part ? undefined : () => preloadRenderer(study.draft(plan)),
    },
    control,
  );
  if (part) return undefined;
  const result = study.result(spec, plan, records);
  if (out !== undefined) await writeResultFiles(out, study.files, result, study.csv(result), study.picture(result));
  return result;
}
