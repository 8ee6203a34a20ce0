// The numerics of `fit`: the two-binomial likelihood, the χ² tail, Nelder–Mead, a quadratic
// response surface and the eigenvectors of its curvature. Small, dense and dependency-free.

/** t·log(t/e), with 0·log 0 = 0. */
function xlog(t: number, e: number): number {
  return t === 0 ? 0 : t * Math.log(t / e);
}

/**
 * −2 log of the profile likelihood ratio that y of n (observed) and x of m (simulated) come from
 * one success rate: the deviance of two independent binomials with a common rate, χ²₁ under it.
 */
export function twoBinomialDeviance(y: number, n: number, x: number, m: number): number {
  const p = (x + y) / (n + m);
  if (p === 0 || p === 1) return 0;
  return 2 * (xlog(y, n * p) + xlog(n - y, n * (1 - p)) + xlog(x, m * p) + xlog(m - x, m * (1 - p)));
}

/** Whether y of n and x of m carry information on their difference: a pooled rate strictly between 0 and 1. */
export function informativePair(y: number, n: number, x: number, m: number): boolean {
  return x + y > 0 && x + y < n + m;
}

/**
 * (x/m − y/n) in standard errors of the difference of two binomial rates (pooled rate): the
 * residual of a fitted cell, with the noise of both sides. 0 when both sides are all 0 or all 1.
 */
export function twoBinomialResidual(y: number, n: number, x: number, m: number): number {
  if (!informativePair(y, n, x, m)) return 0;
  const p = (x + y) / (n + m);
  return (x / m - y / n) / Math.sqrt(p * (1 - p) * (1 / n + 1 / m));
}

/** P(χ²_dof > x): the regularised upper incomplete gamma Q(dof/2, x/2) (Numerical Recipes 6.2). */
export function chiSquareTail(x: number, dof: number): number {
  if (dof <= 0) return NaN;
  const a = dof / 2,
    z = x / 2;
  if (z <= 0) return 1;
  const logPrefix = -z + a * Math.log(z) - logGamma(a);
  if (z < a + 1) {
    // series for P
    let sum = 1 / a,
      term = sum;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += term *= z / (a + n);
    return 1 - sum * Math.exp(logPrefix);
  }
  // Continued fraction for Q (modified Lentz).
  let b = z + 1 - a,
    c = 1e300,
    d = 1 / b,
    h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(logPrefix) * h;
}

/** log Γ(x), x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let s = g[0];
  for (let i = 1; i < 9; i++) s += g[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Nelder–Mead minimisation in the unit box (points are clamped into it). Deterministic; stops after
 * `maxEvals` evaluations or when the simplex's values differ by less than `fTol` and its vertices
 * by less than `xTol` in every coordinate.
 */
export async function nelderMead(
  f: (u: number[]) => Promise<number>,
  start: number[],
  o: { step: number; maxEvals: number; fTol: number; xTol: number },
): Promise<{ u: number[]; f: number }> {
  const n = start.length,
    clamp = (u: number[]) => u.map((x) => Math.min(1, Math.max(0, x)));
  let evals = 0;
  const value = async (u: number[]) => {
    evals++;
    return { u, f: await f(u) };
  };
  const simplex = [await value(clamp(start))];
  for (let i = 0; i < n; i++) {
    const u = [...start];
    u[i] += u[i] + o.step <= 1 ? o.step : -o.step; // step inwards at the upper bound
    simplex.push(await value(clamp(u)));
  }
  const along = (from: number[], to: number[], t: number) => clamp(from.map((x, i) => x + t * (to[i] - x)));
  while (evals < o.maxEvals) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0],
      worst = simplex[n];
    const spread = worst.f - best.f;
    const size = Math.max(...simplex.map((v) => Math.max(...v.u.map((x, i) => Math.abs(x - best.u[i])))));
    if (spread < o.fTol && size < o.xTol) break;
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((s, v) => s + v.u[i], 0) / n);
    const reflected = await value(along(centroid, worst.u, -1));
    if (reflected.f < best.f) {
      const expanded = await value(along(centroid, worst.u, -2));
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
    } else if (reflected.f < simplex[n - 1].f) {
      simplex[n] = reflected;
    } else {
      const contracted = await value(along(centroid, reflected.f < worst.f ? reflected.u : worst.u, 0.5));
      if (contracted.f < Math.min(worst.f, reflected.f)) simplex[n] = contracted;
      else for (let i = 1; i <= n; i++) simplex[i] = await value(along(best.u, simplex[i].u, 0.5)); // shrink
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0];
}

/** q(s) = c + bᵀs + sᵀAs with A symmetric. */
export interface Quadratic {
  c: number;
  b: number[];
  A: number[][];
}

/** Least-squares fit of a full quadratic to (s, f) pairs; needs 1 + n + n(n+1)/2 well-spread points. */
export function fitQuadratic(points: { s: number[]; f: number }[]): Quadratic {
  const n = points[0].s.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
  const features = (s: number[]) => [1, ...s, ...pairs.map(([i, j]) => s[i] * s[j])];
  const X = points.map((p) => features(p.s)),
    y = points.map((p) => p.f);
  const XtX = X[0].map((_, i) => X[0].map((__, j) => X.reduce((acc, row) => acc + row[i] * row[j], 0)));
  const Xty = X[0].map((_, i) => X.reduce((acc, row, r) => acc + row[i] * y[r], 0));
  const beta = solve(XtX, Xty);
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  pairs.forEach(([i, j], q) => {
    const coef = beta[1 + n + q];
    if (i === j) A[i][i] = coef;
    else A[i][j] = A[j][i] = coef / 2;
  });
  return { c: beta[0], b: beta.slice(1, 1 + n), A };
}

/** Solves M x = v (Gaussian elimination with partial pivoting). Throws on a singular M. */
export function solve(M: number[][], v: number[]): number[] {
  const n = v.length,
    a = M.map((row, i) => [...row, v[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-300) throw new Error('singular matrix');
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = a[r][c] / a[c][c];
      for (let j = c; j <= n; j++) a[r][j] -= factor * a[c][j];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/** Eigenvalues (ascending) and unit eigenvectors of a symmetric matrix (cyclic Jacobi). */
export function symmetricEigen(S: number[][]): { value: number; vector: number[] }[] {
  const n = S.length,
    a = S.map((r) => [...r]);
  const V = a.map((_, i) => a.map((__, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          // a ← a·J, then a ← Jᵀ·a; V ← V·J
          const akp = a[k][p],
            akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k],
            aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p],
            vkq = V[k][q];
          V[k][p] = c * vkp - s * vkq;
          V[k][q] = s * vkp + c * vkq;
        }
      }
  }
  return a.map((_, i) => ({ value: a[i][i], vector: V.map((row) => row[i]) })).sort((x, y) => x.value - y.value);
}

/** The first `count` points of the Halton sequence in [0, 1)^dim (bases: the first primes). */
export function halton(count: number, dim: number): number[][] {
  const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  return Array.from({ length: count }, (_, i) =>
    primes.slice(0, dim).map((base) => {
      let f = 1,
        r = 0;
      for (let n = i + 1; n > 0; n = Math.floor(n / base)) r += (f /= base) * (n % base);
      return r;
    }),
  );
}
