// The experiment presets of SPEC §6: teachers, initialisations and the three methods.
// Constants marked (reconstruction) in SPEC.md are not from the paper; see docs/presets.md.
import { Random } from './random.js';
import { norm, unitVector } from './config.js';
import { DEFAULT_PRESET, DEFAULT_SEED, MAX_COUNT, MAX_FILTERS } from './limits.js';
import { SCHEDULE_KINDS, type RunConfig, type Teacher, type Schedule, type Model, type WideRunConfig, type WideTeacher } from './types.js';
import {
  checkOptions,
  finiteNumber,
  isPlainObject,
  LIMITS,
  listOf,
  nonNegative,
  objectIssues,
  oneOf,
  refuse,
  rule,
  shown,
  streamSeed,
  whole,
  type Check,
  type Field,
} from './experiments/options.js';

/** The options of teacher: k is required, the rest default to SPEC §6.1's. */
export interface TeacherOptions {
  /** Number of patches k (required). */
  k: number;
  /** Patch dimension (default k). */
  p?: number;
  /** Seed of the teacher's random directions (default 1). */
  seed?: number | string;
  /** ‖v*‖: how far w* leans away from the shortcut u (default 3, angle arctan 3). */
  vStarNorm?: number;
  /** 1ᵀa* (default 1). */
  aStarSum?: number;
  /** ‖a* − mean(a*)·1‖ (default 3). */
  aStarSpread?: number;
}

/** a* = (S/k)·1 + s·e with e ⊥ 1, ‖e‖ = 1; w* = (u + v*)/‖u + v*‖ with v* ⊥ u, ‖v*‖ = r. Throws ConfigError. */
export function teacher(o: TeacherOptions): Teacher {
  // The options of a trial are a teacher's too (trialConfig builds its teacher from them).
  return teacherOf(checkOptions('teacher', OPTION_FIELDS, o));
}

function teacherOf(o: TeacherOptions): Teacher {
  const k = o.k,
    p = o.p ?? o.k;
  const rng = new Random(o.seed ?? DEFAULT_SEED, 'teacher', k, p);
  const e = unitVector(centred(rng.normals(k)));
  const spread = o.aStarSpread ?? SPEC_CONSTANTS.aStarSpread,
    mean = (o.aStarSum ?? SPEC_CONSTANTS.aStarSum) / k;
  const aStar = Array.from(e, (ei) => mean + spread * ei);
  const vStar = unitVector(centred(rng.normals(p))).map((vi) => (o.vStarNorm ?? SPEC_CONSTANTS.vStarNorm) * vi);
  const wStar = Array.from(unitVector(vStar.map((vi) => 1 / Math.sqrt(p) + vi)));
  return { aStar, wStar };
}

const rngCheck: Check = rule('a Random', (v) => v instanceof Random);
const lengthCheck = whole(1, LIMITS.k.max);

/** Uniform in the ball B(0, r) of R^k: Gaussian direction, radius r·U^{1/k}. */
export function uniformBall(rng: Random, k: number, r: number): number[] {
  refuse([...rngCheck(rng, 'rng'), ...lengthCheck(k, 'k'), ...nonNegative('a finite number')(r, 'r')]);
  return Array.from(fillUniformBall(rng, new Float64Array(k), r));
}

/** Uniform on the unit sphere of R^p: a normalised Gaussian vector. Throws ConfigError for a bad rng or p. */
export function uniformSphere(rng: Random, p: number): number[] {
  refuse([...rngCheck(rng, 'rng'), ...lengthCheck(p, 'p')]);
  return Array.from(fillUniformSphere(rng, new Float64Array(p)));
}

/** Fills `out` uniformly on the unit sphere (a normalised Gaussian vector). */
function fillUniformSphere(rng: Random, out: Float64Array): Float64Array {
  rng.fillNormals(out);
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * out[i];
  const n = Math.sqrt(s);
  for (let i = 0; i < out.length; i++) out[i] = out[i] / n;
  return out;
}

