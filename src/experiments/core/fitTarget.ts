// The target of `fit`: observed success counts per (k, method), e.g. a paper's Table 1. Validated
// like every other input: one "field: what is expected" line per problem.
import { z } from 'zod';
import { ConfigError, count, dimension, finite, parse } from '../../config.js';
import { METHODS, type Method } from '../../presets.js';

export interface TargetCell {
  k: number;
  method: Method;
  /** Runs behind the observed rate. */
  trials: number;
  successes: number;
}

export interface FitTarget {
  source?: string;
  cells: TargetCell[];
}

/** A target as its file holds it (examples/paper-table1.json): each cell with `successes` or a `rate` (successes / trials). */
export interface FitTargetFile {
  /** Where the numbers come from. */
  source?: string;
  cells: { k: number; method: Method; trials: number; successes?: number; rate?: number }[];
}

/**
 * A rate is taken when it is within this of some successes / trials: far above the rounding of the
 * decimal rate and of rate × trials (under 2.3·10⁻¹⁶ × trials), and it keeps rate × trials within
 * 0.001 of a whole number up to 10⁹ trials, where a relative 10⁻⁹ would allow a whole success.
 */
const RATE_ROUNDING = 1e-12;

const cell = z
  .object({
    k: dimension,
    method: z.enum(METHODS, { errorMap: () => ({ message: `must be one of ${METHODS.map((m) => `'${m}'`).join(', ')}` }) }),
    trials: count('a whole number of runs ≥ 1').min(1, 'must be a whole number of runs ≥ 1'),
    successes: count('a whole number of runs ≥ 0').optional(),
    rate: finite.min(0, 'must be a rate from 0 to 1').max(1, 'must be a rate from 0 to 1').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((c.successes === undefined) === (c.rate === undefined))
      issue('successes', "give exactly one of 'successes' (a count) and 'rate' (successes / trials)");
    else if (c.successes !== undefined && c.successes > c.trials) issue('successes', `must be at most trials (${c.trials})`);
    else if (c.rate !== undefined && Math.abs(c.rate * c.trials - Math.round(c.rate * c.trials)) > RATE_ROUNDING * c.trials)
      issue('rate', `rate × trials (${c.rate * c.trials}) must be a whole number of successes; give 'successes' instead`);
  });

const target = z
  .object({
    source: z.string({ invalid_type_error: 'must be a string (where the numbers come from)' }).optional(),
    cells: z
      .array(cell, {
        required_error: 'is required (a list of { k, method, trials, rate or successes })',
        invalid_type_error: 'must be a list of cells',
      })
      .min(1, 'must list at least one cell'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    t.cells.forEach((c, i) => {
      const key = `${c.k}/${c.method}`,
        first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['cells', i], message: `repeats k = ${c.k}, method ${c.method} (cells[${first}])` });
      else seen.set(key, i);
    });
  });

/** Validates a target file's contents. Throws ConfigError; with `name`, each line starts with it (the option or flag that gave the target). */
export function parseFitTarget(input: unknown, name?: string): FitTarget {
  let t: z.infer<typeof target>;
  try {
    t = parse(target, input, 'target');
  } catch (e) {
    if (name === undefined || !(e instanceof ConfigError)) throw e;
    throw new ConfigError(e.issues.map((issue) => `${name}: ${issue.replace(/^target: /, '')}`));
  }
  return {
    ...(t.source === undefined ? {} : { source: t.source }),
    cells: t.cells.map((c) => ({ k: c.k, method: c.method, trials: c.trials, successes: c.successes ?? Math.round(c.rate! * c.trials) })),
  };
}
