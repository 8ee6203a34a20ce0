// TypeScript twin of assembly/common/schedule.ts: the stage of step t and its constants.
import { TWO_PI } from './closedForm.js';
import { STAGE_WIDTH } from '../../layout.js';

export class StageCursor {
  nextUntil = -Infinity;
  /** ηa/(2π), ηv/(2π), ηa(π − 1)/(2π) of the current stage. */
  hA = 0; hV = 0; A = 0;
  /** ηa and ηv themselves (the sampled engine's steps). */
  etaA = 0; etaV = 0;
  private stage = -1;

  constructor(private readonly stages: Float64Array) {}

  /** Moves to the stage step t uses: the first with t < until; after the last, the last. */
  enter(t: number): void {
    const s = this.stages, nStages = s.length / STAGE_WIDTH;
    while (this.stage < nStages - 1 && (this.stage < 0 || t >= s[this.stage * STAGE_WIDTH])) this.stage++;
    const at = this.stage * STAGE_WIDTH;
    this.nextUntil = this.stage < nStages - 1 ? s[at] : Infinity;
    this.etaA = s[at + 1];
    this.etaV = s[at + 2];
    this.hA = this.etaA / TWO_PI;
    this.hV = this.etaV / TWO_PI;
    this.A = this.hA * (Math.PI - 1);
  }
}
