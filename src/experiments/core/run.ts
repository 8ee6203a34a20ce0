// The batch loop every experiment shares, in Node (a worker pool or in-process) and in the browser:
// plans the trials (plan.ts), hands batches to a runner, delivers finished trials in batch order,
// reports progress by callback and stops on an AbortSignal. Browser-safe (no Node modules).
import { OUTCOME_NAMES, SUMMARY_WIDTH as W, type Outcome } from '../../problem.js';
import type { EngineName, OutcomeName } from '../../types.js';
import type { Batch, Cell } from './cell.js';
import { plannedBatches, shardSize, type Shard } from './plan.js';

/** The engine experiments use unless told otherwise (the CLI's --engine, the page's sweeps). */
export const DEFAULT_EXPERIMENT_ENGINE: EngineName = 'reduced';

/** One finished trial, as the trial store holds it. */
export interface TrialRecord {
  cell: number;
  trial: number;
  seed: number;
  outcome: OutcomeName;
  iterations: number;
  /** Final angle between w̄ and w*. */
  phi: number;
  loss: number;
}

/** Trials finished so far (resumed ones included) of the trials this run does. */
export interface Progress {
  done: number;
  total: number;
}

/** How a caller follows and stops an experiment. */
export interface RunControl {
  /** Called once at the start and after each finished batch; `done` never decreases. */
  onProgress?: (progress: Progress) => void;
  /** Aborting stops the run: no new batch starts, and the run rejects with an AbortError. */
  signal?: AbortSignal;
}

/** Runs one batch: [outcome, iterations, φ, loss] per trial (problem.ts SUMMARY_WIDTH). */
export type RunBatch = (batch: Batch, signal: AbortSignal) => Promise<Float64Array>;

/** Where runTrials sends its batches (the Node pool, this thread or a web worker), and how many at once. */
export interface Runner {
  run: RunBatch;
  /** The engine the batches name. */
  engine: EngineName;
  /** Batches in flight at once. */
  concurrency: number;
  /** Trials per batch. */
  batchSize: number;
}

export interface TrialsRun {
  cells: Cell[];
  trials: number;
  shard?: Shard;
}

/** runTrials' options beside the RunControl: trials already done (a resumed run) and where finished ones go. */
export interface TrialsOptions extends RunControl {
  /** Trials already done (numbered cell × trials + trial): skipped. */
  done?: (index: number) => boolean;
  /** How many of the shard's trials `done` holds (counted in progress). */
  already?: number;
  /** Finished trials, in batch order (on a stop, the waiting ones out of order). A throw stops the run. */
  onRecords?: (records: TrialRecord[]) => void;
}

/** The rejection of a stopped run: `saved` of its `total` trials are done (resumed ones included). */
export class AbortError extends Error {
  constructor(
    message: string,
    readonly saved: number,
    readonly total: number,
    readonly reason?: unknown,
  ) {
    super(message);
    this.name = 'AbortError';
  }
}

/**
 * Runs the trials of `run` not yet done and returns them in batch order. A runner failure, or a
 * throw from onRecords, stops the run and rejects with that error; an abort rejects with AbortError.
 */
export async function runTrials(run: TrialsRun, runner: Runner, options: TrialsOptions = {}): Promise<TrialRecord[]> {
  const { signal, onProgress, onRecords, already = 0 } = options;
  const total = shardSize(run.cells.length * run.trials, run.shard);
  const inner = new AbortController(); // stops the batches in flight, on an abort or a failure
  const stop = () => inner.abort(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    inner.abort(error);
  };
  const finished: TrialRecord[] = [];
  const deliver = (records: TrialRecord[]) => {
    onRecords?.(records);
    for (const r of records) finished.push(r);
  };
  let done = already;
  onProgress?.({ done, total });
  const waiting = new Map<number, TrialRecord[]>(); // finished batches behind an unfinished one
  let nextToDeliver = 0;
  const onDone = (index: number, batch: Batch, out: Float64Array) => {
    waiting.set(
      index,
      batch.trials.map(
        (trial, i): TrialRecord => ({
          cell: batch.cell.cell,
          trial,
          seed: batch.cell.seed,
          outcome: OUTCOME_NAMES[out[i * W] as Outcome],
          iterations: out[i * W + 1],
          phi: out[i * W + 2],
          loss: out[i * W + 3],
        }),
      ),
    );
    for (let ready: TrialRecord[] | undefined; (ready = waiting.get(nextToDeliver)); nextToDeliver++) {
      waiting.delete(nextToDeliver);
      deliver(ready);
    }
    done += batch.trials.length;
    onProgress?.({ done, total });
  };
  try {
    if (signal?.aborted) stop();
    const batches = plannedBatches({ ...run, engine: runner.engine }, options.done ?? (() => false), runner.batchSize);
    await new Promise<void>((resolve) => {
      let inFlight = 0,
        index = 0;
      const feed = () => {
        while (!inner.signal.aborted && inFlight < runner.concurrency) {
          const next = batches.next();
          if (next.done) break;
          const i = index++,
            batch = next.value;
          inFlight++;
          runner
            .run(batch, inner.signal)
            .then(
              (out) => onDone(i, batch, out),
              (e) => {
                if (!inner.signal.aborted) fail(e);
              },
            )
            .catch(fail) // a throw from onRecords or onProgress
            .finally(() => {
              inFlight--;
              feed();
            });
        }
        if (inFlight === 0) resolve();
      };
      feed();
    });
  } finally {
    signal?.removeEventListener('abort', stop);
    try {
      for (const records of waiting.values()) deliver(records); // out of order: a resumed run sorts them
    } catch (e) {
      failure ??= { error: e };
    }
  }
  if (failure) throw failure.error;
  if (inner.signal.aborted) {
    const saved = already + finished.length;
    throw new AbortError(`stopped after ${saved} of ${total} trials`, saved, total, signal?.reason);
  }
  return finished;
}
