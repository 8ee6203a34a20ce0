// Combines the trial files of an experiment's shards into the files of the whole experiment: a
// sweep's aggregate, or a study's folder (its JSON, CSV, picture and trial file), the same bytes as
// one unsharded run. What the parts hold is read from their headers; parts of different
// experiments or configs, and missing trials, are refused.
import { join } from 'node:path';
import { reason, UsageError } from '../../io.js';
import { ENGINE_NAMES } from '../../simulator.js';
import type { EngineName } from '../../types.js';
import { DEFAULT_EXPERIMENT_ENGINE, type TrialRecord } from '../core/run.js';
import { parseSweepConfig, sweepAggregate, type SweepAggregate, type SweepConfig } from '../core/sweep.js';
import { cellCount } from '../core/sweepConfig.js';
import { lockFile } from './lock.js';
import { writeResultFiles } from './results.js';
import { STUDIES, studyNamed, type AnyStudy } from './studies.js';
import { writeSweepFiles } from './sweep.js';
import type { StudyPlan } from './study.js';
import { compactStore, readStore, STORE_FORMAT, storeHead, unique, type StoreHeader, type TrialRange } from './store.js';
import { parseShard } from './trials.js';

const NO_PARTS = 'merge: give the trial files of the shards (e.g. results/sweep.part-*-of-3.jsonl or results/sgd.trials.part-*-of-3.jsonl)';

/** What the parts hold, from the first one's header: a sweep, or one of the studies. */
export function partsKind(paths: string[]): { kind: 'sweep' } | { kind: 'study'; study: AnyStudy } {
  if (paths.length === 0) throw new UsageError(NO_PARTS);
  const { header } = storeHead(paths[0]);
  if (header.experiment === 'sweep') return { kind: 'sweep' };
  const study = studyNamed(header.experiment);
  if (study) return { kind: 'study', study };
  throw new UsageError(
    `merge: '${paths[0]}' holds ${header.experiment} trials, which merge does not combine ` +
      `(it merges the shards of a sweep or of a study: ${STUDIES.map((s) => s.experiment).join(', ')})`,
  );
}

/** The distinct records of the parts, refused when some of the `cells` × `trials` are missing. */
function allTrials(parts: { header: StoreHeader; records: TrialRecord[] }[], cells: number, trials: number): TrialRecord[] {
  // Every record is a valid trial of the experiment, so the distinct ones are all of them or some are missing.
  const records = unique(parts.flatMap((p) => p.records));
  const missing = cells * trials - records.length;
  if (missing > 0) {
    const gap = records.findIndex((r, i) => r.cell * trials + r.trial !== i);
    const at = gap < 0 ? records.length : gap;
    const shards = parts.map((p) => p.header.shard ?? 'unsharded').join(', ');
    throw new UsageError(
      `merge: ${missing} trials are missing (e.g. cell ${Math.floor(at / trials)}, trial ${at % trials}); ` +
        `the parts given hold shards ${shards}; run or finish the missing shards and merge again`,
    );
  }
  return records;
}

const shardOf = (header: StoreHeader) => (header.shard === undefined ? undefined : parseShard(header.shard));

export function mergeParts(paths: string[]): SweepAggregate {
  if (paths.length === 0) throw new UsageError(NO_PARTS);
  let first: { path: string; configText: string; config: SweepConfig; cells: number } | undefined;
  const rangeOf =
    (path: string) =>
    (header: StoreHeader): TrialRange => {
      if (header.experiment !== 'sweep')
        throw new UsageError(
          `merge: '${path}' holds ${header.experiment} trials, not a sweep's; merge takes the trial files of one sweep's shards`,
        );
      const configText = JSON.stringify(header.config);
      if (!first) {
        const config = parseSweepConfig(header.config);
        first = { path, configText, config, cells: cellCount(config) };
      }
      if (configText !== first.configText)
        throw new UsageError(
          `merge: '${path}' comes from another sweep than '${first.path}' (their configs differ); merge the shards of one sweep`,
        );
      const { config, cells } = first;
      return { cells, trials: config.trials, seed: config.seed, maxIter: config.maxIter, shard: shardOf(header) };
    };
  const parts = paths.map((path) => ({ path, ...readStore(path, { range: rangeOf(path) }) }));
  const { config, cells } = first!;
  return sweepAggregate(config, allTrials(parts, cells, config.trials));
}

