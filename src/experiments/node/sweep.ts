// Sweep runs in Node: the cells of a sweep config (core/sweepConfig.ts) × trials on the worker pool,
// resumable from their trial store, and their aggregate (core/sweep.ts).
import { basename, dirname } from 'node:path';
import { ConfigError } from '../../config.js';
import { preloadRenderer } from '../../plots/render.js';
import { sweepSpec } from '../../plots/sweep.js';
import { ENGINE_NAMES } from '../../simulator.js';
import type { EngineName } from '../../types.js';
import type { RunControl } from '../core/run.js';
import { parseSweepConfig, sweepAggregate, sweepCells, sweepCsv, sweepPlot, type SweepAggregate, type SweepConfig } from '../core/sweep.js';
import { checkOptions, controlIssues, flag, isPlainObject, rule, text, type Field } from '../options.js';
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

export {
  dataLabel,
  formatSweep,
  parseSweepConfig,
  sweepAggregate,
  sweepCells,
  sweepCsv,
  type SweepAggregate,
  type SweepConfig,
} from '../core/sweep.js';

/** The options of runSweep: the config (required), the files, a shard and where it runs. */
export interface SweepOptions extends Partial<PoolOptions> {
  /** A sweep config (checked and completed with parseSweepConfig: an object as a config file holds it). */
  config: SweepConfig | Record<string, unknown>;
  /** The trial store (JSON lines; a run resumes from it). Omitted: no trials are written. */
  out?: string;
  /**
   * Where the aggregate goes, with its CSV and figure beside it (sweepFiles; never for a shard: merge
   * the shards instead). Omitted: not written.
   */
  aggregate?: string;
  /** Runs only this shard, { index, count }, of the trials; the run then resolves to undefined (merge the shards). */
  shard?: Shard;
  /** Start over: `out` is replaced by an empty trial file (never resumed) and the run's other files removed first. */
  fresh?: boolean;
}

const SWEEP_FIELDS: Record<keyof SweepOptions, Field> = {
  config: { check: rule('a sweep config object', isPlainObject), required: 'a sweep config object' },
  out: { check: text('a file path') },
  // A shard ignores it (the CLI passes '' then).
  aggregate: { check: rule('a file path (a string)', (v) => typeof v === 'string') },
  shard: { check: shardCheck },
  fresh: { check: flag },
  ...POOL_FIELDS,
};

/**
 * runSweep's options as the CLI checks its flags, with the config parsed (its fields named under
 * `config.`) and the RunControl beside them. Throws ConfigError.
 */
export function checkSweepOptions(options: unknown, control?: unknown): SweepOptions & { config: SweepConfig } {
  let config: SweepConfig | undefined,
    configIssues: string[] = [];
  const field = (name: string) => (isPlainObject(options) && Object.hasOwn(options, name) ? options[name] : undefined);
  const given = field('config'),
    engine = field('engine');
  if (isPlainObject(given)) {
    try {
      config = parseSweepConfig(given, ENGINE_NAMES.includes(engine as EngineName) ? (engine as EngineName) : undefined);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      configIssues = e.issues.map((line) => `config.${line}`);
    }
  }
  const o = checkOptions<SweepOptions>(
    'runSweep',
    SWEEP_FIELDS,
    options,
    (o) =>
      o.aggregate === '' && !(o.shard && o.shard.count > 1)
        ? ["aggregate: must be a file path (a non-empty string) (got '')"]
        : o.aggregate && o.out !== undefined && sweepFiles(o.aggregate).includes(o.out)
          ? [
              `aggregate: its files (${sweepFiles(o.aggregate).join(', ')}) would overwrite out, the trial file; give another aggregate path`,
            ]
          : [],
    [...configIssues, ...controlIssues(control)],
  );
  return { ...o, config: config! };
}

/** Runs (or resumes) a sweep or one shard of it; returns the aggregate of a whole sweep (a shard: undefined). Throws ConfigError for bad options. */
export async function runSweep(options: SweepOptions, control: RunControl = {}): Promise<SweepAggregate | undefined> {
  const o = checkSweepOptions(options, control),
    { config } = o,
    part = o.shard !== undefined && o.shard.count > 1;
  const cells = sweepCells(config);
  const records = await runExperiment(
    {
      experiment: 'sweep',
      config,
      cells,
      trials: config.trials,
      shard: o.shard,
      engine: o.engine ?? DEFAULT_EXPERIMENT_ENGINE,
      workers: o.workers ?? defaultWorkers(),
      store: o.out,
      quiet: o.quiet ?? true,
      signals: o.signals,
      fresh: o.fresh,
      outputs: part || o.aggregate === undefined ? [] : sweepFiles(o.aggregate),
      onRunning:
        part || o.aggregate === undefined
          ? undefined
          : () =>
              preloadRenderer(
                sweepPicture(
                  config,
                  cells.map((c) => ({ ...c, rate: 0.5, ci: [0.4, 0.6] })),
                ),
              ),
    },
    control,
  );
  if (part) return undefined;
  const result = sweepAggregate(config, records);
  if (o.aggregate !== undefined) await writeSweepFiles(o.aggregate, result);
  return result;
}

/** A sweep's files from its aggregate's path: the aggregate, NAME.csv and NAME.svg (NAME: the path without .aggregate.json or .json). */
export function sweepFiles(aggregate: string): [string, string, string] {
  const name = aggregate.replace(/(\.aggregate)?\.json$/, '');
  return [aggregate, `${name}.csv`, `${name}.svg`];
}

/** The aggregate, its CSV and its figure (sweepFiles): all three or none. */
export async function writeSweepFiles(aggregate: string, result: SweepAggregate): Promise<void> {
  await writeResultFiles(
    dirname(aggregate),
    sweepFiles(aggregate).map((f) => basename(f)),
    result,
    sweepCsv(result),
    sweepPicture(result.config, result.rows),
  );
}

function sweepPicture(config: SweepConfig, rows: Parameters<typeof sweepPlot>[1]) {
  return sweepSpec(sweepPlot(config, rows), `Success rate, ${config.trials} trials per point (Wilson 95% intervals)`);
}
