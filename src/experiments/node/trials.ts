// Runs the trials of an experiment (core/run.ts) on a pool of worker threads (pool.ts) or in-process,
// appending each finished batch to the trial store so that an interrupted run resumes where it stopped.
// Node only.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../../config.js';
import { UsageError } from '../../io.js';
import { createEngine, ENGINE_NAMES } from '../../simulator.js';
import type { EngineName } from '../../types.js';
import { batchRunner } from '../core/batchRunner.js';
import { cellProblems, type Cell } from '../core/cell.js';
import { isShard, isShardCount, shardSize, type Shard } from '../core/plan.js';
import { AbortError, runTrials, type RunControl, type Runner } from '../core/run.js';
import { flag, isPlainObject, objectIssues, oneOf, refuse, rule, shown, type Check, type Field } from '../options.js';
import { lockFile } from './lock.js';
import { startPool, WorkerError } from './pool.js';
import { progressBar } from './progress.js';
import { interruptedBy, onStopSignals } from './signals.js';
import {
  appendLines,
  byTrial,
  compactStore,
  inTrialOrder,
  openStore,
  recordLines,
  startOver,
  type StoreHeader,
  type TrialRecord,
  STORE_FORMAT,
} from './store.js';

export { DEFAULT_EXPERIMENT_ENGINE } from '../core/run.js';

/** Trials per task: enough to make messaging cheap, few enough to keep all workers busy. */
const MAX_BATCH = 500;

export type { Shard };

/** Parses 'i/N' (1 ≤ i ≤ N). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN,
    count = m ? Number(m[2]) : NaN;
  if (!m || !isShard(index, count))
    throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, e.g. --shard 2/3 for the second of three shards (got '${text}')`);
  return { index, count };
}

/** All cores. */
export const defaultWorkers = (): number => availableParallelism();

/** More threads than this only compete for the cores (and each holds its own engine). */
export const maxWorkers = (): number => 4 * availableParallelism();

/** How trials are run: worker threads, engine, and whether to report progress. */
export interface PoolOptions {
  /** Worker threads (default: all cores); 0 runs the trials in this thread. */
  workers: number;
  /** The engine of the trials (default 'reduced'; every engine gives the same bits). */
  engine: EngineName;
  /** No progress bar or notes on stderr. */
  quiet: boolean;
  /** Stop gracefully on SIGINT and SIGTERM, as the CLI does (the finished trials are saved). */
  signals?: boolean;
}

/** An API shard, by parseShard's rule, one line per field at fault. */
export const shardCheck: Check = (v, name) => {
  if (!isPlainObject(v)) return [`${name}: must be { index, count }, shard index of count (got ${shown(v)})`];
  const { index, count } = v,
    issues: string[] = [];
  const countOk = isShardCount(count);
  if (!countOk)
    issues.push(
      count === undefined
        ? `${name}.count: is required (a whole number ≥ 1)`
        : `${name}.count: must be a whole number ≥ 1 (got ${shown(count)})`,
    );
  const range = `a whole number from 1 to ${name}.count${countOk ? ` (${count})` : ''}`;
  if (!isShard(index, countOk ? count : Number.MAX_SAFE_INTEGER))
    issues.push(index === undefined ? `${name}.index: is required (${range})` : `${name}.index: must be ${range} (got ${shown(index)})`);
  const any: Field = { check: () => [] };
  return [...issues, ...objectIssues({ index: any, count: any }, v, name)];
};

/** Worker threads of an API run (the CLI's --workers, which also takes 0: this thread). */
export const workersCheck: Check = (v, name) =>
  rule(
    `a whole number from 0 (in this thread) to ${maxWorkers()}`,
    (w) => Number.isInteger(w) && (w as number) >= 0 && (w as number) <= maxWorkers(),
  )(v, name);

/** The PoolOptions fields, as every experiment function takes them. */
export const POOL_FIELDS: Record<keyof PoolOptions, Field> = {
  workers: { check: workersCheck },
  engine: { check: oneOf(ENGINE_NAMES) },
  quiet: { check: flag },
  signals: { check: flag },
};

