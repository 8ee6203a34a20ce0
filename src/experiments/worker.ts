// A piscina worker thread: its own engine (its own WASM instance), running batches of trials of
// one cell. Results travel back as the runs' summaries, [outcome, iterations, φ, loss] per trial.
import { createEngine } from '../simulator.js';
import type { Engine } from '../problem.js';
import { cellProblems, type Batch } from './cell.js';

// The engine without the public API's Problem check: cellProblems builds sound Problems.
const engines = new Map<string, Promise<Engine>>();
const cells = new Map<string, ReturnType<typeof cellProblems>>();
const MAX_CACHED_ENTRIES = 4_000_000;
let cachedEntries = 0;

export default async function runBatch(batch: Batch): Promise<Float64Array> {
  // 'reduced' runs online SGD with the reduced SGD engine; a fixed training set has no reduction: 'wasm'.
  const name = batch.cell.data?.n !== undefined && batch.engine === 'reduced' ? 'wasm' : batch.engine;
  let engine = engines.get(name);
  if (!engine) engines.set(name, engine = createEngine({ engine: name }));
  const run = await engine;
  const key = JSON.stringify(batch.cell);
  let problemOf = cells.get(key);
  if (!problemOf) {
    // Each cached cell holds its teacher's vectors: bound their total length, not just their number.
    cachedEntries += batch.cell.k + batch.cell.p;
    if (cells.size >= 256 || cachedEntries > MAX_CACHED_ENTRIES) { cells.clear(); cachedEntries = batch.cell.k + batch.cell.p; }
    cells.set(key, problemOf = cellProblems(batch.cell));
  }
  // One call per batch: the reduced engine interleaves the runs.
  return run.runSummaries(batch.trials.map(problemOf));
}
