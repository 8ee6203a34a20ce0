// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { OUTCOME_NAMES, SUMMARY_WIDTH, type Outcome } from '../src/problem.js';
import { sweepCells, type SweepConfig } from '../src/experiments/sweepConfig.js';
import { cellProblems } from '../src/experiments/cell.js';
import { runLive } from './liveRun.js';
import type { FromWorker, ToWorker } from './messages.js';

const simulator = createSimulator({ engine: 'wasm', wasm: new URL('../build/engine.wasm', import.meta.url) });
const post = (m: FromWorker) => postMessage(m);

const PROGRESS_EVERY_MS = 100;
const TRIALS_PER_CALL = 20; // small enough to post progress (and be cancelled) often

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

/** The cells of `shortcut-sim sweep` for this config, their trials built as the CLI builds them. */
function sweep(sim: Simulator, config: SweepConfig): void {
  const cells = sweepCells(config);
  const total = cells.length * config.trials;
  let done = 0, lastPost = performance.now();
  for (const cell of cells) {
    const problemOf = cellProblems(cell);
    const counts = { global: 0, spurious: 0, unconverged: 0, diverged: 0 };
    for (let first = 0; first < config.trials; first += TRIALS_PER_CALL) {
      const trials = Array.from({ length: Math.min(TRIALS_PER_CALL, config.trials - first) }, (_, i) => problemOf(first + i));
      const summaries = sim.runSummaries(trials);
      for (let i = 0; i < trials.length; i++) counts[OUTCOME_NAMES[summaries[i * SUMMARY_WIDTH] as Outcome]]++;
      done += trials.length;
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
