// The page's form as plain strings, turned into run configs and sweep plans with src/presets.ts
// and checked with the CLI's own validation (src/config.ts). No DOM here, so Node tests use it too.
import { ConfigError, parseRunConfig, stagesOf } from '../src/config.js';
import { StageCursor } from '../src/twin/common/schedule.js';
import {
  teacher,
  trialConfig,
  wideTrialConfig,
  figure5Start,
  isPresetName,
  presetConstants,
  FIGURE5_K,
  METHOD_PRESETS,
  PRESET_NAMES,
  PRESETS,
  type PresetConstants,
  type TeacherOptions,
} from '../src/presets.js';
import { parseSweepConfig, type SweepConfig } from '../src/experiments/core/sweepConfig.js';
import type { DataConfig, EngineName, RunConfig, Schedule, WideRunConfig } from '../src/types.js';
import { DEFAULT_MAX_ITER, DEFAULT_PRESET, DEFAULT_SEED, MAX_DIMENSION, MAX_FILTERS, MIN_DIMENSION } from '../src/limits.js';
import { FIELD_UI } from './fieldTable.js';
import { logEveryFor } from '../src/plots/runPlot.js';

/** One entry per form control; the keys are the controls' names. */
export interface FormValues {
  model: string;
  k: string;
  p: string;
  /** The student's filters r (SPEC §9); 1 is the paper's network. */
  width: string;
  /** A named preset (src/presets.ts): choosing one fills the teacher's constants and r (presetFields). */
  preset: string;
  teacherSeed: string;
  vStarNorm: string;
  aStarSum: string;
  aStarSpread: string;
  /** 'random': a0 uniform in the ball (and w0 on the sphere for the CNN); 'figure5': SPEC §6.2. */
  start: string;
  initSeed: string;
  radius: string;
  schedule: string;
  etaA: string;
  etaV: string;
  eta: string;
  etaV1: string;
  etaA1: string;
  warmup: string;
  /** linear-warmup: the first layer's step at t = 0 (and the second's). */
  eta0: string;
  /** After the schedule: 'none', 'step-decay' (gamma every `every` steps) or 'cosine' (to etaMin over T). */
  decay: string;
  gamma: string;
  every: string;
  etaMin: string;
  T: string;
  maxIter: string;
  /** 'population' (exact GD, no `data`), 'online' (B fresh samples a step) or 'fixed' (a training set of n). */
  data: string;
  /** Online: required; fixed: empty = n (full batch). */
  batch: string;
  n: string;
  labelNoise: string;
  dataSeed: string;
  /** Success-rate sweep: k values (p = k), trials per (k, method), and its seed (teacher and starts). */
  ks: string;
  trials: string;
  sweepSeed: string;
  /** Batch sizes to sweep (grid.batch) besides GD; empty: GD only. */
  batches: string;
  /** Student widths r to sweep (grid.width); empty: the form's r alone. */
  widths: string;
}

export type Field = keyof FormValues;
/** Messages per field; 'form' holds those that belong to no single control. */
export type FieldErrors = Partial<Record<Field | 'form', string[]>>;

const SPEC = PRESETS[DEFAULT_PRESET].params,
  SSW = METHOD_PRESETS['resnet-ssw'].schedule,
  CONSTANT = METHOD_PRESETS['resnet-constant'].schedule;
const seed = String(DEFAULT_SEED);

/** SPEC §6.2 (Figure 5) with warmup; `schedule: 'constant'` gives the run without it. */
export const FIGURE5_FORM: FormValues = {
  model: 'resnet',
  k: String(FIGURE5_K),
  p: String(FIGURE5_K),
  width: '1',
  preset: DEFAULT_PRESET,
  teacherSeed: seed,
  vStarNorm: String(SPEC.vStarNorm),
  aStarSum: String(SPEC.aStarSum),
  aStarSpread: String(SPEC.aStarSpread),
  start: 'figure5',
  initSeed: seed,
  radius: String(SPEC.radiusScale),
  schedule: 'ssw',
  etaA: String(CONSTANT.etaA),
  etaV: String(CONSTANT.etaV),
  eta: String(SSW.eta),
  etaV1: String(SSW.etaV1),
  etaA1: String(SSW.etaA1),
  warmup: String(SSW.warmup),
  eta0: '0.001',
  decay: 'none',
  gamma: '0.5',
  every: '1000',
  etaMin: '0.001',
  T: '4500',
  maxIter: String(DEFAULT_MAX_ITER),
  data: 'population',
  batch: '4',
  n: '1000',
  labelNoise: '0',
  dataSeed: seed,
  ks: '16, 36, 64',
  trials: '500',
  sweepSeed: seed,
  batches: '',
  widths: '',
};

