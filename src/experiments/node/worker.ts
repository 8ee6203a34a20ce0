// A piscina worker thread: its own engines (its own WASM instances), running batches of trials.
import { createEngine } from '../../simulator.js';
import { batchRunner } from '../core/batchRunner.js';

// The engine without the public API's Problem check: cellProblems builds sound Problems.
export default batchRunner((engine) => createEngine({ engine }));
