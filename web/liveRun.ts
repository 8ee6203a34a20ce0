// A run shown live. The engine does a whole run in one call, so a live run is a series of runs of
// the same config with a doubling step budget: at most twice the work of one run. Runs are
// deterministic, so each budget's trajectory is an exact prefix of the full one, and an outcome
// decided within a budget is the full run's outcome, bit for bit (the step limit is checked last).
import type { Simulator } from '../src/simulator.js';
import type { RunConfig, RunResult, TrajectorySample } from '../src/types.js';

/** Steps × (k + p) of the first budget: a few milliseconds of work. */
const FIRST_BUDGET_WORK = 2e6;
const MIN_FIRST_BUDGET = 100;

export function firstBudget(config: RunConfig): number {
  const width = config.teacher.aStar.length + config.teacher.wStar.length;
  return Math.max(MIN_FIRST_BUDGET, Math.floor(FIRST_BUDGET_WORK / width));
}

/** Runs `config` to its outcome, handing each unfinished prefix of the trajectory to `onPartial`. */
export function runLive(sim: Simulator, config: RunConfig, onPartial: (samples: TrajectorySample[]) => void,
  budget = firstBudget(config)): RunResult {
  const maxIter = config.maxIter ?? 5000;
  for (; ; budget *= 2) {
    const result = sim.run({ ...config, maxIter: Math.min(budget, maxIter) });
    if (result.outcome !== 'unconverged' || budget >= maxIter) return result;
    onPartial(result.trajectory ?? []);
  }
}
