// Sweep configs: a grid over the presets' parameters × trials. Validated with the same
// "field: what is expected" errors as run configs, then expanded into cells in a fixed order.
// Browser-safe (no Node modules): the web page checks and runs its sweeps with it too.
import { z } from 'zod';
import { ConfigError, parse, finite, stepSize, count, dimension } from '../../config.js';
import { memoryProblem } from '../../engineMemory.js';
import { STAGE_WIDTH } from '../../layout.js';
import type { EngineName } from '../../types.js';
import { DEFAULT_EXPERIMENT_ENGINE } from './run.js';
import { METHODS, methodPreset, presetConstants, PRESET_NAMES, SPEC_CONSTANTS, type Method, type PresetName } from '../../presets.js';
import type { Decay, Schedule } from '../../types.js';
import type { Cell } from './cell.js';
import {
  DEFAULT_MAX_ITER,
  DEFAULT_PRESET,
  DEFAULT_SEED,
  MAX_CELLS,
  MAX_COUNT,
  MAX_ENTRIES,
  MAX_FILTERS,
  MAX_SCALE,
  MAX_TRIALS,
  SCALE_BATCH,
} from '../../limits.js';

/** How SGD's steps follow the batch size (SPEC §4): none, linear (Goyal et al.'s rule) or square root. */
export const SCALE_RULES = ['none', 'linear', 'sqrt'] as const;
export type ScaleRule = (typeof SCALE_RULES)[number];

/** A number or a non-empty list of numbers; a single number means a one-value axis. */
function axis(item: z.ZodTypeAny) {
  return z.preprocess(
    (v) => (typeof v === 'number' ? [v] : v),
    z
      .array(item, { invalid_type_error: 'must be a number or a list of numbers' })
      .min(1, 'must list at least one value')
      .refine((vs) => new Set(vs).size === vs.length, 'must not list a value twice'),
  );
}

/** The size of a grid of `cells` cells × `trials` trials with `entries` vector entries, if it is too large. */
export function sizeProblem(cells: number, trials: number, entries: number, what: string): string | undefined {
  if (cells > MAX_CELLS) return `${cells} cells; at most ${MAX_CELLS} cells in one ${what}`;
  if (cells * trials > MAX_TRIALS)
    return `${cells} cells × ${trials} trials = ${cells * trials} trials; at most ${MAX_TRIALS} trials in one ${what}`;
  if (entries > MAX_ENTRIES)
    return `${cells} cells × ${trials} trials set up ${entries.toExponential(2)} vector entries (k + p per trial); at most ${MAX_ENTRIES.toExponential(0)} in one ${what}`;
  return undefined;
}

const scale = (what: string) =>
  finite.nonnegative(`must be ${what} from 0 to ${MAX_SCALE}`).max(MAX_SCALE, `must be ${what} from 0 to ${MAX_SCALE}`);

const steps = count('a whole number of steps ≥ 0');

/** A number of filters r or r* (SPEC §9). */
const filters = count(`a whole number of filters from 1 to ${MAX_FILTERS}`)
  .min(1, `must be a whole number of filters from 1 to ${MAX_FILTERS}`)
  .max(MAX_FILTERS, `must be a whole number of filters from 1 to ${MAX_FILTERS}`);

const sswSpec = z
  .object({
    method: z.literal('resnet-ssw'),
    eta: axis(stepSize).optional(),
    etaA1: axis(stepSize).optional(),
    etaV1: axis(stepSize).optional(),
    warmup: axis(steps).optional(),
  })
  .strict();
const constantSpec = (method: 'resnet-constant' | 'cnn') =>
  z
    .object({
      method: z.literal(method),
      etaA: axis(stepSize).optional(),
      etaV: axis(stepSize).optional(),
    })
    .strict();

const methodSpec = z.preprocess(
  (v) => (typeof v === 'string' ? { method: v } : v),
  z.discriminatedUnion('method', [sswSpec, constantSpec('resnet-constant'), constantSpec('cnn')], {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `must be one of ${METHODS.map((m) => `'${m}'`).join(', ')} (or an object with such a 'method')` }
        : issue.code === 'invalid_type'
          ? { message: 'must be a method name or an object { method, ...schedule numbers }' }
          : { message: ctx.defaultError },
  }),
);
type MethodSpec = z.infer<typeof methodSpec>;

