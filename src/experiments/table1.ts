// SPEC §6.1: Table 1 (success rate per k and method) and Figure 4 (the same drawn against k).
// It is the sweep over k × methods with the preset teacher, radius and step sizes.
import { join } from 'node:path';
import { writeFilesAtomic } from '../io.js';
import { figure4Spec } from '../plots/figure4.js';
import { preloadRenderer, renderSvg } from '../plots/render.js';
import type { Method, PresetName } from '../presets.js';
import type { EngineName } from '../types.js';
import { aggregate, FORMAT_VERSION, type CellSummary } from './aggregate.js';
import { csv, rate, textTable } from './format.js';
import { parseSweepConfig, sweepCells } from './sweep.js';
import { runExperiment } from './trials.js';

export const TABLE1_K = [16, 25, 36, 49, 64, 81, 100];
export const TABLE1_TRIALS = 5000;

/** What runTable1 writes into its folder: the results, and the trial store. */
export const TABLE1_FILES = ['table1.json', 'table1.csv', 'figure4.svg', 'table1.trials.jsonl'];

export interface Table1Options {
  trials: number;
  k: number[];
  methods: Method[];
  seed: number;
  /** Output folder: table1.json, table1.csv, figure4.svg and the trial store table1.trials.jsonl. */
  out: string;
  engine: EngineName;
  workers: number;
  quiet: boolean;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
}

export type Table1Row = { k: number; method: Method } & CellSummary;

export interface Table1 {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec' (files of spec runs are as before presets had names). */
  config: { trials: number; k: number[]; methods: Method[]; maxIter: number; preset?: PresetName };
  rows: Table1Row[];
}

export async function runTable1(o: Table1Options): Promise<Table1> {
  const preset = o.preset && o.preset !== 'spec' ? { preset: o.preset } : {};
  const sweep = parseSweepConfig({ seed: o.seed, ...preset, trials: o.trials, grid: { k: o.k, methods: o.methods } });
  const cells = sweepCells(sweep);
  const records = await runExperiment({
    experiment: 'table1', config: sweep, cells, trials: o.trials, engine: o.engine, workers: o.workers,
    store: join(o.out, TABLE1_FILES[3]), quiet: o.quiet,
    onRunning: () => preloadRenderer(figure4Spec(cells.map((c) => ({ k: c.k, method: c.method, rate: 0.5, ci: [0.4, 0.6] })))),
  });
  const rows = aggregate(cells, records)
    .map(({ k, method, trials, successes, rate, ci, outcomes, meanIterations }): Table1Row =>
      ({ k, method, trials, successes, rate, ci, outcomes, meanIterations }))
    .sort((a, b) => o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k);
  const table: Table1 = { version: FORMAT_VERSION, seed: o.seed, config: { trials: o.trials, k: o.k, methods: o.methods, maxIter: sweep.maxIter, ...preset }, rows };
  const svg = await renderSvg(figure4Spec(rows, `Success rate, ${o.trials} trials per point (Wilson 95% intervals)`));
  const [json, csvFile, picture] = TABLE1_FILES.map((f) => join(o.out, f));
  writeFilesAtomic([ // all three or none
    { path: json, data: JSON.stringify(table, null, 2) + '\n' },
    { path: csvFile, data: csv(
      ['method', 'k', 'trials', 'successes', 'rate', 'ci_lo', 'ci_hi', 'global', 'spurious', 'unconverged', 'diverged', 'mean_iterations'],
      rows.map((r) => [r.method, r.k, r.trials, r.successes, r.rate, r.ci[0], r.ci[1],
        r.outcomes.global, r.outcomes.spurious, r.outcomes.unconverged, r.outcomes.diverged, r.meanIterations])) },
    { path: picture, data: svg },
  ]);
  return table;
}

/** Rows: methods; columns: k; cells: success rate. */
export function formatTable1(t: Table1): string {
  const cell = (m: Method, k: number) => t.rows.find((r) => r.method === m && r.k === k)!;
  const preset = t.config.preset ? `; preset ${t.config.preset}` : '';
  return `Success rate (share of ${t.config.trials} trials reaching the global optimum; seed ${t.seed}${preset})\n` + textTable([
    ['method', ...t.config.k.map((k) => `k=${k}`)],
    ...t.config.methods.map((m) => [m, ...t.config.k.map((k) => rate(cell(m, k).rate))]),
  ]);
}
