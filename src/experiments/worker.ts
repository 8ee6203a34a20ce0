// A piscina worker thread: its own engine (its own WASM instance), running batches of trials of
// one cell. Results travel back as [outcome, iterations, φ, loss] per trial in one Float64Array.
import { createSimulator, type Simulator } from '../simulator.js';
import { cellProblems, RESULT_WIDTH, type Batch } from './cell.js';

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
  const out = new Float64Array(batch.trials.length * RESULT_WIDTH);
  batch.trials.forEach((trial, i) => {
    const r = sim.runProblem(problemOf(trial));
    out.set([r.outcome, r.iterations, r.phi, r.loss], i * RESULT_WIDTH);
  });
  return out;
}
