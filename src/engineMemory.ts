// Does a run fit in engine memory? Each engine holds a run (or a chunk of runs) in one block of at
// most MAX_ALLOC_BYTES; the block's size comes from the layout of the kernel that runs it (src/engines.ts,
// src/wasm/layouts.ts), so a run the validators accept is one the engine can place. Browser-safe.
import { MAX_ALLOC_BYTES } from './layout.js';
import type { EngineName } from './types.js';
import { KERNELS, kernelOf } from './engines.js';
import { MAX_ARENA_VALUES, type RunShape } from './wasm/layouts.js';

/** "1.25 GiB", "640 MiB", "512 KiB", "24 bytes". */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  for (const [size, unit] of units) {
    const value = (bytes / size).toPrecision(3);
    if (Number(value) >= 1) return `${value} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Two sizes as text, in bytes when rounding would print them alike ("1.00 GiB" twice). */
function sizePair(a: number, b: number): [string, string] {
  const [x, y] = [formatBytes(a), formatBytes(b)];
  return x === y ? [`${a} bytes`, `${b} bytes`] : [x, y];
}

/**
 * f64 values of the block a run takes on `engine`, alone: its kernel's layout (a twin holds the same
 * arrays as its WASM face; a refused run counts on the engine that takes it instead).
 */
export function runArenaValues(shape: RunShape, engine: EngineName): number {
  return KERNELS[kernelOf(engine, shape)].arenaValues(shape);
}

/** Which value of a run makes it too large, and the largest that fits with the others unchanged. */
export interface MemoryProblem {
  /** 'n' (training set), 'batch' (reduced SGD's work area), 'kp' (an online sample), 'size' (anything else). */
  field: 'n' | 'batch' | 'kp' | 'size';
  /** The sentence, without a field name (callers prefix the field as their users wrote it). */
  message: string;
}

/** Why the run does not fit in engine memory on `engine`, or undefined when it fits. */
export function memoryProblem(shape: RunShape, engine: EngineName): MemoryProblem | undefined {
  const values = runArenaValues(shape, engine);
  if (values <= MAX_ARENA_VALUES) return undefined;
  const d = shape.data;
  const [size, limit] = sizePair(values * 8, MAX_ALLOC_BYTES);
  const needs = (what: string, fix: string) =>
    `${what} needs ${size} of engine memory on engine '${engine}'; ` + `at most ${limit} fits (${fix})`;
  const largest = (vary: (x: number) => RunShape) => largestFitting((x) => runArenaValues(vary(x), engine) <= MAX_ARENA_VALUES);
  if (d && !d.online) {
    const n = largest((n) => ({ ...shape, data: { ...d, n, batch: Math.min(d.batch, n) } }));
    return {
      field: 'n',
      message: needs(`a training set of ${d.n} samples of k·p = ${shape.k * shape.p} values`, `n ≤ ${n} at this k and p, or online data`),
    };
  }
  if (d && kernelOf(engine, shape) === 'reducedSgd') {
    const batch = largest((batch) => ({ ...shape, data: { ...d, batch } }));
    return {
      field: 'batch',
      message: needs(
        `a batch of ${d.batch} samples at k = ${shape.k}`,
        `its work area holds B·(2k${d.labelNoise > 0 ? ' + 1' : ''}) normals: batch ≤ ${batch} here`,
      ),
    };
  }
  if (d) {
    const fix = shape.wide
      ? 'a smaller k·p or fewer filters: no engine reduces a wide student on sampled data'
      : "use engine 'reduced', whose memory does not grow with k·p, or a smaller k·p";
    return { field: 'kp', message: needs(`an online sample of k·p = ${shape.k * shape.p} values${filtersOf(shape)}`, fix) };
  }
  return {
    field: 'size',
    message: needs(`a run with p = ${shape.p}, k = ${shape.k}${filtersOf(shape)} and ${trajectoryNote(shape)}`, 'a smaller run'),
  };
}

/** ", r = …, r* = …" of a wide run, else nothing. */
function filtersOf(shape: RunShape): string {
  return shape.wide ? `, r = ${shape.wide.r}, r* = ${shape.wide.rStar}` : '';
}

function trajectoryNote(shape: RunShape): string {
  return shape.logEvery > 0 ? `a sample every ${shape.logEvery} of ${shape.maxIter} steps` : 'no trajectory';
}

/** The largest whole x ≥ 0 with fits(x), for fits true at 0 and monotone (false from some point on). */
function largestFitting(fits: (x: number) => boolean): number {
  let lo = 0,
    hi = 1;
  while (fits(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