function fillUniformBall(rng: Random, out: Float64Array, r: number): Float64Array {
  fillUniformSphere(rng, out);
  const radius = r * Math.pow(rng.uniform(), 1 / out.length);
  for (let i = 0; i < out.length; i++) out[i] = radius * out[i];
  return out;
}

/** The three methods of Table 1 (SPEC §6.1): the ResNet with step-size warmup, the ResNet with constant steps, the CNN of Du et al. */
export const METHODS = ['resnet-ssw', 'resnet-constant', 'cnn'] as const;
/** A method of Table 1: model and schedule (methodPreset). */
export type Method = (typeof METHODS)[number];
/** The check of one method, as the options' checks take it: its complaints as "name: …" lines. */
export const methodCheck: Check = oneOf(METHODS);
/** The CLI's --methods as a list. */
export const methodsCheck: Check = listOf(methodCheck, `methods: ${METHODS.map((m) => `'${m}'`).join(', ')}`);

/** SPEC §6.1 step sizes (reconstruction). */
export const METHOD_PRESETS = {
  'resnet-ssw': { model: 'resnet', schedule: { kind: 'ssw', eta: 0.1, etaV1: 0.001, etaA1: 0.1, warmup: 500 } },
  'resnet-constant': { model: 'resnet', schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 } },
  cnn: { model: 'cnn', schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 } },
} as const satisfies Record<Method, { model: Model; schedule: Schedule }>;

/** A method's model and step sizes (a copy of METHOD_PRESETS' entry). Throws ConfigError. */
export function methodPreset(method: Method): { model: Model; schedule: Schedule } {
  refuse(methodCheck(method, 'method'));
  const { model, schedule } = METHOD_PRESETS[method];
  return { model, schedule: { ...schedule } };
}

/** The options of trialConfig: the teacher's, the method and the trial number (required), the start's radius, schedule and maxIter. */
export interface TrialOptions extends TeacherOptions {
  /** The method: model and schedule (required). */
  method: Method;
  /** The trial number: the start follows from the seed, k, method and trial alone (required). */
  trial: number;
  /** Radius of the a0 ball in units of ‖a*‖ (default 1, reconstruction). */
  radiusScale?: number;
  /** Replaces the method's schedule. */
  schedule?: Schedule;
  /** Steps before the run ends unconverged (default 5000). */
  maxIter?: number;
}

const TEACHER_FIELDS: Record<keyof TeacherOptions, Field> = {
  k: { check: whole(LIMITS.k.min, LIMITS.k.max), required: `a whole number from ${LIMITS.k.min} to ${LIMITS.k.max}` },
  p: { check: whole(LIMITS.k.min, LIMITS.k.max) },
  seed: { check: streamSeed },
  vStarNorm: { check: finiteNumber() },
  aStarSum: { check: finiteNumber() },
  aStarSpread: { check: finiteNumber() },
};
/** TrialOptions' fields (method and trial optional here); the schedule's numbers are checked when it runs. */
const OPTION_FIELDS: Record<keyof TrialOptions, Field> = {
  ...TEACHER_FIELDS,
  method: { check: methodCheck },
  trial: { check: rule('a whole number ≥ 0', (v) => Number.isSafeInteger(v) && (v as number) >= 0) },
  radiusScale: { check: finiteNumber() },
  schedule: {
    check: rule(
      `a schedule { kind: ${SCHEDULE_KINDS.map((s) => `'${s}'`).join(' | ')}, … }`,
      (v) => isPlainObject(v) && (SCHEDULE_KINDS as readonly string[]).includes(v.kind as string),
    ),
  },
  maxIter: { check: whole(0, MAX_COUNT) },
};
const required = (fields: Record<string, Field>, names: string[]) =>
  Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [
      name,
      names.includes(name) ? { ...f, required: name === 'method' ? `one of ${METHODS.join(', ')}` : 'a whole number ≥ 0' } : f,
    ]),
  );
