// `fit` against bad input and hostile conditions: constants and bounds a sweep would refuse, a
// cache changed by hand, a second fit on the same folder, a rate that is not a whole count, the
// listener limit of a shared AbortSignal, and a SIGTERM after the result files are written.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PRESETS } from '../../src/presets.js';
import { parseFitTarget } from '../../src/experiments/core/fitTarget.js';
import { searchSpaceProblems } from '../../src/experiments/core/fitSpace.js';
import { readFitCache, FIT_PARAMS } from '../../src/experiments/node/fit.js';
import { CLI, cli, tempDir } from '../helpers.js';

/** Six cells of small k: a fit with one free parameter and 100 trials takes about a second. */
const SMALL_TARGET = {
  cells: [
    { k: 4, method: 'cnn', trials: 100, successes: 50 },
    { k: 9, method: 'cnn', trials: 100, successes: 50 },
    { k: 4, method: 'resnet-constant', trials: 100, successes: 70 },
    { k: 9, method: 'resnet-constant', trials: 100, successes: 80 },
    { k: 4, method: 'resnet-ssw', trials: 100, successes: 100 },
    { k: 9, method: 'resnet-ssw', trials: 100, successes: 100 },
  ],
};

function smallTarget(dir: string): string {
  const path = join(dir, 'target.json');
  writeFileSync(path, JSON.stringify(SMALL_TARGET));
  return path;
}

const smallFit = (target: string, out: string, ...more: string[]) => [
  'fit',
  '--target',
  target,
  '--params',
  'vStarNorm',
  '--trials',
  '100',
  '--workers',
  '1',
  '--quiet',
  '--out',
  out,
  ...more,
];

describe('fit refuses constants and bounds that a sweep refuses, before any work', () => {
  const refused = (extra: string[], lines: string[]) => {
    const dir = tempDir('shortcut-sim-fit-hardening-'),
      out = join(dir, 'out');
    const r = cli([
      'fit',
      '--target',
      smallTarget(dir),
      '--trials',
      '100',
      '--workers',
      '1',
      '--quiet',
      '--out',
      out,
      ...(extra.includes('--params') ? [] : ['--params', 'vStarNorm']),
      ...extra,
    ]);
    expect(r.status, r.stderr).toBe(2);
    for (const line of lines) expect(r.stderr).toContain(line);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
    return r.stderr;
  };

  it('--set values outside the sweep limits, and a zero teacher', () => {
    refused(['--set', 'aStarSum=1e300'], ['--set aStarSum=1e+300: aStarSum must be a number from -1000000 to 1000000']);
    refused(['--set', 'aStarSpread=1e300'], ['--set aStarSpread=1e+300: aStarSpread must be a length from 0 to 1000000']);
    refused(['--set', 'radiusScale=-5'], ['--set radiusScale=-5: radiusScale must be a scale from 0 to 1000000']);
    refused(
      ['--set', 'aStarSum=0,aStarSpread=0'],
      ['--set aStarSum=0,aStarSpread=0: aStarSpread must not be 0 where aStarSum is 0 too (a* would be zero)'],
    );
  });

  it('--params bounds whose box leaves the sweep limits, one line per problem', () => {
    const stderr = refused(
      ['--params', 'vStarNorm=1e-300:1e300,aStarSum=-1e308:1e308'],
      [
        '--params vStarNorm=1e-300:1e+300: vStarNorm must be a length from 0 to 1000000 at every point the fit may try (it would try vStarNorm = 1e+300)',
        '--params aStarSum=-1e+308:1e+308: aStarSum must be a number from -1000000 to 1000000 at every point the fit may try (it would try aStarSum = -1e+308 and 1e+308)',
      ],
    );
    expect(stderr.trim().split('\n')).toHaveLength(3); // the heading and one line per problem
  });

  it('a parameter listed twice', () => {
    refused(['--params', 'vStarNorm,vStarNorm'], ['--params: lists vStarNorm twice']);
    refused(['--set', 'aStarSum=1,aStarSum=2'], ['--set: gives aStarSum twice']);
  });

  it('a k-exponent that takes a constant out of the limits at some k of the target', () => {
    const free = [{ name: 'vStarNormPower' as const, ...FIT_PARAMS.vStarNormPower, lo: -2, hi: 10 }];
    expect(searchSpaceProblems(free, { ...PRESETS.spec.params }, [16, 36, 100], new Set())).toEqual([
      "--params vStarNormPower=-2:10 with vStarNorm 3 (preset 'spec'): vStarNorm·(k/16)^vStarNormPower must be a length from 0 to 1000000 " +
        'at every point the fit may try (it would try vStarNorm = 2.73e+8 at k = 100)',
    ]);
    // The default bounds at the target's k are fine, as is a zero aStarSum with a spread.
    expect(
      searchSpaceProblems(
        [
          { name: 'aStarSum', ...FIT_PARAMS.aStarSum },
          { name: 'vStarNormPower', ...FIT_PARAMS.vStarNormPower },
        ],
        { ...PRESETS.spec.params },
        [16, 100],
        new Set(),
      ),
    ).toEqual([]);
    // A zero spread with a free aStarSum whose bounds hold 0: a* is zero at aStarSum = 0.
    expect(
      searchSpaceProblems(
        [{ name: 'aStarSum', ...FIT_PARAMS.aStarSum }],
        { ...PRESETS.spec.params, aStarSpread: 0 },
        [16],
        new Set(['aStarSpread']),
      ),
    ).toEqual([
      '--params aStarSum=-20:20 with --set aStarSpread=0: aStarSpread must not be 0 where aStarSum is 0 too (a* would be zero) ' +
        'at every point the fit may try (it would try aStarSum = 0)',
    ]);
  });
});

