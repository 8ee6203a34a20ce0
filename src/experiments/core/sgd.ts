// The paper's "From GD to SGD" question (SPEC §8): success rate against the batch size per method and
// k, with GD from the same starts as the B = ∞ reference, and the share of starts whose fate SGD changed.
// One experiment: the GD cells (population), then the SGD cells, each trial of a (k, method) from the
// same random start (presets.trialConfig); a trial's samples come from (seed, cell, trial).
// Its cells, its result object, its CSV and its text; browser-safe (node/sgd.ts runs it in Node).
import type { Method, PresetName } from '../../presets.js';
import { DEFAULT_PRESET, SGD_SCALE, SGD_SCHEDULE } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import { DEFAULT_EXPERIMENT_ENGINE, type TrialRecord } from './run.js';
import type { EngineName } from '../../types.js';
import { parseSweepConfig, sweepCells, type ScaleRule } from './sweepConfig.js';
import { changedFates, sgdCells, sgdHeading, UNCONVERGED_MARK, unconvergedMark, type SgdAxes, type SgdSchedule } from './sgdPairs.js';

export { SGD_BATCHES, SGD_K, SGD_SCALE, SGD_SCHEDULE, SGD_TRIALS } from '../../limits.js';
export { SGD_SCHEDULES, studySchedule, UNCONVERGED_MARK, unconvergedShare, type SgdSchedule } from './sgdPairs.js';

/** What defines an SGD study: the same values give the same table, bit for bit. */
export interface SgdSpec extends SgdAxes {
  /** Trials per (k, method, batch) (default SGD_TRIALS, 1000). */
  trials: number;
  /** The k, p = k each (default SGD_K: Table 1's). */
  k: number[];
  /** The methods (default METHODS: all three). */
  methods: Method[];
  /** The experiment seed (default 1). */
  seed: number;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
}

/** A row of the SGD study: k, method and batch size (null: the GD row), the summary, and the share of starts whose outcome differs from GD's (null on GD rows). */
export type SgdRow = { k: number; method: Method; batch: number | null; changedFate: number | null } & CellSummary;

/** What runSgd returns and sgd.json holds. */
export interface SgdTable {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec'. */
  config: {
    trials: number;
    k: number[];
    batch: number[];
    methods: Method[];
    n: number | null;
    labelNoise: number;
    maxIter: number;
    preset?: PresetName;
    schedule?: SgdSchedule;
    scale?: ScaleRule;
  };
  /** Per (method, k): GD (batch null), then each batch size. */
  rows: SgdRow[];
}

export interface SgdPlan {
  /** The GD cells, then the SGD cells. */
  cells: Cell[];
  gd: Cell[];
  /** The trial store's config (and sgd.json's). */
  config: SgdTable['config'];
}

/** The cells of an SGD study, checked to fit in the memory of `engine`. Throws ConfigError. */
export function sgdPlan(o: SgdSpec, engine: EngineName = DEFAULT_EXPERIMENT_ENGINE): SgdPlan {
  const preset = o.preset && o.preset !== DEFAULT_PRESET ? { preset: o.preset } : {};
  const sweep = { seed: o.seed, ...preset, trials: o.trials, grid: { k: o.k, methods: o.methods } };
  const { gd, sgd } = sgdCells(sweepCells(parseSweepConfig(sweep)), sweep, o, ['k', 'batch', 'n', 'labelNoise'], engine);
  const schedule = o.schedule ?? SGD_SCHEDULE,
    scale = o.scale ?? SGD_SCALE;
  // Written only when they are not the constant-step study's, whose files stay as they were before these options.
  const config = {
    trials: o.trials,
    k: o.k,
    batch: o.batch,
    methods: o.methods,
    n: o.n ?? null,
    labelNoise: o.labelNoise,
    maxIter: gd[0].maxIter,
    ...preset,
    ...(schedule === 'constant' ? {} : { schedule }),
    ...(scale === 'none' ? {} : { scale }),
  };
  return { cells: [...gd, ...sgd], gd, config };
}

/** The table of the finished trials of `sgdPlan(o)`. */
export function sgdResult(o: SgdSpec, { cells, gd, config }: SgdPlan, records: TrialRecord[]): SgdTable {
  const fates = changedFates(gd, cells.slice(gd.length), records);
  const rows: SgdRow[] = aggregate(cells, records)
    .map(({ cell, k, method, data, trials, successes, rate, ci, outcomes, meanIterations }) => ({
      k,
      method,
      batch: data?.batch ?? null,
      trials,
      successes,
      rate,
      ci,
      outcomes,
      meanIterations,
      changedFate: fates.get(cell) ?? null,
    }))
    .sort(
      (a, b) => o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k || (a.batch ?? Infinity) - (b.batch ?? Infinity),
    );
  return { version: FORMAT_VERSION, seed: o.seed, config, rows };
}

/** sgd.csv. */
export function sgdCsv(t: SgdTable): string {
  return csv(
    ['method', 'k', 'batch', ...SUMMARY_COLUMNS, 'changed_fate'],
    t.rows.map((r) => [r.method, r.k, r.batch ?? 'GD', ...summaryCells(r), r.changedFate ?? '']),
  );
}

/**
 * Two tables: the outcome shares (global / spurious / unconverged) per batch size with GD as B = ∞,
 * cells with more than UNCONVERGED_MARK unconverged marked '!', and the share of starts whose fate SGD changed.
 */
export function formatSgd(t: SgdTable): string {
  const c = t.config;
  const preset = c.preset ? `; preset ${c.preset}` : '';
  const head = ['method', 'k', ...c.batch.map((b) => `B=${b}`)];
  const row = (m: Method, k: number, value: (r: SgdRow) => string, withGd: boolean) => {
    const cells = t.rows.filter((r) => r.method === m && r.k === k);
    const at = (b: number | null) => cells.find((r) => r.batch === b)!;
    return [m, String(k), ...c.batch.map((b) => value(at(b))), ...(withGd ? [value(at(null))] : [])];
  };
  const shares = (r: SgdRow) => {
    const share = (n: number) => rate(r.trials > 0 ? n / r.trials : 0);
    return `${share(r.outcomes.global)}/${share(r.outcomes.spurious)}/${share(r.outcomes.unconverged)}${unconvergedMark(r)}`;
  };
  const pairs = c.methods.flatMap((m) => c.k.map((k) => [m, k] as const));
  return (
    `Outcomes: global / spurious / unconverged shares of ${c.trials} trials (the rest diverged; ! more than ${UNCONVERGED_MARK * 100}% unconverged)
` +
    `(${sgdHeading(c)}; seed ${t.seed}${preset})
` +
    textTable([[...head, 'GD (B=∞)'], ...pairs.map(([m, k]) => row(m, k, shares, true))]) +
    '\nChanged fate (share of starts whose success SGD changed, against GD from the same start)\n' +
    textTable([head, ...pairs.map(([m, k]) => row(m, k, (r) => rate(r.changedFate!), false))])
  );
}
