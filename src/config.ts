// Validation of run configs and states, and their conversion to the numeric Problem.
// Every error names the field and says what is expected.
import { z } from 'zod';
import {
  SCHEDULE_KINDS,
  type RunConfig,
  type State,
  type Schedule,
  type DataConfig,
  type Decay,
  type Teacher,
  type Init,
  type WideTeacher,
  type WideInit,
  type WideRule,
} from './types.js';
import type { Problem, SampledData, StatePoint } from './problem.js';
import { Shape, STAGE_WIDTH } from './layout.js';
import { seedKey } from './twin/random/bits.js';
import type { EngineName } from './types.js';
import type { RunShape } from './wasm/layouts.js';
import { memoryProblem } from './engineMemory.js';
import {
  DEFAULT_MAX_ITER,
  MAX_COUNT,
  MAX_DIMENSION,
  MAX_SAMPLES,
  MIN_DIMENSION,
  RUN_DEFAULTS,
  SAMPLED_DEFAULTS,
  WIDE_DEFAULTS,
  WIDE_SAMPLED_DEFAULTS,
} from './limits.js';
import { ENGINE_NAMES } from './engines.js';

/** Bad input. `message` lists one "field: what is expected" line per problem. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ConfigError';
  }
}

/** MAX_COUNT as the messages write it: 1e9. */
const MAX_COUNT_SHOWN = MAX_COUNT.toExponential().replace('+', '');

export const finite = z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).finite('must be a finite number');
export const stepSize = finite.nonnegative('must be a step size ≥ 0');
export const count = (what: string) =>
  z
    .number({ required_error: 'is required', invalid_type_error: `must be ${what}` })
    .int(`must be ${what}`)
    .nonnegative(`must be ${what}`)
    .max(MAX_COUNT, `must be ${what}, at most ${MAX_COUNT_SHOWN}`);
/** k or p of an experiment (the presets build its teacher). */
export const dimension = count(`a whole number ≥ ${MIN_DIMENSION}`)
  .min(MIN_DIMENSION, `must be a whole number ≥ ${MIN_DIMENSION}`)
  .max(MAX_DIMENSION, `must be at most ${MAX_DIMENSION}`);
const vector = z
  .array(finite, { required_error: 'is required', invalid_type_error: 'must be an array of numbers' })
  .min(1, 'must have at least one entry');

const rows = z.array(vector, { invalid_type_error: 'must be a list of rows' }).min(1, 'must have at least one row');
/** A vector, or (SPEC §9) a list of rows, each a vector: `a0[1][3]` names row 1, column 3. */
const vectorOrRows = z
  .custom<number[] | number[][]>((v) => v !== undefined, { message: 'is required' })
  .superRefine((v, ctx) => {
    const r = (Array.isArray(v) && Array.isArray(v[0]) ? rows : vector).safeParse(v);
    if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
  });
const wholeSteps = (what: string) => count(`a whole number of steps ≥ ${what}`);
const stepDecayFields = {
  gamma: finite.nonnegative('must be a factor ≥ 0'),
  every: wholeSteps('1').min(1, 'must be a whole number of steps ≥ 1').optional(),
  milestones: z
    .array(wholeSteps('1').min(1, 'must be a whole number of steps ≥ 1'), { invalid_type_error: 'must be a list of step counts' })
    .min(1, 'must list at least one step')
    .optional(),
};
const cosineFields = { etaMin: stepSize, T: wholeSteps('1').min(1, 'must be a whole number of steps ≥ 1') };
const decay = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('step-decay'), ...stepDecayFields }).strict(),
      z.object({ kind: z.literal('cosine'), ...cosineFields }).strict(),
    ],
    {
      errorMap: (issue, ctx) =>
        issue.code === 'invalid_union_discriminator' ? { message: "must be 'step-decay' or 'cosine'" } : { message: ctx.defaultError },
    },
  )
  .optional();

const schedule = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('constant'), etaA: stepSize, etaV: stepSize, decay }).strict(),
    z
      .object({
        kind: z.literal('ssw'),
        eta: stepSize,
        etaV1: stepSize,
        etaA1: stepSize.optional(),
        warmup: count('a whole number of steps ≥ 0'),
        decay,
      })
      .strict(),
    z
      .object({
        kind: z.literal('linear-warmup'),
        eta: stepSize,
        eta0: stepSize,
        etaA0: stepSize.optional(),
        warmup: count('a whole number of steps ≥ 0'),
        decay,
      })
      .strict(),
    z.object({ kind: z.literal('step-decay'), eta: stepSize, ...stepDecayFields }).strict(),
    z.object({ kind: z.literal('cosine'), eta: stepSize, ...cosineFields }).strict(),
    z
      .object({
        kind: z.literal('piecewise'),
        stages: z
          .array(
            z
              .object({
                until: z
                  .number({ required_error: 'is required', invalid_type_error: 'must be a step count' })
                  .int('must be a whole step count (or omit nothing: every stage needs one)')
                  .positive('must be a step count ≥ 1'),
                etaA: stepSize,
                etaV: stepSize,
              })
              .strict(),
            { required_error: 'is required' },
          )
          .min(1, 'must list at least one stage'),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `must be one of ${SCHEDULE_KINDS.map((kind) => `'${kind}'`).join(', ')}` }
        : { message: ctx.defaultError },
  },
);