describe('fit target rates', () => {
  it('takes a rate only when rate × trials is a whole number up to rounding', () => {
    const cell = (trials: number, rate: number) => ({ cells: [{ k: 16, method: 'cnn', trials, rate }] });
    expect(() => parseFitTarget(cell(1e6, 0.1234565))).toThrow(
      "cells[0].rate: rate × trials (123456.5) must be a whole number of successes; give 'successes' instead",
    );
    expect(() => parseFitTarget(cell(1e6, 0.12345651))).toThrow('must be a whole number of successes');
    expect(parseFitTarget(cell(1e6, 0.123456)).cells[0].successes).toBe(123456);
    expect(parseFitTarget(cell(7, 3 / 7)).cells[0].successes).toBe(3);
    expect(parseFitTarget(cell(1e9, 0.123456789)).cells[0].successes).toBe(123456789);
    expect(parseFitTarget(cell(5000, 0.7042)).cells[0].successes).toBe(3521);
  });
});

describe('fit cache', () => {
  const header = JSON.stringify({ format: 'shortcut-sim fit cache v1' });
  const line = (more: Record<string, unknown> = {}) =>
    JSON.stringify({
      seed: 1,
      trials: 100,
      k: 4,
      method: 'cnn',
      vStarNorm: 3,
      aStarSum: 1,
      aStarSpread: 3,
      radiusScale: 1,
      maxIter: 5000,
      successes: 40,
      ...more,
    });
  const cacheWith = (lines: string[], end = '\n') => {
    const path = join(tempDir('shortcut-sim-fit-hardening-'), 'fit.evaluations.jsonl');
    writeFileSync(path, [header, ...lines].join('\n') + end);
    return path;
  };

  it('reads valid lines and drops a partial last line, cutting it off the file', () => {
    const path = cacheWith([line(), line({ k: 9, successes: 0 }), '{"seed":1,"tri'], '');
    expect([...readFitCache(path).values()]).toEqual([40, 0]);
    expect(readFileSync(path, 'utf8')).toBe([header, line(), line({ k: 9, successes: 0 })].join('\n') + '\n');
  });

  it.each([
    [{ successes: -7 }, 'successes must be a whole number from 0 to trials (100) (got -7)'],
    [{ successes: 101 }, 'successes must be a whole number from 0 to trials (100) (got 101)'],
    [{ successes: 2.5 }, 'successes must be a whole number from 0 to trials (100) (got 2.5)'],
    [{ successes: '40' }, 'successes must be a whole number from 0 to trials (100) (got "40")'],
    [{ trials: 0 }, 'trials must be a whole number from 10 to 1000000 (got 0)'],
    [{ seed: -1 }, 'seed must be a whole number from 0 to 1000000000 (got -1)'],
    [{ k: 1 }, 'k must be a whole number from 2 to 100000 (got 1)'],
    [{ maxIter: 1.5 }, 'maxIter must be a whole number from 0 to 1000000000 (got 1.5)'],
    [{ method: 'resnet' }, "method must be one of 'resnet-ssw', 'resnet-constant', 'cnn' (got \"resnet\")"],
    [{ aStarSum: 1e300 }, 'aStarSum must be a number from -1000000 to 1000000'],
    [{ aStarSum: 0, aStarSpread: 0 }, 'aStarSpread must not be 0 where aStarSum is 0 too'],
    [{ radiusScale: null }, 'radiusScale must be a number (got null)'],
    [{ extra: 1 }, "unknown field 'extra'"],
  ])('refuses a bad line with its file and line number: %j', (change, problem) => {
    const path = cacheWith([line(), line(change as Record<string, unknown>), line({ k: 9 })]);
    expect(() => readFitCache(path)).toThrow(`'${path}' line 3: ${problem}`);
  });

  it('refuses a missing field, a line that is not an object, and a line that is not JSON', () => {
    const { successes: _, ...noSuccesses } = JSON.parse(line());
    let path = cacheWith([JSON.stringify(noSuccesses)]);
    expect(() => readFitCache(path)).toThrow(`'${path}' line 2: successes is missing`);
    path = cacheWith(['[1, 2]']);
    expect(() => readFitCache(path)).toThrow(`'${path}' line 2: not a cell evaluation`);
    path = cacheWith(['{"seed":1,', line()]);
    expect(() => readFitCache(path)).toThrow(`'${path}' line 2: not valid JSON`);
  });

  it('refuses a file of another format (a trial store) with one line telling to give another --out', () => {
    const path = join(tempDir('shortcut-sim-fit-hardening-'), 'fit.evaluations.jsonl');
    writeFileSync(path, JSON.stringify({ format: 'shortcut-sim trials v1', experiment: 'table1', config: {}, engine: 'reduced' }) + '\n');
    expect(() => readFitCache(path)).toThrow(
      `'${path}' is not a fit cache (its first line should be a header with format ` + "'shortcut-sim fit cache v1'); give another --out",
    );
  });
});

