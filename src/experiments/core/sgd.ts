// The paper's "From GD to SGD" question (SPEC §8): success rate against the batch size per method and
// k, with GD from the same starts as the B = ∞ reference, and the share of starts whose fate SGD changed.
// One experiment: the GD cells (population), then the SGD cells, each trial of a (k, method) from the
// same random start (presets.trialConfig); a trial's samples come from (seed, cell, trial).
// Its cells, its result object, its CSV and its text; browser-safe (node/sgd.ts runs it in Node).
import type { Method, PresetName } from '../../presets.js';
import { DEFAULT_PRESET } from '../../limits.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import { DEFAULT_EXPERIMENT_ENGINE, type TrialRecord } from './run.js';
import type { EngineName } from '../../types.js';
import { parseStudySweep, parseSweepConfig, scaledCell, sweepCells, type ScaleRule } from './sweepConfig.js';
import type { Decay, Schedule } from '../../types.js';
import { SGD_SCALE, SGD_SCHEDULE } from '../../limits.js';

export { SGD_BATCHES, SGD_K, SGD_SCALE, SGD_SCHEDULE, SGD_TRIALS } from '../../limits.js';

/** What defines an SGD study: the same values give the same table, bit for bit. */
export interface SgdSpec {
  /** Trials per (k, method, batch) (default SGD_TRIALS, 1000). */
  trials: number;
  /** The k, p = k each (default SGD_K: Table 1's). */
  k: number[];
  /** The batch sizes B (default SGD_BATCHES: 1, 4, 16, 64); each k and method also gets its GD row. */
  batch: number[];
  /** The methods (default METHODS: all three). */
  methods: Method[];
  /** A fixed training set of n samples per trial (omitted: online SGD). */
  n?: number;
  /** Standard deviation of the label noise (default 0). */
  labelNoise: number;
  /** The experiment seed (default 1). */
  seed: number;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
  /** What follows each method's GD schedule (default SGD_SCHEDULE): nothing ('constant'), a cosine or a step decay. */
  schedule?: SgdSchedule;
  /** How each batch size's steps follow from the GD method's (default SGD_SCALE; SPEC §4). */
  scale?: ScaleRule;
}

/** The SGD study's schedules: each method's GD schedule, then constant steps, a cosine or a step decay. */
export const SGD_SCHEDULES = ['constant', 'cosine', 'step-decay'] as const;
export type SgdSchedule = (typeof SGD_SCHEDULES)[number];

/** Share of `unconverged` runs past which a cell is marked: its success rate says more about the step budget than about SGD. */
export const UNCONVERGED_MARK = 0.05;

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
  const grid = { k: o.k, methods: o.methods };
  const gd = sweepCells(parseSweepConfig({ seed: o.seed, ...preset, trials: o.trials, grid }));
  const sgd = sweepCells(
    parseStudySweep(
      {
        seed: o.seed,
        ...preset,
        trials: o.trials,
        grid: { ...grid, batch: o.batch, ...(o.n === undefined ? {} : { n: [o.n] }), labelNoise: [o.labelNoise] },
      },
      ['k', 'batch', 'n', 'labelNoise'],
      engine,
    ),
    gd.length,
  );
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
  const withSchedule = (c: Cell) => ({ ...c, schedule: studySchedule(c.schedule, schedule, c.maxIter) });
  const gdCells = gd.map(withSchedule);
  return { cells: [...gdCells, ...sgd.map((c) => scaledCell(withSchedule(c), scale))], gd: gdCells, config };
}

/**
 * A method's GD schedule with the study's decay after its warmup (over the rest of maxIter): cosine to
 * 1% of the step, or ×0.1 at half and at three quarters of the rest.
 */
