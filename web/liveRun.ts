// A run shown live. The engine does a whole run in one call, so a live run is a series of runs of
// the same config with a doubling step budget: at most twice the work of one run. Runs are
// deterministic (sampled runs too: their draws do not depend on maxIter), so each budget's trajectory
// is an exact prefix of the full one, and an outcome decided within a budget is the full run's
// outcome, bit for bit (the step limit is checked last).
import type { Simulator } from '../src/simulator.js';
import type { RunConfig, RunResult, TrajectorySample } from '../src/types.js';
import { DEFAULT_MAX_ITER } from '../src/limits.js';

/** Multiply-adds of the first budget: a few milliseconds of work. */
const FIRST_BUDGET_WORK = 2e6;
const MIN_FIRST_BUDGET = 100;

/** Steps of the first budget: a population step costs about k + p, a sampled one B·k·p per pass. */
export function firstBudget(config: RunConfig): number {
  const k = config.teacher.aStar.length, p = config.teacher.wStar.length, d = config.data;
  const work = d ? (d.kind === 'fixed' ? d.batch ?? d.n : d.batch) * k * p : k + p;
  return Math.max(MIN_FIRST_BUDGET, Math.floor(FIRST_BUDGET_WORK / work));
}

/**
 * Whether a run cut at `budget` steps (< maxIter) was decided inside the budget. A sampled run's
 * trap rule also fires at the end of a run in the trap region, so a sampled run that ends
 * `spurious` exactly at its budget may be the end test of the cut run, not the full run's outcome.
 */
function decided(config: RunConfig, r: RunResult, budget: number): boolean {
  if (r.outcome === 'unconverged') return false;
  return !(config.data && r.outcome === 'spurious' && r.iterations >= budget);
}

/** Runs `config` to its outcome, handing each unfinished prefix of the trajectory to `onPartial`. */
export function runLive(sim: Simulator, config: RunConfig, onPartial: (samples: TrajectorySample[]) => void,
  budget = firstBudget(config)): RunResult {
  const maxIter = config.maxIter ?? DEFAULT_MAX_ITER;
  for (; ; budget *= 2) {
    const result = sim.run({ ...config, maxIter: Math.min(budget, maxIter) });
    if (budget >= maxIter || decided(config, result, budget)) return result;
    onPartial(result.trajectory ?? []);
  }
}
