// The typed face of the sampled-data engine's WASM exports and of the random module's test exports.
import type { WasmMemory } from './memory.js';

/** Exports of assembly/random/index.ts (for tests and tools) and assembly/sampled/run.ts. */
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