export function studySchedule(s: Schedule, kind: SgdSchedule, maxIter: number): Schedule {
  if (kind === 'constant' || (s.kind !== 'constant' && s.kind !== 'ssw' && s.kind !== 'linear-warmup')) return s;
  const warmup = s.kind === 'constant' ? 0 : s.warmup,
    rest = maxIter - warmup,
    eta = s.kind === 'constant' ? Math.max(s.etaA, s.etaV) : s.eta;
  if (rest < 4) return s;
  const decay: Decay =
    kind === 'cosine'
      ? { kind: 'cosine', etaMin: eta / 100, T: rest }
      : { kind: 'step-decay', gamma: 0.1, milestones: [warmup + Math.ceil(rest / 2), warmup + Math.ceil((3 * rest) / 4)] };
  return { ...s, decay };
}

/** The table of the finished trials of `sgdPlan(o)`. */
export function sgdResult(o: SgdSpec, { cells, gd, config }: SgdPlan, records: TrialRecord[]): SgdTable {
  const byCell = new Map<number, TrialRecord[]>(cells.map((c) => [c.cell, []]));
  for (const r of records) byCell.get(r.cell)!.push(r);
  const gdOf = (k: number, method: Method) => gd.find((c) => c.k === k && c.method === method)!;
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
      changedFate: data ? changedFate(byCell.get(gdOf(k, method).cell)!, byCell.get(cell)!) : null,
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

/** Share of trials (the same starts, in trial order) where one run reached the global optimum and the other did not. */
function changedFate(gd: TrialRecord[], sgd: TrialRecord[]): number {
  const success = new Map(gd.map((r) => [r.trial, r.outcome === 'global']));
  let changed = 0;
  for (const r of sgd) if ((r.outcome === 'global') !== success.get(r.trial)) changed++;
  return sgd.length > 0 ? changed / sgd.length : 0;
}

/** Share of a row's trials that ended unconverged. */
export const unconvergedShare = (r: Pick<SgdRow, 'outcomes' | 'trials'>) => (r.trials > 0 ? r.outcomes.unconverged / r.trials : 0);

/**
 * Two tables: the outcome shares (global / spurious / unconverged) per batch size with GD as B = ∞,
 * cells with more than UNCONVERGED_MARK unconverged marked '!', and the share of starts whose fate SGD changed.
 */
export function formatSgd(t: SgdTable): string {
  const c = t.config;
  const data = c.n === null ? 'online SGD' : `fixed training sets of n = ${c.n}`;
  const noise = c.labelNoise > 0 ? `, label noise ${c.labelNoise}` : '';
  const preset = c.preset ? `; preset ${c.preset}` : '';
  const steps = `${c.schedule ?? 'constant'} steps after each method's GD schedule, scaled by the batch: ${c.scale ?? 'none'}`;
  const head = ['method', 'k', ...c.batch.map((b) => `B=${b}`)];
  const row = (m: Method, k: number, value: (r: SgdRow) => string, withGd: boolean) => {
    const cells = t.rows.filter((r) => r.method === m && r.k === k);
    const at = (b: number | null) => cells.find((r) => r.batch === b)!;
    return [m, String(k), ...c.batch.map((b) => value(at(b))), ...(withGd ? [value(at(null))] : [])];
  };
  const shares = (r: SgdRow) => {
    const share = (n: number) => rate(r.trials > 0 ? n / r.trials : 0);
    return `${share(r.outcomes.global)}/${share(r.outcomes.spurious)}/${share(r.outcomes.unconverged)}${unconvergedShare(r) > UNCONVERGED_MARK ? '!' : ' '}`;
  };
  const pairs = c.methods.flatMap((m) => c.k.map((k) => [m, k] as const));
  return (
    `Outcomes: global / spurious / unconverged shares of ${c.trials} trials (the rest diverged; ! more than ${UNCONVERGED_MARK * 100}% unconverged)
` +
    `(${data}${noise}; ${steps}; seed ${t.seed}${preset})
` +
    textTable([[...head, 'GD (B=∞)'], ...pairs.map(([m, k]) => row(m, k, shares, true))]) +
    '\nChanged fate (share of starts whose success SGD changed, against GD from the same start)\n' +
    textTable([head, ...pairs.map(([m, k]) => row(m, k, (r) => rate(r.changedFate!), false))])
  );
}
