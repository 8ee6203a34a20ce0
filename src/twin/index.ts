// The pure-JS engine: the correctness oracle and the benchmark baseline.
import type { Engine } from '../problem.js';
import { SAMPLE_WIDTH, trajectoryCapacity } from '../problem.js';
import { runVector } from './run.js';
import { lossAndGradients } from './gradients.js';

export const jsEngine: Engine = {
  run(pr) {
    const traj = new Float64Array(trajectoryCapacity(pr) * SAMPLE_WIDTH);
    return runVector(pr, Float64Array.from(pr.x0), Float64Array.from(pr.a0), traj);
  },
  lossAndGradients,
};
