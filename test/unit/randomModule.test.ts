// The random module (assembly/random and its twin src/twin/random): the engine and the twin give the
// same bits for every generator, distribution and elementary function; SIMD lanes are scalar streams;
// the distributions have the right law (moments, Kolmogorov–Smirnov and tail tests, each shown to catch
// a deliberately wrong variant of the same size).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadTestEngine, wasmRandom } from '../testEngine.js';
import {
  Stream,
  NormalLanes,
  normal,
  normalFrom,
  laneNormal,
  ziggurat,
  ZIGGURAT_LAYERS,
  ZIGGURAT_R,
  ZIGGURAT_V,
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

/** Q(|x|) = 1 − Φ(|x|), by Numerical Recipes' erfcc: relative error < 1.2e-7 however far out (tail shares need it relative). */
function upperTail(x: number): number {
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
  return r / 2;
}

/** Φ(x), the standard normal CDF (error < 1e-7, far below KS resolution). */
function normalCdf(x: number): number {
  return x >= 0 ? 1 - upperTail(x) : upperTail(x);
}

/** √n·D of the one-sample Kolmogorov–Smirnov test (`sorted`: the sample is in increasing order already). */
function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number, sorted = false): number {
  const xs = sorted ? sample : Float64Array.from(sample).sort();
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

  it('on 2·10^6 SIMD normals: some 4,500 wedge tests, which the engine mostly decides by bounds on f and the twin by exp', () => {
    const n = 2_000_000,
      want = new Float64Array(n);
    new NormalLanes(21, 0, 0, 0, 2).fill(want, n);
    const got = rnd.normalLanes([21, 0, 0, 0], 2).fill(n);
    for (let i = 0; i < n; i++) if (got[i] !== want[i]) expect([i, got[i]]).toStrictEqual([i, want[i]]);
  });

  it("on the ziggurat's tables, made at start-up on both sides; every layer's area is v and the top one closes", () => {
    const [W, K, F] = rnd.zigguratTables();
    expect([W, K, F]).toStrictEqual([ziggurat.W, ziggurat.K, ziggurat.F]);
    const n = ZIGGURAT_LAYERS,
      x = (i: number) => W[i] * 2 ** 52; // x_i (x_0: the base strip's width)
    // the base strip: x_0·f(r) = v, and v = r·f(r) + ∫_r^∞ f (the tail), ∫_r^∞ f = √(2π)·Q(r)
    expect(Math.abs(x(0) * F[n - 1] - ZIGGURAT_V)).toBeLessThanOrEqual(1e-15 * ZIGGURAT_V);
    const tail = ZIGGURAT_R * Math.exp(-0.5 * ZIGGURAT_R ** 2) + Math.sqrt(2 * Math.PI) * upperTail(ZIGGURAT_R);
    expect(Math.abs(tail - ZIGGURAT_V)).toBeLessThanOrEqual(1e-8 * ZIGGURAT_V);
    // the boxes above it, x_i·(f(x_{i−1}) − f(x_i)) = v, up to the top one (f(x_0) = 1 there: the recursion closes)
    for (let i = 1; i < n; i++) {
      const area = x(i) * (F[i - 1] - F[i]);
      if (Math.abs(area - ZIGGURAT_V) > 1e-11 * ZIGGURAT_V) expect([i, area]).toStrictEqual([i, ZIGGURAT_V]);
      const edge = i > 1 ? x(i - 1) : 0; // K[i] = 2^52·x_{i−1}/x_i
      if (Math.abs(K[i] - (2 ** 52 * edge) / x(i)) > 1e-15 * 2 ** 52) expect([i, K[i]]).toStrictEqual([i, (2 ** 52 * edge) / x(i)]);
    }
    expect(K[0]).toBe((2 ** 52 * ZIGGURAT_R) / x(0));
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
  it('lane i of the SIMD normals gives the normals of scalar streams (key, purpose, i) and (…, 8 + i), rejections and tails included', () => {
    const key = [3, 1, 4, 1],
      nb = 100_000; // about 1800 attempts not accepted at once, about 20 tail draws
    const blocks = rnd.normalLanes(key, 7).fill(8 * nb);
    const stream = (lane: number) => new Stream(key[0], key[1], key[2], key[3], 7, lane);
    const attempts = [0, 1, 2, 3, 4, 5, 6, 7].map(stream),
      spares = [8, 9, 10, 11, 12, 13, 14, 15].map(stream);
    let tails = 0;
    for (let b = 0; b < nb; b++) {
      for (let lane = 0; lane < 8; lane++) {
        const z = laneNormal(attempts[lane], spares[lane]);
        if (blocks[8 * b + lane] !== z) expect([b, lane, blocks[8 * b + lane]]).toStrictEqual([b, lane, z]);
        if (Math.abs(z) > ZIGGURAT_R) tails++;
      }
    }
    expect(tails).toBeGreaterThan(0);
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

describe('the laws: normals at n = 10^7, each test shown to fail a wrong variant of the same size; uniforms and gamma at 2·10^5', () => {
  const N = 10_000_000;
  let z: Float64Array;
  beforeAll(() => {
    z = rnd.normalLanes([11, 0, 0, 0], 1).fill(N);
  });

  /**
   * Normal moments within 4 standard errors: SE of the mean 1/√n, variance √(2/n), skewness √(6/n), kurtosis √(24/n).
   * At 10^7 a mean off by 0.0025 or a variance off by 0.0035 (8 SE) fails with probability > 0.9999.
   */
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
  /**
   * A count against its Poisson expectation e, within 4 standard deviations: a false alarm 6·10^-5 of the time;
   * with e ≥ 50 (as here) a share off by 8 SD (32% at e = 633, 62% at e = 168) fails with probability > 0.9999.
   */
  const countOk = (count: number, e: number) => Math.abs(count - e) < 4 * Math.sqrt(e);
  const countBeyond = (xs: Float64Array, c: number) => xs.reduce((sum, x) => sum + (Math.abs(x) > c ? 1 : 0), 0);
  /**
   * Every test of the normals' law at once: moments, KS (at 10^7 it fails a CDF off by 1.2e-3 anywhere with
   * probability > 0.999) and the share beyond 4σ (n·2Q(4) ≈ 633 expected at 10^7, SD 25).
   */
  const laws = (xs: Float64Array) => ({
    moments: normalMomentsOk(xs),
    ks: ksStatistic(xs, normalCdf) < KS_CRITICAL,
    beyond4: countOk(countBeyond(xs, 4), xs.length * 2 * upperTail(4)),
  });

  /**
   * The generator's algorithm (assembly/random/normal.ts) over given tables, to build wrong variants:
   * WS the signed widths (±W[i] at i + ZIGGURAT_LAYERS·sign), K and F as in the generator; tail draws beyond
   * tailEnd are drawn again.
   */
  function variant(s: Stream, WS: Float64Array, tailEnd: number): number {
    const { K, F } = ziggurat;
    for (;;) {
      const w0 = s.next(),
        w1 = s.next(),
        i = w0 & (ZIGGURAT_LAYERS - 1);
      const m = (w0 >>> 12) * 4294967296 + w1,
        x = m * WS[w0 & (2 * ZIGGURAT_LAYERS - 1)];
      if (m < K[i]) return x;
      if (i === 0) {
        for (;;) {
          const t = -logPositive(uniformOpen(s)) / ZIGGURAT_R,
            e = -logPositive(uniformOpen(s));
          if (e + e > t * t) {
            if (ZIGGURAT_R + t <= tailEnd) return w0 & ZIGGURAT_LAYERS ? -(ZIGGURAT_R + t) : ZIGGURAT_R + t;
            break;
          }
        }
        continue;
      }
      if ((F[i - 1] - F[i]) * uniform(s) + F[i] < exp(-0.5 * x * x)) return x;
    }
  }
  const signedWidths = () =>
    Float64Array.from({ length: 2 * ZIGGURAT_LAYERS }, (_, j) => (j < ZIGGURAT_LAYERS ? 1 : -1) * ziggurat.W[j % ZIGGURAT_LAYERS]);
  const variantSample = (WS: Float64Array, tailEnd: number) => {
    const s = new Stream(12, 0, 0, 0, 1, 0);
    return Float64Array.from({ length: N }, () => variant(s, WS, tailEnd));
  };

  it('the variant builder with the right tables is the generator, bit for bit', () => {
    const s = new Stream(13, 0, 0, 0, 1, 0),
      t = new Stream(13, 0, 0, 0, 1, 0),
      WS = signedWidths();
    for (let i = 0; i < 200_000; i++) {
      const a = variant(s, WS, Number.POSITIVE_INFINITY),
        b = normal(t);
      if (a !== b) expect(a).toBe(b);
    }
  });

  it('SIMD normals: moments of N(0, 1), KS and the share beyond 4σ; a 3% wider or 0.01-shifted variant fails', () => {
    expect(laws(z)).toStrictEqual({ moments: true, ks: true, beyond4: true });
    expect(normalMomentsOk(z.map((x) => 1.03 * x))).toBe(false);
    expect(normalMomentsOk(z.map((x) => x + 0.01))).toBe(false);
    expect(
      ksStatistic(
        z
          .slice()
          .sort()
          .map((x) => 1.03 * x),
        normalCdf,
        true,
      ),
    ).toBeGreaterThan(KS_CRITICAL);
    // Successive normals of a lane (at 8b + j and 8b + 8 + j) are uncorrelated: mean product 0, SE 1/√n.
    let c = 0;
    for (let i = 0; i + 8 < N; i += 16) for (let j = 0; j < 8; j++) c += z[i + j] * z[i + 8 + j];
    expect(Math.abs(c / (N / 2))).toBeLessThan(4 / Math.sqrt(N / 2));
  });

  // Beyond r lies 2Q(r) ≈ 2.5e-5 of the draws: without them the 4σ share falls from 633 to about 383 (10 SD);
  // the kurtosis moves by about 0.01, near its 4-SE band of 0.006, so it may or may not see it.
  it(`a truncated tail (nothing beyond r = ${ZIGGURAT_R.toFixed(3)}) fails the 4σ share; KS alone would miss it`, () => {
    expect(laws(variantSample(signedWidths(), ZIGGURAT_R))).toMatchObject({ ks: true, beyond4: false });
  });

  // One layer holds 1/4096 of the draws: no test of the law at 10^7 sees a single wrong one (the table test
  // above checks every layer's area to 1e-11); eight adjacent ones are 0.2% of the draws, wrong in sign here.
  it('eight wrong layers (1920–1927 of the negative side drawn positive) fail the moments and KS', () => {
    const WS = signedWidths();
    for (let i = 1920; i < 1928; i++) WS[ZIGGURAT_LAYERS + i] = ziggurat.W[i];
    expect(laws(variantSample(WS, Number.POSITIVE_INFINITY))).toMatchObject({ moments: false, ks: false });
  });

  it('the tail beyond r: its conditional law (KS) and its share beyond 6σ (10^7 tail draws); a tail cut at 6 fails', () => {
    // normalFrom of an attempt in the base strip beyond r (layer 0, m ≥ K[0]) is the generator's tail draw
    const s = new Stream(14, 0, 0, 0, 1, 0),
      tailDraw = () => normalFrom(s, 0xfffff000, 0xffffffff);
    const n = 10_000_000,
      qr = upperTail(ZIGGURAT_R);
    const tailCdf = (x: number) => 1 - upperTail(x) / qr;
    const e6 = (n * upperTail(6)) / qr; // ≈ 168 expected beyond 6σ, SD 13
    const right = Float64Array.from({ length: n }, tailDraw);
    expect(Math.min(...right.subarray(0, 1000))).toBeGreaterThanOrEqual(ZIGGURAT_R);
    expect(ksStatistic(right.subarray(0, 1_000_000), tailCdf)).toBeLessThan(KS_CRITICAL);
    expect(countOk(countBeyond(right, 6), e6)).toBe(true);
    // the same draws with a tail cut at 6 (a draw beyond it drawn again)
    const cut = right.map((x) => {
      while (x > 6) x = tailDraw();
      return x;
    });
    expect(countOk(countBeyond(cut, 6), e6)).toBe(false);
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
    // (key 6's gamma(1) sample lands at √n·D = 2.03, one of the 0.1% of fixed samples past the bound: keys 0–29 give
    // 0.45–2.03 and 4·10^6 draws 1.00, the Kolmogorov law's spread)
    const g = rnd.stream([7, 0, 0, 0], 0, 0).draw('gamma', 200_000, shape);
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