const presetName = z.enum(PRESET_NAMES as [PresetName, ...PresetName[]], {
  errorMap: () => ({ message: `must be one of ${PRESET_NAMES.map((n) => `'${n}'`).join(', ')}` }),
});

const sweepSchema = z
  .object({
    seed: count('a whole number ≥ 0').default(DEFAULT_SEED),
    preset: presetName.optional(),
    trials: count('a whole number ≥ 1').min(1, 'must be a whole number ≥ 1'),
    maxIter: steps.default(DEFAULT_MAX_ITER),
    scale: z
      .enum(SCALE_RULES, { errorMap: () => ({ message: `must be one of ${SCALE_RULES.map((r) => `'${r}'`).join(', ')}` }) })
      .optional(),
    grid: z
      .object(
        {
          k: axis(dimension),
          p: axis(dimension).optional(),
          vStarNorm: axis(scale('a length')).optional(),
          aStarSum: axis(
            finite
              .min(-MAX_SCALE, `must be a number from ${-MAX_SCALE} to ${MAX_SCALE}`)
              .max(MAX_SCALE, `must be a number from ${-MAX_SCALE} to ${MAX_SCALE}`),
          ).optional(),
          aStarSpread: axis(scale('a length')).optional(),
          radiusScale: axis(scale('a scale')).optional(),
          batch: axis(count('a whole batch size ≥ 1').min(1, 'must be a whole batch size ≥ 1')).optional(),
          n: axis(count('a whole number of samples ≥ 1').min(1, 'must be a whole number of samples ≥ 1')).optional(),
          labelNoise: axis(finite.nonnegative('must be a standard deviation ≥ 0')).optional(),
          width: axis(filters).optional(),
          teacherWidth: axis(filters).optional(),
          methods: z
            .array(methodSpec, { invalid_type_error: 'must be a list of methods' })
            .min(1, 'must list at least one method')
            .default([...METHODS]),
        },
        { required_error: 'is required (an object of lists: k, methods, ...)' },
      )
      .strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.grid.aStarSum?.includes(0) && c.grid.aStarSpread?.includes(0))
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'aStarSpread'],
        message: 'must not be 0 where grid.aStarSum is 0 too (a* would be zero)',
      });
    const { batch, n, labelNoise } = c.grid;
    if (c.scale && c.scale !== 'none' && !batch && !n)
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: 'scales the steps of sampled runs by their batch size: give grid.batch or grid.n too',
      });
    if (labelNoise && !batch && !n)
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'labelNoise'],
        message: 'is for sampled data: give grid.batch (online SGD) or grid.n (fixed training sets) too',
      });
    if (batch && n && Math.max(...batch) > Math.min(...n))
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'batch'],
        message: `must be at most every grid.n: batch ${Math.max(...batch)} > n ${Math.min(...n)}`,
      });
    const cells = cellCount(c),
      g = c.grid;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const dimensions = g.p ? g.p.length * sum(g.k) + g.k.length * sum(g.p) : 2 * sum(g.k); // Σ (k + p) over the (k, p) pairs
    const filterRows = sum(g.width ?? [1]) / (g.width?.length ?? 1) + sum(g.teacherWidth ?? [1]) / (g.teacherWidth?.length ?? 1); // mean r + r*
    const problem = sizeProblem(
      cells,
      c.trials,
      (cells / (g.k.length * (g.p?.length ?? 1))) * dimensions * (filterRows / 2) * c.trials,
      'sweep',
    );
    if (problem) {
      ctx.addIssue({ code: 'custom', path: [cells > c.trials ? 'grid' : 'trials'], message: `${problem} (split it into several sweeps)` });
      return;
    }
    const seen = new Map<string, number>();
    c.grid.methods.forEach((spec, i) => {
      for (const schedule of schedules(spec)) {
        const key = JSON.stringify([spec.method, schedule]),
          j = seen.get(key);
        if (j !== undefined && j !== i) {
          ctx.addIssue({
            code: 'custom',
            path: ['grid', 'methods', i],
            message: `repeats grid.methods[${j}] (the same method and schedule)`,
          });
          return;
        }
        seen.set(key, i);
      }
    });
  })
  .transform(({ grid: g, ...c }) => {
    // Without a preset, unlisted constants are SPEC §6.1's, written out (as before presets had names);
    // with one, they stay unlisted and each cell takes the preset's value at its k.
    const fill = (name: keyof typeof SPEC_CONSTANTS) => g[name] ?? (c.preset ? undefined : [SPEC_CONSTANTS[name]]);
    return {
      ...c,
      grid: {
        k: g.k,
        p: g.p,
        vStarNorm: fill('vStarNorm'),
        aStarSum: fill('aStarSum'),
        aStarSpread: fill('aStarSpread'),
        radiusScale: fill('radiusScale'),
        ...(g.batch ? { batch: g.batch } : {}),
        ...(g.n ? { n: g.n } : {}),
        ...(g.labelNoise ? { labelNoise: g.labelNoise } : {}),
        ...(g.width ? { width: g.width } : {}),
        ...(g.teacherWidth ? { teacherWidth: g.teacherWidth } : {}),
        methods: g.methods,
      },
    };
  });

