// The page's Web Worker: runs trajectories and success-rate sweeps on the same engine.wasm as
// Node, so the page never freezes. A cancel is a terminate() from the page.
import { createSimulator, type Simulator } from '../src/simulator.js';
import { sweepCells, type SweepConfig } from '../src/experiments/core/sweepConfig.js';
import { batchRunner } from '../src/experiments/core/batchRunner.js';
import { runSweepTrials } from '../src/experiments/core/sweep.js';
import { DEFAULT_EXPERIMENT_ENGINE } from '../src/experiments/core/run.js';
import type { EngineName } from '../src/types.js';
import { summarise } from '../src/experiments/core/aggregate.js';
import type { TrialRecord } from '../src/experiments/core/run.js';
import { runLive } from './liveRun.js';
import { LIVE_ENGINE } from './form.js';
import type { FromWorker, ToWorker } from './messages.js';

/** Simulators by engine: live runs on LIVE_ENGINE (GD and SGD, with trajectories), sweeps on the CLI's default. */
const simulators = new Map<EngineName, Promise<Simulator>>();

/** The simulator of an engine, loaded on first use. */
function simulator(engine: EngineName): Promise<Simulator> {
  if (!simulators.has(engine)) simulators.set(engine, createSimulator({ engine, wasm: new URL('../build/engine.wasm', import.meta.url) }));
  return simulators.get(engine)!;
}

const post = (m: FromWorker) => postMessage(m);

const PROGRESS_EVERY_MS = 100;
const TRIALS_PER_CALL = 20; // small enough to post progress (and be cancelled) often

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  try {
    if (e.data.kind === 'sweep') return await sweep(e.data.configs);
    const config = e.data.config;
    const result = runLive(await simulator(LIVE_ENGINE), config, (samples) => post({ kind: 'partial', samples }));
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
  let before = 0,
    lastPost = performance.now();
  for (const [c, config] of configs.entries()) {
    const cells = sweepCells(config);
    const byCell = new Map<number, TrialRecord[]>();
    await runSweepTrials(
      config,
      { engine: DEFAULT_EXPERIMENT_ENGINE, concurrency: 1, batchSize: TRIALS_PER_CALL, run: runBatch },
      {
        onRecords: (records) => {
          for (const r of records) {
            let finished = byCell.get(r.cell);
            if (!finished) byCell.set(r.cell, (finished = []));
            finished.push(r);
            if (finished.length === config.trials) {
              const cell = cells[r.cell];
              post({
                kind: 'cell',
                cell: {
                  k: cell.k,
                  method: cell.method,
                  batch: cell.data?.batch ?? null,
                  width: cell.width ?? 1,
                  trials: config.trials,
                  counts: summarise(finished).outcomes,
                },
              });
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
      },
    );
    before += totals[c];
  }
  post({ kind: 'finished' });
}
