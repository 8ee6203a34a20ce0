// A piscina worker thread: its own engine (its own WASM instance), running batches of trials of
// one cell. Results travel back as the runs' summaries, [outcome, iterations, φ, loss] per trial.
import { createSimulator, type Simulator } from '../simulator.js';
import { cellProblems, type Batch } from './cell.js';

const simulators = new Map<string, Promise<Simulator>>();
const cells = new Map<string, ReturnType<typeof cellProblems>>();

export default async function runBatch(batch: Batch): Promise<Float64Array> {
  // 'reduced' runs online SGD with the reduced SGD engine; a fixed training set has no reduction: 'wasm'.
  const engine = batch.cell.data?.n !== undefined && batch.engine === 'reduced' ? 'wasm' : batch.engine;
  let simulator = simulators.get(engine);
  if (!simulator) simulators.set(engine, simulator = createSimulator({ engine }));
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
