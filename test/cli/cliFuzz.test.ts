// Property tests (fast-check): arbitrary configs and option strings never give a stack trace, an
// exit code other than 0 or 2, or a file written on error; arbitrary kill points resume to the
// uninterrupted files; arbitrary corruptions of a trial file are repaired or refused, never counted.
// The CLI runs in-process (main) where it can, to keep the cases cheap on a small machine.
import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import { recordProblem } from '../../src/experiments/node/store.js';
import { CLI, cli, tempDir } from '../helpers.js';

const read = (path: string) => readFileSync(path, 'utf8');
const STACK = /\n\s+at |internal error/;

/** Every file under `dir` (relative paths), with its size and time: what a command changed. */
function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix))) {
    const rel = join(prefix, name),
      stat = statSync(join(dir, rel));
    if (stat.isDirectory()) Object.assign(out, files(dir, rel));
    else out[rel] = `${stat.size}@${stat.mtimeMs}`;
  }
  return out;
}

let stdout = '',
  stderr = '';
beforeAll(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** main(args) in this process: its exit code and what it printed. */
async function run(args: string[]) {
  stdout = '';
  stderr = '';
  const code = await main(args);
  return { code, stdout, stderr };
}

/** Odd values a user (or a fuzzer) may write where a field is expected. */
const weird = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    1.5,
    16,
    1e308,
    -1e308,
    1e9,
    4294967296,
    '',
    '16',
    'cnn',
    null,
    true,
    [],
    {},
    [16, 16],
    [0],
    [1e308],
    ['cnn', 'cnn'],
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A path into a JSON value (object keys and array indices), chosen with `pick`. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

/** `base` with the value at one path replaced by `value` (or deleted, for undefined), or a new field added. */
function mutate(base: unknown, pathIndex: number, value: unknown, newKey: string | undefined): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  const all = paths(copy),
    path = all[pathIndex % all.length];
  if (path.length === 0) return newKey === undefined ? value : { ...copy, [newKey]: value };
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
}

const mutation = fc.record({
  pathIndex: fc.nat(),
  value: fc.option(weird, { nil: undefined, freq: 4 }),
  newKey: fc.option(fc.constantFrom('extra', 'grid', 'teacher', 'trials', 'k', '__proto__'), { nil: undefined }),
  raw: fc.option(fc.string({ maxLength: 20 }), { nil: undefined, freq: 8 }),
});

/** Runs `args` on a config written from `json` (or `raw` text) in a fresh folder and checks the outcome. */
async function checkConfigRun(json: unknown, raw: string | undefined, args: (config: string, dir: string) => string[]) {
  const dir = tempDir('shortcut-sim-prop-');
  const config = join(dir, 'config.json');
  writeFileSync(config, raw ?? JSON.stringify(json) ?? ''); // a document mutated away: an empty file
  const before = files(dir);
  const r = await run(args(config, dir));
  expect(r.stderr).not.toMatch(STACK);
  expect([0, 2]).toContain(r.code);
  if (r.code === 2) {
    expect(r.stderr).toMatch(/^shortcut-sim: /);
    expect(files(dir)).toStrictEqual(before);
  }
  return r;
}

