// The step-size schedules of SPEC §4 as the kernels' stage cursor walks them: each kind against a
// step sequence worked out by hand, the run loops' protocol (enter only at nextUntil), the literal
// reading of SPEC §4 (helpers.literalSteps), and the config checks. The WASM cursor is the same
// module compiled (assembly/common/schedule.ts); test/sameBits.test.ts runs both on random schedules.
import { describe, it, expect } from 'vitest';
import { type ConfigError, parseRunConfig, stagesOf } from '../../src/config.js';
import { StageCursor } from '../../src/twin/common/schedule.js';
import type { RunConfig, Schedule } from '../../src/types.js';
import { literalSteps, randomPracticalSchedule } from '../helpers.js';

/** [ηa, ηv] of steps 0..n−1, entering the cursor only when t reaches nextUntil, as the run loops do. */
function walk(s: Schedule, n: number): [number, number][] {
  const cursor = new StageCursor(stagesOf(s)),
    out: [number, number][] = [];
  for (let t = 0; t < n; t++) {
    if (t >= cursor.nextUntil) cursor.enter(t);
    out.push([cursor.etaA, cursor.etaV]);
  }
  return out;
}

const close = (got: [number, number][], want: [number, number][]) => {
  expect(got).toHaveLength(want.length);
  got.forEach(([a, v], t) => {
    expect(a, `ηa at t = ${t}`).toBeCloseTo(want[t][0], 15);
    expect(v, `ηv at t = ${t}`).toBeCloseTo(want[t][1], 15);
  });
};
const both = (...etas: number[]): [number, number][] => etas.map((e) => [e, e]);

describe('each schedule against its steps worked out by hand', () => {
  it('linear-warmup: eta0 to eta over the warmup, per layer, then eta', () => {
    close(walk({ kind: 'linear-warmup', eta: 0.1, eta0: 0.02, warmup: 4 }, 6), both(0.02, 0.04, 0.06, 0.08, 0.1, 0.1));
    close(walk({ kind: 'linear-warmup', eta: 0.1, eta0: 0.001, etaA0: 0.1, warmup: 2 }, 4), [
      [0.1, 0.001],
      [0.1, 0.0505],
      [0.1, 0.1],
      [0.1, 0.1],
    ]);
    close(walk({ kind: 'linear-warmup', eta: 0.3, eta0: 0, warmup: 0 }, 2), both(0.3, 0.3));
  });
  it('step-decay: γ every so many steps, or at the milestones', () => {
    expect(walk({ kind: 'step-decay', eta: 0.1, gamma: 0.5, every: 3 }, 8)).toStrictEqual(
      both(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025),
    );
    close(walk({ kind: 'step-decay', eta: 0.1, gamma: 0.1, milestones: [2, 5] }, 7), both(0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001));
  });
  it('cosine: to etaMin over T steps, then etaMin', () => {
    close(walk({ kind: 'cosine', eta: 1, etaMin: 0, T: 4 }, 6), both(1, 0.8535533905932737, 0.5, 0.14644660940672624, 0, 0));
    close(walk({ kind: 'cosine', eta: 0.3, etaMin: 0.1, T: 2 }, 4), both(0.3, 0.2, 0.1, 0.1));
  });
  it("composed with ssw's per-layer warmup stage, and with linear-warmup", () => {
    close(walk({ kind: 'ssw', eta: 0.1, etaV1: 0.001, warmup: 2, decay: { kind: 'cosine', etaMin: 0.01, T: 2 } }, 6), [
      [0.1, 0.001],
      [0.1, 0.001],
      [0.1, 0.1],
      [0.055, 0.055],
      [0.01, 0.01],
      [0.01, 0.01],
    ]);
    expect(
      walk({ kind: 'ssw', eta: 0.5, etaV1: 0.25, etaA1: 0.125, warmup: 1, decay: { kind: 'step-decay', gamma: 0.5, milestones: [3] } }, 5),
    ).toStrictEqual([
      [0.125, 0.25],
      [0.5, 0.5],
      [0.5, 0.5],
      [0.25, 0.25],
      [0.25, 0.25],
    ]);
    expect(
      walk({ kind: 'linear-warmup', eta: 1, eta0: 0, warmup: 2, decay: { kind: 'step-decay', gamma: 0.5, every: 2 } }, 7),
    ).toStrictEqual(both(0, 0.5, 1, 1, 0.5, 0.5, 0.25));
    close(walk({ kind: 'constant', etaA: 0.2, etaV: 0.1, decay: { kind: 'cosine', etaMin: 0, T: 2 } }, 4), [
      [0.2, 0.1],
      [0.1, 0.05],
      [0, 0],
      [0, 0],
    ]);
  });
  it('constant, ssw and piecewise as before: their stages only', () => {
    expect(walk({ kind: 'ssw', eta: 0.1, etaV1: 0.001, warmup: 2 }, 3)).toStrictEqual([
      [0.1, 0.001],
      [0.1, 0.001],
      [0.1, 0.1],
    ]);
    expect(
      walk(
        {
          kind: 'piecewise',
          stages: [
            { until: 1, etaA: 1, etaV: 2 },
            { until: 3, etaA: 3, etaV: 4 },
          ],
        },
        4,
      ),
    ).toStrictEqual([
      [1, 2],
      [3, 4],
      [3, 4],
      [3, 4],
    ]);
    expect(Array.from(stagesOf({ kind: 'constant', etaA: 0.1, etaV: 0.2 }))).toStrictEqual([Infinity, 0.1, 0.2, 0, 0, 0, 0, 0]);
  });
});

