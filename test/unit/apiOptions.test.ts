// The public functions check their options as the CLI checks its flags: every problem is one
// ConfigError line naming the option as the caller wrote it, unknown options are refused, and no
// work (no worker, no file) starts on bad input.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, createSimulator, presets, runFigure5, runSgd, runSweep, runTable1, runWidth, type Random } from '../../src/index.js';
import * as table1 from '../../src/experiments/node/table1.js';
import * as sgd from '../../src/experiments/node/sgd.js';
import * as width from '../../src/experiments/node/width.js';
import * as sweep from '../../src/experiments/node/sweep.js';
import * as figure5 from '../../src/experiments/node/figure5.js';
import * as simulator from '../../src/simulator.js';
import { maxWorkers } from '../../src/experiments/node/trials.js';
import { checkControl } from '../../src/experiments/options.js';
import { ENGINE_NAMES } from '../../src/engines.js';
import { tempDir } from '../helpers.js';

/** The lines of the ConfigError that `fn` throws or rejects with (anything else fails the test). */
async function issues(fn: () => unknown): Promise<string[]> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'a ConfigError').toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

const TINY = { trials: 1, k: [16], methods: ['cnn' as const], workers: 0 };
const SWEEP = { trials: 1, grid: { k: 16, methods: ['cnn'] } };
const ENGINES = ENGINE_NAMES.map((name) => `'${name}'`).join(', ');
const METHODS = "'resnet-ssw', 'resnet-constant', 'cnn'";