const TRIAL_FIELDS = required(OPTION_FIELDS, ['method', 'trial']);
const STARTS_FIELDS = required(OPTION_FIELDS, ['method']);

const vector = listOf(finiteNumber(), 'finite numbers', false);
const TEACHER_SHAPE: Record<keyof Teacher, Field> = {
  aStar: { check: vector, required: 'a non-empty list of finite numbers' },
  wStar: { check: vector, required: 'a non-empty list of finite numbers' },
};

/** What is wrong with a teacher given to the presets, and with options whose k or p differ from its own. */
function teacherIssues(t: unknown): string[] {
  return objectIssues(TEACHER_SHAPE, t, 'teacher', 'teacher', 'a teacher { aStar, wStar }');
}
function sizeIssues(o: { k?: number; p?: number }, t: Teacher): string[] {
  const k = t.aStar.length,
    p = t.wStar.length;
  return [
    ...(o.k !== undefined && o.k !== k ? [`k: must be ${k}, the length of teacher.aStar (got ${shown(o.k)})`] : []),
    ...(o.p !== undefined && o.p !== p ? [`p: must be ${p}, the length of teacher.wStar (got ${shown(o.p)})`] : []),
  ];
}

/** Checks trial options and the teacher against them (trialConfig's teacher may be omitted). Throws ConfigError. */
function trialOptions<T extends Partial<TrialOptions>>(
  owner: string,
  fields: Record<string, Field>,
  o: unknown,
  t: unknown,
  teacherOptional = false,
): T {
  if (teacherOptional && t === undefined) return checkOptions<T>(owner, fields, o);
  const teacherProblems = teacherIssues(t);
  return checkOptions<T>(owner, fields, o, (v) => (teacherProblems.length > 0 ? [] : sizeIssues(v, t as Teacher)), teacherProblems);
}

/**
 * Trial `trial` of a method: ResNet v0 = 0, CNN w0 uniform on the sphere, a0 uniform in
 * B(0, radiusScale·‖a*‖). Its randomness comes from (seed, k, method, trial) alone. Throws ConfigError.
 */
export function trialConfig(o: TrialOptions, t?: Teacher): RunConfig {
  o = trialOptions<TrialOptions>('trialConfig', TRIAL_FIELDS, o, t, true);
  t ??= teacherOf(o);
  const { model, schedule } = methodPreset(o.method);
  const start = startsOf(o, t)(o.trial);
  const a0 = Array.from(start.a0);
  const init = start.w0 ? { a0, w0: Array.from(start.w0) } : { a0 };
  const config: RunConfig = { model, teacher: t, init, schedule: o.schedule ?? schedule };
  if (o.maxIter !== undefined) config.maxIter = o.maxIter;
  return config;
}

/** A trial's random start: a0, and w0 for the CNN (the ResNet starts at v0 = 0). */
export interface RandomStart {
  a0: Float64Array;
  w0?: Float64Array;
}

/** The random part of trialConfig alone, as typed arrays. */
export function randomStart(o: TrialOptions, t: Teacher): RandomStart {
  o = trialOptions<TrialOptions>('randomStart', TRIAL_FIELDS, o, t);
  return startsOf(o, t)(o.trial);
}

/**
 * randomStart as a function of the trial number (the experiments' fast path: what all trials of a
 * cell share is worked out once).
 */
export function randomStarts(o: Omit<TrialOptions, 'trial'>, t: Teacher): (trial: number) => RandomStart {
  const starts = startsOf(trialOptions('randomStarts', STARTS_FIELDS, o, t), t);
  return (trial) => {
    if (!(Number.isSafeInteger(trial) && trial >= 0)) refuse([`trial: must be a whole number ≥ 0 (got ${shown(trial)})`]);
    return starts(trial);
  };
}

