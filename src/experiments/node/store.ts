// The trial store: a JSON-lines file whose first line describes the experiment and whose other
// lines are finished trials, appended in trial order as they finish. A crash can leave a partial last
// line; reading drops it. An experiment (or shard) that completes without interruption has written
// its trials sorted; one that was resumed is rewritten sorted at the end, so the same experiment
// always leaves the same bytes. Other files of JSON lines after a header (fit's cache) are read and
// created by the same functions (readLinesFile, createLinesFile).
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync } from 'node:fs';
import { reason, removeOutputs, removeStaleTemps, UsageError, writeAll, writeError, writeFileAtomic } from '../../io.js';
import { OUTCOME_NAMES } from '../../problem.js';
import type { TrialRecord } from '../core/run.js';

export type { TrialRecord };

export const STORE_FORMAT = 'shortcut-sim trials v1';

const TRIALS_FILE: LinesKind = { format: STORE_FORMAT, name: 'a shortcut-sim trials file' };

export interface StoreHeader {
  format: typeof STORE_FORMAT;
  /** 'table1' or 'sweep'. */
  experiment: string;
  /** The normalised experiment config: trials of the same config are interchangeable. */
  config: unknown;
  engine: string;
  /** 'i/N' when the file holds one shard's trials. */
  shard?: string;
}

export interface StoreContents {
  header: StoreHeader;
  records: TrialRecord[];
}

export function byTrial(a: TrialRecord, b: TrialRecord): number {
  return a.cell - b.cell || a.trial - b.trial;
}

/** What a record of an experiment may hold: cells 0…cells−1, trials 0…trials−1 (of one shard). */
export interface TrialRange {
  cells: number;
  trials: number;
  seed: number;
  maxIter: number;
  shard?: { index: number; count: number };
}

const FIELDS = ['cell', 'trial', 'seed', 'outcome', 'iterations', 'phi', 'loss'];

/** What is wrong with a record of `range`, or undefined when it is a valid one. */
export function recordProblem(r: unknown, range: TrialRange): string | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    return 'not a trial record (an object with cell, trial, seed, outcome, iterations, phi, loss)';
  const x = r as Record<string, unknown>;
  const extra = Object.keys(x).find((f) => !FIELDS.includes(f));
  if (extra !== undefined) return `unknown field '${extra}'`;
  const whole = (f: string, max: number) =>
    Number.isInteger(x[f]) && (x[f] as number) >= 0 && (x[f] as number) <= max
      ? undefined
      : `${f} must be a whole number from 0 to ${max} (got ${JSON.stringify(x[f])})`;
  const problem = whole('cell', range.cells - 1) ?? whole('trial', range.trials - 1) ?? whole('iterations', range.maxIter);
  if (problem) return problem;
  if (x.seed !== range.seed) return `seed must be ${range.seed}, the experiment's (got ${JSON.stringify(x.seed)})`;
  if (!(OUTCOME_NAMES as readonly unknown[]).includes(x.outcome))
    return `outcome must be one of ${OUTCOME_NAMES.join(', ')} (got ${JSON.stringify(x.outcome)})`;
  // JSON writes NaN and ±Infinity (a diverged run's φ or loss) as null.
  for (const f of ['phi', 'loss'])
    if (typeof x[f] !== 'number' && x[f] !== null) return `${f} must be a number (got ${JSON.stringify(x[f])})`;
  const { shard } = range;
  if (shard && ((x.cell as number) * range.trials + (x.trial as number)) % shard.count !== shard.index - 1)
    return `cell ${x.cell}, trial ${x.trial} is not a trial of shard ${shard.index}/${shard.count}`;
  return undefined;
}

/**
 * Reads a store. A last line without its newline (the process died while writing it) is
 * dropped and, with `repair`, cut off the file so later appends start on a fresh line. With
 * `range` (from the header), every record is checked and a bad one refused with its line number.
 */
export function readStore(
  path: string,
  options: { repair?: boolean; range?: (header: StoreHeader) => TrialRange | undefined } = {},
): StoreContents {
  const { header, values } = readLinesFile<StoreHeader>(path, TRIALS_FILE, options.repair, (h) => {
    const range = options.range?.(h);
    return range && ((r) => recordProblem(r, range));
  });
  return { header, records: values as TrialRecord[] };
}

