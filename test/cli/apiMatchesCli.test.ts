// The programmatic experiments API (src/index.ts): the same objects as the CLI's JSON files, in a
// worker pool and in this thread, files only with `out`, progress by callback, stops by AbortSignal;
// and the browser-safe core, checked without Node's types and run as the page runs it.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AbortError,
  batchRunner,
  createSimulator,
  parseSweepConfig,
  runFigure5,
  runSgd,
  runSweep,
  runSweepTrials,
  runTable1,
  type Progress,
} from '../../src/index.js';
import { readStore } from '../../src/experiments/node/store.js';
import { cli, tempDir } from '../helpers.js';

const LONG = 120_000;
/** The file's bytes are the object's JSON, as the CLI writes it (a config's unset fields are undefined, absent in JSON). */
const sameAsFile = (object: unknown, path: string) => expect(JSON.stringify(object, null, 2) + '\n').toBe(readFileSync(path, 'utf8'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `fn` with the working folder watched: the API without `out` must leave it as it was. */
async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = readdirSync(process.cwd()).sort();
  const result = await fn();
  expect(readdirSync(process.cwd()).sort()).toStrictEqual(before);
  return result;
}

const SWEEP = { seed: 3, trials: 40, grid: { k: [16, 25], vStarNorm: [1, 3], methods: ['resnet-ssw', 'cnn'] } };

describe('the API returns what the CLI writes', () => {
  it(
    'runTable1: in this thread and on two workers, without files; with out, the same files as the CLI',
    async () => {
      const dir = tempDir('shortcut-sim-api-');
      expect(
        cli(['table1', '--trials', '60', '--k', '16,36', '--seed', '4', '--preset', 'paper-fit', '--out', join(dir, 'cli'), '--quiet'])
          .status,
      ).toBe(0);
      const file = json(join(dir, 'cli', 'table1.json'));
      const options = { trials: 60, k: [16, 36], seed: 4, preset: 'paper-fit' as const };
      expect(await writesNothing(() => runTable1({ ...options, workers: 0 }))).toStrictEqual(file);
      sameAsFile(file, join(dir, 'cli', 'table1.json'));
      expect(await writesNothing(() => runTable1({ ...options, workers: 2 }))).toStrictEqual(file);
      await runTable1({ ...options, workers: 1, out: join(dir, 'api') });
      for (const f of ['table1.json', 'table1.csv', 'figure4.svg', 'table1.trials.jsonl'])
        expect(readFileSync(join(dir, 'api', f)).equals(readFileSync(join(dir, 'cli', f))), f).toBe(true);
    },
    LONG,
  );

  it(
    'runSweep: the aggregate file of `shortcut-sim sweep`',
    async () => {
      const dir = tempDir('shortcut-sim-api-'),
        config = join(dir, 's.json');
      writeFileSync(config, JSON.stringify(SWEEP));
      expect(cli(['sweep', '--config', config, '--out', join(dir, 's.jsonl'), '--quiet']).status).toBe(0);
      const file = join(dir, 's.aggregate.json');
      sameAsFile(await writesNothing(() => runSweep({ config: SWEEP, workers: 0 })), file);
      sameAsFile(await runSweep({ config: SWEEP, workers: 2, out: join(dir, 'a.jsonl'), aggregate: join(dir, 'a.json') }), file);
      expect(readFileSync(join(dir, 'a.json')).equals(readFileSync(join(dir, 's.aggregate.json')))).toBe(true);
      expect(readFileSync(join(dir, 'a.jsonl')).equals(readFileSync(join(dir, 's.jsonl')))).toBe(true);
    },
    LONG,
  );

  it(
    'runSgd (with a preset) and runFigure5: sgd.json and figure5.json',
    async () => {
      const dir = tempDir('shortcut-sim-api-');
      const args = ['--trials', '12', '--k', '16', '--batch', '2,8', '--methods', 'resnet-ssw,cnn', '--preset', 'paper-fit', '--quiet'];
      expect(cli(['sgd', ...args, '--out', join(dir, 'sgd')]).status).toBe(0);
      const sgd = await writesNothing(() =>
        runSgd({ trials: 12, k: [16], batch: [2, 8], methods: ['resnet-ssw', 'cnn'], preset: 'paper-fit', workers: 0 }),
      );
      expect(sgd).toStrictEqual(json(join(dir, 'sgd', 'sgd.json')));
      sameAsFile(sgd, join(dir, 'sgd', 'sgd.json'));
      expect(sgd.config.preset).toBe('paper-fit');
      // Its GD cells are Table 1's under the same preset, trial for trial.
      const table = await runTable1({ trials: 12, k: [16], methods: ['resnet-ssw', 'cnn'], preset: 'paper-fit', workers: 0 });
      expect(sgd.rows.filter((r) => r.batch === null).map(({ batch: _b, changedFate: _c, ...row }) => row)).toStrictEqual(table.rows);
      expect(cli(['figure5', '--seed', '2', '--out', join(dir, 'f5'), '--quiet']).status).toBe(0);
      const figure = await writesNothing(() => runFigure5({ seed: 2 }));
      expect(figure).toStrictEqual(json(join(dir, 'f5', 'figure5.json')));
      sameAsFile(figure, join(dir, 'f5', 'figure5.json'));
    },
    LONG,
  );

  it('refuses a bad workers count with the field named', async () => {
    await expect(runTable1({ trials: 1, workers: -1 })).rejects.toThrow(/^workers: must be a whole number from 0/);
    await expect(runSweep({ config: { trials: 0, grid: { k: 16 } }, workers: 0 })).rejects.toThrow(/trials: /);
  });
});

describe('progress and cancellation', () => {
  it(
    'calls onProgress with monotone counts from 0 to the total',
    async () => {
      for (const workers of [0, 2]) {
        const seen: Progress[] = [];
        await runSweep({ config: SWEEP, workers }, { onProgress: (p) => seen.push(p) });
        const total = 2 * 2 * 2 * SWEEP.trials;
        expect(seen[0]).toStrictEqual({ done: 0, total });
        expect(seen.at(-1)).toStrictEqual({ done: total, total });
        expect(seen.length).toBeGreaterThan(2);
        for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
      }
    },
    LONG,
  );

  it(
    'an abort stops the run, rejects with AbortError, keeps whole trials, and a rerun resumes to the same result',
    async () => {
      const dir = tempDir('shortcut-sim-api-'),
        config = { ...SWEEP, trials: 400 };
      const whole = await runSweep({ config, workers: 0 });
      for (const workers of [0, 2]) {
        const store = join(dir, `stopped-${workers}.jsonl`);
        const abort = new AbortController();
        let last = 0;
        const run = runSweep(
          { config, workers, out: store },
          {
            signal: abort.signal,
            onProgress: ({ done }) => {
              last = done;
              if (done > 0) abort.abort();
            },
          },
        );
        const error = await run.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AbortError);
        const { saved, total } = error as AbortError;
        expect(total).toBe(3200);
        expect(saved).toBeGreaterThan(0);
        expect(saved).toBeLessThan(total);
        expect(saved).toBeGreaterThanOrEqual(last);
        expect(readStore(store).records).toHaveLength(saved); // every finished trial, whole
        expect(existsSync(`${store}.lock`)).toBe(false);
        const seen: Progress[] = [];
        expect(await runSweep({ config, workers, out: store }, { onProgress: (p) => seen.push(p) })).toStrictEqual(whole);
        expect(seen[0].done).toBe(saved); // resumed
        const again: Progress[] = [];
        await runSweep({ config, workers, out: store }, { onProgress: (p) => again.push(p) });
        expect(again).toStrictEqual([{ done: total, total }]); // nothing left to do: done at the start
      }
    },
    LONG,
  );

  it('an abort before the start rejects at once; figure5 stops between its runs', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(runTable1({ trials: 10, workers: 0 }, { signal: abort.signal })).rejects.toBeInstanceOf(AbortError);
    await expect(runFigure5({}, { signal: abort.signal })).rejects.toBeInstanceOf(AbortError);
  });
});

