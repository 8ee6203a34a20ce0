// Every number the engine shares with TypeScript: memory layouts, outcome codes and the kernels'
// thresholds that the twins repeat. The kernel owns them; src/layout.ts mirrors them and
// src/wasm/memory.ts compares the two when it loads the binary (each is exported as a global).
// Changing a layout: change it here and in src/layout.ts, and bump LAYOUT_VERSION in both.
// A new engine family adds its own block below (FAMILY_DESC_*, FAMILY_OUT_WIDTH, …) in this pattern.
export const LAYOUT_VERSION: i32 = 10;

// ── Common to every engine ──
// The largest block alloc hands out: the allocator's limit (1 GiB less its header), 16-byte aligned.
// Every run's arena is one block, so this bounds what a run may hold in engine memory.
export const MAX_ALLOC_BYTES: f64 = <f64>((1 << 30) - 16);
// Outcomes, as out[0] holds them.
export const GLOBAL: i32 = 0, SPURIOUS: i32 = 1, UNCONVERGED: i32 = 2, DIVERGED: i32 = 3;
// A schedule: nStages × [until, ηa, ηv, shape, ηa1, ηv1, span, γ] (common/schedule.ts reads them).
export const STAGE_WIDTH: i32 = 8;
// A stage's shape: constant steps, a linear ramp, a cosine decay, a step decay.
export const SHAPE_CONSTANT: i32 = 0, SHAPE_LINEAR: i32 = 1, SHAPE_COSINE: i32 = 2, SHAPE_STEP: i32 = 3;
// A trajectory sample: t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖, at these indices.
export const SAMPLE_T: i32 = 0, SAMPLE_PHI: i32 = 1, SAMPLE_LOSS: i32 = 2, SAMPLE_A_DOT_A_STAR: i32 = 3,
  SAMPLE_ERR_A: i32 = 4, SAMPLE_ERR_W: i32 = 5;
export const SAMPLE_WIDTH: i32 = 6;
// Diverged once max|a_i| passes this.
export const DIVERGED_A: f64 = 1e6;
// Inflates the running bound on max|a_i| past the rounding of one update (a few ulps).
export const BOUND_SLACK: f64 = 1 + 1e-12;

// ── Population engines (assembly/population/): runVector, runReducedMany ──
// A run descriptor: DESC f64 per run, the fields at these indices (pointers and counts as f64).
export const DESC_P: i32 = 0, DESC_K: i32 = 1, DESC_X: i32 = 2, DESC_WS: i32 = 3, DESC_A: i32 = 4,
  DESC_AS: i32 = 5, DESC_AB: i32 = 6, DESC_SCRATCH: i32 = 7, DESC_STAGES: i32 = 8, DESC_N_STAGES: i32 = 9,
  DESC_MAX_ITER: i32 = 10, DESC_TOL: i32 = 11, DESC_TRAP_ANGLE: i32 = 12, DESC_TRAP_RADIUS: i32 = 13,
  DESC_TRAP_POSSIBLE: i32 = 14, DESC_LOG_EVERY: i32 = 15, DESC_TRAJ: i32 = 16, DESC_TRAJ_CAP: i32 = 17,
  DESC_OUT: i32 = 18;
export const DESC: i32 = 19;
// A run's out block: outcome, iterations, φ, L, ‖x‖, samples written, at these indices.
export const OUT_OUTCOME: i32 = 0, OUT_ITERATIONS: i32 = 1, OUT_PHI: i32 = 2, OUT_LOSS: i32 = 3, OUT_NORM: i32 = 4,
  OUT_SAMPLES: i32 = 5;
export const OUT_WIDTH: i32 = 6;
// The vector engine's global test looks at the exact distances only once 2 − 2c ≤ tol² +
// NEAR_MARGIN·(p + 4). 2 − 2c estimates ‖w̄ − w*‖² up to (3p/8 + 13)ε from the eight-lane sums and
// up to 4(p + 4)ε from ‖w*‖² ≠ 1 (as the Problem check admits): 8ε per entry covers both.
export const NEAR_MARGIN: f64 = 8 * f64.EPSILON;
// The reduced engine drops a Gram–Schmidt residual below this share of its vector's norm.
export const DROP: f64 = 1e-11;

