// --fresh on the commands that resume from a trial file (sweep, table1, sgd, width) or a cache (fit):
// the refusal to reuse another run's file names it; with it the run starts over and leaves the same
// bytes as a run in an empty folder; it replaces only the files that run writes, nothing else.
import { describe, it, expect } from 'vitest';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { runTable1, TABLE1_FILES } from '../../src/experiments/node/table1.js';
import { cli, tempDir } from '../helpers.js';

const LONG = 60_000;
const read = (path: string) => readFileSync(path, 'utf8');

/** Every file of a folder and its text. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => lstatSync(join(dir, f)).isFile())
      .map((f) => [f, read(join(dir, f))]),
  );
}

function refused(r: { status: number | null; stderr: string }, text: RegExp) {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr).toMatch(text);
  expect(r.status).toBe(2);
}

/** Files a user keeps beside a run's: other runs' trial files, shards, notes. */
function unrelated(dir: string, names: string[]): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  for (const name of names) writeFileSync(join(dir, name), `not this run's: ${name}\n`);
  return Object.fromEntries(names.map((n) => [n, read(join(dir, n))]));
}

describe('sweep --fresh', () => {
  const SWEEP = { seed: 2, trials: 3, grid: { k: [16], radiusScale: [0.5, 1], methods: ['resnet-constant', 'cnn'] } };
  const FILES = ['grid.jsonl', 'grid.aggregate.json', 'grid.csv', 'grid.svg'];

  it(
    'is named by the refusal, then starts over: the bytes of a run in an empty folder, and no other file touched',
    () => {
      const dir = tempDir('shortcut-sim-fresh-'),
        config = join(dir, 'grid.json'),
        out = join(dir, 'runs'),
        empty = join(dir, 'empty');
      const run = (folder: string, ...extra: string[]) =>
        cli(['sweep', '--config', config, '--out', join(folder, 'grid.jsonl'), '--workers', '1', '--quiet', ...extra]);
      writeFileSync(config, JSON.stringify(SWEEP));
      expect(run(out).status).toBe(0);
      const kept = unrelated(out, ['grid.part-1-of-2.jsonl', 'other.jsonl', 'grid.jsonl.bak', 'notes.txt']);
      const before = snapshot(out);
      // Another engine: refused, naming --fresh, and nothing changes.
      refused(run(out, '--engine', 'js'), /was started with --engine reduced; .*--fresh/);
      expect(snapshot(out)).toStrictEqual(before);
      // Another config: refused too.
      writeFileSync(config, JSON.stringify({ ...SWEEP, seed: 3 }));
      refused(run(out), /holds trials of a different sweep .*run again with --fresh to start over/);
      expect(snapshot(out)).toStrictEqual(before);
      expect(run(out, '--fresh').status).toBe(0);
      expect(run(empty).status).toBe(0);
      for (const f of FILES) expect(read(join(out, f)), f).toBe(read(join(empty, f)));
      expect(read(join(out, 'grid.aggregate.json'))).not.toBe(before['grid.aggregate.json']);
      for (const [name, text] of Object.entries(kept)) expect(read(join(out, name)), name).toBe(text);
      expect(readdirSync(out).sort()).toStrictEqual([...FILES, ...Object.keys(kept)].sort());
      // Fresh again on its own file: the same bytes (no trial is resumed, none is doubled).
      expect(run(out, '--fresh').status).toBe(0);
      for (const f of FILES) expect(read(join(out, f)), f).toBe(read(join(empty, f)));
    },
    LONG,
  );

  it(
    'refuses to replace a file that is not a trial file, or one another run holds, and changes nothing',
    () => {
      const dir = tempDir('shortcut-sim-fresh-'),
        config = join(dir, 'grid.json');
      writeFileSync(config, JSON.stringify(SWEEP));
      const kept = unrelated(dir, ['data.jsonl', 'data.aggregate.json', 'data.csv']);
      const before = snapshot(dir);
      refused(
        cli(['sweep', '--config', config, '--out', join(dir, 'data.jsonl'), '--fresh', '--quiet']),
        /'.*data\.jsonl' is not a shortcut-sim trials file .*--fresh replaces only such a file: give another output path/,
      );
      expect(snapshot(dir)).toStrictEqual(before);
      // A trial file locked by a live process (this test's) is not started over under it.
      const out = join(dir, 'grid.jsonl');
      expect(cli(['sweep', '--config', config, '--out', out, '--workers', '1', '--quiet']).status).toBe(0);
      const finished = snapshot(dir);
      writeFileSync(`${out}.lock`, JSON.stringify({ host: hostname(), pid: process.pid }) + '\n');
      refused(cli(['sweep', '--config', config, '--out', out, '--fresh', '--quiet']), /is in use by another shortcut-sim \(pid \d+\)/);
      expect(snapshot(dir)).toStrictEqual({ ...finished, 'grid.jsonl.lock': read(`${out}.lock`) });
      for (const [name, text] of Object.entries(kept)) expect(read(join(dir, name))).toBe(text);
    },
    LONG,
  );

  it(
    'replaces a result file behind a symlink in its target, keeping the link',
    () => {
      const dir = tempDir('shortcut-sim-fresh-'),
        config = join(dir, 'grid.json'),
        elsewhere = join(dir, 'elsewhere');
      writeFileSync(config, JSON.stringify(SWEEP));
      mkdirSync(elsewhere);
      writeFileSync(join(elsewhere, 'table.csv'), 'an old table\n');
      symlinkSync(join(elsewhere, 'table.csv'), join(dir, 'grid.csv'));
      const run = (...extra: string[]) =>
        cli(['sweep', '--config', config, '--out', join(dir, 'grid.jsonl'), '--workers', '1', '--quiet', ...extra]);
      expect(run().status).toBe(0);
      const csv = read(join(elsewhere, 'table.csv'));
      expect(csv).toMatch(/^cell,k,p,method/);
      expect(run('--fresh').status).toBe(0);
      expect(lstatSync(join(dir, 'grid.csv')).isSymbolicLink()).toBe(true);
      expect(read(join(elsewhere, 'table.csv'))).toBe(csv);
    },
    LONG,
  );
});

