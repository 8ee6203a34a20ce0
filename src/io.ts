// File input and output for the CLI (Node only): clear one-line errors for unreadable input and
// unwritable output, output paths checked before any work starts, and atomic writes (write a
// temporary file, then rename) so nothing is ever left half-written; stdout and stderr whose reader
// went away (`| head`) end the command quietly.
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  writeSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A user mistake or an unusable file: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Long work stopped by a signal; finished results are kept. `exitCode`: 130 (SIGINT) or 143 (SIGTERM). */
export class InterruptedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'InterruptedError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EEXIST: 'it exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/** The reason of a file system error in words ("no space left on device"). */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? code ?? (e instanceof Error ? e.message : String(e));
}

/** A failed write of `path` as a UsageError: "cannot write 'path': no space left on device". */
export function writeError(path: string, e: unknown): UsageError {
  return e instanceof UsageError ? e : new UsageError(`cannot write '${path}': ${reason(e)}`);
}

/** Reads and parses a JSON file; `what` names the option in errors (e.g. "--config"). */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${what}: cannot read '${path}' (${reason(e)}); give the path of a JSON file`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what}: '${path}' is not valid JSON: ${jsonErrorAt(text, (e as Error).message)}`);
  }
}

/** A JSON.parse message with the position given as line and column (both from 1). */
function jsonErrorAt(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : text.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length,
    column = at - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** An input of the command, by the option that names it, e.g. { what: '--config', path }. */
export interface NamedPath {
  what: string;
  path: string;
}

const realOrSame = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Checks an output path before any work starts and returns the file to write: the target of a
 * symlink, never a device, fifo or folder, never one of `inputs`, in a folder that exists or can be
 * made, and is writable. Creates nothing (the write does). Throws a one-line UsageError naming
 * `what` and the path.
 */
export function outputFile(what: string, path: string, inputs: NamedPath[] = []): string {
  const target = linkTarget(path);
  const fail = (problem: string) => new UsageError(`${what} '${path}' ${problem}`);
  let stat: Stats | undefined;
  try {
    stat = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fail(`cannot be used: ${reason(e)}`);
  }
  if (stat && !stat.isFile())
    throw fail(`is not a regular file (${stat.isDirectory() ? 'a directory' : 'a device, fifo or socket'}); give a file path`);
  const real = realOrSame(target);
  for (const input of inputs) {
    if (realOrSame(input.path) === real) throw fail(`is ${input.what}; give another path for the output`);
  }
  writableFolder(dirname(target), fail);
  return target;
}

/** Checks an output folder like outputFile checks a file's folder (it need not exist yet). */
export function outputFolder(what: string, dir: string): string {
  writableFolder(dir, (problem) => new UsageError(`${what} '${dir}' ${problem}`));
  return dir;
}

/** The folder, or the nearest part of it that exists, must be a writable directory. */
function writableFolder(dir: string, fail: (problem: string) => UsageError): void {
  let existing = resolve(dir);
  for (;;) {
    let stat: Stats;
    try {
      stat = statSync(existing);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(existing) !== existing) {
        existing = dirname(existing);
        continue;
      }
      throw fail(`cannot be used: ${reason(e)}`);
    }
    if (!stat.isDirectory()) throw fail(`cannot be used: '${existing}' is not a directory`);
    try {
      accessSync(existing, constants.W_OK);
    } catch (e) {
      throw fail(`cannot be written: '${existing}': ${reason(e)}`);
    }
    return;
  }
}

/** Where a symlink (chain) points, even when the target does not exist yet; `path` itself otherwise. */
function linkTarget(path: string): string {
  let target = path;
  for (let hops = 0; hops < 40; hops++) {
    let stat: Stats;
    try {
      stat = lstatSync(target);
    } catch {
      return target;
    }
    if (!stat.isSymbolicLink()) return target;
    target = resolve(dirname(target), readlinkSync(target));
  }
  return target;
}

/**
 * Removes the files a run would write (through a symlink: its target, the link stays to be written
 * through again); a missing one is fine, and anything but a regular file is left alone.
 */
