// SGD beside GD from the same starts (SPEC §8), as the studies pair them (sgd.ts for one filter, width.ts
// for wide students): a study's GD cells, then its SGD cells at each batch size numbered after them. A
// trial's start comes from (seed, k, method, r, trial) alone, so trial t of an SGD cell starts where trial t
// of its GD cell does; its samples come from (seed, cell, trial). The study's decay follows each method's GD
// schedule in both, the batch scaling applies to the SGD cells, and each SGD cell reports the share of starts
// whose fate SGD changed. Browser-safe.
import { SGD_SCALE, SGD_SCHEDULE } from '../../limits.js';
import type { PresetName } from '../../presets.js';
import type { Decay, EngineName, Schedule } from '../../types.js';
import type { Cell } from './cell.js';
import type { TrialRecord } from './run.js';
import { parseStudySweep, scaledCell, sweepCells, type ScaleRule } from './sweepConfig.js';

/** The SGD studies' schedules: each method's GD schedule, then constant steps, a cosine or a step decay. */
export const SGD_SCHEDULES = ['constant', 'cosine', 'step-decay'] as const;
export type SgdSchedule = (typeof SGD_SCHEDULES)[number];

/** Share of `unconverged` runs past which a cell is marked: its success rate says more about the step budget than about SGD. */
export const UNCONVERGED_MARK = 0.05;

/** What SGD adds to a study of GD cells: the same values give the same cells. */
export interface SgdAxes {
  /** The batch sizes B (the sgd study's default SGD_BATCHES: 1, 4, 16, 64); each cell also gets its GD row. */
  batch: number[];
  /** A fixed training set of n samples per trial (omitted: online SGD). */
  n?: number;
  /** Standard deviation of the label noise (default 0). */
  labelNoise: number;
  /** What follows each method's GD schedule, in the GD and the SGD cells alike (default SGD_SCHEDULE). */
  schedule?: SgdSchedule;
  /** How each batch size's steps follow from the GD method's (default SGD_SCALE; SPEC §4). */
  scale?: ScaleRule;
}

/** A study's sweep, as parseSweepConfig takes it: the grid of its GD cells. */
export interface StudySweep {
  seed: number;
  preset?: PresetName;
  trials: number;
  maxIter?: number;
  grid: Record<string, unknown>;
}

/**
 * The GD cells of a study with the study's schedule, and its SGD cells: the GD grid at each batch size,
 * numbered after the GD cells, with their steps scaled. `options` name the grid's fields as the study's
 * options (parseStudySweep). Throws ConfigError.
 */
export function sgdCells(
  gd: Cell[],
  sweep: StudySweep,
  axes: SgdAxes,
  options: readonly string[],
  engine?: EngineName,
): { gd: Cell[]; sgd: Cell[] } {
  const data = { batch: axes.batch, ...(axes.n === undefined ? {} : { n: [axes.n] }), labelNoise: [axes.labelNoise] };
  const sgd = sweepCells(parseStudySweep({ ...sweep, grid: { ...sweep.grid, ...data } }, options, engine), gd.length);
  const schedule = axes.schedule ?? SGD_SCHEDULE,
    scale = axes.scale ?? SGD_SCALE;
  const withSchedule = (c: Cell) => ({ ...c, schedule: studySchedule(c.schedule, schedule, c.maxIter) });
  return { gd: gd.map(withSchedule), sgd: sgd.map((c) => scaledCell(withSchedule(c), scale)) };
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

/** What fixes a trial's start besides its number: cells with the same key start trial t alike. */
const startKey = (c: Cell) =>
  JSON.stringify([c.seed, c.k, c.p, c.method, c.vStarNorm, c.aStarSum, c.aStarSpread, c.radiusScale, c.width ?? 1, c.teacherWidth ?? 1]);

/** Per SGD cell (by number), the share of its trials whose fate SGD changed against GD from the same start. */
export function changedFates(gd: Cell[], sgd: Cell[], records: TrialRecord[]): Map<number, number> {
  const byCell = new Map<number, TrialRecord[]>([...gd, ...sgd].map((c) => [c.cell, []]));
  for (const r of records) byCell.get(r.cell)?.push(r);
  const gdOf = new Map(gd.map((c) => [startKey(c), c.cell]));
  return new Map(sgd.map((c) => [c.cell, changedFate(byCell.get(gdOf.get(startKey(c))!)!, byCell.get(c.cell)!)]));
}

/** Share of trials (the same starts) where one run reached the global optimum and the other did not. */
function changedFate(gd: TrialRecord[], sgd: TrialRecord[]): number {
  const success = new Map(gd.map((r) => [r.trial, r.outcome === 'global']));
  let changed = 0;
  for (const r of sgd) if ((r.outcome === 'global') !== success.get(r.trial)) changed++;
  return sgd.length > 0 ? changed / sgd.length : 0;
}

/** Share of a row's trials that ended unconverged. */
export const unconvergedShare = (r: { outcomes: { unconverged: number }; trials: number }) =>
  r.trials > 0 ? r.outcomes.unconverged / r.trials : 0;

/** A cell's mark in a table: '!' past UNCONVERGED_MARK unconverged, else a space (the columns stay aligned). */
export const unconvergedMark = (r: { outcomes: { unconverged: number }; trials: number }) =>
  unconvergedShare(r) > UNCONVERGED_MARK ? '!' : ' ';

/** The words of a table's heading for the SGD axes: the data, the noise and the steps. */
export function sgdHeading(c: { n: number | null; labelNoise: number; schedule?: SgdSchedule; scale?: ScaleRule }): string {
  const data = c.n === null ? 'online SGD' : `fixed training sets of n = ${c.n}`;
  const noise = c.labelNoise > 0 ? `, label noise ${c.labelNoise}` : '';
  return `${data}${noise}; ${c.schedule ?? 'constant'} steps after each method's GD schedule, scaled by the batch: ${c.scale ?? 'none'}`;
}
