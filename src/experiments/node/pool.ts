// The experiment workers' thread pool (Node only, piscina). It is closed only once every worker
// has loaded its module: terminating a thread that is still instantiating ES modules aborts V8.
import { Piscina } from 'piscina';
import type { Batch } from '../core/cell.js';

// The compiled worker. From src/experiments/node (tests) and dist/experiments/node alike this is the
// package's dist/experiments/node/worker.js: worker threads cannot run TypeScript.
const WORKER_URL = new URL('../../../dist/experiments/node/worker.js', import.meta.url);

/** What piscina's worker posts once the task module is loaded (piscina/dist/common.js READY). */
const PISCINA_READY = '_WORKER_READY';

/** A worker thread failed (it crashed, or its module could not load): printed as one line, exit code 1. */
export class WorkerError extends Error {
  constructor(cause: unknown) {
    super(`a worker thread failed: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
    this.name = 'WorkerError';
  }
}

export interface WorkerPool {
  run(batch: Batch, signal: AbortSignal): Promise<Float64Array>;
  /** Stops the threads, after waiting for those still starting. */
  close(): Promise<void>;
}

/** Starts `threads` workers; `onError` hears failures that belong to no task. */
export function startPool(threads: number, onError: (e: WorkerError) => void): WorkerPool {
  const pool = new Piscina<Batch, Float64Array>({
    filename: WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    // A second batch waits in each worker's queue, so no worker idles while the main thread
    // is busy writing finished trials.
    concurrentTasksPerWorker: 2,
    atomics: 'disabled',
  });
  pool.on('error', (e) => onError(new WorkerError(e)));
  const loaded = Promise.all(
    pool.threads.map(
      (thread) =>
        new Promise<void>((resolve) => {
          const onMessage = (m: unknown) => {
            if (typeof m === 'object' && m !== null && PISCINA_READY in m) {
              thread.off('message', onMessage);
              resolve();
            }
          };
          thread
            .on('message', onMessage)
            .once('exit', () => resolve())
            .once('error', () => resolve());
        }),
    ),
  );
  return {
    run: (batch, signal) => pool.run(batch, { signal }),
    async close() {
      await loaded;
      await pool.destroy();
    },
  };
}