export function removeOutputs(paths: readonly string[]): void {
  for (const path of paths) {
    const target = linkTarget(path);
    try {
      if (lstatSync(target).isFile()) unlinkSync(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot remove '${path}': ${reason(e)}`);
    }
  }
}

/** Writes all of `bytes` (a write to a nearly full disk may write a part and no error). */
export function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

/** Text to write: one string, or pieces (a large file exceeds V8's longest string). */
export type Text = string | Iterable<string>;

/** Writes the whole file or nothing (into the target of a symlink, as outputFile resolved it). */
export function writeFileAtomic(path: string, data: Text): void {
  writeFilesAtomic([{ path, data }]);
}

/**
 * Writes all files or none: every temporary file first, then the renames (which do not fail for
 * lack of space). A failure removes the temporary files and leaves the old files as they were.
 */
export function writeFilesAtomic(files: { path: string; data: Text }[]): void {
  const targets = files.map((f) => ({ ...f, target: linkTarget(f.path), tmp: '' }));
  let current = targets[0]?.path ?? '';
  try {
    for (const f of targets) {
      current = f.path;
      mkdirSync(dirname(f.target), { recursive: true });
      removeStaleTemps(f.target);
      f.tmp = `${f.target}.tmp-${process.pid}`;
      const fd = openSync(f.tmp, 'w');
      try {
        for (const piece of typeof f.data === 'string' ? [f.data] : f.data) writeAll(fd, Buffer.from(piece));
      } finally {
        closeSync(fd);
      }
    }
    for (const f of targets) {
      current = f.path;
      renameSync(f.tmp, f.target);
      f.tmp = '';
    }
  } catch (e) {
    for (const f of targets) if (f.tmp) rmSync(f.tmp, { force: true });
    throw writeError(current, e);
  }
}

/** Whether a process with this id runs (on this machine). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `PATH.tmp-PID` files of processes that are gone (a kill during a rewrite leaves them). */
export function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = name.slice(prefix.length);
    if (/^\d+$/.test(pid) && Number(pid) !== process.pid && !processAlive(Number(pid))) {
      try {
        unlinkSync(join(dirname(path), name));
      } catch {
        /* another run cleaned it up */
      }
    }
  }
}

/**
 * Exit code once the reader of stdout or stderr went away (`| head`, `| true`): 128 + SIGPIPE, what
 * `cat` and `yes` end with then (a shell prints nothing for it; `set -o pipefail` sees it), like 130
 * for SIGINT. Node ignores SIGPIPE, so the CLI stops gracefully instead of being killed.
 */
export const EXIT_PIPE = 141;

/** Stdout or stderr lost its reader: the command stops where it is, quietly, with EXIT_PIPE. */
export class OutputClosedError extends Error {
  constructor() {
    super('the reader of the output went away');
    this.name = 'OutputClosedError';
  }
}

let closed = false;
const closedListeners = new Set<() => void>();

/** A write that failed because the pipe has no reader (or that came after such a failure). */
export function isClosedPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

function markClosed(): void {
  if (closed) return;
  closed = true;
  for (const listener of [...closedListeners]) listener();
}

/** Whether stdout or stderr lost its reader (a write to them failed with EPIPE). */
export function outputClosed(): boolean {
  // A write that fails at once marks the stream errored then; its 'error' event comes a tick later.
  if (!closed && (isClosedPipe(process.stdout.errored) || isClosedPipe(process.stderr.errored))) markClosed();
  return closed;
}

/** Calls `listener` once stdout or stderr lost its reader (watchOutputs reports it); returns its remover. */
export function onOutputClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => {
    closedListeners.delete(listener);
  };
}

/**
 * Listens for write errors of stdout and stderr (the CLI does; without a listener Node throws them as
 * a crash): a lost reader marks the output closed, `other` hears any other error.
 */
export function watchOutputs(other: (e: Error) => void): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: Error) => {
      if (isClosedPipe(e)) markClosed();
      else other(e);
    });
  }
}

/** Writes the command's output to stdout; throws an OutputClosedError once it has no reader, so nothing runs after. */
export function print(text: string): void {
  process.stdout.write(text);
  if (outputClosed()) throw new OutputClosedError();
}