/** A run of the page: one filter (SPEC §3–5), or a wide student (SPEC §9). */
export type PageRunConfig = RunConfig | WideRunConfig;

/** Whether a run config is a wide student's (init.a0 as rows). */
export function isWideConfig(c: PageRunConfig): c is WideRunConfig {
  return Array.isArray((c.init.a0 as unknown[])[0]);
}

/** The engine of live runs (GD and SGD, with trajectories); the form checks that a run fits in its memory. */
export const LIVE_ENGINE: EngineName = 'wasm';

/** The live plot keeps at most about this many samples per run. */
export const PLOT_SAMPLES = 2000;

/** The control that each path of a run config is about (the first matching prefix wins); 'form': none. */
export const RUN_FIELDS: readonly [string, Field | 'form'][] = [
  ['model', 'model'],
  ['maxIter', 'maxIter'],
  ['logEvery', 'maxIter'],
  ['teacher.aStar', 'k'],
  ['teacher.wStar', 'p'],
  ['init.a0', 'radius'],
  ['init.w0', 'start'],
  ['init.v0', 'start'],
  ['schedule.kind', 'schedule'],
  ['schedule.etaA1', 'etaA1'],
  ['schedule.etaV1', 'etaV1'],
  ['schedule.etaA', 'etaA'],
  ['schedule.etaV', 'etaV'],
  ['schedule.eta0', 'eta0'],
  ['schedule.eta', 'eta'],
  ['schedule.warmup', 'warmup'],
  ['schedule.decay.kind', 'decay'],
  ['schedule.decay.gamma', 'gamma'],
  ['schedule.decay.every', 'every'],
  ['schedule.decay.etaMin', 'etaMin'],
  ['schedule.decay.T', 'T'],
  ['schedule.decay', 'decay'],
  ['schedule', 'schedule'],
  ['data.batch', 'batch'],
  ['data.n', 'n'],
  ['data.labelNoise', 'labelNoise'],
  ['data.seed', 'dataSeed'],
  ['data', 'data'],
  ['config', 'form'], // the run as a whole (its size in engine memory)
];

/** The same for a sweep config (its grid, when too large as a whole: the k values, its first axis). */
export const SWEEP_FIELDS: readonly [string, Field | 'form'][] = [
  ['seed', 'sweepSeed'],
  ['preset', 'preset'],
  ['trials', 'trials'],
  ['maxIter', 'maxIter'],
  ['grid.k', 'ks'],
  ['grid.vStarNorm', 'vStarNorm'],
  ['grid.aStarSum', 'aStarSum'],
  ['grid.aStarSpread', 'aStarSpread'],
  ['grid.radiusScale', 'radius'],
  ['grid.batch', 'batches'],
  ['grid.n', 'n'],
  ['grid.labelNoise', 'labelNoise'],
  ['grid.width', 'widths'],
  ['grid', 'ks'],
];

/** What messages call the form as a whole (in #form-error, under Run). */
export const FORM_LABEL = 'this run';

/** The name a message gives a field: its label on the page. */
export function labelOf(field: Field | 'form'): string {
  return field === 'form' ? FORM_LABEL : FIELD_UI[field].label;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
/** Which value of a list entry i is: 'second value', …, 'value 12'. */
const whichValue = (i: number) => (i < ORDINALS.length ? `${ORDINALS[i]} value` : `value ${i + 1}`);

/** The entry of `fields` a config path belongs to, by whole path segments, and the path after it. */
function entryOf(path: string, fields: readonly [string, Field | 'form'][]): { field: Field | 'form'; rest: string } {
  const match = fields.find(([prefix]) => path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '['));
  return match ? { field: match[1], rest: path.slice(match[0].length) } : { field: 'form', rest: path };
}

