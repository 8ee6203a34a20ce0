// SPEC §6.2 (core/figure5.ts) run in Node; with `out`, the files of `shortcut-sim figure5`.
import { presetCheck, type PresetName } from '../../presets.js';
import { figure5Spec } from '../../plots/figure5.js';
import { createSimulator, ENGINE_NAMES } from '../../simulator.js';
import type { EngineName } from '../../types.js';
import { figure5Csv, figure5Result, type Figure5 } from '../core/figure5.js';
import type { RunControl } from '../core/run.js';
import { checkOptions, controlIssues, oneOf, seed, text, type Field } from '../options.js';
import { writeResultFiles } from './results.js';
import { DEFAULT_EXPERIMENT_ENGINE } from './trials.js';
import { DEFAULT_PRESET, DEFAULT_SEED } from '../../limits.js';

export { FIGURE5_METHODS, formatFigure5, type Figure5, type Figure5Run } from '../core/figure5.js';

/** What runFigure5 writes into its folder. */
export const FIGURE5_FILES = ['figure5.json', 'figure5.csv', 'figure5.svg'];

/** The options of runFigure5, each optional. */
export interface Figure5Options {
  /** Seed of the k = 16 teacher (default 1). */
  seed?: number;
  /** The teacher's constants (default 'spec'). */
  preset?: PresetName;
  /** The engine of the two runs (default 'reduced'). */
  engine?: EngineName;
  /** Output folder: figure5.json, figure5.csv and figure5.svg. Omitted: nothing is written. */
  out?: string;
}

const FIGURE5_FIELDS: Record<keyof Figure5Options, Field> = {
  seed: { check: seed },
  preset: { check: presetCheck },
  engine: { check: oneOf(ENGINE_NAMES) },
  out: { check: text('a folder path') },
};

/** runFigure5's options as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
export function checkFigure5Options(options: unknown, control?: unknown): Figure5Options {
  return checkOptions<Figure5Options>('runFigure5', FIGURE5_FIELDS, options, undefined, controlIssues(control));
}

/** Runs both methods (in this thread: two runs) and returns what figure5.json holds. Throws ConfigError for bad options. */
export async function runFigure5(options: Figure5Options = {}, control: RunControl = {}): Promise<Figure5> {
  const o = checkFigure5Options(options, control);
  const preset = o.preset ?? DEFAULT_PRESET;
  const sim = await createSimulator({ engine: o.engine ?? DEFAULT_EXPERIMENT_ENGINE });
  const figure = await figure5Result(sim, { seed: o.seed ?? DEFAULT_SEED, preset }, control);
  if (o.out === undefined) return figure;
  const { runs, stageEnd } = figure;
  await writeResultFiles(
    o.out,
    FIGURE5_FILES,
    figure,
    figure5Csv(figure),
    figure5Spec(
      runs.map((r) => ({ label: r.method, method: r.method, samples: r.trajectory })),
      stageEnd,
      `One start (k = p = 16, v0 = 0), with and without step-size warmup${preset === DEFAULT_PRESET ? '' : ` (preset ${preset})`}`,
    ),
  );
  return figure;
}
