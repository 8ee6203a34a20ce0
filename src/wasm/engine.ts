// The WASM engine's typed face: copies a Problem into engine memory, runs it, copies results out.
import type { Engine, Problem, RawResult, StatePoint, LossAndGradients, Outcome } from '../problem.js';
import { SAMPLE_WIDTH, trajectoryCapacity } from '../problem.js';
import type { WasmMemory } from './memory.js';

/** The SIMD vector engine ('wasm'), or with `reduced` the reduced-dimension engine ('reduced'). */
export function wasmEngine(mem: WasmMemory, reduced = false): Engine {
  const ex = mem.exports;
  return {
    run(pr: Problem): RawResult {
      const cap = trajectoryCapacity(pr);
      const x = mem.allocFrom(pr.x0), ws = mem.allocFrom(pr.wStar);
      const a = mem.allocFrom(pr.a0), as = mem.allocFrom(pr.aStar), ab = mem.allocFrom(pr.aBar);
      const stages = mem.allocFrom(pr.stages);
      const traj = mem.alloc(cap * SAMPLE_WIDTH), out = mem.alloc(6);
      const scratch = mem.alloc(reduced ? pr.k : 0);
      try {
        const args = [pr.stages.length / 3, pr.maxIter, pr.tol, pr.trapAngle, pr.trapRadius, pr.trapPossible ? 1 : 0,
          pr.logEvery, traj.ptr, cap, out.ptr] as const;
        if (reduced) ex.runReduced(pr.p, pr.k, x.ptr, ws.ptr, a.ptr, as.ptr, ab.ptr, scratch.ptr, stages.ptr, ...args);
        else ex.runVector(pr.p, pr.k, x.ptr, ws.ptr, a.ptr, as.ptr, ab.ptr, stages.ptr, ...args);
        const [outcome, iterations, phi, loss, norm, samples] = mem.view(out);
        return {
          outcome: outcome as Outcome, iterations, phi, loss, norm,
          x: mem.copy(x), a: mem.copy(a),
          trajectory: mem.copy({ ptr: traj.ptr, length: samples * SAMPLE_WIDTH }),
        };
      } finally {
        mem.free(x, ws, a, as, ab, stages, traj, out, scratch);
      }
    },

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
