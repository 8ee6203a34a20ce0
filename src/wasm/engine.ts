// The WASM engines' typed face: copies Problems into engine memory, runs them, copies results out.
import type { Engine, Problem, RawResult, StatePoint, LossAndGradients, Outcome } from '../problem.js';
import { SAMPLE_WIDTH, trajectoryCapacity } from '../problem.js';
import type { F64Block, WasmMemory } from './memory.js';

/** The blocks of one run in engine memory. */
interface Blocks { x: F64Block; a: F64Block; traj: F64Block; out: F64Block; scratch: F64Block; args: number[] }

const OUT_WIDTH = 6; // outcome, iterations, φ, L, ‖x‖, samples
const DESC = 19;     // the arguments of one run (assembly/reduced.ts)
const CHUNK_VALUES = 1 << 21; // 16 MB of vectors in engine memory per reduced chunk

/** f64 values a run keeps in engine memory: x, a, scratch and the trajectory. */
function chunkSize(pr: Problem): number {
  return pr.p + 2 * pr.k + trajectoryCapacity(pr) * SAMPLE_WIDTH;
}

/** The SIMD vector engine ('wasm'), or with `reduced` the reduced-dimension engine ('reduced'). */
export function wasmEngine(mem: WasmMemory, reduced = false): Engine {
  const ex = mem.exports;

  /** Copies a problem in; teacher arrays shared between problems are copied once (`shared`). */
  function copyIn(pr: Problem, shared: Map<Float64Array, F64Block>): Blocks {
    const once = (v: Float64Array) => {
      let b = shared.get(v);
      if (!b) shared.set(v, b = mem.allocFrom(v));
      return b;
    };
    const cap = trajectoryCapacity(pr);
    const x = mem.allocFrom(pr.x0), a = mem.allocFrom(pr.a0);
    const ws = once(pr.wStar), as = once(pr.aStar), ab = once(pr.aBar), stages = once(pr.stages);
    const traj = mem.alloc(cap * SAMPLE_WIDTH), out = mem.alloc(OUT_WIDTH), scratch = mem.alloc(reduced ? pr.k : 0);
    const args = [pr.p, pr.k, x.ptr, ws.ptr, a.ptr, as.ptr, ab.ptr, scratch.ptr, stages.ptr, pr.stages.length / 3,
      pr.maxIter, pr.tol, pr.trapAngle, pr.trapRadius, pr.trapPossible ? 1 : 0, pr.logEvery, traj.ptr, cap, out.ptr];
    return { x, a, traj, out, scratch, args };
  }

  /** The results, their vectors copied out into one buffer per batch. */
  function copyOut(blocks: Blocks[]): RawResult[] {
    const outs = blocks.map((b) => mem.view(b.out).slice());
    const copies = mem.copyAll(blocks.flatMap((b, i) => [b.x, b.a, { ptr: b.traj.ptr, length: outs[i][5] * SAMPLE_WIDTH }]));
    return outs.map(([outcome, iterations, phi, loss, norm], i) => ({
      outcome: outcome as Outcome, iterations, phi, loss, norm,
      x: copies[3 * i], a: copies[3 * i + 1], trajectory: copies[3 * i + 2],
    }));
  }

  /** Runs problems that are all in engine memory at once (the reduced engine interleaves them). */
  function runChunk(problems: Problem[]): RawResult[] {
    const shared = new Map<Float64Array, F64Block>();
    const blocks: Blocks[] = [];
    let descs: F64Block | undefined;
    try {
      for (const pr of problems) blocks.push(copyIn(pr, shared));
      if (reduced) {
        descs = mem.alloc(blocks.length * DESC);
        const view = mem.view(descs);
        blocks.forEach((b, i) => view.set(b.args, i * DESC));
        ex.runReducedMany(problems.length, descs.ptr);
      } else {
        for (const { args } of blocks) {
          const [p, k, x, ws, a, as, ab, , ...rest] = args;
          ex.runVector(...([p, k, x, ws, a, as, ab, ...rest] as Parameters<typeof ex.runVector>));
        }
      }
      return copyOut(blocks);
    } finally {
      for (const b of blocks) mem.free(b.x, b.a, b.traj, b.out, b.scratch);
      mem.free(...shared.values());
      if (descs) mem.free(descs);
    }
  }

  /**
   * Runs the problems in chunks that keep engine memory small: the vector engine one by one, the
   * reduced engine up to CHUNK_VALUES f64 of vectors at a time.
   */
  function runMany(problems: Problem[]): RawResult[] {
    const results: RawResult[] = [];
    for (let i = 0; i < problems.length;) {
      let end = i + 1, size = chunkSize(problems[i]);
      while (reduced && end < problems.length && size + chunkSize(problems[end]) <= CHUNK_VALUES) size += chunkSize(problems[end++]);
      results.push(...runChunk(problems.slice(i, end)));
      i = end;
    }
    return results;
  }

  return {
    run: (pr) => runMany([pr])[0],
    runMany,

    lossAndGradients(s: StatePoint): LossAndGradients {
      const x = mem.allocFrom(s.x), ws = mem.allocFrom(s.wStar);
      const a = mem.allocFrom(s.a), as = mem.allocFrom(s.aStar);
      const ga = mem.alloc(s.k), gx = mem.alloc(s.p), out = mem.alloc(2);
      try {
        ex.lossAndGradients(s.p, s.k, x.ptr, ws.ptr, a.ptr, as.ptr, ga.ptr, gx.ptr, out.ptr);
        const [loss, phi] = mem.view(out);
        return { loss, phi, gradA: mem.copy(ga), gradX: mem.copy(gx) };
      } finally {
        mem.free(x, ws, a, as, ga, gx, out);
      }
    },
  };
}