/** The control that a ConfigError line ("path: message") is about. */
export function fieldOfIssue(issue: string, fields: readonly [string, Field | 'form'][] = RUN_FIELDS): Field | 'form' {
  return entryOf(issue.slice(0, issue.indexOf(':')), fields).field;
}

/**
 * A ConfigError line ("path: message") as the page says it: the path becomes the label of its control
 * (with which value of a list), and a path of the same config named in the message its label too.
 */
export function labelledIssue(
  issue: string,
  fields: readonly [string, Field | 'form'][] = RUN_FIELDS,
): { field: Field | 'form'; message: string } {
  const colon = issue.indexOf(':'),
    { field, rest } = entryOf(issue.slice(0, colon), fields);
  const index = /^\[(\d+)\]/.exec(rest);
  const name = labelOf(field) + (field !== 'form' && FIELD_UI[field].list && index ? `, ${whichValue(Number(index[1]))}` : '');
  const message = issue.slice(colon + 1).replace(/\b(?:schedule|data|grid)(?:\.\w+)+/g, (path) => {
    const named = entryOf(path, fields);
    return named.rest === '' && named.field !== 'form' ? labelOf(named.field) : path;
  });
  return { field, message: `${name}:${message}` };
}

/** '' → undefined (the field is missing, as in a JSON file without it); otherwise a number, maybe NaN. */
function numberOrMissing(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s);
}

class Checker {
  readonly errors: FieldErrors = {};
  /** A message about `field`, named by its label. */
  add(field: Field | 'form', message: string): void {
    (this.errors[field] ??= []).push(`${labelOf(field)}: ${message}`);
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
  whole(field: Field, s: string, min: number, max: number, why = ''): number {
    const v = Number(s);
    if (s.trim() === '' || !Number.isInteger(v) || v < min || v > max)
      this.add(field, `must be a whole number from ${min} to ${max}${why}`);
    return v;
  }
  /** A finite number; `nonNegative`: what it is, as the sweep config says (e.g. 'a length'). */
  real(field: Field, s: string, nonNegative?: string): number {
    const v = Number(s);
    if (s.trim() === '' || !Number.isFinite(v) || (nonNegative && v < 0))
      this.add(field, `must be ${nonNegative ? `${nonNegative} ≥ 0` : 'a finite number'}`);
    return v;
  }
  /** `parser(input)`, or undefined with each ConfigError line filed under its control, named by its label. */
  parse<T>(parser: (input: unknown) => T, input: unknown, fields: readonly [string, Field | 'form'][]): T | undefined {
    try {
      return parser(input);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const { field, message } of e.issues.map((issue) => labelledIssue(issue, fields))) (this.errors[field] ??= []).push(message);
      return undefined;
    }
  }
  seed(field: Field, s: string): string {
    if (s.trim() === '') this.add(field, 'is required (any number or word)');
    return s.trim();
  }
}

/** The presets.teacher options of the form, minus k and p. */
function teacherOptions(v: FormValues, c: Checker): Omit<TeacherOptions, 'k' | 'p'> {
  return {
    seed: c.seed('teacherSeed', v.teacherSeed),
    vStarNorm: c.real('vStarNorm', v.vStarNorm, 'a length'),
    aStarSum: c.real('aStarSum', v.aStarSum),
    aStarSpread: c.real('aStarSpread', v.aStarSpread, 'a length'),
  };
}

function schedule(v: FormValues): Schedule {
  const decay =
    v.decay === 'step-decay'
      ? { decay: { kind: 'step-decay', gamma: numberOrMissing(v.gamma), every: numberOrMissing(v.every) } }
      : v.decay === 'cosine'
        ? { decay: { kind: 'cosine', etaMin: numberOrMissing(v.etaMin), T: numberOrMissing(v.T) } }
        : {};
  if (v.schedule === 'constant')
    return { kind: 'constant', etaA: numberOrMissing(v.etaA)!, etaV: numberOrMissing(v.etaV)!, ...decay } as Schedule;
  if (v.schedule === 'linear-warmup')
    return {
      kind: 'linear-warmup',
      eta: numberOrMissing(v.eta),
      eta0: numberOrMissing(v.eta0),
      warmup: numberOrMissing(v.warmup),
      ...decay,
    } as Schedule;
  const ssw = {
    kind: v.schedule,
    eta: numberOrMissing(v.eta),
    etaV1: numberOrMissing(v.etaV1),
    warmup: numberOrMissing(v.warmup),
  } as Schedule & { etaA1?: number };
  if (v.etaA1.trim() !== '') ssw.etaA1 = Number(v.etaA1);
  return { ...ssw, ...decay } as Schedule;
}

