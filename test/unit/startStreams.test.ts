// The seeded streams and the experiments' fast path to a trial's Problem.
import { describe, it, expect } from 'vitest';
import { Random, cyrb128 } from '../../src/random.js';
import { toProblem } from '../../src/config.js';
import { trialConfig, METHODS } from '../../src/presets.js';
import { cellProblems, type Cell } from '../../src/experiments/core/cell.js';
import { methodPreset } from '../../src/presets.js';

/** xoshiro128** as its authors wrote it, on a Uint32Array state. */
function referenceXoshiro(seed: [number, number, number, number]) {
  const s = Uint32Array.from(seed);
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
}

describe('Random', () => {
  it('is xoshiro128** seeded by the cyrb128 hash of its key', () => {
    for (const key of [
      [1, 16, 'cnn', 0],
      [7, 100, 'resnet-ssw', 4999],
      ['teacher', 3],
    ] as (string | number)[][]) {
      const rng = new Random(...key),
        ref = referenceXoshiro(cyrb128(key.join('/')));
      for (let i = 0; i < 1000; i++) expect(rng.nextUint32()).toBe(ref());
    }
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new Random('normal-test');
    const n = 200_000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('fills arrays with the numbers of as many normal() calls, the spare carried across calls', () => {
    const bulk = new Random('fill-test'),
      one = new Random('fill-test');
    for (const n of [0, 1, 2, 7, 16, 1, 33, 100, 3]) {
      const got = Array.from(bulk.fillNormals(new Float64Array(n)));
      const want = Array.from({ length: n }, () => one.normal());
      expect(got).toStrictEqual(want);
    }
    expect(bulk.nextUint32()).toBe(one.nextUint32());
  });
});

describe('cellProblems (the experiments fast path)', () => {
  it('gives each trial exactly the Problem that validating its trialConfig gives', () => {
    for (const method of METHODS) {
      const cell: Cell = {
        cell: 0,
        k: 9,
        p: 5,
        method,
        vStarNorm: 2,
        aStarSum: 1.5,
        aStarSpread: 3,
        radiusScale: 0.7,
        schedule: methodPreset(method).schedule,
        maxIter: 800,
        seed: 3,
      };
      const problemOf = cellProblems(cell);
      for (const trial of [0, 1, 17]) {
        const { cell: _c, ...options } = cell;
        expect(problemOf(trial)).toStrictEqual(toProblem(trialConfig({ ...options, trial })));
      }
    }
  });
});
