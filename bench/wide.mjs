// A wide step (SPEC §9) at k = p = 100, r = 4 filters against a teacher of one: the SIMD kernel (engine
// 'wasm', assembly/wide/) against an idiomatic plain-JS implementation written straight from §9's
// formulas (rows as Float64Arrays, plain loops, Math.acos; the loss and ‖∇L‖ every step, as the
// outcome rule needs). A step is timed as (run of T steps − run of 0 steps)/T, the fastest of
// `repeat` interleaved timings; lossTol 0 and gradTol 0 keep both going for exactly T steps. The two
// final losses must agree to rounding (checked: 1e-9 relative).
import { toProblem } from '../dist/config.js';
import { makeEngine } from '../dist/kernelFaces.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';
import { wideTrialConfig } from '../dist/presets.js';

const PI = Math.PI;

/** Runs a wide Problem (toProblem of a wide config) for its maxIter steps: { loss, gradNorm }. */
export function runWideIdiomatic(pr) {
  const { p, k, stages, maxIter } = pr,
    { r, rStar } = pr.wide;
  const rows = (flat, n, len) => Array.from({ length: n }, (_, i) => Float64Array.from(flat.subarray(i * len, (i + 1) * len)));
  const X = rows(pr.x0, r, p),
    A = rows(pr.a0, r, k),
    Ws = rows(pr.wStar, rStar, p),
    As = rows(pr.aStar, rStar, k);
  const dot = (u, v) => {
    let s = 0;
    for (let i = 0; i < u.length; i++) s += u[i] * v[i];
    return s;
  };
  const kappa = (c) => (PI - Math.acos(c)) * c + Math.sqrt(1 - c * c);
  const clamp = (c) => Math.min(1, Math.max(-1, c));
  // the teacher's own kernel matrix and column sums do not change
  const Gs = Ws.map((u) => Ws.map((v) => kappa(clamp(dot(u, v)))));
  const sStar = new Float64Array(k);
  for (const row of As) for (let j = 0; j < k; j++) sStar[j] += row[j];
  const Wb = X.map(() => new Float64Array(p)),
    norms = new Float64Array(r);
  const gradA = A.map(() => new Float64Array(k)),
    gradX = X.map(() => new Float64Array(p));
  let loss = 0,
    gradNorm = 0,
    stage = 0;
  for (let t = 0; ; t++) {
    for (let i = 0; i < r; i++) {
      norms[i] = Math.sqrt(dot(X[i], X[i]));
      for (let l = 0; l < p; l++) Wb[i][l] = X[i][l] / norms[i];
    }
    const C = Wb.map((u) => Wb.map((v) => clamp(dot(u, v)))),
      Cs = Wb.map((u) => Ws.map((v) => clamp(dot(u, v))));
    const G = C.map((row) => row.map(kappa)),
      H = Cs.map((row) => row.map(kappa));
    // L = [Σ_j (a_jᵀ G a_j − 2 a_jᵀ H a*_j + a*_jᵀ G* a*_j) + (1ᵀd)² − ‖d‖²]/(4π), d = s − s*
    let quad = 0,
      sumD = 0,
      dd = 0;
    const d = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < r; i++) s += A[i][j];
      d[j] = s - sStar[j];
      sumD += d[j];
      dd += d[j] * d[j];
      for (let i = 0; i < r; i++) {
        for (let m = 0; m < r; m++) quad += A[i][j] * G[i][m] * A[m][j];
        for (let m = 0; m < rStar; m++) quad -= 2 * A[i][j] * H[i][m] * As[m][j];
      }
      for (let i = 0; i < rStar; i++) for (let m = 0; m < rStar; m++) quad += As[i][j] * Gs[i][m] * As[m][j];
    }
    loss = (quad + sumD * sumD - dd) / (4 * PI);
    // ∇_A L = [G A − H A* + (1ᵀd)·1 1ᵀ − 1 dᵀ]/(2π)
    let gg = 0;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < k; j++) {
        let g = sumD - d[j];
        for (let m = 0; m < r; m++) g += G[i][m] * A[m][j];
        for (let m = 0; m < rStar; m++) g -= H[i][m] * As[m][j];
        gradA[i][j] = g / (2 * PI);
        gg += gradA[i][j] * gradA[i][j];
      }
    // ∂L/∂w̄_i = [Σ_{m≠i} (AAᵀ)_im (π − θ_im) w̄_m − Σ_m (AA*ᵀ)_im (π − θ_im*) w*_m]/(2π); ∇x_i = (I − w̄w̄ᵀ)∂L/∂w̄_i/‖x_i‖
    for (let i = 0; i < r; i++) {
      const gw = new Float64Array(p);
      for (let m = 0; m < r; m++) {
        if (m === i) continue;
        const c = dot(A[i], A[m]) * (PI - Math.acos(C[i][m]));
        for (let l = 0; l < p; l++) gw[l] += c * Wb[m][l];
      }
      for (let m = 0; m < rStar; m++) {
        const c = dot(A[i], As[m]) * (PI - Math.acos(Cs[i][m]));
        for (let l = 0; l < p; l++) gw[l] -= c * Ws[m][l];
      }
      const along = dot(Wb[i], gw);
      for (let l = 0; l < p; l++) {
        gradX[i][l] = (gw[l] - along * Wb[i][l]) / (2 * PI * norms[i]);
        gg += gradX[i][l] * gradX[i][l];
      }
    }
    gradNorm = Math.sqrt(gg);
    if (loss <= pr.wide.lossTol || t >= maxIter) break;
    while (3 * stage + 3 < stages.length && t >= stages[3 * stage]) stage++;
    const etaA = stages[3 * stage + 1],
      etaV = stages[3 * stage + 2];
    for (let i = 0; i < r; i++) {
      for (let l = 0; l < p; l++) X[i][l] -= etaV * gradX[i][l];
      for (let j = 0; j < k; j++) A[i][j] -= etaA * gradA[i][j];
    }
  }
  return { loss, gradNorm };
}

