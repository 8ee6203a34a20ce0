// The reduced SGD engine's typed face (assembly/sampled/reduced.ts): copies online-data Problems into
// engine memory, runs a chunk of them in one call, copies the results out.
import { trajectoryCapacity, type Problem, type RawResult } from '../problem.js';
import { SAMPLED_OUT_WIDTH, SAMPLED_SAMPLE_WIDTH, STAGE_WIDTH, REDUCED_SAMPLED_DESC } from '../layout.js';
import type { WasmMemory } from './memory.js';
import { allocateArena, CHUNK_VALUES, inChunks, joined, resultsFrom, summariesFrom, type RunBlocks } from './arena.js';
import { fittingChunks, reducedSampledLayout } from './layouts.js';

const chunkSize = (pr: Problem) => pr.p + pr.k + trajectoryCapacity(pr) * SAMPLED_SAMPLE_WIDTH + SAMPLED_OUT_WIDTH;

/** The reduced SGD engine over online-data problems (src/engines.ts sends it no other): full results, or summaries only. */
export function reducedSampledEngine(mem: WasmMemory) {
  const ex = mem.exports;

  /** One arena per chunk: vectors, shared teacher arrays (once), one work area, descriptors. */
  function runChunk<T>(problems: Problem[], vectors: boolean, collect: (placed: RunBlocks[]) => T): T {
    const { blocks, placed: layout, work, descs } = reducedSampledLayout(problems);
    const arena = allocateArena(mem, blocks);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      const placed = problems.map((pr, i): RunBlocks => {
        const l = layout[i],
          d = pr.data!;
        heap.set(pr.x0, l.x);
        heap.set(pr.a0, l.a);
        REDUCED_SAMPLED_DESC.write(
          {
            p: pr.p,
            k: pr.k,
            x: ptr(l.x),
            ws: ptr(l.ws),
            a: ptr(l.a),
            as: ptr(l.as),
            stages: ptr(l.stages),
            nStages: pr.stages.length / STAGE_WIDTH,
            maxIter: pr.maxIter,
            tol: pr.tol,
            trapPhi: d.trapPhi,
            trapWindow: d.trapWindow,
            trapPossible: pr.trapPossible ? 1 : 0,
            logEvery: pr.logEvery,
            traj: ptr(l.traj),
            trajCap: l.cap,
            out: ptr(l.out),
            batch: d.batch,
            labelNoise: d.labelNoise,
            key0: d.key[0],
            key1: d.key[1],
            key2: d.key[2],
            key3: d.key[3],
            work: ptr(work),
            vectors: vectors ? 1 : 0,
          },
          heap,
          descs + i * REDUCED_SAMPLED_DESC.width,
        );
        return {
          x: { ptr: ptr(l.x), length: pr.p },
          a: { ptr: ptr(l.a), length: pr.k },
          traj: { ptr: ptr(l.traj), length: l.cap * SAMPLED_SAMPLE_WIDTH },
          out: { ptr: ptr(l.out), length: SAMPLED_OUT_WIDTH },
        };
      });
      ex.runReducedSampledMany(problems.length, ptr(descs));
      return collect(placed);
    } finally {
      mem.free(arena);
    }
  }

  function results(problems: Problem[]): RawResult[] {
    return runChunk(problems, true, (placed) => resultsFrom(mem, placed, SAMPLED_SAMPLE_WIDTH));
  }

  function summaries(problems: Problem[]): Float64Array {
    return runChunk(problems, false, (placed) =>
      summariesFrom(
        mem,
        placed.map((pl) => pl.out),
      ),
    );
  }

  const chunks = (problems: Problem[]) =>
    fittingChunks(inChunks(problems, chunkSize, CHUNK_VALUES), (c) => reducedSampledLayout(c).blocks.size);

  return {
    run: (pr: Problem) => results([pr])[0],
    runMany: (problems: Problem[]) => chunks(problems).flatMap(results),
    runSummaries: (problems: Problem[]): Float64Array => joined(chunks(problems).map(summaries)),
  };
}
