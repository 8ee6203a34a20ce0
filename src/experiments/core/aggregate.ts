// Per-cell summaries of finished trials: outcome counts, success rate with its Wilson interval,
// mean iterations. Computed from the records sorted by trial identity, so the numbers do not
// depend on which worker, shard or run finished a trial first.
import { wilson } from '../../stats.js';
import type { OutcomeName } from '../../types.js';
import type { Cell } from './cell.js';
import type { TrialRecord } from './run.js';

/** Version of the result files' layout. */
export const FORMAT_VERSION = 1;

/** The summary of a cell's trials: counts by outcome, the success rate with its Wilson 95% interval, the mean number of steps. */
export interface CellSummary {
  trials: number;
  successes: number;
  /** Share of trials that reached the global optimum. */
  rate: number;
  /** Wilson 95% interval of the rate. */
  ci: [number, number];
  outcomes: Record<OutcomeName, number>;
  /** Mean steps until the outcome was decided, over all trials of the cell. */
  meanIterations: number;
}

/** A row of a sweep's aggregate: the cell and the summary of its trials. */
export type SweepRow = Cell & CellSummary;

/** The CSV columns of a summary, in the order summaryCells gives them. */
export const SUMMARY_COLUMNS = [
  'trials',
  'successes',
  'rate',
  'ci_lo',
  'ci_hi',
  'global',
  'spurious',
  'unconverged',
  'diverged',
  'mean_iterations',
];

/** A summary as CSV cells (SUMMARY_COLUMNS). */
export const summaryCells = (r: CellSummary): (string | number)[] => [
  r.trials,
  r.successes,
  r.rate,
  r.ci[0],
  r.ci[1],
  r.outcomes.global,
  r.outcomes.spurious,
  r.outcomes.unconverged,
  r.outcomes.diverged,
  r.meanIterations,
];

export function summarise(records: TrialRecord[]): CellSummary {
  const outcomes: Record<OutcomeName, number> = { global: 0, spurious: 0, unconverged: 0, diverged: 0 };
  let iterations = 0;
  for (const r of records) {
    outcomes[r.outcome]++;
    iterations += r.iterations;
  }
  const trials = records.length,
    successes = outcomes.global;
  return {
    trials,
    successes,
    rate: trials > 0 ? successes / trials : 0,
    ci: wilson(successes, trials),
    outcomes,
    meanIterations: trials > 0 ? iterations / trials : 0,
  };
}

/**
 * One row per cell, in cell order. `records` hold each trial once (runExperiment and mergeParts
 * pass them deduplicated already).
 */
export function aggregate(cells: Cell[], records: TrialRecord[]): SweepRow[] {
  const byCell = new Map<number, TrialRecord[]>(cells.map((c) => [c.cell, []]));
  for (const r of records) byCell.get(r.cell)?.push(r);
  return cells.map((c) => ({ ...c, ...summarise(byCell.get(c.cell)!) }));
}
