// `shortcut-sim width` (SPEC §9): its files at a small size, a resumed run's identical files, r = 1
// rows equal to Table 1's cells for the same trials, wide trials equal to `run` on wideTrialConfig,
// refused flags and options; with --batch, SGD beside GD from the same starts (its trials equal to `run`
// on wideTrialConfig with their data, its changed fates recounted from the trial file); the sweep's width,
// teacherWidth and batch axes.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.js';
import { createSimulator, OUTCOME_NAMES, runWidth, trialSeed, type WidthOptions } from '../../src/index.js';
import { wideTrialConfig, type Method } from '../../src/presets.js';
import { parseSweepConfig, sweepCells } from '../../src/experiments/core/sweepConfig.js';
import { formatSweep, sweepAggregate } from '../../src/experiments/core/sweep.js';
import { cellProblems } from '../../src/experiments/core/cell.js';
import { quartiles, widthPlan, type WidthTable } from '../../src/experiments/core/width.js';
import { changedFates } from '../../src/experiments/core/sgdPairs.js';
import type { TrialRecord } from '../../src/experiments/core/run.js';
import { ConfigError } from '../../src/config.js';
import type { DataConfig, WideRunConfig } from '../../src/types.js';

const METHODS: Method[] = ['resnet-ssw', 'resnet-constant', 'cnn'];

/** A trial record's outcome, steps and final loss are a direct run's. */
function expectSameRun(
  rec: Pick<TrialRecord, 'outcome' | 'iterations' | 'loss'> | undefined,
  r: { outcome: string; iterations: number; loss: number },
) {
  expect({ outcome: rec?.outcome, iterations: rec?.iterations, loss: rec?.loss }).toEqual({
    outcome: r.outcome,
    iterations: r.iterations,
    loss: r.loss,
  });
}