/**
 * A store's header and the seed of its first trial (none: no trial yet), read from its first lines
 * alone: what a file holds, before reading it whole. Checks no more than that the header is a store's.
 */
export function storeHead(path: string): { header: StoreHeader; seed?: unknown } {
  const [first, second] = headLines(path, 2);
  const header = headerOf(first) as StoreHeader | undefined;
  if (header?.format !== STORE_FORMAT)
    throw new UsageError(`'${path}' is not a shortcut-sim trials file (its first line should be a header with format '${STORE_FORMAT}')`);
  const record = second === undefined ? undefined : (headerOf(second) as { seed?: unknown } | undefined);
  return { header, seed: record?.seed };
}

/** The first `count` lines of a file (fewer if it has fewer), read without reading it whole. */
function headLines(path: string, count: number): string[] {
  let text = '';
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const chunk = Buffer.alloc(1 << 16);
    for (let n: number; text.split('\n').length <= count && (n = readSync(fd, chunk)) > 0; ) text += chunk.toString('latin1', 0, n);
  } catch (e) {
    throw new UsageError(`cannot read '${path}' (${reason(e)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return Buffer.from(text, 'latin1').toString('utf8').split('\n').slice(0, count);
}

/**
 * Starts a file of `kind` over (--fresh): replaces it by `header` alone — only when it is such a file,
 * anything else is refused and left as it is — and removes `outputs`, the result files of the run
 * that owns it. The caller holds the file's lock.
 */
export function startOverLines(path: string, kind: LinesKind, header: { format: string }, outputs: readonly string[]): void {
  removeStaleTemps(path);
  if (existsSync(path) && (headerOf(headLines(path, 1)[0] ?? '') as { format?: unknown } | undefined)?.format !== kind.format)
    throw new UsageError(
      `'${path}' is not ${kind.name} (its first line should be a header with format '${kind.format}'); ` +
        '--fresh replaces only such a file: give another output path',
    );
  removeOutputs(outputs);
  writeFileAtomic(path, JSON.stringify(header) + '\n');
}

/** startOverLines for a trial file. */
export function startOver(path: string, header: StoreHeader, outputs: readonly string[]): void {
  startOverLines(path, TRIALS_FILE, header, outputs);
}

/** What is wrong with a line's value, or undefined when it is one the file may hold. */
export type LineCheck = (value: unknown) => string | undefined;

/** A kind of JSON-lines file: a header line with its format, then one value per line. */
export interface LinesKind {
  format: string;
  /** What a file of another format is not ('a shortcut-sim trials file'). */
  name: string;
  /** What to do about such a file, added to its refusal. */
  advice?: string;
}

/**
 * Reads a file of `kind`: its header and the values of its other lines (a partial last line
 * dropped, and with `repair` cut off), each checked by the checker `check` makes from the header
 * (none: unchecked) and a bad one refused with its line number.
 */
export function readLinesFile<H extends { format: string }>(
  path: string,
  kind: LinesKind,
  repair = false,
  check?: (header: H) => LineCheck | undefined,
): { header: H; values: unknown[] } {
  const file = readJsonLines(path, repair);
  const header = headerOf(file.first) as H | undefined;
  if (header?.format !== kind.format)
    throw new UsageError(
      `'${path}' is not ${kind.name} (its first line should be a header with format '${kind.format}')${kind.advice ? `; ${kind.advice}` : ''}`,
    );
  const lineCheck = check?.(header);
  const values: unknown[] = [];
  for (const { value, n } of file.lines()) {
    const problem = lineCheck?.(value);
    if (problem) throw badLine(path, n, problem);
    values.push(value);
  }
  return { header, values };
}

/** Creates a JSON-lines file holding `header` alone, unless it exists; true when it did not. */
export function createLinesFile(path: string, header: { format: string }): boolean {
  removeStaleTemps(path);
  if (existsSync(path)) return false;
  writeFileAtomic(path, JSON.stringify(header) + '\n');
  return true;
}

/**
 * A JSON-lines file: its first line as text and the others parsed, with their line numbers. A last
 * line without its newline (the process died while writing it) is dropped and, with `repair`, cut
 * off the file so later appends start on a fresh line.
 */
function readJsonLines(path: string, repair = false): { first: string; lines: () => Generator<{ value: unknown; n: number }> } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read '${path}' (${reason(e)})`);
  }
  // Line by line from the bytes: a large store is longer than the longest string V8 can hold.
  const complete = bytes.lastIndexOf(10) + 1;
  if (repair && complete < bytes.length) truncate(path, complete);
  const firstEnd = bytes.indexOf(10);
  return {
    first: firstEnd < 0 ? '' : bytes.toString('utf8', 0, firstEnd),
    *lines() {
      for (let start = firstEnd + 1, n = 2; start < complete; n++) {
        const end = bytes.indexOf(10, start);
        yield { value: parseLine(path, bytes.toString('utf8', start, end), n), n };
        start = end + 1;
      }
    },
  };
}

