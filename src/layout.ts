// The TypeScript side of the engine's layouts: the one TS definition of the numbers
// assembly/common/layout.ts owns. src/wasm/memory.ts compares ENGINE_CONSTANTS with the globals of
// the binary it loads, so a stale build/engine.wasm is refused instead of giving wrong numbers.
// Changing a layout: change it there and here, and bump LAYOUT_VERSION in both.
// A new engine family adds its block (its descriptor and out block as slots(…)) and spreads it into ENGINE_CONSTANTS.
export const LAYOUT_VERSION = 10;

// ── Common to every engine ──
/** The largest block the engine allocates: one run's arena (or a chunk of runs') must fit in it. */
export const MAX_ALLOC_BYTES = 2 ** 30 - 16;
export enum Outcome {
  Global = 0,
  Spurious = 1,
  Unconverged = 2,
  Diverged = 3,
}
/** A schedule stage: until, ηa, ηv, shape, ηa1, ηv1, span, γ (SPEC §4; src/twin/common/schedule.ts reads them). */
export const STAGE_WIDTH = 8;
/** A stage's shape: constant steps, a linear ramp, a cosine decay, a step decay. */
export enum Shape {
  Constant = 0,
  Linear = 1,
  Cosine = 2,
  Step = 3,
}
/** Diverged once max|a_i| passes this. */
export const DIVERGED_A = 1e6;
/** Inflates the running bound on max|a_i| past the rounding of one update. */
export const BOUND_SLACK = 1 + 1e-12;

/** The kernel's name of a field: prefix DESC, field trapAngle → DESC_TRAP_ANGLE. */
export const kernelName = (prefix: string, field: string) => `${prefix}_${field.replace(/[A-Z]/g, '_$&').toUpperCase()}`;

/**
 * A block of f64 slots in a fixed order, one per field: a family's run descriptor (pointers and counts
 * too), an out block, a trajectory sample. `index`, `write` and `read` are the one place on this side
 * that knows the order; `constants` are the kernel's names for the slot indices and the width (prefix
 * DESC: DESC_P, …, DESC_TRAP_ANGLE, …, and the width DESC; an out block names its width OUT_WIDTH).
 */
export function slots<F extends string>(prefix: string, fields: readonly F[], widthName = prefix) {
  return {
    fields,
    width: fields.length,
    index: Object.fromEntries(fields.map((f, i) => [f, i])) as Record<F, number>,
    write(d: Record<F, number>, into: Float64Array, at: number): void {
      for (let i = 0; i < fields.length; i++) into[at + i] = d[fields[i]];
    },
    read(from: ArrayLike<number>, at = 0): Record<F, number> {
      return Object.fromEntries(fields.map((f, i) => [f, from[at + i]])) as Record<F, number>;
    },
    constants: { ...Object.fromEntries(fields.map((f, i) => [kernelName(prefix, f), i])), [widthName]: fields.length } as Record<
      string,
      number
    >,
  };
}

/** A trajectory sample: t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖ (SAMPLE_T, …, SAMPLE_WIDTH). */
export const SAMPLE = slots('SAMPLE', ['t', 'phi', 'loss', 'aDotAStar', 'errA', 'errW'] as const, 'SAMPLE_WIDTH');
export const SAMPLE_WIDTH = SAMPLE.width;

// ── Population engines: runVector, runReducedMany ──
export const POPULATION_DESC = slots('DESC', [
  'p',
  'k',
  'x',
  'ws',
  'a',
  'as',
  'ab',
  'scratch',
  'stages',
  'nStages',
  'maxIter',
  'tol',
  'trapAngle',
  'trapRadius',
  'trapPossible',
  'logEvery',
  'traj',
  'trajCap',
  'out',
] as const);
/** A run's out block: outcome, iterations, φ, L, ‖x‖, samples written (OUT_OUTCOME, …, OUT_WIDTH). */
export const OUT = slots('OUT', ['outcome', 'iterations', 'phi', 'loss', 'norm', 'samples'] as const, 'OUT_WIDTH');
export const OUT_WIDTH = OUT.width;
/** Per entry of x: the vector engine's global test measures the distances once 2 − 2c ≤ tol² + NEAR_MARGIN·(p + 4) (why: assembly/common/layout.ts). */
export const NEAR_MARGIN = 8 * Number.EPSILON;
/** The reduced engine drops a Gram–Schmidt residual below this share of its vector's norm. */
export const DROP = 1e-11;

