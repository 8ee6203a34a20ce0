// The SGD study's steps (SPEC §4, README: sgd): each batch size's schedule scaled from the GD method's
// and stretched in time, the study's decays, and the sweep's scale field.
import { describe, it, expect } from 'vitest';
import { batchScale, parseSweepConfig, scaledCell, stretchedSchedule, sweepCells } from '../../src/experiments/core/sweepConfig.js';
import { formatSgd, sgdPlan, studySchedule } from '../../src/experiments/core/sgd.js';
import { ConfigError } from '../../src/config.js';
import { METHOD_PRESETS } from '../../src/presets.js';

const SSW = METHOD_PRESETS['resnet-ssw'].schedule;

describe('batch scaling', () => {
  it('linear, sqrt and none, capped at the GD step (B0 = 64)', () => {
    expect([1, 4, 16, 64, 256].map((b) => batchScale('linear', b))).toStrictEqual([1 / 64, 1 / 16, 1 / 4, 1, 1]);
    expect([1, 4, 16, 64, 256].map((b) => batchScale('sqrt', b))).toStrictEqual([1 / 8, 1 / 4, 1 / 2, 1, 1]);
    expect(batchScale('none', 1)).toBe(1);
  });
  it('multiplies every step and divides every duration, rounding up', () => {
    expect(stretchedSchedule({ ...SSW, decay: { kind: 'step-decay', gamma: 0.1, milestones: [2750, 3875] } }, 1 / 8)).toStrictEqual({
      kind: 'ssw',
      eta: 0.0125,
      etaV1: 0.000125,
      etaA1: 0.0125,
      warmup: 4000,
      decay: { kind: 'step-decay', gamma: 0.1, milestones: [22000, 31000] },
    });
    expect(stretchedSchedule({ kind: 'cosine', eta: 0.3, etaMin: 0.03, T: 7 }, 1 / 2)).toStrictEqual({
      kind: 'cosine',
      eta: 0.15,
      etaMin: 0.015,
      T: 14,
    });
    const s = { kind: 'constant', etaA: 0.1, etaV: 0.1 } as const;
    expect(stretchedSchedule(s, 1)).toBe(s);
  });
  it('leaves GD cells and B ≥ B0 as they are; a sweep takes it as its scale field', () => {
    const c = parseSweepConfig({ trials: 1, scale: 'sqrt', grid: { k: 16, batch: [4, 64], methods: ['cnn'] } });
    const [b4, b64] = sweepCells(c);
    expect(b4.schedule).toStrictEqual({ kind: 'constant', etaA: 0.025, etaV: 0.025 });
    expect(b4.maxIter).toBe(20000);
    expect(b64.schedule).toStrictEqual(METHOD_PRESETS.cnn.schedule);
    const gd = sweepCells(parseSweepConfig({ trials: 1, grid: { k: 16, methods: ['cnn'] } }))[0];
    expect(scaledCell(gd, 'linear')).toBe(gd);
    expect(() => parseSweepConfig({ trials: 1, scale: 'sqrt', grid: { k: 16 } })).toThrow(ConfigError);
    expect(() => parseSweepConfig({ trials: 1, scale: 'log', grid: { k: 16, batch: 4 } })).toThrow(
      /scale: must be one of 'none', 'linear', 'sqrt'/,
    );
  });
});

describe('the study', () => {
  it("decays after each method's warmup, over the rest of the steps", () => {
    expect(studySchedule(SSW, 'cosine', 5000)).toStrictEqual({ ...SSW, decay: { kind: 'cosine', etaMin: 0.001, T: 4500 } });
    expect(studySchedule(METHOD_PRESETS.cnn.schedule, 'step-decay', 5000)).toStrictEqual({
      ...METHOD_PRESETS.cnn.schedule,
      decay: { kind: 'step-decay', gamma: 0.1, milestones: [2500, 3750] },
    });
    expect(studySchedule(SSW, 'constant', 5000)).toBe(SSW);
  });
  it('plans GD as it is and each batch scaled (default sqrt); config names what is not the constant-step study', () => {
    const o = { trials: 2, k: [16], batch: [1, 64], methods: ['resnet-ssw' as const], labelNoise: 0, seed: 1 };
    const plan = sgdPlan(o);
    expect(plan.cells.map((c) => c.maxIter)).toStrictEqual([5000, 40000, 5000]);
    expect(plan.config.scale).toBe('sqrt');
    expect(plan.config).not.toHaveProperty('schedule');
    const old = sgdPlan({ ...o, scale: 'none', schedule: 'constant' });
    expect(old.config).not.toHaveProperty('scale');
    expect(old.cells.map((c) => c.schedule)).toStrictEqual([SSW, SSW, SSW]);
  });
  it('prints outcome shares and marks cells past 5% unconverged', () => {
    const row = (batch: number | null, unconverged: number) => ({
      k: 16,
      method: 'cnn' as const,
      batch,
      changedFate: batch === null ? null : 0.1,
      trials: 20,
      successes: 20 - unconverged,
      rate: (20 - unconverged) / 20,
      ci: [0, 1] as [number, number],
      meanIterations: 1,
      outcomes: { global: 20 - unconverged, spurious: 0, unconverged, diverged: 0 },
    });
    const text = formatSgd({
      version: 1,
      seed: 1,
      rows: [row(1, 2), row(4, 1), row(null, 0)],
      config: { trials: 20, k: [16], batch: [1, 4], methods: ['cnn'], n: null, labelNoise: 0, maxIter: 5000, scale: 'sqrt' },
    });
    expect(text).toContain('cnn     16  0.900/0.000/0.100!  0.950/0.000/0.050   1.000/0.000/0.000');
  });
});
