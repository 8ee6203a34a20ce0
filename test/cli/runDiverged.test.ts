// `shortcut-sim run` on a run that diverges: the result JSON as always, and on stderr why, in the words
// of divergenceReason (src/stability.ts); a run that does not diverge prints nothing there.
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figure5Config } from '../../src/presets.js';
import { divergenceReason } from '../../src/stability.js';
import type { RunConfig } from '../../src/types.js';
import { cli, tempDir } from '../helpers.js';

describe('the CLI says why a run diverged', () => {
  const dir = tempDir('shortcut-sim-diverged-');
  const write = (name: string, config: RunConfig) => {
    writeFileSync(join(dir, name), JSON.stringify(config));
    return join(dir, name);
  };

  it('names η_a against the stability limit at k, after the result', () => {
    const config: RunConfig = { ...figure5Config('resnet-constant'), schedule: { kind: 'constant', etaA: 0.8, etaV: 0.1 } };
    const r = cli(['run', '--config', write('diverges.json', config)]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.outcome).toBe('diverged');
    expect(r.stderr).toBe(`diverged: ${divergenceReason(config, result.iterations)}\n`);
    expect(r.stderr).toBe('diverged: η_a = 0.8 exceeds the stability limit 2·2π/(k + π − 1) = 0.693 at k = 16\n');
    const calm = cli(['run', '--config', write('spurious.json', figure5Config('resnet-constant'))]);
    expect([calm.status, JSON.parse(calm.stdout).outcome, calm.stderr]).toStrictEqual([0, 'spurious', '']);
  });
});
