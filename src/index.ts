// shortcut-sim: exact population gradient descent for the CNN of Du et al. and the ResNet of Liu et al.
/**
 * Exact population gradient descent for the CNN of Du et al. and the ResNet of Liu et al. (SPEC.md),
 * on the SIMD WebAssembly engine or its pure-JS twin, and the experiments in Node: `import … from 'shortcut-sim'`.
 * @module shortcut-sim
 */
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
export { ConfigError, parseRunConfig, parseState, toProblem } from './config.js';
export { OUTCOME_NAMES, SUMMARY_WIDTH, type Problem } from './problem.js';
/** The teachers, starts and methods of the paper's experiments (SPEC §6), and the named presets of their constants. */
export * as presets from './presets.js';
export { Random } from './random.js';
export { divergenceReason, largestSteps, secondLayerStepLimit } from './stability.js';
export { trialSeed } from './twin/random/bits.js';
export type * from './types.js';
// The experiments (Node: a worker pool or this thread; files only with `out`); core: browser-safe.
export { runTable1, TABLE1_FILES, type Table1Options } from './experiments/node/table1.js';
export { runSweep, type SweepOptions } from './experiments/node/sweep.js';
export { runSgd, type SgdOptions } from './experiments/node/sgd.js';
export { runWidth, WIDTH_FILES, type WidthOptions } from './experiments/node/width.js';
export { runFigure5, FIGURE5_FILES, type Figure5Options } from './experiments/node/figure5.js';
export * from './experiments/core/index.js';
