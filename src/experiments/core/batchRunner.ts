// Runs batches of trials of one cell on an engine: the body of a pool worker thread, of an
// in-process Node run and of the page's Web Worker alike. Results are the runs' summaries,
// [outcome, iterations, φ, loss] per trial. Browser-safe: the caller makes the engines.
import type { Problem } from '../../problem.js';
import type { EngineName } from '../../types.js';
import { engineFor, familyOf } from '../../engines.js';
import { cellProblems, isWideCell, type Batch, type Cell } from './cell.js';

/** What a batch needs of an engine (problem.ts Engine, or a Simulator). */
export interface SummaryEngine {
  /** [outcome, iterations, φ, L] per problem (SUMMARY_WIDTH numbers each). */
  runSummaries(problems: Problem[]): Float64Array;
}

/** Each cached cell holds its teacher's vectors: bound their total length, not just their number. */
const MAX_CACHED_ENTRIES = 4_000_000;

/**
 * The engine a cell's trials run on: `engine`, or the one it hands a family it refuses to (src/engines.ts);
 * a cell of wide students (width or teacherWidth above 1) belongs to the wide family.
 */
export function cellEngine(engine: EngineName, data?: { n?: number }, widths: Pick<Cell, 'width' | 'teacherWidth'> = {}): EngineName {
  return engineFor(engine, familyOf({ data: data && { online: data.n === undefined }, wide: isWideCell(widths) }));
}

/** A batch → summaries function over the engines `engineFor` makes (each made once, on first use). */
export function batchRunner(engineFor: (name: EngineName) => Promise<SummaryEngine>): (batch: Batch) => Promise<Float64Array> {
  const engines = new Map<string, Promise<SummaryEngine>>();
  const cells = new Map<string, ReturnType<typeof cellProblems>>();
  let cachedEntries = 0;
  return async (batch) => {
    const name = cellEngine(batch.engine, batch.cell.data, batch.cell);
    let engine = engines.get(name);
    if (!engine) engines.set(name, (engine = engineFor(name)));
    const run = await engine;
    const key = JSON.stringify(batch.cell);
    let problemOf = cells.get(key);
    if (!problemOf) {
      const entries = ((batch.cell.teacherWidth ?? 1) + (batch.cell.width ?? 1)) * (batch.cell.k + batch.cell.p);
      cachedEntries += entries;
      if (cells.size >= 256 || cachedEntries > MAX_CACHED_ENTRIES) {
        cells.clear();
        cachedEntries = entries;
      }
      cells.set(key, (problemOf = cellProblems(batch.cell)));
    }
    // One call per batch: the reduced engine interleaves the runs.
    return run.runSummaries(batch.trials.map(problemOf));
  };
}