it('random practical schedules follow SPEC §4 read literally (Math.cos, powers of γ), within rounding', () => {
  for (let seed = 0; seed < 40; seed++) {
    const s = randomPracticalSchedule(seed, 0.1 + seed / 400),
      n = 1200,
      literal = literalSteps(s);
    walk(s, n).forEach(([a, v], t) => {
      const [la, lv] = literal(t);
      expect(Math.abs(a - la), `seed ${seed}, t = ${t}, ηa`).toBeLessThanOrEqual(1e-14 * Math.max(1, la));
      expect(Math.abs(v - lv), `seed ${seed}, t = ${t}, ηv`).toBeLessThanOrEqual(1e-14 * Math.max(1, lv));
    });
  }
});

describe('config checks', () => {
  const config = (schedule: unknown) =>
    ({ model: 'resnet', teacher: { aStar: [1, 2], wStar: [1, 0] }, init: { a0: [0, 0] }, schedule }) as unknown as RunConfig;
  const refused = (schedule: unknown) => {
    try {
      parseRunConfig(config(schedule));
    } catch (e) {
      return (e as ConfigError).issues;
    }
    return [];
  };
  it('names what is wrong', () => {
    expect(refused({ kind: 'step-decay', eta: 0.1, gamma: 0.5 })).toEqual([
      "schedule: needs either 'every' (a decay every so many steps) or 'milestones' (the steps where it applies), not both",
    ]);
    expect(
      refused({ kind: 'ssw', eta: 0.1, etaV1: 0.01, warmup: 10, decay: { kind: 'step-decay', gamma: 0.5, milestones: [10] } }),
    ).toEqual(['schedule.decay.milestones[0]: must be greater than the warmup (10 steps)']);
    expect(refused({ kind: 'step-decay', eta: 0.1, gamma: 0.5, milestones: [5, 5] })).toEqual([
      'schedule.milestones[1]: must be greater than milestones[0] (5)',
    ]);
    expect(refused({ kind: 'cosine', eta: 0.1, etaMin: 0, T: 0 })).toEqual(['schedule.T: must be a whole number of steps ≥ 1']);
    expect(refused({ kind: 'linear-warmup', eta: 0.1, warmup: 3 })).toEqual(['schedule.eta0: is required']);
    expect(refused({ kind: 'warm' })[0]).toMatch(
      /^schedule\.kind: must be one of 'constant', 'ssw', 'linear-warmup', 'step-decay', 'cosine', 'piecewise'/,
    );
    expect(refused({ kind: 'cosine', eta: 0.1, etaMin: 0.01, T: 100 })).toEqual([]);
  });
});
