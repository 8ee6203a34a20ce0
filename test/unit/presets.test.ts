// Named presets: the registry and their use by sweep configs (`table1 --preset` and the paper's central
// claim under the fitted preset: test/cli/table1Presets.test.ts).
import { describe, it, expect } from 'vitest';
import { PRESETS, PRESET_NAMES, presetConstants, SPEC_CONSTANTS, K_REF, randomStarts, teacher } from '../../src/presets.js';
import { parseSweepConfig, sweepCells } from '../../src/experiments/core/sweepConfig.js';

describe('preset registry', () => {
  it('spec is SPEC §6.1 at every k; a k-exponent scales a constant as (k/K_REF)^power', () => {
    expect(PRESET_NAMES).toEqual(['spec', 'paper-fit']);
    for (const k of [2, 16, 100]) expect(presetConstants('spec', k)).toEqual(SPEC_CONSTANTS);
    const scaled = presetConstants({ ...SPEC_CONSTANTS, aStarSum: 2, aStarSumPower: 0.5 }, 4 * K_REF);
    expect(scaled.aStarSum).toBeCloseTo(4, 14);
    expect(scaled.vStarNorm).toBe(3);
  });

  it('paper-fit records the command that produced it', () => {
    expect(PRESETS['paper-fit'].fittedBy.command).toMatch(/^shortcut-sim fit --target examples\/paper-table1\.json/);
  });

  it('a trial draws the same random numbers whatever the constants (common random numbers for fit)', () => {
    const o = { k: 16, seed: 1, method: 'cnn' as const };
    const a = randomStarts({ ...o, radiusScale: 1 }, teacher({ k: 16, aStarSpread: 3 }))(5);
    const b = randomStarts({ ...o, radiusScale: 0.5 }, teacher({ k: 16, aStarSpread: 6 }))(5);
    // a* doubles in norm (up to the 1/k mean), the radius halves: the same start up to that ratio.
    const ratio = (0.5 * Math.hypot(6, 1 / 4)) / Math.hypot(3, 1 / 4);
    a.a0.forEach((x, i) => expect(b.a0[i]).toBeCloseTo(ratio * x, 12));
    expect(b.w0).toEqual(a.w0);
  });
});

describe('sweep configs with a preset', () => {
  it('unlisted constants come from the preset at each k; listed ones override it', () => {
    const c = parseSweepConfig({ trials: 1, preset: 'paper-fit', grid: { k: [16, 100], radiusScale: 0.5, methods: ['cnn'] } });
    const cells = sweepCells(c);
    for (const cell of cells) {
      const p = presetConstants('paper-fit', cell.k);
      expect([cell.vStarNorm, cell.aStarSum, cell.aStarSpread, cell.radiusScale]).toEqual([p.vStarNorm, p.aStarSum, p.aStarSpread, 0.5]);
    }
  });

  it('without a preset the config is written out as before (spec values), so old trial files resume', () => {
    expect(parseSweepConfig({ trials: 1, grid: { k: 16 } })).toEqual({
      seed: 1,
      trials: 1,
      maxIter: 5000,
      grid: {
        k: [16],
        vStarNorm: [3],
        aStarSum: [1],
        aStarSpread: [3],
        radiusScale: [1],
        methods: [{ method: 'resnet-ssw' }, { method: 'resnet-constant' }, { method: 'cnn' }],
      },
    });
  });

  it('refuses an unknown preset naming the field', () => {
    expect(() => parseSweepConfig({ trials: 1, preset: 'paper', grid: { k: 16 } })).toThrow("preset: must be one of 'spec', 'paper-fit'");
  });
});