function startsOf(o: Omit<TrialOptions, 'trial'>, t: Teacher): (trial: number) => RandomStart {
  const k = t.aStar.length,
    p = t.wStar.length;
  const stream = `${o.seed ?? DEFAULT_SEED}/${k}/${o.method}/`; // the key (seed, k, method, trial)
  // The unit-ball point is drawn, then scaled: the same trial gets the same random numbers for every
  // radius and teacher (common random numbers, which `fit` relies on).
  const radius = (o.radiusScale ?? SPEC_CONSTANTS.radiusScale) * norm(t.aStar),
    cnn = methodPreset(o.method).model === 'cnn';
  return (trial) => {
    const rng = new Random(stream + trial);
    const a0 = fillUniformBall(rng, new Float64Array(k), radius);
    return cnn ? { a0, w0: fillUniformSphere(rng, new Float64Array(p)) } : { a0 };
  };
}

/** SPEC §6.2 start of the second layer: a0 = −0.5‖a*‖·ê with ê along a* − mean(a*)·1. */
export function figure5Start(t: Teacher): number[] {
  refuse(teacherIssues(t));
  const r = norm(t.aStar);
  return Array.from(unitVector(centred(t.aStar)), (ei) => -0.5 * r * ei);
}

/** SPEC §6.2's k = p. */
export const FIGURE5_K = 16;

/** SPEC §6.2: the k = p = FIGURE5_K teacher (of a named preset, default spec), v0 = 0, a0 = figure5Start(teacher). */
export function figure5Config(
  method: 'resnet-ssw' | 'resnet-constant',
  seed: number | string = DEFAULT_SEED,
  logEvery = 1,
  preset: PresetName = DEFAULT_PRESET,
): RunConfig {
  refuse([
    ...oneOf(['resnet-ssw', 'resnet-constant'])(method, 'method'),
    ...streamSeed(seed, 'seed'),
    ...whole(0, MAX_COUNT)(logEvery, 'logEvery'),
    ...presetCheck(preset, 'preset'),
  ]);
  const t = teacherOf({ k: FIGURE5_K, seed, ...presetConstants(preset, FIGURE5_K) });
  return { ...methodPreset(method), teacher: t, init: { a0: figure5Start(t) }, logEvery };
}

/** The options of wideTrialConfig: a trial's, and the widths r and r*. */
export interface WideTrialOptions extends TrialOptions {
  /** r: the student's filters (default 1). */
  width?: number;
  /** r*: the teacher's filters (default 1). */
  teacherWidth?: number;
}

const WIDE_TRIAL_FIELDS: Record<string, Field> = {
  ...TRIAL_FIELDS,
  width: { check: whole(1, MAX_FILTERS) },
  teacherWidth: { check: whole(1, MAX_FILTERS) },
};

/**
 * A teacher of r* filters (SPEC §9): row 0 is teacher(o)'s, row j ≥ 1 is drawn by the same recipe
 * from its own stream (seed, k, p, j), so r* = 1 is teacher(o) itself. Throws ConfigError.
 */
export function wideTeacher(o: TeacherOptions & { teacherWidth?: number }): WideTeacher {
  const { teacherWidth = 1, ...rest } = checkOptions<TeacherOptions & { teacherWidth?: number }>(
    'wideTeacher',
    { ...TEACHER_FIELDS, teacherWidth: WIDE_TRIAL_FIELDS.teacherWidth },
    o,
  );
  const rows = Array.from({ length: teacherWidth }, (_, j) => teacherOf(j === 0 ? rest : { ...rest, seed: `${rest.seed ?? 1}/row${j}` }));
  return { aStar: rows.map((t) => t.aStar), wStar: rows.map((t) => t.wStar) };
}

/**
 * Trial `trial` of a method for a student of r = width filters against a teacher of r* = teacherWidth
 * (SPEC §9): ResNet v_i = 0 for every filter; CNN w_i independent, uniform on the sphere; A_0 uniform in
 * the ball of radius radiusScale·‖A*‖_F of R^{r×k}. At r = r* = 1 it is trialConfig's trial, bit for bit
 * (vectors, so it runs on the existing engines). Randomness from (seed, k, method, r, trial) alone. Throws ConfigError.
 */
