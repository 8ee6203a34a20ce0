// shortcut-sim: exact population gradient descent for the CNN of Du et al. and the ResNet of Liu et al.
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
export { ConfigError, parseRunConfig, parseState } from './config.js';
export * as presets from './presets.js';
export { Random } from './random.js';
export type * from './types.js';
