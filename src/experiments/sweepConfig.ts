// Sweep configs: a grid over the presets' parameters × trials. Validated with the same
// "field: what is expected" errors as run configs, then expanded into cells in a fixed order.
// Browser-safe (no Node modules): the web page checks and runs its sweeps with it too.
import { z } from 'zod';
import { parse, finite, stepSize, count } from '../config.js';
import { METHODS, methodPreset, presetConstants, PRESET_NAMES, SPEC_CONSTANTS, type Method, type PresetName } from '../presets.js';
import type { Schedule } from '../types.js';
import type { Cell } from './cell.js';

/** A number or a non-empty list of numbers; a single number means a one-value axis. */
function axis(item: z.ZodTypeAny) {
  return z.preprocess((v) => typeof v === 'number' ? [v] : v,
    z.array(item, { invalid_type_error: 'must be a number or a list of numbers' })
      .min(1, 'must list at least one value')
      .refine((vs) => new Set(vs).size === vs.length, 'must not list a value twice'));
}

const dimension = count('a whole number ≥ 2').min(2, 'must be a whole number ≥ 2').max(100_000, 'must be at most 100000');
const steps = count('a whole number of steps ≥ 0');

const sswSpec = z.object({
  method: z.literal('resnet-ssw'),
  eta: axis(stepSize).optional(), etaA1: axis(stepSize).optional(),
  etaV1: axis(stepSize).optional(), warmup: axis(steps).optional(),
}).strict();
const constantSpec = (method: 'resnet-constant' | 'cnn') => z.object({
  method: z.literal(method), etaA: axis(stepSize).optional(), etaV: axis(stepSize).optional(),
}).strict();

const methodSpec = z.preprocess((v) => typeof v === 'string' ? { method: v } : v,
  z.discriminatedUnion('method', [sswSpec, constantSpec('resnet-constant'), constantSpec('cnn')], {
    errorMap: (issue, ctx) => issue.code === 'invalid_union_discriminator'
      ? { message: `must be one of ${METHODS.map((m) => `'${m}'`).join(', ')} (or an object with such a 'method')` }
      : issue.code === 'invalid_type' ? { message: 'must be a method name or an object { method, ...schedule numbers }' }
      : { message: ctx.defaultError },
  }));
type MethodSpec = z.infer<typeof methodSpec>;

const presetName = z.enum(PRESET_NAMES as [PresetName, ...PresetName[]], {
  errorMap: () => ({ message: `must be one of ${PRESET_NAMES.map((n) => `'${n}'`).join(', ')}` }),
});

const sweepSchema = z.object({
  seed: count('a whole number ≥ 0').default(1),
  preset: presetName.optional(),
  trials: count('a whole number ≥ 1').min(1, 'must be a whole number ≥ 1'),
  maxIter: steps.default(5000),
  grid: z.object({
    k: axis(dimension),
    p: axis(dimension).optional(),
    vStarNorm: axis(finite.nonnegative('must be a length ≥ 0')).optional(),
    aStarSum: axis(finite).optional(),
    aStarSpread: axis(finite.nonnegative('must be a length ≥ 0')).optional(),
    radiusScale: axis(finite.nonnegative('must be a scale ≥ 0')).optional(),
    methods: z.array(methodSpec, { invalid_type_error: 'must be a list of methods' })
      .min(1, 'must list at least one method').default([...METHODS]),
  }, { required_error: 'is required (an object of lists: k, methods, ...)' }).strict(),
}).strict().superRefine((c, ctx) => {
  if (c.grid.aStarSum?.includes(0) && c.grid.aStarSpread?.includes(0))
    ctx.addIssue({ code: 'custom', path: ['grid', 'aStarSpread'], message: 'must not be 0 where grid.aStarSum is 0 too (a* would be zero)' });
}).transform(({ grid: g, ...c }) => {
  // Without a preset, unlisted constants are SPEC §6.1's, written out (as before presets had names);
  // with one, they stay unlisted and each cell takes the preset's value at its k.
  const fill = (name: keyof typeof SPEC_CONSTANTS) => g[name] ?? (c.preset ? undefined : [SPEC_CONSTANTS[name]]);
  return { ...c, grid: { k: g.k, p: g.p, vStarNorm: fill('vStarNorm'), aStarSum: fill('aStarSum'),
    aStarSpread: fill('aStarSpread'), radiusScale: fill('radiusScale'), methods: g.methods } };
});

export type SweepConfig = z.infer<typeof sweepSchema>;

/** Validates a sweep config and fills in the defaults. Throws ConfigError. */
export function parseSweepConfig(input: unknown): SweepConfig {
  return parse(sweepSchema, input, 'sweep config');
}

/** The cells in grid order: k, p, vStarNorm, aStarSum, aStarSpread, radiusScale, method, schedule numbers. */
export function sweepCells(c: SweepConfig): Cell[] {
  const cells: Cell[] = [];
  const g = c.grid;
  for (const k of g.k) {
    const preset = presetConstants(c.preset ?? 'spec', k);
    for (const p of g.p ?? [k]) for (const vStarNorm of g.vStarNorm ?? [preset.vStarNorm])
    for (const aStarSum of g.aStarSum ?? [preset.aStarSum]) for (const aStarSpread of g.aStarSpread ?? [preset.aStarSpread])
    for (const radiusScale of g.radiusScale ?? [preset.radiusScale])
      for (const spec of g.methods) for (const schedule of schedules(spec)) {
        cells.push({ cell: cells.length, k, p, method: spec.method, vStarNorm, aStarSum, aStarSpread, radiusScale,
          schedule, maxIter: c.maxIter, seed: c.seed });
      }
  }
  return cells;
}

/** The method's preset schedule with each listed number replaced, one schedule per combination. */
function schedules(spec: MethodSpec): Schedule[] {
  let out: Schedule[] = [methodPreset(spec.method as Method).schedule];
  for (const [field, values] of Object.entries(spec)) {
    if (field === 'method' || values === undefined) continue;
    out = out.flatMap((s) => (values as number[]).map((v) => ({ ...s, [field]: v }) as Schedule));
  }
  return out;
}
