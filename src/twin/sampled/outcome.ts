// TypeScript twin of assembly/sampled/outcome.ts: the outcome rule of both SGD engines.
import { Outcome, DIVERGED_A } from '../../layout.js';

/** The outcome checks of one sampled run (SPEC §5 with the sampled trap rule), step after step. */
export class SampledOutcome {
  /** Steps in a row so far with aᵀa* < 0 and φ ≥ trapPhi. */
  private inTrap = 0;

  constructor(
    private readonly tol: number,
    private readonly trapPossible: boolean,
    private readonly trapPhi: number,
    private readonly trapWindow: number,
    private readonly maxIter: number,
  ) {}

  /** The outcome at step t, or null: the run takes its step (errW, errA: ∞ where the caller knows the run is far). */
  at(t: number, finite: boolean, maxA: number, errW: number, errA: number, aAs: number, phi: number): Outcome | null {
    if (!finite || maxA > DIVERGED_A) return Outcome.Diverged;
    if (errW + errA <= this.tol) return Outcome.Global;
    if (this.trapPossible && aAs < 0 && phi >= this.trapPhi) {
      this.inTrap++;
      if (this.inTrap > this.trapWindow || t >= this.maxIter) return Outcome.Spurious; // or the run ends in the trap region
    } else this.inTrap = 0;
    if (t >= this.maxIter) return Outcome.Unconverged;
    return null;
  }
}
