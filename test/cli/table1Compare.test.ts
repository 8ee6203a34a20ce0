// `shortcut-sim table1 --compare FILE`: the published cells beside the table in what it prints and
// writes, and a bad --compare refused with exit code 2 before anything is written.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.js';
import { compareTable1 } from '../../src/experiments/core/table1.js';
import { parseFitTarget } from '../../src/experiments/core/fitTarget.js';

const TARGET = join(import.meta.dirname, '../../examples/paper-table1.json');
const small = (out: string, ...more: string[]) => [
  'table1',
  '--trials',
  '40',
  '--k',
  '16,36',
  '--out',
  out,
  '--quiet',
  '--workers',
  '1',
  ...more,
];

describe('table1 --compare', () => {
  it('prints, writes to JSON and to CSV the published cells of the table and their gaps', () => {
    const out = tempDir('shortcut-sim-compare-');
    const r = cli(small(out, '--compare', TARGET));
    expect(r.status, r.stderr).toBe(0);
    const table = JSON.parse(readFileSync(join(out, 'table1.json'), 'utf8'));
    const target = parseFitTarget(JSON.parse(readFileSync(TARGET, 'utf8')));
    expect(table.comparison).toStrictEqual(JSON.parse(JSON.stringify(compareTable1(table.rows, target))));
    expect(table.comparison.cells).toHaveLength(6); // k = 16 and 36 of the three methods
    expect(table.comparison.notInTable).toHaveLength(6); // k = 64 and 100
    expect(r.stdout).toContain('  published      1.0000  1.0000');
    expect(r.stdout).toContain(`published: ${target.source}; 6 of its cells are at k or methods not run here`);
    const csv = readFileSync(join(out, 'table1.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0].endsWith(',published_trials,published_successes,published_rate,gap_se')).toBe(true);
    const cnn16 = table.comparison.cells.find((c: { k: number; method: string }) => c.k === 16 && c.method === 'cnn');
    expect(csv.find((l) => l.startsWith('cnn,16,'))!.endsWith(`,5000,2674,0.5348,${cnn16.gap}`)).toBe(true);
  });

  it('leaves the rows and the trials as they are without it (same trial file: the run resumes)', () => {
    const out = tempDir('shortcut-sim-compare-');
    expect(cli(small(out)).status).toBe(0);
    const plain = JSON.parse(readFileSync(join(out, 'table1.json'), 'utf8'));
    const trials = readFileSync(join(out, 'table1.trials.jsonl'), 'utf8');
    expect(plain.comparison).toBeUndefined();
    expect(cli(small(out, '--compare', TARGET)).status).toBe(0);
    const compared = JSON.parse(readFileSync(join(out, 'table1.json'), 'utf8'));
    expect(compared.rows).toStrictEqual(plain.rows);
    expect(readFileSync(join(out, 'table1.trials.jsonl'), 'utf8')).toBe(trials);
  });

  it.each([
    ['a missing file', () => 'nowhere.json', /^shortcut-sim: --compare: cannot read 'nowhere\.json'/],
    [
      'a rate out of range',
      (dir: string) => {
        const path = join(dir, 'bad.json');
        writeFileSync(path, JSON.stringify({ cells: [{ k: 16, method: 'cnn', trials: 10, rate: 1.5 }] }));
        return path;
      },
      /--compare: cells\[0\]\.rate: must be a rate from 0 to 1/,
    ],
    [
      'no cell at the k and methods of the table',
      (dir: string) => {
        const path = join(dir, 'elsewhere.json');
        writeFileSync(path, JSON.stringify({ cells: [{ k: 25, method: 'cnn', trials: 10, successes: 5 }] }));
        return path;
      },
      /--compare: none of its cells is at a k and method of this table \(k 16, 36; .*\); run their k and methods/,
    ],
  ])('refuses %s (exit code 2, nothing written)', (_what, file, message) => {
    const dir = tempDir('shortcut-sim-compare-'),
      out = join(dir, 'out');
    const r = cli(small(out, '--compare', file(dir)));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses it beside a shard of several, saying how to compare the merged run', () => {
    const r = cli(small(tempDir('shortcut-sim-compare-'), '--compare', TARGET, '--shard', '1/2'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^shortcut-sim: --compare: a shard prints no table; merge the shards, then `shortcut-sim table1 --compare /);
  });
});
