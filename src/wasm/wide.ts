// The wide kernel's typed face: copies a wide Problem into engine memory (rows padded to even
// lengths), runs it (assembly/wide/run.ts), copies the result out.
import type { Problem, RawResult } from '../problem.js';
import { STAGE_WIDTH, WIDE_DESC, WIDE_OUT_WIDTH, WIDE_SAMPLE_WIDTH } from '../layout.js';
import type { WasmMemory } from './memory.js';
import { wideLayout } from './layouts.js';
import { padRows, wideResult } from '../twin/wide/rows.js';
import type { WideKernel } from '../twin/wide/index.js';

/** The SIMD wide kernel: one run at a time, each in its own arena. */
export function wasmWideKernel(mem: WasmMemory): WideKernel {
  return (pr: Problem, ones: Float64Array): RawResult => {
    const { r, rStar, lossTol, gradTol, gradWindow } = pr.wide!;
    const { blocks, placed: l } = wideLayout(pr);
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
      WIDE_DESC.write(
        {
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
          stages: ptr(l.stages),
          nStages: pr.stages.length / STAGE_WIDTH,
          maxIter: pr.maxIter,
          lossTol,
          gradTol,
          gradWindow,
          logEvery: pr.logEvery,
          traj: ptr(l.traj),
          trajCap: l.cap,
          out: ptr(l.out),
          ones: ptr(l.ones),
        },
        heap,
        l.desc,
      );
      mem.exports.runWide(ptr(l.desc));
      const view = mem.view(arena);
      const out = view.slice(l.out, l.out + WIDE_OUT_WIDTH + r);
      const samples = out[5] * (WIDE_SAMPLE_WIDTH + r);
      return wideResult(
        pr,
        out,
        out.slice(WIDE_OUT_WIDTH),
        view.slice(l.x, l.x + r * (pr.p + (pr.p & 1))),
        view.slice(l.a, l.a + r * (pr.k + (pr.k & 1))),
        view.slice(l.traj, l.traj + samples),
      );
    } finally {
      mem.free(arena);
    }
  };
}
