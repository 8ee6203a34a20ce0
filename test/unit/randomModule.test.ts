// The random module (assembly/random and its twin src/twin/random): the engine and the twin give the
// same bits for every generator, distribution and elementary function; SIMD lanes are scalar streams;
// the distributions have the right law (moments and Kolmogorov–Smirnov tests, each shown to catch a
// deliberately wrong variant).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadTestEngine, wasmRandom } from '../testEngine.js';
import {
  Stream,
  NormalLanes,
  normal,
  gamma,
  uniform,
  uniformOpen,
  below,
  streamWord,
  logPositive,
  sinKernel,
  cosKernel,
  exp,
} from '../../src/twin/random/index.js';
import { fromWords } from '../../src/twin/random/elementary.js';

let rnd: ReturnType<typeof wasmRandom>;
beforeAll(async () => {
  rnd = wasmRandom(await loadTestEngine());
});

const KEYS = [
  [0, 0, 0, 0],
  [1, 0, 0, 0],
  [0xffffffff, 0xffffffff, 7, 9],
  [123456789, 42, 3, 4999],
];

/** Φ(x), the standard normal CDF, by Numerical Recipes' erfcc (relative error < 1.2e-7, far below KS resolution). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2,
    t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r / 2 : r / 2;
}

/** √n·D of the one-sample Kolmogorov–Smirnov test. */
function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(xs[i]);
    d = Math.max(d, (i + 1) / n - F, F - i / n);
  }
  return Math.sqrt(n) * d;
}
/** √n·D above this rejects at the 0.1% level (asymptotic Kolmogorov distribution). */
const KS_CRITICAL = 1.95;

function twinDraw(key: number[], purpose: number, lane: number, kind: string, n: number, param = 0): Float64Array {
  const s = new Stream(key[0], key[1], key[2], key[3], purpose, lane);
  return Float64Array.from({ length: n }, () =>
    kind === 'words'
      ? s.next()
      : kind === 'uniform'
        ? uniform(s)
        : kind === 'uniformOpen'
          ? uniformOpen(s)
          : kind === 'normal'
            ? normal(s)
            : kind === 'gamma'
              ? gamma(s, param)
              : below(s, param),
  );
}

describe('engine and twin agree to the bit', () => {
  it('on the stream derivation', () => {
    for (const key of KEYS)
      for (const purpose of [0, 1, 0xffffffff])
        for (let lane = 0; lane < 4; lane++)
          for (let i = 0; i < 4; i++)
            expect(rnd.streamWord(i, key, purpose, lane)).toBe(streamWord(i, key[0], key[1], key[2], key[3], purpose, lane));
  });

  it('on every kind of scalar draw', () => {
    const kinds: [Parameters<ReturnType<typeof rnd.stream>['draw']>[0], number][] = [
      ['words', 0],
      ['uniform', 0],
      ['uniformOpen', 0],
      ['normal', 0],
      ['gamma', 0.05],
      ['gamma', 0.5],
      ['gamma', 1],
      ['gamma', 2.5],
      ['gamma', 49],
      ['below', 1],
      ['below', 3],
      ['below', 1000],
    ];
    for (const key of KEYS)
      for (const [kind, param] of kinds) {
        const s = rnd.stream(key, 5, 2);
        expect(s.draw(kind, 2001, param), `${kind} ${param}`).toStrictEqual(twinDraw(key, 5, 2, kind, 2001, param));
        s.dispose();
      }
  });

  it('on the SIMD normals, however the sequence is cut into calls', () => {
    for (const key of KEYS) {
      const g = rnd.normalLanes(key, 1),
        twin = new NormalLanes(key[0], key[1], key[2], key[3], 1);
      for (const n of [0, 1, 7, 8, 9, 16, 3, 100, 1, 1000, 5]) {
        const want = new Float64Array(n);
        twin.fill(want, n);
        expect(g.fill(n)).toStrictEqual(want);
      }
      g.dispose();
    }
  });

  it('on log, the sin/cos kernels and exp, edge cases included', () => {
    const s = new Stream(9, 9, 9, 9, 9, 0);
    const logIn = [
      1,
      2 ** -53,
      2 ** -1022,
      1 - 2 ** -53,
      1 + 2 ** -52,
      0.5,
      2,
      Math.SQRT1_2,
      fromWords(0x3fe6a09e, 0),
      fromWords(0x3fe6a09d, 0xffffffff),
      fromWords(0x3fe6a09e, 1),
      Number.MAX_VALUE,
      1e-300,
      3,
      ...Array.from({ length: 5000 }, () => uniformOpen(s)),
      ...Array.from({ length: 1000 }, () => Math.exp(60 * (uniform(s) - 0.5))),
    ];
    const trigIn = [
      0,
      -0,
      Math.PI / 4,
      -Math.PI / 4,
      1e-300,
      2 ** -30,
      ...Array.from({ length: 5000 }, () => ((uniform(s) - 0.5) * Math.PI) / 2),
    ];
    const expIn = [
      0,
      -0,
      1e-10,
      -1e-10,
      0.3,
      -0.3,
      0.7,
      1,
      -1,
      700,
      709.7,
      -700,
      -708,
      -740,
      -745,
      -746,
      710,
      ...Array.from({ length: 5000 }, () => 80 * (uniform(s) - 0.9)),
    ];
    const cases: [Parameters<typeof rnd.elementary>[0], number[], (x: number) => number, (x: number) => number][] = [
      ['logPositive', logIn, logPositive, Math.log],
      ['sinKernel', trigIn, sinKernel, Math.sin],
      ['cosKernel', trigIn, cosKernel, Math.cos],
      ['exp', expIn, exp, Math.exp],
    ];
    for (const [name, input, twin, reference] of cases) {
      const wasm = rnd.elementary(name, input);
      expect(wasm, name).toStrictEqual(Float64Array.from(input, twin));
      // and they are the functions they claim to be: within 2 ulp of V8's
      input.forEach((x, i) => {
        const want = reference(x);
        if (!Number.isFinite(want)) {
          expect(wasm[i]).toBe(want);
          return;
        }
        expect(Math.abs(wasm[i] - want), `${name}(${x})`).toBeLessThanOrEqual(2 * ulp(want));
      });
    }
  });
});