describe('bad options are ConfigErrors, one line per problem, named as the caller wrote them', () => {
  it.each([
    [NaN, 'NaN'],
    [-1, '-1'],
    [1.5, '1.5'],
    [2 ** 60, '1152921504606847000'],
    [Infinity, 'Infinity'],
    ['1', "'1'"],
  ])('runFigure5 refuses seed %s, as the CLI refuses --seed', async (seed, shown) => {
    expect(await issues(() => runFigure5({ seed: seed as number }))).toStrictEqual([
      `seed: must be a whole number from 0 to 1000000000 (got ${shown})`,
    ]);
  });

  it('runFigure5 refuses an unknown preset, listing the presets', async () => {
    expect(await issues(() => runFigure5({ preset: 'nope' as 'spec' }))).toStrictEqual([
      "preset: must be one of 'spec', 'paper-fit' (got 'nope')",
    ]);
  });

  it.each([
    [{ index: 1.5, count: 2 }, ['shard.index: must be a whole number from 1 to shard.count (2) (got 1.5)']],
    [{ index: 3, count: 2 }, ['shard.index: must be a whole number from 1 to shard.count (2) (got 3)']],
    [{ index: -1, count: 2 }, ['shard.index: must be a whole number from 1 to shard.count (2) (got -1)']],
    [
      { index: 0, count: 0 },
      ['shard.count: must be a whole number ≥ 1 (got 0)', 'shard.index: must be a whole number from 1 to shard.count (got 0)'],
    ],
    [{ index: 1, count: 1.5 }, ['shard.count: must be a whole number ≥ 1 (got 1.5)']],
    [{ index: 1 }, ['shard.count: is required (a whole number ≥ 1)']],
    [{ index: 1, count: 2, of: 3 }, ['shard.of: unknown option; shard takes index, count']],
    ['1/2', ["shard: must be { index, count }, shard index of count (got '1/2')"]],
  ])('runSweep refuses shard %j, as the CLI refuses --shard i/N', async (shard, expected) => {
    const dir = tempDir('shortcut-sim-options-');
    expect(await issues(() => runSweep({ config: SWEEP, workers: 0, shard: shard as never, out: join(dir, 's.jsonl') }))).toStrictEqual(
      expected,
    );
    expect(readdirSync(dir)).toStrictEqual([]); // refused before the store is opened
  });

  it.each([
    [null, 'null'],
    [[], 'an empty list'],
    [5, '5'],
    ['trials', "'trials'"],
    [new Map(), 'a Map'],
  ])('runTable1(%s) is refused: options must be an object', async (options, shown) => {
    expect(await issues(() => runTable1(options as never))).toStrictEqual([`options: must be an object (got ${shown})`]);
  });

  it('an unknown engine is refused before any worker starts or any file is written', async () => {
    const dir = tempDir('shortcut-sim-options-');
    const line = `engine: must be one of ${ENGINES} (got 'bogus')`;
    expect(await issues(() => runTable1({ ...TINY, workers: 2, engine: 'bogus' as 'js', out: dir }))).toStrictEqual([line]);
    expect(await issues(() => runSweep({ config: SWEEP, workers: 1, engine: 'bogus' as 'js', out: join(dir, 's.jsonl') }))).toStrictEqual([
      line,
    ]);
    expect(await issues(() => runSgd({ ...TINY, batch: [4], workers: 1, engine: 'bogus' as 'js' }))).toStrictEqual([line]);
    expect(await issues(() => runFigure5({ engine: 'bogus' as 'js' }))).toStrictEqual([line]);
    expect(readdirSync(dir)).toStrictEqual([]);
  });

  it('createSimulator names engine and its choices, and checks wasm and unknown options', async () => {
    expect(await issues(() => createSimulator({ engine: 'gpu' as 'js' }))).toStrictEqual([`engine: must be one of ${ENGINES} (got 'gpu')`]);
    expect(await issues(() => createSimulator({ wasm: 5 as never }))).toStrictEqual([
      'wasm: must be the engine as bytes (an ArrayBuffer or a typed array), a URL or a path (got 5)',
    ]);
    expect(await issues(() => createSimulator({ engine: 'js', engin: 'wasm' } as never))).toStrictEqual([
      "engin: unknown option; did you mean 'engine'?",
    ]);
    expect(await issues(() => createSimulator(null as never))).toStrictEqual(['options: must be an object (got null)']);
  });

  it('lists a problem once: runTable1({ trials: -1 })', async () => {
    expect(await issues(() => runTable1({ trials: -1 }))).toStrictEqual(['trials: must be a whole number from 1 to 10000000 (got -1)']);
  });

  it('refuses unknown options (plain JS makes no type check), with the nearest name', async () => {
    expect(await issues(() => runTable1({ trails: 10 } as never))).toStrictEqual(["trails: unknown option; did you mean 'trials'?"]);
    expect(await issues(() => runSgd({ ...TINY, 'label-noise': 0.1 } as never))).toStrictEqual([
      "label-noise: unknown option; did you mean 'labelNoise'?",
    ]);
    expect(await issues(() => runFigure5({ workers: 2 } as never))).toStrictEqual([
      'workers: unknown option; runFigure5 takes seed, preset, engine, out',
    ]);
    expect(await issues(() => runSweep({ config: SWEEP, shards: { index: 1, count: 2 } } as never))).toStrictEqual([
      "shards: unknown option; did you mean 'shard'?",
    ]);
  });

  it('names list entries as written (k[1], batch[0], methods[2]) and lists every problem at once', async () => {
    expect(
      await issues(() =>
        runSgd({ trials: 0, k: [16, 1.5], batch: [0, 4], methods: ['cnn', 'cnn', 'gd' as 'cnn'], labelNoise: -1, seed: -2, workers: 0 }),
      ),
    ).toStrictEqual([
      'trials: must be a whole number from 1 to 10000000 (got 0)',
      'k[1]: must be a whole number from 2 to 100000 (got 1.5)',
      'batch[0]: must be a whole number from 1 to 1000000 (got 0)',
      `methods[2]: must be one of ${METHODS} (got 'gd')`,
      'labelNoise: must be a standard deviation ≥ 0 (got -1)',
      'seed: must be a whole number from 0 to 1000000000 (got -2)',
    ]);
    expect(await issues(() => runTable1({ ...TINY, k: [16, 25, 16], methods: [] }))).toStrictEqual([
      'k: lists 16 twice',
      `methods: must be a non-empty list of methods: ${METHODS} (got an empty list)`,
    ]);
    expect(await issues(() => runTable1({ ...TINY, k: 16 as never }))).toStrictEqual([
      'k: must be a non-empty list of whole numbers from 2 to 100000 (got 16)',
    ]);
    expect(await issues(() => runSgd({ ...TINY, batch: [4, 64], n: 10 }))).toStrictEqual(['batch[1]: must be at most n (10) (got 64)']);
  });

  it('checks sizes as the CLI does, naming trials', async () => {
    expect(await issues(() => runTable1({ trials: 5_000_000, k: [16, 25], methods: ['cnn'], workers: 0 }))).toStrictEqual([
      'trials: 2 k × 1 methods = 2 cells × 5000000 trials = 10000000 trials; at most 5000000 trials in one run (fewer trials, k or methods)',
    ]);
  });

  it('the public checks refuse what the run refuses before any work: a training set too large for engine memory', async () => {
    const tooLarge = { ...TINY, batch: [4], n: 1_000_000_000 };
    const refusal = await issues(() => runSgd(tooLarge));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/^n: at k = 16, p = 16: a training set of 1000000000 samples .* engine memory/);
    expect(await issues(() => sgd.checkSgdOptions(tooLarge))).toStrictEqual(refusal);
    const wideTooLarge = { trials: 1, k: [16], width: [2], batch: [4], n: 1_000_000_000 };
    const wideRefusal = await issues(() => runWidth(wideTooLarge));
    expect(wideRefusal).toHaveLength(1);
    expect(await issues(() => width.checkWidthOptions(wideTooLarge))).toStrictEqual(wideRefusal);
  });

  it("names a sweep config's fields under config, and checks out, workers, quiet and the control argument", async () => {
    expect(await issues(() => runSweep({ config: { trials: 0, grid: { k: 16 } }, workers: 0 }))).toStrictEqual([
      'config.trials: must be a whole number ≥ 1',
    ]);
    expect(await issues(() => runSweep(undefined as never))).toStrictEqual(['config: is required (a sweep config object)']);
    expect(await issues(() => runSweep({ config: 'x.json' as never }))).toStrictEqual([
      "config: must be a sweep config object (got 'x.json')",
    ]);
    expect(await issues(() => runTable1({ ...TINY, out: 3 as never, quiet: 'no' as never, workers: 1.5 }))).toStrictEqual([
      'workers: must be a whole number from 0 (in this thread) to ' + maxWorkers() + ' (got 1.5)',
      "quiet: must be true or false (got 'no')",
      'out: must be a folder path (a non-empty string) (got 3)',
    ]);
    expect(await issues(() => runTable1(TINY, { onProgress: 1, signal: {}, stop: true } as never))).toStrictEqual([
      'control.onProgress: must be a function (got 1)',
      'control.signal: must be an AbortSignal (got an object)',
      'control.stop: unknown option; control takes onProgress, signal',
    ]);
    expect(await issues(() => runFigure5({}, null as never))).toStrictEqual(['control: must be an object (got null)']);
  });

  it('presets: teacher, trialConfig and the others name their arguments', () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).issues;
      }
      throw new Error('not refused');
    };
    expect(bad(() => presets.teacher({ k: -3 }))).toStrictEqual(['k: must be a whole number from 2 to 100000 (got -3)']);
    expect(bad(() => presets.trialConfig({ method: 'foo' } as never))).toStrictEqual([
      'k: is required (a whole number from 2 to 100000)',
      `method: must be one of ${METHODS} (got 'foo')`,
      'trial: is required (a whole number ≥ 0)',
    ]);
    expect(bad(() => presets.teacher(null as never))).toStrictEqual(['options: must be an object (got null)']);
    expect(bad(() => presets.teacher({ k: 16, seed: -1, vStarNorm: Infinity, aStarSum: NaN }))).toStrictEqual([
      'seed: must be a whole number from 0 to 1000000000, or a string (got -1)',
      'vStarNorm: must be a finite number (got Infinity)',
      'aStarSum: must be a finite number (got NaN)',
    ]);
    expect(bad(() => presets.trialConfig({ k: 16, method: 'cnn', trial: 0 }, presets.teacher({ k: 9 })))).toStrictEqual([
      'k: must be 9, the length of teacher.aStar (got 16)',
    ]);
    expect(bad(() => presets.trialConfig({ k: 2, method: 'cnn', trial: 0 }, { aStar: [1, NaN], wStar: [] }))).toStrictEqual([
      'teacher.aStar[1]: must be a finite number (got NaN)',
      'teacher.wStar: must be a non-empty list of finite numbers (got an empty list)',
    ]);
    expect(bad(() => presets.methodPreset('sgd' as 'cnn'))).toStrictEqual([`method: must be one of ${METHODS} (got 'sgd')`]);
    expect(bad(() => presets.figure5Config('cnn' as 'resnet-ssw', 1.5, -1, 'x' as 'spec'))).toStrictEqual([
      "method: must be one of 'resnet-ssw', 'resnet-constant' (got 'cnn')",
      'seed: must be a whole number from 0 to 1000000000, or a string (got 1.5)',
      'logEvery: must be a whole number from 0 to 1000000000 (got -1)',
      "preset: must be one of 'spec', 'paper-fit' (got 'x')",
    ]);
    expect(bad(() => presets.presetConstants('x' as 'spec', 0))).toStrictEqual([
      "preset: must be one of 'spec', 'paper-fit', or the constants { vStarNorm, aStarSum, aStarSpread, radiusScale } of a family member (got 'x')",
      'k: must be a whole number from 2 to 100000 (got 0)',
    ]);
    expect(bad(() => presets.presetConstants({ ...presets.SPEC_CONSTANTS, radiusScale: '1', kPower: 1 } as never, 16))).toStrictEqual([
      "preset.radiusScale: must be a finite number (got '1')",
      'preset.kPower: unknown option; preset takes vStarNorm, aStarSum, aStarSpread, radiusScale, vStarNormPower, aStarSumPower, aStarSpreadPower, radiusScalePower',
    ]);
    expect(bad(() => presets.uniformBall({} as Random, -1, NaN))).toStrictEqual([
      'rng: must be a Random (got an object)',
      'k: must be a whole number from 1 to 100000 (got -1)',
      'r: must be a finite number ≥ 0 (got NaN)',
    ]);
    expect(bad(() => presets.randomStarts({ k: 16, method: 'cnn' }, presets.teacher({ k: 16 }))(-1))).toStrictEqual([
      'trial: must be a whole number ≥ 0 (got -1)',
    ]);
    expect(presets.isPresetName(5 as never)).toBe(false);
  });

  it('keeps accepting what it accepted: undefined options are absent, the CLI values pass', async () => {
    const a = await runTable1({ ...TINY, seed: undefined, preset: undefined, quiet: true, signals: false });
    expect(a.rows).toHaveLength(1);
    expect((await runSweep({ config: SWEEP, workers: 0, shard: { index: 1, count: 1 } }))!.rows).toHaveLength(1);
    expect(await runSweep({ config: SWEEP, workers: 0, shard: { index: 2, count: 3 }, aggregate: '' })).toBeUndefined();
    expect((await runSgd({ ...TINY, batch: [4], n: 8, labelNoise: 0.1, engine: 'js' })).rows).toHaveLength(2);
    expect((await createSimulator({ engine: 'js', wasm: undefined })).engine).toBe('js');
    expect(
      presets.trialConfig({ k: 9, method: 'cnn', trial: 3, seed: 'word' }, presets.teacher({ k: 9, p: 40 })).teacher.wStar,
    ).toHaveLength(40);
  });
});

