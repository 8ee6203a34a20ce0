// The trial store: a JSON-lines file whose first line describes the experiment and whose other
// lines are finished trials, appended in trial order as they finish. A crash can leave a partial last
// line; reading drops it. An experiment (or shard) that completes without interruption has written
// its trials sorted; one that was resumed is rewritten sorted at the end, so the same experiment
// always leaves the same bytes.
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { UsageError, writeFileAtomic } from '../io.js';
import type { OutcomeName } from '../types.js';

export const STORE_FORMAT = 'shortcut-sim trials v1';

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

export interface TrialRecord {
  cell: number;
  trial: number;
  seed: number;
  outcome: OutcomeName;
  iterations: number;
  /** Final angle between w̄ and w*. */
  phi: number;
  loss: number;
}

export interface StoreContents {
  header: StoreHeader;
  records: TrialRecord[];
}

export function trialKey(r: { cell: number; trial: number }): string {
  return `${r.cell}/${r.trial}`;
}

export function byTrial(a: TrialRecord, b: TrialRecord): number {
  return a.cell - b.cell || a.trial - b.trial;
}

/**
 * Reads a store. A last line without its newline (the process died while writing it) is
 * dropped and, with `repair`, cut off the file so later appends start on a fresh line.
 */
export function readStore(path: string, repair = false): StoreContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read '${path}' (${code === 'ENOENT' ? 'no such file' : String(code ?? e)})`);
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (repair && complete < text.length) truncate(path, Buffer.byteLength(text.slice(0, complete)));
  const lines = text.slice(0, complete).split('\n').slice(0, -1);
  const header = headerOf(lines[0]);
  if (header?.format !== STORE_FORMAT)
    throw new UsageError(`'${path}' is not a shortcut-sim trials file (its first line should be a header with format '${STORE_FORMAT}')`);
  return { header, records: lines.slice(1).map((l, i) => parseLine(path, l, i + 2) as TrialRecord) };
}

function headerOf(line: string | undefined): StoreHeader | undefined {
  try {
    return JSON.parse(line ?? '') as StoreHeader;
  } catch {
    return undefined;
  }
}

function parseLine(path: string, line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError(`'${path}' line ${n} is not valid JSON; the file was changed by something other than shortcut-sim`);
  }
}

function truncate(path: string, bytes: number): void {
  const fd = openSync(path, 'r+');
  try { ftruncateSync(fd, bytes); } finally { closeSync(fd); }
}

/**
 * Opens the store for `header`: creates it, or resumes it if it was made by the same experiment.
 * Returns the records already there (without duplicates).
 */
export function openStore(path: string, header: StoreHeader): TrialRecord[] {
  if (!existsSync(path)) {
    writeFileAtomic(path, JSON.stringify(header) + '\n');
    return [];
  }
  const old = readStore(path, true);
  const same = (x: StoreHeader) => JSON.stringify([x.experiment, x.config, x.shard ?? null]);
  if (same(old.header) !== same(header))
    throw new UsageError(`'${path}' holds trials of a different ${old.header.experiment} (another config, seed, trial count or shard); `
      + 'give another output path or delete the file to start afresh');
  if (old.header.engine !== header.engine)
    throw new UsageError(`'${path}' was started with --engine ${old.header.engine}; resume it with the same engine or use another output path`);
  return unique(old.records);
}

/** Records without repeats, sorted by (cell, trial). */
export function unique(records: TrialRecord[]): TrialRecord[] {
  const seen = new Map<string, TrialRecord>();
  for (const r of records) if (!seen.has(trialKey(r))) seen.set(trialKey(r), r);
  return [...seen.values()].sort(byTrial);
}

/** The store's lines of `records`. */
export function recordLines(records: TrialRecord[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}

/** Appends finished trials (their recordLines) with one write, so a kill leaves at most one partial line. */
export function appendLines(path: string, lines: string): void {
  if (lines.length === 0) return;
  const fd = openSync(path, 'a');
  try { writeSync(fd, lines); } finally { closeSync(fd); }
}

/** Rewrites the store (atomically) with `records`: distinct and sorted by trial identity. */
export function compactStore(path: string, header: StoreHeader, records: TrialRecord[]): void {
  writeFileAtomic(path, JSON.stringify(header) + '\n' + recordLines(records));
}

/** Whether the records are in trial order without repeats. */
export function inTrialOrder(records: TrialRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if (byTrial(records[i - 1], records[i]) >= 0) return false;
  return true;
}
