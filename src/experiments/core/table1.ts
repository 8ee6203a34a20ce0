// SPEC §6.1: Table 1 (success rate per k and method): the sweep over k × methods with the preset
// teacher, radius and step sizes; its cells, its result object, its CSV and its text. Browser-safe.
import type { Method, PresetName } from '../../presets.js';
import { DEFAULT_PRESET } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { informativePair, twoBinomialResidual } from './fitMath.js';
import { parseFitTarget, type FitTarget, type FitTargetFile } from './fitTarget.js';
import { csv, rate, textTable } from './format.js';
import type { TrialRecord } from './run.js';
import { parseSweepConfig, sweepCells, type SweepConfig } from './sweepConfig.js';

export { TABLE1_K, TABLE1_TRIALS } from '../../limits.js';

/** What defines a Table 1: the same values give the same table, bit for bit. */
export interface Table1Spec {
  /** Trials per (k, method) (default TABLE1_TRIALS, 5000). */
  trials: number;
  /** The k of the table, p = k each (default TABLE1_K: 16, 25, 36, 49, 64, 81, 100). */
  k: number[];
  /** The methods (default METHODS: 'resnet-ssw', 'resnet-constant', 'cnn'). */
  methods: Method[];
  /** The experiment seed: the teachers and every trial's start follow from it (default 1). */
  seed: number;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
  /**
   * Published success rates (a `fit` target, e.g. examples/paper-table1.json) to set beside the
   * table's cells: the result's `comparison`. Default: none.
   */
  compare?: FitTargetFile;
}

/** A cell of Table 1: k, method and the summary of its trials. */
export type Table1Row = { k: number; method: Method } & CellSummary;

/** What runTable1 returns and table1.json holds. */
export interface Table1 {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec' (files of spec runs are as before presets had names). */
  config: { trials: number; k: number[]; methods: Method[]; maxIter: number; preset?: PresetName };
  rows: Table1Row[];
  /** With `compare`: the published cells beside this table's. */
  comparison?: Table1Comparison;
}

/** A published cell beside the table's cell of the same k and method. */
export interface Table1ComparedCell {
  k: number;
  method: Method;
  /** The published side: runs behind its rate, and their successes. */
  trials: number;
  successes: number;
  rate: number;
  /**
   * (table's rate − published rate) in standard errors of the difference of two binomial rates at
   * their pooled rate, each side with its own trial count; 0 when both sides are all successes or
   * all failures (no sampling noise to measure the gap by).
   */
  gap: number;
}

/** The published cells of a target beside a Table 1. */
export interface Table1Comparison {
  /** The target's `source`, when it names one. */
  source?: string;
  /** The target's cells that this table has, in the table's order (methods, then k). */
  cells: Table1ComparedCell[];
  /** The target's cells at a k or method this table did not run: not compared. */
  notInTable: { k: number; method: Method }[];
  /** Σ gap² over the informative cells: Pearson's χ² of the comparison. */
  pearsonChi2: number;
  /** Cells whose pooled rate is strictly between 0 and 1 (the others carry no information). */
  informativeCells: number;
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
    ...(o.compare === undefined ? {} : { comparison: compareTable1(rows, parseFitTarget(o.compare, 'compare')) }),
  };
}

/** A target's cells beside the rows of the same k and method. */
export function compareTable1(rows: Table1Row[], target: FitTarget): Table1Comparison {
  const published = (r: Table1Row) => target.cells.find((c) => c.k === r.k && c.method === r.method);
  const cells: Table1ComparedCell[] = [];
  let pearsonChi2 = 0,
    informativeCells = 0;
  for (const r of rows) {
    const c = published(r);
    if (!c) continue;
    const gap = twoBinomialResidual(c.successes, c.trials, r.successes, r.trials);
    if (informativePair(c.successes, c.trials, r.successes, r.trials)) {
      pearsonChi2 += gap * gap;
      informativeCells++;
    }
    cells.push({ k: c.k, method: c.method, trials: c.trials, successes: c.successes, rate: c.successes / c.trials, gap });
  }
  const notInTable = target.cells
    .filter((c) => !rows.some((r) => r.k === c.k && r.method === c.method))
    .map(({ k, method }) => ({ k, method }));
  return { ...(target.source === undefined ? {} : { source: target.source }), cells, notInTable, pearsonChi2, informativeCells };
}

