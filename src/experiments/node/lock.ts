// An exclusive lock on a trial file (Node only): `FILE.lock` holds the owner's host and pid, so a
// second process on the same file is refused instead of computing and writing every trial twice.
// A lock whose owner is gone (killed) is stale and taken over: on the same host when its pid is
// dead, from another host (a shared volume) when the owner stopped refreshing it.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { processAlive, UsageError, writeError } from '../../io.js';

/** How often a holder refreshes its lock, and after how long without a refresh it counts as stale. */
const REFRESH_MS = 10_000,
  STALE_MS = 60_000;

/** Locks held by this process (its own pid cannot tell two of its runs apart). */
const held = new Set<string>();

export interface Lock {
  release(): void;
}

/** Takes the lock of `path` or throws a UsageError naming the process that holds it. */
export function lockFile(path: string): Lock {
  const lock = `${path}.lock`;
  try {
    mkdirSync(dirname(lock), { recursive: true });
  } catch (e) {
    throw writeError(lock, e);
  }
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw writeError(lock, e);
      const owner = readOwner(lock);
      // A lock without an owner yet is being written by its new holder: held, unless it is old.
      if (owner ? !stale(lock, owner) : ageMs(lock) < REFRESH_MS) {
        const who = owner ? `pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}` : 'starting';
        throw new UsageError(
          `'${path}' is in use by another shortcut-sim (${who}); ` +
            `wait until it finishes, or give another output path (if no such process runs, delete '${lock}')`,
        );
      }
      try {
        unlinkSync(lock);
      } catch {
        /* another process took it over first: the next open fails */
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ host: hostname(), pid: process.pid }) + '\n');
    } catch (e) {
      closeSync(fd);
      unlinkSync(lock);
      throw writeError(lock, e);
    }
    closeSync(fd);
    held.add(lock);
    const refresh = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(lock, now, now);
      } catch {
        /* gone */
      }
    }, REFRESH_MS).unref();
    return {
      release() {
        clearInterval(refresh);
        held.delete(lock);
        try {
          unlinkSync(lock);
        } catch {
          /* already gone */
        }
      },
    };
  }
}

function readOwner(lock: string): { host: string; pid: number } | undefined {
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8'));
    return typeof owner?.host === 'string' && Number.isInteger(owner?.pid) ? owner : undefined;
  } catch {
    return undefined; // unreadable or half-written: stale
  }
}

function stale(lock: string, owner: { host: string; pid: number }): boolean {
  if (owner.host === hostname()) {
    if (owner.pid === process.pid) return !held.has(lock);
    return !processAlive(owner.pid);
  }
  return ageMs(lock) > STALE_MS;
}

function ageMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return Infinity;
  }
}
