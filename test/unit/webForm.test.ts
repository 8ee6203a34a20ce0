// The web page's form → run config / sweep plan translation, in Node: the presets it must
// reproduce and the CLI messages it must show, each under the right control.
import { describe, it, expect } from 'vitest';
import {
  FIGURE5_FORM,
  FORM_LABEL,
  RUN_FIELDS,
  SWEEP_FIELDS,
  fieldOfIssue,
  labelledIssue,
  isWideConfig,
  populationSweep,
  presetFields,
  runConfigFrom,
  sweepConfigFrom,
  pageLogEvery,
  PLOT_SAMPLES,
  stepSizes,
  type FormValues,
} from '../../web/form.js';
import { FIELD_UI } from '../../web/fieldTable.js';
import { parseSweepConfig, sweepCells } from '../../src/experiments/core/sweepConfig.js';
import { type ConfigError, parseRunConfig } from '../../src/config.js';
import { figure5Config, trialConfig, teacher, wideTrialConfig, METHODS, presetConstants } from '../../src/presets.js';
import { table1Plan } from '../../src/experiments/core/table1.js';
import { MAX_DIMENSION } from '../../src/limits.js';

const form = (changes: Partial<FormValues>): FormValues => ({ ...FIGURE5_FORM, ...changes });

/** A message without the name it starts with (the CLI's config path, or the page's label). */
const body = (line: string) => line.slice(line.indexOf(':'));

/** The messages parseRunConfig (the CLI's validation) gives for a config. */
function cliIssues(config: unknown): string[] {
  try {
    parseRunConfig(config);
    return [];
  } catch (e) {
    return (e as ConfigError).issues;
  }
}