/**
 * The step sizes ηa and ηv of a valid schedule at the steps `ts` (increasing), as the engines take
 * them (the kernels' stage cursor, src/twin/common/schedule.ts): the live plot's step-size panel.
 */
export function stepSizes(s: Schedule, ts: readonly number[]): { etaA: number; etaV: number }[] {
  const cursor = new StageCursor(stagesOf(s));
  let t = 0;
  return ts.map((at) => {
    for (; t <= at; t++) if (t >= cursor.nextUntil) cursor.enter(t);
    return { etaA: cursor.etaA, etaV: cursor.etaV };
  });
}

/** The run's `data` field (SPEC §8) as typed, for the CLI's validation to judge; none for 'population'. */
function dataField(v: FormValues): DataConfig | undefined {
  if (v.data === 'population') return undefined;
  const common = { labelNoise: numberOrMissing(v.labelNoise), seed: numberOrMissing(v.dataSeed) };
  const batch = numberOrMissing(v.batch);
  return (
    v.data === 'fixed'
      ? { kind: 'fixed', n: numberOrMissing(v.n), ...(batch === undefined ? {} : { batch }), ...common }
      : { kind: v.data, batch, ...common }
  ) as DataConfig;
}

/** A list of numbers as typed, split at commas and spaces (NaN where one is not a number). */
function numberList(s: string): number[] {
  return s
    .split(/[\s,]+/)
    .filter((x) => x !== '')
    .map(Number);
}

/** Samples every logEvery steps so that a run draws at most about PLOT_SAMPLES points. */
export const pageLogEvery = (maxIter: number): number => logEveryFor(maxIter, PLOT_SAMPLES);

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * The run config the form describes, validated exactly as the CLI validates a config file.
 * ResNet random starts use the 'resnet-ssw' stream of presets.trialConfig for both schedules,
 * so switching the schedule keeps the same start.
 */
export function runConfigFrom(v: FormValues): Checked<PageRunConfig> {
  const c = new Checker();
  const k = c.whole('k', v.k, MIN_DIMENSION, MAX_DIMENSION, ' (a* = (S/k)·1 + s·e needs e ⊥ 1)');
  const p = c.whole('p', v.p, MIN_DIMENSION, MAX_DIMENSION, ' (w* leans away from u along v* ⊥ u)');
  const width = c.whole('width', v.width, 1, MAX_FILTERS, ' (filters of the student)');
  const opts = teacherOptions(v, c);
  const initSeed = c.seed('initSeed', v.initSeed);
  const radiusScale = c.real('radius', v.radius, 'a scale');
  const wide = width > 1;
  if (wide && v.start === 'figure5') c.add('start', "the Figure 5 start is one filter's; a student of r > 1 filters starts at random");
  // A teacher or start that cannot be built is replaced by the SPEC §6.2 one, so that the other
  // fields are still checked and every problem shows at once, as the CLI lists them all.
  const standIn = !c.ok;
  const t = standIn ? teacher({ k: FIGURE5_K }) : teacher({ ...opts, k, p });
  const method = v.model === 'cnn' ? 'cnn' : 'resnet-ssw';
  const config: PageRunConfig =
    v.start === 'figure5' || standIn
      ? { model: v.model as RunConfig['model'], teacher: t, init: { a0: figure5Start(t) }, schedule: schedule(v) }
      : wide
        ? {
            ...wideTrialConfig({ k, p, method, trial: 0, seed: initSeed, radiusScale, width }, { aStar: [t.aStar], wStar: [t.wStar] }),
            model: v.model as RunConfig['model'],
            schedule: schedule(v),
          }
        : {
            ...trialConfig({ k, p, method, trial: 0, seed: initSeed, radiusScale }, t),
            model: v.model as RunConfig['model'],
            schedule: schedule(v),
          };
  const maxIter = numberOrMissing(v.maxIter);
  if (maxIter !== undefined) config.maxIter = maxIter;
  const data = dataField(v);
  if (data) config.data = data;
  const parsed = c.parse((input) => parseRunConfig(input, LIVE_ENGINE), config, RUN_FIELDS);
  if (!parsed || standIn) return { ok: false, errors: c.errors };
  config.logEvery = pageLogEvery(parsed.maxIter);
  return { ok: true, value: config };
}