/** Checks a programmatic workers count (the CLI's --workers is checked with its own message). */
export function checkWorkers(workers: number): number {
  refuse(workersCheck(workers, 'workers'));
  return workers;
}

export interface ExperimentRun extends PoolOptions {
  experiment: string;
  /** The normalised config; the store is only resumed by a run with the same config. */
  config: unknown;
  cells: Cell[];
  trials: number;
  shard?: Shard;
  /** The trial store (JSON lines); omitted: nothing is written and nothing resumed. */
  store?: string;
  /**
   * Start over: the store is replaced by one holding its header alone (refused when it is not a trial
   * file) and `outputs` are removed, both under the store's lock.
   */
  fresh?: boolean;
  /** The run's result files, written once all trials are done (what `fresh` removes). */
  outputs?: readonly string[];
  /**
   * Called once the workers have finished their first batch: the moment to start side work (such
   * as loading the plot renderer) without slowing the workers' own start.
   */
  onRunning?: () => void;
}

/** Runs (or resumes) the experiment; returns all of its records sorted by (cell, trial). */
export async function runExperiment(run: ExperimentRun, control: RunControl = {}): Promise<TrialRecord[]> {
  for (const cell of run.cells) validCell(cell); // fail fast on a cell that is not a valid run
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per batch in flight
  const stop = () => abort.abort(control.signal?.reason);
  if (control.signal?.aborted) stop();
  control.signal?.addEventListener('abort', stop, { once: true });
  // Ctrl-C and SIGTERM stop the run gracefully from the start (the finished trials are saved).
  let stoppedBy: NodeJS.Signals | undefined;
  const offSignals = run.signals
    ? onStopSignals((signal) => {
        stoppedBy = signal;
        abort.abort();
      })
    : undefined;
  const lock = run.store === undefined ? undefined : lockFile(run.store);
  try {
    const { records, total, saved } = await openAndRun(run, abort, control);
    if (stoppedBy) {
      throw interruptedBy(stoppedBy, `${saved} of ${total} trials are saved in ${run.store}; run the same command again to resume`);
    }
    if (abort.signal.aborted) {
      throw new AbortError(
        run.store === undefined
          ? `stopped after ${saved} of ${total} trials`
          : `stopped: ${saved} of ${total} trials are saved in ${run.store}; run again to resume`,
        saved,
        total,
        control.signal?.reason,
      );
    }
    return records;
  } finally {
    lock?.release();
    offSignals?.();
    control.signal?.removeEventListener('abort', stop);
  }
}

/** Throws a ConfigError naming the grid when a cell is not a valid run (every grid value passed its own check). */
function validCell(cell: Cell): void {
  try {
    cellProblems(cell);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const { cell: n, k, p, method, vStarNorm, aStarSum, aStarSpread, radiusScale } = cell;
    throw new ConfigError([
      `grid: cell ${n} (k ${k}, p ${p}, ${method}, vStarNorm ${vStarNorm}, aStarSum ${aStarSum}, ` +
        `aStarSpread ${aStarSpread}, radiusScale ${radiusScale}) is not a valid run: ${e.issues.join('; ')}`,
    ]);
  }
}

