// The one owner of the engine's WebAssembly memory: loading, allocation, typed views,
// and fresh views after the memory grows (growth detaches every old ArrayBuffer). It checks the
// binary's exports, layout constants and work-area sizes against this package's before anything runs.
import { instantiate } from '@assemblyscript/loader';
import { ENGINE_CONSTANTS, LAYOUT_VERSION, MAX_ALLOC_BYTES } from '../layout.js';
import { ConfigError } from '../config.js';
import { formatBytes } from '../engineMemory.js';
import { reducedSampledWorkValues, sampledWorkValues } from './layouts.js';

export interface EngineExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  /** One run; desc: its run descriptor (src/layout.ts; the scratch unused). */
  runVector(desc: number): void;
  /** count runs; descs: their run descriptors, each with a scratch block of k f64. */
  runReducedMany(count: number, descs: number): void;
  /** One SGD run on sampled data; desc: its sampled run descriptor (src/layout.ts). */
  runSampled(desc: number): void;
  /** count online SGD runs in reduced coordinates; descs: their reduced sampled run descriptors (src/layout.ts). */
  runReducedSampledMany(count: number, descs: number): void;
  /** One wide run (SPEC §9); desc: its wide run descriptor (src/layout.ts). */
  runWide(desc: number): void;
  /** One SGD run of a wide student on sampled data; desc: its wide sampled run descriptor (src/layout.ts). */
  runWideSampled(desc: number): void;
  lossAndGradients(p: number, k: number, x: number, ws: number, a: number, as: number, ga: number, gx: number, out: number): void;
  /** f64 of a sampled run's work area (online: 0 or 1), as src/wasm/layouts.ts's function of this name. */
  sampledWorkValues(p: number, k: number, online: number): number;
  /** f64 of a reduced SGD run's work area (noisy: 0 or 1), as src/wasm/layouts.ts's function of this name. */
  reducedSampledWorkValues(p: number, k: number, batch: number, noisy: number): number;
}

/** What a binary must export: functions with their parameter counts, and constants with their values. */
export interface EngineContract {
  functions: Readonly<Record<string, number>>;
  constants: Readonly<Record<string, number>>;
}

/** The engine's contract: the functions EngineExports promises and the layout constants of src/layout.ts. */
export const ENGINE_CONTRACT: EngineContract = {
  functions: {
    alloc: 1,
    free: 1,
    runVector: 1,
    runReducedMany: 2,
    runSampled: 1,
    runReducedSampledMany: 2,
    runWide: 1,
    runWideSampled: 1,
    lossAndGradients: 9,
    sampledWorkValues: 3,
    reducedSampledWorkValues: 4,
  } satisfies Record<Exclude<keyof EngineExports, 'memory'>, number>,
  constants: ENGINE_CONSTANTS,
};

/** Run sizes (p, k, batch, and a flag: online, noisy) on which the kernel's work areas must match layouts.ts's. */
const WORK_SHAPES = [
  [1, 1, 1, 0],
  [1, 1, 1, 1],
  [2, 3, 5, 1],
  [7, 16, 3, 0],
  [16, 7, 4, 1],
] as const;

const REBUILD = 'rebuild with npm run build:wasm';

/**
 * The exports of an instantiated engine, checked: every function of the contract with its parameter
 * count, the memory, every constant with the value the contract expects (by default src/layout.ts's),
 * and the work areas' sizes with src/wasm/layouts.ts's. Throws naming every difference (a stale or
 * foreign binary), so that nothing runs on a wrong layout.
 */
