// The width study (SPEC §9): the share of runs reaching the global optimum against the student's
// width r (r filters against a teacher of r*), per method and k, with the shares of spurious,
// unconverged and diverged runs and the final-loss quartiles of the unconverged ones (slow inside
// the basin, L tiny, or stuck near a saddle or trap, L of order 1). The r = 1 cells (at r* = 1) are
// Table 1's trials: the same starts and engines, so the same outcomes. With batch sizes, SGD cells beside
// the GD ones from the same starts (sgdPairs.ts, as the sgd study pairs them), each with the share of starts
// whose fate SGD changed. Its cells, its result object, its CSV and its text; browser-safe (node/width.ts
// runs it in Node).
import type { Method, PresetName } from '../../presets.js';
import type { OutcomeName } from '../../types.js';
import { DEFAULT_PRESET, SGD_SCALE, SGD_SCHEDULE } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import type { TrialRecord } from './run.js';
import { parseStudySweep, sweepCells, type ScaleRule, type SweepConfig } from './sweepConfig.js';
import type { EngineName } from '../../types.js';
import { changedFates, sgdCells, sgdHeading, UNCONVERGED_MARK, unconvergedMark, type SgdAxes, type SgdSchedule } from './sgdPairs.js';

export { WIDTH_K, WIDTH_R, WIDTH_TRIALS } from '../../limits.js';

/** What defines a width study: the same values give the same table, bit for bit. With `batch`, SGD beside GD. */
export interface WidthSpec extends Partial<SgdAxes> {
  /** Trials per (k, method, width) and batch size (default WIDTH_TRIALS, 1000). */
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
  /** With batch sizes: SGD's batch size (null: GD), and the share of starts whose fate SGD changed (null: GD). */
  batch?: number | null;
  changedFate?: number | null;
} & CellSummary;

/** The SGD axes of a width study with batch sizes, as its files hold them. */
export interface WidthSgdConfig {
  batch: number[];
  n: number | null;
  labelNoise: number;
  schedule: SgdSchedule;
  scale: ScaleRule;
}

/** What runWidth returns and width.json holds. */
export interface WidthTable {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec'. */
  config: {
    trials: number;
    k: number[];
    width: number[];
    teacherWidth: number;
    methods: Method[];
    maxIter: number;
    preset?: PresetName;
    sgd?: WidthSgdConfig;
  };
  /** Per method, k, then r (with batch sizes: GD, then each batch size). */
  rows: WidthRow[];
}

export interface WidthPlan {
  /** The GD cells, then (with batch sizes) the SGD cells. */
  cells: Cell[];
  gd: Cell[];
  /** The trial store's config: the sweep of the GD cells, and with batch sizes the SGD axes. */
  config: SweepConfig & { sgd?: WidthSgdConfig };
}

/** The study's own names of the sweep's fields, in its complaints. */
const OPTIONS = ['k', 'width', 'teacherWidth', 'batch', 'n', 'labelNoise'];

/** The sweep config of a width study (its trial store's config) and its cells. Throws ConfigError. */
export function widthPlan(o: WidthSpec, engine?: EngineName): WidthPlan {
  const preset = o.preset && o.preset !== DEFAULT_PRESET ? { preset: o.preset } : {};
  const sweep = {
    seed: o.seed,
    ...preset,
    trials: o.trials,
    maxIter: o.maxIter,
    grid: { k: o.k, width: o.width, teacherWidth: [o.teacherWidth], methods: o.methods },
  };
  const config = parseStudySweep(sweep, OPTIONS, engine),
    gd = sweepCells(config);
  if (o.batch === undefined) return { config, cells: gd, gd };
  const axes = { batch: o.batch, n: o.n, labelNoise: o.labelNoise ?? 0, schedule: o.schedule ?? SGD_SCHEDULE, scale: o.scale ?? SGD_SCALE };
  const pairs = sgdCells(gd, sweep, axes, OPTIONS, engine);
  return { config: { ...config, sgd: { ...axes, n: axes.n ?? null } }, cells: [...pairs.gd, ...pairs.sgd], gd: pairs.gd };
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
  const sgd = plan.config.sgd,
    fates = sgd && changedFates(plan.gd, plan.cells.slice(plan.gd.length), records);
  const rows = aggregate(plan.cells, records)
    .map(({ cell, k, method, width, data, trials, successes, rate, ci, outcomes, meanIterations }): WidthRow => {
      const share = (n: number) => (trials > 0 ? n / trials : 0),
        unconverged = losses.get(cell)!;
      return {
        k,
        method,
        width: width ?? 1,
        ...(fates ? { batch: data?.batch ?? null } : {}),
        trials,
        successes,
        rate,
        ci,
        outcomes,
        meanIterations,
        shares: { spurious: share(outcomes.spurious), unconverged: share(outcomes.unconverged), diverged: share(outcomes.diverged) },
        unconvergedLoss: unconverged.length > 0 ? quartiles(unconverged) : null,
        ...(fates ? { changedFate: fates.get(cell) ?? null } : {}),
      };
    })
    .sort(
      (a, b) =>
        o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k || a.width - b.width || (a.batch ?? 0) - (b.batch ?? 0),
    );
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
      ...(sgd ? { sgd } : {}),
    },
  };
}

