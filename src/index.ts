// shortcut-sim: exact population gradient descent for the CNN of Du et al. and the ResNet of Liu et al.
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
export { ConfigError, parseRunConfig, parseState, toProblem } from './config.js';
export { OUTCOME_NAMES, SUMMARY_WIDTH, type Problem } from './problem.js';
export * as presets from './presets.js';
export { Random } from './random.js';
export { trialSeed } from './twin/random/bits.js';
export type * from './types.js';
