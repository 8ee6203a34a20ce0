// The test build of the engine (build/engine.test.wasm, from assembly/testing.ts): the release
// engine's exports and the entry points only the tests call. Their draw and function codes are
// checked at load as the layout constants are, so a one-sided change is refused naming the code.
import { ENGINE_CONTRACT, loadWasmMemory, type EngineContract, type WasmMemory } from '../src/wasm/memory.js';
import { kernelName, NORMAL_LANES_BYTES, STREAM_BYTES } from '../src/layout.js';
import { ZIGGURAT_LAYERS } from '../src/twin/random/normal.js';

export const TEST_ENGINE_URL = new URL('../build/engine.test.wasm', import.meta.url);

/** What streamDraw draws (assembly/random/testing.ts: DRAW_WORDS, …). */
const DRAW = { words: 0, uniform: 1, uniformOpen: 2, normal: 3, gamma: 4, below: 5 } as const;
export type DrawKind = keyof typeof DRAW;
/** What elementaryEach applies (ELEMENTARY_LOG_POSITIVE, …). */
const ELEMENTARY = { logPositive: 0, sinKernel: 1, cosKernel: 2, exp: 3 } as const;

/** A code table as the kernel names its constants (prefix DRAW: DRAW_UNIFORM_OPEN, …). */
const kernelCodes = (prefix: string, codes: Record<string, number>) =>
  Object.fromEntries(Object.entries(codes).map(([name, code]) => [kernelName(prefix, name), code]));

/** The test build's contract: the engine's, and the test entry points with their codes. */
export const TEST_ENGINE_CONTRACT: EngineContract = {
  functions: {
    ...ENGINE_CONTRACT.functions,
    acosEach: 2,
    streamSeed: 7,
    streamDraw: 5,
    normalLanesStart: 6,
    normalLanesFill: 3,
    boxMullerLanesFill: 3,
    zigguratTables: 1,
    elementaryEach: 3,
    streamWordOf: 7,
  },
  constants: { ...ENGINE_CONTRACT.constants, ...kernelCodes('DRAW', DRAW), ...kernelCodes('ELEMENTARY', ELEMENTARY) },
};

interface TestExports {
  /** y_i ← acos(y_i), two lanes at a time as the reduced engine's steps take it. */
  acosEach(y: number, n: number): void;
  streamSeed(s: number, k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number): void;
  streamDraw(s: number, kind: number, param: number, out: number, n: number): void;
  normalLanesStart(g: number, k0: number, k1: number, k2: number, k3: number, purpose: number): void;
  normalLanesFill(g: number, out: number, n: number): void;
  /** W, K and F (ZIGGURAT_LAYERS each) of the ziggurat at out. */
  zigguratTables(out: number): void;
  elementaryEach(kind: number, y: number, n: number): void;
  streamWordOf(i: number, k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number): number;
}

/** The test build, loaded and checked. */
export const loadTestEngine = () => loadWasmMemory(TEST_ENGINE_URL, TEST_ENGINE_CONTRACT);

const testExports = (mem: WasmMemory) => mem.exports as unknown as TestExports;

/** acos of each value, as the reduced engine takes it (pairs, then an odd last entry alone). */
export function wasmAcos(mem: WasmMemory, values: ArrayLike<number>): Float64Array {
  const block = mem.allocFrom(values);
  try {
    testExports(mem).acosEach(block.ptr, values.length);
    return mem.copy(block);
  } finally {
    mem.free(block);
  }
}

/** The random module inside the engine, one call per batch of draws (tests compare it with src/twin/random). */
export function wasmRandom(mem: WasmMemory) {
  const ex = testExports(mem);
  return {
    /** A scalar stream (k0..k3, purpose, lane) and a drawer of n values of a kind from it. */
    stream(key: number[], purpose: number, lane: number) {
      const state = mem.alloc(Math.ceil(STREAM_BYTES / 8));
      ex.streamSeed(state.ptr, key[0], key[1], key[2], key[3], purpose, lane);
      return {
        draw(kind: DrawKind, n: number, param = 0): Float64Array {
          const out = mem.alloc(n);
          try {
            ex.streamDraw(state.ptr, DRAW[kind], param, out.ptr, n);
            return mem.copy(out);
          } finally {
            mem.free(out);
          }
        },
        dispose: () => mem.free(state),
      };
    },
    /** Eight SIMD lanes of normals; fill(n) returns the next n of their sequence. */
    normalLanes(key: number[], purpose: number) {
      const state = mem.alloc(Math.ceil(NORMAL_LANES_BYTES / 8));
      ex.normalLanesStart(state.ptr, key[0], key[1], key[2], key[3], purpose);
      return {
        fill(n: number): Float64Array {
          const out = mem.alloc(n);
          try {
            ex.normalLanesFill(state.ptr, out.ptr, n);
            return mem.copy(out);
          } finally {
            mem.free(out);
          }
        },
        dispose: () => mem.free(state),
      };
    },
    /** The ziggurat's tables as the engine made them: [W, K, F]. */
    zigguratTables(): Float64Array[] {
      const n = ZIGGURAT_LAYERS,
        block = mem.alloc(3 * n);
      try {
        ex.zigguratTables(block.ptr);
        const t = mem.copy(block);
        return [t.slice(0, n), t.slice(n, 2 * n), t.slice(2 * n)];
      } finally {
        mem.free(block);
      }
    },
    /** f applied to each value, as the engine computes it (log, sin and cos two lanes at a time). */
    elementary(f: keyof typeof ELEMENTARY, values: ArrayLike<number>): Float64Array {
      const block = mem.allocFrom(values);
      try {
        ex.elementaryEach(ELEMENTARY[f], block.ptr, values.length);
        return mem.copy(block);
      } finally {
        mem.free(block);
      }
    },
    streamWord: (i: number, key: number[], purpose: number, lane: number) =>
      ex.streamWordOf(i, key[0], key[1], key[2], key[3], purpose, lane) >>> 0,
  };
}
