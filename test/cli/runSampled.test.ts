// `shortcut-sim run` on sampled configs (SPEC §8): engines wasm and js print the same JSON, engine
// reduced runs online data with the same fields and refuses a fixed training set (exit 2).
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialConfig } from '../../src/presets.js';
import { cli, tempDir } from '../helpers.js';

describe('the CLI runs sampled configs', () => {
  const dir = tempDir('shortcut-sim-sgd-');
  const config = join(dir, 'sgd.json');
  writeFileSync(
    config,
    JSON.stringify({ ...trialConfig({ k: 9, method: 'resnet-ssw', trial: 0 }), maxIter: 100, data: { kind: 'online', batch: 4, seed: 1 } }),
  );
  it('with engines wasm and js (the same JSON)', () => {
    const w = cli(['run', '--config', config]),
      j = cli(['run', '--config', config, '--engine', 'js']);
    expect(w.status).toBe(0);
    expect(JSON.parse(w.stdout).batchLoss).toBeGreaterThan(0);
    expect(j.stdout).toBe(w.stdout);
  });
  it('with engine reduced on online data (the same fields), refusing a fixed training set clearly (exit 2)', () => {
    const r = cli(['run', '--config', config, '--engine', 'reduced']);
    expect(r.status).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(Object.keys(JSON.parse(cli(['run', '--config', config]).stdout)));
    const fixed = join(dir, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), data: { kind: 'fixed', n: 16, seed: 1 } }));
    const f = cli(['run', '--config', fixed, '--engine', 'reduced']);
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(
      /data.kind: engine 'reduced' runs online SGD only .*a fixed training set has no reduction: run it with engine 'wasm' or 'js'/,
    );
    expect(f.stderr).not.toMatch(/at .*\.js/);
  });
});
