// The "From GD to SGD" study (core/sgd.ts) run in Node; with `out`, the files of `shortcut-sim sgd`.
import { sgdSpec } from '../../plots/sgd.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import type { RunControl } from '../core/run.js';
import {
  formatSgd,
  unconvergedShare,
  sgdCsv,
  sgdPlan,
  sgdResult,
  SGD_BATCHES,
  SGD_K,
  SGD_SCALE,
  SGD_SCHEDULE,
  SGD_SCHEDULES,
  SGD_TRIALS,
  type SgdPlan,
  type SgdSpec,
  type SgdTable,
} from '../core/sgd.js';
import { SCALE_RULES, sizeProblem } from '../core/sweepConfig.js';
import type { SgdAxes } from '../core/sgdPairs.js';
import { batchList, checkOptions, controlIssues, kList, LIMITS, nonNegative, oneOf, seed, trials, whole, type Field } from '../options.js';
import { checkStudy, runStudy, STUDY_FIELDS, type Study, type StudyOptions } from './study.js';
import { DEFAULT_SEED } from '../../limits.js';

/** What `sgd --out DIR` writes into DIR: the results and the trial file. */
export const SGD_FILES = ['sgd.json', 'sgd.csv', 'sgd.svg', 'sgd.trials.jsonl'];

export { formatSgd, SGD_BATCHES, SGD_K, SGD_TRIALS, type SgdRow, type SgdTable } from '../core/sgd.js';

/** The options of runSgd, each optional: the study's spec (defaults: the `sgd` command's) and where and how it runs. */
export interface SgdOptions extends Partial<SgdSpec>, StudyOptions {
  /** Output folder: sgd.json, sgd.csv, sgd.svg and the trial store sgd.trials.jsonl. Omitted: nothing is written. */
  out?: string;
}

/** The SGD axes' options, as every study with SGD cells checks them. */
export const SGD_AXES_FIELDS: Record<keyof SgdAxes, Field> = {
  batch: { check: batchList },
  n: { check: whole(LIMITS.n.min, LIMITS.n.max) },
  labelNoise: { check: nonNegative('a standard deviation') },
  schedule: { check: oneOf(SGD_SCHEDULES) },
  scale: { check: oneOf(SCALE_RULES) },
};

/** The batch sizes larger than the training set of n samples, one line each. */
export function batchIssues(batch: number[], n: number | undefined): string[] {
  return n === undefined ? [] : batch.flatMap((b, i) => (b > n ? [`batch[${i}]: must be at most n (${n}) (got ${b})`] : []));
}

const { batch, n, labelNoise, schedule, scale } = SGD_AXES_FIELDS;
const SGD_FIELDS: Record<keyof SgdOptions, Field> = {
  trials: { check: trials },
  k: { check: kList },
  batch,
  methods: { check: methodsCheck },
  n,
  labelNoise,
  seed: { check: seed },
  preset: { check: presetCheck },
  schedule,
  scale,
  ...STUDY_FIELDS,
};

/** runSgd's options alone, as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
function sgdOptions(options: unknown, control?: unknown): SgdOptions {
  return checkOptions<SgdOptions>(
    'runSgd',
    SGD_FIELDS,
    options,
    (o) => {
      const k = o.k ?? SGD_K,
        batch = o.batch ?? SGD_BATCHES,
        methods = o.methods ?? METHODS,
        n = o.trials ?? SGD_TRIALS;
      const issues = batchIssues(batch, o.n);
      const cells = k.length * methods.length * (batch.length + 1); // GD, then each batch size
      const problem = sizeProblem(cells, n, 2 * k.reduce((a, b) => a + b, 0) * methods.length * (batch.length + 1) * n, 'run');
      if (problem)
        issues.push(
          `trials: ${k.length} k × ${methods.length} methods × ${batch.length + 1} (GD and each batch size) = ${problem} (fewer trials, k, methods or batch sizes)`,
        );
      return issues;
    },
    controlIssues(control),
  );
}

/** The SGD study as a study. */
export const SGD_STUDY: Study<SgdSpec, SgdPlan, SgdTable> = {
  experiment: 'sgd',
  files: SGD_FILES,
  defaults: () => ({
    trials: SGD_TRIALS,
    k: SGD_K,
    batch: SGD_BATCHES,
    methods: [...METHODS],
    labelNoise: 0,
    seed: DEFAULT_SEED,
    schedule: SGD_SCHEDULE,
    scale: SGD_SCALE,
  }),
  check: sgdOptions,
  plan: sgdPlan,
  result: sgdResult,
  format: formatSgd,
  csv: sgdCsv,
  picture: (table) =>
    sgdSpec(
      table.rows.map((r) => ({ ...r, unconverged: unconvergedShare(r) })),
      `Success rate against the batch size, ${table.config.trials} trials per point (Wilson 95% intervals; dashed: GD; ringed: more than 5% unconverged)`,
    ),
  draft: ({ cells }) => sgdSpec(cells.map((c) => ({ k: c.k, method: c.method, batch: c.data?.batch ?? null, rate: 0.5, ci: [0.4, 0.6] }))),
  // The trial file's config has all but the seed, which every trial holds.
  // The schedule and the scale are written only when they are not the constant-step study's.
  specOf: (config, seed) => {
    const { trials, k, batch, methods, n, labelNoise, preset, schedule = 'constant', scale = 'none' } = config as SgdPlan['config'];
    return {
      trials,
      k,
      batch,
      methods,
      ...(n === null ? {} : { n }),
      labelNoise,
      seed,
      ...(preset === undefined ? {} : { preset }),
      schedule,
      scale,
    };
  },
};

/**
 * runSgd's options as runSgd checks them before any work: as the CLI checks its flags (and the RunControl
 * beside them), then the plan of their spec (which refuses, for one, a run too large for engine memory). Throws ConfigError.
 */
export function checkSgdOptions(options: unknown, control?: unknown): SgdOptions {
  return checkStudy(SGD_STUDY, options, control);
}

/**
 * Runs the SGD study (SGD_TRIALS trials at SGD_K, SGD_BATCHES and the three methods, online, unless
 * told otherwise) and returns what sgd.json holds; one shard of several resolves to undefined (merge
 * the shards). Default: all cores, the reduced engine, nothing printed. Throws ConfigError for bad
 * options, before any work.
 */
export function runSgd(options?: SgdOptions & { shard?: undefined }, control?: RunControl): Promise<SgdTable>;
export function runSgd(options: SgdOptions, control?: RunControl): Promise<SgdTable | undefined>;
export function runSgd(options: SgdOptions = {}, control: RunControl = {}): Promise<SgdTable | undefined> {
  return runStudy(SGD_STUDY, options, control);
}
