// SPEC §6.1: Table 1 (success rate per k and method) and Figure 4 (the same drawn against k), run in
// Node (core/table1.ts plans it and builds the table); with `out`, the files of `shortcut-sim table1`.
import { join } from 'node:path';
import { writeFilesAtomic } from '../../io.js';
import { figure4Spec } from '../../plots/figure4.js';
import { preloadRenderer, renderSvg } from '../../plots/render.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import type { RunControl } from '../core/run.js';
import { sizeProblem } from '../core/sweepConfig.js';
import { DEFAULT_SEED } from '../../limits.js';
import { table1Csv, table1Plan, table1Result, TABLE1_K, TABLE1_TRIALS, type Table1, type Table1Spec } from '../core/table1.js';
import { checkOptions, controlIssues, kList, seed, text, trials, type Field } from '../options.js';
import { DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, POOL_FIELDS, runExperiment, type PoolOptions } from './trials.js';

export { formatTable1, TABLE1_K, TABLE1_TRIALS, type Table1, type Table1Row } from '../core/table1.js';

/** What runTable1 writes into its folder: the results, and the trial store. */
export const TABLE1_FILES = ['table1.json', 'table1.csv', 'figure4.svg', 'table1.trials.jsonl'];

export interface Table1Options extends Partial<Table1Spec>, Partial<PoolOptions> {
  /**
   * Output folder: table1.json, table1.csv, figure4.svg and the trial store table1.trials.jsonl (a
   * run resumes from it). Omitted: nothing is written.
   */
  out?: string;
}

const TABLE1_FIELDS: Record<keyof Table1Options, Field> = {
  trials: { check: trials }, k: { check: kList }, methods: { check: methodsCheck }, seed: { check: seed }, preset: { check: presetCheck },
  ...POOL_FIELDS, out: { check: text('a folder path') },
};

/** runTable1's options as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
export function checkTable1Options(options: unknown, control?: unknown): Table1Options {
  return checkOptions<Table1Options>('runTable1', TABLE1_FIELDS, options, (o) => {
    const k = o.k ?? TABLE1_K, methods = o.methods ?? METHODS, n = o.trials ?? TABLE1_TRIALS;
    const problem = sizeProblem(k.length * methods.length, n, 2 * k.reduce((a, b) => a + b, 0) * methods.length * n, 'run');
    return problem ? [`trials: ${k.length} k × ${methods.length} methods = ${problem} (fewer trials, k or methods)`] : [];
  }, controlIssues(control));
}

/**
 * Runs Table 1 (5000 trials at SPEC §6.1's seven k and three methods unless told otherwise) and
 * returns what table1.json holds. Default: all cores, the reduced engine, nothing printed.
 * Throws ConfigError for bad options, before any work.
 */
export async function runTable1(options: Table1Options = {}, control: RunControl = {}): Promise<Table1> {
  const checked = checkTable1Options(options, control);
  const o = { trials: TABLE1_TRIALS, k: TABLE1_K, methods: [...METHODS], seed: DEFAULT_SEED, engine: DEFAULT_EXPERIMENT_ENGINE, quiet: true, ...checked };
  const workers = checked.workers ?? defaultWorkers();
  const plan = table1Plan(o), { cells } = plan;
  const records = await runExperiment({
    experiment: 'table1', config: plan.sweep, cells, trials: o.trials, engine: o.engine, workers, quiet: o.quiet, signals: o.signals,
    store: o.out === undefined ? undefined : join(o.out, TABLE1_FILES[3]),
    onRunning: o.out === undefined ? undefined
      : () => preloadRenderer(figure4Spec(cells.map((c) => ({ k: c.k, method: c.method, rate: 0.5, ci: [0.4, 0.6] })))),
  }, control);
  const table = table1Result(o, plan, records);
  if (o.out === undefined) return table;
  const svg = await renderSvg(figure4Spec(table.rows, `Success rate, ${o.trials} trials per point (Wilson 95% intervals)`));
  const [json, csvFile, picture] = TABLE1_FILES.map((f) => join(o.out!, f));
  writeFilesAtomic([ // all three or none
    { path: json, data: JSON.stringify(table, null, 2) + '\n' },
    { path: csvFile, data: table1Csv(table) },
    { path: picture, data: svg },
  ]);
  return table;
}
