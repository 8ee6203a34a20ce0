// The width study (core/width.ts, SPEC §9) run in Node; with `out`, the files of `shortcut-sim width`.
import { widthSpec } from '../../plots/width.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import { sizeProblem } from '../core/sweepConfig.js';
import {
  formatWidth,
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
import { checkStudy, runStudy, STUDY_FIELDS, type Study, type StudyOptions } from './study.js';
import { batchIssues, SGD_AXES_FIELDS } from './sgd.js';
import { engineFor, ENGINES, isRefusal, refusalOf } from '../../engines.js';
import { DEFAULT_EXPERIMENT_ENGINE, type RunControl } from '../core/run.js';
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
  ...SGD_AXES_FIELDS,
  ...STUDY_FIELDS,
};

/** runWidth's options alone, as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
function widthOptions(options: unknown, control?: unknown): WidthOptions {
  return checkOptions<WidthOptions>(
    'runWidth',
    WIDTH_FIELDS,
    options,
    (o) => {
      const k = o.k ?? WIDTH_K,
        width = o.width ?? WIDTH_R,
        methods = o.methods ?? METHODS,
        n = o.trials ?? WIDTH_TRIALS,
        runs = o.batch === undefined ? 1 : o.batch.length + 1; // GD, and SGD at each batch size
      const issues = o.batch === undefined ? sgdWithoutBatch(o) : [...batchIssues(o.batch, o.n), ...engineIssues(o, width)];
      const rows = (width.reduce((a, b) => a + b, 0) + width.length * (o.teacherWidth ?? 1)) / 2; // Σ (r + r*)/2 over the widths
      const problem = sizeProblem(
        k.length * width.length * methods.length * runs,
        n,
        2 * k.reduce((a, b) => a + b, 0) * rows * methods.length * runs * n,
        'run',
      );
      if (problem)
        issues.push(
          o.batch === undefined
            ? `trials: ${k.length} k × ${width.length} widths × ${methods.length} methods = ${problem} (fewer trials, k, widths or methods)`
            : `trials: ${k.length} k × ${width.length} widths × ${methods.length} methods × ${runs} (GD and each batch size) = ${problem} ` +
                '(fewer trials, k, widths, methods or batch sizes)',
        );
      return issues;
    },
    controlIssues(control),
  );
}

/** The SGD axes given without batch sizes, one line each: they describe SGD cells, which only `batch` adds. */
function sgdWithoutBatch(o: WidthOptions): string[] {
  return (['n', 'labelNoise', 'schedule', 'scale'] as const)
    .filter((f) => o[f] !== undefined)
    .map((f) => `${f}: describes the SGD cells; give batch too (the batch sizes of SGD beside GD)`);
}

/**
 * An engine named in the options that refuses wide students on sampled data, when there are such cells: the
 * registry's reason (src/engines.ts). Left out, the engine is the experiments' default, which hands them on.
 */
function engineIssues(o: WidthOptions, width: number[]): string[] {
  const wide = width.some((r) => r > 1) || (o.teacherWidth ?? 1) > 1;
  if (o.engine === undefined || !wide || !isRefusal(ENGINES[o.engine].wideSampled)) return [];
  const instead = engineFor(DEFAULT_EXPERIMENT_ENGINE, 'wideSampled');
  return [
    `${refusalOf(o.engine, 'wideSampled')!.replace(/^data\.kind: /, 'engine: ')}, or name no engine (the default runs them on '${instead}')`,
  ];
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
  check: widthOptions,
  plan: widthPlan,
  result: widthResult,
  format: formatWidth,
  csv: widthCsv,
  picture: (table) =>
    widthSpec(
      table.rows,
      `Success rate against the width r (r* = ${table.config.teacherWidth}), ${table.config.trials} trials per point (Wilson 95% intervals` +
        `${table.config.sgd ? ' of GD; dashed: SGD at each batch size' : ''})`,
    ),
  draft: ({ cells }) =>
    widthSpec(cells.map((c) => ({ k: c.k, method: c.method, width: c.width ?? 1, batch: c.data?.batch, rate: 0.5, ci: [0.4, 0.6] }))),
  // The trial file's config is the study's sweep config.
  specOf: (config) => {
    const { trials, grid, seed, maxIter, preset, sgd } = config as WidthPlan['config'];
    return {
      trials,
      k: grid.k,
      width: grid.width ?? [1],
      teacherWidth: grid.teacherWidth?.[0] ?? 1,
      methods: grid.methods.map((m) => m.method),
      maxIter,
      seed,
      ...(preset === undefined ? {} : { preset }),
      ...(sgd === undefined ? {} : { ...sgd, n: sgd.n ?? undefined }),
    };
  },
};

/**
 * runWidth's options as runWidth checks them before any work: as the CLI checks its flags (and the RunControl
 * beside them), then the plan of their spec (which refuses, for one, a run too large for engine memory). Throws ConfigError.
 */
export function checkWidthOptions(options: unknown, control?: unknown): WidthOptions {
  return checkStudy(WIDTH_STUDY, options, control);
}

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
