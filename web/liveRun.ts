// A run shown live. The engine does a whole run in one call, so a live run is a series of runs of
// the same config with a doubling step budget: at most twice the work of one run. Runs are
// deterministic (sampled runs too: their draws do not depend on maxIter), so each budget's trajectory
// is an exact prefix of the full one, and an outcome decided within a budget is the full run's
// outcome, bit for bit (the step limit is checked last).
import type { Simulator } from '../src/simulator.js';
import type { RunConfig, RunResult, TrajectorySample, WideRunConfig, WideRunResult, WideTrajectorySample } from '../src/types.js';
import { DEFAULT_MAX_ITER } from '../src/limits.js';

/** Multiply-adds of the first budget: a few milliseconds of work. */
const FIRST_BUDGET_WORK = 2e6;
const MIN_FIRST_BUDGET = 100;

/** Rows of a matrix written as rows, or a vector as one row. */
const rowsOf = (x: number[] | number[][]): number[][] => (Array.isArray(x[0]) ? (x as number[][]) : [x as number[]]);

/**
 * Steps of the first budget: a population step costs about k + p, a sampled one B·k·p per pass, a wide
 * student's r(r + r*)p + r²k (SPEC §9).
 */
export function firstBudget(config: RunConfig | WideRunConfig): number {
  const aStar = rowsOf(config.teacher.aStar),
    wStar = rowsOf(config.teacher.wStar),
    r = rowsOf(config.init.a0).length;
  const k = aStar[0].length,
    p = wStar[0].length,
    d = 'data' in config ? config.data : undefined;
  const work = d
    ? (d.kind === 'fixed' ? (d.batch ?? d.n) : d.batch) * k * p
    : r * aStar.length === 1
      ? k + p
      : r * (r + aStar.length) * p + r * r * k;
  return Math.max(MIN_FIRST_BUDGET, Math.floor(FIRST_BUDGET_WORK / work));
}

/**
 * Whether a run cut at `budget` steps (< maxIter) was decided inside the budget. A sampled run's
 * trap rule also fires at the end of a run in the trap region, so a sampled run that ends
 * `spurious` exactly at its budget may be the end test of the cut run, not the full run's outcome.
 */
function decided(config: RunConfig | WideRunConfig, r: RunResult | WideRunResult, budget: number): boolean {
  if (r.outcome === 'unconverged') return false;
  return !('data' in config && config.data && r.outcome === 'spurious' && r.iterations >= budget);
}

/** Runs `config` to its outcome, handing each unfinished prefix of the trajectory to `onPartial`. */
export function runLive(
  sim: Simulator,
  config: RunConfig | WideRunConfig,
  onPartial: (samples: TrajectorySample[] | WideTrajectorySample[]) => void,
  budget = firstBudget(config),
): RunResult | WideRunResult {
  const maxIter = config.maxIter ?? DEFAULT_MAX_ITER;
  const run = sim.run as (c: RunConfig | WideRunConfig) => RunResult | WideRunResult;
  for (; ; budget *= 2) {
    const result = run({ ...config, maxIter: Math.min(budget, maxIter) });
    if (budget >= maxIter || decided(config, result, budget)) return result;
    onPartial(result.trajectory ?? []);
  }
}
