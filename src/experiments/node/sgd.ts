// The "From GD to SGD" study (core/sgd.ts) run in Node; with `out`, the files of `shortcut-sim sgd`.
import { join } from 'node:path';
import { writeFilesAtomic } from '../../io.js';
import { sgdSpec } from '../../plots/sgd.js';
import { preloadRenderer, renderSvg } from '../../plots/render.js';
import { METHODS, methodsCheck, presetCheck } from '../../presets.js';
import type { RunControl } from '../core/run.js';
import { DEFAULT_SEED } from '../../limits.js';
import { sgdCsv, sgdPlan, sgdResult, SGD_BATCHES, SGD_K, SGD_TRIALS, type SgdSpec, type SgdTable } from '../core/sgd.js';
import { sizeProblem } from '../core/sweepConfig.js';
import { batchList, checkOptions, controlIssues, kList, LIMITS, nonNegative, seed, text, trials, whole, type Field } from '../options.js';
import { DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, POOL_FIELDS, runExperiment, type PoolOptions } from './trials.js';

/** What `sgd --out DIR` writes into DIR: the results and the trial file. */
export const SGD_FILES = ['sgd.json', 'sgd.csv', 'sgd.svg', 'sgd.trials.jsonl'];

export { formatSgd, SGD_BATCHES, SGD_K, SGD_TRIALS, type SgdRow, type SgdTable } from '../core/sgd.js';

export interface SgdOptions extends Partial<SgdSpec>, Partial<PoolOptions> {
  /** Output folder: sgd.json, sgd.csv, sgd.svg and the trial store sgd.trials.jsonl. Omitted: nothing is written. */
  out?: string;
}

const SGD_FIELDS: Record<keyof SgdOptions, Field> = {
  trials: { check: trials }, k: { check: kList }, batch: { check: batchList }, methods: { check: methodsCheck },
  n: { check: whole(LIMITS.n.min, LIMITS.n.max) }, labelNoise: { check: nonNegative('a standard deviation') },
  seed: { check: seed }, preset: { check: presetCheck }, ...POOL_FIELDS, out: { check: text('a folder path') },
};

/** runSgd's options as the CLI checks its flags (and the RunControl beside them). Throws ConfigError. */
export function checkSgdOptions(options: unknown, control?: unknown): SgdOptions {
  return checkOptions<SgdOptions>('runSgd', SGD_FIELDS, options, (o) => {
    const k = o.k ?? SGD_K, batch = o.batch ?? SGD_BATCHES, methods = o.methods ?? METHODS, n = o.trials ?? SGD_TRIALS;
    const issues = o.n === undefined ? [] : batch.flatMap((b, i) => b > o.n! ? [`batch[${i}]: must be at most n (${o.n}) (got ${b})`] : []);
    const cells = k.length * methods.length * (batch.length + 1); // GD, then each batch size
    const problem = sizeProblem(cells, n, 2 * k.reduce((a, b) => a + b, 0) * methods.length * (batch.length + 1) * n, 'run');
    if (problem) issues.push(`trials: ${k.length} k × ${methods.length} methods × ${batch.length + 1} (GD and each batch size) = ${problem} (fewer trials, k, methods or batch sizes)`);
    return issues;
  }, controlIssues(control));
}

/**
 * Runs the SGD study (SGD_TRIALS trials at SGD_K, SGD_BATCHES and the three methods, online, unless
 * told otherwise) and returns what sgd.json holds. Default: all cores, the reduced engine, nothing printed.
 * Throws ConfigError for bad options, before any work.
 */
export async function runSgd(options: SgdOptions = {}, control: RunControl = {}): Promise<SgdTable> {
  const checked = checkSgdOptions(options, control);
  const o = { trials: SGD_TRIALS, k: SGD_K, batch: SGD_BATCHES, methods: [...METHODS], labelNoise: 0, seed: DEFAULT_SEED,
    engine: DEFAULT_EXPERIMENT_ENGINE, quiet: true, ...checked };
  const workers = checked.workers ?? defaultWorkers();
  const plan = sgdPlan(o, o.engine), { cells } = plan;
  const records = await runExperiment({
    experiment: 'sgd', config: plan.config, cells, trials: o.trials, engine: o.engine, workers, quiet: o.quiet, signals: o.signals,
    store: o.out === undefined ? undefined : join(o.out, SGD_FILES[3]),
    onRunning: o.out === undefined ? undefined
      : () => preloadRenderer(sgdSpec(cells.map((c) => ({ k: c.k, method: c.method, batch: c.data?.batch ?? null, rate: 0.5, ci: [0.4, 0.6] })))),
  }, control);
  const table = sgdResult(o, plan, records);
  if (o.out === undefined) return table;
  const svg = await renderSvg(sgdSpec(table.rows, `Success rate against the batch size, ${o.trials} trials per point (Wilson 95% intervals; dashed: GD)`));
  const [json, csvFile, picture] = SGD_FILES.map((f) => join(o.out!, f));
  writeFilesAtomic([ // all three or none
    { path: json, data: JSON.stringify(table, null, 2) + '\n' },
    { path: csvFile, data: sgdCsv(table) },
    { path: picture, data: svg },
  ]);
  return table;
}