describe('fit runs on a small target', () => {
  let dir: string, target: string, out: string, first: ReturnType<typeof cli>;
  beforeAll(() => {
    dir = tempDir('shortcut-sim-fit-hardening-');
    target = smallTarget(dir);
    out = join(dir, 'out');
    first = cli(smallFit(target, out));
  }, 60_000);

  it('prints nothing on stderr with --quiet (no listener-limit warning for a dozen batches in flight) and leaves no lock', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(existsSync(join(out, 'fit.json'))).toBe(true);
    expect(existsSync(join(out, 'fit.evaluations.jsonl.lock'))).toBe(false);
  });

  it('refuses to resume from a cache whose successes were changed by hand, and changes nothing', () => {
    const copy = join(tempDir('shortcut-sim-fit-hardening-'), 'out');
    cpSync(out, copy, { recursive: true });
    const cache = join(copy, 'fit.evaluations.jsonl'),
      json = readFileSync(join(copy, 'fit.json'), 'utf8');
    const changed = readFileSync(cache, 'utf8').replace(/"successes":\d+/g, '"successes":-7');
    writeFileSync(cache, changed);
    const r = cli(smallFit(target, copy));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `shortcut-sim: '${cache}' line 2: successes must be a whole number from 0 to trials (50) (got -7); ` +
        'the file was changed by something other than shortcut-sim (fix or delete that line)\n',
    );
    expect(readFileSync(cache, 'utf8')).toBe(changed);
    expect(readFileSync(join(copy, 'fit.json'), 'utf8')).toBe(json);
  });

  it('refuses a second fit on the same folder while the first holds its lock', () => {
    const copy = join(tempDir('shortcut-sim-fit-hardening-'), 'out');
    cpSync(out, copy, { recursive: true });
    const cache = join(copy, 'fit.evaluations.jsonl'),
      before = readFileSync(cache, 'utf8');
    writeFileSync(`${cache}.lock`, JSON.stringify({ host: hostname(), pid: process.pid }) + '\n'); // a live process holds it
    const r = cli(smallFit(target, copy));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `shortcut-sim: '${cache}' is in use by another shortcut-sim (pid ${process.pid}); wait until it finishes, ` +
        `or give another output path (if no such process runs, delete '${cache}.lock')\n`,
    );
    expect(readFileSync(cache, 'utf8')).toBe(before);
  });

  it('finishes normally when SIGTERM lands after fit.json is written (while the worker threads stop)', () => {
    const copy = join(tempDir('shortcut-sim-fit-hardening-'), 'out');
    cpSync(out, copy, { recursive: true });
    for (const f of ['fit.json', 'fit.csv', 'fit.svg']) rmSync(join(copy, f));
    // Sends SIGTERM to the process itself when a worker thread is terminated after fit.json exists.
    const hook = join(dir, 'sigterm-hook.mjs');
    writeFileSync(
      hook,
      `import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
const terminate = Worker.prototype.terminate;
let sent = false;
Worker.prototype.terminate = function (...args) {
  if (!sent && existsSync(${JSON.stringify(join(copy, 'fit.json'))})) { sent = true; process.kill(process.pid, 'SIGTERM'); }
  return terminate.apply(this, args);
};
`,
    );
    const r = spawnSync(process.execPath, ['--import', hook, CLI, ...smallFit(target, copy)], { encoding: 'utf8' });
    expect(r.signal).toBe(null);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(first.stdout);
    const result = (folder: string) => {
      const { command: _, ...r } = JSON.parse(readFileSync(join(folder, 'fit.json'), 'utf8'));
      return r;
    };
    expect(result(copy)).toEqual(result(out));
  });
});