// ── Sampled-data engine: runSampled ──
/** A sampled run's data in its descriptor (this engine's and the wide sampled engine's): kind, sizes, noise, stream key. */
const SAMPLED_DATA_FIELDS = ['online', 'batch', 'n', 'labelNoise', 'key0', 'key1', 'key2', 'key3'] as const;
/** Where a sampled run's training set, its labels and order, and its generators sit. */
const TRAINING_SET_FIELDS = ['trainZ', 'trainY', 'perm', 'gen', 'stream'] as const;
/** A sampled run's descriptor (assembly/common/layout.ts: SAMPLED_DESC_*). */
export const SAMPLED_DESC = slots('SAMPLED_DESC', [
  'p',
  'k',
  'x',
  'ws',
  'a',
  'as',
  'ab',
  'stages',
  'nStages',
  'maxIter',
  'tol',
  'trapPhi',
  'trapWindow',
  'trapPossible',
  'logEvery',
  'traj',
  'trajCap',
  'out',
  ...SAMPLED_DATA_FIELDS,
  'work',
  ...TRAINING_SET_FIELDS,
] as const);
/** A sampled run's out block: a run's, then the batch loss and the training loss. */
export const SAMPLED_OUT = slots('SAMPLED_OUT', [...OUT.fields, 'batchLoss', 'trainLoss'] as const, 'SAMPLED_OUT_WIDTH');
export const SAMPLED_OUT_WIDTH = SAMPLED_OUT.width;
/** A sampled run's trajectory sample: a sample's numbers, then the batch loss and the training loss. */
export const SAMPLED_SAMPLE = slots('SAMPLED_SAMPLE', [...SAMPLE.fields, 'batchLoss', 'trainLoss'] as const, 'SAMPLED_SAMPLE_WIDTH');
export const SAMPLED_SAMPLE_WIDTH = SAMPLED_SAMPLE.width;
/** Bytes of one entry of a training set's order (i32 indices, two to an f64). */
export const PERM_ENTRY_BYTES = 4;
/** The purposes of a run's streams: its samples, and the epochs' shuffles. */
export const PURPOSE_DATA = 1,
  PURPOSE_SHUFFLE = 2;

// ── Reduced SGD engine: runReducedSampledMany (out blocks and samples as SAMPLED_*) ──
/** A reduced SGD run's descriptor (assembly/common/layout.ts: REDUCED_SAMPLED_DESC_*). */
export const REDUCED_SAMPLED_DESC = slots('REDUCED_SAMPLED_DESC', [
  'p',
  'k',
  'x',
  'ws',
  'a',
  'as',
  'stages',
  'nStages',
  'maxIter',
  'tol',
  'trapPhi',
  'trapWindow',
  'trapPossible',
  'logEvery',
  'traj',
  'trajCap',
  'out',
  'batch',
  'labelNoise',
  'key0',
  'key1',
  'key2',
  'key3',
  'work',
  'vectors',
] as const);
/** Bytes of a scalar stream's state and of the eight normal lanes' state (assembly/random/index.ts). */
export const STREAM_BYTES = 16,
  NORMAL_LANES_BYTES = 336;
/** Its streams: the (s, q) pairs, the χ² draws, the final direction ⊥ w*. */
export const PURPOSE_PAIRS = 3,
  PURPOSE_CHI = 4,
  PURPOSE_DIRECTION = 5;

