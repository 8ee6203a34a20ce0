// The options of the public functions, checked by the rules the CLI applies to its flags (the same
// limits, one definition), into ConfigError lines that name each option as the caller wrote it:
// `trials`, `k[1]`, `shard.index`. Plain JS callers get no type check, so unknown names are refused
// too. Browser-safe (no Node modules): presets.ts and simulator.ts use it.
import { ConfigError } from '../config.js';
import { LIMITS } from '../limits.js';

export { LIMITS };

/** What is wrong with `value`, as lines "name: what is expected" (none: nothing). */
export type Check = (value: unknown, name: string) => string[];

/** A check of an optional field that is required; `expected` completes "is required (…)". */
export interface Field {
  check: Check;
  required?: string;
}

/** What a message escapes in a string: backslashes, quotes, control characters and line separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
const UNPRINTABLE = /[\\'\u0000-\u001f\u2028\u2029]/g;

/** The value in a message: strings quoted and escaped (a line stays one line), objects by kind. */
export function shown(v: unknown): string {
  if (typeof v === 'string')
    return `'${(v.length > 60 ? `${v.slice(0, 60)}…` : v).replace(UNPRINTABLE, (c) => JSON.stringify(c).slice(1, -1))}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  const kind = Object.prototype.toString.call(v).slice(8, -1);
  return kind === 'Object' || !/^\w+$/.test(kind) ? 'an object' : `a${/^[AEIOU]/.test(kind) ? 'n' : ''} ${kind}`;
}

/** A check from a test: one line, "must be `expected` (got …)". */
export function rule(expected: string, ok: (v: unknown) => boolean): Check {
  return (v, name) => (ok(v) ? [] : [`${name}: must be ${expected} (got ${shown(v)})`]);
}

export const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function whole(min: number, max: number): Check {
  return rule(`a whole number from ${min} to ${max}`, (v) => isWhole(v, min, max));
}

export const finiteNumber = (what = 'a finite number'): Check => rule(what, (v) => typeof v === 'number' && Number.isFinite(v));
/** A finite number ≥ 0: `what` names it, e.g. 'a length'. */
export const nonNegative = (what: string): Check => rule(`${what} ≥ 0`, (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
export const flag: Check = rule('true or false', (v) => typeof v === 'boolean');
export const text = (what: string): Check => rule(`${what} (a non-empty string)`, (v) => typeof v === 'string' && v !== '');
export const oneOf = (names: readonly string[], what = ''): Check =>
  rule(`${what}one of ${names.map((n) => `'${n}'`).join(', ')}`, (v) => typeof v === 'string' && names.includes(v));

export const seed: Check = whole(LIMITS.seed.min, LIMITS.seed.max);
export const trials: Check = whole(LIMITS.trials.min, LIMITS.trials.max);
/** A seed of a random stream (presets): the CLI's seeds, or any string (the page's seed fields). */
export const streamSeed: Check = rule(
  `a whole number from ${LIMITS.seed.min} to ${LIMITS.seed.max}, or a string`,
  (v) => typeof v === 'string' || isWhole(v, LIMITS.seed.min, LIMITS.seed.max),
);

/** Entries of a long list reported one by one; the rest are counted. */
const MAX_LISTED = 10;

/**
 * A non-empty list, each entry checked as `name[i]`; `distinct`: a value listed twice is refused,
 * as the CLI's comma-separated lists refuse it.
 */
export function listOf(item: Check, what: string, distinct = true): Check {
  return (v, name) => {
    if (!Array.isArray(v) || v.length === 0) return [`${name}: must be a non-empty list of ${what} (got ${shown(v)})`];
    const issues: string[] = [];
    let wrong = 0;
    for (let i = 0; i < v.length; i++) {
      // holes too
      const lines = item(v[i], `${name}[${i}]`);
      if (lines.length > 0 && ++wrong <= MAX_LISTED) issues.push(...lines);
    }
    if (wrong > MAX_LISTED) issues.push(`${name}: ${wrong - MAX_LISTED} more entries are wrong in the same way or another`);
    if (issues.length > 0 || !distinct) return issues;
    const seen = new Set<unknown>();
    for (const x of v) {
      if (seen.has(x)) return [`${name}: lists ${typeof x === 'string' ? shown(x) : String(x)} twice`];
      seen.add(x);
    }
    return [];
  };
}

export const kList: Check = listOf(whole(LIMITS.k.min, LIMITS.k.max), `whole numbers from ${LIMITS.k.min} to ${LIMITS.k.max}`);
export const batchList: Check = listOf(
  whole(LIMITS.batch.min, LIMITS.batch.max),
  `whole numbers from ${LIMITS.batch.min} to ${LIMITS.batch.max}`,
);

export const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The own keys that are not fields, each with the nearest field name or the list of them. */
function unknownKeys(o: Record<string, unknown>, fields: string[], name: string, owner: string): string[] {
  const prefix = name === 'options' ? '' : `${name}.`;
  return Object.keys(o)
    .filter((key) => !fields.includes(key))
    .map((key) => {
      const near = nearest(key, fields);
      const label = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : shown(key);
      return `${prefix}${label}: unknown option; ${near ? `did you mean '${near}'?` : `${owner} takes ${fields.join(', ')}`}`;
    });
}

/** The field a misspelt key most likely means (case, '-' and '_' aside, at most two edits away). */
function nearest(key: string, fields: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  let best: string | undefined,
    bestDistance = Infinity;
  for (const f of fields) {
    const d = editDistance(norm(key), norm(f));
    if (d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.min(2, Math.floor(norm(best).length / 3)) ? best : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Infinity;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * What is wrong with an object of `fields` named `name` ('options' for a function's options: its
 * fields are named bare, `trials`; else `shard.index`): each field in the order of `fields`, then
 * the unknown keys. An undefined field counts as absent.
 */
export function objectIssues(fields: Record<string, Field>, v: unknown, name: string, owner = name, expected = 'an object'): string[] {
  if (!isPlainObject(v)) return [`${name}: must be ${expected} (got ${shown(v)})`];
  const prefix = name === 'options' ? '' : `${name}.`;
  const issues: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const value = Object.hasOwn(v, key) ? v[key] : undefined;
    if (value === undefined) {
      if (field.required !== undefined) issues.push(`${prefix}${key}: is required (${field.required})`);
    } else {
      issues.push(...field.check(value, `${prefix}${key}`));
    }
  }
  issues.push(...unknownKeys(v, Object.keys(fields), name, owner));
  return issues;
}

/** Throws a ConfigError listing each problem once. */
export function refuse(issues: string[]): void {
  if (issues.length > 0) throw new ConfigError([...new Set(issues)]);
}

/**
 * The options of `owner` (a function's name): undefined is no options; anything but an object of
 * `fields` is refused. Returns the defined fields only (an undefined field takes its default).
 * `more` adds the checks that need several fields, once each field is fine on its own; `alongside`,
 * the problems of the function's other arguments, listed with those of the options.
 */
export function checkOptions<T>(
  owner: string,
  fields: Record<string, Field>,
  input: unknown,
  more?: (o: T) => string[],
  alongside: string[] = [],
): T {
  const o = input === undefined ? {} : input;
  refuse([...objectIssues(fields, o, 'options', owner), ...alongside]);
  const out = Object.fromEntries(
    Object.keys(fields)
      .filter((k) => Object.hasOwn(o as object, k) && (o as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, (o as Record<string, unknown>)[k]]),
  ) as T;
  if (more) refuse(more(out));
  return out;
}

/** RunControl, the experiments' second argument: onProgress and signal. */
export const CONTROL_FIELDS: Record<string, Field> = {
  onProgress: { check: rule('a function', (v) => typeof v === 'function') },
  // Any AbortSignal (also another realm's or a polyfill): what the runs use of it.
  signal: {
    check: rule(
      'an AbortSignal',
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as AbortSignal).aborted === 'boolean' &&
        typeof (v as AbortSignal).addEventListener === 'function',
    ),
  },
};

export function controlIssues(control: unknown): string[] {
  return control === undefined ? [] : objectIssues(CONTROL_FIELDS, control, 'control');
}

export function checkControl<T>(control: T): T {
  refuse(controlIssues(control));
  return control ?? ({} as T);
}
