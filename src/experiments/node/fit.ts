// `fit` (core/fit.ts) run in Node: each candidate's cells on the worker pool, every cell evaluation
// kept in a cache beside the results (a JSON-lines file as the trial store is, locked as it is), so
// that a fit stopped by a signal resumes where it stopped; then fit.json, fit.csv and fit.svg.
import { join } from 'node:path';
import { fitFigureSpec } from '../../plots/fitFigure.js';
import { OUTCOME_NAMES, SUMMARY_WIDTH } from '../../problem.js';
import {
  evaluationChecker,
  evaluationKey,
  evaluationLine,
  fitCells,
  fitCsv,
  fitSearch,
  type FitProgress,
  type FitResult,
  type FitSpec,
  type Simulate,
} from '../core/fit.js';
import { lockFile } from './lock.js';
import { startPool, type WorkerError, type WorkerPool } from './pool.js';
import { writeResultFiles } from './results.js';
import { interruptedBy, onStopSignals } from './signals.js';
import { appendLines, createLinesFile, readLinesFile, startOverLines } from './store.js';
import type { PoolOptions } from './trials.js';

export { DEFAULT_FREE, FIT_PARAM_NAMES, FIT_PARAMS, formatFit } from '../core/fit.js';
export { FIT_LIMITS } from '../../limits.js';
export type { FitCellResult, FitParamName, FitResult, FitSpec, FreeParam, ParamEstimate } from '../core/fit.js';

/** What `fit --out DIR` writes into DIR: the results and the evaluation cache. */
export const FIT_FILES = ['fit.json', 'fit.csv', 'fit.svg', 'fit.evaluations.jsonl'];

const CACHE = { format: 'shortcut-sim fit cache v1', name: 'a fit cache', advice: 'give another --out' };

export interface FitOptions extends FitSpec, PoolOptions {
  /** Output folder: fit.json, fit.csv, fit.svg and the cache fit.evaluations.jsonl. */
  out: string;
  /** Start over: the cache is replaced by an empty one and the result files removed first. */
  fresh?: boolean;
}

/** Runs (or resumes, through the cache) the fit and writes its files. */
export async function runFit(o: FitOptions): Promise<FitResult> {
  // From the start to the end, workers stopped included: a signal after the last evaluation lets the
  // fit write its files and finish normally.
  const stop = stopOnSignal();
  try {
    const cachePath = join(o.out, FIT_FILES[3]);
    const lock = lockFile(cachePath); // as the trial files: a second fit on the folder would duplicate the work
    try {
      if (o.fresh)
        startOverLines(
          cachePath,
          CACHE,
          { format: CACHE.format },
          FIT_FILES.slice(0, 3).map((f) => join(o.out, f)),
        );
      const cache = openCache(cachePath, o.quiet);
      let failure: WorkerError | undefined;
      const pool = startPool(Math.max(1, o.workers), (e) => {
        failure ??= e;
      });
      try {
        const result = await fitSearch(
          o,
          simulateCells(o, pool, cache, () => {
            if (failure) throw failure;
            stop.check();
          }),
          o.quiet ? {} : progressOnStderr(),
        );
        await writeResultFiles(
          o.out,
          FIT_FILES,
          result,
          fitCsv(result),
          fitFigureSpec(
            result.cells,
            `Target (Wilson 95% intervals) and fitted success rates; χ² ${result.pearsonChi2.toFixed(1)}, ${result.dof} dof`,
          ),
        );
        return result;
      } finally {
        await pool.close();
      }
    } finally {
      lock.release();
    }
  } finally {
    stop.release();
  }
}

/** The search's progress: each evaluation on a terminal (one line, rewritten), each stage always. */
function progressOnStderr(): FitProgress {
  const tty = process.stderr.isTTY;
  return {
    evaluation: (stage, trials, n, deviance, best) => {
      if (tty)
        process.stderr.write(
          `\rfit: ${stage}, ${trials} trials per cell: evaluation ${n}, G² ${deviance.toFixed(2)} (best ${best.toFixed(2)})   `,
        );
    },
    stage: (s) =>
      process.stderr.write(
        `${tty ? '\r' : ''}fit: ${s.name} done (${s.evaluations} evaluations at ${s.trials} trials per cell; best G² ${s.deviance.toFixed(2)})\n`,
      ),
  };
}

// ---- simulation with a cache of evaluated cells ---------------------------------------------

interface Cache {
  lookup: Map<string, number>;
  path: string;
}

/** The cache of evaluated cells: JSON lines after a header line. */
function openCache(path: string, quiet: boolean): Cache {
  if (createLinesFile(path, { format: CACHE.format })) return { lookup: new Map(), path };
  const lookup = readFitCache(path);
  if (!quiet && lookup.size > 0) process.stderr.write(`fit: resuming with ${lookup.size} cached cell evaluations from ${path}\n`);
  return { lookup, path };
}

/**
 * The cached evaluations (cell key → successes), every line checked as trial files are; a partial
 * last line (a kill while appending) is dropped and cut off the file.
 */
export function readFitCache(path: string): Map<string, number> {
  const lookup = new Map<string, number>();
  for (const value of readLinesFile(path, CACHE, true, evaluationChecker).values) {
    const { successes, ...key } = value as { successes: number };
    if (!lookup.has(JSON.stringify(key))) lookup.set(JSON.stringify(key), successes);
  }
  return lookup;
}

/** Successes per target cell under `params`, from the cache or the worker pool. */
function simulateCells(o: FitOptions, pool: WorkerPool, cache: Cache, checkStop: () => void): Simulate {
  const GLOBAL = OUTCOME_NAMES.indexOf('global');
  return async (params, trials) => {
    checkStop();
    const cells = fitCells(o, params);
    const keys = cells.map((cell) => evaluationKey(cell, trials));
    const size = Math.max(50, Math.ceil(trials / (2 * o.workers)));
    const counts = await Promise.all(
      cells.map(async (cell, i) => {
        const cached = cache.lookup.get(keys[i]);
        if (cached !== undefined) return cached;
        const batches: Promise<Float64Array>[] = [];
        for (let t0 = 0; t0 < trials; t0 += size)
          // A fit stops between evaluations (checkStop), not inside one, so nothing aborts a batch. Each
          // has its own signal: one shared by every batch in flight (cells × batches) would carry more
          // abort listeners than EventTarget's warning limit (10).
          batches.push(
            pool.run(
              { engine: o.engine, cell, trials: Array.from({ length: Math.min(size, trials - t0) }, (_, j) => t0 + j) },
              new AbortController().signal,
            ),
          );
        let successes = 0;
        for (const out of await Promise.all(batches))
          for (let j = 0; j < out.length; j += SUMMARY_WIDTH) if (out[j] === GLOBAL) successes++;
        return successes;
      }),
    );
    const fresh = cells.map((_, i) => i).filter((i) => !cache.lookup.has(keys[i]));
    if (fresh.length > 0) {
      appendLines(cache.path, fresh.map((i) => evaluationLine(keys[i], counts[i])).join(''));
      for (const i of fresh) cache.lookup.set(keys[i], counts[i]);
    }
    return counts;
  };
}

/** SIGINT/SIGTERM stop the fit before its next evaluation; what was evaluated stays cached. */
function stopOnSignal(): { check: () => void; release: () => void } {
  let signal: NodeJS.Signals | undefined;
  const release = onStopSignals((s) => {
    signal = s;
  });
  return {
    check: () => {
      if (signal) throw interruptedBy(signal, 'evaluated cells are cached; run the same command again to resume');
    },
    release,
  };
}