/** Values a caller (or a fuzzer) may put where an option is expected. */
const junk = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    1.5,
    16,
    1e9,
    2 ** 60,
    NaN,
    Infinity,
    '',
    'cnn',
    'js',
    'spec',
    null,
    undefined,
    true,
    [],
    {},
    [16],
    [16, 16],
    [1.5],
    ['cnn'],
    ['cnn', 'cnn'],
    { index: 1, count: 1 },
    { index: 2, count: 1 },
    { trials: 1, grid: { k: 16 } },
  ),
  fc.anything({
    maxDepth: 2,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
);

/** An options object: known names, near misses and random keys, with junk values. */
const optionsOf = (names: string[]) =>
  fc.dictionary(
    fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom('trails', 'Seed', 'label-noise', '__proto__', 'constructor', 'toString'),
      fc.string(),
    ),
    junk,
    { maxKeys: 4 },
  );

/** Each line names a field, says what is wrong, on one line; no line twice. */
function wellFormed(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/^[^\n]+: [^\n]+$/);
  expect(new Set(lines).size).toBe(lines.length);
}

/** `fn(input)` returns, or throws a well-formed ConfigError; never anything else. */
function checkOnly(fn: (input: never) => unknown, input: unknown): boolean {
  try {
    fn(input as never);
    return true;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    wellFormed(e.issues);
    return false;
  }
}