// ── Sampled-data engine (assembly/sampled/): runSampled ──
// A run descriptor: SAMPLED_DESC f64, the fields at these indices (pointers and counts as f64).
// key0..key3: the run's stream key (assembly/random); work: w̄, g_w̄, g_a, h and one online sample;
// trainZ, trainY, perm: the training set, its labels and its order (i32); gen, stream: generator states.
export const SAMPLED_DESC_P: i32 = 0, SAMPLED_DESC_K: i32 = 1, SAMPLED_DESC_X: i32 = 2, SAMPLED_DESC_WS: i32 = 3,
  SAMPLED_DESC_A: i32 = 4, SAMPLED_DESC_AS: i32 = 5, SAMPLED_DESC_AB: i32 = 6, SAMPLED_DESC_STAGES: i32 = 7,
  SAMPLED_DESC_N_STAGES: i32 = 8, SAMPLED_DESC_MAX_ITER: i32 = 9, SAMPLED_DESC_TOL: i32 = 10,
  SAMPLED_DESC_TRAP_PHI: i32 = 11, SAMPLED_DESC_TRAP_WINDOW: i32 = 12, SAMPLED_DESC_TRAP_POSSIBLE: i32 = 13,
  SAMPLED_DESC_LOG_EVERY: i32 = 14, SAMPLED_DESC_TRAJ: i32 = 15, SAMPLED_DESC_TRAJ_CAP: i32 = 16,
  SAMPLED_DESC_OUT: i32 = 17, SAMPLED_DESC_ONLINE: i32 = 18, SAMPLED_DESC_BATCH: i32 = 19, SAMPLED_DESC_N: i32 = 20,
  SAMPLED_DESC_LABEL_NOISE: i32 = 21, SAMPLED_DESC_KEY0: i32 = 22, SAMPLED_DESC_KEY1: i32 = 23,
  SAMPLED_DESC_KEY2: i32 = 24, SAMPLED_DESC_KEY3: i32 = 25, SAMPLED_DESC_WORK: i32 = 26,
  SAMPLED_DESC_TRAIN_Z: i32 = 27, SAMPLED_DESC_TRAIN_Y: i32 = 28, SAMPLED_DESC_PERM: i32 = 29,
  SAMPLED_DESC_GEN: i32 = 30, SAMPLED_DESC_STREAM: i32 = 31;
export const SAMPLED_DESC: i32 = 32;
// A sampled run's out block: the population run's (OUT_*), then the batch loss and the training loss.
export const SAMPLED_OUT_OUTCOME: i32 = 0, SAMPLED_OUT_ITERATIONS: i32 = 1, SAMPLED_OUT_PHI: i32 = 2, SAMPLED_OUT_LOSS: i32 = 3,
  SAMPLED_OUT_NORM: i32 = 4, SAMPLED_OUT_SAMPLES: i32 = 5, SAMPLED_OUT_BATCH_LOSS: i32 = 6, SAMPLED_OUT_TRAIN_LOSS: i32 = 7;
export const SAMPLED_OUT_WIDTH: i32 = 8;
// A sampled run's trajectory sample: the population run's (SAMPLE_*), then the batch loss and the training loss.
export const SAMPLED_SAMPLE_T: i32 = 0, SAMPLED_SAMPLE_PHI: i32 = 1, SAMPLED_SAMPLE_LOSS: i32 = 2,
  SAMPLED_SAMPLE_A_DOT_A_STAR: i32 = 3, SAMPLED_SAMPLE_ERR_A: i32 = 4, SAMPLED_SAMPLE_ERR_W: i32 = 5,
  SAMPLED_SAMPLE_BATCH_LOSS: i32 = 6, SAMPLED_SAMPLE_TRAIN_LOSS: i32 = 7;
export const SAMPLED_SAMPLE_WIDTH: i32 = 8;
// Bytes of one entry of a training set's order (SAMPLED_DESC_PERM: i32 indices, two to an f64).
export const PERM_ENTRY_BYTES: i32 = sizeof<i32>();
// The purposes of a run's streams (the fifth key word): its samples, and the epochs' shuffles.
export const PURPOSE_DATA: u32 = 1, PURPOSE_SHUFFLE: u32 = 2;

