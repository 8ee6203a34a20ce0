// TypeScript twin of assembly/wide/closedForm.ts: SPEC §9's closed forms at a wide student's state, the
// same operations in the same order, shared by the population loop (run.ts) and the sampled one (sampled.ts).
import { dot, scaled, addScaled, finishRowA } from './passes.js';
import { maxAbs } from '../population/passes.js';
import { cosine, arcCosKernel, TWO_PI, FOUR_PI } from '../common/closedForm.js';
import { acos } from '../common/acos.js';
import { DIVERGED_A, Outcome } from '../../layout.js';

/** A wide student's sizes and teacher: rows of even(p) (x, ws) and even(k) (a, as) entries; 1_k in the rows' coordinates. */
export interface WideShape {
  p: number;
  k: number;
  r: number;
  rStar: number;
  ws: Float64Array;
  as: Float64Array;
  ones: Float64Array;
}

/** The closed forms at a state: `at` fills loss, gradNorm, phi, maxA, angles and the gradients gx, ga (padded rows). */
export class WideClosedForm {
  readonly gx: Float64Array;
  readonly ga: Float64Array;
  readonly angles: Float64Array;
  loss = 0;
  gradNorm = 0;
  phi = 0;
  maxA = 0;
  private readonly lossStar: number;
  private readonly sStar: Float64Array;
  private readonly d: Float64Array;
  /** ‖x_i‖ of the state `at` was last given. */
  readonly norms: Float64Array;
  private readonly cG: Float64Array;
  private readonly G: Float64Array;
  private readonly tG: Float64Array;
  private readonly M: Float64Array;
  private readonly cX: Float64Array;
  private readonly cH: Float64Array;
  private readonly H: Float64Array;
  private readonly tH: Float64Array;
  private readonly N: Float64Array;
  private readonly cW: Float64Array;

  constructor(private readonly w: WideShape) {
    const { p, k, r, rStar: rs, ws, as } = w;
    const ps = p + (p & 1),
      ks = k + (k & 1),
      rr = r * r,
      rrs = r * rs;
    this.gx = new Float64Array(r * ps);
    this.ga = new Float64Array(r * ks);
    this.sStar = new Float64Array(ks);
    this.d = new Float64Array(ks);
    this.norms = new Float64Array(r);
    this.angles = new Float64Array(r);
    [this.cG, this.G, this.tG, this.M, this.cX] = Array.from({ length: 5 }, () => new Float64Array(rr));
    [this.cH, this.H, this.tH, this.N, this.cW] = Array.from({ length: 5 }, () => new Float64Array(rrs));
    // the teacher's part of L, Σ_j a*_jᵀ G* a*_j, and s* = A*ᵀ1
    let lossStar = 0;
    for (let j = 0; j < rs; j++) {
      for (let j2 = 0; j2 < rs; j2++) {
        let g = Math.PI;
        if (j2 !== j) {
          const c = cosine(dot(ws, j * ps, ws, j2 * ps, p), 1);
          g = arcCosKernel(c, acos(c));
        }
        lossStar += g * dot(as, j * ks, as, j2 * ks, k);
      }
    }
    this.lossStar = lossStar;
    scaled(this.sStar, 0, 1, as, 0, k);
    for (let j = 1; j < rs; j++) addScaled(this.sStar, 0, 1, as, j * ks, k);
  }

  /** The outcome the last `at` decides alone: diverged (a non-finite L or ‖∇L‖, or max|A_ij| > 1e6), global (L ≤ lossTol), or null. */
  lossOutcome(lossTol: number): Outcome | null {
    if (!Number.isFinite(this.loss) || !Number.isFinite(this.gradNorm) || this.maxA > DIVERGED_A) return Outcome.Diverged;
    return this.loss <= lossTol ? Outcome.Global : null;
  }

