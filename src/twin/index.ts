// The pure-JS engines: the correctness oracles and the benchmark baselines.
import type { Engine, Problem, RawResult } from '../problem.js';
import { SAMPLE_WIDTH, SUMMARY_WIDTH, trajectoryCapacity } from '../problem.js';
import { runVector } from './population/run.js';
import { runReduced } from './population/reduced.js';
import { lossAndGradients } from './population/gradients.js';

type RunLoop = (pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array) => RawResult;

function twin(loop: RunLoop): Engine {
  const run = (pr: Problem) => {
    const traj = new Float64Array(trajectoryCapacity(pr) * SAMPLE_WIDTH);
    return loop(pr, Float64Array.from(pr.x0), Float64Array.from(pr.a0), traj);
  };
  return { run, runMany: (problems) => problems.map(run), runSummaries: (problems) => summaries(problems.map(run)), lossAndGradients };
}

/** [outcome, iterations, φ, L] of each result, in one array. */
function summaries(results: RawResult[]): Float64Array {
  const out = new Float64Array(results.length * SUMMARY_WIDTH);
  results.forEach((r, i) => out.set([r.outcome, r.iterations, r.phi, r.loss], i * SUMMARY_WIDTH));
  return out;
}

/** Twin of the SIMD vector engine (bit-identical). */
export const jsEngine: Engine = twin(runVector);
/** Twin of the reduced-dimension engine (bit-identical to its WASM build). */
export const reducedJsEngine: Engine = twin(runReduced);
