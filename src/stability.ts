// The largest stable step of the second layer, and why a diverged run diverged in those terms.
import { parseRunConfig, stagesOf, widthOf } from './config.js';
import { DIVERGED_A } from './layout.js';
import { StageCursor } from './twin/common/schedule.js';
import type { RunConfig, Schedule, WideRunConfig } from './types.js';

/**
 * The step size η_a above which gradient descent on the second layer diverges, at k patches and r filters.
 *
 * SPEC §3: ∇_a L = [(π−1)(a − a*) + 1·1ᵀ(a − a*) + (π − g(φ))a*]/(2π), so L is quadratic in a with the
 * Hessian H = ((π−1)I + 11ᵀ)/(2π) whatever the first layer: eigenvalues (π−1)/(2π) on 1⊥ and
 * (k + π − 1)/(2π) along 1. The update of SPEC §4, a ← (I − η_a H)a + η_a·(a bounded term), multiplies
 * the component along 1 by 1 − η_a(k + π − 1)/(2π), which grows once η_a(k + π − 1)/(2π) > 2.
 * SPEC §9 (r filters): the Hessian in A is (G ⊗ I_k + 1_r1_rᵀ ⊗ (1_k1_kᵀ − I_k))/(2π), largest when the
 * filters coincide (G = π·1_r1_rᵀ, its largest possible eigenvalue rπ; every ResNet filter starts at u):
 * r(k + π − 1)/(2π) along A = 1_r1_kᵀ. So η_a < 2·2π/(r(k + π − 1)); with sampled data (SPEC §8) this is
 * the population loss's limit, around which a mini-batch's curvature varies.
 */
export function secondLayerStepLimit(k: number, r = 1): number {
  return (2 * (2 * Math.PI)) / (r * (k + Math.PI - 1));
}

/**
 * The largest η_a and η_v of a valid schedule over steps 0 … steps − 1, the first step that takes that η_a,
 * and whether η_a varied over those steps.
 */
export function largestSteps(schedule: Schedule, steps: number): { etaA: number; at: number; varied: boolean; etaV: number } {
  const cursor = new StageCursor(stagesOf(schedule));
  const out = { etaA: -Infinity, at: 0, varied: false, etaV: -Infinity };
  // The steps hold between the cursor's stops: jump from one to the next.
  for (let t = 0; t < steps; t = Math.max(t + 1, cursor.nextUntil)) {
    cursor.enter(t);
    if (t > 0 && cursor.etaA !== out.etaA) out.varied = true;
    if (cursor.etaA > out.etaA) [out.etaA, out.at] = [cursor.etaA, t];
    out.etaV = Math.max(out.etaV, cursor.etaV);
  }
  return out;
}

/** 3 significant digits, more where fewer would put `x` on the other side of `other`. */
function digitsApart(x: number, other: number): string {
  let digits = 3;
  while (digits < 17 && Math.sign(Number(x.toPrecision(digits)) - other) !== Math.sign(x - other)) digits++;
  return x
    .toPrecision(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * Why a run that ended `diverged` after `iterations` steps diverged, in a sentence: the largest η_a it
 * used against secondLayerStepLimit at its k (and r), or, below the limit, where else the blow-up came from.
 */
export function divergenceReason(config: RunConfig | WideRunConfig, iterations: number): string {
  if (iterations === 0)
    return `the start is past the divergence test already (a non-finite value, or some |aᵢ| > ${DIVERGED_A.toExponential(0)})`;
  const valid = parseRunConfig(config);
  const { r } = widthOf(config);
  const aStar = valid.teacher.aStar,
    k = (Array.isArray(aStar[0]) ? (aStar[0] as number[]) : (aStar as number[])).length;
  const limit = secondLayerStepLimit(k, r);
  const step = largestSteps(valid.schedule, iterations);
  const used = step.varied ? `η_a up to ${step.etaA} (from step ${step.at})` : `η_a = ${step.etaA}`;
  const sampled = 'data' in valid && valid.data !== undefined;
  // With sampled data the limit is the population loss's, around which each mini-batch's curvature varies.
  const whose = sampled ? "the population loss's" : 'the',
    filters = r === 1 ? '' : `of ${r} coinciding filters `,
    formula = r === 1 ? '2·2π/(k + π − 1)' : '2·2π/(r(k + π − 1))',
    at = r === 1 ? `k = ${k}` : `k = ${k}, r = ${r}`;
  const bound = `${whose} stability limit ${filters}${formula} = ${digitsApart(limit, step.etaA)} at ${at}`;
  if (step.etaA >= limit) return `${used} ${step.etaA > limit ? 'exceeds' : 'reaches'} ${bound}`;
  return sampled
    ? `${used} is below ${bound}; on sampled data a mini-batch's curvature varies around the population's and can pass it`
    : `${used} is below ${bound}, so the second layer's step does not explain it; the first layer's (η_v up to ${step.etaV}) may`;
}