  /** The closed forms at (x, a). */
  at(x: Float64Array, a: Float64Array): void {
    const { p, k, r, rStar: rs, ws, as, ones } = this.w;
    const { gx, ga, sStar, d, norms, angles, cG, G, tG, M, cX, cH, H, tH, N, cW } = this;
    const ps = p + (p & 1),
      ks = k + (k & 1),
      rr = r * r,
      rrs = r * rs;
    for (let i = 0; i < r; i++) norms[i] = Math.sqrt(dot(x, i * ps, x, i * ps, p));
    for (let i = 0; i < r; i++) {
      const ni = norms[i];
      cG[i * r + i] = 1;
      G[i * r + i] = Math.PI;
      tG[i * r + i] = Math.PI;
      for (let i2 = i + 1; i2 < r; i2++) {
        const c = cosine(dot(x, i * ps, x, i2 * ps, p), ni * norms[i2]);
        const theta = acos(c),
          g = arcCosKernel(c, theta);
        cG[i * r + i2] = c;
        cG[i2 * r + i] = c;
        G[i * r + i2] = g;
        G[i2 * r + i] = g;
        tG[i * r + i2] = Math.PI - theta;
        tG[i2 * r + i] = Math.PI - theta;
      }
      let nearest = Infinity;
      for (let j = 0; j < rs; j++) {
        const c = cosine(dot(x, i * ps, ws, j * ps, p), ni);
        const theta = acos(c);
        cH[i * rs + j] = c;
        H[i * rs + j] = arcCosKernel(c, theta);
        tH[i * rs + j] = Math.PI - theta;
        nearest = Math.min(nearest, theta);
      }
      angles[i] = nearest;
    }
    let phi = Infinity;
    for (let i = 0; i < r; i++) phi = Math.min(phi, angles[i]);
    this.phi = phi;
    scaled(d, 0, 1, a, 0, k);
    for (let i = 1; i < r; i++) addScaled(d, 0, 1, a, i * ks, k);
    addScaled(d, 0, -1, sStar, 0, k);
    const sumD = dot(ones, 0, d, 0, k),
      dd = dot(d, 0, d, 0, k);
    let maxA = 0;
    for (let i = 0; i < r; i++) {
      maxA = Math.max(maxA, maxAbs(a.subarray(i * ks), k));
      for (let i2 = i; i2 < r; i2++) {
        const m = dot(a, i * ks, a, i2 * ks, k);
        M[i * r + i2] = m;
        M[i2 * r + i] = m;
      }
      for (let j = 0; j < rs; j++) N[i * rs + j] = dot(a, i * ks, as, j * ks, k);
    }
    this.maxA = maxA;
    let quad = 0,
      cross = 0;
    for (let e = 0; e < rr; e++) quad += G[e] * M[e];
    for (let e = 0; e < rrs; e++) cross += H[e] * N[e];
    this.loss = (quad - 2 * cross + this.lossStar + sumD * sumD - dd) / FOUR_PI;

    let gradSq = 0;
    for (let i = 0; i < r; i++) {
      const inv = 1 / norms[i];
      let q = 0;
      for (let i2 = 0; i2 < r; i2++) {
        if (i2 === i) continue;
        const e = i * r + i2,
          mt = M[e] * tG[e];
        q += mt * cG[e];
        cX[e] = (mt / TWO_PI / norms[i2]) * inv;
      }
      for (let j = 0; j < rs; j++) {
        const e = i * rs + j,
          nt = N[e] * tH[e];
        q -= nt * cH[e];
        cW[e] = -(nt / TWO_PI) * inv;
      }
      cX[i * r + i] = -(q / TWO_PI) * inv * inv;
      scaled(gx, i * ps, cX[i * r], x, 0, p);
      for (let i2 = 1; i2 < r; i2++) addScaled(gx, i * ps, cX[i * r + i2], x, i2 * ps, p);
      for (let j = 0; j < rs; j++) addScaled(gx, i * ps, cW[i * rs + j], ws, j * ps, p);
      scaled(ga, i * ks, G[i * r], a, 0, k);
      for (let i2 = 1; i2 < r; i2++) addScaled(ga, i * ks, G[i * r + i2], a, i2 * ks, k);
      for (let j = 0; j < rs; j++) addScaled(ga, i * ks, -H[i * rs + j], as, j * ks, k);
      finishRowA(ga, i * ks, d, ones, sumD, 1 / TWO_PI, k);
    }
    for (let i = 0; i < r; i++) gradSq += dot(ga, i * ks, ga, i * ks, k);
    for (let i = 0; i < r; i++) gradSq += dot(gx, i * ps, gx, i * ps, p);
    this.gradNorm = Math.sqrt(gradSq);
  }
}