describe('the browser-safe core', () => {
  it(
    'runs a sweep in this thread as the page does (core runSweepTrials), to the same aggregate',
    async () => {
      const config = parseSweepConfig({ ...SWEEP, trials: 20, grid: { ...SWEEP.grid, batch: [4] } });
      const run = batchRunner((engine) => createSimulator({ engine }));
      const core = await runSweepTrials(config, { engine: 'wasm', concurrency: 1, batchSize: 7, run }, {});
      expect(core).toStrictEqual(await runSweep({ config, workers: 2, engine: 'wasm' }));
    },
    LONG,
  );

  it(
    'type-checks without Node types, and the check fails on a node: import',
    () => {
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const check = (project: string) => spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
      const ok = check(join(ROOT, 'src', 'experiments', 'core'));
      expect(ok.stdout + ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      // The wrong variant: the same check over the core and one file that uses Node.
      const dir = tempDir('shortcut-sim-api-');
      mkdirSync(join(dir, 'src'));
      writeFileSync(
        join(dir, 'src', 'bad.ts'),
        "import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x', 'utf8');\n",
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: join(ROOT, 'src', 'experiments', 'core', 'tsconfig.json'),
          compilerOptions: { rootDir: '/' },
          include: [join(ROOT, 'src', 'experiments', 'core'), 'src'],
        }),
      );
      const bad = check(dir);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/bad\.ts.*Cannot find module 'node:fs'/);
    },
    LONG,
  );
});
