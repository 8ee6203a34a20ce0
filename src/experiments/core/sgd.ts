// The paper's "From GD to SGD" question (SPEC §8): success rate against the batch size per method and
// k, with GD from the same starts as the B = ∞ reference, and the share of starts whose fate SGD changed.
// One experiment: the GD cells (population), then the SGD cells, each trial of a (k, method) from the
// same random start (presets.trialConfig); a trial's samples come from (seed, cell, trial).
// Its cells, its result object, its CSV and its text; browser-safe (node/sgd.ts runs it in Node).
import type { Method, PresetName } from '../../presets.js';
import { DEFAULT_PRESET } from '../../limits.js';
import { aggregate, FORMAT_VERSION, type CellSummary } from './aggregate.js';
import type { Cell } from './cell.js';
import { csv, rate, textTable } from './format.js';
import { DEFAULT_EXPERIMENT_ENGINE, type TrialRecord } from './run.js';
import type { EngineName } from '../../types.js';
import { parseSweepConfig, sweepCells } from './sweepConfig.js';
import { ConfigError } from '../../config.js';

export { SGD_BATCHES, SGD_K, SGD_TRIALS } from '../../limits.js';

/** What defines an SGD study: the same values give the same table, bit for bit. */
export interface SgdSpec {
  trials: number;
  k: number[];
  batch: number[];
  methods: Method[];
  /** A fixed training set of n samples per trial (omitted: online SGD). */
  n?: number;
  labelNoise: number;
  seed: number;
  /** The teacher and ball radius of a named preset (default 'spec'). */
  preset?: PresetName;
}

export type SgdRow = { k: number; method: Method; batch: number | null; changedFate: number | null } & CellSummary;

export interface SgdTable {
  version: number;
  seed: number;
  /** `preset` is written only when it is not 'spec'. */
  config: { trials: number; k: number[]; batch: number[]; methods: Method[]; n: number | null; labelNoise: number; maxIter: number; preset?: PresetName };
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

/** A sweep's complaint about its grid, named by the study's options (grid.batch → batch). */
function asOptions<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(e.issues.map((i) => i.replace(/^grid\.(k|batch|n|labelNoise)\b/, '$1')));
    throw e;
  }
}

/** The cells of an SGD study, checked to fit in the memory of `engine`. Throws ConfigError. */
export function sgdPlan(o: SgdSpec, engine: EngineName = DEFAULT_EXPERIMENT_ENGINE): SgdPlan {
  const preset = o.preset && o.preset !== DEFAULT_PRESET ? { preset: o.preset } : {};
  const grid = { k: o.k, methods: o.methods };
  const gd = sweepCells(parseSweepConfig({ seed: o.seed, ...preset, trials: o.trials, grid }));
  const sgd = sweepCells(asOptions(() => parseSweepConfig({ seed: o.seed, ...preset, trials: o.trials,
    grid: { ...grid, batch: o.batch, ...(o.n === undefined ? {} : { n: [o.n] }), labelNoise: [o.labelNoise] } }, engine)), gd.length);
  const config = { trials: o.trials, k: o.k, batch: o.batch, methods: o.methods, n: o.n ?? null, labelNoise: o.labelNoise, maxIter: gd[0].maxIter, ...preset };
  return { cells: [...gd, ...sgd], gd, config };
}

/** The table of the finished trials of `sgdPlan(o)`. */
export function sgdResult(o: SgdSpec, { cells, gd, config }: SgdPlan, records: TrialRecord[]): SgdTable {
  const byCell = new Map<number, TrialRecord[]>(cells.map((c) => [c.cell, []]));
  for (const r of records) byCell.get(r.cell)!.push(r);
  const gdOf = (k: number, method: Method) => gd.find((c) => c.k === k && c.method === method)!;
  const rows: SgdRow[] = aggregate(cells, records).map(({ cell, k, method, data, trials, successes, rate, ci, outcomes, meanIterations }) => ({
    k, method, batch: data?.batch ?? null, trials, successes, rate, ci, outcomes, meanIterations,
    changedFate: data ? changedFate(byCell.get(gdOf(k, method).cell)!, byCell.get(cell)!) : null,
  })).sort((a, b) => o.methods.indexOf(a.method) - o.methods.indexOf(b.method) || a.k - b.k || (a.batch ?? Infinity) - (b.batch ?? Infinity));
  return { version: FORMAT_VERSION, seed: o.seed, config, rows };
}

/** sgd.csv. */
export function sgdCsv(t: SgdTable): string {
  return csv(
    ['method', 'k', 'batch', 'trials', 'successes', 'rate', 'ci_lo', 'ci_hi', 'global', 'spurious', 'unconverged', 'diverged', 'mean_iterations', 'changed_fate'],
    t.rows.map((r) => [r.method, r.k, r.batch ?? 'GD', r.trials, r.successes, r.rate, r.ci[0], r.ci[1],
      r.outcomes.global, r.outcomes.spurious, r.outcomes.unconverged, r.outcomes.diverged, r.meanIterations, r.changedFate ?? '']));
}

/** Share of trials (the same starts, in trial order) where one run reached the global optimum and the other did not. */
function changedFate(gd: TrialRecord[], sgd: TrialRecord[]): number {
  const success = new Map(gd.map((r) => [r.trial, r.outcome === 'global']));
  let changed = 0;
  for (const r of sgd) if ((r.outcome === 'global') !== success.get(r.trial)) changed++;
  return sgd.length > 0 ? changed / sgd.length : 0;
}

/** Two tables: success rate per batch size with GD as B = ∞, and the share of starts whose fate SGD changed. */
export function formatSgd(t: SgdTable): string {
  const c = t.config;
  const data = c.n === null ? 'online SGD' : `fixed training sets of n = ${c.n}`;
  const noise = c.labelNoise > 0 ? `, label noise ${c.labelNoise}` : '';
  const preset = c.preset ? `; preset ${c.preset}` : '';
  const head = ['method', 'k', ...c.batch.map((b) => `B=${b}`)];
  const row = (m: Method, k: number, value: (r: SgdRow) => string, withGd: boolean) => {
    const cells = t.rows.filter((r) => r.method === m && r.k === k);
    const at = (b: number | null) => cells.find((r) => r.batch === b)!;
    return [m, String(k), ...c.batch.map((b) => value(at(b))), ...(withGd ? [value(at(null))] : [])];
  };
  const pairs = c.methods.flatMap((m) => c.k.map((k) => [m, k] as const));
  return `Success rate (share of ${c.trials} trials reaching the global optimum; ${data}${noise}; seed ${t.seed}${preset})\n`
    + textTable([[...head, 'GD (B=∞)'], ...pairs.map(([m, k]) => row(m, k, (r) => rate(r.rate), true))])
    + '\nChanged fate (share of starts whose success SGD changed, against GD from the same start)\n'
    + textTable([head, ...pairs.map(([m, k]) => row(m, k, (r) => rate(r.changedFate!), false))]);
}
