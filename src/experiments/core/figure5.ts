// SPEC §6.2: one start, two runs (with and without step-size warmup), whole trajectories: the
// figure's object, its CSV and its text. Browser-safe: the caller gives the simulator.
import { figure5Config, type PresetName } from '../../presets.js';
import { DEFAULT_PRESET } from '../../limits.js';
import type { OutcomeName, RunConfig, RunResult, TrajectorySample } from '../../types.js';
import { csv } from './format.js';
import { FORMAT_VERSION } from './aggregate.js';
import { AbortError, type RunControl } from './run.js';

/** The two methods of Figure 5 (SPEC §6.2): the ResNet with and without warmup. */
export const FIGURE5_METHODS = ['resnet-ssw', 'resnet-constant'] as const;

/** One run of Figure 5: its method, outcome, the steps taken and a trajectory sample at every step. */
export interface Figure5Run {
  method: (typeof FIGURE5_METHODS)[number];
  outcome: OutcomeName;
  iterations: number;
  trajectory: TrajectorySample[];
}

/** What runFigure5 returns and figure5.json holds (SPEC §6.2). */
export interface Figure5 {
  version: number;
  seed: number;
  /** The teacher's preset, written only when it is not 'spec'. */
  preset?: PresetName;
  /** The step where stage I (the warmup) of resnet-ssw ends. */
  stageEnd: number;
  runs: Figure5Run[];
}

/** Runs both methods on `sim`; progress counts the two runs. */
export async function figure5Result(
  sim: { run(config: RunConfig): RunResult },
  o: { seed: number; preset?: PresetName },
  control: RunControl = {},
): Promise<Figure5> {
  const preset = o.preset ?? DEFAULT_PRESET;
  const runs: Figure5Run[] = [];
  control.onProgress?.({ done: 0, total: FIGURE5_METHODS.length });
  for (const method of FIGURE5_METHODS) {
    // A macrotask between the runs: an abort is heard before the next run starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (control.signal?.aborted)
      throw new AbortError(
        `stopped after ${runs.length} of ${FIGURE5_METHODS.length} runs`,
        runs.length,
        FIGURE5_METHODS.length,
        control.signal.reason,
      );
    const r = sim.run(figure5Config(method, o.seed, 1, preset));
    runs.push({ method, outcome: r.outcome, iterations: r.iterations, trajectory: r.trajectory ?? [] });
    control.onProgress?.({ done: runs.length, total: FIGURE5_METHODS.length });
  }
  const ssw = figure5Config('resnet-ssw', o.seed).schedule;
  const stageEnd = ssw.kind === 'ssw' ? ssw.warmup : 0;
  return { version: FORMAT_VERSION, seed: o.seed, ...(preset === DEFAULT_PRESET ? {} : { preset }), stageEnd, runs };
}

/** figure5.csv. */
export function figure5Csv(f: Figure5): string {
  return csv(
    ['run', 't', 'phi', 'aDotAStar', 'errA', 'loss', 'errW'],
    f.runs.flatMap((r) => r.trajectory.map((s) => [r.method, s.t, s.phi, s.aDotAStar, s.errA, s.loss, s.errW])),
  );
}

/** Figure 5 as `shortcut-sim figure5` prints it: each run's outcome and steps, and where stage I ends. */
export function formatFigure5(f: Figure5): string {
  return (
    f.runs.map((r) => `${r.method}: ${r.outcome} after ${r.iterations} steps`).join('\n') +
    `\n(stage I of resnet-ssw ends at step ${f.stageEnd})\n`
  );
}
