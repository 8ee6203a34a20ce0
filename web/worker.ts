// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { sweepCells, type SweepConfig } from '../src/experiments/core/sweepConfig.js';
import { batchRunner } from '../src/experiments/core/batchRunner.js';
import { runSweepTrials } from '../src/experiments/core/sweep.js';
import { DEFAULT_EXPERIMENT_ENGINE } from '../src/experiments/core/run.js';
import type { EngineName, OutcomeName } from '../src/types.js';
import { runLive } from './liveRun.js';
import type { FromWorker, ToWorker } from './messages.js';

/**
 * The engines of the page's live runs, in one place: population GD, and SGD on sampled data ('wasm'
 * runs both, with trajectories). Sweeps run on the CLI's default engine, so that they give its numbers.
 */
const ENGINES: Record<'population' | 'sampled', EngineName> = { population: 'wasm', sampled: 'wasm' };
const simulators = new Map<EngineName, Promise<Simulator>>();

/** The simulator of an engine, loaded on first use. */
function simulator(engine: EngineName): Promise<Simulator> {
  if (!simulators.has(engine)) simulators.set(engine, createSimulator({ engine, wasm: new URL('../build/engine.wasm', import.meta.url) }));
  return simulators.get(engine)!;
}

/** The simulator for runs with (`sampled`) or without sampled data. */
const simulatorFor = (sampled: boolean) => simulator(ENGINES[sampled ? 'sampled' : 'population']);

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

/**
 * The sweeps of `shortcut-sim sweep` for each config, run by the same core function as in Node
 * (core/sweep.ts runSweepTrials, its trials built as the CLI builds them), one batch at a time.
 */
async function sweep(configs: SweepConfig[]): Promise<void> {
  const totals = configs.map((config) => sweepCells(config).length * config.trials);
  const total = totals.reduce((a, b) => a + b, 0);
  const runBatch = batchRunner(simulator);
  let before = 0, lastPost = performance.now();
  for (const [c, config] of configs.entries()) {
    const cells = sweepCells(config);
    const counts = new Map<number, Record<OutcomeName, number>>();
    await runSweepTrials(config, { engine: DEFAULT_EXPERIMENT_ENGINE, concurrency: 1, batchSize: TRIALS_PER_CALL, run: runBatch }, {
      onRecords: (records) => {
        for (const r of records) {
          let cellCounts = counts.get(r.cell);
          if (!cellCounts) counts.set(r.cell, cellCounts = { global: 0, spurious: 0, unconverged: 0, diverged: 0 });
          cellCounts[r.outcome]++;
          if (cellCounts.global + cellCounts.spurious + cellCounts.unconverged + cellCounts.diverged === config.trials) {
            const cell = cells[r.cell];
            post({ kind: 'cell', cell: { k: cell.k, method: cell.method, batch: cell.data?.batch ?? null, trials: config.trials, counts: cellCounts } });
            post({ kind: 'progress', done: before + (r.cell + 1) * config.trials, total });
          }
        }
      },
      onProgress: ({ done }) => {
        if (performance.now() - lastPost > PROGRESS_EVERY_MS) {
          post({ kind: 'progress', done: before + done, total });
          lastPost = performance.now();
        }
      },
    });
    before += totals[c];
  }
  post({ kind: 'finished' });
}
