// The pure-JS engines: the correctness oracles and the benchmark baselines.
import type { Engine, Problem, RawResult, SampledEngine } from '../problem.js';
import { SAMPLE_WIDTH, summariesOf, trajectoryCapacity, sampledTrajectoryLength } from '../problem.js';
import { runVector } from './population/run.js';
import { runReduced } from './population/reduced.js';
import { lossAndGradients } from './population/gradients.js';
import { runSampled } from './sampled/run.js';
import { runReducedSampled } from './sampled/reduced.js';

type RunLoop = (pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array) => RawResult;

function twin(loop: RunLoop): Engine {
  const run = (pr: Problem) => {
    const traj = new Float64Array(trajectoryCapacity(pr) * SAMPLE_WIDTH);
    return loop(pr, Float64Array.from(pr.x0), Float64Array.from(pr.a0), traj);
  };
  return { run, runMany: (problems) => problems.map(run), runSummaries: (problems) => summariesOf(problems.map(run)), lossAndGradients };
}

/** Twin of the SIMD vector engine (bit-identical). */
export const jsEngine: Engine = twin(runVector);
/** Twin of the reduced-dimension engine (bit-identical to its WASM build). */
export const reducedJsEngine: Engine = twin(runReduced);
/** Twin of the sampled-data engine (bit-identical to assembly/sampled). */
export const sampledJsEngine: SampledEngine = {
  run: (pr) => runSampled(pr, Float64Array.from(pr.x0), Float64Array.from(pr.a0), new Float64Array(sampledTrajectoryLength(pr))),
};
/** The reduced SGD loop on copies of a problem's start; without `vectors` the final w's direction is skipped (summaries). */
const reducedSgd = (pr: Problem, vectors = true) =>
  runReducedSampled(pr, Float64Array.from(pr.x0), Float64Array.from(pr.a0), new Float64Array(sampledTrajectoryLength(pr)), vectors);
/** Twin of the reduced SGD engine (bit-identical to assembly/sampled/reduced.ts). */
export const reducedSampledJsEngine: SampledEngine = {
  run: (pr) => reducedSgd(pr),
  runSummaries: (problems) => summariesOf(problems.map((pr) => reducedSgd(pr, false))),
};
