// `shortcut-sim table1 --preset`: the paper's central claim under the fitted preset (300 trials at
// each k), and an unknown preset refused with exit code 2.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.js';

describe('table1 --preset paper-fit', () => {
  it('keeps the central claim: the ResNet with warmup reaches the global optimum in every run at every k', () => {
    // 300 trials at each of the seven k (2100 runs); docs/presets.md reports the full 5000-trial check.
    const dir = tempDir('shortcut-sim-preset-');
    const r = cli([
      'table1',
      '--preset',
      'paper-fit',
      '--methods',
      'resnet-ssw',
      '--trials',
      '300',
      '--out',
      dir,
      '--quiet',
      '--workers',
      '1',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const table = JSON.parse(readFileSync(join(dir, 'table1.json'), 'utf8'));
    expect(table.config.preset).toBe('paper-fit');
    expect(table.rows).toHaveLength(7);
    for (const row of table.rows) expect(row.rate).toBe(1);
    expect(r.stdout).toContain('preset paper-fit');
  });

  it('refuses an unknown preset (exit code 2)', () => {
    const r = cli(['table1', '--preset', 'paper', '--trials', '1', '--out', tempDir('shortcut-sim-preset-')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'paper' is invalid");
  });
});