describe('web form → run config', () => {
  it('reproduces the SPEC §6.2 presets of src/presets.ts, with and without warmup', () => {
    for (const [schedule, method] of [
      ['ssw', 'resnet-ssw'],
      ['constant', 'resnet-constant'],
    ] as const) {
      const checked = runConfigFrom(form({ schedule }));
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const config = checked.value;
      expect(parseRunConfig(config)).toEqual(parseRunConfig({ ...figure5Config(method), logEvery: config.logEvery }));
    }
  });

  it('draws random starts from presets.trialConfig, the same start for both ResNet schedules', () => {
    const ssw = runConfigFrom(form({ start: 'random', initSeed: '7', radius: '0.5' }));
    const constant = runConfigFrom(form({ start: 'random', initSeed: '7', radius: '0.5', schedule: 'constant' }));
    const cnn = runConfigFrom(form({ start: 'random', initSeed: '7', radius: '0.5', model: 'cnn', schedule: 'constant' }));
    if (!ssw.ok || !constant.ok || !cnn.ok) throw new Error('expected valid configs');
    const t = teacher({ k: 16, seed: 1 }); // the teacher seed; the init seed is 7
    const expected = trialConfig({ k: 16, method: 'resnet-ssw', trial: 0, seed: 7, radiusScale: 0.5 }, t);
    expect(ssw.value.init).toEqual(expected.init);
    expect(constant.value.init).toEqual(expected.init);
    expect(cnn.value.init).toEqual(trialConfig({ k: 16, method: 'cnn', trial: 0, seed: 7, radiusScale: 0.5 }, t).init);
    expect(cnn.value.model).toBe('cnn');
  });

  it('keeps the plot to about PLOT_SAMPLES samples', () => {
    expect(pageLogEvery(5000)).toBe(Math.ceil(5000 / PLOT_SAMPLES));
    expect(pageLogEvery(100)).toBe(1);
    const checked = runConfigFrom(form({ maxIter: '' }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.value.maxIter).toBeUndefined(); // missing: the CLI default, 5000
    expect(checked.value.logEvery).toBe(pageLogEvery(5000));
  });

  it("files the CLI's own messages under the controls they are about", () => {
    const bad = runConfigFrom(form({ etaV1: '-1', warmup: '' }));
    const config = figure5Config('resnet-ssw');
    const cli = cliIssues({ ...config, schedule: { kind: 'ssw', eta: 0.1, etaA1: 0.1, etaV1: -1 } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(cli).toEqual(['schedule.etaV1: must be a step size ≥ 0', 'schedule.warmup: is required']);
    // The CLI's sentences, named as the form labels the fields.
    expect(bad.errors.etaV1).toEqual(['ηᵥ in stage I: must be a step size ≥ 0']);
    expect(bad.errors.warmup).toEqual(['T₁: is required']);
  });

  it('passes what a user typed to the validation as is', () => {
    const typo = runConfigFrom(form({ schedule: 'constant', etaA: '0.1.', maxIter: '10.5' }));
    expect(typo.ok || typo.errors).toEqual({
      etaA: ['ηₐ: must be a number'],
      maxIter: ['max steps: must be a whole number of steps ≥ 0'],
    });
  });

  it('asks the CNN for a start of its own rather than the ResNet-only §6.2 start', () => {
    const checked = runConfigFrom(form({ model: 'cnn' }));
    const cli = cliIssues({ ...figure5Config('resnet-ssw'), model: 'cnn' })[0];
    expect(cli).toMatch(/^init\.w0: /);
    expect(checked.ok || checked.errors.start).toEqual([`start${body(cli)}`]);
  });

  it('checks the preset options that are not part of a run config, naming the field', () => {
    const checked = runConfigFrom(form({ k: '1', vStarNorm: '-2', teacherSeed: ' ', radius: 'x' }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['k', 'radius', 'teacherSeed', 'vStarNorm']);
    expect(Object.values(checked.errors).map((lines) => lines![0].slice(0, lines![0].indexOf(':')))).toEqual(['k', 'seed', '‖v*‖', 'r']);
  });

  it("shows every problem at once, the schedule's too when the teacher cannot be built", () => {
    const checked = runConfigFrom(form({ k: '1', radius: 'x', etaV1: '-1', maxIter: '-5' }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['etaV1', 'k', 'maxIter', 'radius']);
    expect(checked.errors.etaV1).toEqual(['ηᵥ in stage I: must be a step size ≥ 0']);
    // Valid fields beside a bad one give no messages of their own.
    const one = runConfigFrom(form({ k: '1' }));
    expect(one.ok || Object.keys(one.errors)).toEqual(['k']);
  });

  it('accepts k and p up to the limit sweep configs accept (src/limits.ts; `table1 --k`: test/cli/cliAbuse.test.ts), no further', () => {
    expect(runConfigFrom(form({ k: String(MAX_DIMENSION), p: String(MAX_DIMENSION) })).ok).toBe(true);
    const over = runConfigFrom(form({ k: String(MAX_DIMENSION + 1) }));
    expect(over.ok || over.errors.k![0]).toMatch(new RegExp(`^k: must be a whole number from 2 to ${MAX_DIMENSION}\\b`));
    expect(sweepConfigFrom(form({ ks: String(MAX_DIMENSION) })).ok).toBe(true);
    const sweepOver = sweepConfigFrom(form({ ks: String(MAX_DIMENSION + 1) }));
    expect(sweepOver.ok || sweepOver.errors.ks).toEqual([`k values, first value: must be at most ${MAX_DIMENSION}`]);
  });

  it('maps config paths to controls by whole path segments', () => {
    expect(fieldOfIssue('schedule.etaA1: must be a step size ≥ 0')).toBe('etaA1');
    expect(fieldOfIssue('schedule.etaA: must be a step size ≥ 0')).toBe('etaA');
    expect(fieldOfIssue('teacher.aStar[3]: must be a finite number')).toBe('k');
    expect(fieldOfIssue('init.w0: is required')).toBe('start');
    expect(fieldOfIssue('config: must be a JSON object')).toBe('form');
  });

  it('names every config path the forms make by the label of its control, and which value of a list', () => {
    for (const [fields, paths] of [
      [RUN_FIELDS, RUN_FIELDS],
      [SWEEP_FIELDS, SWEEP_FIELDS],
    ] as const)
      for (const [path, field] of paths) {
        const { message } = labelledIssue(`${path}: must be right`, fields);
        expect(message).toBe(`${field === 'form' ? FORM_LABEL : FIELD_UI[field].label}: must be right`);
      }
    expect(labelledIssue('grid.k[1]: must be at most 100000', SWEEP_FIELDS).message).toBe('k values, second value: must be at most 100000');
    expect(labelledIssue('grid.batch[11]: must be a whole batch size ≥ 1', SWEEP_FIELDS).message).toBe(
      'batch sizes, value 12: must be a whole batch size ≥ 1',
    );
    // A scalar control (its one value sent as a list of one) has no "first value".
    expect(labelledIssue('grid.vStarNorm[0]: must be a length from 0 to 1000', SWEEP_FIELDS).message).toBe(
      '‖v*‖: must be a length from 0 to 1000',
    );
    // Paths inside the sentence are named too, when they are a control's own.
    expect(labelledIssue('grid.aStarSpread: must not be 0 where grid.aStarSum is 0 too (a* would be zero)', SWEEP_FIELDS).message).toBe(
      '‖a* − mean‖: must not be 0 where 1ᵀa* is 0 too (a* would be zero)',
    );
    expect(labelledIssue("init.w0: is required for model 'cnn' (one entry per teacher.wStar entry)").message).toBe(
      "start: is required for model 'cnn' (one entry per teacher.wStar entry)",
    );
  });
});

describe('web form → run config on sampled data', () => {
  it('adds the data field of the chosen kind to the §6.2 run, and none for the population', () => {
    const base = figure5Config('resnet-ssw');
    const config = (changes: Partial<FormValues>) => {
      const checked = runConfigFrom(form(changes));
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return parseRunConfig(checked.value);
    };
    const same = (data: unknown) => parseRunConfig({ ...base, logEvery: pageLogEvery(5000), data });
    expect(config({}).data).toBeUndefined();
    expect(config({ data: 'online', batch: '16', dataSeed: '7' })).toEqual(same({ kind: 'online', batch: 16, seed: 7 }));
    expect(config({ data: 'fixed', n: '300', batch: '', labelNoise: '0.1' })).toEqual(
      same({ kind: 'fixed', n: 300, labelNoise: 0.1, seed: 1 }),
    );
    expect(config({ data: 'fixed', n: '300', batch: '30' }).data).toEqual({ kind: 'fixed', n: 300, batch: 30, labelNoise: 0, seed: 1 });
  });

  it("files the CLI's messages about data under the data fields, all at once", () => {
    const checked = runConfigFrom(form({ data: 'fixed', n: '10', batch: '20', labelNoise: '-1', dataSeed: '' }));
    if (checked.ok) throw new Error('expected errors');
    const issues = cliIssues({ ...figure5Config('resnet-ssw'), data: { kind: 'fixed', n: 10, batch: 20, labelNoise: -1 } });
    expect(Object.values(checked.errors).flat().map(body).sort()).toEqual(issues.map(body).sort());
    expect(checked.errors.labelNoise).toEqual(['s: must be a standard deviation ≥ 0']);
    expect(checked.errors.dataSeed![0]).toMatch(/^seed: is required/);
    // batch ≤ n is checked once the fields themselves are valid.
    const tooBig = runConfigFrom(form({ data: 'fixed', n: '10', batch: '20' }));
    expect(tooBig.ok || tooBig.errors).toEqual({
      batch: ['B: must be at most n (10): a mini-batch is drawn from the training set'],
    });
    const online = runConfigFrom(form({ data: 'online', batch: '0', k: '1' }));
    expect(online.ok || Object.keys(online.errors).sort()).toEqual(['batch', 'k']);
    expect(online.ok || online.errors.batch).toEqual(['B: must be a whole batch size ≥ 1']);
  });

  it("refuses a run too large for the live engine's memory, with its size, under the field to change", () => {
    const checked = runConfigFrom(form({ data: 'fixed', n: '1000000', batch: '10' }));
    expect(checked.ok || checked.errors.n![0]).toMatch(
      /^n: a training set of 1000000 samples of k·p = 256 values needs 1\.92 GiB .*\(n ≤ 521232/,
    );
    // Online SGD on the live engine holds one sample of k·p values: refused under the data choice.
    const wide = runConfigFrom(form({ data: 'online', batch: '1', k: '12000', p: '12000' }));
    expect(wide.ok || wide.errors.data![0]).toMatch(
      /^data: an online sample of k·p = 144000000 values needs 1\.07 GiB of engine memory on engine 'wasm'/,
    );
  });
});

describe('web form → success-rate sweep', () => {
  it("sweeps SGD over the batch sizes on the form's data, with GD from the same starts as the reference", () => {
    const checked = sweepConfigFrom(form({ ks: '16', trials: '10', batches: '1, 4 16', data: 'fixed', n: '100', labelNoise: '0.1' }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.value).toEqual(parseSweepConfig({ trials: 10, grid: { k: [16], batch: [1, 4, 16], n: [100], labelNoise: [0.1] } }));
    expect(populationSweep(checked.value)).toEqual(parseSweepConfig({ trials: 10, grid: { k: [16] } }));
    // Online when the form's data is online or the population; label noise only from sampled data.
    const online = sweepConfigFrom(form({ ks: '16', trials: '10', batches: '4', labelNoise: '0.3' }));
    expect(online.ok && online.value).toEqual(parseSweepConfig({ trials: 10, grid: { k: [16], batch: [4] } }));
    const noBatches = sweepConfigFrom(form({ ks: '16', trials: '10', data: 'fixed' }));
    expect(noBatches.ok && noBatches.value).toEqual(parseSweepConfig({ trials: 10, grid: { k: [16] } }));
  });

  it("shows the CLI's messages about batch sizes under the batch sizes", () => {
    const bad = sweepConfigFrom(form({ batches: '0, 4, 4' }));
    expect(bad.ok || bad.errors).toEqual({
      batches: ['batch sizes, first value: must be a whole batch size ≥ 1', 'batch sizes: must not list a value twice'],
    });
    const overN = sweepConfigFrom(form({ batches: '4, 64', data: 'fixed', n: '32' }));
    expect(overN.ok || overN.errors).toEqual({ batches: ['batch sizes: must be at most every n: batch 64 > n 32'] });
    // The sweep's engine draws B·2k normals a step: a batch past its memory is refused with the largest that fits.
    const huge = sweepConfigFrom(form({ ks: '16', batches: '16777216' }));
    expect(huge.ok || huge.errors.batches![0]).toMatch(
      /^batch sizes: at k = 16, p = 16: a batch of 16777216 samples .* batch ≤ 4194298 here/,
    );
  });

  it('is a config of `shortcut-sim sweep`: every k with p = k × the three methods', () => {
    const checked = sweepConfigFrom(form({ ks: '25, 16', trials: '10', sweepSeed: '4', vStarNorm: '2', radius: '0.5' }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.value).toEqual(
      parseSweepConfig({
        seed: 4,
        trials: 10,
        maxIter: 5000,
        grid: { k: [25, 16], vStarNorm: 2, aStarSum: 1, aStarSpread: 3, radiusScale: 0.5 },
      }),
    );
    const cells = sweepCells(checked.value);
    expect(cells.map((c) => [c.k, c.p, c.method])).toEqual([25, 16].flatMap((k) => METHODS.map((m) => [k, k, m])));
  });

  it("shows the CLI's sweep messages under the sweep's fields", () => {
    const checked = sweepConfigFrom(form({ ks: '16, x, 16', trials: '0', sweepSeed: '-1' }));
    if (checked.ok) throw new Error('expected errors');
    const cli = (() => {
      try {
        parseSweepConfig({ seed: -1, trials: 0, grid: { k: [16, NaN, 16] } });
        return [];
      } catch (e) {
        return (e as ConfigError).issues;
      }
    })();
    expect(Object.values(checked.errors).flat().map(body).sort()).toEqual(cli.map(body).sort());
    expect(Object.keys(checked.errors).sort()).toEqual(['ks', 'sweepSeed', 'trials']);
    expect(checked.errors.ks).toEqual(['k values, second value: must be a whole number ≥ 2']);
  });
});

describe('web form presets (spec, paper-fit)', () => {
  it("a preset fills the teacher constants and r at the form's k; runs are trialConfig with them", () => {
    const v = presetFields(form({ preset: 'paper-fit', k: '36', p: '36', start: 'random', initSeed: '3' }));
    const c = presetConstants('paper-fit', 36);
    expect([v.vStarNorm, v.aStarSum, v.aStarSpread, v.radius].map(Number)).toStrictEqual([
      c.vStarNorm,
      c.aStarSum,
      c.aStarSpread,
      c.radiusScale,
    ]);
    expect(presetConstants('paper-fit', 36)).not.toStrictEqual(presetConstants('spec', 36)); // the check can fail
    const run = runConfigFrom(v);
    if (!run.ok) throw new Error(JSON.stringify(run.errors));
    const t = teacher({ k: 36, p: 36, seed: 1, ...c });
    expect(run.value.teacher).toEqual(t);
    expect(run.value.init).toEqual(
      trialConfig({ k: 36, p: 36, method: 'resnet-ssw', trial: 0, seed: 3, radiusScale: c.radiusScale }, t).init,
    );
    expect(presetFields(form({ preset: 'spec', vStarNorm: '7' })).vStarNorm).toBe('3');
  });

  it("a sweep under a preset is the sweep of `table1 --preset` (each k takes the preset's constants); an edited constant is listed", () => {
    for (const name of ['spec', 'paper-fit'] as const) {
      const v = presetFields(form({ preset: name, ks: '16, 36, 64', trials: '50', sweepSeed: '2' }));
      const checked = sweepConfigFrom(v);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const table1 = table1Plan({ trials: 50, k: [16, 36, 64], methods: [...METHODS], seed: 2, preset: name });
      expect(checked.value).toEqual(table1.sweep);
      expect(sweepCells(checked.value)).toStrictEqual(table1.cells);
    }
    const edited = sweepConfigFrom({ ...presetFields(form({ preset: 'paper-fit', ks: '16, 36' })), vStarNorm: '2' });
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    expect(edited.value.preset).toBe('paper-fit');
    expect(edited.value.grid.vStarNorm).toStrictEqual([2]);
    expect(edited.value.grid.radiusScale).toBeUndefined();
  });
});

describe('web form → a wide student (SPEC §9)', () => {
  it("the width control r gives presets.wideTrialConfig's start against the form's teacher, the same for both ResNet schedules", () => {
    const ssw = runConfigFrom(form({ start: 'random', initSeed: '7', radius: '0.5', width: '3' }));
    const constant = runConfigFrom(form({ start: 'random', initSeed: '7', radius: '0.5', width: '3', schedule: 'constant' }));
    const cnn = runConfigFrom(form({ start: 'random', initSeed: '7', width: '2', model: 'cnn', schedule: 'constant' }));
    if (!ssw.ok || !constant.ok || !cnn.ok) throw new Error('expected valid configs');
    const t = teacher({ k: 16, seed: 1 }),
      wide = { aStar: [t.aStar], wStar: [t.wStar] };
    const expected = wideTrialConfig({ k: 16, method: 'resnet-ssw', trial: 0, seed: 7, radiusScale: 0.5, width: 3 }, wide);
    expect(ssw.value.init).toEqual(expected.init);
    expect((ssw.value.init.a0 as number[][]).length).toBe(3);
    expect(isWideConfig(ssw.value)).toBe(true);
    expect(constant.value.init).toEqual(expected.init);
    expect(cnn.value.init).toEqual(wideTrialConfig({ k: 16, method: 'cnn', trial: 0, seed: 7, width: 2 }, wide).init);
    expect(parseRunConfig(ssw.value)).toBeTruthy(); // a config `shortcut-sim run` takes as is
    // r = 1 is the paper's network, as before the control existed
    const one = runConfigFrom(form({ start: 'random', initSeed: '7', width: '1' }));
    if (!one.ok) throw new Error('expected a valid config');
    expect(isWideConfig(one.value)).toBe(false);
    expect(one.value.init).toEqual(trialConfig({ k: 16, method: 'resnet-ssw', trial: 0, seed: 7 }, t).init);
  });

  it("refuses a width that is not a whole number of filters and §6.2's one-filter start for r > 1, under their controls", () => {
    for (const width of ['0', '1.5', 'x', '65']) {
      const checked = runConfigFrom(form({ start: 'random', width }));
      if (checked.ok) throw new Error(`expected width ${width} to be refused`);
      expect(checked.errors.width).toEqual(['filters: must be a whole number from 1 to 64 (filters of the student)']);
    }
    const figure5 = runConfigFrom(form({ width: '2' }));
    if (figure5.ok) throw new Error('expected errors');
    expect(Object.keys(figure5.errors)).toEqual(['start']);
  });

  it("runs a student of r > 1 filters on sampled data too: the form's data beside the wide start", () => {
    const sgd = runConfigFrom(form({ start: 'random', width: '2', data: 'online', batch: '4', dataSeed: '3' }));
    if (!sgd.ok) throw new Error(JSON.stringify(sgd.errors));
    expect(isWideConfig(sgd.value)).toBe(true);
    expect(sgd.value.data).toEqual({ kind: 'online', batch: 4, labelNoise: 0, seed: 3 });
    expect(parseRunConfig(sgd.value)).toBeTruthy(); // a config `shortcut-sim run` takes as is
  });

  it("sweeps against r: grid.width from the widths field, or the form's r alone", () => {
    const swept = sweepConfigFrom(form({ ks: '16', trials: '5', widths: '1, 2, 4' }));
    if (!swept.ok) throw new Error(JSON.stringify(swept.errors));
    expect(swept.value.grid.width).toEqual([1, 2, 4]);
    expect(sweepCells(swept.value).map((c) => [c.method, c.width])).toEqual([1, 2, 4].flatMap((r) => METHODS.map((m) => [m, r])));
    const own = sweepConfigFrom(form({ ks: '16', trials: '5', width: '3' }));
    if (!own.ok) throw new Error(JSON.stringify(own.errors));
    expect(own.value.grid.width).toEqual([3]);
    const plain = sweepConfigFrom(form({ ks: '16', trials: '5' }));
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(plain.value.grid).not.toHaveProperty('width');
    const bad = sweepConfigFrom(form({ ks: '16', trials: '5', widths: '2, 0' }));
    if (bad.ok) throw new Error('expected errors');
    expect(bad.errors.widths).toEqual(['filters r, second value: must be a whole number of filters from 1 to 64']);
    // Without widths of its own the sweep's grid.width is the form's r, with the batch sizes too.
    const formR = sweepConfigFrom(form({ ks: '16', trials: '5', width: '2', batches: '4' }));
    if (!formR.ok) throw new Error(JSON.stringify(formR.errors));
    expect([formR.value.grid.width, formR.value.grid.batch]).toEqual([[2], [4]]);
  });
});

describe('the schedules the page offers', () => {
  it('linear warmup and the decays become the schedules of SPEC §4, their fields named in messages', () => {
    const lw = runConfigFrom({
      ...FIGURE5_FORM,
      schedule: 'linear-warmup',
      eta0: '0.01',
      warmup: '100',
      decay: 'cosine',
      etaMin: '0.001',
      T: '900',
    });
    expect(lw.ok && lw.value.schedule).toStrictEqual({
      kind: 'linear-warmup',
      eta: 0.1,
      eta0: 0.01,
      warmup: 100,
      decay: { kind: 'cosine', etaMin: 0.001, T: 900 },
    });
    const step = runConfigFrom({ ...FIGURE5_FORM, schedule: 'constant', decay: 'step-decay', gamma: '0.5', every: '' });
    expect(step.ok).toBe(false);
    expect(!step.ok && step.errors.decay).toBeDefined();
    expect(fieldOfIssue('schedule.decay.gamma: must be a factor ≥ 0')).toBe('gamma');
    expect(fieldOfIssue('schedule.eta0: is required')).toBe('eta0');
  });
  it("gives the live plot each sample's step sizes, as the engines take them", () => {
    expect(
      stepSizes(
        { kind: 'linear-warmup', eta: 0.1, eta0: 0, etaA0: 0.1, warmup: 4, decay: { kind: 'step-decay', gamma: 0.5, every: 2 } },
        [0, 2, 4, 6, 9],
      ),
    ).toStrictEqual([
      { etaA: 0.1, etaV: 0 },
      { etaA: 0.1, etaV: 0.05 },
      { etaA: 0.1, etaV: 0.1 },
      { etaA: 0.05, etaV: 0.05 },
      { etaA: 0.025, etaV: 0.025 },
    ]);
  });
});