/** A sweep's shards merged into its files (sweepFiles(out): the aggregate, its CSV and figure), as one unsharded run writes them. */
export async function writeMerged(paths: string[], out: string): Promise<SweepAggregate> {
  const merged = mergeParts(paths);
  await writeSweepFiles(out, merged);
  return merged;
}

/** A study merged from its shards: its result, and its trial file as one unsharded run leaves it. */
export interface MergedStudy {
  study: AnyStudy;
  result: unknown;
  header: StoreHeader;
  records: TrialRecord[];
}

/** Combines the trial files of a study's shards (any study of studies.ts) into the whole study's result. */
export function mergeStudyParts(paths: string[]): MergedStudy {
  const kind = partsKind(paths);
  if (kind.kind !== 'study') throw new UsageError(`merge: '${paths[0]}' holds a sweep's trials, not a study's`);
  const { study } = kind,
    name = study.experiment;
  const heads = paths.map((path) => ({ path, ...storeHead(path) }));
  const first = heads[0],
    configText = JSON.stringify(first.header.config);
  for (const { path, header } of heads) {
    if (header.experiment !== name)
      throw new UsageError(
        `merge: '${path}' holds ${header.experiment} trials, not ${name}'s; merge takes the trial files of one ${name}'s shards`,
      );
    if (JSON.stringify(header.config) !== configText)
      throw new UsageError(
        `merge: '${path}' comes from another ${name} than '${first.path}' (their configs differ); merge the shards of one ${name}`,
      );
  }
  // The seed of the study: its trials', the same in every part (a config need not hold it).
  const seeded = heads.filter((h) => h.seed !== undefined);
  if (seeded.length === 0) {
    throw new UsageError(
      `merge: the parts given hold no trials (shards ${heads.map((h) => h.header.shard ?? 'unsharded').join(', ')}); ` +
        'run or finish the shards and merge again',
    );
  }
  const seed = seeded[0].seed as number;
  const otherSeed = seeded.find((h) => h.seed !== seed);
  if (otherSeed)
    throw new UsageError(
      `merge: '${otherSeed.path}' comes from another ${name} than '${seeded[0].path}' (their seeds differ); merge the shards of one ${name}`,
    );
  const engine = (ENGINE_NAMES as readonly unknown[]).includes(first.header.engine)
    ? (first.header.engine as EngineName)
    : DEFAULT_EXPERIMENT_ENGINE;
  let spec: { trials: number }, plan: StudyPlan;
  try {
    spec = study.specOf(first.header.config, seed);
    plan = study.plan(spec, engine);
  } catch (e) {
    throw new UsageError(`merge: '${first.path}' names a ${name} this shortcut-sim cannot run (${reason(e)})`);
  }
  if (JSON.stringify(plan.config) !== configText)
    throw new UsageError(`merge: '${first.path}' names a ${name} this shortcut-sim does not make (its config is not one it writes)`);
  const maxIter = plan.cells.reduce((m, c) => Math.max(m, c.maxIter), 0);
  const range = (header: StoreHeader): TrialRange => ({
    cells: plan.cells.length,
    trials: spec.trials,
    seed,
    maxIter,
    shard: shardOf(header),
  });
  const parts = paths.map((path) => readStore(path, { range }));
  const records = allTrials(parts, plan.cells.length, spec.trials);
  const header: StoreHeader = { format: STORE_FORMAT, experiment: name, config: plan.config, engine: first.header.engine };
  return { study, result: study.result(spec, plan, records), header, records };
}

/** Writes a merged study's files into `out` (its trial file first, as a run does), holding the trial file's lock. */
export async function writeMergedStudy(merged: MergedStudy, out: string): Promise<void> {
  const { study, result, header, records } = merged;
  const store = join(out, study.files[3]),
    lock = lockFile(store);
  try {
    compactStore(store, header, records);
    await writeResultFiles(out, study.files, result, study.csv(result), study.picture(result));
  } finally {
    lock.release();
  }
}
