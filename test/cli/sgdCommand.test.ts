// `shortcut-sim sgd`: the table and its files; GD rows equal Table 1 from the same seed; a trial's
// SGD run is `shortcut-sim run` on its config with data.seed = trialSeed(seed, cell, trial); bad flags.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.js';
import { createSimulator } from '../../src/index.js';
import { methodPreset, trialConfig, type Method } from '../../src/presets.js';
import { batchScale, stretchedSchedule } from '../../src/experiments/core/sweepConfig.js';
import { trialSeed } from '../../src/twin/random/bits.js';
import type { SgdTable } from '../../src/experiments/node/sgd.js';

describe('shortcut-sim sgd', () => {
  const dir = tempDir('shortcut-sim-sgd-');
  const args = ['--trials', '8', '--k', '5,6', '--batch', '2,16', '--seed', '3', '--workers', '2', '--quiet'];

  it("prints both tables and writes sgd.json, sgd.csv, sgd.svg; GD rows are Table 1's", () => {
    const r = cli(['sgd', ...args, '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Outcomes: global \/ spurious \/ unconverged shares of 8 trials .*\n\(online SGD; constant steps after each method's GD schedule, scaled by the batch: sqrt; seed 3\)\nmethod\s+k\s+B=2\s+B=16\s+GD \(B=∞\)/,
    );
    expect(r.stdout).toMatch(/Changed fate/);
    for (const f of ['sgd.json', 'sgd.csv', 'sgd.svg', 'sgd.trials.jsonl']) expect(existsSync(join(dir, f))).toBe(true);
    const t = JSON.parse(readFileSync(join(dir, 'sgd.json'), 'utf8')) as SgdTable;
    expect(t.rows).toHaveLength(3 * 2 * 3);
    const t1dir = tempDir('shortcut-sim-t1-');
    expect(cli(['table1', '--trials', '8', '--k', '5,6', '--seed', '3', '--workers', '1', '--quiet', '--out', t1dir]).status).toBe(0);
    const table1 = JSON.parse(readFileSync(join(t1dir, 'table1.json'), 'utf8')) as {
      rows: { k: number; method: string; outcomes: unknown }[];
    };
    for (const row of t.rows.filter((x) => x.batch === null))
      expect(row.outcomes).toEqual(table1.rows.find((x) => x.k === row.k && x.method === row.method)!.outcomes);
    expect(readFileSync(join(dir, 'sgd.csv'), 'utf8').split('\n')[0]).toBe(
      'method,k,batch,trials,successes,rate,ci_lo,ci_hi,global,spurious,unconverged,diverged,mean_iterations,changed_fate',
    );
  });

  it('runs each SGD trial as `run` would, with data.seed = trialSeed(seed, cell, trial), and counts changed fates from the same starts', async () => {
    const lines = readFileSync(join(dir, 'sgd.trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l));
    const t = JSON.parse(readFileSync(join(dir, 'sgd.json'), 'utf8')) as SgdTable;
    const sim = await createSimulator({ engine: 'reduced' }); // the experiments' default: online SGD in reduced coordinates
    // cells: 6 GD cells (k × method), then SGD cells in the order k, batch, method
    const methods: Method[] = ['resnet-ssw', 'resnet-constant', 'cnn'];
    let cell = 6;
    for (const k of [5, 6])
      for (const batch of [2, 16])
        for (const method of methods) {
          const trial = 5;
          // the default steps: the method's schedule × √(B/64), its durations stretched alike (docs/sgd.md)
          const f = batchScale('sqrt', batch),
            schedule = stretchedSchedule(methodPreset(method).schedule, f);
          const r = sim.run({
            ...trialConfig({ k, method, trial, seed: 3, schedule, maxIter: Math.ceil(5000 / f) }),
            data: { kind: 'online', batch, seed: trialSeed(3, cell, trial) },
          });
          const rec = lines.find((x) => x.cell === cell && x.trial === trial);
          expect({ outcome: rec.outcome, iterations: rec.iterations }).toEqual({ outcome: r.outcome, iterations: r.iterations });
          const gdCell = [5, 6].indexOf(k) * 3 + methods.indexOf(method);
          let changed = 0;
          for (let i = 0; i < 8; i++) {
            const g = lines.find((x) => x.cell === gdCell && x.trial === i),
              s = lines.find((x) => x.cell === cell && x.trial === i);
            if ((g.outcome === 'global') !== (s.outcome === 'global')) changed++;
          }
          expect(t.rows.find((x) => x.k === k && x.method === method && x.batch === batch)!.changedFate).toBe(changed / 8);
          cell++;
        }
  });

  it('resumes from its trial file: a second run writes the same files', () => {
    const before = readFileSync(join(dir, 'sgd.json'), 'utf8');
    const r = cli(['sgd', ...args, '--out', dir]);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'sgd.json'), 'utf8')).toBe(before);
  });

  it('gives the same files, byte for byte, with one worker', () => {
    const one = tempDir('shortcut-sim-sgd-1-');
    expect(cli(['sgd', ...args, '--workers', '1', '--out', one]).status).toBe(0);
    for (const f of ['sgd.json', 'sgd.csv', 'sgd.trials.jsonl'])
      expect(readFileSync(join(one, f), 'utf8')).toBe(readFileSync(join(dir, f), 'utf8'));
  });

  it.each([
    [['--batch', '0'], /--batch: must be a whole number from 1 to 1000000 \(got '0'\)/],
    [['--batch', '4,32', '--n', '16'], /--batch: every batch size must be at most --n \(16\); got 32/],
    [['--label-noise', '-1'], /--label-noise: must be a standard deviation ≥ 0/],
    [['--methods', 'sgd'], /--methods: 'sgd' is not a method/],
    // The study's own complaints (here: engine memory) are named by the flags too.
    [
      ['--k', '300', '--batch', '1000000', '--methods', 'cnn'],
      /\n {2}--batch: at k = 300, p = 300: a batch of 1000000 samples .*batch ≤ 223693 here\)\n$/,
    ],
    [['--k', '16', '--n', '524288', '--batch', '1'], /\n {2}--n: at k = 16, p = 16: a training set of 524288 samples/],
  ])('refuses %s with exit code 2', (flags, message) => {
    const r = cli(['sgd', '--out', join(dir, 'never'), ...flags]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