/** The problems of a schedule's decay (`at`: its path; `from`: the step it starts at), as "path, message" pairs. */
function decayIssues(d: Decay | undefined, from: number, at: (string | number)[]): [(string | number)[], string][] {
  if (d?.kind !== 'step-decay') return [];
  if ((d.every === undefined) === (d.milestones === undefined))
    return [[at, "needs either 'every' (a decay every so many steps) or 'milestones' (the steps where it applies), not both"]];
  const out: [(string | number)[], string][] = [];
  d.milestones?.forEach((m, i) => {
    const before = i > 0 ? d.milestones![i - 1] : from;
    if (!(m > before))
      out.push([
        [...at, 'milestones', i],
        i > 0 ? `must be greater than milestones[${i - 1}] (${before})` : `must be greater than the warmup (${from} steps)`,
      ]);
  });
  return out;
}

const atLeastOne = (what: string) =>
  z
    .number({ required_error: 'is required', invalid_type_error: `must be ${what}` })
    .int(`must be ${what}`)
    .min(1, `must be ${what}`)
    .max(MAX_COUNT, `must be ${what}, at most ${MAX_COUNT_SHOWN}`);
const seed = z
  .number({
    required_error: "is required (a whole number: the run's random samples come from it alone)",
    invalid_type_error: 'must be a whole number',
  })
  .int('must be a whole number')
  .nonnegative('must be a whole number ≥ 0')
  .max(Number.MAX_SAFE_INTEGER, 'must be a whole number below 2^53');
const labelNoise = finite.nonnegative('must be a standard deviation ≥ 0').default(0);
const data = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('online'), batch: atLeastOne('a whole batch size ≥ 1'), labelNoise, seed }).strict(),
    z
      .object({
        kind: z.literal('fixed'),
        n: atLeastOne('a whole number of samples ≥ 1'),
        batch: atLeastOne('a whole batch size ≥ 1').optional(),
        labelNoise,
        seed,
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator' ? { message: "must be 'online' or 'fixed'" } : { message: ctx.defaultError },
  },
);

const teacher = z.object({ aStar: vector, wStar: vector }).strict();
const teacherRows = z.object({ aStar: vectorOrRows, wStar: vectorOrRows }).strict();

/** The rows of a vector-or-rows field: a plain vector is one row. */
export const rowsOf = (v: number[] | number[][]): number[][] => (Array.isArray(v[0]) ? (v as number[][]) : [v as number[]]);
const isRows = (v: unknown): boolean => Array.isArray(v) && Array.isArray(v[0]);

/** r and r* of a config, and whether any of its matrices is written as rows (SPEC §9). */
export function widthOf(c: { teacher: { aStar: unknown }; init: { a0: unknown } }): { r: number; rStar: number; rowForm: boolean } {
  const rowForm = isRows(c.init.a0) || isRows(c.teacher.aStar);
  return {
    r: isRows(c.init.a0) ? (c.init.a0 as unknown[]).length : 1,
    rStar: isRows(c.teacher.aStar) ? (c.teacher.aStar as unknown[]).length : 1,
    rowForm,
  };
}
const model = z.enum(['resnet', 'cnn'], { errorMap: () => ({ message: "must be 'resnet' or 'cnn'" }) });

const runConfig = z
  .object({
    model,
    teacher: teacherRows,
    init: z.object({ a0: vectorOrRows, v0: vectorOrRows.optional(), w0: vectorOrRows.optional() }).strict(),
    schedule,
    maxIter: count('a whole number of steps ≥ 0').default(DEFAULT_MAX_ITER),
    tol: finite.nonnegative('must be a tolerance ≥ 0').optional(),
    logEvery: count('a whole number of steps ≥ 0 (0 records no trajectory)').default(0),
    trapAngle: finite.nonnegative('must be an angle ≥ 0').optional(),
    trapRadius: finite.nonnegative('must be a distance ≥ 0').optional(),
    data: z.object({}, { invalid_type_error: "must be an object { kind: 'online' | 'fixed', … }" }).passthrough().pipe(data).optional(),
    trapPhi: finite.min(0, 'must be an angle in [0, π]').max(Math.PI, 'must be an angle in [0, π]').optional(),
    trapWindow: count('a whole number of steps ≥ 0').optional(),
    lossTol: finite.optional(),
    gradTol: finite.nonnegative('must be a gradient norm ≥ 0').optional(),
    gradWindow: atLeastOne('a whole number of steps ≥ 1').optional(),
    trapLoss: finite.nonnegative('must be a loss ≥ 0').optional(),
    trapTime: finite.nonnegative('must be a sum of step sizes ≥ 0').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (c.data?.kind === 'fixed' && c.data.batch !== undefined && c.data.batch > c.data.n)
      issue(['data', 'batch'], `must be at most data.n (${c.data.n}): a mini-batch is drawn from the training set`);
    if (widthOf(c).rowForm) return wideIssues(c as WideShape, issue);
    for (const f of ['lossTol', 'gradTol', 'gradWindow', 'trapLoss', 'trapTime'] as const)
      if (c[f] !== undefined)
        issue(
          [f],
          'is the outcome rule of wide runs (init.a0 or teacher.aStar as a list of rows, SPEC §9); this run uses tol, trapAngle and trapRadius',
        );
    const inRows = (
      [
        ['init', 'v0'],
        ['init', 'w0'],
        ['teacher', 'wStar'],
      ] as const
    ).filter(([o, f]) => isRows((c[o] as Record<string, unknown>)[f]));
    for (const path of inRows)
      issue([...path], 'must be a vector, like init.a0 and teacher.aStar (write those as lists of rows for a wide run)');
    if (inRows.length === 0) vectorIssues(c as VectorShape, issue);
    scheduleIssues(c, issue);
    const d = c.data;
    if (!d) {
      for (const f of ['trapPhi', 'trapWindow'] as const)
        if (c[f] !== undefined) issue([f], "is the trap rule of sampled runs; population runs (no 'data') use trapAngle and trapRadius");
      return;
    }
    for (const f of ['trapAngle', 'trapRadius'] as const)
      if (c[f] !== undefined)
        issue([f], 'is the trap rule of population runs; runs on sampled data use trapPhi and trapWindow (docs/sgd.md: Sampled data)');
  })
  .transform((c) => ({
    ...c,
    tol: c.tol ?? (c.data && c.data.labelNoise > 0 ? SAMPLED_DEFAULTS.noisyTol : RUN_DEFAULTS.tol),
    trapAngle: c.trapAngle ?? RUN_DEFAULTS.trapAngle,
    trapRadius: c.trapRadius ?? RUN_DEFAULTS.trapRadius,
    lossTol: c.lossTol ?? (c.data && c.data.labelNoise > 0 ? WIDE_SAMPLED_DEFAULTS.noisyLossTol : WIDE_DEFAULTS.lossTol),
    gradTol: c.gradTol ?? WIDE_DEFAULTS.gradTol,
    gradWindow: c.gradWindow ?? WIDE_DEFAULTS.gradWindow,
    trapLoss: c.trapLoss ?? WIDE_SAMPLED_DEFAULTS.trapLoss,
    trapTime: c.trapTime ?? WIDE_SAMPLED_DEFAULTS.trapTime,
  }));