/** `width` run again over its folder resumes from its trial file and writes the same files. */
function expectResumedTheSame(args: string[], dir: string) {
  const files = ['width.json', 'width.csv', 'width.trials.jsonl'];
  const before = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const r = cli(['width', ...args, '--out', dir]);
  expect(r.status, r.stderr).toBe(0);
  expect(files.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
}

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
        expectSameRun(
          lines.find((x) => x.cell === 3 + i && x.trial === trial),
          r,
        );
      }
  });

  it('resumes from its trial file: a second run writes the same files', () => {
    expectResumedTheSame(args, dir);
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

/** The trial records of a study's trial file. */
const trialsOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as TrialRecord);

describe('shortcut-sim width --batch: SGD beside GD from the same starts', () => {
  const dir = tempDir('shortcut-sim-width-sgd-'),
    gdDir = tempDir('shortcut-sim-width-gd-');
  const gdArgs = ['--k', '16', '--width', '1,2', '--trials', '8', '--max-iter', '1500', '--seed', '3', '--workers', '2', '--quiet'];
  const args = [...gdArgs, '--batch', '4,16', '--scale', 'none'];
  const spec = { trials: 8, k: [16], width: [1, 2], teacherWidth: 1, methods: METHODS, seed: 3, maxIter: 1500 };

  it('prints the GD table as without --batch, then GD, each batch size and the changed fates per (method, k, r)', () => {
    const r = cli(['width', ...args, '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    const gd = cli(['width', ...gdArgs, '--out', gdDir]);
    expect(gd.status, gd.stderr).toBe(0);
    expect(r.stdout.startsWith(`${gd.stdout}\n`)).toBe(true);
    expect(r.stdout.slice(gd.stdout.length + 1)).toMatch(
      /^Success rate of SGD beside GD from the same starts, and the share of starts whose success SGD changed \(! more than 5% unconverged\)\n\(online SGD; constant steps after each method's GD schedule, scaled by the batch: none\)\nmethod\s+k\s+r\s+GD\s+B=4\s+B=16\s+changed B=4\s+changed B=16\n(\S+\s+16\s+[12](\s+\d\.\d{3}[! ]?){5}\n){6}$/,
    );
    // The GD rows are the GD-only study's, with their batch (null) and no changed fate.
    const t = JSON.parse(readFileSync(join(dir, 'width.json'), 'utf8')) as WidthTable;
    expect(t.config.sgd).toEqual({ batch: [4, 16], n: null, labelNoise: 0, schedule: 'constant', scale: 'none' });
    expect(t.rows.map((x) => [x.method, x.width, x.batch])).toEqual(
      METHODS.flatMap((m) => [1, 2].flatMap((w) => [null, 4, 16].map((b) => [m, w, b]))),
    );
    expect(t.rows.filter((x) => x.batch !== null).every((x) => x.trials === 8 && typeof x.changedFate === 'number')).toBe(true);
    expect(t.rows.filter((x) => x.batch === null).every((x) => x.changedFate === null)).toBe(true);
    const lines = readFileSync(join(dir, 'width.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'method,k,width,teacher_width,batch,trials,successes,rate,ci_lo,ci_hi,global,spurious,unconverged,diverged,' +
        'mean_iterations,unconverged_loss_q1,unconverged_loss_median,unconverged_loss_q3,changed_fate',
    );
    expect(lines).toHaveLength(19);
    expect(lines[1]).toMatch(/^resnet-ssw,16,1,1,GD,8,.*,$/);
    expect(readFileSync(join(dir, 'width.svg'), 'utf8')).toContain('SGD batch size');
  });

  it('keeps the GD rows of the study without --batch, and recounts each changed fate from the trial file', () => {
    const t = JSON.parse(readFileSync(join(dir, 'width.json'), 'utf8')) as WidthTable;
    const alone = JSON.parse(readFileSync(join(gdDir, 'width.json'), 'utf8')) as WidthTable;
    expect(t.rows.filter((x) => x.batch === null).map(({ batch: _, changedFate: __, ...row }) => row)).toEqual(alone.rows);
    // Recounted: trial i of an SGD cell against trial i of the GD cell of its method and r.
    const { cells } = widthPlan({ ...spec, batch: [4, 16], scale: 'none' });
    const records = trialsOf(join(dir, 'width.trials.jsonl'));
    const success = (cell: number, trial: number) => records.find((x) => x.cell === cell && x.trial === trial)!.outcome === 'global';
    let changedSomewhere = false;
    for (const c of cells.filter((x) => x.data)) {
      const gd = cells.find((x) => !x.data && x.method === c.method && x.width === c.width)!;
      let changed = 0;
      for (let trial = 0; trial < 8; trial++) if (success(c.cell, trial) !== success(gd.cell, trial)) changed++;
      const row = t.rows.find((x) => x.method === c.method && x.width === c.width && x.batch === c.data!.batch)!;
      expect(row.changedFate).toBe(changed / 8);
      changedSomewhere ||= changed > 0;
    }
    expect(changedSomewhere).toBe(true); // the recount compares something
  });

  it("runs each SGD trial as `run` runs wideTrialConfig (or trialConfig) with its data: the GD trial's start, its own samples", async () => {
    const { cells } = widthPlan({ ...spec, batch: [4, 16], scale: 'none' });
    const records = trialsOf(join(dir, 'width.trials.jsonl'));
    // The wide ones on wasm (the default hands them on), the one-filter ones on the reduced engine, as the study runs them.
    const sims = { wasm: await createSimulator({ engine: 'wasm' }), reduced: await createSimulator({ engine: 'reduced' }) };
    for (const c of cells.filter((x) => x.data))
      for (const trial of [0, 5]) {
        const data: DataConfig = { kind: 'online', batch: c.data!.batch!, labelNoise: 0, seed: trialSeed(3, c.cell, trial) };
        const config = { ...wideTrialConfig({ k: 16, method: c.method, trial, seed: 3, width: c.width }), maxIter: 1500, data };
        const r = (c.width === 1 ? sims.reduced : sims.wasm).run(config as WideRunConfig);
        expectSameRun(
          records.find((x) => x.cell === c.cell && x.trial === trial),
          r,
        );
      }
  });

  it('resumes from its trial file, and gives the same SGD cells on wasm and its twin js', () => {
    expectResumedTheSame(args, dir);
    const small = ['--k', '16', '--width', '2', '--batch', '4', '--trials', '3', '--max-iter', '600', '--workers', '1', '--quiet'];
    const rows = (engine?: string) => {
      const out = tempDir('shortcut-sim-width-sgd-engine-');
      const r = cli(['width', ...small, ...(engine ? ['--engine', engine] : []), '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(readFileSync(join(out, 'width.json'), 'utf8')) as WidthTable).rows;
    };
    const [wasm, js, byDefault] = [rows('wasm'), rows('js'), rows()];
    expect(js).toEqual(wasm);
    // The default runs GD on the reduced wide engine (equal to rounding) and the SGD cells on wasm: the same SGD rows.
    const sgd = (t: WidthTable['rows']) => t.filter((x) => x.batch !== null).map(({ changedFate: _, ...x }) => x);
    expect(sgd(byDefault)).toEqual(sgd(wasm));
  });

  it.each([
    [
      ['--batch', '4', '--engine', 'reduced'],
      /^shortcut-sim: invalid config:\n {2}--engine: engine 'reduced' has no reduction for wide students on sampled data .*: run it with engine 'wasm' or 'js', or name no engine \(the default runs them on 'wasm'\)\n$/,
    ],
    [['--batch', '4', '--engine', 'reduced-js'], /--engine: engine 'reduced-js' has no reduction for wide students on sampled data/],
    [['--n', '40'], /^shortcut-sim: --n: describes the SGD cells; give --batch too\n$/],
    [['--label-noise', '0.1'], /^shortcut-sim: --label-noise: describes the SGD cells; give --batch too\n$/],
    [['--schedule', 'cosine'], /^shortcut-sim: --schedule: describes the SGD cells; give --batch too\n$/],
    [['--batch', '4,64', '--n', '40'], /^shortcut-sim: --batch: every batch size must be at most --n \(40\); got 64\n$/],
    [['--batch', '0'], /^shortcut-sim: --batch: must be a whole number from 1 to /],
    [['--batch', '4', '--label-noise', '-1'], /^shortcut-sim: --label-noise: must be a standard deviation ≥ 0 \(got '-1'\)\n$/],
    [['--batch', '4', '--scale', 'cubic'], /--scale/],
    [
      ['--batch', '4,16', '--trials', '5000000'],
      /\n {2}--trials: 3 k × 4 widths × 3 methods × 3 \(GD and each batch size\) = 108 cells × 5000000 trials/,
    ],
  ])('refuses %s with exit code 2, writing nothing', (flags, message) => {
    const r = cli(['width', '--out', join(dir, 'never'), ...flags]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('changedFates', () => {
  it('compares trial i of each SGD cell with trial i of the GD cell of the same start', () => {
    const config = parseSweepConfig({ trials: 3, grid: { k: [6], width: [1, 2], methods: ['cnn'] } });
    const gd = sweepCells(config),
      sgd = sweepCells(parseSweepConfig({ ...config, grid: { ...config.grid, batch: [4] } }), gd.length);
    const rec = (cell: number, trial: number, global: boolean): TrialRecord => ({
      cell,
      trial,
      seed: 1,
      outcome: global ? 'global' : 'spurious',
      iterations: 1,
      phi: 0,
      loss: 0,
    });
    // GD r = 1: ✓✓✗, r = 2: ✓✗✗; SGD r = 1: ✓✗✗ (one change), r = 2: ✗✓✗ (two)
    const outcomes = [
      [true, true, false],
      [true, false, false],
      [true, false, false],
      [false, true, false],
    ];
    const records = outcomes.flatMap((o, cell) => o.map((g, trial) => rec(cell, trial, g)));
    expect([...changedFates(gd, sgd, records)]).toEqual([
      [2, 1 / 3],
      [3, 2 / 3],
    ]);
    // A wrong pairing, each SGD cell against the other width's GD cell, gives other shares: the test tells them apart.
    const swapped = gd.map((c) => ({ ...c, width: 3 - c.width! }));
    expect([...changedFates(swapped, sgd, records)]).toEqual([
      [2, 0],
      [3, 1 / 3],
    ]);
  });
});

describe('runWidth', () => {
  it.each([
    [{ width: [0] }, /width\[0\]: must be a whole number from 1 to 64/],
    [{ teacherWidth: 1.5 }, /teacherWidth: must be a whole number from 1 to 64/],
    [{ maxIter: -1 }, /maxIter: must be a whole number from 0/],
    [{ wide: true }, /wide/],
    [{ batch: [4], engine: 'reduced' }, /engine: engine 'reduced' has no reduction for wide students on sampled data/],
    [{ n: 10 }, /n: describes the SGD cells; give batch too/],
    [{ batch: [8], n: 4 }, /batch\[0\]: must be at most n \(4\) \(got 8\)/],
    [{ batch: [4], schedule: 'linear' }, /schedule: must be one of 'constant', 'cosine', 'step-decay'/],
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

  it('runs SGD beside GD on fixed training sets, and on a named reduced engine when every student has one filter', async () => {
    const fixed = await runWidth({
      k: [5],
      width: [2],
      batch: [2, 4],
      n: 6,
      labelNoise: 0.1,
      trials: 2,
      maxIter: 100,
      methods: ['cnn'],
      workers: 0,
    });
    expect(fixed.config.sgd).toEqual({ batch: [2, 4], n: 6, labelNoise: 0.1, schedule: 'constant', scale: 'sqrt' });
    expect(fixed.rows.map((r) => [r.batch, r.trials])).toEqual([
      [null, 2],
      [2, 2],
      [4, 2],
    ]);
    const one = await runWidth({
      k: [5],
      width: [1],
      batch: [2],
      trials: 2,
      maxIter: 100,
      methods: ['cnn'],
      engine: 'reduced',
      workers: 0,
    });
    expect(one.rows.map((r) => r.batch)).toEqual([null, 2]);
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

  it.each([
    { kind: 'population', grid: {}, data: undefined },
    { kind: 'online', grid: { batch: [3] }, data: { kind: 'online', batch: 3, labelNoise: 0 } },
    { kind: 'fixed', grid: { batch: [3], n: [9], labelNoise: [0.2] }, data: { kind: 'fixed', n: 9, batch: 3, labelNoise: 0.2 } },
  ] as const)('give a wide cell on $kind data the problems of presets.wideTrialConfig (with its data)', async ({ grid, data }) => {
    const [cell] = sweepCells(
      parseSweepConfig({
        seed: 4,
        trials: 2,
        maxIter: 300,
        grid: { k: [7], p: [5], width: 3, teacherWidth: 2, methods: ['cnn'], ...grid },
      }),
    );
    const problemOf = cellProblems(cell);
    const sim = await createSimulator({ engine: 'js' });
    for (const trial of [0, 1, 5]) {
      const direct = sim.run({
        ...wideTrialConfig({ k: 7, p: 5, method: 'cnn', trial, seed: 4, width: 3, teacherWidth: 2 }),
        maxIter: 300,
        ...(data ? { data: { ...data, seed: trialSeed(4, cell.cell, trial) } } : {}),
      } as WideRunConfig);
      const summary = sim.runSummaries([problemOf(trial)]);
      expect([OUTCOME_NAMES[summary[0]], summary[1], summary[3]]).toEqual([direct.outcome, direct.iterations, direct.loss]);
      expect(direct.batchLoss === undefined).toBe(data === undefined); // sampled data or not
    }
  });

  it("under a scale rule a wide SGD cell's trap clock slows with its steps: a stretched warmup is no trap", async () => {
    const config = { trials: 1, maxIter: 600, scale: 'sqrt', grid: { k: [6], width: [1, 2], batch: [1, 64], methods: ['resnet-ssw'] } };
    const cells = sweepCells(parseSweepConfig(config));
    // B = 1: steps × 1/8, durations × 8 (warmup 500 → 4000); B = 64: as GD.
    expect(cells.map((c) => [c.width, c.data?.batch, c.maxIter])).toEqual([
      [1, 1, 4800],
      [2, 1, 4800],
      [1, 64, 600],
      [2, 64, 600],
    ]);
    const problemOf = cellProblems(cells[1]);
    const sim = await createSimulator({ engine: 'wasm' });
    for (const trial of [0, 1, 2, 3]) {
      const problem = problemOf(trial);
      const [outcome, iterations] = sim.runSummaries([problem]);
      expect([OUTCOME_NAMES[outcome], iterations]).toEqual(['unconverged', 4800]);
      // A clock of steps — a 1000-step window, here trapTime = 1000 × stage I's η_v (0.001, scaled by 1/8) —
      // calls the warmup's slow first stage a trap.
      const [wrong, at] = sim.runSummaries([{ ...problem, wide: { ...problem.wide!, trapTime: 1000 * (0.001 / 8) } }]);
      expect(OUTCOME_NAMES[wrong]).toBe('spurious');
      expect(at).toBeLessThan(4000);
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
    [{ width: [2], batch: [8], n: [4] }, /grid\.batch: must be at most every grid\.n/],
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