export function checkEngineExports(exports: Record<string, unknown>, contract = ENGINE_CONTRACT): EngineExports {
  const constant = (name: string) => {
    const g = exports[name];
    return g instanceof WebAssembly.Global ? (g.value as number) : undefined;
  };
  const version = constant('LAYOUT_VERSION');
  if (version !== LAYOUT_VERSION) {
    throw new Error(
      version === undefined
        ? `engine.wasm has no layout version (this package's is v${LAYOUT_VERSION}): ${REBUILD}`
        : `engine.wasm layout v${version} does not match this package's v${LAYOUT_VERSION}: ${REBUILD}`,
    );
  }
  const problems: string[] = [];
  if (!(exports.memory instanceof WebAssembly.Memory)) problems.push('memory: missing (expected its memory)');
  for (const [name, params] of Object.entries(contract.functions)) {
    const f = exports[name] as (((...args: unknown[]) => unknown) & { original?: { length: number } }) | undefined;
    if (typeof f !== 'function') problems.push(`${name}: missing (expected a function)`);
    else if ((f.original ?? f).length !== params)
      problems.push(`${name}: takes ${(f.original ?? f).length} parameters, expected ${params}`);
  }
  for (const [name, expected] of Object.entries(contract.constants)) {
    const value = constant(name);
    if (value === undefined) problems.push(`${name}: missing (expected a global = ${expected})`);
    else if (!Object.is(value, expected)) problems.push(`${name}: is ${value}, expected ${expected}`);
  }
  if (problems.length === 0) problems.push(...workAreaProblems(exports as unknown as EngineExports));
  if (problems.length > 0) {
    throw new Error(`engine.wasm (layout v${version}) does not match this package: ${problems.join('; ')}; ${REBUILD}`);
  }
  return exports as unknown as EngineExports;
}

/** Where the kernel's work-area sizes differ from src/wasm/layouts.ts's, one line per size. */
function workAreaProblems(ex: EngineExports): string[] {
  const problems: string[] = [];
  const compare = (call: string, value: number, expected: number) => {
    if (!Object.is(value, expected)) problems.push(`${call}: is ${value}, expected ${expected}`);
  };
  for (const [p, k, batch, flag] of WORK_SHAPES) {
    compare(`sampledWorkValues(${p}, ${k}, ${flag})`, ex.sampledWorkValues(p, k, flag), sampledWorkValues(p, k, flag === 1));
    compare(
      `reducedSampledWorkValues(${p}, ${k}, ${batch}, ${flag})`,
      ex.reducedSampledWorkValues(p, k, batch, flag),
      reducedSampledWorkValues(p, k, batch, flag === 1),
    );
  }
  return problems;
}

/** Where the binary lives next to this module: build/engine.wasm in the package root. */
export const ENGINE_URL = new URL('../../build/engine.wasm', import.meta.url);

/**
 * A request for more engine memory than one block holds. The validators refuse such runs first
 * (src/engineMemory.ts); this is the gateway's own guard, so that no size is ever wrapped.
 */
export class EngineMemoryError extends ConfigError {
  constructor(readonly bytes: number) {
    super([
      `engine memory: a block of ${formatBytes(bytes)} is more than the ${formatBytes(MAX_ALLOC_BYTES)} the engine ` +
        'can allocate at once; make the run smaller (k·p, the batch, the training set or the trajectory)',
    ]);
    this.name = 'EngineMemoryError';
  }
}

/** A block of f64 values in WASM memory. */
export interface F64Block {
  ptr: number;
  length: number;
}

export class WasmMemory {
  private heap: Float64Array;

  constructor(readonly exports: EngineExports) {
    this.heap = new Float64Array(exports.memory.buffer);
  }

  /**
   * Allocates `length` f64s (at least one, so every block has its own address). The size is a JS
   * number up to the kernel's check: nothing wraps at 2^32, and what cannot fit is refused.
   */
  alloc(length: number): F64Block {
    const bytes = Math.max(length, 1) * 8;
    if (!Number.isSafeInteger(length) || bytes > MAX_ALLOC_BYTES) throw new EngineMemoryError(bytes);
    const ptr = this.exports.alloc(bytes);
    if (ptr === 0) throw new EngineMemoryError(bytes);
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

/** Loads the engine from bytes, a URL, or (by default) the binary next to this package, checked against a contract. */
export async function loadWasmMemory(source?: BufferSource | URL | string, contract = ENGINE_CONTRACT): Promise<WasmMemory> {
  const bytes = await resolveSource(source ?? ENGINE_URL);
  const { exports } = await instantiate<Record<string, unknown>>(bytes, {});
  return new WasmMemory(checkEngineExports(exports, contract));
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