type Issue = (path: (string | number)[], message: string) => void;

/** A one-filter config's vectors: lengths against the teacher's, nonzero directions. */
type VectorShape = { model: 'resnet' | 'cnn'; teacher: Teacher; init: { a0: number[]; v0?: number[]; w0?: number[] } };
function vectorIssues(c: VectorShape, issue: Issue): void {
  const k = c.teacher.aStar.length,
    p = c.teacher.wStar.length;
  if (norm(c.teacher.wStar) === 0) issue(['teacher', 'wStar'], 'must not be the zero vector');
  if (c.init.a0.length !== k) issue(['init', 'a0'], `must have ${k} entries, like teacher.aStar (got ${c.init.a0.length})`);
  if (c.model === 'cnn') {
    if (c.init.v0) issue(['init', 'v0'], "is for model 'resnet'; the CNN starts from init.w0");
    if (!c.init.w0) issue(['init', 'w0'], "is required for model 'cnn' (a nonzero vector with one entry per teacher.wStar entry)");
    else if (c.init.w0.length !== p) issue(['init', 'w0'], `must have ${p} entries, like teacher.wStar (got ${c.init.w0.length})`);
    else if (norm(c.init.w0) === 0) issue(['init', 'w0'], 'must not be the zero vector (the network uses w/‖w‖)');
  } else {
    if (c.init.w0) issue(['init', 'w0'], "is for model 'cnn'; the ResNet starts from init.v0 (default 0)");
    if (c.init.v0 && c.init.v0.length !== p) issue(['init', 'v0'], `must have ${p} entries, like teacher.wStar (got ${c.init.v0.length})`);
    else if (c.init.v0 && norm(firstLayer('resnet', c.init.v0)) === 0)
      issue(['init', 'v0'], 'must not be −u: the first layer u + v0 would be zero');
  }
}

/** The schedule's and the trajectory's rules, common to every run. */
function scheduleIssues(c: { schedule: Schedule; logEvery: number; maxIter: number }, issue: Issue): void {
  const s = c.schedule;
  const decayAt =
    s.kind === 'step-decay'
      ? { d: s as Decay, path: ['schedule'] }
      : 'decay' in s
        ? { d: s.decay, path: ['schedule', 'decay'] }
        : undefined;
  if (decayAt) for (const [path, message] of decayIssues(decayAt.d, 'warmup' in s ? s.warmup : 0, decayAt.path)) issue(path, message);
  if (s.kind === 'piecewise') {
    s.stages.forEach((st, i) => {
      if (i > 0 && st.until <= s.stages[i - 1].until)
        issue(['schedule', 'stages', i, 'until'], `must be greater than stages[${i - 1}].until (${s.stages[i - 1].until})`);
    });
  }
  if (c.logEvery > 0 && c.maxIter / c.logEvery > MAX_SAMPLES)
    issue(['logEvery'], `would record more than ${MAX_SAMPLES} samples; use at least ${Math.ceil(c.maxIter / MAX_SAMPLES)}`);
}

/** What a run with matrices written as rows (SPEC §9) has to satisfy, row and column named. */
interface WideShape {
  model: 'resnet' | 'cnn';
  teacher: Teacher | WideTeacher;
  init: WideInit & { v0?: number[] | number[][]; w0?: number[] | number[][] };
  schedule: Schedule;
  logEvery: number;
  maxIter: number;
  data?: unknown;
  tol?: number;
  trapAngle?: number;
  trapRadius?: number;
  trapPhi?: number;
  trapWindow?: number;
  gradTol?: number;
  gradWindow?: number;
  trapLoss?: number;
  trapTime?: number;
}

