// `shortcut-sim width` (SPEC §9): its files at a small size, a resumed run's identical files, r = 1
// rows equal to Table 1's cells for the same trials, wide trials equal to `run` on wideTrialConfig,
// refused flags and options; the sweep's width and teacherWidth axes.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.js';
import { createSimulator, OUTCOME_NAMES, runWidth, type WidthOptions } from '../../src/index.js';
import { wideTrialConfig, type Method } from '../../src/presets.js';
import { parseSweepConfig, sweepCells } from '../../src/experiments/core/sweepConfig.js';
import { formatSweep, sweepAggregate } from '../../src/experiments/core/sweep.js';
import { cellProblems } from '../../src/experiments/core/cell.js';
import { quartiles, type WidthTable } from '../../src/experiments/core/width.js';
import { ConfigError } from '../../src/config.js';
import type { WideRunConfig } from '../../src/types.js';

const METHODS: Method[] = ['resnet-ssw', 'resnet-constant', 'cnn'];

describe('shortcut-sim width', () => {
  const dir = tempDir('shortcut-sim-width-');
  const args = ['--k', '16', '--width', '1,2', '--trials', '12', '--max-iter', '3000', '--seed', '3', '--workers', '2', '--quiet'];

  it('prints the outcome shares against r and writes width.json, width.csv, width.svg and the trial file', () => {
    const r = cli(['width', ...args, '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Share of 12 trials per cell by outcome against the student's width r \(teacher r\* = 1; 3000 steps; seed 3\)\nmethod\s+k\s+r\s+global\s+spurious\s+unconverged\s+diverged\s+unconverged L: q1\s+median\s+q3\n/,
    );
    for (const f of ['width.json', 'width.csv', 'width.svg', 'width.trials.jsonl']) expect(existsSync(join(dir, f))).toBe(true);
    const t = JSON.parse(readFileSync(join(dir, 'width.json'), 'utf8')) as WidthTable;
    expect(t.config).toEqual({ trials: 12, k: [16], width: [1, 2], teacherWidth: 1, methods: METHODS, maxIter: 3000 });
    expect(t.rows.map((x) => [x.method, x.width])).toEqual(
      METHODS.flatMap((m) => [
        [m, 1],
        [m, 2],
      ]),
    );
    for (const row of t.rows) {
      expect(row.trials).toBe(12);
      const o = row.outcomes;
      expect(o.global + o.spurious + o.unconverged + o.diverged).toBe(12);
      expect(row.shares).toEqual({ spurious: o.spurious / 12, unconverged: o.unconverged / 12, diverged: o.diverged / 12 });
      expect(row.unconvergedLoss === null).toBe(o.unconverged === 0);
    }
    const lines = readFileSync(join(dir, 'width.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'method,k,width,teacher_width,trials,successes,rate,ci_lo,ci_hi,global,spurious,unconverged,diverged,' +
        'mean_iterations,unconverged_loss_q1,unconverged_loss_median,unconverged_loss_q3',
    );
    expect(lines).toHaveLength(7);
    expect(readFileSync(join(dir, 'width.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('gives the r = 1 rows of Table 1 for the same trials and seed', () => {
    const t1 = tempDir('shortcut-sim-width-t1-');
    const r = cli(['table1', '--k', '16', '--trials', '12', '--seed', '3', '--workers', '1', '--quiet', '--out', t1]);
    expect(r.status, r.stderr).toBe(0);
    const w1 = tempDir('shortcut-sim-width-r1-');
    expect(
      cli(['width', '--k', '16', '--width', '1', '--trials', '12', '--seed', '3', '--workers', '1', '--quiet', '--out', w1]).status,
    ).toBe(0);
    const table1 = JSON.parse(readFileSync(join(t1, 'table1.json'), 'utf8')) as {
      rows: { k: number; method: string; outcomes: unknown; meanIterations: number }[];
    };
    const width = JSON.parse(readFileSync(join(w1, 'width.json'), 'utf8')) as WidthTable;
    expect(width.rows).toHaveLength(3);
    for (const row of width.rows) {
      const same = table1.rows.find((x) => x.k === row.k && x.method === row.method)!;
      expect({ outcomes: row.outcomes, meanIterations: row.meanIterations }).toEqual({
        outcomes: same.outcomes,
        meanIterations: same.meanIterations,
      });
    }
    // the trials themselves, one by one
    const trialsOf = (file: string) =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(trialsOf(join(w1, 'width.trials.jsonl'))).toEqual(trialsOf(join(t1, 'table1.trials.jsonl')));
  });

  it('runs each wide trial as `run` runs presets.wideTrialConfig, its final loss in the trial file', async () => {
    const lines = readFileSync(join(dir, 'width.trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l));
    const sim = await createSimulator({ engine: 'reduced' }); // the study's engine
    // cells in the order width, method: r = 2 cells are 3, 4, 5
    for (const [i, method] of METHODS.entries())
      for (const trial of [0, 7]) {
        const r = sim.run({ ...wideTrialConfig({ k: 16, method, trial, seed: 3, width: 2 }), maxIter: 3000 } as WideRunConfig);
        const rec = lines.find((x) => x.cell === 3 + i && x.trial === trial);
        expect({ outcome: rec.outcome, iterations: rec.iterations, loss: rec.loss }).toEqual({
          outcome: r.outcome,
          iterations: r.iterations,
          loss: r.loss,
        });
      }
  });

  it('resumes from its trial file: a second run writes the same files', () => {
    const before = ['width.json', 'width.csv', 'width.trials.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const r = cli(['width', ...args, '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(['width.json', 'width.csv', 'width.trials.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
  });

  it('gives the same files on every engine and its twin (the same bits), and the same one-filter cells on all', () => {
    const small = ['--k', '16', '--width', '1,2', '--trials', '4', '--max-iter', '1500', '--workers', '1', '--quiet'];
    const files = (engine: string) => {
      const out = tempDir(`shortcut-sim-width-${engine}-`);
      const r = cli(['width', ...small, '--engine', engine, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(readFileSync(join(out, 'width.json'), 'utf8')) as WidthTable;
    };
    const [wasm, js, reduced, reducedJs] = ['wasm', 'js', 'reduced', 'reduced-js'].map(files);
    expect(js).toEqual(wasm);
    expect(reducedJs).toEqual(reduced);
    // The reduced wide engine agrees with the vector kernel to rounding, not bit for bit: compare the r = 1 cells.
    const oneFilter = (t: WidthTable) => t.rows.filter((r) => r.width === 1);
    expect(oneFilter(reduced)).toEqual(oneFilter(wasm));
  });

  it.each([
    [['--width', '0'], /^shortcut-sim: --width: must be a whole number from 1 to 64 \(got '0'\)\n$/],
    [['--width', '2,2'], /^shortcut-sim: --width: lists 2 twice\n$/],
    [['--teacher-width', 'x'], /^shortcut-sim: --teacher-width: must be a whole number from 1 to 64 \(got 'x'\)\n$/],
    [['--k', '1'], /^shortcut-sim: --k: must be a whole number from 2 to 100000 \(got '1'\)\n$/],
    [['--max-iter', '-5'], /^shortcut-sim: --max-iter: must be a whole number from 0 to 1000000000 \(got '-5'\)\n$/],
    [['--methods', 'mlp'], /^shortcut-sim: --methods: 'mlp' is not a method/],
    [['--trials', '0'], /^shortcut-sim: --trials: must be a whole number from 1 to 10000000 \(got '0'\)\n$/],
    // The study's own complaints are named by the flags too.
    [['--trials', '5000000'], /\n {2}--trials: 3 k × 4 widths × 3 methods = 36 cells × 5000000 trials = 180000000 trials; at most 5000000/],
  ])('refuses %s with exit code 2 and one line', (flags, message) => {
    const r = cli(['width', '--out', join(dir, 'never'), ...flags]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('runWidth', () => {
  it.each([
    [{ width: [0] }, /width\[0\]: must be a whole number from 1 to 64/],
    [{ teacherWidth: 1.5 }, /teacherWidth: must be a whole number from 1 to 64/],
    [{ maxIter: -1 }, /maxIter: must be a whole number from 0/],
    [{ wide: true }, /wide/],
  ])('refuses %j before any work', async (options, message) => {
    await expect(runWidth(options as WidthOptions)).rejects.toThrow(message);
    await expect(runWidth(options as WidthOptions)).rejects.toBeInstanceOf(ConfigError);
  });

  it('runs in this thread and counts every trial', async () => {
    const t = await runWidth({ k: [5], width: [1, 3], teacherWidth: 2, trials: 3, maxIter: 200, methods: ['cnn'], workers: 0 });
    expect(t.config.teacherWidth).toBe(2);
    expect(t.rows.map((r) => [r.width, r.trials])).toEqual([
      [1, 3],
      [3, 3],
    ]);
  });
});

describe('sweep width axes', () => {
  it('make one cell per (teacherWidth, width), named in the cells, and leave other sweeps as they were', () => {
    const c = parseSweepConfig({ trials: 2, grid: { k: [6], width: [1, 2, 4], teacherWidth: 2, methods: ['cnn'] } });
    expect(c.grid.width).toEqual([1, 2, 4]);
    expect(c.grid.teacherWidth).toEqual([2]);
    expect(sweepCells(c).map((x) => [x.width, x.teacherWidth])).toEqual([
      [1, 2],
      [2, 2],
      [4, 2],
    ]);
    const plain = sweepCells(parseSweepConfig({ trials: 2, grid: { k: [6], methods: ['cnn'] } }));
    expect(plain[0]).not.toHaveProperty('width');
    expect(plain[0]).not.toHaveProperty('teacherWidth');
  });

  it('give a wide cell the problems of presets.wideTrialConfig', async () => {
    const [cell] = sweepCells(
      parseSweepConfig({ seed: 4, trials: 2, maxIter: 300, grid: { k: [7], p: [5], width: 3, teacherWidth: 2, methods: ['cnn'] } }),
    );
    const problemOf = cellProblems(cell);
    const sim = await createSimulator({ engine: 'js' });
    for (const trial of [0, 1, 5]) {
      const direct = sim.run({
        ...wideTrialConfig({ k: 7, p: 5, method: 'cnn', trial, seed: 4, width: 3, teacherWidth: 2 }),
        maxIter: 300,
      } as WideRunConfig);
      const summary = sim.runSummaries([problemOf(trial)]);
      expect([OUTCOME_NAMES[summary[0]], summary[1], summary[3]]).toEqual([direct.outcome, direct.iterations, direct.loss]);
    }
  });

  it('name r (and r*) in the printed sweep only when the grid lists them', () => {
    const wide = formatSweep(sweepAggregate(parseSweepConfig({ trials: 1, grid: { k: [6], width: [1, 3], methods: ['cnn'] } }), []));
    expect(wide.split('\n')[0]).toMatch(/^cell\s+k\s+p\s+r\s+method/);
    expect(wide.split('\n')[2]).toMatch(/^1\s+6\s+6\s+3\s+cnn/);
    const both = formatSweep(
      sweepAggregate(parseSweepConfig({ trials: 1, grid: { k: [6], width: 2, teacherWidth: 2, methods: ['cnn'] } }), []),
    );
    expect(both.split('\n')[0]).toMatch(/^cell\s+k\s+p\s+r\s+r\*\s+method/);
    const plain = formatSweep(sweepAggregate(parseSweepConfig({ trials: 1, grid: { k: [6], methods: ['cnn'] } }), []));
    expect(plain.split('\n')[0]).toMatch(/^cell\s+k\s+p\s+method/);
  });

  it.each([
    [{ width: 0 }, /grid\.width\[0\]: must be a whole number of filters from 1 to 64/],
    [{ teacherWidth: [1, 1] }, /grid\.teacherWidth: must not list a value twice/],
    [{ width: 65 }, /grid\.width\[0\]: must be a whole number of filters from 1 to 64/],
    [{ width: 2.5 }, /grid\.width\[0\]/],
    [{ width: [2], batch: [4] }, /grid\.width: must be 1 with sampled data/],
  ])('refuse %j', (grid, message) => {
    expect(() => parseSweepConfig({ trials: 2, grid: { k: [6], ...grid } })).toThrow(message);
  });
});

describe('quartiles', () => {
  it('interpolate between order statistics', () => {
    expect(quartiles([3])).toEqual([3, 3, 3]);
    expect(quartiles([4, 1, 3, 2, 5])).toEqual([2, 3, 4]);
    expect(quartiles([1, 2])).toEqual([1.25, 1.5, 1.75]);
  });
});