/**
 * The success-rate sweep as a config of `shortcut-sim sweep`: every k (p = k) × the three methods
 * with their §6.1 step sizes, the form's teacher shape, start radius and max steps, and the sweep's
 * seed for teachers and starts. With batch sizes, SGD at each of them (grid.batch) on the form's
 * data: online, or fixed sets of its n (grid.n), with its label noise. Checked by the CLI's
 * parseSweepConfig, so with its messages. With widths, every r of them (grid.width: students of r
 * filters, SPEC §9); else a student of the form's r (grid.width when r > 1).
 */
export function sweepConfigFrom(v: FormValues): Checked<SweepConfig> {
  const c = new Checker();
  const batch = numberList(v.batches);
  const sampled =
    batch.length === 0
      ? {}
      : {
          batch,
          ...(v.data === 'fixed' ? { n: numberOrMissing(v.n) } : {}),
          ...(v.data === 'population' ? {} : { labelNoise: numberOrMissing(v.labelNoise) }),
        };
  // Another preset than 'spec' is named in the config (as `table1 --preset`); a constant still at the
  // preset's value (at the form's k) is left out of the grid, so that each k takes the preset's own.
  const named = v.preset === DEFAULT_PRESET ? undefined : v.preset,
    own = named ? presetAtK(v) : undefined;
  if (named && !isPresetName(named)) c.add('preset', `must be one of ${PRESET_NAMES.map((n) => `'${n}'`).join(', ')}`);
  const constants = Object.fromEntries(
    PRESET_FIELDS.map(([field, name]) => {
      const x = numberOrMissing(v[field]);
      return [name, own && x === own[name] ? undefined : x];
    }),
  );
  const widths = numberList(v.widths),
    formWidth = numberOrMissing(v.width);
  const width = widths.length > 0 ? { width: widths } : Number.isInteger(formWidth) && formWidth! > 1 ? { width: [formWidth] } : {};
  const config = c.parse(
    parseSweepConfig,
    {
      seed: numberOrMissing(v.sweepSeed),
      ...(named ? { preset: named } : {}),
      trials: numberOrMissing(v.trials),
      maxIter: numberOrMissing(v.maxIter),
      grid: {
        k: numberList(v.ks),
        ...constants,
        ...sampled,
        ...width,
      },
    },
    // Without widths of its own, grid.width is the form's r.
    widths.length > 0 ? SWEEP_FIELDS : [['grid.width', 'width'], ...SWEEP_FIELDS],
  );
  if (!c.ok) return { ok: false, errors: c.errors };
  return config ? { ok: true, value: config } : { ok: false, errors: c.errors };
}

/** The form fields a preset sets, and the constant each one holds. */
const PRESET_FIELDS: [Field, keyof PresetConstants][] = [
  ['vStarNorm', 'vStarNorm'],
  ['aStarSum', 'aStarSum'],
  ['aStarSpread', 'aStarSpread'],
  ['radius', 'radiusScale'],
];

/** The preset's constants at the form's k, if it names a preset (and k a whole number ≥ MIN_DIMENSION). */
function presetAtK(v: FormValues): PresetConstants | undefined {
  const k = Number(v.k);
  return isPresetName(v.preset) && Number.isInteger(k) && k >= MIN_DIMENSION ? presetConstants(v.preset, k) : undefined;
}

/** The form with the teacher's constants and r of its preset at its k (paper-fit's depend on k). */
export function presetFields(v: FormValues): FormValues {
  const constants = presetAtK(v);
  if (!constants) return v;
  const out = { ...v };
  for (const [field, name] of PRESET_FIELDS) out[field] = String(constants[name]);
  return out;
}

/** The GD reference of a sweep on sampled data: the same cells on population GD, from the same starts. */
export function populationSweep(config: SweepConfig): SweepConfig {
  return { ...config, grid: { ...config.grid, batch: undefined, n: undefined, labelNoise: undefined } };
}
