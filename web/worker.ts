// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { OUTCOME_NAMES, SUMMARY_WIDTH, type Outcome } from '../src/problem.js';
import { sweepCells, type SweepConfig } from '../src/experiments/sweepConfig.js';
import { cellProblems } from '../src/experiments/cell.js';
import type { EngineName } from '../src/types.js';
import { runLive } from './liveRun.js';
import type { FromWorker, ToWorker } from './messages.js';

/**
 * The engines of the page, in one place: population GD, and SGD on sampled data ('wasm' runs
 * both; a reduced SGD engine can take over the sampled runs here).
 */
const ENGINES: Record<'population' | 'sampled', EngineName> = { population: 'wasm', sampled: 'wasm' };
const simulators = new Map<EngineName, Promise<Simulator>>();

/** The simulator for runs with (`sampled`) or without sampled data, loaded on first use. */
function simulatorFor(sampled: boolean): Promise<Simulator> {
  const engine = ENGINES[sampled ? 'sampled' : 'population'];
  if (!simulators.has(engine)) simulators.set(engine, createSimulator({ engine, wasm: new URL('../build/engine.wasm', import.meta.url) }));
  return simulators.get(engine)!;
}

const post = (m: FromWorker) => postMessage(m);

const PROGRESS_EVERY_MS = 100;
const TRIALS_PER_CALL = 20; // small enough to post progress (and be cancelled) often

onmessage = async (e: MessageEvent<ToWorker>) => {
  try {
    if (e.data.kind === 'sweep') return await sweep(e.data.configs);
    const config = e.data.config;
    const result = runLive(await simulatorFor(config.data !== undefined), config, (samples) => post({ kind: 'partial', samples }));
    post({ kind: 'done', result });
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

/** The cells of `shortcut-sim sweep` for each config, their trials built as the CLI builds them. */
async function sweep(configs: SweepConfig[]): Promise<void> {
  const plans = configs.map((config) => ({ config, cells: sweepCells(config) }));
  const total = plans.reduce((sum, { config, cells }) => sum + cells.length * config.trials, 0);
  let done = 0, lastPost = performance.now();
  for (const { config, cells } of plans) for (const cell of cells) {
    const sim = await simulatorFor(cell.data !== undefined);
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
    post({ kind: 'cell', cell: { k: cell.k, method: cell.method, batch: cell.data?.batch ?? null, trials: config.trials, counts } });
    post({ kind: 'progress', done, total });
  }
  post({ kind: 'finished' });
}