/** The target's cells at the table's k and methods: none means there is nothing to compare. */
export function comparableCells(target: FitTarget, k: readonly number[], methods: readonly Method[]): number {
  return target.cells.filter((c) => k.includes(c.k) && methods.includes(c.method)).length;
}

const comparedCell = (t: Table1, method: Method, k: number) => t.comparison?.cells.find((c) => c.method === method && c.k === k);

/** table1.csv; with a comparison, the published cell and the gap in four more columns (empty where none was published). */
export function table1Csv(t: Table1): string {
  if (!t.comparison)
    return csv(
      ['method', 'k', ...SUMMARY_COLUMNS],
      t.rows.map((r) => [r.method, r.k, ...summaryCells(r)]),
    );
  return csv(
    ['method', 'k', ...SUMMARY_COLUMNS, 'published_trials', 'published_successes', 'published_rate', 'gap_se'],
    t.rows.map((r) => {
      const c = comparedCell(t, r.method, r.k);
      return [r.method, r.k, ...summaryCells(r), ...(c ? [c.trials, c.successes, c.rate, c.gap] : ['', '', '', ''])];
    }),
  );
}

/** A gap in standard errors, signed. */
const gapText = (gap: number) => (gap > 0 ? '+' : '') + gap.toFixed(2);

/**
 * Rows: methods; columns: k; cells: success rate. With a comparison, under each method its published
 * rates and the gaps, the rates to four decimals (the published tables' resolution at 5000 runs).
 */
export function formatTable1(t: Table1): string {
  const cell = (m: Method, k: number) => t.rows.find((r) => r.method === m && r.k === k)!;
  const preset = t.config.preset ? `; preset ${t.config.preset}` : '';
  const title = `Success rate (share of ${t.config.trials} trials reaching the global optimum; seed ${t.seed}${preset})\n`;
  const header = ['method', ...t.config.k.map((k) => `k=${k}`)];
  const c = t.comparison;
  if (!c) return title + textTable([header, ...t.config.methods.map((m) => [m, ...t.config.k.map((k) => rate(cell(m, k).rate))])]);
  const beside = (m: Method, text: (x: Table1ComparedCell) => string) =>
    t.config.k.map((k) => {
      const x = comparedCell(t, m, k);
      return x ? text(x) : '';
    });
  const rows = t.config.methods.flatMap((m) => {
    const ours = [m, ...t.config.k.map((k) => cell(m, k).rate.toFixed(4))];
    if (!c.cells.some((x) => x.method === m)) return [ours];
    return [ours, ['  published', ...beside(m, (x) => x.rate.toFixed(4))], ['  gap (SE)', ...beside(m, (x) => gapText(x.gap))]];
  });
  const trials = [...new Set(c.cells.map((x) => x.trials))];
  const notes = [
    `published: ${c.source ?? '(the target names no source)'}` +
      (c.notInTable.length > 0 ? `; ${c.notInTable.length} of its cells are at k or methods not run here` : ''),
    'gap (SE): (this table − published) / the standard error of the difference of two binomial rates,',
    `  at their pooled rate, with ${t.config.trials} trials here and ${trials.join(' or ')} there (0 where both sides are all successes or all failures)`,
    `Pearson χ² ${c.pearsonChi2.toFixed(2)} (Σ gap²) over the ${c.informativeCells} cells whose pooled rate is strictly between 0 and 1`,
  ];
  return title + textTable([header, ...rows]) + notes.join('\n') + '\n';
}