describe('arbitrary input never gives a stack, another exit code, or a file on error', () => {
  const runBase = JSON.parse(read('examples/figure5-constant.json'));
  const sweepBase = {
    seed: 1,
    trials: 3,
    maxIter: 3000,
    grid: { k: [16], vStarNorm: [1, 3], methods: [{ method: 'resnet-ssw', warmup: [0, 100] }, 'cnn'] },
  };

  it('run configs', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ pathIndex, value, newKey, raw }) => {
        const json = mutate(runBase, pathIndex, value, newKey);
        let out = '';
        const r = await checkConfigRun(json, raw, (config, dir) => [
          'run',
          '--config',
          config,
          '--out',
          (out = join(dir, 'out', 'result.json')),
          '--engine',
          'js',
        ]);
        if (r.code === 0) expect(JSON.parse(read(out)).outcome).toMatch(/^(global|spurious|unconverged|diverged)$/);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('sweep configs (the valid ones run, when small)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ pathIndex, value, newKey, raw }) => {
        const json = mutate(sweepBase, pathIndex, value, newKey) as { trials?: unknown; maxIter?: unknown; grid?: Record<string, unknown> };
        // Keep the valid cases cheap: at most a few hundred short runs.
        fc.pre(!(typeof json?.trials === 'number' && json.trials > 50) && !(typeof json?.maxIter === 'number' && json.maxIter > 10_000));
        fc.pre(
          !(Array.isArray(json?.grid?.k) && json.grid.k.some((k) => typeof k === 'number' && k > 64)) &&
            !(typeof json?.grid?.k === 'number' && json.grid.k > 64),
        );
        let out = '';
        const r = await checkConfigRun(json, raw, (config, dir) => [
          'sweep',
          '--config',
          config,
          '--out',
          (out = join(dir, 'o.jsonl')),
          '--quiet',
          '--workers',
          '1',
        ]);
        if (r.code === 0) expect(JSON.parse(read(join(out, '..', 'o.aggregate.json'))).experiment).toBe('sweep');
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('option strings', async () => {
    const dir = tempDir('shortcut-sim-prop-');
    const sweep = join(dir, 'small.json');
    writeFileSync(sweep, JSON.stringify({ seed: 1, trials: 2, grid: { k: [16], methods: ['cnn'] } }));
    const word = fc.oneof(
      fc.constantFrom(
        '--config',
        '--out',
        '--trials',
        '--k',
        '--methods',
        '--seed',
        '--workers',
        '--engine',
        '--quiet',
        '--shard',
        '--aggregate',
        '--help',
        '-V',
        '--bogus',
        '-x',
        '1/2',
        '3',
        '0x10',
        '16,016',
        'cnn,cnn',
        'wasm',
        'reduced',
        '-1',
        '',
        '1e3',
        '99999999999999999999',
        'examples/figure5-ssw.json',
        sweep,
        '/dev/null',
        dir,
      ),
      fc.string({ maxLength: 12 }),
    );
    const command = fc.constantFrom('run', 'table1', 'figure5', 'sweep', 'merge', 'nosuch', '--help');
    await fc.assert(
      fc.asyncProperty(command, fc.array(word, { maxLength: 6 }), async (cmd, words) => {
        const out = mkdtempSync(join(dir, 'out-'));
        // Cheap defaults first (the arbitrary words may override them); outputs always into `out`.
        const safe = cmd === 'table1' ? ['--trials', '3', '--k', '16'] : cmd === 'sweep' ? ['--config', sweep] : [];
        const to = cmd === 'table1' || cmd === 'figure5' ? out : join(out, 'o.json');
        const args = [cmd, ...safe, ...words, ...(cmd === 'nosuch' || cmd === '--help' ? [] : ['--out', to])];
        const before = files(dir);
        const r = await run(args);
        expect(r.stderr).not.toMatch(STACK);
        expect([0, 2]).toContain(r.code);
        if (r.code === 2) expect(Object.keys(files(dir)).filter((f) => !(f in before))).toStrictEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it('the same in real processes (a few cases)', () => {
    const dir = tempDir('shortcut-sim-prop-');
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), (words) => {
        const r = cli(['run', '--config', 'examples/figure5-ssw.json', ...words, '--out', join(dir, 'o.json')]);
        expect(r.stderr).not.toMatch(STACK);
        expect([0, 2]).toContain(r.status);
      }),
      { numRuns: 5 },
    );
  }, 60_000);
});

describe('interruptions and corruptions', () => {
  const config = { seed: 4, trials: 1200, grid: { k: [16, 20], methods: ['resnet-constant', 'cnn'] } };
  const RANGE = { cells: 4, trials: 1200, seed: 4, maxIter: 5000 };
  let dir: string, reference: string, referenceAggregate: string;

  beforeAll(() => {
    dir = tempDir('shortcut-sim-prop-');
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    expect(cli(['sweep', '--config', join(dir, 'c.json'), '--out', join(dir, 'ref.jsonl'), '--quiet', '--workers', '2']).status).toBe(0);
    reference = read(join(dir, 'ref.jsonl'));
    referenceAggregate = read(join(dir, 'ref.aggregate.json'));
  }, 60_000);

  /** Starts a real sweep and kills it (SIGKILL or SIGTERM) after `ms` milliseconds. */
  function killAfter(out: string, ms: number, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'sweep', '--config', join(dir, 'c.json'), '--out', out, '--quiet', '--workers', '2'], {
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill(signal), ms);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  it('arbitrary kill points resume to the uninterrupted files', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ms: fc.integer({ min: 0, max: 1500 }), signal: fc.constantFrom<NodeJS.Signals>('SIGKILL', 'SIGTERM') }), {
          minLength: 1,
          maxLength: 2,
        }),
        async (kills) => {
          const out = join(dir, `k${n++}.jsonl`);
          for (const { ms, signal } of kills) await killAfter(out, ms, signal);
          const r = cli(['sweep', '--config', join(dir, 'c.json'), '--out', out, '--quiet', '--workers', '2']);
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(read(out)).toBe(reference);
          expect(read(out.replace(/\.jsonl$/, '.aggregate.json'))).toBe(referenceAggregate);
          expect(readdirSync(dir).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toStrictEqual([]);
        },
      ),
      { numRuns: 5 },
    );
  }, 180_000);

  it('arbitrary corruptions of a trial file are repaired or refused, never counted', async () => {
    const lines = reference.split('\n').slice(0, -1);
    const record = JSON.parse(lines[1]);
    const badRecord = fc.oneof(
      fc
        .record({ field: fc.constantFrom('cell', 'trial', 'seed', 'outcome', 'iterations', 'phi', 'loss', 'extra'), value: weird })
        .map(({ field, value }) => JSON.stringify({ ...record, [field]: value }))
        // A change that leaves a valid record of some trial (another outcome name, another whole
        // number of iterations) cannot be told from a real result; every other change must be refused.
        .filter((text) => recordProblem(JSON.parse(text), RANGE) !== undefined),
      weird.map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 30 }),
    );
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), line: fc.integer({ min: 1, max: lines.length - 1 }), text: badRecord }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: lines[0].length + 1, max: reference.length - 1 }) }),
      fc.record({ kind: fc.constant('repeat' as const), line: fc.integer({ min: 1, max: lines.length - 1 }) }),
      fc.record({ kind: fc.constant('delete' as const), line: fc.integer({ min: 1, max: lines.length - 1 }) }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(corruption, async (c) => {
        const out = join(dir, `c${n++}.jsonl`);
        const edited = [...lines];
        if (c.kind === 'replace') edited[c.line] = c.text;
        if (c.kind === 'repeat') edited.splice(c.line, 0, lines[c.line]);
        if (c.kind === 'delete') edited.splice(c.line, 1);
        writeFileSync(out, edited.join('\n') + '\n');
        if (c.kind === 'truncate') truncateSync(out, c.at);
        const corrupted = read(out);
        const r = await run(['sweep', '--config', join(dir, 'c.json'), '--out', out, '--quiet', '--workers', '2']);
        expect(r.stderr).not.toMatch(STACK);
        if (r.code === 0) {
          // repaired: the result is the uninterrupted one
          expect(read(out)).toBe(reference);
          expect(read(out.replace(/\.jsonl$/, '.aggregate.json'))).toBe(referenceAggregate);
        } else {
          expect(r.code).toBe(2);
          expect(r.stderr).toMatch(new RegExp(`'${out}' line \\d+: `));
          expect(read(out)).toBe(corrupted);
          expect(existsSync(out.replace(/\.jsonl$/, '.aggregate.json'))).toBe(false);
        }
        // What must be refused: a changed record that is no longer a valid one (a line cannot be read as a trial).
        if (c.kind === 'replace') expect(r.code).toBe(2);
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
