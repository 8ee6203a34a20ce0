// The reduced SGD engine's typed face (assembly/sampled/reduced.ts): copies online-data Problems into
// engine memory, runs a chunk of them in one call, copies the results out.
import { SAMPLED_SAMPLE_WIDTH, trajectoryCapacity, type Outcome, type Problem, type RawResult } from '../problem.js';
import type { F64Block, WasmMemory } from './memory.js';
import { ArenaLayout, even, inChunks, joined, summariesFrom } from './arena.js';
import { ConfigError } from '../config.js';

const OUT_WIDTH = 8;  // outcome, iterations, φ, L, ‖x‖, samples, batch loss, training loss (NaN)
const DESC = 25;      // assembly/sampled/reduced.ts: REDUCED_DESC
const CHUNK_VALUES = 1 << 21; // 16 MB of vectors in engine memory per chunk

interface ReducedSampledExports { runReducedSampledMany(count: number, descs: number): void }

/** f64 of the step's work area: the normals of one step, then g_a. */
const workSize = (pr: Problem) => even(pr.data!.batch * (2 * pr.k + (pr.data!.labelNoise > 0 ? 1 : 0))) + even(pr.k);
const chunkSize = (pr: Problem) => pr.p + pr.k + trajectoryCapacity(pr) * SAMPLED_SAMPLE_WIDTH + OUT_WIDTH;

interface Placed { x: F64Block; a: F64Block; traj: F64Block; out: F64Block }

/** The problem, if its data is online: a fixed training set has no reduction (SPEC §8). */
function online(pr: Problem): Problem {
  if (!pr.data!.online) throw new ConfigError(["data.kind: engine 'reduced' runs online SGD only (fresh samples every step, "
    + "exact in distribution); a fixed training set has no reduction: run it with engine 'wasm' or 'js'"]);
  return pr;
}

/** The reduced SGD engine over online-data problems: full results, or summaries only. */
export function reducedSampledEngine(mem: WasmMemory) {
  const ex = mem.exports as unknown as ReducedSampledExports;

  /** One arena per chunk: vectors, shared teacher arrays (once), one work area, descriptors. */
  function runChunk<T>(problems: Problem[], vectors: boolean, collect: (placed: Placed[]) => T): T {
    const blocks = new ArenaLayout();
    const layout = problems.map((pr) => {
      const cap = trajectoryCapacity(pr);
      return { x: blocks.take(pr.p), a: blocks.take(pr.k), ws: blocks.once(pr.wStar), as: blocks.once(pr.aStar),
        stages: blocks.once(pr.stages), traj: blocks.take(cap * SAMPLED_SAMPLE_WIDTH), cap, out: blocks.take(OUT_WIDTH) };
    });
    const work = blocks.take(Math.max(...problems.map(workSize)));
    const descs = blocks.take(problems.length * DESC);
    const arena = blocks.allocate(mem);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      const placed = problems.map((pr, i): Placed => {
        const l = layout[i], d = pr.data!;
        heap.set(pr.x0, l.x);
        heap.set(pr.a0, l.a);
        heap.set([pr.p, pr.k, ptr(l.x), ptr(l.ws), ptr(l.a), ptr(l.as), ptr(l.stages), pr.stages.length / 3, pr.maxIter,
          pr.tol, d.trapPhi, d.trapWindow, pr.trapPossible ? 1 : 0, pr.logEvery, ptr(l.traj), l.cap, ptr(l.out),
          d.batch, d.labelNoise, ...d.key, ptr(work), vectors ? 1 : 0], descs + i * DESC);
        return { x: { ptr: ptr(l.x), length: pr.p }, a: { ptr: ptr(l.a), length: pr.k },
          traj: { ptr: ptr(l.traj), length: l.cap * SAMPLED_SAMPLE_WIDTH }, out: { ptr: ptr(l.out), length: OUT_WIDTH } };
      });
      ex.runReducedSampledMany(problems.length, ptr(descs));
      return collect(placed);
    } finally {
      mem.free(arena);
    }
  }

  function results(problems: Problem[]): RawResult[] {
    return runChunk(problems, true, (placed) => {
      const outs = placed.map((pl) => mem.view(pl.out).slice());
      const copies = mem.copyAll(placed.flatMap((pl, i) => [pl.x, pl.a, { ptr: pl.traj.ptr, length: outs[i][5] * SAMPLED_SAMPLE_WIDTH }]));
      return outs.map(([outcome, iterations, phi, loss, norm, , batchLoss, trainLoss], i): RawResult => ({
        outcome: outcome as Outcome, iterations, phi, loss, norm, batchLoss, trainLoss,
        x: copies[3 * i], a: copies[3 * i + 1], trajectory: copies[3 * i + 2],
      }));
    });
  }

  function summaries(problems: Problem[]): Float64Array {
    return runChunk(problems, false, (placed) => summariesFrom(mem, placed.map((pl) => pl.out)));
  }

  const chunks = (problems: Problem[]) => inChunks(problems.map(online), chunkSize, CHUNK_VALUES);

  return {
    run: (pr: Problem) => results([online(pr)])[0],
    runMany: (problems: Problem[]) => chunks(problems).flatMap(results),
    runSummaries: (problems: Problem[]): Float64Array => joined(chunks(problems).map(summaries)),
  };
}
