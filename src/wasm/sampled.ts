// The typed face of the sampled-data engine's WASM exports and of the random module's test exports.
import type { WasmMemory } from './memory.js';
import { SAMPLED_SAMPLE_WIDTH, trajectoryCapacity, type Outcome, type Problem, type RawResult } from '../problem.js';

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
  SAMPLED_DESC: WebAssembly.Global;
  SAMPLED_OUT: WebAssembly.Global;
  SAMPLED_SAMPLE: WebAssembly.Global;
  /** Runs the SGD run described by SAMPLED_DESC f64 at desc (assembly/sampled/run.ts). */
  runSampled(desc: number): void;
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

/** n rounded up to an even count, so that every block starts 16-byte aligned. */
const even = (n: number) => n + (n & 1);

/** The sampled-data engine in WebAssembly: one call per run, training set and scratch in one arena. */
export function wasmSampledEngine(mem: WasmMemory) {
  const ex = sampledExports(mem);
  const width = (g: WebAssembly.Global) => Number(g.value);
  const DESC = width(ex.SAMPLED_DESC), OUT = width(ex.SAMPLED_OUT);
  if (width(ex.SAMPLED_SAMPLE) !== SAMPLED_SAMPLE_WIDTH) throw new Error('engine.wasm: sample width differs from src/problem.ts (rebuild)');
  const genValues = even(Math.ceil(width(ex.NORMAL_LANES_BYTES) / 8)), streamValues = even(Math.ceil(width(ex.STREAM_BYTES) / 8));

  function run(pr: Problem): RawResult {
    const d = pr.data!;
    const { p, k } = pr, kp = k * p, cap = trajectoryCapacity(pr);
    let size = 0;
    const take = (n: number) => { const at = size; size += even(Math.max(n, 1)); return at; };
    const l = {
      x: take(p), a: take(k), ws: take(p), as: take(k), ab: take(k), stages: take(pr.stages.length),
      traj: take(cap * SAMPLED_SAMPLE_WIDTH), out: take(OUT),
      work: take(2 * even(p) + 2 * even(k) + (d.online ? kp : 0)), gen: take(genValues), stream: take(streamValues),
      Z: take(d.n * kp), Y: take(d.n), perm: take(Math.ceil(d.n / 2)), desc: take(DESC),
    };
    const arena = mem.alloc(size);
    try {
      const heap = mem.view(arena);
      const ptr = (at: number) => arena.ptr + at * 8;
      heap.set(pr.x0, l.x); heap.set(pr.a0, l.a); heap.set(pr.wStar, l.ws); heap.set(pr.aStar, l.as);
      heap.set(pr.aBar, l.ab); heap.set(pr.stages, l.stages);
      heap.set([p, k, ptr(l.x), ptr(l.ws), ptr(l.a), ptr(l.as), ptr(l.ab), ptr(l.stages), pr.stages.length / 3,
        pr.maxIter, pr.tol, d.trapPhi, d.trapWindow, pr.trapPossible ? 1 : 0, pr.logEvery, ptr(l.traj), cap, ptr(l.out),
        d.online ? 1 : 0, d.batch, d.n, d.labelNoise, ...d.key, ptr(l.work), ptr(l.Z), ptr(l.Y), ptr(l.perm),
        ptr(l.gen), ptr(l.stream)], l.desc);
      ex.runSampled(ptr(l.desc));
      const out = mem.view({ ptr: ptr(l.out), length: OUT }).slice();
      const [outcome, iterations, phi, loss, norm, samples, batchLoss, trainLoss] = out;
      const [x, a, trajectory] = mem.copyAll([{ ptr: ptr(l.x), length: p }, { ptr: ptr(l.a), length: k },
        { ptr: ptr(l.traj), length: samples * SAMPLED_SAMPLE_WIDTH }]);
      return { outcome: outcome as Outcome, iterations, phi, loss, norm, x, a, trajectory, batchLoss, trainLoss };
    } finally {
      mem.free(arena);
    }
  }
  return { run };
}
