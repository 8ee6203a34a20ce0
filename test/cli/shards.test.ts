// Shards of the studies (table1, sgd, width): each shard writes its own trial file alone, and merge
// combines the shards into the files one unsharded run writes, byte for byte; parts of other
// studies, configs or seeds, and missing trials, are refused.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config.js';
import { runTable1, TABLE1_FILES } from '../../src/experiments/node/table1.js';
import { runSgd, SGD_FILES } from '../../src/experiments/node/sgd.js';
import { WIDTH_FILES } from '../../src/experiments/node/width.js';
import { mergeStudyParts, writeMergedStudy } from '../../src/experiments/node/merge.js';
import { readStore } from '../../src/experiments/node/store.js';
import { cli, tempDir } from '../helpers.js';

const LONG = 120_000;

const tmp = () => tempDir('shortcut-sim-shards-');
const read = (path: string) => readFileSync(path, 'utf8');
const partFile = (file: string, i: number, n: number) => file.replace(/\.jsonl$/, `.part-${i}-of-${n}.jsonl`);

function refused(r: { status: number | null; stderr: string }, text: RegExp) {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr).toMatch(text);
  expect(r.status).toBe(2);
}

function sameFiles(files: readonly string[], a: string, b: string) {
  for (const f of files) expect(read(join(b, f)), f).toBe(read(join(a, f)));
}

