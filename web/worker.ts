// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { teacher, trialConfig } from '../src/presets.js';
import { sweepCells, type SweepConfig } from '../src/experiments/sweepConfig.js';
import { cellTrialOptions } from '../src/experiments/cell.js';
import { runLive } from './liveRun.js';
import type { FromWorker, ToWorker } from './messages.js';

const simulator = createSimulator({ engine: 'wasm', wasm: new URL('../build/engine.wasm', import.meta.url) });
const post = (m: FromWorker) => postMessage(m);

const PROGRESS_EVERY_MS = 100;

onmessage = async (e: MessageEvent<ToWorker>) => {
  try {
    const sim = await simulator;
    if (e.data.kind === 'sweep') return sweep(sim, e.data.config);
    const result = runLive(sim, e.data.config, (samples) => post({ kind: 'partial', samples }));
    post({ kind: 'done', result });
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

/** The cells of `shortcut-sim sweep` for this config, each trial as presets.trialConfig draws it. */
function sweep(sim: Simulator, config: SweepConfig): void {
  const cells = sweepCells(config);
  const total = cells.length * config.trials;
  let done = 0, lastPost = performance.now();
  for (const cell of cells) {
    const options = cellTrialOptions(cell), t = teacher(options);
    const counts = { global: 0, spurious: 0, unconverged: 0, diverged: 0 };
    for (let trial = 0; trial < config.trials; trial++) {
      counts[sim.run(trialConfig({ ...options, trial }, t)).outcome]++;
      done++;
      if (performance.now() - lastPost > PROGRESS_EVERY_MS) {
        post({ kind: 'progress', done, total });
        lastPost = performance.now();
      }
    }
    post({ kind: 'cell', cell: { k: cell.k, method: cell.method, trials: config.trials, counts } });
    post({ kind: 'progress', done, total });
  }
  post({ kind: 'finished' });
}