/** width.csv; with batch sizes, a row per GD and SGD cell, with its batch size and the share of starts whose fate SGD changed. */
export function widthCsv(t: WidthTable): string {
  const sgd = t.config.sgd !== undefined;
  return csv(
    [
      'method',
      'k',
      'width',
      'teacher_width',
      ...(sgd ? ['batch'] : []),
      ...SUMMARY_COLUMNS,
      'unconverged_loss_q1',
      'unconverged_loss_median',
      'unconverged_loss_q3',
      ...(sgd ? ['changed_fate'] : []),
    ],
    t.rows.map((r) => [
      r.method,
      r.k,
      r.width,
      t.config.teacherWidth,
      ...(sgd ? [r.batch ?? 'GD'] : []),
      ...summaryCells(r),
      ...(r.unconvergedLoss ?? ['', '', '']),
      ...(sgd ? [r.changedFate ?? ''] : []),
    ]),
  );
}

const loss = (x: number) => x.toExponential(1);

/**
 * One line per (method, k, r): the shares of each outcome and the unconverged runs' final-loss quartiles (GD's
 * cells). With batch sizes, a second table: per (method, k, r) GD's success rate, each batch size's, and the
 * share of starts whose fate SGD changed at each.
 */
export function formatWidth(t: WidthTable): string {
  const c = t.config;
  const preset = c.preset ? `; preset ${c.preset}` : '';
  const gd = t.rows.filter((r) => r.batch == null);
  const table =
    `Share of ${c.trials} trials per cell by outcome against the student's width r (teacher r* = ${c.teacherWidth}; ` +
    `${c.maxIter} steps; seed ${t.seed}${preset})\n` +
    textTable([
      ['method', 'k', 'r', 'global', 'spurious', 'unconverged', 'diverged', 'unconverged L: q1', 'median', 'q3'],
      ...gd.map((r) => [
        r.method,
        String(r.k),
        String(r.width),
        rate(r.rate),
        rate(r.shares.spurious),
        rate(r.shares.unconverged),
        rate(r.shares.diverged),
        ...(r.unconvergedLoss ? r.unconvergedLoss.map(loss) : ['-', '-', '-']),
      ]),
    ]);
  return c.sgd ? table + '\n' + formatSgdRates(t, c.sgd, gd) : table;
}

/** The SGD table: per (method, k, r) of the GD rows, GD's rate, each batch size's, and the changed fates. */
function formatSgdRates(t: WidthTable, sgd: WidthSgdConfig, gd: WidthRow[]): string {
  const rowAt = (of: WidthRow, batch: number) =>
    t.rows.find((r) => r.method === of.method && r.k === of.k && r.width === of.width && r.batch === batch)!;
  const marked = (r: WidthRow) => `${rate(r.rate)}${unconvergedMark(r)}`;
  return (
    `Success rate of SGD beside GD from the same starts, and the share of starts whose success SGD changed ` +
    `(! more than ${UNCONVERGED_MARK * 100}% unconverged)\n(${sgdHeading(sgd)})\n` +
    textTable([
      ['method', 'k', 'r', 'GD', ...sgd.batch.map((b) => `B=${b}`), ...sgd.batch.map((b) => `changed B=${b}`)],
      ...gd.map((r) => [
        r.method,
        String(r.k),
        String(r.width),
        marked(r),
        ...sgd.batch.map((b) => marked(rowAt(r, b))),
        ...sgd.batch.map((b) => rate(rowAt(r, b).changedFate!)),
      ]),
    ])
  );
}