export function wideTrialConfig(o: WideTrialOptions, t?: WideTeacher): RunConfig | WideRunConfig {
  o = checkOptions<WideTrialOptions>('wideTrialConfig', WIDE_TRIAL_FIELDS, o);
  const r = o.width ?? 1;
  t ??= wideTeacher(Object.fromEntries(Object.entries(o).filter(([f]) => f in TEACHER_FIELDS || f === 'teacherWidth')) as TeacherOptions);
  const rStar = t.aStar.length,
    k = t.aStar[0].length,
    p = t.wStar[0].length;
  const { width: _w, teacherWidth: _t, ...trial } = o;
  if (r === 1 && rStar === 1) return trialConfig({ ...trial, k, p }, { aStar: t.aStar[0], wStar: t.wStar[0] });
  const { model, schedule } = methodPreset(o.method);
  const start = wideStartsOf(o, t)(o.trial);
  const rows = (flat: Float64Array, n: number) => Array.from({ length: r }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
  const a0 = rows(start.a0, k);
  const init = start.w0 ? { a0, w0: rows(start.w0, p) } : { a0 };
  const config: WideRunConfig = { model, teacher: t, init, schedule: o.schedule ?? schedule };
  if (o.maxIter !== undefined) config.maxIter = o.maxIter;
  return config;
}

/**
 * The random part of wideTrialConfig as a function of the trial number, the rows of A_0 (r×k) and, for
 * the CNN, of W_0 (r×p) laid out row after row: the experiments' fast path. Throws ConfigError.
 */
export function wideRandomStarts(o: Omit<WideTrialOptions, 'trial'>, t: WideTeacher): (trial: number) => RandomStart {
  const starts = wideStartsOf(
    checkOptions<Omit<WideTrialOptions, 'trial'>>('wideRandomStarts', { ...WIDE_TRIAL_FIELDS, trial: OPTION_FIELDS.trial }, o),
    t,
  );
  return (trial) => {
    if (!(Number.isSafeInteger(trial) && trial >= 0)) refuse([`trial: must be a whole number ≥ 0 (got ${shown(trial)})`]);
    return starts(trial);
  };
}

function wideStartsOf(o: Omit<WideTrialOptions, 'trial'>, t: WideTeacher): (trial: number) => RandomStart {
  const r = o.width ?? 1,
    k = t.aStar[0].length,
    p = t.wStar[0].length,
    cnn = methodPreset(o.method).model === 'cnn';
  const radius = (o.radiusScale ?? SPEC_CONSTANTS.radiusScale) * norm(t.aStar.flat());
  return (trial) => {
    const rng = new Random(`${o.seed ?? 1}/${k}/${o.method}/r${r}/${trial}`);
    const a0 = fillUniformBall(rng, new Float64Array(r * k), radius);
    if (!cnn) return { a0 };
    const w0 = new Float64Array(r * p);
    for (let i = 0; i < r; i++) w0.set(fillUniformSphere(rng, new Float64Array(p)), i * p);
    return { a0, w0 };
  };
}

/** The constants of the SPEC §6.1 family at one k: teacher shape and a0 ball radius. */
export interface PresetConstants {
  vStarNorm: number;
  aStarSum: number;
  aStarSpread: number;
  radiusScale: number;
}
/** The names of PresetConstants, in their order. */
export const CONSTANT_NAMES = ['vStarNorm', 'aStarSum', 'aStarSpread', 'radiusScale'] as const;
/** A name of PresetConstants. */
export type ConstantName = (typeof CONSTANT_NAMES)[number];

/** SPEC §6.1 (reconstruction): ‖v*‖ = 3, 1ᵀa* = 1, spread 3, radius ‖a*‖. */
export const SPEC_CONSTANTS: Readonly<PresetConstants> = { vStarNorm: 3, aStarSum: 1, aStarSpread: 3, radiusScale: 1 };

/** k at which a k-scaled constant takes its stated value. */
export const K_REF = 16;

/**
 * A member of the family: constant c at k is c·(k/K_REF)^power, where `${c}Power` is 0 when absent.
 */
export type FamilyParams = PresetConstants & Partial<Record<`${ConstantName}Power`, number>>;

/** A named member of the teacher family (PRESETS): its constants, and where a fitted one came from. */
export interface NamedPreset {
  name: string;
  /** A few words for a menu (the page's). */
  label: string;
  description: string;
  params: FamilyParams;
  /** For a fitted preset: the command that produced it, and the file holding the whole fit. */
  fittedBy?: { command: string; results: string };
}

/** The named presets: `spec` (SPEC §6.1, a reconstruction) and `paper-fit` (fitted to the published Table 1; docs/presets.md). */
export const PRESETS = {
  spec: {
    name: 'spec',
    label: 'reconstructed',
    description: 'SPEC §6.1 reconstruction: ‖v*‖ = 3, 1ᵀa* = 1, spread of a* 3, a0 ball radius ‖a*‖',
    params: { ...SPEC_CONSTANTS },
  },
  'paper-fit': {
    name: 'paper-fit',
    label: 'fitted to Table 1',
    description: "the family's constants fitted to the published Table 1 rates (shortcut-sim fit)",
    // The best member found: G² 5.78 on 3 degrees of freedom (p = 0.12); the radius scales
    // with k as (k/16)^radiusScalePower. docs/presets.md says what the data do and do not determine.
    params: {
      vStarNorm: 3.2404104070635817,
      aStarSum: 9.011184593159367,
      aStarSpread: 18.808560464669316,
      radiusScale: 0.15188730801375877,
      radiusScalePower: 0.06505381192648318,
    },
    fittedBy: {
      command:
        'shortcut-sim fit --target examples/paper-table1.json --params vStarNorm,aStarSum,aStarSpread,radiusScale,radiusScalePower --out results/fit-radiusScalePower --workers 1',
      results: 'docs/fit/fit.json',
    },
  },
} satisfies Record<string, NamedPreset>;
/** The name of a preset: 'spec' or 'paper-fit'. */
export type PresetName = keyof typeof PRESETS;
/** The presets' names, `spec` (the default) first. */
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** Whether `s` names a preset. */
export function isPresetName(s: unknown): s is PresetName {
  return typeof s === 'string' && Object.hasOwn(PRESETS, s);
}

/** The check of a preset name, as the options' checks take it. */
export const presetCheck: Check = oneOf(PRESET_NAMES);

const FAMILY_FIELDS: Record<string, Field> = Object.fromEntries([
  ...CONSTANT_NAMES.map((c) => [c, { check: finiteNumber(), required: 'a finite number' }]),
  ...CONSTANT_NAMES.map((c) => [`${c}Power`, { check: finiteNumber() }]),
]);

/** The constants at k of a named preset or of any member of the family. Throws ConfigError. */
export function presetConstants(preset: PresetName | FamilyParams, k: number): PresetConstants {
  const presetIssues = isPlainObject(preset)
    ? objectIssues(FAMILY_FIELDS, preset, 'preset')
    : isPresetName(preset)
      ? []
      : [
          `preset: must be one of ${PRESET_NAMES.map((n) => `'${n}'`).join(', ')}, or the constants { ${CONSTANT_NAMES.join(', ')} } ` +
            `of a family member (got ${shown(preset)})`,
        ];
  refuse([...presetIssues, ...whole(LIMITS.k.min, LIMITS.k.max)(k, 'k')]);
  const params: FamilyParams = typeof preset === 'string' ? PRESETS[preset].params : preset;
  const at = (c: ConstantName) => params[c] * Math.pow(k / K_REF, params[`${c}Power`] ?? 0);
  return { vStarNorm: at('vStarNorm'), aStarSum: at('aStarSum'), aStarSpread: at('aStarSpread'), radiusScale: at('radiusScale') };
}

function centred(v: number[]): number[] {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return v.map((x) => x - m);
}
