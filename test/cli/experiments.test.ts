// Experiments: the SPEC §6 patterns, and that worker counts, shards, engines and interrupted runs
// all give the same results as one plain run.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runTable1 } from '../../src/experiments/node/table1.js';
import { runFigure5 } from '../../src/experiments/node/figure5.js';
import { parseSweepConfig, runSweep, sweepCells } from '../../src/experiments/node/sweep.js';
import { writeMerged } from '../../src/experiments/node/merge.js';
import { parseShard } from '../../src/experiments/node/trials.js';
import { inTrialOrder, readStore, type TrialRecord } from '../../src/experiments/node/store.js';
import { spuriousA } from '../../src/config.js';
import { figure5Config } from '../../src/presets.js';
import { METHODS } from '../../src/presets.js';
import { CLI, cli, tempDir } from '../helpers.js';

const LONG = 120_000;

const read = (path: string) => readFileSync(path, 'utf8');

describe('table1 (SPEC §6.1 at 300 trials)', () => {
  let dir: string;
  let table: Awaited<ReturnType<typeof runTable1>>;
  const options = { trials: 300, k: [16, 25], methods: [...METHODS], seed: 1, engine: 'wasm' as const, quiet: true };

  beforeAll(async () => {
    dir = tempDir('shortcut-sim-');
    table = await runTable1({ ...options, out: dir, workers: 2 });
  }, LONG);

  const row = (method: string, k: number) => table.rows.find((r) => r.method === method && r.k === k)!;

  it('leaves its trial file complete and in (cell, trial) order', () => {
    const { records } = readStore(join(dir, 'table1.trials.jsonl'));
    expect(records).toHaveLength(300 * 2 * METHODS.length);
    const keys = records.map((r) => [r.cell, r.trial]);
    expect(keys).toStrictEqual([...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    expect(new Set(keys.map(String)).size).toBe(keys.length);
  });

  it('tells records in trial order from others (which the store then rewrites sorted)', () => {
    const r = (cell: number, trial: number) => ({ cell, trial }) as TrialRecord;
    expect(inTrialOrder([])).toBe(true);
    expect(inTrialOrder([r(0, 0), r(0, 1), r(1, 0)])).toBe(true);
    expect(inTrialOrder([r(0, 1), r(0, 0)])).toBe(false);
    expect(inTrialOrder([r(1, 0), r(0, 5)])).toBe(false);
    expect(inTrialOrder([r(0, 1), r(0, 1)])).toBe(false); // a repeat
  });

  it('shows the pattern: warmup always global, no warmup trapped at k = 16, CNN about half', () => {
    for (const k of [16, 25]) {
      expect(row('resnet-ssw', k).outcomes.global).toBe(300);
      expect(row('cnn', k).rate).toBeGreaterThan(0.35);
      expect(row('cnn', k).rate).toBeLessThan(0.65);
    }
    expect(row('resnet-constant', 16).rate).toBeLessThan(0.85);
    expect(row('resnet-constant', 16).outcomes.spurious).toBeGreaterThan(0);
  });

  it('writes the json, csv and svg files, consistent with each other', () => {
    const json = JSON.parse(read(join(dir, 'table1.json')));
    expect(json).toEqual(JSON.parse(JSON.stringify(table)));
    for (const r of json.rows) {
      expect(Object.values(r.outcomes as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(r.trials);
      expect(r.ci[0]).toBeLessThanOrEqual(r.rate);
      expect(r.ci[1]).toBeGreaterThanOrEqual(r.rate);
    }
    const csv = read(join(dir, 'table1.csv')).trim().split('\n');
    expect(csv).toHaveLength(1 + 6);
    expect(csv[1].split(',').slice(0, 4)).toEqual(['resnet-ssw', '16', '300', '300']);
    expect(read(join(dir, 'figure4.svg'))).toMatch(/^<svg[\s\S]*resnet-constant[\s\S]*<\/svg>$/);
  });

  it(
    'gives the same files, byte for byte, with one worker and the js engine',
    async () => {
      const again = tempDir('shortcut-sim-');
      await runTable1({ ...options, out: again, workers: 1, engine: 'js' });
      for (const f of ['table1.json', 'table1.csv', 'figure4.svg']) expect(read(join(again, f))).toBe(read(join(dir, f)));
      const [a, b] = [readStore(join(dir, 'table1.trials.jsonl')), readStore(join(again, 'table1.trials.jsonl'))];
      expect(b.records).toEqual(a.records);
    },
    LONG,
  );
});

describe('figure5 (SPEC §6.2)', () => {
  it(
    'warmup reaches the global optimum; the same start without warmup is trapped',
    async () => {
      const dir = tempDir('shortcut-sim-');
      const f = await runFigure5({ seed: 1, out: dir, engine: 'wasm' });
      const [ssw, constant] = f.runs;
      expect(ssw.outcome).toBe('global');
      expect(ssw.iterations).toBeGreaterThan(f.stageEnd);
      expect(constant.outcome).toBe('spurious');
      const last = constant.trajectory.at(-1)!;
      expect(last.phi).toBeGreaterThan(Math.PI - 0.05);
      // The trap's second layer ā has āᵀa* < 0, and so does the trapped run's a.
      const aStar = figure5Config('resnet-constant').teacher.aStar;
      expect(spuriousA(aStar).reduce((s, x, i) => s + x * aStar[i], 0)).toBeLessThan(0);
      expect(last.aDotAStar).toBeLessThan(0);
      // Stage I: φ barely moves while aᵀa* turns positive.
      const atStageEnd = ssw.trajectory.find((s) => s.t === f.stageEnd)!;
      expect(atStageEnd.aDotAStar).toBeGreaterThan(0);
      expect(ssw.trajectory[0].phi - atStageEnd.phi).toBeLessThan(0.5);
      const csv = read(join(dir, 'figure5.csv')).trim().split('\n');
      expect(csv).toHaveLength(1 + ssw.trajectory.length + constant.trajectory.length);
      expect(JSON.parse(read(join(dir, 'figure5.json')))).toEqual(JSON.parse(JSON.stringify(f)));
      expect(read(join(dir, 'figure5.svg'))).toContain('end of stage I');
    },
    LONG,
  );
});

const SMALL_SWEEP = {
  seed: 7,
  trials: 40,
  grid: { k: [16, 20], vStarNorm: [2, 3], methods: [{ method: 'resnet-ssw', warmup: [0, 200] }, 'resnet-constant', 'cnn'] },
};

describe('sweep config', () => {
  it('expands the grid in a fixed order, with schedule numbers replacing the preset ones', () => {
    const cells = sweepCells(parseSweepConfig(SMALL_SWEEP));
    expect(cells).toHaveLength(2 * 2 * 4);
    expect(cells.map((c) => c.cell)).toEqual(cells.map((_, i) => i));
    expect(cells.slice(0, 4).map((c) => [c.k, c.p, c.vStarNorm, c.method])).toEqual([
      [16, 16, 2, 'resnet-ssw'],
      [16, 16, 2, 'resnet-ssw'],
      [16, 16, 2, 'resnet-constant'],
      [16, 16, 2, 'cnn'],
    ]);
    expect(cells[0].schedule).toEqual({ kind: 'ssw', eta: 0.1, etaV1: 0.001, etaA1: 0.1, warmup: 0 });
    expect(cells[1].schedule).toEqual({ kind: 'ssw', eta: 0.1, etaV1: 0.001, etaA1: 0.1, warmup: 200 });
    expect(cells[4]).toMatchObject({ k: 16, vStarNorm: 3, aStarSum: 1, aStarSpread: 3, radiusScale: 1, maxIter: 5000, seed: 7 });
    expect(cells.at(-1)).toMatchObject({ k: 20, p: 20, vStarNorm: 3, method: 'cnn' });
  });
});

describe('sweep: workers, shards and merge', () => {
  it(
    'gives the same aggregate for 1 and 2 workers, both engines, and 3 shards merged',
    async () => {
      const dir = tempDir('shortcut-sim-');
      const config = parseSweepConfig(SMALL_SWEEP);
      const run = (name: string, extra: object) =>
        runSweep({
          config,
          out: join(dir, `${name}.jsonl`),
          aggregate: join(dir, `${name}.json`),
          engine: 'wasm',
          workers: 1,
          quiet: true,
          ...extra,
        });
      const plain = await run('plain', { shard: { index: 1, count: 1 } });
      expect(plain!.rows).toHaveLength(2 * 2 * 4);
      await run('two', { workers: 2 });
      await run('js', { workers: 2, engine: 'js' });
      for (const i of [1, 2, 3]) expect(await run(`part${i}`, { shard: { index: i, count: 3 } })).toBeUndefined();
      const parts = [1, 2, 3].map((i) => join(dir, `part${i}.jsonl`));
      const shardSizes = parts.map((p) => readStore(p).records.length);
      expect(shardSizes.reduce((s, n) => s + n, 0)).toBe(16 * 40);
      expect(Math.max(...shardSizes) - Math.min(...shardSizes)).toBeLessThanOrEqual(1);
      await writeMerged(parts, join(dir, 'merged.json'));
      // The aggregate, its CSV and its figure: the same bytes however the trials were run.
      for (const ext of ['json', 'csv', 'svg']) {
        const expected = read(join(dir, `plain.${ext}`));
        for (const name of ['two', 'js', 'merged']) expect(read(join(dir, `${name}.${ext}`)), `${name}.${ext}`).toBe(expected);
      }
      expect(read(join(dir, 'two.jsonl'))).toBe(read(join(dir, 'plain.jsonl')));
      // No file for a shard but its trials.
      for (const i of [1, 2, 3]) for (const ext of ['json', 'csv', 'svg']) expect(existsSync(join(dir, `part${i}.${ext}`))).toBe(false);
      // A shard alone is not the whole sweep.
      await expect(writeMerged(parts.slice(0, 2), join(dir, 'incomplete.json'))).rejects.toThrow(/trials are missing.*shards 1\/3, 2\/3/);
      for (const ext of ['json', 'csv', 'svg']) expect(existsSync(join(dir, `incomplete.${ext}`))).toBe(false);
    },
    LONG,
  );

  it(
    'merges shards run through the CLI into the unsharded aggregate',
    () => {
      const dir = tempDir('shortcut-sim-');
      const config = join(dir, 'grid.json');
      writeFileSync(config, JSON.stringify({ ...SMALL_SWEEP, trials: 10 }));
      expect(cli(['sweep', '--config', config, '--out', join(dir, 'all.jsonl'), '--quiet']).status).toBe(0);
      for (const i of [1, 2, 3])
        expect(
          cli(['sweep', '--config', config, '--shard', `${i}/3`, '--out', join(dir, `p${i}.jsonl`), '--quiet', '--workers', '1']).status,
        ).toBe(0);
      const merged = cli(['merge', ...[1, 2, 3].map((i) => join(dir, `p${i}.jsonl`)), '--out', join(dir, 'merged.json')]);
      expect(merged.status).toBe(0);
      expect(merged.stdout).toContain('resnet-constant');
      expect(read(join(dir, 'merged.json'))).toBe(read(join(dir, 'all.aggregate.json')));
      // The CSV and the figure beside the aggregate: NAME.csv and NAME.svg, as the unsharded run's.
      for (const ext of ['csv', 'svg']) expect(read(join(dir, `merged.${ext}`)), ext).toBe(read(join(dir, `all.${ext}`)));
      const unsharded = Object.fromEntries(['aggregate.json', 'csv', 'svg'].map((ext) => [ext, read(join(dir, `all.${ext}`))]));
      // Without --out: NAME.aggregate.json beside shards named NAME.part-i-of-N.jsonl; other names need --out.
      const named = [1, 2, 3].map((i) => join(dir, `all.part-${i}-of-3.jsonl`));
      named.forEach((path, i) => writeFileSync(path, read(join(dir, `p${i + 1}.jsonl`))));
      for (const ext of Object.keys(unsharded)) rmSync(join(dir, `all.${ext}`));
      expect(cli(['merge', ...named]).status).toBe(0);
      for (const [ext, text] of Object.entries(unsharded)) expect(read(join(dir, `all.${ext}`)), ext).toBe(text);
      const unnamed = cli(['merge', join(dir, 'p1.jsonl'), join(dir, 'p2.jsonl'), join(dir, 'p3.jsonl')]);
      expect(unnamed.status).toBe(2);
      expect(unnamed.stderr).toMatch(/--out: is required when the parts are not named NAME\.part-i-of-N\.jsonl/);
    },
    LONG,
  );
});

describe('sweep: interrupted and resumed', () => {
  const BIG = { seed: 3, trials: 1500, grid: { k: [16, 24], methods: ['resnet-ssw', 'cnn'] } };

  /** Starts the CLI, waits until at least `lines` trials are on disk, then sends `signal`. */
  function interrupt(
    args: string[],
    store: string,
    lines: number,
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const poll = setInterval(() => {
        if (existsSync(store) && read(store).split('\n').length > lines + 1) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 5);
      child.on('exit', (code, sig) => {
        clearInterval(poll);
        resolve({ code, signal: sig, stderr });
      });
      child.on('error', reject);
    });
  }

  it(
    'keeps finished trials on SIGTERM and SIGKILL, and resumes to the uninterrupted result',
    async () => {
      const dir = tempDir('shortcut-sim-');
      const config = join(dir, 'big.json');
      writeFileSync(config, JSON.stringify(BIG));
      const store = join(dir, 'big.jsonl');
      const args = ['sweep', '--config', config, '--out', store, '--workers', '1', '--quiet'];

      const term = await interrupt(args, store, 200, 'SIGTERM');
      expect(term.code).toBe(143);
      expect(term.stderr).toMatch(/interrupted by SIGTERM: \d+ of 6000 trials are saved .* run the same command again to resume/);
      expect(existsSync(join(dir, 'big.aggregate.json'))).toBe(false);
      const afterTerm = readStore(store).records.length;
      expect(afterTerm).toBeGreaterThanOrEqual(200);
      expect(afterTerm).toBeLessThan(6000);

      const kill = await interrupt(args, store, afterTerm + 200, 'SIGKILL');
      expect(kill.signal).toBe('SIGKILL');
      const afterKill = readStore(store).records.length;
      expect(afterKill).toBeLessThan(6000);
      // A kill in the middle of a write leaves a partial last line; resuming drops it.
      appendFileSync(store, '{"cell":1,"trial":12,"se');

      const resumed = cli(args);
      expect(resumed.status).toBe(0);

      const fresh = join(dir, 'fresh.jsonl');
      expect(cli(['sweep', '--config', config, '--out', fresh, '--workers', '2', '--quiet']).status).toBe(0);
      expect(read(store)).toBe(read(fresh));
      expect(read(join(dir, 'big.aggregate.json'))).toBe(read(join(dir, 'fresh.aggregate.json')));
      expect(readStore(store).records).toHaveLength(6000);
    },
    LONG,
  );

  it('refuses to resume a store made by another experiment', () => {
    const dir = tempDir('shortcut-sim-');
    const config = join(dir, 'a.json');
    writeFileSync(config, JSON.stringify({ ...SMALL_SWEEP, trials: 2 }));
    expect(cli(['sweep', '--config', config, '--out', join(dir, 'a.jsonl'), '--quiet']).status).toBe(0);
    writeFileSync(config, JSON.stringify({ ...SMALL_SWEEP, trials: 3 }));
    const r = cli(['sweep', '--config', config, '--out', join(dir, 'a.jsonl'), '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds trials of a different sweep');
  });
});

describe('bad input', () => {
  it.each([['0/3'], ['4/3'], ['x'], ['1/0'], ['2']])('rejects --shard %s', (spec) => {
    expect(() => parseShard(spec)).toThrow(
      `--shard: must be i/N with 1 ≤ i ≤ N, e.g. --shard 2/3 for the second of three shards (got '${spec}')`,
    );
    const r = cli(['sweep', '--config', 'examples/sweep.json', '--shard', spec, '--out', join(tempDir('shortcut-sim-'), 'x.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--shard: must be i/N');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [{ grid: { k: [16] } }, 'trials: is required'],
    [{ trials: 0, grid: { k: [16] } }, 'trials: must be a whole number ≥ 1'],
    [{ trials: 5 }, 'grid: is required'],
    [{ trials: 5, grid: { k: [1] } }, 'grid.k[0]: must be a whole number ≥ 2'],
    [{ trials: 5, grid: { k: 'sixteen' } }, 'grid.k: must be a number or a list of numbers'],
    [{ trials: 5, grid: { k: [16, 16] } }, 'grid.k: must not list a value twice'],
    [{ trials: 5, grid: { k: [16], kk: [3] } }, "grid: unknown field 'kk'; check the spelling"],
    [
      { trials: 5, grid: { k: [16], methods: ['resnet'] } },
      "grid.methods[0].method: must be one of 'resnet-ssw', 'resnet-constant', 'cnn'",
    ],
    [
      { trials: 5, grid: { k: [16], methods: [{ method: 'cnn', warmup: [10] }] } },
      "grid.methods[0]: unknown field 'warmup'; check the spelling",
    ],
    [
      { trials: 5, grid: { k: [16], methods: [{ method: 'resnet-ssw', etaV1: [-1] }] } },
      'grid.methods[0].etaV1[0]: must be a step size ≥ 0',
    ],
    [{ trials: 5, grid: { k: [16], aStarSum: 0, aStarSpread: [0, 1] } }, 'grid.aStarSpread: must not be 0 where grid.aStarSum is 0 too'],
  ])('rejects the sweep config %j', (config, message) => {
    expect(() => parseSweepConfig(config)).toThrow(message);
    const dir = tempDir('shortcut-sim-');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(config));
    const r = cli(['sweep', '--config', join(dir, 'bad.json'), '--out', join(dir, 'out.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid config:\n  ${message}`);
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  it('rejects bad table1 options with the option named', () => {
    const dir = tempDir('shortcut-sim-');
    for (const [args, message] of [
      [['--k', '16,x'], "--k: must be a whole number from 2 to 100000 (got 'x')"],
      [['--trials', '0'], "--trials: must be a whole number from 1 to 10000000 (got '0')"],
      [['--methods', 'resnet'], "--methods: 'resnet' is not a method"],
      [['--workers', 'many'], `--workers: must be a whole number from 1 to ${4 * availableParallelism()} (got 'many')`],
    ] as const) {
      const r = cli(['table1', ...args, '--out', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(join(dir, 'table1.json'))).toBe(false);
  });
});
