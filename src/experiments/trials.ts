// Runs the trials of an experiment on a pool of worker threads (pool.ts), appending each finished
// batch to the trial store so that an interrupted run resumes where it stopped. Node only.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { ConfigError } from '../config.js';
import { OUTCOME_NAMES, SUMMARY_WIDTH as W, type Outcome } from '../problem.js';
import { UsageError, InterruptedError } from '../io.js';
import type { EngineName } from '../types.js';
import { cellProblems, type Batch, type Cell } from './cell.js';
import { plannedBatches, shardSize, type Shard } from './plan.js';
import { lockFile } from './lock.js';
import { startPool, WorkerError } from './pool.js';
import { appendLines, byTrial, compactStore, inTrialOrder, openStore, recordLines, type StoreHeader, type TrialRecord, STORE_FORMAT } from './store.js';

/** The engine experiments use unless --engine says otherwise. */
export const DEFAULT_EXPERIMENT_ENGINE: EngineName = 'reduced';

/** Trials per task: enough to make messaging cheap, few enough to keep all workers busy. */
const MAX_BATCH = 500;


export type { Shard };

/** Parses 'i/N' (1 ≤ i ≤ N). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, e.g. --shard 2/3 for the second of three shards (got '${text}')`);
  return { index, count };
}

/** All cores. */
export const defaultWorkers = (): number => availableParallelism();

/** More threads than this only compete for the cores (and each holds its own engine). */
export const maxWorkers = (): number => 4 * availableParallelism();

/** How trials are run: worker threads, engine, and whether to report progress. */
export interface PoolOptions {
  workers: number;
  engine: EngineName;
  quiet: boolean;
}

export interface ExperimentRun extends PoolOptions {
  experiment: string;
  /** The normalised config; the store is only resumed by a run with the same config. */
  config: unknown;
  cells: Cell[];
  trials: number;
  shard?: Shard;
  /** The trial store (JSON lines). */
  store: string;
  /**
   * Called once the workers have finished their first batch: the moment to start side work (such
   * as loading the plot renderer) without slowing the workers' own start.
   */
  onRunning?: () => void;
}

/** Runs (or resumes) the experiment; returns all of its records sorted by (cell, trial). */
export async function runExperiment(run: ExperimentRun): Promise<TrialRecord[]> {
  for (const cell of run.cells) validCell(cell); // fail fast on a cell that is not a valid run
  // Ctrl-C and SIGTERM stop the run gracefully from the start (the finished trials are saved).
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per batch in flight
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => { stoppedBy = signal; abort.abort(); };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const lock = lockFile(run.store);
  try {
    const { records, total, saved } = await openAndRun(run, abort);
    if (stoppedBy) {
      throw new InterruptedError(`interrupted by ${stoppedBy}: ${saved} of ${total} trials are saved in ${run.store}; `
        + 'run the same command again to resume', stoppedBy === 'SIGINT' ? 130 : 143);
    }
    return records;
  } finally {
    lock.release();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** Throws a ConfigError naming the grid when a cell is not a valid run (every grid value passed its own check). */
function validCell(cell: Cell): void {
  try {
    cellProblems(cell);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const { cell: n, k, p, method, vStarNorm, aStarSum, aStarSpread, radiusScale } = cell;
    throw new ConfigError([`grid: cell ${n} (k ${k}, p ${p}, ${method}, vStarNorm ${vStarNorm}, aStarSum ${aStarSum}, `
      + `aStarSpread ${aStarSpread}, radiusScale ${radiusScale}) is not a valid run: ${e.issues.join('; ')}`]);
  }
}

async function openAndRun(run: ExperimentRun, abort: AbortController): Promise<{ records: TrialRecord[]; total: number; saved: number }> {
  const header: StoreHeader = { format: STORE_FORMAT, experiment: run.experiment, config: run.config, engine: run.engine };
  if (run.shard && run.shard.count > 1) header.shard = `${run.shard.index}/${run.shard.count}`;
  const all = run.cells.length * run.trials, total = shardSize(all, run.shard);
  const maxIter = run.cells.reduce((m, c) => Math.max(m, c.maxIter), 0);
  const done = openStore(run.store, header, { cells: run.cells.length, trials: run.trials, seed: run.cells[0]?.seed ?? 0, maxIter, shard: run.shard });
  // The trials on disk (checked, distinct, of this shard), one bit each, keyed by cell × trials + trial.
  const doneBits = new Uint8Array(Math.ceil(all / 8));
  for (const r of done) { const i = r.cell * run.trials + r.trial; doneBits[i >> 3] |= 1 << (i & 7); }
  const resumed = done.length > 0, todo = total - done.length;
  if (resumed && todo > 0 && !run.quiet)
    process.stderr.write(`resuming ${run.store}: ${done.length} of ${total} trials already done\n`);
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(todo / (run.workers * 16))));
  const batches = plannedBatches(run, (i) => (doneBits[i >> 3] & (1 << (i & 7))) !== 0, size);
  const { finished, failure } = todo > 0 && !abort.signal.aborted
    ? await runBatches(run, batches, Math.ceil(todo / size), total, done.length, abort)
    : { finished: [], failure: undefined };
  if (failure) throw failure;
  const saved = done.length + finished.length;
  if (abort.signal.aborted) return { records: [], total, saved };
  // A run that started on an empty store has written its trials in order: it is complete as it is.
  if (!resumed && inTrialOrder(finished)) return { records: finished, total, saved };
  const records = done.concat(finished).sort(byTrial);
  compactStore(run.store, header, records);
  return { records, total, saved };
}

