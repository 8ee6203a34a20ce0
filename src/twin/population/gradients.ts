// TypeScript twin of assembly/population/gradients.ts.
import { updateX, updateA, distSq, sumOf, sums } from './passes.js';
import { TWO_PI, cosine, arcCosKernel, lossFrom } from '../common/closedForm.js';
import { acos } from '../common/acos.js';
import type { StatePoint, LossAndGradients } from '../../problem.js';

export function lossAndGradients(s: StatePoint): LossAndGradients {
  const { p, k, wStar: ws, aStar: as } = s;
  const x = Float64Array.from(s.x),
    a = Float64Array.from(s.a);
  updateX(x, ws, p, 0, 0);
  updateA(a, as, k, 0, 0, 0);
  const sumD = sums.a - sumOf(as, k);
  const n = Math.sqrt(sums.xx);
  const c = cosine(sums.xw, n);
  const phi = acos(c);
  const g = arcCosKernel(c, phi);
  const gradA = new Float64Array(k),
    gradX = new Float64Array(p);
  for (let i = 0; i < k; i++) gradA[i] = ((Math.PI - 1) * (a[i] - as[i]) + sumD + (Math.PI - g) * as[i]) / TWO_PI;
  const coef = (-sums.aAs * (Math.PI - phi)) / (TWO_PI * n);
  for (let i = 0; i < p; i++) gradX[i] = coef * (ws[i] - c * (x[i] / n));
  return { loss: lossFrom(distSq(a, as, k, 1), sumD, g, sums.aAs), phi, gradA, gradX };
}
