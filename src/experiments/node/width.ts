// The width study (core/width.ts, SPEC §9) run in Node; with `out`, the files of `shortcut-sim width`.
import { widthSpec } from '../../plots/width.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import type { RunControl } from '../core/run.js';
import { sizeProblem, type SweepConfig } from '../core/sweepConfig.js';
import {
  widthCsv,
  widthPlan,
  widthResult,
  WIDTH_K,
  WIDTH_R,
  WIDTH_TRIALS,
  type WidthPlan,
  type WidthSpec,
  type WidthTable,
} from '../core/width.js';
import { checkOptions, controlIssues, kList, listOf, seed, trials, whole, type Field } from '../options.js';
import { runStudy, STUDY_FIELDS, type Study, type StudyOptions } from './study.js';
import { DEFAULT_SEED, MAX_COUNT, MAX_FILTERS, WIDTH_MAX_ITER } from '../../limits.js';

export { formatWidth, WIDTH_K, WIDTH_R, WIDTH_TRIALS, type WidthRow, type WidthTable } from '../core/width.js';

/** What `width --out DIR` writes into DIR: the results and the trial file. */
export const WIDTH_FILES = ['width.json', 'width.csv', 'width.svg', 'width.trials.jsonl'];

/** The options of runWidth, each optional: the study's spec (defaults: the `width` command's) and where and how it runs. */
export interface WidthOptions extends Partial<WidthSpec>, StudyOptions {
  /** Output folder: width.json, width.csv, width.svg and the trial store width.trials.jsonl. Omitted: nothing is written. */
  out?: string;
}

const filters = whole(1, MAX_FILTERS);

const WIDTH_FIELDS: Record<keyof WidthOptions, Field> = {
  trials: { check: trials },
  k: { check: kList },
  width: { check: listOf(filters, `whole numbers of filters from 1 to ${MAX_FILTERS}`) },
  teacherWidth: { check: filters },
  methods: { check: methodsCheck },
  seed: { check: seed },
  maxIter: { check: whole(0, MAX_COUNT) },
  preset: { check: presetCheck },
  ...STUDY_FIELDS,
};

/** runWidth's options as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
export function checkWidthOptions(options: unknown, control?: unknown): WidthOptions {
  return checkOptions<WidthOptions>(
    'runWidth',
    WIDTH_FIELDS,
    options,
    (o) => {
      const k = o.k ?? WIDTH_K,
        width = o.width ?? WIDTH_R,
        methods = o.methods ?? METHODS,
        n = o.trials ?? WIDTH_TRIALS;
      const rows = (width.reduce((a, b) => a + b, 0) + width.length * (o.teacherWidth ?? 1)) / 2; // Σ (r + r*)/2 over the widths
      const problem = sizeProblem(
        k.length * width.length * methods.length,
        n,
        2 * k.reduce((a, b) => a + b, 0) * rows * methods.length * n,
        'run',
      );
      return problem
        ? [`trials: ${k.length} k × ${width.length} widths × ${methods.length} methods = ${problem} (fewer trials, k, widths or methods)`]
        : [];
    },
    controlIssues(control),
  );
}

/** The width study as a study. */
export const WIDTH_STUDY: Study<WidthSpec, WidthPlan, WidthTable> = {
  experiment: 'width',
  files: WIDTH_FILES,
  defaults: () => ({
    trials: WIDTH_TRIALS,
    k: WIDTH_K,
    width: WIDTH_R,
    teacherWidth: 1,
    methods: [...METHODS],
    seed: DEFAULT_SEED,
    maxIter: WIDTH_MAX_ITER,
  }),
  check: checkWidthOptions,
  plan: widthPlan,
  result: widthResult,
  csv: widthCsv,
  picture: (table) =>
    widthSpec(
      table.rows,
      `Success rate against the width r (r* = ${table.config.teacherWidth}), ${table.config.trials} trials per point (Wilson 95% intervals)`,
    ),
  draft: ({ cells }) => widthSpec(cells.map((c) => ({ k: c.k, method: c.method, width: c.width ?? 1, rate: 0.5, ci: [0.4, 0.6] }))),
  // The trial file's config is the study's sweep config.
  specOf: (config) => {
    const { trials, grid, seed, maxIter, preset } = config as SweepConfig;
    return {
      trials,
      k: grid.k,
      width: grid.width ?? [1],
      teacherWidth: grid.teacherWidth?.[0] ?? 1,
      methods: grid.methods.map((m) => m.method),
      maxIter,
      seed,
      ...(preset === undefined ? {} : { preset }),
    };
  },
};

/**
 * Runs the width study (WIDTH_TRIALS trials at WIDTH_K, WIDTH_R and the three methods against a
 * teacher of one filter, unless told otherwise) and returns what width.json holds. Default: all
 * cores, the experiments' engine (wide students run on its wide kernel), nothing printed; one shard of
 * several resolves to undefined (merge the shards).
 * Throws ConfigError for bad options, before any work.
 */
export function runWidth(options?: WidthOptions & { shard?: undefined }, control?: RunControl): Promise<WidthTable>;
export function runWidth(options: WidthOptions, control?: RunControl): Promise<WidthTable | undefined>;
export function runWidth(options: WidthOptions = {}, control: RunControl = {}): Promise<WidthTable | undefined> {
  return runStudy(WIDTH_STUDY, options, control);
}