/**
 * Runs the batches on a pool started for them (a few in flight at a time); appends their trials
 * to the store in batch order (a batch that finishes early waits for the ones before it; on an
 * interruption the waiting ones are written as they are) and returns them in that order.
 */
async function runBatches(run: ExperimentRun, batches: Iterator<Batch>, count: number, total: number, already: number,
  abort: AbortController): Promise<{ finished: TrialRecord[]; failure?: unknown }> {
  const bar = process.stderr.isTTY && !run.quiet
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | {value}/{total} trials | {duration_formatted} elapsed, ETA {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(total, already);
  let failure: unknown, onRunning = run.onRunning;
  const fail = (e: unknown) => { if (failure === undefined) failure = e; abort.abort(); };
  const pool = startPool(Math.max(1, Math.min(run.workers, count)), fail);
  const finished: TrialRecord[] = [];
  const waiting = new Map<number, TrialRecord[]>(); // finished batches behind an unfinished one
  let nextToWrite = 0;
  const write = (records: TrialRecord[]) => {
    appendLines(run.store, recordLines(records));
    for (const r of records) finished.push(r);
  };
  const onDone = (index: number, batch: Batch, out: Float64Array) => {
    waiting.set(index, batch.trials.map((trial, i): TrialRecord => ({
      cell: batch.cell.cell, trial, seed: batch.cell.seed, outcome: OUTCOME_NAMES[out[i * W] as Outcome],
      iterations: out[i * W + 1], phi: out[i * W + 2], loss: out[i * W + 3],
    })));
    for (let ready; (ready = waiting.get(nextToWrite)); nextToWrite++) {
      waiting.delete(nextToWrite);
      write(ready);
    }
    bar?.increment(batch.trials.length);
    onRunning?.();
    onRunning = undefined;
  };
  try {
    // Enough batches in flight to keep every worker and its queue busy, not the whole plan at once.
    const window = 4 * run.workers;
    await new Promise<void>((resolve) => {
      let inFlight = 0, index = 0;
      const feed = () => {
        while (!abort.signal.aborted && inFlight < window) {
          const next = batches.next();
          if (next.done) break;
          const i = index++, batch = next.value;
          inFlight++;
          pool.run(batch, abort.signal)
            .then((out) => onDone(i, batch, out), (e) => { if (!abort.signal.aborted) fail(new WorkerError(e)); })
            .catch(fail) // a failed write
            .finally(() => { inFlight--; feed(); });
        }
        if (inFlight === 0) resolve();
      };
      feed();
    });
  } finally {
    try {
      for (const records of waiting.values()) write(records); // out of order: a resumed run sorts the store
    } catch (e) {
      failure ??= e;
    }
    bar?.stop();
    await pool.close();
  }
  return { finished, failure };
}
