// The wide student's engines (SPEC §9) from a kernel: the vector engine runs the kernel on the rows
// themselves, the reduced engine on their coordinates in the invariant subspaces (./reduced.ts); on sampled
// data (./sampled.ts) only the rows themselves.
import { summariesOf, trajectoryCapacity, type Engine, type Problem, type RawResult } from '../../problem.js';
import { WIDE_SAMPLE_WIDTH } from '../../layout.js';
import { runWide } from './run.js';
import { padRows, wideResult } from './rows.js';
import { inCoordinates } from './reduced.js';
import { runWideSampled } from './sampled.js';

/** The face of a wide engine: the runs of Engine, for wide Problems. */
export type WideEngine = Pick<Engine, 'run' | 'runMany' | 'runSummaries'>;

/** A wide run loop: the Problem's rows, and `ones`, the coordinates of 1_k in the space of its rows of k. */
export type WideKernel = (pr: Problem, ones: Float64Array) => RawResult;

/** The JS twin of assembly/wide/run.ts (bit-identical). */
export const wideJsKernel: WideKernel = (pr, ones) => {
  const { r, rStar, lossTol, gradTol, gradWindow } = pr.wide!;
  const x = padRows(pr.x0, r, pr.p),
    a = padRows(pr.a0, r, pr.k);
  const traj = new Float64Array(trajectoryCapacity(pr) * (WIDE_SAMPLE_WIDTH + r));
  const o = runWide({
    p: pr.p,
    k: pr.k,
    r,
    rStar,
    x,
    a,
    ws: padRows(pr.wStar, rStar, pr.p),
    as: padRows(pr.aStar, rStar, pr.k),
    ones,
    stages: pr.stages,
    maxIter: pr.maxIter,
    lossTol,
    gradTol,
    gradWindow,
    logEvery: pr.logEvery,
    traj,
  });
  return wideResult(
    pr,
    [o.outcome, o.iterations, o.phi, o.loss, o.gradNorm],
    o.angles,
    x,
    a,
    traj.slice(0, o.samples * (WIDE_SAMPLE_WIDTH + r)),
  );
};

function engineOf(run: (pr: Problem) => RawResult): WideEngine {
  return { run, runMany: (problems) => problems.map(run), runSummaries: (problems) => summariesOf(problems.map(run)) };
}

/** The vector engine of a kernel: O(r(r + r*)(p + k)) per step. */
export const wideEngineOf = (kernel: WideKernel): WideEngine => engineOf((pr) => kernel(pr, new Float64Array(pr.k).fill(1)));

/** The reduced engine of a kernel (SPEC §9's invariant subspaces): O(r(r + r*)²) per step after an O((r + r*)²(k + p)) set-up. */
export const reducedWideEngineOf = (kernel: WideKernel): WideEngine => engineOf((pr) => inCoordinates(pr, kernel));

export const wideJsEngine: WideEngine = wideEngineOf(wideJsKernel);

/** The JS twin of assembly/wide/sampled.ts (bit-identical): SGD for a wide student on sampled data. */
export const wideSampledJsKernel: WideKernel = runWideSampled;

export const wideSampledJsEngine: WideEngine = wideEngineOf(wideSampledJsKernel);
