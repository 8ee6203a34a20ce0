// TypeScript twin of assembly/common/schedule.ts: the stage of step t and its step sizes, the same
// operations in the same order (stage rows [until, ηa, ηv, shape, ηa1, ηv1, span, γ], SPEC §4).
import { TWO_PI } from './closedForm.js';
import { Shape, STAGE_WIDTH } from '../../layout.js';
import { cosKernel, sinKernel } from '../random/elementary.js';

/** cos(πy) for y in [0, 1/2], from musl's kernels (the same bits on every engine). */
export function cosPiHalf(y: number): number {
  return y <= 0.25 ? cosKernel(Math.PI * y) : sinKernel(Math.PI * (0.5 - y));
}

export class StageCursor {
  nextUntil = -Infinity;
  /** ηa/(2π), ηv/(2π), ηa(π − 1)/(2π) of the current step. */
  hA = 0;
  hV = 0;
  A = 0;
  /** ηa and ηv themselves (the sampled engine's steps). */
  etaA = 0;
  etaV = 0;
  private stage = -1;
  /** The current stage's first step; Shape.Step: the next step where γ applies. */
  private start = 0;
  private boundary = 0;

  constructor(private readonly stages: Float64Array) {}

  /** Moves to the stage step t uses (the first with t < until; after the last, the last) and sets its steps. */
  enter(t: number): void {
    const s = this.stages,
      last = s.length / STAGE_WIDTH - 1,
      before = this.stage;
    while (this.stage < last && (this.stage < 0 || t >= s[this.stage * STAGE_WIDTH])) this.stage++;
    const at = this.stage * STAGE_WIDTH;
    const end = this.stage < last ? s[at] : Infinity;
    const shape = s[at + 3],
      span = s[at + 6];
    if (this.stage !== before) {
      this.start = this.stage > 0 ? s[at - STAGE_WIDTH] : 0;
      this.etaA = s[at + 1];
      this.etaV = s[at + 2];
      this.boundary = this.start + span;
    }
    let next = end;
    if (shape === Shape.Linear || shape === Shape.Cosine) {
      const u = Math.min(t - this.start, span);
      const a0 = s[at + 1],
        v0 = s[at + 2],
        a1 = s[at + 4],
        v1 = s[at + 5];
      if (shape === Shape.Linear) {
        this.etaA = a0 + ((a1 - a0) * u) / span;
        this.etaV = v0 + ((v1 - v0) * u) / span;
      } else {
        const c = cosPiHalf(0.5 * (u / span)),
          c2 = c * c;
        this.etaA = a1 + (a0 - a1) * c2;
        this.etaV = v1 + (v0 - v1) * c2;
      }
      if (u < span) next = Math.min(t + 1, end);
    } else if (shape === Shape.Step) {
      const gamma = s[at + 7];
      while (t >= this.boundary) {
        this.etaA *= gamma;
        this.etaV *= gamma;
        this.boundary += span;
      }
      next = Math.min(this.boundary, end);
    }
    this.nextUntil = next;
    this.hA = this.etaA / TWO_PI;
    this.hV = this.etaV / TWO_PI;
    this.A = this.hA * (Math.PI - 1);
  }
}
