// A piscina worker thread: its own engine (its own WASM instance), running batches of trials of
// one cell. Results travel back as the runs' summaries, [outcome, iterations, φ, loss] per trial.
import { createSimulator, type Simulator } from '../simulator.js';
import { cellProblems, type Batch } from './cell.js';

const simulators = new Map<string, Promise<Simulator>>();
const cells = new Map<string, ReturnType<typeof cellProblems>>();
const MAX_CACHED_ENTRIES = 4_000_000;
let cachedEntries = 0;

export default async function runBatch(batch: Batch): Promise<Float64Array> {
  let simulator = simulators.get(batch.engine);
  if (!simulator) simulators.set(batch.engine, simulator = createSimulator({ engine: batch.engine }));
  const sim = await simulator;
  const key = JSON.stringify(batch.cell);
  let problemOf = cells.get(key);
  if (!problemOf) {
    // Each cached cell holds its teacher's vectors: bound their total length, not just their number.
    cachedEntries += batch.cell.k + batch.cell.p;
    if (cells.size >= 256 || cachedEntries > MAX_CACHED_ENTRIES) { cells.clear(); cachedEntries = batch.cell.k + batch.cell.p; }
    cells.set(key, problemOf = cellProblems(batch.cell));
  }
  // One call per batch: the reduced engine interleaves the runs.
  return sim.runSummaries(batch.trials.map(problemOf));
}
