// Runs the trials of an experiment on a pool of worker threads (piscina), appending each finished
// batch to the trial store so that an interrupted run resumes where it stopped.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import cliProgress from 'cli-progress';
import { OUTCOME_NAMES, SUMMARY_WIDTH as W, type Outcome } from '../problem.js';
import { UsageError, InterruptedError } from '../io.js';
import type { EngineName } from '../types.js';
import { cellProblems, type Batch, type Cell } from './cell.js';
import { appendLines, byTrial, compactStore, inTrialOrder, openStore, recordLines, trialKey, type StoreHeader, type TrialRecord, STORE_FORMAT } from './store.js';

/** The engine experiments use unless --engine says otherwise. */
export const DEFAULT_EXPERIMENT_ENGINE: EngineName = 'reduced';

// The compiled worker. From src/experiments (tests) and dist/experiments alike this is the
// package's dist/experiments/worker.js: worker threads cannot run TypeScript.
const WORKER_URL = new URL('../../dist/experiments/worker.js', import.meta.url);

/** Trials per task: enough to make messaging cheap, few enough to keep all workers busy. */
const MAX_BATCH = 500;

export interface Shard { index: number; count: number }

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

/**
 * The trials of this run (one shard's: every N-th trial in (cell, trial) order, which spreads
 * cheap and costly cells evenly over the shards).
 */
export function plannedTrials(cells: Cell[], trials: number, shard: Shard = { index: 1, count: 1 }): { cell: Cell; trial: number }[] {
  const out: { cell: Cell; trial: number }[] = [];
  for (const [i, cell] of cells.entries())
    for (let t = 0; t < trials; t++) if ((i * trials + t) % shard.count === shard.index - 1) out.push({ cell, trial: t });
  return out;
}

/** Runs (or resumes) the experiment; returns all of its records sorted by (cell, trial). */
export async function runExperiment(run: ExperimentRun): Promise<TrialRecord[]> {
  // Worker threads take a while to start: they do while this thread plans the trials.
  const pool = startPool(run, Math.ceil((run.cells.length * run.trials) / (run.shard?.count ?? 1)));
  try {
    return await planAndRun(run, pool);
  } finally {
    await pool.destroy();
  }
}

function startPool(run: ExperimentRun, trials: number): Piscina<Batch, Float64Array> {
  return batchPool(Math.max(1, Math.min(run.workers, trials)));
}

/** `threads` worker threads, each running Batches on its own engine. */
export function batchPool(threads: number): Piscina<Batch, Float64Array> {
  return new Piscina<Batch, Float64Array>({
    filename: WORKER_URL.href, minThreads: threads, maxThreads: threads,
    // A second batch waits in each worker's queue, so no worker idles while the main thread
    // is busy writing finished trials.
    concurrentTasksPerWorker: 2, atomics: 'disabled',
  });
}

async function planAndRun(run: ExperimentRun, pool: Piscina<Batch, Float64Array>): Promise<TrialRecord[]> {
  for (const cell of run.cells) cellProblems(cell); // fail fast on a cell that is not a valid run
  const header: StoreHeader = { format: STORE_FORMAT, experiment: run.experiment, config: run.config, engine: run.engine };
  if (run.shard && run.shard.count > 1) header.shard = `${run.shard.index}/${run.shard.count}`;
  const planned = plannedTrials(run.cells, run.trials, run.shard);
  let done = openStore(run.store, header), todo = planned;
  const resumed = done.length > 0;
  if (resumed) { // skip what is on disk (string keys cost time, so only here)
    const wanted = new Set(planned.map(({ cell, trial }) => trialKey({ cell: cell.cell, trial })));
    done = done.filter((r) => wanted.has(trialKey(r)));
    const doneKeys = new Set(done.map(trialKey));
    todo = planned.filter(({ cell, trial }) => !doneKeys.has(trialKey({ cell: cell.cell, trial })));
    if (todo.length > 0 && !run.quiet)
      process.stderr.write(`resuming ${run.store}: ${done.length} of ${planned.length} trials already done\n`);
  }
  const finished = await runBatches(run, pool, batchesOf(todo, run), planned.length, done.length);
  // A run that started on an empty store has written its trials in order: it is complete as it is.
  if (!resumed && inTrialOrder(finished)) return finished;
  const records = [...done, ...finished].sort(byTrial);
  compactStore(run.store, header, records);
  return records;
}

function batchesOf(todo: { cell: Cell; trial: number }[], run: ExperimentRun): Batch[] {
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(todo.length / (run.workers * 16))));
  const batches: Batch[] = [];
  for (const { cell, trial } of todo) {
    const last = batches.at(-1);
    if (last && last.cell === cell && last.trials.length < size) last.trials.push(trial);
    else batches.push({ engine: run.engine, cell, trials: [trial] });
  }
  return batches;
}

/**
 * Runs the batches; appends their trials to the store in batch order (a batch that finishes early
 * waits for the ones before it; on an interruption the waiting ones are written as they are) and
 * returns them in that order.
 */
async function runBatches(run: ExperimentRun, pool: Piscina<Batch, Float64Array>, batches: Batch[], total: number,
  already: number): Promise<TrialRecord[]> {
  if (batches.length === 0) return [];
  const bar = process.stderr.isTTY && !run.quiet
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | {value}/{total} trials | {duration_formatted} elapsed, ETA {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(total, already);
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per queued batch
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => { stoppedBy = signal; abort.abort(); };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const finished: TrialRecord[] = [];
  const waiting = new Map<number, TrialRecord[]>(); // finished batches behind an unfinished one
  let nextToWrite = 0, failure: unknown, onRunning = run.onRunning;
  const write = (records: TrialRecord[]) => {
    appendLines(run.store, recordLines(records));
    for (const r of records) finished.push(r);
  };
  try {
    await Promise.all(batches.map((batch, index) => pool.run(batch, { signal: abort.signal }).then((out) => {
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
    }, (e) => {
      if (!abort.signal.aborted) { failure = e; abort.abort(); }
    })));
  } finally {
    for (const records of waiting.values()) write(records); // out of order: a resumed run sorts the store
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    bar?.stop();
  }
  if (failure) throw failure;
  if (stoppedBy) {
    throw new InterruptedError(`interrupted by ${stoppedBy}: ${already + finished.length} of ${total} trials are saved in ${run.store}; `
      + 'run the same command again to resume', stoppedBy === 'SIGINT' ? 130 : 143);
  }
  return finished;
}
