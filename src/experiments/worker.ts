// A piscina worker thread: its own engine (its own WASM instance), running batches of trials of
// one cell. Results travel back as the runs' summaries, [outcome, iterations, φ, loss] per trial.
import { createSimulator, type Simulator } from '../simulator.js';
import { cellProblems, type Batch } from './cell.js';

const simulators = new Map<string, Promise<Simulator>>();
const cells = new Map<string, ReturnType<typeof cellProblems>>();

export default async function runBatch(batch: Batch): Promise<Float64Array> {
  let simulator = simulators.get(batch.engine);
  if (!simulator) simulators.set(batch.engine, simulator = createSimulator({ engine: batch.engine }));
  const sim = await simulator;
  const key = JSON.stringify(batch.cell);
  let problemOf = cells.get(key);
  if (!problemOf) {
    if (cells.size > 256) cells.clear();
    cells.set(key, problemOf = cellProblems(batch.cell));
  }
  // One call per batch: the reduced engine interleaves the runs.
  return sim.runSummaries(batch.trials.map(problemOf));
}