function ulp(x: number): number {
  if (x === 0) return 2 ** -1074;
  const e = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** Math.max(e - 52, -1074);
}

describe('lanes are scalar streams', () => {
  it('lane i of the SIMD normals gives the pairs of scalar stream (key, purpose, i)', () => {
    const key = [3, 1, 4, 1];
    const blocks = rnd.normalLanes(key, 7).fill(8 * 50);
    const scalar = [0, 1, 2, 3].map((lane) => new Stream(key[0], key[1], key[2], key[3], 7, lane));
    for (let b = 0; b < 50; b++) {
      for (let lane = 0; lane < 4; lane++) {
        const z1 = normal(scalar[lane]),
          z2 = normal(scalar[lane]);
        const at = 8 * b + 4 * (lane >> 1) + (lane & 1);
        expect([blocks[at], blocks[at + 2]]).toStrictEqual([z1, z2]);
      }
    }
  });
});

/** Mean, variance, skewness and excess kurtosis of a sample. */
function moments(xs: ArrayLike<number>) {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const mean = s / n;
  let m2 = 0,
    m3 = 0,
    m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) - 3 };
}

describe('the laws (n = 10^6 for moments, 2·10^5 for KS; the 4-SE and 0.1% bounds reject the wrong variants below)', () => {
  const N = 1_000_000;
  let z: Float64Array;
  beforeAll(() => {
    z = rnd.normalLanes([11, 0, 0, 0], 1).fill(N);
  });

  /** Normal moments within 4 standard errors: SE of the mean 1/√n, variance √(2/n), skewness √(6/n), kurtosis √(24/n). */
  const normalMomentsOk = (xs: Float64Array) => {
    const m = moments(xs),
      n = xs.length;
    return (
      Math.abs(m.mean) < 4 / Math.sqrt(n) &&
      Math.abs(m.variance - 1) < 4 * Math.sqrt(2 / n) &&
      Math.abs(m.skewness) < 4 * Math.sqrt(6 / n) &&
      Math.abs(m.kurtosis) < 4 * Math.sqrt(24 / n)
    );
  };

  it('SIMD normals: moments of N(0, 1) and a KS test; a 3% wider or 0.01-shifted variant fails', () => {
    expect(normalMomentsOk(z)).toBe(true);
    expect(normalMomentsOk(z.map((x) => 1.03 * x))).toBe(false);
    expect(normalMomentsOk(z.map((x) => x + 0.01))).toBe(false);
    const sample = z.subarray(0, 200_000);
    expect(ksStatistic(sample, normalCdf)).toBeLessThan(KS_CRITICAL);
    expect(
      ksStatistic(
        sample.map((x) => 1.03 * x),
        normalCdf,
      ),
    ).toBeGreaterThan(KS_CRITICAL);
    // The two halves of a pair are uncorrelated (z1·z2 has mean 0, SE 1/√n).
    let c = 0;
    for (let i = 0; i < N; i += 8)
      for (let j = 0; j < 2; j++) {
        c += z[i + j] * z[i + 2 + j] + z[i + 4 + j] * z[i + 6 + j];
      }
    expect(Math.abs(c / (N / 2))).toBeLessThan(4 / Math.sqrt(N / 2));
  });

  it('uniforms: KS against U(0, 1); a variant on [0, 0.99) fails', () => {
    const u = rnd.stream([5, 0, 0, 0], 0, 0).draw('uniform', 200_000);
    expect(ksStatistic(u, (x) => x)).toBeLessThan(KS_CRITICAL);
    expect(
      ksStatistic(
        u.map((x) => 0.99 * x),
        (x) => x,
      ),
    ).toBeGreaterThan(KS_CRITICAL);
  });

  const gammaCdf: [number, (x: number) => number][] = [
    [0.5, (x) => 2 * normalCdf(Math.sqrt(2 * x)) - 1], // χ²₁/2
    [1, (x) => 1 - Math.exp(-x)],
    [2, (x) => 1 - Math.exp(-x) * (1 + x)],
  ];
  it.each(gammaCdf)('gamma(%s): mean and variance = shape, KS test; shape·1.03 fails', (shape, cdf) => {
    const g = rnd.stream([6, 0, 0, 0], 0, 0).draw('gamma', 200_000, shape);
    const m = moments(g),
      n = g.length;
    const sdMean = Math.sqrt(shape / n),
      sdVar = Math.sqrt((2 * shape * shape + 6 * shape) / n); // Var(s²) ≈ (μ4 − σ⁴)/n
    expect(Math.abs(m.mean - shape)).toBeLessThan(4 * sdMean);
    expect(Math.abs(m.variance - shape)).toBeLessThan(4 * sdVar);
    expect(ksStatistic(g, cdf)).toBeLessThan(KS_CRITICAL);
    expect(
      ksStatistic(
        g.map((x) => 1.03 * x),
        cdf,
      ),
    ).toBeGreaterThan(KS_CRITICAL);
  });
});