/** The benchmark's run: trial 0 of the ResNet at k = p, r filters, a constant step 0.01 (η = 0.1 diverges at k = 100, r ≥ 2: docs/wide.md). */
export function wideProblem(k, r, steps) {
  const config = wideTrialConfig({
    k,
    method: 'resnet-constant',
    trial: 0,
    width: r,
    schedule: { kind: 'constant', etaA: 0.01, etaV: 0.01 },
  });
  return toProblem({ ...config, maxIter: steps, lossTol: 0, gradTol: 0 });
}

function fastest(fns, repeat) {
  const best = fns.map(() => Infinity);
  for (let rep = 0; rep < repeat; rep++)
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      best[i] = Math.min(best[i], performance.now() - t0);
    });
  return best.map((ms) => ms / 1000);
}

export async function benchWide({ k = 100, r = 4, steps = 2000, repeat = 5, log }) {
  const engine = makeEngine('wasm', await loadWasmMemory());
  const long = wideProblem(k, r, steps),
    none = wideProblem(k, r, 0);
  const kernel = engine.run(long),
    plain = runWideIdiomatic(long);
  const agreement = Math.abs(kernel.loss - plain.loss) / Math.abs(kernel.loss);
  if (!(agreement <= 1e-9)) throw new Error(`the idiomatic wide run disagrees with the kernel: loss ${plain.loss} against ${kernel.loss}`);
  const [kl, k0, il, i0] = fastest(
    [() => engine.run(long), () => engine.run(none), () => runWideIdiomatic(long), () => runWideIdiomatic(none)],
    repeat,
  );
  const wasmNs = ((kl - k0) / steps) * 1e9,
    idiomaticNs = ((il - i0) / steps) * 1e9;
  const ratio = idiomaticNs / wasmNs;
  log(
    `k = p = ${k}, r = ${r}, r* = 1, ${steps} steps: wasm ${wasmNs.toFixed(0)} ns/step, idiomatic JS ${idiomaticNs.toFixed(0)} ns/step: ` +
      `the kernel is ${ratio.toFixed(1)}× faster (final losses agree to ${agreement.toExponential(1)})`,
  );
  return { k, p: k, r, rStar: 1, steps, nsPerStep: { wasm: wasmNs, idiomatic: idiomaticNs }, ratio, lossAgreement: agreement };
}
