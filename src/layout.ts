// The TypeScript side of the engine's layouts: the one TS definition of the numbers
// assembly/common/layout.ts owns. src/wasm/memory.ts compares ENGINE_CONSTANTS with the globals of
// the binary it loads, so a stale build/engine.wasm is refused instead of giving wrong numbers.
// Changing a layout: change it there and here, and bump LAYOUT_VERSION in both.
// A new engine family adds its block (descriptor fields, out width) and spreads it into ENGINE_CONSTANTS.
export const LAYOUT_VERSION = 3;

// ── Common to every engine ──
export enum Outcome { Global = 0, Spurious = 1, Unconverged = 2, Diverged = 3 }
/** A schedule stage: until, ηa, ηv. */
export const STAGE_WIDTH = 3;
/** A trajectory sample: t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖. */
export const SAMPLE_WIDTH = 6;
/** Diverged once max|a_i| passes this. */
export const DIVERGED_A = 1e6;
/** Inflates the running bound on max|a_i| past the rounding of one update. */
export const BOUND_SLACK = 1 + 1e-12;

// ── Population engines: runVector, runReducedMany ──
/** A run descriptor's fields, in order: one f64 each (pointers and counts too). */
export const DESC_FIELDS = ['p', 'k', 'x', 'ws', 'a', 'as', 'ab', 'scratch', 'stages', 'nStages', 'maxIter', 'tol',
  'trapAngle', 'trapRadius', 'trapPossible', 'logEvery', 'traj', 'trajCap', 'out'] as const;
export type RunDescriptor = Record<(typeof DESC_FIELDS)[number], number>;
export const DESC = DESC_FIELDS.length;
/** A run's out block: outcome, iterations, φ, L, ‖x‖, samples. */
export const OUT_WIDTH = 6;
/** Per entry of x: the vector engine's global test measures the distances once 2 − 2c ≤ tol² + NEAR_MARGIN·(p + 4) (why: assembly/common/layout.ts). */
export const NEAR_MARGIN = 8 * Number.EPSILON;
/** The reduced engine drops a Gram–Schmidt residual below this share of its vector's norm. */
export const DROP = 1e-11;

/** Writes a run's descriptor into `into` at `at` (the one place that knows the field order). */
export function writeDescriptor(d: RunDescriptor, into: Float64Array, at: number): void {
  DESC_FIELDS.forEach((f, i) => { into[at + i] = d[f]; });
}

/** DESC_FIELDS' names as the kernel spells them: trapAngle → DESC_TRAP_ANGLE. */
const kernelName = (field: string) => `DESC_${field.replace(/[A-Z]/g, '_$&').toUpperCase()}`;

// ── Sampled-data engine: runSampled ──
/** A sampled run's descriptor fields, in order (assembly/common/layout.ts: SAMPLED_DESC_*). */
export const SAMPLED_DESC_FIELDS = ['p', 'k', 'x', 'ws', 'a', 'as', 'ab', 'stages', 'nStages', 'maxIter', 'tol',
  'trapPhi', 'trapWindow', 'trapPossible', 'logEvery', 'traj', 'trajCap', 'out', 'online', 'batch', 'n', 'labelNoise',
  'key0', 'key1', 'key2', 'key3', 'work', 'trainZ', 'trainY', 'perm', 'gen', 'stream'] as const;
export type SampledRunDescriptor = Record<(typeof SAMPLED_DESC_FIELDS)[number], number>;
export const SAMPLED_DESC = SAMPLED_DESC_FIELDS.length;
/** A sampled run's out block: outcome, iterations, φ, L, ‖x‖, samples, batch loss, training loss. */
export const SAMPLED_OUT_WIDTH = 8;
/** A sampled run's trajectory sample: SAMPLE_WIDTH numbers, then the batch loss and the training loss. */
export const SAMPLED_SAMPLE_WIDTH = 8;
/** The purposes of a run's streams: its samples, and the epochs' shuffles. */
export const PURPOSE_DATA = 1, PURPOSE_SHUFFLE = 2;

/** Writes a sampled run's descriptor into `into` at `at`. */
export function writeSampledDescriptor(d: SampledRunDescriptor, into: Float64Array, at: number): void {
  SAMPLED_DESC_FIELDS.forEach((f, i) => { into[at + i] = d[f]; });
}

// ── Reduced SGD engine: runReducedSampledMany ──
/** Its descriptor fields, in order (assembly/common/layout.ts: REDUCED_SAMPLED_DESC_*); out and samples as SAMPLED_*. */
export const REDUCED_SAMPLED_DESC_FIELDS = ['p', 'k', 'x', 'ws', 'a', 'as', 'stages', 'nStages', 'maxIter', 'tol',
  'trapPhi', 'trapWindow', 'trapPossible', 'logEvery', 'traj', 'trajCap', 'out', 'batch', 'labelNoise',
  'key0', 'key1', 'key2', 'key3', 'work', 'vectors'] as const;
export type ReducedSampledRunDescriptor = Record<(typeof REDUCED_SAMPLED_DESC_FIELDS)[number], number>;
export const REDUCED_SAMPLED_DESC = REDUCED_SAMPLED_DESC_FIELDS.length;
/** Its streams: the (s, q) pairs, the χ² draws, the final direction ⊥ w*. */
export const PURPOSE_PAIRS = 3, PURPOSE_CHI = 4, PURPOSE_DIRECTION = 5;

/** Writes a reduced SGD run's descriptor into `into` at `at`. */
export function writeReducedSampledDescriptor(d: ReducedSampledRunDescriptor, into: Float64Array, at: number): void {
  REDUCED_SAMPLED_DESC_FIELDS.forEach((f, i) => { into[at + i] = d[f]; });
}

/** Every constant the binary must export, with the value this package expects. */
export const ENGINE_CONSTANTS: Readonly<Record<string, number>> = {
  LAYOUT_VERSION,
  GLOBAL: Outcome.Global, SPURIOUS: Outcome.Spurious, UNCONVERGED: Outcome.Unconverged, DIVERGED: Outcome.Diverged,
  STAGE_WIDTH, SAMPLE_WIDTH, DIVERGED_A, BOUND_SLACK,
  ...Object.fromEntries(DESC_FIELDS.map((f, i) => [kernelName(f), i])), DESC, OUT_WIDTH, NEAR_MARGIN, DROP,
  ...Object.fromEntries(SAMPLED_DESC_FIELDS.map((f, i) => [`SAMPLED_${kernelName(f)}`, i])),
  SAMPLED_DESC, SAMPLED_OUT_WIDTH, SAMPLED_SAMPLE_WIDTH, PURPOSE_DATA, PURPOSE_SHUFFLE,
  ...Object.fromEntries(REDUCED_SAMPLED_DESC_FIELDS.map((f, i) => [`REDUCED_SAMPLED_${kernelName(f)}`, i])),
  REDUCED_SAMPLED_DESC, PURPOSE_PAIRS, PURPOSE_CHI, PURPOSE_DIRECTION,
};
