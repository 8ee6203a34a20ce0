// The WASM engines' typed face: copies Problems into engine memory, runs them, copies results out.
import type { Engine, Problem, RawResult, StatePoint, LossAndGradients } from '../problem.js';
import { trajectoryCapacity } from '../problem.js';
import { OUT_WIDTH, POPULATION_DESC, SAMPLE_WIDTH, STAGE_WIDTH } from '../layout.js';
import type { WasmMemory } from './memory.js';
import { allocateArena, CHUNK_VALUES, inChunks, joined, resultsFrom, summariesFrom, type RunBlocks } from './arena.js';
import { fittingChunks, populationLayout } from './layouts.js';

/** One run's blocks in engine memory, and the address of its descriptor. */
interface Placed extends RunBlocks {
  desc: number;
}

/** f64 values a run keeps in engine memory: x, a, scratch and the trajectory. */
function chunkSize(pr: Problem): number {
  return pr.p + 2 * pr.k + trajectoryCapacity(pr) * SAMPLE_WIDTH;
}

/** The SIMD vector engine: one run at a time, O(k + p) per step. */
export const wasmVectorEngine = (mem: WasmMemory): Engine => populationEngine(mem, 'vector');
/** The reduced-dimension engine (SPEC §7): O(1) per step, several runs interleaved in one call. */
export const wasmReducedEngine = (mem: WasmMemory): Engine => populationEngine(mem, 'reduced');

function populationEngine(mem: WasmMemory, kernel: 'vector' | 'reduced'): Engine {
  const ex = mem.exports,
    reduced = kernel === 'reduced';

  /**
   * Runs problems that fit in engine memory at once (the reduced engine interleaves them), from
   * one arena: their vectors, shared teacher arrays (once), out blocks and run descriptors.
   * `collect` reads the results before the arena is freed.
   */
  function runChunk<T>(problems: Problem[], collect: (placed: Placed[]) => T): T {
    const { blocks, placed: layout, descs } = populationLayout(problems, reduced);
    const arena = allocateArena(mem, blocks);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      const placed = problems.map((pr, i): Placed => {
        const l = layout[i];
        heap.set(pr.x0, l.x);
        heap.set(pr.a0, l.a);
        POPULATION_DESC.write(
          {
            p: pr.p,
            k: pr.k,
            x: ptr(l.x),
            ws: ptr(l.ws),
            a: ptr(l.a),
            as: ptr(l.as),
            ab: ptr(l.ab),
            scratch: ptr(l.scratch),
            stages: ptr(l.stages),
            nStages: pr.stages.length / STAGE_WIDTH,
            maxIter: pr.maxIter,
            tol: pr.tol,
            trapAngle: pr.trapAngle,
            trapRadius: pr.trapRadius,
            trapPossible: pr.trapPossible ? 1 : 0,
            logEvery: pr.logEvery,
            traj: ptr(l.traj),
            trajCap: l.cap,
            out: ptr(l.out),
          },
          heap,
          descs + i * POPULATION_DESC.width,
        );
        return {
          x: { ptr: ptr(l.x), length: pr.p },
          a: { ptr: ptr(l.a), length: pr.k },
          traj: { ptr: ptr(l.traj), length: l.cap * SAMPLE_WIDTH },
          out: { ptr: ptr(l.out), length: OUT_WIDTH },
          desc: ptr(descs + i * POPULATION_DESC.width),
        };
      });
      if (reduced) ex.runReducedMany(problems.length, ptr(descs));
      else for (const { desc } of placed) ex.runVector(desc);
      return collect(placed);
    } finally {
      mem.free(arena);
    }
  }

  /** Full results: summaries, final vectors and samples (copied into one buffer per chunk). */
  function results(problems: Problem[]): RawResult[] {
    return runChunk(problems, (placed) => resultsFrom(mem, placed, SAMPLE_WIDTH));
  }

  /** [outcome, iterations, φ, L] per problem. */
  function summaries(problems: Problem[]): Float64Array {
    return runChunk(problems, (placed) =>
      summariesFrom(
        mem,
        placed.map((pl) => pl.out),
      ),
    );
  }

  /**
   * The problems in chunks that keep engine memory small: the vector engine one by one, the
   * reduced engine up to CHUNK_VALUES f64 of vectors at a time.
   */
  function chunks(problems: Problem[]): Problem[][] {
    return reduced
      ? fittingChunks(inChunks(problems, chunkSize, CHUNK_VALUES), (c) => populationLayout(c, true).blocks.size)
      : problems.map((pr) => [pr]);
  }

  return {
    run: (pr) => results([pr])[0],
    runMany: (problems) => chunks(problems).flatMap(results),
    runSummaries: (problems) => joined(chunks(problems).map(summaries)),

    lossAndGradients(s: StatePoint): LossAndGradients {
      const x = mem.allocFrom(s.x),
        ws = mem.allocFrom(s.wStar);
      const a = mem.allocFrom(s.a),
        as = mem.allocFrom(s.aStar);
      const ga = mem.alloc(s.k),
        gx = mem.alloc(s.p),
        out = mem.alloc(2);
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