async function openAndRun(
  run: ExperimentRun,
  abort: AbortController,
  control: RunControl,
): Promise<{ records: TrialRecord[]; total: number; saved: number }> {
  const header: StoreHeader = { format: STORE_FORMAT, experiment: run.experiment, config: run.config, engine: run.engine };
  if (run.shard && run.shard.count > 1) header.shard = `${run.shard.index}/${run.shard.count}`;
  const all = run.cells.length * run.trials,
    total = shardSize(all, run.shard);
  const maxIter = run.cells.reduce((m, c) => Math.max(m, c.maxIter), 0);
  if (run.store !== undefined && run.fresh) startOver(run.store, header, run.outputs ?? []);
  const done =
    run.store === undefined
      ? []
      : openStore(run.store, header, {
          cells: run.cells.length,
          trials: run.trials,
          seed: run.cells[0]?.seed ?? 0,
          maxIter,
          shard: run.shard,
        });
  // The trials on disk (checked, distinct, of this shard), one bit each, keyed by cell × trials + trial.
  const doneBits = new Uint8Array(Math.ceil(all / 8));
  for (const r of done) {
    const i = r.cell * run.trials + r.trial;
    doneBits[i >> 3] |= 1 << (i & 7);
  }
  const resumed = done.length > 0,
    todo = total - done.length;
  if (resumed && todo > 0 && !run.quiet) process.stderr.write(`resuming ${run.store}: ${done.length} of ${total} trials already done\n`);
  const threads = Math.max(1, run.workers);
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(todo / (threads * 16))));
  const { finished, failure } =
    todo > 0 && !abort.signal.aborted
      ? await runBatches(
          run,
          (i) => (doneBits[i >> 3] & (1 << (i & 7))) !== 0,
          done.length,
          Math.ceil(todo / batchSize),
          batchSize,
          abort,
          control,
        )
      : { finished: [], failure: undefined };
  if (todo === 0) control.onProgress?.({ done: total, total }); // nothing left: done at the start
  if (failure) throw failure;
  const saved = done.length + finished.length;
  if (abort.signal.aborted) return { records: [], total, saved };
  // A run that started on an empty store has written its trials in order: it is complete as it is.
  if (!resumed && inTrialOrder(finished)) return { records: finished, total, saved };
  const records = done.concat(finished).sort(byTrial);
  if (run.store !== undefined) compactStore(run.store, header, records);
  return { records, total, saved };
}

/**
 * Runs the batches on a pool started for them (a few in flight at a time), or in this thread with
 * workers 0; appends their trials to the store in batch order (a batch that finishes early waits
 * for the ones before it; on an interruption the waiting ones are written as they are) and returns
 * them in that order.
 */
async function runBatches(
  run: ExperimentRun,
  done: (index: number) => boolean,
  already: number,
  count: number,
  batchSize: number,
  abort: AbortController,
  control: RunControl,
): Promise<{ finished: TrialRecord[]; failure?: unknown }> {
  const bar = run.quiet ? undefined : progressBar();
  let failure: unknown,
    onRunning = run.onRunning;
  const fail = (e: unknown) => {
    if (failure === undefined) failure = e;
    abort.abort();
  };
  // Once stopping, the pool's own complaints (a worker's reply to a cancelled task) are not failures.
  const pool =
    run.workers > 0
      ? startPool(Math.max(1, Math.min(run.workers, count)), (e) => {
          if (!abort.signal.aborted) fail(e);
        })
      : undefined;
  // Enough batches in flight to keep every worker and its queue busy, not the whole plan at once.
  const runner: Runner = pool
    ? {
        engine: run.engine,
        concurrency: 4 * run.workers,
        batchSize,
        run: (batch, signal) =>
          pool.run(batch, signal).catch((e) => {
            throw signal.aborted ? e : new WorkerError(e);
          }),
      }
    : { engine: run.engine, concurrency: 1, batchSize, run: inProcess() };
  const finished: TrialRecord[] = [];
  try {
    await runTrials(run, runner, {
      signal: abort.signal,
      done,
      already,
      onRecords: (records) => {
        if (run.store !== undefined) appendLines(run.store, recordLines(records));
        for (const r of records) finished.push(r);
      },
      onProgress: (progress) => {
        bar?.update(progress);
        control.onProgress?.(progress);
        if (progress.done > already) {
          onRunning?.();
          onRunning = undefined;
        }
      },
    });
  } catch (e) {
    if (!(e instanceof AbortError)) failure ??= e;
  } finally {
    bar?.stop();
    await pool?.close();
  }
  return { finished, failure };
}

/** Batches run in this thread, one engine per name (made on first use). */
function inProcess(): Runner['run'] {
  const run = batchRunner((engine) => createEngine({ engine }));
  // A macrotask between batches: an abort (or a signal) is heard before the next batch starts.
  return (batch) => new Promise((resolve) => setImmediate(resolve)).then(() => run(batch));
}