// ── Reduced SGD engine (assembly/sampled/reduced.ts): runReducedSampledMany ──
// A run descriptor: REDUCED_SAMPLED_DESC f64, the fields at these indices (pointers and counts as f64).
// work: the step's normals and g_a; vectors: 1 to rebuild x at the end (0: summaries only).
// Out blocks and samples as the sampled engine's (SAMPLED_OUT_WIDTH, SAMPLED_SAMPLE_WIDTH).
export const REDUCED_SAMPLED_DESC_P: i32 = 0, REDUCED_SAMPLED_DESC_K: i32 = 1, REDUCED_SAMPLED_DESC_X: i32 = 2,
  REDUCED_SAMPLED_DESC_WS: i32 = 3, REDUCED_SAMPLED_DESC_A: i32 = 4, REDUCED_SAMPLED_DESC_AS: i32 = 5,
  REDUCED_SAMPLED_DESC_STAGES: i32 = 6, REDUCED_SAMPLED_DESC_N_STAGES: i32 = 7, REDUCED_SAMPLED_DESC_MAX_ITER: i32 = 8,
  REDUCED_SAMPLED_DESC_TOL: i32 = 9, REDUCED_SAMPLED_DESC_TRAP_PHI: i32 = 10, REDUCED_SAMPLED_DESC_TRAP_WINDOW: i32 = 11,
  REDUCED_SAMPLED_DESC_TRAP_POSSIBLE: i32 = 12, REDUCED_SAMPLED_DESC_LOG_EVERY: i32 = 13, REDUCED_SAMPLED_DESC_TRAJ: i32 = 14,
  REDUCED_SAMPLED_DESC_TRAJ_CAP: i32 = 15, REDUCED_SAMPLED_DESC_OUT: i32 = 16, REDUCED_SAMPLED_DESC_BATCH: i32 = 17,
  REDUCED_SAMPLED_DESC_LABEL_NOISE: i32 = 18, REDUCED_SAMPLED_DESC_KEY0: i32 = 19, REDUCED_SAMPLED_DESC_KEY1: i32 = 20,
  REDUCED_SAMPLED_DESC_KEY2: i32 = 21, REDUCED_SAMPLED_DESC_KEY3: i32 = 22, REDUCED_SAMPLED_DESC_WORK: i32 = 23,
  REDUCED_SAMPLED_DESC_VECTORS: i32 = 24;
export const REDUCED_SAMPLED_DESC: i32 = 25;
// Its streams (purposes of the run's key): the (s, q) pairs, the χ² draws, the final direction ⊥ w*.
export const PURPOSE_PAIRS: u32 = 3, PURPOSE_CHI: u32 = 4, PURPOSE_DIRECTION: u32 = 5;

// ── Wide population engine (assembly/wide/): runWide (SPEC §9) ──
// A run descriptor: WIDE_DESC f64, the fields at these indices (pointers and counts as f64).
// x: r rows, ws: r* rows, gx: r rows, each of pStride f64; a, as, ga likewise of kStride; work: wideWork(r, r*, kStride);
// ones: the coordinates of 1_k (the vector engine: 1_k itself; the reduced engine: in its basis of the rows' span).
export const WIDE_DESC_P: i32 = 0, WIDE_DESC_K: i32 = 1, WIDE_DESC_R: i32 = 2, WIDE_DESC_R_STAR: i32 = 3,
  WIDE_DESC_X: i32 = 4, WIDE_DESC_WS: i32 = 5, WIDE_DESC_A: i32 = 6, WIDE_DESC_AS: i32 = 7, WIDE_DESC_GX: i32 = 8,
  WIDE_DESC_GA: i32 = 9, WIDE_DESC_WORK: i32 = 10, WIDE_DESC_STAGES: i32 = 11, WIDE_DESC_N_STAGES: i32 = 12,
  WIDE_DESC_MAX_ITER: i32 = 13, WIDE_DESC_LOSS_TOL: i32 = 14, WIDE_DESC_GRAD_TOL: i32 = 15, WIDE_DESC_GRAD_WINDOW: i32 = 16,
  WIDE_DESC_LOG_EVERY: i32 = 17, WIDE_DESC_TRAJ: i32 = 18, WIDE_DESC_TRAJ_CAP: i32 = 19, WIDE_DESC_OUT: i32 = 20,
  WIDE_DESC_ONES: i32 = 21;
