// A study in Node: the cells its spec plans, their trials run (or resumed) from its trial store, and
// the result aggregated from them; with `out`, the result's JSON, CSV and picture beside the store.
// Table 1 and the SGD study are studies: a new one is its core (plan, result, CSV) and a Study that
// names them.
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { preloadRenderer } from '../../plots/render.js';
import type { EngineName } from '../../types.js';
import type { Cell } from '../core/cell.js';
import type { RunControl, TrialRecord } from '../core/run.js';
import { writeResultFiles } from './results.js';
import { DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, runExperiment, type PoolOptions } from './trials.js';

/** A study's cells, and its trial store's config: a store of another config is not resumed. */
export interface StudyPlan { cells: Cell[]; config: unknown }

/** The options of every study beside its spec. */
export interface StudyOptions extends Partial<PoolOptions> {
  /** Output folder: the result files and the trial store (a run resumes from it). Omitted: nothing is written. */
  out?: string;
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
}

/**
 * Runs (or resumes) a study and returns its result. Default: all cores, the reduced engine, nothing
 * printed. Throws ConfigError for bad options, before any work.
 */
export async function runStudy<Spec extends { trials: number }, Plan extends StudyPlan, Result>(
  study: Study<Spec, Plan, Result>, options: unknown, control: RunControl): Promise<Result> {
  const { workers = defaultWorkers(), engine = DEFAULT_EXPERIMENT_ENGINE, quiet = true, signals, out, ...given } = study.check(options, control);
  const spec = { ...study.defaults(), ...given } as Spec;
  const plan = study.plan(spec, engine);
  const records = await runExperiment({
    experiment: study.experiment, config: plan.config, cells: plan.cells, trials: spec.trials, engine, workers, quiet, signals,
    store: out === undefined ? undefined : join(out, study.files[3]),
    onRunning: out === undefined ? undefined : () => preloadRenderer(study.draft(plan)),
  }, control);
  const result = study.result(spec, plan, records);
  if (out !== undefined) await writeResultFiles(out, study.files, result, study.csv(result), study.picture(result));
  return result;
}
