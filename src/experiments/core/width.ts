// The width study (SPEC §9): the share of runs reaching the global optimum against the student's
// width r (r filters against a teacher of r*), per method and k, with the shares of spurious,
// unconverged and diverged runs and the final-loss quartiles of the unconverged ones (slow inside
// the basin, L tiny, or stuck near a saddle or trap, L of order 1). The r = 1 cells (at r* = 1) are
// Table 1's trials: the same starts and engines, so the same outcomes. Its cells, its result object,
// its CSV and its text; browser-safe (node/width.ts runs it in Node).
import type { Method, PresetName } from '../../presets.js';
import type { OutcomeName } from '../../types.js';
import { DEFAULT_PRESET } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import type { TrialRecord } from './run.js';
import { parseStudySweep, sweepCells, type SweepConfig } from './sweepConfig.js';
import type { EngineName } from '../../types.js';

export { WIDTH_K, WIDTH_R, WIDTH_TRIALS } from '../../limits.js';

/** What defines a width study: the same values give the same table, bit for bit. */
export interface WidthSpec {
  /** Trials per (k, method, width) (default WIDTH_TRIALS, 1000). */
  trials: number;
  /** The k, p = k each (default WIDTH_K: 16, 36, 100). */
  k: number[];
  /** The students' widths r. */
  width: number[];
  /** The teacher's width r* (its row 0 is Table 1's teacher). */
  teacherWidth: number;
  /** The methods (default METHODS: all three). */
  methods: Method[];
  /** The experiment seed (default 1). */
  seed: number;
  /** Steps before a run ends unconverged. */
  maxIter: number;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
}

/** A row of the width study: k, method and the student's width r, the summary, the other outcomes' shares and the unconverged runs' final losses. */
export type WidthRow = {
  k: number;
  method: Method;
  width: number;
  /** Shares of the trials (global is `rate`). */
  shares: Record<Exclude<OutcomeName, 'global'>, number>;
  /** Quartiles [q1, median, q3] of the final loss of the unconverged trials; null when there are none. */
  unconvergedLoss: [number, number, number] | null;
} & CellSummary;

/** What runWidth returns and width.json holds. */
export interface WidthTable {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec'. */
  config: { trials: number; k: number[]; width: number[]; teacherWidth: number; methods: Method[]; maxIter: number; preset?: PresetName };
  /** Per method, k, then r. */
  rows: WidthRow[];
}

export interface WidthPlan {
  cells: Cell[];
  /** The trial store's config: the sweep these cells are. */
  config: SweepConfig;
}

/** The sweep config of a width study (its trial store's config) and its cells. Throws ConfigError. */
export function widthPlan(o: WidthSpec, engine?: EngineName): WidthPlan {
  const preset = o.preset && o.preset !== DEFAULT_PRESET ? { preset: o.preset } : {};
  const config = parseStudySweep(
    {
      seed: o.seed,
      ...preset,
      trials: o.trials,
      maxIter: o.maxIter,
      grid: { k: o.k, width: o.width, teacherWidth: [o.teacherWidth], methods: o.methods },
    },
    ['k', 'width', 'teacherWidth'],
    engine,
  );
  return { config, cells: sweepCells(config) };
}

/** Quartiles (linear interpolation between order statistics) of a non-empty list. */
export function quartiles(values: number[]): [number, number, number] {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const x = q * (v.length - 1),
      i = Math.floor(x),
      f = x - i;
    return i + 1 < v.length ? v[i] + f * (v[i + 1] - v[i]) : v[i];
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** The table of the finished trials of `widthPlan(o)`. */
export function widthResult(o: WidthSpec, plan: WidthPlan, records: TrialRecord[]): WidthTable {
  const losses = new Map<number, number[]>(plan.cells.map((c) => [c.cell, []]));
  for (const r of records) if (r.outcome === 'unconverged') losses.get(r.cell)?.push(r.loss);
  const rows = aggregate(plan.cells, records)
    .map(({ cell, k, method, width, trials, successes, rate, ci, outcomes, meanIterations }): WidthRow => {
      const share = (n: number) => (trials > 0 ? n / trials : 0),
        unconverged = losses.get(cell)!;
      return {
        k,
        method,
        width: width ?? 1,
        trials,
        successes,
        rate,
        ci,
        outcomes,
        meanIterations,
        shares: { spurious: share(outcomes.spurious), unconverged: share(outcomes.unconverged), diverged: share(outcomes.diverged) },
        unconvergedLoss: unconverged.length > 0 ? quartiles(unconverged) : null,
      };
    })
    .sort((a, b) => o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k || a.width - b.width);
  const preset = plan.config.preset ? { preset: plan.config.preset } : {};
  return {
    version: FORMAT_VERSION,
    seed: o.seed,
    rows,
    config: {
      trials: o.trials,
      k: o.k,
      width: o.width,
      teacherWidth: o.teacherWidth,
      methods: o.methods,
      maxIter: plan.config.maxIter,
      ...preset,
    },
  };
}

/** width.csv. */
export function widthCsv(t: WidthTable): string {
  return csv(
    ['method', 'k', 'width', 'teacher_width', ...SUMMARY_COLUMNS, 'unconverged_loss_q1', 'unconverged_loss_median', 'unconverged_loss_q3'],
    t.rows.map((r) => [r.method, r.k, r.width, t.config.teacherWidth, ...summaryCells(r), ...(r.unconvergedLoss ?? ['', '', ''])]),
  );
}

const loss = (x: number) => x.toExponential(1);

/** One line per (method, k, r): the shares of each outcome and the unconverged runs' final-loss quartiles. */
export function formatWidth(t: WidthTable): string {
  const c = t.config;
  const preset = c.preset ? `; preset ${c.preset}` : '';
  return (
    `Share of ${c.trials} trials per cell by outcome against the student's width r (teacher r* = ${c.teacherWidth}; ` +
    `${c.maxIter} steps; seed ${t.seed}${preset})\n` +
    textTable([
      ['method', 'k', 'r', 'global', 'spurious', 'unconverged', 'diverged', 'unconverged L: q1', 'median', 'q3'],
      ...t.rows.map((r) => [
        r.method,
        String(r.k),
        String(r.width),
        rate(r.rate),
        rate(r.shares.spurious),
        rate(r.shares.unconverged),
        rate(r.shares.diverged),
        ...(r.unconvergedLoss ? r.unconvergedLoss.map(loss) : ['-', '-', '-']),
      ]),
    ])
  );
}