function wideIssues(c: WideShape, issue: Issue): void {
  const { r, rStar } = widthOf(c);
  // `v` at `path`: `count` rows (like `rowsLike`) of `n` entries (like `entriesLike`)
  const shape = (
    path: string[],
    v: number[] | number[][],
    count: number,
    rowsLike: string,
    n: number,
    entriesLike: string,
    nonzero?: (row: number[]) => boolean,
  ) => {
    const asRows = isRows(v),
      all = rowsOf(v);
    if (all.length !== count)
      return issue(path, `must be a list of ${count} rows, like ${rowsLike} (got ${asRows ? all.length : 'a vector'})`);
    all.forEach((row, i) => {
      const at = asRows ? [...path, i] : path;
      if (row.length !== n) issue(at, `must have ${n} entries, like ${entriesLike} (got ${row.length})`);
      else if (nonzero && !nonzero(row)) issue(at, 'must not be the zero vector (the network uses its direction)');
    });
  };
  const aStar = rowsOf(c.teacher.aStar),
    k = aStar[0].length,
    p = rowsOf(c.teacher.wStar)[0].length;
  const kLike = isRows(c.teacher.aStar) ? 'teacher.aStar[0]' : 'teacher.aStar';
  const pLike = isRows(c.teacher.wStar) ? 'teacher.wStar[0]' : 'teacher.wStar';
  shape(['teacher', 'aStar'], c.teacher.aStar, rStar, 'teacher.aStar', k, kLike);
  shape(['teacher', 'wStar'], c.teacher.wStar, rStar, 'teacher.aStar', p, pLike, (row) => norm(row) > 0);
  shape(['init', 'a0'], c.init.a0, r, 'init.a0', k, kLike);
  if (c.model === 'cnn') {
    if (c.init.v0) issue(['init', 'v0'], "is for model 'resnet'; the CNN starts from init.w0");
    if (!c.init.w0)
      issue(['init', 'w0'], `is required for model 'cnn' (${r} nonzero row${r > 1 ? 's' : ''} of ${p} entries, one per filter)`);
    else shape(['init', 'w0'], c.init.w0, r, 'init.a0', p, pLike, (row) => norm(row) > 0);
  } else {
    if (c.init.w0) issue(['init', 'w0'], "is for model 'resnet'; the ResNet starts from init.v0 (default 0)");
    if (c.init.v0) shape(['init', 'v0'], c.init.v0, r, 'init.a0', p, pLike, (row) => norm(firstLayer('resnet', row)) > 0);
  }
  scheduleIssues(c, issue);
  const wide = r > 1 || rStar > 1,
    sampled = c.data !== undefined;
  // r = r* = 1 written as rows is the one-filter run: with data, the sampled runs' rule
  if (!wide && sampled) return;
  const rule = sampled
    ? `a wide run on sampled data (r = ${r}, r* = ${rStar}) ends by lossTol, trapLoss and trapTime (docs/wide.md: Sampled data)`
    : `a wide run (r = ${r}, r* = ${rStar}) ends by lossTol, gradTol and gradWindow (SPEC §9)`;
  if (wide)
    for (const f of ['tol', 'trapAngle', 'trapRadius'] as const)
      if (c[f] !== undefined) issue([f], `is the outcome rule of one filter; ${rule}`);
  if (sampled) {
    for (const f of ['gradTol', 'gradWindow'] as const)
      if (c[f] !== undefined) issue([f], `is the stationarity rule of population runs, which SGD never meets; ${rule}`);
    for (const f of ['trapPhi', 'trapWindow'] as const)
      if (c[f] !== undefined) issue([f], `is the trap rule of one filter on sampled data; ${rule}`);
    return;
  }
  for (const f of ['trapPhi', 'trapWindow'] as const)
    if (c[f] !== undefined) issue([f], "is the trap rule of sampled runs; population runs (no 'data') use trapAngle and trapRadius");
  if (wide)
    for (const f of ['trapLoss', 'trapTime'] as const)
      if (c[f] !== undefined) issue([f], `is the trap rule of wide runs on sampled data; ${rule}`);
}

const stateSchema = z
  .object({
    model,
    teacher,
    a: vector,
    v: vector.optional(),
    w: vector.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const k = s.teacher.aStar.length,
      p = s.teacher.wStar.length;
    if (norm(s.teacher.wStar) === 0) ctx.addIssue({ code: 'custom', path: ['teacher', 'wStar'], message: 'must not be the zero vector' });
    if (s.a.length !== k) issue('a', `must have ${k} entries, like teacher.aStar (got ${s.a.length})`);
    const key = s.model === 'cnn' ? 'w' : 'v',
      other = s.model === 'cnn' ? 'v' : 'w';
    const first = s[key];
    if (s[other]) issue(other, `is not a parameter of model '${s.model}'; give ${key}`);
    if (!first) issue(key, `is required for model '${s.model}'`);
    else if (first.length !== p) issue(key, `must have ${p} entries, like teacher.wStar (got ${first.length})`);
    else if (norm(firstLayer(s.model, first)) === 0) issue(key, 'gives a zero first layer; the direction is undefined');
  });

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((s, part) => (typeof part === 'number' ? `${s}[${part}]` : s ? `${s}.${part}` : part), '');
}

