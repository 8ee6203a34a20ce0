// The wide kernels' typed faces: copy a wide Problem into engine memory (rows padded to even
// lengths), run it (assembly/wide/run.ts, or sampled.ts for a Problem with data), copy the result out.
import type { Problem, RawResult } from '../problem.js';
import { dataFields } from './sampled.js';
import {
  STAGE_WIDTH,
  WIDE_DESC,
  WIDE_OUT_WIDTH,
  WIDE_SAMPLE_WIDTH,
  WIDE_SAMPLED_DESC,
  WIDE_SAMPLED_OUT_WIDTH,
  WIDE_SAMPLED_SAMPLE_WIDTH,
} from '../layout.js';
import type { WasmMemory } from './memory.js';
import { wideLayout, wideSampledLayout } from './layouts.js';
import { padRows, wideResult } from '../twin/wide/rows.js';
import type { WideKernel } from '../twin/wide/index.js';

/** The arena's blocks both wide kernels share (src/wasm/layouts.ts: wideLayout, wideSampledLayout). */
type WideBlocks = Record<'x' | 'ws' | 'a' | 'as' | 'gx' | 'ga' | 'work' | 'stages' | 'traj' | 'cap' | 'out' | 'ones' | 'desc', number>;

/**
 * Runs a wide kernel's export on one Problem in its own arena: copies in the rows (padded) and the schedule, writes
 * the descriptor (the shared fields, then `fields` of the kernel's own), runs, and reads the out block
 * ([outcome, iterations, φ, L, ‖∇L‖, samples, …], `outWidth` numbers, then r angles) and the samples.
 */
function runInArena<L extends WideBlocks, F extends string>(
  mem: WasmMemory,
  pr: Problem,
  ones: Float64Array,
  layout: { blocks: { size: number }; placed: L },
  desc: { write(d: Record<F, number>, into: Float64Array, at: number): void },
  fields: (l: L, ptr: (at: number) => number) => Omit<Record<F, number>, keyof ReturnType<typeof sharedFields>>,
  run: (desc: number) => void,
  outWidth: number,
  sampleWidth: number,
  losses?: (out: Float64Array) => { batchLoss: number; trainLoss: number },
): RawResult {
  const { r, rStar } = pr.wide!;
  const { blocks, placed: l } = layout;
  const arena = mem.alloc(blocks.size);
  try {
    const heap = mem.view(arena);
    const ptr = (at: number) => arena.ptr + at * 8;
    heap.set(padRows(pr.x0, r, pr.p), l.x);
    heap.set(padRows(pr.a0, r, pr.k), l.a);
    heap.set(padRows(pr.wStar, rStar, pr.p), l.ws);
    heap.set(padRows(pr.aStar, rStar, pr.k), l.as);
    heap.set(pr.stages, l.stages);
    heap.set(ones, l.ones);
    desc.write({ ...sharedFields(pr, l, ptr), ...fields(l, ptr) } as Record<F, number>, heap, l.desc);
    run(ptr(l.desc));
    const view = mem.view(arena);
    const out = view.slice(l.out, l.out + outWidth + r);
    return wideResult(
      pr,
      out,
      out.slice(outWidth),
      view.slice(l.x, l.x + r * (pr.p + (pr.p & 1))),
      view.slice(l.a, l.a + r * (pr.k + (pr.k & 1))),
      view.slice(l.traj, l.traj + out[5] * (sampleWidth + r)),
      losses?.(out),
    );
  } finally {
    mem.free(arena);
  }
}

/** The descriptor fields both wide kernels read alike. */
function sharedFields(pr: Problem, l: WideBlocks, ptr: (at: number) => number) {
  const { r, rStar, lossTol } = pr.wide!;
  return {
    p: pr.p,
    k: pr.k,
    r,
    rStar,
    x: ptr(l.x),
    ws: ptr(l.ws),
    a: ptr(l.a),
    as: ptr(l.as),
    gx: ptr(l.gx),
    ga: ptr(l.ga),
    work: ptr(l.work),
    ones: ptr(l.ones),
    stages: ptr(l.stages),
    nStages: pr.stages.length / STAGE_WIDTH,
    maxIter: pr.maxIter,
    lossTol,
    logEvery: pr.logEvery,
    traj: ptr(l.traj),
    trajCap: l.cap,
    out: ptr(l.out),
  };
}

/** The SIMD wide kernel: one run at a time, each in its own arena. */
export function wasmWideKernel(mem: WasmMemory): WideKernel {
  return (pr, ones) =>
    runInArena(
      mem,
      pr,
      ones,
      wideLayout(pr),
      WIDE_DESC,
      () => ({ gradTol: pr.wide!.gradTol, gradWindow: pr.wide!.gradWindow }),
      mem.exports.runWide,
      WIDE_OUT_WIDTH,
      WIDE_SAMPLE_WIDTH,
    );
}

/** The SIMD wide sampled kernel (SPEC §9 on §8's data): one run at a time, its training set and scratch in its own arena. */
export function wasmWideSampledKernel(mem: WasmMemory): WideKernel {
  return (pr, ones) =>
    runInArena(
      mem,
      pr,
      ones,
      wideSampledLayout(pr),
      WIDE_SAMPLED_DESC,
      (l, ptr) => ({
        wb: ptr(l.wb),
        h: ptr(l.h),
        trapLoss: pr.wide!.trapLoss!,
        trapTime: pr.wide!.trapTime!,
        sample: ptr(l.sample),
        ...dataFields(pr.data!, l, ptr),
      }),
      mem.exports.runWideSampled,
      WIDE_SAMPLED_OUT_WIDTH,
      WIDE_SAMPLED_SAMPLE_WIDTH,
      (out) => ({ batchLoss: out[6], trainLoss: out[7] }),
    );
}
