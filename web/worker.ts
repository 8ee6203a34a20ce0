// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { teacher, METHODS } from '../src/presets.js';
import { sweepTrialConfig, type SweepPlan } from './form.js';
import { runLive } from './liveRun.js';
import type { FromWorker, ToWorker } from './messages.js';

const simulator = createSimulator({ engine: 'wasm', wasm: new URL('../build/engine.wasm', import.meta.url) });
const post = (m: FromWorker) => postMessage(m);

const PROGRESS_EVERY_MS = 100;

onmessage = async (e: MessageEvent<ToWorker>) => {
  try {
    const sim = await simulator;
    if (e.data.kind === 'sweep') return sweep(sim, e.data.plan);
    const result = runLive(sim, e.data.config, (samples) => post({ kind: 'partial', samples }));
    post({ kind: 'done', result });
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

function sweep(sim: Simulator, plan: SweepPlan): void {
  const total = plan.ks.length * METHODS.length * plan.trials;
  let done = 0, lastPost = performance.now();
  for (const k of plan.ks) {
    const t = teacher({ ...plan.teacher, k, p: k });
    for (const method of METHODS) {
      const counts = { global: 0, spurious: 0, unconverged: 0, diverged: 0 };
      for (let trial = 0; trial < plan.trials; trial++) {
        counts[sim.run(sweepTrialConfig(plan, k, method, trial, t)).outcome]++;
        done++;
        if (performance.now() - lastPost > PROGRESS_EVERY_MS) {
          post({ kind: 'progress', done, total });
          lastPost = performance.now();
        }
      }
      post({ kind: 'cell', cell: { k, method, trials: plan.trials, counts } });
      post({ kind: 'progress', done, total });
    }
  }
  post({ kind: 'finished' });
}
