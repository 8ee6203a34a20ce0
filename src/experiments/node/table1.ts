// SPEC §6.1: Table 1 (success rate per k and method) and Figure 4 (the same drawn against k), run in
// Node (core/table1.ts plans it and builds the table); with `out`, the files of `shortcut-sim table1`.
import { figure4Spec } from '../../plots/figure4.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import type { RunControl } from '../core/run.js';
import { sizeProblem } from '../core/sweepConfig.js';
import type { SweepConfig } from '../core/sweepConfig.js';
import { ConfigError } from '../../config.js';
import { parseFitTarget } from '../core/fitTarget.js';
import {
  comparableCells,
  formatTable1,
  table1Csv,
  table1Plan,
  table1Result,
  TABLE1_K,
  TABLE1_TRIALS,
  type Table1,
  type Table1Spec,
} from '../core/table1.js';
import { checkOptions, controlIssues, kList, seed, trials, type Field } from '../options.js';
import { checkStudy, runStudy, STUDY_FIELDS, type Study, type StudyOptions, type StudyPlan } from './study.js';
import { DEFAULT_SEED } from '../../limits.js';

export { formatTable1, TABLE1_K, TABLE1_TRIALS, type Table1, type Table1Row } from '../core/table1.js';

/** What runTable1 writes into its folder: the results, and the trial store (a shard: its own, see studyTrialFile). */
export const TABLE1_FILES = ['table1.json', 'table1.csv', 'figure4.svg', 'table1.trials.jsonl'];

/** The options of runTable1, each optional: the table's spec (defaults: the `table1` command's) and where and how it runs. */
export interface Table1Options extends Partial<Table1Spec>, StudyOptions {
  /**
   * Output folder: table1.json, table1.csv, figure4.svg and the trial store table1.trials.jsonl (a
   * run resumes from it). Omitted: nothing is written.
   */
  out?: string;
}

const TABLE1_FIELDS: Record<keyof Table1Options, Field> = {
  trials: { check: trials },
  k: { check: kList },
  methods: { check: methodsCheck },
  seed: { check: seed },
  preset: { check: presetCheck },
  compare: { check: targetCheck },
  ...STUDY_FIELDS,
};

/** A target of published rates (parseFitTarget's rules), its complaints named by the option. */
function targetCheck(value: unknown, name: string): string[] {
  try {
    parseFitTarget(value, name);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
}

/** runTable1's options alone, as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
function table1Options(options: unknown, control?: unknown): Table1Options {
  return checkOptions<Table1Options>(
    'runTable1',
    TABLE1_FIELDS,
    options,
    (o) => {
      const k = o.k ?? TABLE1_K,
        methods = o.methods ?? METHODS,
        n = o.trials ?? TABLE1_TRIALS;
      const problem = sizeProblem(k.length * methods.length, n, 2 * k.reduce((a, b) => a + b, 0) * methods.length * n, 'run');
      if (problem) return [`trials: ${k.length} k × ${methods.length} methods = ${problem} (fewer trials, k or methods)`];
      if (o.compare && comparableCells(parseFitTarget(o.compare), k, methods) === 0)
        return [
          `compare: none of its cells is at a k and method of this table (k ${k.join(', ')}; ${methods.join(', ')}); run their k and methods`,
        ];
      return [];
    },
    controlIssues(control),
  );
}

/** Table 1 as a study. */
export const TABLE1_STUDY: Study<Table1Spec, Table1Plan, Table1> = {
  experiment: 'table1',
  files: TABLE1_FILES,
  defaults: () => ({ trials: TABLE1_TRIALS, k: TABLE1_K, methods: [...METHODS], seed: DEFAULT_SEED }),
  check: table1Options,
  plan: (spec) => {
    const plan = table1Plan(spec);
    return { ...plan, config: plan.sweep };
  },
  result: table1Result,
  format: formatTable1,
  csv: table1Csv,
  picture: (table) => figure4Spec(table.rows, `Success rate, ${table.config.trials} trials per point (Wilson 95% intervals)`),
  draft: ({ cells }) => figure4Spec(cells.map((c) => ({ k: c.k, method: c.method, rate: 0.5, ci: [0.4, 0.6] }))),
  specOf: (config) => {
    const { trials, grid, seed, preset } = config as SweepConfig;
    return { trials, k: grid.k, methods: grid.methods.map((m) => m.method), seed, ...(preset === undefined ? {} : { preset }) };
  },
};

/**
 * runTable1's options as runTable1 checks them before any work: as the CLI checks its flags (and the RunControl
 * beside them), then the plan of their spec (which refuses, for one, a run too large for engine memory). Throws ConfigError.
 */
export function checkTable1Options(options: unknown, control?: unknown): Table1Options {
  return checkStudy(TABLE1_STUDY, options, control);
}

type Table1Plan = ReturnType<typeof table1Plan> & StudyPlan;

/**
 * Runs Table 1 (5000 trials at SPEC §6.1's seven k and three methods unless told otherwise) and
 * returns what table1.json holds; one shard of several resolves to undefined (merge the shards).
 * Default: all cores, the reduced engine, nothing printed. Throws ConfigError for bad options,
 * before any work.
 */
export function runTable1(options?: Table1Options & { shard?: undefined }, control?: RunControl): Promise<Table1>;
export function runTable1(options: Table1Options, control?: RunControl): Promise<Table1 | undefined>;
export function runTable1(options: Table1Options = {}, control: RunControl = {}): Promise<Table1 | undefined> {
  return runStudy(TABLE1_STUDY, options, control);
}
