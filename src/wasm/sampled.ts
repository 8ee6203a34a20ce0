// The typed face of the sampled-data engine's WASM exports and of the random module's test exports.
import type { WasmMemory } from './memory.js';
import { resultsFrom } from './arena.js';
import { sampledLayout } from './layouts.js';
import type { Problem, RawResult } from '../problem.js';
import { SAMPLED_DESC, SAMPLED_OUT_WIDTH, SAMPLED_SAMPLE_WIDTH, STAGE_WIDTH } from '../layout.js';

/** Exports of assembly/random/index.ts: the generator states' sizes (read at load, as the kernel owns them) and test entry points. */
export interface SampledExports {
  STREAM_BYTES: WebAssembly.Global;
  NORMAL_LANES_BYTES: WebAssembly.Global;
  streamSeed(s: number, k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number): void;
  streamDraw(s: number, kind: number, param: number, out: number, n: number): void;
  normalLanesStart(g: number, k0: number, k1: number, k2: number, k3: number, purpose: number): void;
  normalLanesFill(g: number, out: number, n: number): void;
  elementaryEach(kind: number, y: number, n: number): void;
  streamWordOf(i: number, k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number): number;
}

export function sampledExports(mem: WasmMemory): SampledExports {
  return mem.exports as unknown as SampledExports;
}

const DRAW_KINDS = { words: 0, uniform: 1, uniformOpen: 2, normal: 3, gamma: 4, below: 5 } as const;
export type DrawKind = keyof typeof DRAW_KINDS;
const ELEMENTARY = { logPositive: 0, sinKernel: 1, cosKernel: 2, exp: 3 } as const;

/** The random module inside the engine, one call per batch of draws (tests compare it with src/twin/random). */
export function wasmRandom(mem: WasmMemory) {
  const ex = sampledExports(mem);
  const bytes = (g: WebAssembly.Global) => Number(g.value);
  return {
    /** A scalar stream (k0..k3, purpose, lane) and a drawer of n values of a kind from it. */
    stream(key: number[], purpose: number, lane: number) {
      const state = mem.alloc(Math.ceil(bytes(ex.STREAM_BYTES) / 8));
      ex.streamSeed(state.ptr, key[0], key[1], key[2], key[3], purpose, lane);
      return {
        draw(kind: DrawKind, n: number, param = 0): Float64Array {
          const out = mem.alloc(n);
          try { ex.streamDraw(state.ptr, DRAW_KINDS[kind], param, out.ptr, n); return mem.copy(out); } finally { mem.free(out); }
        },
        dispose: () => mem.free(state),
      };
    },
    /** Four SIMD lanes of normals; fill(n) returns the next n of their sequence. */
    normalLanes(key: number[], purpose: number) {
      const state = mem.alloc(Math.ceil(bytes(ex.NORMAL_LANES_BYTES) / 8));
      ex.normalLanesStart(state.ptr, key[0], key[1], key[2], key[3], purpose);
      return {
        fill(n: number): Float64Array {
          const out = mem.alloc(n);
          try { ex.normalLanesFill(state.ptr, out.ptr, n); return mem.copy(out); } finally { mem.free(out); }
        },
        dispose: () => mem.free(state),
      };
    },
    /** f applied to each value, as the engine computes it (log, sin and cos two lanes at a time). */
    elementary(f: keyof typeof ELEMENTARY, values: ArrayLike<number>): Float64Array {
      const block = mem.allocFrom(values);
      try { ex.elementaryEach(ELEMENTARY[f], block.ptr, values.length); return mem.copy(block); } finally { mem.free(block); }
    },
    streamWord: (i: number, key: number[], purpose: number, lane: number) =>
      ex.streamWordOf(i, key[0], key[1], key[2], key[3], purpose, lane) >>> 0,
  };
}

/** The sampled-data engine in WebAssembly: one call per run, training set and scratch in one arena. */
export function wasmSampledEngine(mem: WasmMemory) {
  function run(pr: Problem): RawResult {
    const d = pr.data!;
    const { p, k } = pr;
    const { blocks, placed: l } = sampledLayout(pr), cap = l.cap;
    const arena = mem.alloc(blocks.size);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      heap.set(pr.x0, l.x); heap.set(pr.a0, l.a); heap.set(pr.wStar, l.ws); heap.set(pr.aStar, l.as);
      heap.set(pr.aBar, l.ab); heap.set(pr.stages, l.stages);
      SAMPLED_DESC.write({
        p, k, x: ptr(l.x), ws: ptr(l.ws), a: ptr(l.a), as: ptr(l.as), ab: ptr(l.ab), stages: ptr(l.stages),
        nStages: pr.stages.length / STAGE_WIDTH, maxIter: pr.maxIter, tol: pr.tol, trapPhi: d.trapPhi, trapWindow: d.trapWindow,
        trapPossible: pr.trapPossible ? 1 : 0, logEvery: pr.logEvery, traj: ptr(l.traj), trajCap: cap, out: ptr(l.out),
        online: d.online ? 1 : 0, batch: d.batch, n: d.n, labelNoise: d.labelNoise,
        key0: d.key[0], key1: d.key[1], key2: d.key[2], key3: d.key[3], work: ptr(l.work),
        trainZ: ptr(l.Z), trainY: ptr(l.Y), perm: ptr(l.perm), gen: ptr(l.gen), stream: ptr(l.stream),
      }, heap, l.desc);
      mem.exports.runSampled(ptr(l.desc));
      return resultsFrom(mem, [{ x: { ptr: ptr(l.x), length: p }, a: { ptr: ptr(l.a), length: k },
        traj: { ptr: ptr(l.traj), length: 0 }, out: { ptr: ptr(l.out), length: SAMPLED_OUT_WIDTH } }], SAMPLED_SAMPLE_WIDTH)[0];
    } finally {
      mem.free(arena);
    }
  }
  return { run };
}
