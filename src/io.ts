// File input and output for the CLI: clear errors for unreadable input, and atomic writes
// (write a temporary file, then rename) so nothing is ever left half-written.
import { readFileSync, writeFileSync, renameSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A user mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Long work stopped by a signal; finished results are kept. `exitCode`: 130 (SIGINT) or 143 (SIGTERM). */
export class InterruptedError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** Reads and parses a JSON file; `what` names the option in errors (e.g. "--config"). */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    throw new UsageError(`${what}: cannot read '${path}' (${why}); give the path of a JSON file`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what}: '${path}' is not valid JSON (${(e as Error).message})`);
  }
}

/** Writes the whole file or nothing. */
export function writeFileAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write '${path}': ${(e as Error).message}`);
  }
}