describe('table1 --fresh', () => {
  const ARGS = ['table1', '--trials', '3', '--k', '16', '--workers', '1', '--quiet'];

  it(
    'starts over with another seed: the files of an empty folder; a shard replaces its own part alone',
    () => {
      const dir = tempDir('shortcut-sim-fresh-'),
        out = join(dir, 'out'),
        empty = join(dir, 'empty');
      expect(cli([...ARGS, '--out', out]).status).toBe(0);
      const kept = unrelated(out, ['sgd.trials.jsonl', 'table1.trials.part-2-of-2.jsonl', 'figure5.svg', 'notes.txt']);
      refused(cli([...ARGS, '--seed', '2', '--out', out]), /holds trials of a different table1 .*--fresh/);
      expect(cli([...ARGS, '--seed', '2', '--out', out, '--fresh']).status).toBe(0);
      expect(cli([...ARGS, '--seed', '2', '--out', empty]).status).toBe(0);
      for (const f of TABLE1_FILES) expect(read(join(out, f)), f).toBe(read(join(empty, f)));
      for (const [name, text] of Object.entries(kept)) expect(read(join(out, name)), name).toBe(text);
      // A shard's --fresh: its part file alone; the whole study's files and the other part stay.
      const whole = snapshot(out);
      writeFileSync(join(out, 'table1.trials.part-1-of-2.jsonl'), read(join(out, 'table1.trials.jsonl'))); // another run's trials
      refused(cli([...ARGS, '--out', out, '--shard', '1/2']), /holds trials of a different table1 .*--fresh/);
      expect(cli([...ARGS, '--out', out, '--shard', '1/2', '--fresh']).status).toBe(0);
      expect(cli([...ARGS, '--out', empty, '--shard', '1/2']).status).toBe(0);
      const part = 'table1.trials.part-1-of-2.jsonl';
      expect(read(join(out, part))).toBe(read(join(empty, part)));
      expect(snapshot(out)).toStrictEqual({ ...whole, [part]: read(join(empty, part)) });
    },
    LONG,
  );

  it('is an API option too, checked as the flags are', async () => {
    const dir = tempDir('shortcut-sim-fresh-');
    const options = { trials: 2, k: [16], workers: 0, quiet: true };
    const first = await runTable1({ ...options, out: dir });
    await expect(runTable1({ ...options, seed: 5, out: dir })).rejects.toThrow(/--fresh/);
    const fresh = await runTable1({ ...options, seed: 5, out: dir, fresh: true });
    expect(fresh).toStrictEqual(await runTable1({ ...options, seed: 5 }));
    expect(fresh).not.toStrictEqual(first);
    await expect(runTable1({ ...options, out: dir, fresh: 'yes' as unknown as boolean })).rejects.toThrow(/fresh: must be/);
  });
});

describe('fit --fresh', () => {
  it(
    "replaces the cache: the files of a fit in an empty folder, not another fit's evaluations",
    () => {
      const dir = tempDir('shortcut-sim-fresh-'),
        target = join(dir, 'target.json');
      writeFileSync(
        target,
        JSON.stringify({
          source: 'a small target',
          cells: [
            { k: 16, method: 'resnet-constant', trials: 50, successes: 35 },
            { k: 16, method: 'cnn', trials: 50, successes: 25 },
          ],
        }),
      );
      const runFit = (out: string, trials: string, ...extra: string[]) =>
        cli(['fit', '--target', target, '--params', 'vStarNorm', '--trials', trials, '--out', out, '--workers', '1', '--quiet', ...extra]);
      // fit.json records the command and its --out: the empty folder is the same folder, emptied.
      const out = join(dir, 'out');
      expect(runFit(out, '10').status).toBe(0);
      const kept = unrelated(out, ['notes.txt']);
      expect(runFit(out, '20', '--fresh').status).toBe(0);
      const fresh = snapshot(out);
      expect(fresh['notes.txt']).toBe(kept['notes.txt']);
      rmSync(out, { recursive: true });
      expect(runFit(out, '20').status).toBe(0);
      expect(snapshot(out)).toStrictEqual(Object.fromEntries(Object.entries(fresh).filter(([name]) => name !== 'notes.txt')));
      expect(existsSync(join(out, 'fit.evaluations.jsonl.lock'))).toBe(false);
    },
    LONG,
  );
});
