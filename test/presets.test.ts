// Named presets: the registry, their use by sweeps and table1, and the paper's central claim under
// the fitted preset.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS, PRESET_NAMES, presetConstants, SPEC_CONSTANTS, K_REF, randomStarts, teacher } from '../src/presets.js';
import { parseSweepConfig, sweepCells } from '../src/experiments/core/sweepConfig.js';
import { cli } from './helpers.js';

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
    const ratio = 0.5 * Math.hypot(6, 1 / 4) / Math.hypot(3, 1 / 4);
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
    expect(parseSweepConfig({ trials: 1, grid: { k: 16 } })).toEqual({ seed: 1, trials: 1, maxIter: 5000,
      grid: { k: [16], vStarNorm: [3], aStarSum: [1], aStarSpread: [3], radiusScale: [1], methods: [{ method: 'resnet-ssw' }, { method: 'resnet-constant' }, { method: 'cnn' }] } });
  });

  it('refuses an unknown preset naming the field', () => {
    expect(() => parseSweepConfig({ trials: 1, preset: 'paper', grid: { k: 16 } })).toThrow("preset: must be one of 'spec', 'paper-fit'");
  });
});

describe('table1 --preset paper-fit', () => {
  it('keeps the central claim: the ResNet with warmup reaches the global optimum in every run at every k', () => {
    // 300 trials at each of the seven k (2100 runs); docs/presets.md reports the full 5000-trial check.
    const dir = mkdtempSync(join(tmpdir(), 'shortcut-sim-preset-'));
    const r = cli(['table1', '--preset', 'paper-fit', '--methods', 'resnet-ssw', '--trials', '300', '--out', dir, '--quiet', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    const table = JSON.parse(readFileSync(join(dir, 'table1.json'), 'utf8'));
    expect(table.config.preset).toBe('paper-fit');
    expect(table.rows).toHaveLength(7);
    for (const row of table.rows) expect(row.rate).toBe(1);
    expect(r.stdout).toContain('preset paper-fit');
  });

  it('refuses an unknown preset (exit code 2)', () => {
    const r = cli(['table1', '--preset', 'paper', '--trials', '1', '--out', mkdtempSync(join(tmpdir(), 'shortcut-sim-preset-'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'paper' is invalid");
  });
});