describe('random junk options give a ConfigError or a valid run, nothing else', () => {
  const TABLE1 = ['trials', 'k', 'methods', 'seed', 'preset', 'out', 'workers', 'engine', 'quiet', 'signals'];
  const SGD = [...TABLE1, 'batch', 'n', 'labelNoise', 'schedule', 'scale'];

  it('the option checks of every public function', () => {
    const cases: [(input: never) => unknown, string[]][] = [
      [table1.checkTable1Options, [...TABLE1, 'compare']],
      [sgd.checkSgdOptions, SGD],
      [sweep.checkSweepOptions, ['config', 'out', 'aggregate', 'shard', 'workers', 'engine', 'quiet', 'signals']],
      [figure5.checkFigure5Options, ['seed', 'preset', 'engine', 'out']],
      [simulator.checkSimulatorOptions, ['engine', 'wasm']],
      [(o) => presets.teacher(o), ['k', 'p', 'seed', 'vStarNorm', 'aStarSum', 'aStarSpread']],
      [(o) => presets.trialConfig(o), ['k', 'p', 'seed', 'method', 'trial', 'radiusScale', 'maxIter', 'schedule']],
      [(o) => checkControl(o), ['onProgress', 'signal']],
      [(o) => presets.presetConstants(o, 16), ['vStarNorm', 'aStarSum', 'aStarSpread', 'radiusScale', 'radiusScalePower']],
    ];
    for (const [check, names] of cases) {
      fc.assert(
        fc.property(fc.oneof(junk, optionsOf(names)), (input) => {
          checkOnly(check, input);
        }),
        { numRuns: 300 },
      );
    }
    fc.assert(
      fc.property(junk, junk, junk, junk, (method, seed, logEvery, preset) => {
        checkOnly(() => presets.figure5Config(method as never, seed as never, logEvery as never, preset as never), undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('runTable1, runSgd, runFigure5 and createSimulator end to end (tiny runs where the options are valid)', async () => {
    // Valid options that would write files or run long are left to the check alone.
    const tiny = (o: Record<string, unknown>) =>
      !('out' in o) &&
      (o.trials ?? 1) === 1 &&
      !((o.workers as number) > 0) &&
      (!Array.isArray(o.k) || o.k.every((k) => k <= 25)) &&
      (!Array.isArray(o.batch) || o.batch.length <= 2);
    const SLOW = new Set(['out', 'wasm']);
    const runs: [(o: never, control?: never) => Promise<unknown>, (o: never) => unknown, Record<string, unknown>, string[]][] = [
      [runTable1, table1.checkTable1Options, TINY, TABLE1],
      [runSgd, sgd.checkSgdOptions, { ...TINY, batch: [4] }, SGD],
      [runFigure5, figure5.checkFigure5Options, {}, ['seed', 'preset', 'engine']],
      [createSimulator, simulator.checkSimulatorOptions, {}, ['engine']],
    ];
    for (const [run, check, base, names] of runs) {
      await fc.assert(
        fc.asyncProperty(optionsOf(names), async (extra) => {
          const o = { ...base, ...extra };
          const valid = checkOnly(check, o);
          if (valid && (!tiny(o) || Object.keys(extra).some((k) => SLOW.has(k)))) return;
          let error: unknown;
          await run(o as never).catch((e: unknown) => {
            error = e;
          });
          if (valid) expect(error).toBeUndefined();
          else expect(error).toBeInstanceOf(ConfigError);
        }),
        { numRuns: 100 },
      );
    }
  }, 60_000);
});