describe('table1: shards and merge', () => {
  it(
    'runs shards 1/3…3/3 through the API into their own trial files, merged into the unsharded files byte for byte',
    async () => {
      const dir = tmp(),
        all = join(dir, 'all'),
        parts = join(dir, 'parts'),
        merged = join(dir, 'merged');
      const options = { trials: 7, k: [16, 20], seed: 3, workers: 0, quiet: true };
      const table = await runTable1({ ...options, out: all });
      for (const i of [1, 2, 3]) expect(await runTable1({ ...options, out: parts, shard: { index: i, count: 3 } })).toBeUndefined();
      // A shard writes its trial file and nothing else.
      expect(readdirSync(parts).sort()).toStrictEqual([1, 2, 3].map((i) => partFile(TABLE1_FILES[3], i, 3)));
      const files = [1, 2, 3].map((i) => join(parts, partFile(TABLE1_FILES[3], i, 3)));
      const sizes = files.map((f) => readStore(f).records.length);
      expect(sizes.reduce((s, n) => s + n, 0)).toBe(2 * 3 * 7);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(readStore(files[1]).header.shard).toBe('2/3');
      const m = mergeStudyParts(files);
      expect(m.result).toStrictEqual(table);
      await writeMergedStudy(m, merged);
      sameFiles(TABLE1_FILES, all, merged);
      // A shard of one is the whole study.
      const one = join(dir, 'one');
      expect(await runTable1({ ...options, out: one, shard: { index: 1, count: 1 } })).toStrictEqual(table);
      sameFiles(TABLE1_FILES, all, one);
    },
    LONG,
  );

  it(
    'merges shards run through the CLI, and resumes a shard from its own file',
    () => {
      const dir = tmp(),
        all = join(dir, 'all'),
        parts = join(dir, 'parts'),
        merged = join(dir, 'merged');
      const args = ['table1', '--trials', '5', '--k', '16', '--seed', '2', '--quiet', '--workers', '1'];
      expect(cli([...args, '--out', all]).status).toBe(0);
      for (const i of [1, 2, 3]) expect(cli([...args, '--out', parts, '--shard', `${i}/3`]).status).toBe(0);
      const second = join(parts, partFile(TABLE1_FILES[3], 2, 3)),
        lines = read(second).split('\n');
      // Cut the shard's file to its header and one trial, tear a line: run again, it finishes the same file.
      writeFileSync(second, lines.slice(0, 2).join('\n') + '\n' + lines[2].slice(0, 9));
      const resumed = cli([...args, '--out', parts, '--shard', '2/3']);
      expect(resumed.status).toBe(0);
      expect(read(second)).toBe(lines.join('\n'));
      const r = cli(['merge', ...[1, 2, 3].map((i) => join(parts, partFile(TABLE1_FILES[3], i, 3))), '--out', merged]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Success rate');
      sameFiles(TABLE1_FILES, all, merged);
      // Without --out the study's files go beside its parts.
      expect(cli(['merge', ...[1, 2, 3].map((i) => join(parts, partFile(TABLE1_FILES[3], i, 3)))]).status).toBe(0);
      sameFiles(TABLE1_FILES, all, parts);
    },
    LONG,
  );
});

describe('sgd: shards and merge', () => {
  const sgdArgs = (trials = 5, seed = 4) => [
    'sgd',
    '--trials',
    String(trials),
    '--k',
    '16',
    '--batch',
    '4,16',
    '--seed',
    String(seed),
    '--quiet',
    '--workers',
    '1',
  ];
  const ARGS = sgdArgs();
  const parts = (dir: string, n = 3) => Array.from({ length: n }, (_, i) => join(dir, partFile(SGD_FILES[3], i + 1, n)));

  it(
    'merges shards 1/3…3/3 into the unsharded files byte for byte, online, on fixed sets and with a schedule and scale of their own',
    () => {
      for (const extra of [[], ['--n', '32'], ['--schedule', 'cosine', '--scale', 'linear']]) {
        const dir = tmp(),
          all = join(dir, 'all'),
          shards = join(dir, 'parts'),
          merged = join(dir, 'merged');
        expect(cli([...ARGS, ...extra, '--out', all]).status).toBe(0);
        for (const i of [1, 2, 3]) {
          const r = cli([...ARGS.filter((a) => a !== '--quiet'), ...extra, '--out', shards, '--shard', `${i}/3`]);
          expect(r.status).toBe(0);
          expect(r.stdout).toBe('');
          expect(r.stderr).toContain(`shard ${i}/3 done`);
          expect(r.stderr).toContain('shortcut-sim merge');
        }
        expect(readdirSync(shards).sort()).toStrictEqual(parts(shards).map((p) => p.slice(shards.length + 1)));
        const r = cli(['merge', ...parts(shards), '--out', merged]);
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('Changed fate');
        sameFiles(SGD_FILES, all, merged);
        // The same part twice counts once, as for sweeps.
        const again = join(dir, 'again');
        expect(cli(['merge', ...parts(shards), parts(shards)[0], '--out', again]).status).toBe(0);
        sameFiles(SGD_FILES, all, again);
      }
    },
    LONG,
  );

  it(
    'refuses missing trials, other studies, configs and seeds, and an output that is a part',
    async () => {
      const dir = tmp(),
        shards = join(dir, 'parts'),
        out = join(dir, 'out');
      for (const i of [1, 2, 3]) expect(cli([...ARGS, '--out', shards, '--shard', `${i}/3`]).status).toBe(0);
      refused(
        cli(['merge', ...parts(shards).slice(0, 2), '--out', out]),
        /merge: \d+ trials are missing .*shards 1\/3, 2\/3.*run or finish the missing shards/,
      );
      expect(existsSync(out)).toBe(false);
      // Another config (trial count), another seed (sgd's config does not hold it: its trials do).
      const other = join(dir, 'other'),
        seed = join(dir, 'seed');
      expect(cli([...sgdArgs(6), '--out', other, '--shard', '3/3']).status).toBe(0);
      refused(
        cli(['merge', ...parts(shards).slice(0, 2), parts(other)[2], '--out', out]),
        /comes from another sgd than .* \(their configs differ\)/,
      );
      expect(cli([...sgdArgs(5, 5), '--out', seed, '--shard', '3/3']).status).toBe(0);
      refused(
        cli(['merge', ...parts(shards).slice(0, 2), parts(seed)[2], '--out', out]),
        /comes from another sgd than .* \(their seeds differ\)/,
      );
      // Another study.
      const table1 = join(dir, 'table1');
      expect(cli(['table1', '--trials', '2', '--k', '16', '--out', table1, '--shard', '1/2', '--quiet']).status).toBe(0);
      refused(
        cli(['merge', ...parts(shards), join(table1, partFile(TABLE1_FILES[3], 1, 2)), '--out', out]),
        /holds table1 trials, not sgd's/,
      );
      refused(
        cli(['merge', join(table1, partFile(TABLE1_FILES[3], 1, 2)), ...parts(shards), '--out', out]),
        /holds sgd trials, not table1's/,
      );
      expect(existsSync(out)).toBe(false);
      // The output folder's trial file is one of the parts.
      const whole = join(dir, 'whole');
      expect(cli([...ARGS, '--out', whole]).status).toBe(0);
      refused(cli(['merge', join(whole, SGD_FILES[3]), '--out', whole]), /--out .* is one of the parts/);
      // The API's shard is checked as --shard is.
      await expect(runSgd({ trials: 2, k: [16], batch: [4], shard: { index: 3, count: 2 } })).rejects.toThrow(ConfigError);
      await expect(runTable1({ trials: 2, k: [16], shard: { index: 0, count: 2 } })).rejects.toThrow(
        /shard\.index: must be a whole number from 1 to shard\.count \(2\)/,
      );
      refused(cli(['table1', '--trials', '2', '--k', '16', '--out', out, '--shard', '4/3']), /--shard: must be i\/N/);
    },
    LONG,
  );
});

describe('width: shards and merge', () => {
  it(
    'merges shards 1/3…3/3 into the unsharded files byte for byte, GD alone and with SGD beside it on fixed sets',
    () => {
      for (const extra of [[], ['--batch', '4,8', '--n', '24', '--label-noise', '0.1']]) {
        const args = [
          'width',
          '--k',
          '16',
          '--width',
          '1,2',
          '--trials',
          '4',
          '--max-iter',
          '800',
          '--seed',
          '2',
          '--quiet',
          '--workers',
          '1',
        ];
        const dir = tmp(),
          all = join(dir, 'all'),
          shards = join(dir, 'parts'),
          merged = join(dir, 'merged');
        expect(cli([...args, ...extra, '--out', all]).status).toBe(0);
        for (const i of [1, 2, 3]) expect(cli([...args, ...extra, '--out', shards, '--shard', `${i}/3`]).status).toBe(0);
        const parts = [1, 2, 3].map((i) => join(shards, partFile(WIDTH_FILES[3], i, 3)));
        expect(readdirSync(shards).sort()).toStrictEqual(parts.map((p) => p.slice(shards.length + 1)));
        const r = cli(['merge', ...parts, '--out', merged]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout.includes('Success rate of SGD beside GD')).toBe(extra.length > 0);
        sameFiles(WIDTH_FILES, all, merged);
      }
    },
    LONG,
  );
});