export const WIDE_DESC: i32 = 22;
// A wide run's out block: outcome, iterations, φ (the best filter's angle to its nearest teacher filter), L, ‖∇L‖,
// samples, then each filter's angle to its nearest teacher filter (r more).
export const WIDE_OUT_WIDTH: i32 = 6;
// A wide run's trajectory sample: t, L, ‖∇L‖, then the r filters' angles to their nearest teacher filters.
export const WIDE_SAMPLE_WIDTH: i32 = 3;

// ── Wide sampled-data engine (assembly/wide/sampled.ts): runWideSampled (SPEC §9's student on §8's data) ──
// A run descriptor: WIDE_SAMPLED_DESC f64, the fields at these indices (pointers and counts as f64).
// x, ws, gx, wb: rows of even(p); a, as, ga, h: rows of even(k); work: the wide kernel's (wideWork); sample: one
// online sample (k·p); trainZ, trainY, perm: the training set, its labels and order (i32); gen, stream: generator states.
export const WIDE_SAMPLED_DESC_P: i32 = 0, WIDE_SAMPLED_DESC_K: i32 = 1, WIDE_SAMPLED_DESC_R: i32 = 2,
  WIDE_SAMPLED_DESC_R_STAR: i32 = 3, WIDE_SAMPLED_DESC_X: i32 = 4, WIDE_SAMPLED_DESC_WS: i32 = 5, WIDE_SAMPLED_DESC_A: i32 = 6,
  WIDE_SAMPLED_DESC_AS: i32 = 7, WIDE_SAMPLED_DESC_GX: i32 = 8, WIDE_SAMPLED_DESC_GA: i32 = 9, WIDE_SAMPLED_DESC_WORK: i32 = 10,
  WIDE_SAMPLED_DESC_WB: i32 = 11, WIDE_SAMPLED_DESC_H: i32 = 12, WIDE_SAMPLED_DESC_ONES: i32 = 13,
  WIDE_SAMPLED_DESC_STAGES: i32 = 14, WIDE_SAMPLED_DESC_N_STAGES: i32 = 15, WIDE_SAMPLED_DESC_MAX_ITER: i32 = 16,
  WIDE_SAMPLED_DESC_LOSS_TOL: i32 = 17, WIDE_SAMPLED_DESC_TRAP_LOSS: i32 = 18, WIDE_SAMPLED_DESC_TRAP_TIME: i32 = 19,
  WIDE_SAMPLED_DESC_LOG_EVERY: i32 = 20, WIDE_SAMPLED_DESC_TRAJ: i32 = 21, WIDE_SAMPLED_DESC_TRAJ_CAP: i32 = 22,
  WIDE_SAMPLED_DESC_OUT: i32 = 23, WIDE_SAMPLED_DESC_ONLINE: i32 = 24, WIDE_SAMPLED_DESC_BATCH: i32 = 25,
  WIDE_SAMPLED_DESC_N: i32 = 26, WIDE_SAMPLED_DESC_LABEL_NOISE: i32 = 27, WIDE_SAMPLED_DESC_KEY0: i32 = 28,
  WIDE_SAMPLED_DESC_KEY1: i32 = 29, WIDE_SAMPLED_DESC_KEY2: i32 = 30, WIDE_SAMPLED_DESC_KEY3: i32 = 31,
  WIDE_SAMPLED_DESC_SAMPLE: i32 = 32, WIDE_SAMPLED_DESC_TRAIN_Z: i32 = 33, WIDE_SAMPLED_DESC_TRAIN_Y: i32 = 34,
  WIDE_SAMPLED_DESC_PERM: i32 = 35, WIDE_SAMPLED_DESC_GEN: i32 = 36, WIDE_SAMPLED_DESC_STREAM: i32 = 37;
export const WIDE_SAMPLED_DESC: i32 = 38;
// Its out block: outcome, iterations, φ (the best filter's angle), L, ‖∇L‖, samples, batch loss, training loss; then r angles.
export const WIDE_SAMPLED_OUT_WIDTH: i32 = 8;
// Its trajectory sample: t, L, ‖∇L‖, batch loss, training loss; then the r filters' angles.
export const WIDE_SAMPLED_SAMPLE_WIDTH: i32 = 5;