// ── Wide population engine: runWide (SPEC §9) ──
/** A wide run's descriptor (assembly/common/layout.ts: WIDE_DESC_*); x, ws, gx rows of even(p) f64, a, as, ga rows of even(k); ones: 1_k in the rows' coordinates. */
/** A wide run's rows and work area in its descriptor (this engine's and the wide sampled engine's). */
const WIDE_ROW_FIELDS = ['p', 'k', 'r', 'rStar', 'x', 'ws', 'a', 'as', 'gx', 'ga', 'work'] as const;
export const WIDE_DESC = slots('WIDE_DESC', [
  ...WIDE_ROW_FIELDS,
  'stages',
  'nStages',
  'maxIter',
  'lossTol',
  'gradTol',
  'gradWindow',
  'logEvery',
  'traj',
  'trajCap',
  'out',
  'ones',
] as const);
/** A wide run's out block: outcome, iterations, φ (best filter), L, ‖∇L‖, samples; then r angles (one per filter). */
export const WIDE_OUT_WIDTH = 6;
/** A wide run's trajectory sample: t, L, ‖∇L‖, then r angles (one per filter). */
export const WIDE_SAMPLE_WIDTH = 3;

// ── Wide sampled-data engine: runWideSampled (SPEC §9's student on §8's data) ──
/**
 * A wide sampled run's descriptor (assembly/common/layout.ts: WIDE_SAMPLED_DESC_*): the wide run's rows (x, ws, gx, wb
 * of even(p); a, as, ga, h of even(k)), the wide work area, and the sampled run's data, streams and training set.
 */
export const WIDE_SAMPLED_DESC = slots('WIDE_SAMPLED_DESC', [
  ...WIDE_ROW_FIELDS,
  'wb',
  'h',
  'ones',
  'stages',
  'nStages',
  'maxIter',
  'lossTol',
  'trapLoss',
  'trapTime',
  'logEvery',
  'traj',
  'trajCap',
  'out',
  ...SAMPLED_DATA_FIELDS,
  'sample',
  ...TRAINING_SET_FIELDS,
] as const);
/** Its out block: outcome, iterations, φ (best filter), L, ‖∇L‖, samples, batch loss, training loss; then r angles. */
export const WIDE_SAMPLED_OUT_WIDTH = 8;
/** Its trajectory sample: t, L, ‖∇L‖, batch loss, training loss; then r angles. */
export const WIDE_SAMPLED_SAMPLE_WIDTH = 5;

/** Every constant the binary must export, with the value this package expects (a new family spreads its block in). */
export const ENGINE_CONSTANTS: Readonly<Record<string, number>> = {
  LAYOUT_VERSION,
  GLOBAL: Outcome.Global,
  SPURIOUS: Outcome.Spurious,
  UNCONVERGED: Outcome.Unconverged,
  DIVERGED: Outcome.Diverged,
  MAX_ALLOC_BYTES,
  STAGE_WIDTH,
  SHAPE_CONSTANT: Shape.Constant,
  SHAPE_LINEAR: Shape.Linear,
  SHAPE_COSINE: Shape.Cosine,
  SHAPE_STEP: Shape.Step,
  ...SAMPLE.constants,
  DIVERGED_A,
  BOUND_SLACK,
  ...POPULATION_DESC.constants,
  ...OUT.constants,
  NEAR_MARGIN,
  DROP,
  ...SAMPLED_DESC.constants,
  ...SAMPLED_OUT.constants,
  ...SAMPLED_SAMPLE.constants,
  PERM_ENTRY_BYTES,
  PURPOSE_DATA,
  PURPOSE_SHUFFLE,
  STREAM_BYTES,
  NORMAL_LANES_BYTES,
  ...REDUCED_SAMPLED_DESC.constants,
  PURPOSE_PAIRS,
  PURPOSE_CHI,
  PURPOSE_DIRECTION,
  ...WIDE_DESC.constants,
  WIDE_OUT_WIDTH,
  WIDE_SAMPLE_WIDTH,
  ...WIDE_SAMPLED_DESC.constants,
  WIDE_SAMPLED_OUT_WIDTH,
  WIDE_SAMPLED_SAMPLE_WIDTH,
};