/** Validates `input` against `schema`; every problem becomes one "field: what is expected" line. */
export function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, root: string): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ConfigError([`${root}: must be a JSON object`]);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  // One line per problem: a value can break two rules that say the same thing (-1 as a whole count ≥ 1).
  throw new ConfigError([
    ...new Set(
      r.error.issues.map((i) => {
        const field = formatPath(i.path);
        const message =
          i.code === 'unrecognized_keys'
            ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}; check the spelling`
            : i.message;
        return `${field || root}: ${message}`;
      }),
    ),
  ]);
}

/** A run config with its defaults filled in (data, trapPhi and trapWindow stay optional). */
export type ValidRunConfig = Required<Omit<RunConfig, 'init' | 'data' | 'trapPhi' | 'trapWindow'>> &
  Pick<RunConfig, 'init' | 'data' | 'trapPhi' | 'trapWindow'>;

/** A run config with matrices written as rows (SPEC §9), its defaults filled in. */
export type ValidWideRunConfig = Omit<ValidRunConfig, 'teacher' | 'init'> &
  Required<WideRule> & { teacher: Teacher | WideTeacher; init: Init | WideInit };

/** The one-filter config a row-form config with r = r* = 1 stands for (its rows as vectors); others unchanged. */
export function plainConfig(c: ValidRunConfig | ValidWideRunConfig): ValidRunConfig | ValidWideRunConfig {
  const { r, rStar, rowForm } = widthOf(c);
  if (!rowForm || r > 1 || rStar > 1) return c;
  const init = c.init as { a0: number[] | number[][]; v0?: number[] | number[][]; w0?: number[] | number[][] };
  const first = (v: number[] | number[][]) => rowsOf(v)[0];
  return {
    ...c,
    teacher: { aStar: first(c.teacher.aStar), wStar: first(c.teacher.wStar) },
    init: { a0: first(init.a0), ...(init.v0 ? { v0: first(init.v0) } : {}), ...(init.w0 ? { w0: first(init.w0) } : {}) },
  };
}

/** A wide config: r > 1 or r* > 1 (a row-form config at r = r* = 1 runs as its plainConfig). */
export function isWide(c: ValidRunConfig | ValidWideRunConfig): c is ValidWideRunConfig {
  const { r, rStar } = widthOf(c);
  return r > 1 || rStar > 1;
}

/**
 * Validates a run config and fills in the defaults. Throws ConfigError. With `engine`, also that
 * the run fits in that engine's memory (a fixed training set is checked on every engine: all hold it whole).
 */
export function parseRunConfig(input: unknown, engine?: EngineName): ValidRunConfig | ValidWideRunConfig {
  if (engine !== undefined && !ENGINE_NAMES.includes(engine))
    // e.g. an index, from configs.map(toProblem)
    throw new ConfigError([`engine: must be one of ${ENGINE_NAMES.map((name) => `'${name}'`).join(', ')} (got ${String(engine)})`]);
  const c = parse(runConfig, input, 'config') as ValidRunConfig | ValidWideRunConfig;
  const problem = c.data?.kind === 'fixed' || engine !== undefined ? memoryProblem(configShape(c), engine ?? 'wasm') : undefined;
  if (problem) throw new ConfigError([`${MEMORY_FIELDS[problem.field]}: ${problem.message}`]);
  return c;
}

/** The config field that sets each size memoryProblem names. */
const MEMORY_FIELDS = { n: 'data.n', batch: 'data.batch', kp: 'data', size: 'config' } as const;

/** The sizes of a valid config's run, as the engines lay it out (src/wasm/layouts.ts). */
function configShape(c: ValidRunConfig | ValidWideRunConfig): RunShape {
  const p = rowsOf(c.teacher.wStar)[0].length,
    k = rowsOf(c.teacher.aStar)[0].length,
    d = c.data;
  const n = d?.kind === 'fixed' ? d.n : 0;
  return {
    p,
    k,
    maxIter: c.maxIter,
    logEvery: c.logEvery,
    wStar: { length: p },
    aStar: { length: k },
    aBar: { length: k },
    stages: stagesOf(c.schedule),
    data: d && { online: d.kind === 'online', batch: d.batch ?? n, n, labelNoise: d.labelNoise ?? 0 },
    ...(isWide(c) ? { wide: widthOf(c) } : {}),
  };
}

/** Validates a state for loss and gradients (a ResNet's a and v, or a CNN's a and w, with the teacher). Throws ConfigError. */
export function parseState(input: unknown): State {
  return parse(stateSchema, input, 'state') as State;
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** The raw first-layer vector: u + v (ResNet, u = 1/√p) or w itself (CNN). */
export function firstLayer(model: 'resnet' | 'cnn', v: ArrayLike<number>): Float64Array {
  const u = model === 'resnet' ? 1 / Math.sqrt(v.length) : 0;
  return Float64Array.from(v, (vi) => u + vi);
}

export function unitVector(v: ArrayLike<number>): Float64Array {
  const n = norm(v);
  return Float64Array.from(v, (vi) => vi / n);
}

/** ā = [π(1ᵀa*)/(π − 1 + k)·1 − a*]/(π − 1), the spurious second layer (SPEC §3). */
export function spuriousA(aStar: ArrayLike<number>): Float64Array {
  const k = aStar.length;
  let sum = 0;
  for (let i = 0; i < k; i++) sum += aStar[i];
  const m = (Math.PI * sum) / (Math.PI - 1 + k);
  return Float64Array.from(aStar, (ai) => (m - ai) / (Math.PI - 1));
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** One stage row, [until, ηa, ηv, shape, ηa1, ηv1, span, γ] (src/layout.ts). */
function stageRow(until: number, etaA: number, etaV: number, shape = Shape.Constant, etaA1 = 0, etaV1 = 0, span = 0, gamma = 0): number[] {
  return [until, etaA, etaV, shape, etaA1, etaV1, span, gamma];
}

/** The stages from steps (etaA, etaV) on: constant, or decaying as `d` says. */
function decayRows(etaA: number, etaV: number, d: Decay | undefined): number[][] {
  if (!d) return [stageRow(Infinity, etaA, etaV)];
  if (d.kind === 'cosine') return [stageRow(Infinity, etaA, etaV, Shape.Cosine, d.etaMin, d.etaMin, d.T)];
  if (d.milestones === undefined) return [stageRow(Infinity, etaA, etaV, Shape.Step, 0, 0, d.every, d.gamma)];
  // Milestones: constant stages, each γ times the one before (the products in order, as Shape.Step takes them).
  const rows: number[][] = [];
  for (const m of d.milestones) {
    rows.push(stageRow(m, etaA, etaV));
    etaA *= d.gamma;
    etaV *= d.gamma;
  }
  rows.push(stageRow(Infinity, etaA, etaV));
  return rows;
}

/** A valid schedule as the kernels read it: STAGE_WIDTH numbers per stage (SPEC §4). */
export function stagesOf(s: Schedule): Float64Array {
  const rows =
    s.kind === 'constant'
      ? decayRows(s.etaA, s.etaV, s.decay)
      : s.kind === 'ssw'
        ? [stageRow(s.warmup, s.etaA1 ?? s.eta, s.etaV1), ...decayRows(s.eta, s.eta, s.decay)]
        : s.kind === 'linear-warmup'
          ? [
              ...(s.warmup > 0 ? [stageRow(s.warmup, s.etaA0 ?? s.eta0, s.eta0, Shape.Linear, s.eta, s.eta, s.warmup)] : []),
              ...decayRows(s.eta, s.eta, s.decay),
            ]
          : s.kind === 'step-decay'
            ? decayRows(s.eta, s.eta, { kind: 'step-decay', gamma: s.gamma, every: s.every, milestones: s.milestones })
            : s.kind === 'cosine'
              ? decayRows(s.eta, s.eta, { kind: 'cosine', etaMin: s.etaMin, T: s.T })
              : s.stages.map((st) => stageRow(st.until, st.etaA, st.etaV));
  return Float64Array.from(rows.flat());
}

/** Validates a run config (with `engine`: that it fits there) and turns it into the engines' numeric Problem. */
export function toProblem(input: unknown, engine?: EngineName): Problem {
  return problemFromValid(parseRunConfig(input, engine));
}

/**
 * The numeric Problem of a config that parseRunConfig has already accepted (fast path: an
 * experiment validates one trial per cell and swaps in the other trials' random starts).
 */
export function problemFromValid(config: ValidRunConfig | ValidWideRunConfig): Problem {
  const c = plainConfig(config);
  if (isWide(c)) return wideProblem(c);
  const p = c.teacher.wStar.length,
    k = c.teacher.aStar.length;
  const aStar = Float64Array.from(c.teacher.aStar);
  const aBar = spuriousA(aStar);
  const init = c.init as { a0: number[]; v0?: number[]; w0?: number[] };
  const x0 = c.model === 'cnn' ? Float64Array.from(init.w0!) : firstLayer('resnet', init.v0 ?? new Array(p).fill(0));
  const problem: Problem = {
    p,
    k,
    x0,
    a0: Float64Array.from(init.a0),
    wStar: unitVector(c.teacher.wStar),
    aStar,
    aBar,
    trapPossible: dot(aBar, aStar) < 0,
    stages: stagesOf(c.schedule),
    maxIter: c.maxIter,
    tol: c.tol,
    trapAngle: c.trapAngle,
    trapRadius: c.trapRadius,
    logEvery: c.logEvery,
  };
  if (c.data) problem.data = sampledData(c.data, c.trapPhi, c.trapWindow);
  return problem;
}

/** The numeric Problem of a wide config: its matrices row after row, the teacher's filters normalised. */
function wideProblem(c: ValidWideRunConfig): Problem {
  const { r, rStar } = widthOf(c);
  const flat = (rows: ArrayLike<number>[]) => {
    const out = new Float64Array(rows.length * rows[0].length);
    rows.forEach((row, i) => out.set(row, i * row.length));
    return out;
  };
  const aStar = rowsOf(c.teacher.aStar),
    wStar = rowsOf(c.teacher.wStar),
    p = wStar[0].length;
  const init = c.init as { a0: number[] | number[][]; v0?: number[] | number[][]; w0?: number[] | number[][] };
  const first =
    c.model === 'cnn'
      ? rowsOf(init.w0!).map((w) => Float64Array.from(w))
      : (init.v0 ? rowsOf(init.v0) : Array.from({ length: r }, () => new Array<number>(p).fill(0))).map((v) => firstLayer('resnet', v));
  return {
    p,
    k: aStar[0].length,
    x0: flat(first),
    a0: flat(rowsOf(init.a0)),
    wStar: flat(wStar.map(unitVector)),
    aStar: flat(aStar),
    aBar: new Float64Array(0),
    trapPossible: false,
    stages: stagesOf(c.schedule),
    maxIter: c.maxIter,
    tol: c.tol,
    trapAngle: c.trapAngle,
    trapRadius: c.trapRadius,
    logEvery: c.logEvery,
    wide: {
      r,
      rStar,
      lossTol: c.lossTol,
      gradTol: c.gradTol,
      gradWindow: c.gradWindow,
      ...(c.data ? { trapLoss: c.trapLoss, trapTime: c.trapTime } : {}),
    },
    ...(c.data ? { data: sampledData(c.data) } : {}),
  };
}

/** The numeric form of a validated `data` field. */
function sampledData(
  d: DataConfig,
  trapPhi: number = SAMPLED_DEFAULTS.trapPhi,
  trapWindow: number = SAMPLED_DEFAULTS.trapWindow,
): SampledData {
  const n = d.kind === 'fixed' ? d.n : 0;
  return {
    online: d.kind === 'online',
    batch: d.batch ?? n,
    n,
    labelNoise: d.labelNoise ?? 0,
    key: seedKey(d.seed),
    trapPhi,
    trapWindow,
  };
}

/** Validates a state and turns it into the engines' StatePoint. */
export function toStatePoint(input: unknown): StatePoint {
  const s = parseState(input);
  const first = s.model === 'cnn' ? s.w : s.v;
  return {
    p: s.teacher.wStar.length,
    k: s.teacher.aStar.length,
    x: firstLayer(s.model, first),
    a: Float64Array.from(s.a),
    wStar: unitVector(s.teacher.wStar),
    aStar: Float64Array.from(s.teacher.aStar),
  };
}

/**
 * Checks Problems handed to the batch API (sim.runProblems, sim.runSummaries) against what the
 * engines read: the shapes, finiteness and the fields toProblem derives. Throws ConfigError with
 * one line per problem, `problems[i].field: …`. Arrays that problems share (teacher, schedule: an
 * experiment's trials share them) are checked once per call.
 */
export function checkProblems(problems: readonly Problem[], engine: EngineName): void {
  if (!Array.isArray(problems)) throw new ConfigError(['problems: must be an array of Problems (build them with toProblem)']);
  const issues: string[] = [];
  const shared: SharedChecks = { sound: new Set(), trapOf: new Map() };
  problems.forEach((pr, i) => {
    const lines = problemIssues(pr, shared);
    const tooLarge = lines.length === 0 ? memoryProblem(pr, engine) : undefined;
    if (tooLarge)
      lines.push(
        `.${tooLarge.field === 'n' || tooLarge.field === 'batch' ? `data.${tooLarge.field}` : tooLarge.field === 'kp' ? 'data' : 'p'}: ${tooLarge.message}`,
      );
    for (const line of lines) issues.push(`problems[${i}]${line}`);
  });
  if (issues.length > 0) throw new ConfigError(issues);
}

/** What is wrong with a sampled Problem's data (SPEC §8), as problemIssues reports it. */
function dataIssues(pr: Problem, issue: (field: string, message: string) => void): void {
  const d = pr.data;
  if (typeof d !== 'object' || d === null) return issue('data', 'must be the numeric data of a sampled run (build it with toProblem)');
  const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_COUNT;
  if (typeof d.online !== 'boolean') issue('data.online', 'must be true or false');
  if (!whole(d.batch, 1)) issue('data.batch', `must be a whole number from 1 to ${MAX_COUNT_SHOWN} (got ${String(d.batch)})`);
  if (d.online === false && !(whole(d.n, 1) && d.n >= d.batch)) issue('data.n', `must be a whole number ≥ data.batch (got ${String(d.n)})`);
  if (d.online === true && d.n !== 0) issue('data.n', 'must be 0 for online data');
  if (!(typeof d.labelNoise === 'number' && Number.isFinite(d.labelNoise) && d.labelNoise >= 0))
    issue('data.labelNoise', 'must be a finite number ≥ 0');
  if (!(Array.isArray(d.key) && d.key.length === 4 && d.key.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)))
    issue('data.key', 'must be four 32-bit words (toProblem makes them from data.seed)');
  if (!(typeof d.trapPhi === 'number' && d.trapPhi >= 0 && d.trapPhi <= Math.PI)) issue('data.trapPhi', 'must be an angle in [0, π]');
  if (!whole(d.trapWindow, 0)) issue('data.trapWindow', 'must be a whole number of steps ≥ 0');
}

/** |‖w‖² − 1| within what toProblem's unitVector leaves, about (2p + 6)ε; the engines' margins assume 4(p + 4)ε. */
function isUnit(w: Float64Array): boolean {
  return Math.abs(dot(w, w) - 1) <= 4 * (w.length + 4) * Number.EPSILON;
}

/** What is wrong with a schedule's rows. */
function stagesIssues(pr: Problem, shared: SharedChecks, issue: (field: string, message: string) => void): void {
  const st = pr.stages;
  if (!(st instanceof Float64Array) || st.length === 0 || st.length % STAGE_WIDTH !== 0)
    return issue(
      'stages',
      `must be a Float64Array of [until, ηa, ηv, shape, ηa1, ηv1, span, γ] rows (${STAGE_WIDTH} numbers each, at least one row)`,
    );
  if (shared.sound.has(st)) return;
  let sound = true;
  const bad = (row: number, message: string) => {
    sound = false;
    issue(`stages[${row}]`, message);
  };
  const step = (v: number) => Number.isFinite(v) && v >= 0;
  for (let at = 0; at < st.length; at += STAGE_WIDTH) {
    const row = at / STAGE_WIDTH,
      [until, etaA, etaV, shape, etaA1, etaV1, span, gamma] = st.subarray(at, at + STAGE_WIDTH);
    if (Number.isNaN(until) || until < 0 || (row > 0 && !(until > st[at - STAGE_WIDTH])))
      bad(row, 'until must be a step count ≥ 0, greater than the row before');
    if (!(step(etaA) && step(etaV))) bad(row, 'ηa and ηv must be finite step sizes ≥ 0');
    if (!Object.values(Shape).includes(shape))
      bad(
        row,
        `shape must be one of ${Object.values(Shape)
          .filter((v) => typeof v === 'number')
          .join(', ')}`,
      );
    else if (shape !== Shape.Constant) {
      if (!(Number.isInteger(span) && span >= 1 && span <= MAX_COUNT)) bad(row, 'span must be a whole number of steps ≥ 1');
      if (shape === Shape.Step ? !step(gamma) : !(step(etaA1) && step(etaV1)))
        bad(row, shape === Shape.Step ? 'γ must be a finite factor ≥ 0' : 'ηa1 and ηv1 must be finite step sizes ≥ 0');
    }
  }
  if (sound) shared.sound.add(st);
}

/** What is wrong with a wide Problem's sizes and matrices (SPEC §9), as problemIssues reports it. */
function wideProblemIssues(
  pr: Problem,
  p: number,
  k: number,
  vector: (field: 'x0' | 'a0' | 'wStar' | 'aStar', length: number, like: string) => boolean,
  issue: (field: string, message: string) => void,
): void {
  const w = pr.wide!;
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1e9;
  if (typeof w !== 'object' || w === null || !whole(w.r) || !whole(w.rStar))
    return issue('wide', 'must hold whole r and rStar ≥ 1 (build wide Problems with toProblem)');
  const { r, rStar } = w;
  if (vector('x0', r * p, `r·p = ${r * p}`)) {
    for (let i = 0; i < r; i++)
      if (dot(pr.x0.subarray(i * p, (i + 1) * p), pr.x0.subarray(i * p, (i + 1) * p)) === 0)
        issue(`x0`, `row ${i} must not be the zero vector`);
  }
  vector('a0', r * k, `r·k = ${r * k}`);
  if (vector('wStar', rStar * p, `r*·p = ${rStar * p}`)) {
    for (let j = 0; j < rStar; j++)
      if (!isUnit(pr.wStar.subarray(j * p, (j + 1) * p)))
        issue('wStar', `row ${j} must be a unit vector (toProblem normalises teacher.wStar's rows)`);
  }
  vector('aStar', rStar * k, `r*·k = ${rStar * k}`);
  if (typeof w.lossTol !== 'number' || Number.isNaN(w.lossTol)) issue('wide.lossTol', 'must be a number');
  if (typeof w.gradTol !== 'number' || !(w.gradTol >= 0)) issue('wide.gradTol', 'must be a number ≥ 0');
  if (!whole(w.gradWindow)) issue('wide.gradWindow', 'must be a whole number of steps ≥ 1');
  if (pr.data !== undefined)
    for (const f of ['trapLoss', 'trapTime'] as const)
      if (typeof w[f] !== 'number' || Number.isNaN(w[f]))
        issue(`wide.${f}`, 'must be a number (a wide run on sampled data ends spurious by it; build it with toProblem)');
}

/** Shared arrays found sound in this call; trapOf: ā → the a* it was derived from and āᵀa* < 0. */
interface SharedChecks {
  sound: Set<Float64Array>;
  trapOf: Map<Float64Array, { aStar: Float64Array; trap: boolean }>;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** What is wrong with one Problem, as ".field: what is expected" lines (empty when nothing is). */
function problemIssues(pr: Problem, shared: SharedChecks): string[] {
  if (typeof pr !== 'object' || pr === null) return [': must be a Problem (build it with toProblem)'];
  const out: string[] = [];
  const issue = (field: string, message: string) => out.push(`.${field}: ${message}`);
  const whole = (field: 'p' | 'k' | 'maxIter' | 'logEvery', min: number) => {
    const v = pr[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_COUNT)
      issue(field, `must be a whole number from ${min} to ${MAX_COUNT_SHOWN} (got ${String(v)})`);
  };
  whole('p', 1);
  whole('k', 1);
  whole('maxIter', 0);
  whole('logEvery', 0);
  const vector = (field: 'x0' | 'a0' | 'wStar' | 'aStar' | 'aBar', length: number, like: string) => {
    const v = pr[field];
    if (!(v instanceof Float64Array)) return (issue(field, `must be a Float64Array of ${like} numbers`), false);
    if (v.length !== length) return (issue(field, `must have ${like} entries (got ${v.length})`), false);
    if (!shared.sound.has(v) && !allFinite(v)) return (issue(field, 'must hold finite numbers only'), false);
    return true;
  };
  const p = Number.isInteger(pr.p) ? pr.p : NaN,
    k = Number.isInteger(pr.k) ? pr.k : NaN;
  if (pr.wide !== undefined) wideProblemIssues(pr, p, k, vector, issue);
  else oneFilterIssues();
  stagesIssues(pr, shared, issue);
  for (const field of ['tol', 'trapAngle', 'trapRadius'] as const) {
    const v = pr[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issue(field, `must be a finite number ≥ 0 (got ${String(v)})`);
  }
  if (pr.data !== undefined) dataIssues(pr, issue);
  if (out.length === 0 && pr.logEvery > 0 && pr.maxIter / pr.logEvery > MAX_SAMPLES)
    issue('logEvery', `would record more than ${MAX_SAMPLES} samples; use at least ${Math.ceil(pr.maxIter / MAX_SAMPLES)}`);
  return out;

  function oneFilterIssues(): void {
    if (vector('x0', p, `p = ${p}`) && dot(pr.x0, pr.x0) === 0) issue('x0', 'must not be the zero vector');
    vector('a0', k, `k = ${k}`);
    // toProblem's unitVector leaves |‖w*‖² − 1| within about (2p + 6)ε; the engines' margins assume 4(p + 4)ε
    if (vector('wStar', p, `p = ${p}`) && !shared.sound.has(pr.wStar)) {
      if (!isUnit(pr.wStar)) issue('wStar', 'must be a unit vector (toProblem normalises teacher.wStar)');
      else shared.sound.add(pr.wStar);
    }
    if (vector('aStar', k, `k = ${k}`) && vector('aBar', k, `k = ${k}`)) {
      let derived = shared.trapOf.get(pr.aBar);
      if (derived?.aStar !== pr.aStar) {
        const aBar = spuriousA(pr.aStar);
        derived = pr.aBar.every((v, i) => Object.is(v, aBar[i])) ? { aStar: pr.aStar, trap: dot(aBar, pr.aStar) < 0 } : undefined;
        if (derived) {
          shared.trapOf.set(pr.aBar, derived);
          shared.sound.add(pr.aStar).add(pr.aBar);
        }
      }
      if (!derived) issue('aBar', 'must be the spurious ā of aStar (SPEC §3), as toProblem computes it');
      else if (pr.trapPossible !== derived.trap) issue('trapPossible', 'must be āᵀa* < 0, as toProblem computes it');
    }
    if (typeof pr.trapPossible !== 'boolean') issue('trapPossible', 'must be true or false');
  }
}
