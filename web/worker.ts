// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { teacher, METHODS } from '../src/presets.js';
import type { RunConfig } from '../src/types.js';
import { sweepTrialConfig, type SweepPlan } from './form.js';
import type { FromWorker, ToWorker } from './messages.js';

const simulator = createSimulator({ engine: 'wasm', wasm: new URL('../build/engine.wasm', import.meta.url) });
const post = (m: FromWorker) => postMessage(m);

/** Steps × (k + p) of the first chunk of a live run: a few milliseconds of work. */
const FIRST_CHUNK_WORK = 2e6;
const PROGRESS_EVERY_MS = 100;

onmessage = async (e: MessageEvent<ToWorker>) => {
  try {
    const sim = await simulator;
    if (e.data.kind === 'run') runLive(sim, e.data.config);
    else sweep(sim, e.data.plan);
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

/**
 * The engine runs a whole run in one call, so a live run is a series of runs of the same config
 * with growing maxIter (each chunk twice the last, so at most twice the work of one run).
 * Runs are deterministic: each chunk's trajectory is an exact prefix of the full one, and an
 * outcome decided before a chunk's maxIter is the full run's outcome, bit for bit.
 */
function runLive(sim: Simulator, config: RunConfig): void {
  const maxIter = config.maxIter ?? 5000;
  const width = config.teacher.aStar.length + config.teacher.wStar.length;
  for (let steps = Math.max(100, Math.floor(FIRST_CHUNK_WORK / width)); ; steps *= 2) {
    const result = sim.run({ ...config, maxIter: Math.min(steps, maxIter) });
    if (result.outcome !== 'unconverged' || steps >= maxIter) return post({ kind: 'done', result });
    post({ kind: 'partial', samples: result.trajectory ?? [] });
  }
}

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
