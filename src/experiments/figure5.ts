// SPEC §6.2: one start, two runs (with and without step-size warmup), whole trajectories.
import { join } from 'node:path';
import { writeFilesAtomic } from '../io.js';
import { figure5Config, type PresetName } from '../presets.js';
import { figure5Spec } from '../plots/figure5.js';
import { renderSvg } from '../plots/render.js';
import { createSimulator } from '../simulator.js';
import type { EngineName, OutcomeName, TrajectorySample } from '../types.js';
import { csv } from './format.js';
import { FORMAT_VERSION } from './aggregate.js';

/** What runFigure5 writes into its folder. */
export const FIGURE5_FILES = ['figure5.json', 'figure5.csv', 'figure5.svg'];

export const FIGURE5_METHODS = ['resnet-ssw', 'resnet-constant'] as const;

export interface Figure5Run {
  method: (typeof FIGURE5_METHODS)[number];
  outcome: OutcomeName;
  iterations: number;
  trajectory: TrajectorySample[];
}

export interface Figure5 {
  version: number;
  seed: number;
  /** The teacher's preset, written only when it is not 'spec'. */
  preset?: PresetName;
  /** The step where stage I (the warmup) of resnet-ssw ends. */
  stageEnd: number;
  runs: Figure5Run[];
}

/** Runs both methods and writes figure5.json, figure5.csv and figure5.svg into `out`. */
export async function runFigure5(o: { seed: number; out: string; engine: EngineName; preset?: PresetName }): Promise<Figure5> {
  const preset = o.preset ?? 'spec';
  const sim = await createSimulator({ engine: o.engine });
  const runs = FIGURE5_METHODS.map((method): Figure5Run => {
    const r = sim.run(figure5Config(method, o.seed, 1, preset));
    return { method, outcome: r.outcome, iterations: r.iterations, trajectory: r.trajectory ?? [] };
  });
  const ssw = figure5Config('resnet-ssw', o.seed).schedule;
  const stageEnd = ssw.kind === 'ssw' ? ssw.warmup : 0;
  const figure: Figure5 = { version: FORMAT_VERSION, seed: o.seed, ...(preset === 'spec' ? {} : { preset }), stageEnd, runs };
  const svg = await renderSvg(figure5Spec(runs.map((r) => ({ label: r.method, method: r.method, samples: r.trajectory })), stageEnd,
    `One start (k = p = 16, v0 = 0), with and without step-size warmup${preset === 'spec' ? '' : ` (preset ${preset})`}`));
  const [json, csvFile, picture] = FIGURE5_FILES.map((f) => join(o.out, f));
  writeFilesAtomic([ // all three or none
    { path: json, data: JSON.stringify(figure, null, 2) + '\n' },
    { path: csvFile, data: csv(['run', 't', 'phi', 'aDotAStar', 'errA', 'loss', 'errW'],
      runs.flatMap((r) => r.trajectory.map((s) => [r.method, s.t, s.phi, s.aDotAStar, s.errA, s.loss, s.errW]))) },
    { path: picture, data: svg },
  ]);
  return figure;
}

export function formatFigure5(f: Figure5): string {
  return f.runs.map((r) => `${r.method}: ${r.outcome} after ${r.iterations} steps`).join('\n')
    + `\n(stage I of resnet-ssw ends at step ${f.stageEnd})\n`;
}