/** A sweep config with its defaults filled in (parseSweepConfig): seed, trials, maxIter, preset and the grid of cells. */
export type SweepConfig = z.infer<typeof sweepSchema>;

/**
 * Validates a sweep config and fills in the defaults; also that its largest run fits in the memory
 * of `engine` (default: the experiments' engine, which the page's sweeps run on). Throws ConfigError.
 */
export function parseSweepConfig(input: unknown, engine: EngineName = DEFAULT_EXPERIMENT_ENGINE): SweepConfig {
  const config = parse(sweepSchema, input, 'sweep config');
  const issues = memoryIssues(config, engine);
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/**
 * parseSweepConfig for a study whose options fill the grid: its complaints about `options` are named
 * as the study's options (grid.batch → batch). Throws ConfigError.
 */
export function parseStudySweep(input: unknown, options: readonly string[], engine?: EngineName): SweepConfig {
  try {
    return parseSweepConfig(input, engine);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const grid = new RegExp(`^grid\\.(${options.join('|')})\\b`);
    throw new ConfigError(e.issues.map((i) => i.replace(grid, '$1')));
  }
}

/** One line per grid field that makes some run too large for engine memory (its largest run at each (k, p)). */
function memoryIssues(c: SweepConfig, engine: EngineName): string[] {
  const g = c.grid,
    max = (xs: number[] | undefined) => xs && Math.max(...xs);
  const n = max(g.n),
    batch = max(g.batch),
    labelNoise = max(g.labelNoise) ?? 0;
  const data = n === undefined && batch === undefined ? undefined : { online: n === undefined, batch: batch ?? n!, n: n ?? 0, labelNoise };
  const fields = { n: 'grid.n', batch: 'grid.batch', kp: 'grid.k', size: 'grid.k' } as const;
  const seen = new Map<string, string>();
  const r = max(g.width) ?? 1,
    rStar = max(g.teacherWidth) ?? 1,
    wide = r > 1 || rStar > 1 ? { wide: { r, rStar } } : {};
  for (const k of g.k)
    for (const p of g.p ?? [k]) {
      const problem = memoryProblem(
        {
          p,
          k,
          maxIter: c.maxIter,
          logEvery: 0,
          wStar: { length: p * rStar },
          aStar: { length: k * rStar },
          aBar: { length: wide.wide ? 0 : k },
          stages: { length: MAX_PRESET_STAGES * STAGE_WIDTH },
          data,
          ...wide,
        },
        engine,
      );
      if (problem && !seen.has(fields[problem.field])) seen.set(fields[problem.field], `at k = ${k}, p = ${p}: ${problem.message}`);
    }
  return [...seen].map(([field, message]) => `${field}: ${message}`);
}

/** Stages of the longest schedule a sweep's or the SGD study's methods take (ssw's warmup, two milestones, the rest). */
const MAX_PRESET_STAGES = 4;

/** The number of cells of a sweep, without making them. */
export function cellCount(c: {
  grid: Partial<Record<Exclude<keyof SweepConfig['grid'], 'methods'>, unknown[]>> & { k: unknown[]; methods: MethodSpec[] };
}): number {
  const g = c.grid;
  const schedulesPerMethod = g.methods.reduce(
    (sum, spec) =>
      sum +
      Object.entries(spec).reduce(
        (n, [field, values]) => (field === 'method' || values === undefined ? n : n * (values as number[]).length),
        1,
      ),
    0,
  );
  return (
    g.k.length *
    (g.p?.length ?? 1) *
    (g.vStarNorm?.length ?? 1) *
    (g.aStarSum?.length ?? 1) *
    (g.aStarSpread?.length ?? 1) *
    (g.radiusScale?.length ?? 1) *
    (g.batch?.length ?? 1) *
    (g.n?.length ?? 1) *
    (g.labelNoise?.length ?? 1) *
    (g.width?.length ?? 1) *
    (g.teacherWidth?.length ?? 1) *
    schedulesPerMethod
  );
}

/**
 * The cells in grid order: k, p, vStarNorm, aStarSum, aStarSpread, radiusScale, batch, n, labelNoise,
 * teacherWidth, width, method, schedule numbers (cells numbered from `first`). Without batch and n a cell
 * is population GD; a cell names its width and teacherWidth only when the grid lists them.
 */
export function sweepCells(c: SweepConfig, first = 0): Cell[] {
  const cells: Cell[] = [];
  const g = c.grid;
  for (const k of g.k) {
    const preset = presetConstants(c.preset ?? DEFAULT_PRESET, k);
    for (const p of g.p ?? [k])
      for (const vStarNorm of g.vStarNorm ?? [preset.vStarNorm])
        for (const aStarSum of g.aStarSum ?? [preset.aStarSum])
          for (const aStarSpread of g.aStarSpread ?? [preset.aStarSpread])
            for (const radiusScale of g.radiusScale ?? [preset.radiusScale])
              for (const batch of g.batch ?? [undefined])
                for (const n of g.n ?? [undefined])
                  for (const labelNoise of g.labelNoise ?? [0])
                    for (const teacherWidth of g.teacherWidth ?? [undefined])
                      for (const width of g.width ?? [undefined])
                        for (const spec of g.methods)
                          for (const schedule of schedules(spec)) {
                            const cell: Cell = {
                              cell: first + cells.length,
                              k,
                              p,
                              method: spec.method,
                              vStarNorm,
                              aStarSum,
                              aStarSpread,
                              radiusScale,
                              schedule,
                              maxIter: c.maxIter,
                              seed: c.seed,
                            };
                            if (batch !== undefined || n !== undefined)
                              cell.data = { ...(batch === undefined ? {} : { batch }), ...(n === undefined ? {} : { n }), labelNoise };
                            if (width !== undefined) cell.width = width;
                            if (teacherWidth !== undefined) cell.teacherWidth = teacherWidth;
                            cells.push(c.scale ? scaledCell(cell, c.scale) : cell);
                          }
  }
  return cells;
}

/** The method's preset schedule with each listed number replaced, one schedule per combination. */
function schedules(spec: MethodSpec): Schedule[] {
  return scheduleVariants(spec).map((v) => v.schedule);
}

/** schedules(spec), each with the numbers that replaced the preset's ('warmup=100'; '' for none). */
function scheduleVariants(spec: MethodSpec): { schedule: Schedule; numbers: string }[] {
  let out = [{ schedule: methodPreset(spec.method as Method).schedule, numbers: '' }];
  for (const [field, values] of Object.entries(spec)) {
    if (field === 'method' || values === undefined) continue;
    out = out.flatMap((s) =>
      (values as number[]).map((v) => ({
        schedule: { ...s.schedule, [field]: v } as Schedule,
        numbers: `${s.numbers}${s.numbers ? ' ' : ''}${field}=${v}`,
      })),
    );
  }
  return out;
}

/**
 * The method and schedule of each cell within one combination of the grid's other axes (the innermost
 * loops of sweepCells): cell c is series c mod their count. Schedules by the numbers the grid lists, so
 * a series keeps its name when `scale` stretches its steps per batch size.
 */
export function sweepSeries(c: SweepConfig): { method: Method; numbers: string }[] {
  return c.grid.methods.flatMap((spec) => scheduleVariants(spec).map(({ numbers }) => ({ method: spec.method as Method, numbers })));
}

/** The factor of batch `batch`'s step sizes: min(1, B/B0), min(1, √(B/B0)) or 1, with B0 = SCALE_BATCH. */
export function batchScale(rule: ScaleRule, batch: number): number {
  return rule === 'linear' ? Math.min(1, batch / SCALE_BATCH) : rule === 'sqrt' ? Math.min(1, Math.sqrt(batch / SCALE_BATCH)) : 1;
}

/**
 * The schedule run at step sizes `f` times as large and durations 1/f times as long (rounded up): the
 * same η·t, so that a run with small steps covers the ground GD does (warmup, decay, maxIter).
 */
export function stretchedSchedule(s: Schedule, f: number): Schedule {
  if (f === 1) return s;
  const eta = (v: number) => v * f,
    steps = (t: number) => Math.min(MAX_COUNT, Math.ceil(t / f));
  const decay = (d: Decay | undefined): { decay?: Decay } =>
    !d
      ? {}
      : {
          decay:
            d.kind === 'cosine'
              ? { ...d, etaMin: eta(d.etaMin), T: steps(d.T) }
              : {
                  ...d,
                  ...(d.every === undefined ? {} : { every: steps(d.every) }),
                  ...(d.milestones ? { milestones: d.milestones.map(steps) } : {}),
                },
        };
  switch (s.kind) {
    case 'constant':
      return { ...s, etaA: eta(s.etaA), etaV: eta(s.etaV), ...decay(s.decay) };
    case 'ssw':
      return {
        ...s,
        eta: eta(s.eta),
        etaV1: eta(s.etaV1),
        ...(s.etaA1 === undefined ? {} : { etaA1: eta(s.etaA1) }),
        warmup: steps(s.warmup),
        ...decay(s.decay),
      };
    case 'linear-warmup':
      return {
        ...s,
        eta: eta(s.eta),
        eta0: eta(s.eta0),
        ...(s.etaA0 === undefined ? {} : { etaA0: eta(s.etaA0) }),
        warmup: steps(s.warmup),
        ...decay(s.decay),
      };
    case 'step-decay':
      return {
        ...s,
        eta: eta(s.eta),
        ...decay({ kind: 'step-decay', gamma: s.gamma, every: s.every, milestones: s.milestones }).decay,
      } as Schedule;
    case 'cosine':
      return { ...s, eta: eta(s.eta), etaMin: eta(s.etaMin), T: steps(s.T) };
    case 'piecewise':
      return { ...s, stages: s.stages.map((st) => ({ until: steps(st.until), etaA: eta(st.etaA), etaV: eta(st.etaV) })) };
  }
}

/**
 * A sampled cell with its steps scaled by its batch size under `rule` (a GD cell as it is). A wide cell's trap
 * clock needs no stretching: it counts the first layer's steps (Σ η_v), which the scaling shrinks alike.
 */
export function scaledCell(cell: Cell, rule: ScaleRule): Cell {
  const batch = cell.data && (cell.data.batch ?? cell.data.n);
  const f = batch === undefined ? 1 : batchScale(rule, batch);
  const steps = (t: number) => Math.min(MAX_COUNT, Math.ceil(t / f));
  if (f === 1) return cell;
  return { ...cell, schedule: stretchedSchedule(cell.schedule, f), maxIter: steps(cell.maxIter) };
}