/** Line `n` of `path` holds something shortcut-sim did not write. */
function badLine(path: string, n: number, problem: string): UsageError {
  return new UsageError(
    `'${path}' line ${n}: ${problem}; the file was changed by something other than shortcut-sim (fix or delete that line)`,
  );
}

function headerOf(line: string): { format?: unknown } | undefined {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function parseLine(path: string, line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw badLine(path, n, 'not valid JSON');
  }
}

function truncate(path: string, bytes: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the store for `header`: creates it, or resumes it if it was made by the same experiment.
 * Returns the records already there (without duplicates).
 */
export function openStore(path: string, header: StoreHeader, range: TrialRange): TrialRecord[] {
  if (createLinesFile(path, header)) return [];
  const same = (x: StoreHeader) => JSON.stringify([x.experiment, x.config, x.shard ?? null]);
  const old = readStore(path, { repair: true, range: (h) => (same(h) === same(header) ? range : undefined) });
  if (same(old.header) !== same(header))
    throw new UsageError(
      `'${path}' holds trials of a different ${old.header.experiment} (another config, seed, trial count or shard); ` +
        "run again with --fresh to start over (it replaces that file and this run's results), or give another output path",
    );
  if (old.header.engine !== header.engine)
    throw new UsageError(
      `'${path}' was started with --engine ${old.header.engine}; resume it with the same engine, ` +
        'run again with --fresh to start over, or give another output path',
    );
  return unique(old.records);
}

/** Records without repeats (the first of a trial counts), sorted by (cell, trial). */
export function unique(records: TrialRecord[]): TrialRecord[] {
  const sorted = [...records].sort(byTrial); // stable: the first of equal trials stays first
  return sorted.filter((r, i) => i === 0 || byTrial(sorted[i - 1], r) !== 0);
}

/** The store's lines of `records`. */
export function recordLines(records: TrialRecord[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}

/**
 * Appends finished trials (their recordLines) with one write, so a kill leaves at most one partial
 * line. A failed write (a full disk) is undone: the file keeps whole lines only.
 */
export function appendLines(path: string, lines: string): void {
  if (lines.length === 0) return;
  let fd: number | undefined,
    size = 0;
  try {
    fd = openSync(path, 'a');
    size = fstatSync(fd).size;
    writeAll(fd, Buffer.from(lines));
  } catch (e) {
    if (fd !== undefined)
      try {
        ftruncateSync(fd, size);
      } catch {
        /* the torn line is dropped on resume */
      }
    throw writeError(path, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Rewrites the store (atomically) with `records`: distinct and sorted by trial identity. */
export function compactStore(path: string, header: StoreHeader, records: TrialRecord[]): void {
  writeFileAtomic(path, storeChunks(header, records));
}

/** The store's text in pieces of a few thousand lines (a large store exceeds V8's longest string). */
function* storeChunks(header: StoreHeader, records: TrialRecord[]): Iterable<string> {
  yield JSON.stringify(header) + '\n';
  for (let i = 0; i < records.length; i += 4096) yield recordLines(records.slice(i, i + 4096));
}

/** Whether the records are in trial order without repeats. */
export function inTrialOrder(records: TrialRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if (byTrial(records[i - 1], records[i]) >= 0) return false;
  return true;
}
