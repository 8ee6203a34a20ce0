// The one owner of the engine's WebAssembly memory: loading, allocation, typed views,
// and fresh views after the memory grows (growth detaches every old ArrayBuffer).
import { instantiate } from '@assemblyscript/loader';

export interface EngineExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  runVector(
    p: number, k: number, x: number, ws: number, a: number, as: number, ab: number,
    stages: number, nStages: number, maxIter: number, tol: number,
    trapAngle: number, trapRadius: number, trapPossible: number,
    logEvery: number, traj: number, trajCap: number, out: number,
  ): void;
  /** count runs; descs: per run runVector's arguments as f64, with a scratch block of k f64 after ab. */
  runReducedMany(count: number, descs: number): void;
  lossAndGradients(p: number, k: number, x: number, ws: number, a: number, as: number,
    ga: number, gx: number, out: number): void;
  /** y_i ← acos(y_i), two lanes at a time as the reduced engine's steps take it (for tests). */
  acosEach(y: number, n: number): void;
}

/** Where the binary lives next to this module: build/engine.wasm in the package root. */
export const ENGINE_URL = new URL('../../build/engine.wasm', import.meta.url);

/** A block of f64 values in WASM memory. */
export interface F64Block { ptr: number; length: number }

export class WasmMemory {
  private heap: Float64Array;

  constructor(readonly exports: EngineExports) {
    this.heap = new Float64Array(exports.memory.buffer);
  }

  /** Allocates `length` f64s (at least one, so every block has its own address). */
  alloc(length: number): F64Block {
    const ptr = this.exports.alloc(Math.max(length, 1) * 8);
    if (ptr % 16 !== 0) throw new Error(`engine returned a misaligned block (${ptr})`);
    return { ptr, length };
  }

  /** Allocates a block and copies `values` into it. */
  allocFrom(values: ArrayLike<number>): F64Block {
    const block = this.alloc(values.length);
    this.view(block).set(values);
    return block;
  }

  free(...blocks: F64Block[]): void {
    for (const b of blocks) this.exports.free(b.ptr);
  }

  /** A live view of the block; valid until the next allocation. */
  view(block: F64Block): Float64Array {
    return this.refreshed().subarray(block.ptr / 8, block.ptr / 8 + block.length);
  }

  /** The heap view, renewed if the memory has grown since. */
  private refreshed(): Float64Array {
    if (this.heap.buffer !== this.exports.memory.buffer) this.heap = new Float64Array(this.exports.memory.buffer);
    return this.heap;
  }

  /** A copy of the block that outlives it. */
  copy(block: F64Block): Float64Array {
    return this.view(block).slice();
  }

  /** Copies of many blocks, sharing one new buffer (one allocation instead of one per block). */
  copyAll(blocks: F64Block[]): Float64Array[] {
    const all = new Float64Array(blocks.reduce((n, b) => n + b.length, 0));
    const heap = this.refreshed();
    let at = 0;
    return blocks.map((b) => {
      const part = all.subarray(at, at + b.length);
      part.set(heap.subarray(b.ptr / 8, b.ptr / 8 + b.length));
      at += b.length;
      return part;
    });
  }
}

/** Loads the engine from bytes, a URL, or (by default) the binary next to this package. */
export async function loadWasmMemory(source?: BufferSource | URL | string): Promise<WasmMemory> {
  const bytes = await resolveSource(source ?? ENGINE_URL);
  const { exports } = await instantiate<Record<string, unknown>>(bytes, {});
  return new WasmMemory(exports as unknown as EngineExports);
}

async function resolveSource(source: BufferSource | URL | string): Promise<BufferSource> {
  if (!(source instanceof URL) && typeof source !== 'string') return source;
  const url = source instanceof URL ? source : new URL(source, import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the engine from ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}
