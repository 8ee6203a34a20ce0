// The typed face of the sampled-data engine's WASM exports.
import type { WasmMemory } from './memory.js';
import { resultsFrom } from './arena.js';
import { sampledLayout } from './layouts.js';
import type { Problem, RawResult, SampledData } from '../problem.js';
import { SAMPLED_DESC, SAMPLED_OUT_WIDTH, SAMPLED_SAMPLE_WIDTH, STAGE_WIDTH } from '../layout.js';

/** A sampled run's data, stream key and training-set pointers, as its descriptor holds them (this engine's and the wide one's). */
export function dataFields(
  d: SampledData,
  l: Record<'Z' | 'Y' | 'perm' | 'gen' | 'stream', number>,
  ptr: (at: number) => number,
): Record<
  'online' | 'batch' | 'n' | 'labelNoise' | 'key0' | 'key1' | 'key2' | 'key3' | 'trainZ' | 'trainY' | 'perm' | 'gen' | 'stream',
  number
> {
  return {
    online: d.online ? 1 : 0,
    batch: d.batch,
    n: d.n,
    labelNoise: d.labelNoise,
    key0: d.key[0],
    key1: d.key[1],
    key2: d.key[2],
    key3: d.key[3],
    trainZ: ptr(l.Z),
    trainY: ptr(l.Y),
    perm: ptr(l.perm),
    gen: ptr(l.gen),
    stream: ptr(l.stream),
  };
}

/** The sampled-data engine in WebAssembly: one call per run, training set and scratch in one arena. */
export function wasmSampledEngine(mem: WasmMemory) {
  function run(pr: Problem): RawResult {
    const d = pr.data!;
    const { p, k } = pr;
    const { blocks, placed: l } = sampledLayout(pr),
      cap = l.cap;
    const arena = mem.alloc(blocks.size);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      heap.set(pr.x0, l.x);
      heap.set(pr.a0, l.a);
      heap.set(pr.wStar, l.ws);
      heap.set(pr.aStar, l.as);
      heap.set(pr.aBar, l.ab);
      heap.set(pr.stages, l.stages);
      SAMPLED_DESC.write(
        {
          p,
          k,
          x: ptr(l.x),
          ws: ptr(l.ws),
          a: ptr(l.a),
          as: ptr(l.as),
          ab: ptr(l.ab),
          stages: ptr(l.stages),
          nStages: pr.stages.length / STAGE_WIDTH,
          maxIter: pr.maxIter,
          tol: pr.tol,
          trapPhi: d.trapPhi,
          trapWindow: d.trapWindow,
          trapPossible: pr.trapPossible ? 1 : 0,
          logEvery: pr.logEvery,
          traj: ptr(l.traj),
          trajCap: cap,
          out: ptr(l.out),
          ...dataFields(d, l, ptr),
          work: ptr(l.work),
        },
        heap,
        l.desc,
      );
      mem.exports.runSampled(ptr(l.desc));
      return resultsFrom(
        mem,
        [
          {
            x: { ptr: ptr(l.x), length: p },
            a: { ptr: ptr(l.a), length: k },
            traj: { ptr: ptr(l.traj), length: 0 },
            out: { ptr: ptr(l.out), length: SAMPLED_OUT_WIDTH },
          },
        ],
        SAMPLED_SAMPLE_WIDTH,
      )[0];
    } finally {
      mem.free(arena);
    }
  }
  return { run };
}
