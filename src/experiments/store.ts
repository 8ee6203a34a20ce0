// The trial store: a JSON-lines file whose first line describes the experiment and whose other
// lines are finished trials, appended as they arrive. A crash can leave a partial last line;
// reading drops it. When an experiment (or shard) is complete the file is rewritten sorted by
// trial identity, so the same experiment always leaves the same bytes.
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

/** A record and its line in the store (printing 17-digit numbers is most of a store's cost: once). */
export interface StoredRecord { record: TrialRecord; line: string }

export function stored(record: TrialRecord): StoredRecord {
  return { record, line: JSON.stringify(record) + '\n' };
}

/** Appends finished trials with one write, so a kill leaves at most one partial line. */
export function appendRecords(path: string, records: StoredRecord[]): void {
  if (records.length === 0) return;
  const fd = openSync(path, 'a');
  try { writeSync(fd, records.map((r) => r.line).join('')); } finally { closeSync(fd); }
}

/** Rewrites the store (atomically) with `records`: distinct and sorted by trial identity. */
export function compactStore(path: string, header: StoreHeader, records: StoredRecord[]): void {
  writeFileAtomic(path, JSON.stringify(header) + '\n' + records.map((r) => r.line).join(''));
}
