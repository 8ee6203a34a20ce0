// The wide student's pure-JS engine: the twin of assembly/wide (bit-identical).
import { summariesOf, trajectoryCapacity, type Engine, type Problem, type RawResult } from '../../problem.js';
import { WIDE_SAMPLE_WIDTH } from '../../layout.js';
import { runWide } from './run.js';
import { padRows, wideResult } from './rows.js';

/** The face of a wide engine: the runs of Engine, for wide Problems. */
export type WideEngine = Pick<Engine, 'run' | 'runMany' | 'runSummaries'>;

function run(pr: Problem): RawResult {
  const { r, rStar, lossTol, gradTol, gradWindow } = pr.wide!;
  const x = padRows(pr.x0, r, pr.p), a = padRows(pr.a0, r, pr.k);
  const traj = new Float64Array(trajectoryCapacity(pr) * (WIDE_SAMPLE_WIDTH + r));
  const o = runWide({
    p: pr.p, k: pr.k, r, rStar, x, a, ws: padRows(pr.wStar, rStar, pr.p), as: padRows(pr.aStar, rStar, pr.k),
    stages: pr.stages, maxIter: pr.maxIter, lossTol, gradTol, gradWindow, logEvery: pr.logEvery, traj,
  });
  return wideResult(pr, [o.outcome, o.iterations, o.phi, o.loss, o.gradNorm], o.angles, x, a,
    traj.slice(0, o.samples * (WIDE_SAMPLE_WIDTH + r)));
}

export const wideJsEngine: WideEngine = {
  run, runMany: (problems) => problems.map(run), runSummaries: (problems) => summariesOf(problems.map(run)),
};
