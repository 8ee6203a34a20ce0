// SPEC §6.1: Table 1 (success rate per k and method): the sweep over k × methods with the preset
// teacher, radius and step sizes; its cells, its result object, its CSV and its text. Browser-safe.
import type { Method, PresetName } from '../../presets.js';
import { DEFAULT_PRESET } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import type { TrialRecord } from './run.js';
import { parseSweepConfig, sweepCells, type SweepConfig } from './sweepConfig.js';

export { TABLE1_K, TABLE1_TRIALS } from '../../limits.js';

/** What defines a Table 1: the same values give the same table, bit for bit. */
export interface Table1Spec {
  trials: number;
  k: number[];
  methods: Method[];
  seed: number;
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

/** The sweep config of a Table 1 (its trial store's config) and its cells. Throws ConfigError. */
export function table1Plan(o: Table1Spec): { sweep: SweepConfig; cells: Cell[] } {
  const preset = o.preset && o.preset !== DEFAULT_PRESET ? { preset: o.preset } : {};
  const sweep = parseSweepConfig({ seed: o.seed, ...preset, trials: o.trials, grid: { k: o.k, methods: o.methods } });
  return { sweep, cells: sweepCells(sweep) };
}

/** The table of the finished trials of `table1Plan(o)`. */
export function table1Result(o: Table1Spec, plan: { sweep: SweepConfig; cells: Cell[] }, records: TrialRecord[]): Table1 {
  const rows = aggregate(plan.cells, records)
    .map(
      ({ k, method, trials, successes, rate, ci, outcomes, meanIterations }): Table1Row => ({
        k,
        method,
        trials,
        successes,
        rate,
        ci,
        outcomes,
        meanIterations,
      }),
    )
    .sort((a, b) => o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k);
  const preset = plan.sweep.preset ? { preset: plan.sweep.preset } : {};
  return {
    version: FORMAT_VERSION,
    seed: o.seed,
    config: { trials: o.trials, k: o.k, methods: o.methods, maxIter: plan.sweep.maxIter, ...preset },
    rows,
  };
}

/** table1.csv. */
export function table1Csv(t: Table1): string {
  return csv(
    ['method', 'k', ...SUMMARY_COLUMNS],
    t.rows.map((r) => [r.method, r.k, ...summaryCells(r)]),
  );
}

/** Rows: methods; columns: k; cells: success rate. */
export function formatTable1(t: Table1): string {
  const cell = (m: Method, k: number) => t.rows.find((r) => r.method === m && r.k === k)!;
  const preset = t.config.preset ? `; preset ${t.config.preset}` : '';
  return (
    `Success rate (share of ${t.config.trials} trials reaching the global optimum; seed ${t.seed}${preset})\n` +
    textTable([
      ['method', ...t.config.k.map((k) => `k=${k}`)],
      ...t.config.methods.map((m) => [m, ...t.config.k.map((k) => rate(cell(m, k).rate))]),
    ])
  );
}
