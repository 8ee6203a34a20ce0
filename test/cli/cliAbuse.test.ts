// The CLI under abuse: re-runs of finished work, absurd sizes and worker counts, output
// paths that are files, inputs, devices or symlinks, full disks, two processes on one file, bad
// trial records, stale temporary files, and messages that name only what the user wrote.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cli, tempDir } from '../helpers.js';
import { parseSweepConfig, runSweep, sweepCells } from '../../src/experiments/node/sweep.js';
import { runExperiment } from '../../src/experiments/node/trials.js';
import { ConfigError } from '../../src/config.js';
import { MAX_DIMENSION } from '../../src/limits.js';
import { WorkerError } from '../../src/experiments/node/pool.js';
import type { EngineName } from '../../src/types.js';
import type { Cell } from '../../src/experiments/core/cell.js';
import { plannedBatches, shardSize } from '../../src/experiments/core/plan.js';

const read = (path: string) => readFileSync(path, 'utf8');
const SMALL = { seed: 2, trials: 6, grid: { k: [16], methods: ['resnet-ssw', 'cnn'] } };

/** Exit code 2, one line on stderr naming `text`, no stack trace. */
function refused(r: { status: number | null; stderr: string }, text: string | RegExp) {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr).toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
  expect(r.status).toBe(2);
}

function sweepConfigIn(dir: string, config: unknown = SMALL, name = 's.json'): string {
  writeFileSync(join(dir, name), JSON.stringify(config));
  return join(dir, name);
}

describe('re-running finished work', () => {
  it('re-runs a finished shard and a finished sweep many times without a crash', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir);
    const shard = ['sweep', '--config', config, '--shard', '2/3', '--out', join(dir, 'p2.jsonl'), '--quiet', '--workers', '2'];
    const whole = ['sweep', '--config', config, '--out', join(dir, 'all.jsonl'), '--quiet', '--workers', '2'];
    expect(cli(shard).status).toBe(0);
    expect(cli(whole).status).toBe(0);
    const before = [read(join(dir, 'p2.jsonl')), read(join(dir, 'all.jsonl')), read(join(dir, 'all.aggregate.json'))];
    for (let i = 0; i < 6; i++) {
      for (const args of [shard, whole]) {
        const r = cli(args);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      }
    }
    expect([read(join(dir, 'p2.jsonl')), read(join(dir, 'all.jsonl')), read(join(dir, 'all.aggregate.json'))]).toStrictEqual(before);
  }, 120_000);

  it('stops a pool whose workers are still loading without a crash (an interrupt at once)', async () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir, { seed: 1, trials: 2000, grid: { k: [16], methods: ['cnn'] } });
    for (let i = 0; i < 4; i++) {
      const child = spawn(
        process.execPath,
        [CLI, 'sweep', '--config', config, '--out', join(dir, `x${i}.jsonl`), '--quiet', '--workers', '2'],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      // SIGTERM as soon as the store exists: the workers are still starting.
      await new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (existsSync(join(dir, `x${i}.jsonl`))) {
            clearInterval(t);
            child.kill('SIGTERM');
            resolve();
          }
        }, 1);
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(stderr).not.toMatch(/FATAL|Assertion|\n\s+at /);
      expect([0, 143]).toContain(code);
    }
  }, 60_000);
});

describe('worker failures', () => {
  it('refuse an unknown engine before any worker starts or any file is written', async () => {
    const dir = tempDir('shortcut-sim-hard-');
    const run = runSweep({
      config: parseSweepConfig(SMALL),
      out: join(dir, 'o.jsonl'),
      aggregate: join(dir, 'o.json'),
      engine: 'no-such-engine' as EngineName,
      workers: 1,
      quiet: true,
    });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/^engine: must be one of/);
    expect(readdirSync(dir)).toStrictEqual([]);
  });

  it('arrive as one line (WorkerError), not a stack, and leave the store whole', async () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = parseSweepConfig(SMALL);
    // Past the option checks, a worker that cannot build its engine fails as one line.
    const run = runExperiment({
      experiment: 'sweep',
      config,
      cells: sweepCells(config),
      trials: config.trials,
      store: join(dir, 'o.jsonl'),
      engine: 'no-such-engine' as EngineName,
      workers: 1,
      quiet: true,
    });
    await expect(run).rejects.toThrow(WorkerError);
    await expect(run).rejects.toThrow(/^a worker thread failed: [^\n]*$/);
    expect(read(join(dir, 'o.jsonl')).split('\n')).toHaveLength(2); // the header only
    expect(existsSync(join(dir, 'o.jsonl.lock'))).toBe(false);
  });
});

describe('the plan', () => {
  const cells = [0, 1, 2].map((cell) => ({ cell }) as Cell);
  it('gives each shard every N-th trial in (cell, trial) order, skipping the done ones, without listing the rest', () => {
    for (const count of [1, 2, 3, 7]) {
      for (let index = 1; index <= count; index++) {
        const done = (i: number) => i % 5 === 0;
        const got = [...plannedBatches({ cells, trials: 10, shard: { index, count }, engine: 'js' }, done, 4)].flatMap((b) =>
          b.trials.map((t) => b.cell.cell * 10 + t),
        );
        const want = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % count === index - 1 && !done(i));
        expect(got).toStrictEqual(want);
        expect(shardSize(30, { index, count })).toBe(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % count === index - 1).length);
      }
    }
    // A plan of 3·10⁹ trials yields its first batch at once: nothing is listed ahead.
    const first = plannedBatches({ cells, trials: 1e9, engine: 'js' }, () => false, 500).next().value!;
    expect(first.trials).toHaveLength(500);
  });
});

describe('sizes and worker counts', () => {
  const cap = 4 * availableParallelism();
  it('refuses more workers than 4 × the cores', () => {
    const dir = tempDir('shortcut-sim-hard-');
    refused(cli(['table1', '--trials', '2', '--workers', String(cap + 1), '--out', dir]), `--workers: at most ${cap}`);
    refused(
      cli(['sweep', '--config', sweepConfigIn(dir), '--workers', '1000', '--out', join(dir, 'o.jsonl')]),
      `--workers: at most ${cap}`,
    );
    expect(readdirSync(dir)).toStrictEqual(['s.json']);
  });

  it('refuses a k past the limit the web form and sweep configs share (src/limits.ts)', () => {
    refused(cli(['table1', '--k', String(MAX_DIMENSION + 1), '--quiet']), `--k: must be a whole number from 2 to ${MAX_DIMENSION}`);
  });

  it('refuses work that cannot fit, giving the size and the limit', () => {
    const dir = tempDir('shortcut-sim-hard-');
    refused(
      cli(['table1', '--trials', '10000000', '--out', dir]),
      /--trials: .*21 cells × 10000000 trials = 210000000 trials.*at most 5000000/,
    );
    const grid = (n: number) => Array.from({ length: n }, (_, i) => 1 + i / n);
    refused(
      cli([
        'sweep',
        '--config',
        sweepConfigIn(dir, {
          trials: 1,
          grid: { k: [16], vStarNorm: grid(1000), aStarSpread: grid(1000), radiusScale: grid(1000), methods: ['cnn'] },
        }),
        '--out',
        join(dir, 'o.jsonl'),
      ]),
      /grid: 1000000000 cells.*at most/,
    );
    refused(
      cli(['sweep', '--config', sweepConfigIn(dir, { trials: 1e9, grid: { k: [16], methods: ['cnn'] } }), '--out', join(dir, 'o.jsonl')]),
      /trials: 1 cells? × 1000000000 trials = 1000000000 trials.*at most 5000000/,
    );
    refused(
      cli([
        'sweep',
        '--config',
        sweepConfigIn(dir, { trials: 1_000_000, grid: { k: [100_000], methods: ['cnn'] } }),
        '--out',
        join(dir, 'o.jsonl'),
      ]),
      /trials: 1 cells × 1000000 trials set up 2.00e\+11 vector entries \(k \+ p per trial\); at most 1e\+11/,
    );
    refused(cli(['table1', '--trials', '1000000', '--k', '99999,100000', '--methods', 'cnn', '--out', dir]), /--trials: .* vector entries/);
    expect(readdirSync(dir)).toStrictEqual(['s.json']);
  });
});

describe('output paths', () => {
  it('names the path and the problem when a parent is a file, and writes nothing', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    const config = sweepConfigIn(dir);
    refused(cli(['run', '--config', 'examples/figure5-ssw.json', '--out', join(file, 'o.json')]), `'${join(file, 'o.json')}'`);
    refused(cli(['table1', '--trials', '2', '--k', '16', '--out', file]), /is not a directory|not a folder/);
    refused(cli(['figure5', '--out', file]), /is not a directory|not a folder/);
    refused(cli(['sgd', '--k', '16', '--trials', '2', '--batch', '4', '--out', file]), /is not a directory|not a folder/);
    refused(cli(['fit', '--target', 'examples/paper-table1.json', '--trials', '10', '--out', file]), /is not a directory|not a folder/);
    refused(cli(['sweep', '--config', config, '--out', join(file, 'x.jsonl')]), join(file, 'x.jsonl'));
    refused(cli(['sweep', '--config', config, '--out', join(dir, 'o.jsonl'), '--aggregate', join(file, 'a.json')]), join(file, 'a.json'));
    expect(readdirSync(dir).sort()).toStrictEqual(['file', 's.json']);
    expect(cli(['sweep', '--config', config, '--out', join(dir, 'o.jsonl'), '--quiet']).status).toBe(0);
    refused(cli(['merge', join(dir, 'o.jsonl'), '--out', join(file, 'm.json')]), join(file, 'm.json'));
    const target = join(dir, 'fit', 'fit.json');
    mkdirSync(join(dir, 'fit'));
    writeFileSync(target, readFileSync('examples/paper-table1.json'));
    refused(cli(['fit', '--target', target, '--trials', '10', '--out', join(dir, 'fit')]), 'is the --target file');
    expect(readdirSync(join(dir, 'fit'))).toStrictEqual(['fit.json']);
  }, 60_000);

  it('refuses an output in a read-only folder', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', ro]).status === 0;
    if (!mounted && process.getuid?.() === 0) return; // root writes anywhere: only a read-only mount can say no
    if (!mounted) chmodSync(ro, 0o500);
    try {
      refused(cli(['run', '--config', 'examples/figure5-ssw.json', '--out', join(ro, 'o.json')]), /read-only|permission denied/);
      refused(cli(['table1', '--trials', '2', '--k', '16', '--out', ro]), /read-only|permission denied/);
    } finally {
      if (mounted) spawnSync('umount', [ro]);
    }
  });

  it('refuses an output that is one of the inputs', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir);
    refused(
      cli(['sweep', '--config', config, '--aggregate', config, '--out', join(dir, 'o.jsonl')]),
      /--aggregate .* is the --config file/,
    );
    refused(
      cli(['sweep', '--config', config, '--out', join(dir, 'x.jsonl'), '--aggregate', join(dir, 'x.jsonl')]),
      /--aggregate .* is the --out file/,
    );
    writeFileSync(join(dir, 'c.json'), read('examples/figure5-ssw.json'));
    refused(cli(['run', '--config', join(dir, 'c.json'), '--out', join(dir, '.', 'c.json')]), /--out .* is the --config file/);
    refused(cli(['sweep', '--config', config, '--out', config]), /--out .* is the --config file/);
    expect(cli(['sweep', '--config', config, '--out', join(dir, 'p1.jsonl'), '--shard', '1/2', '--quiet']).status).toBe(0);
    expect(cli(['sweep', '--config', config, '--out', join(dir, 'p2.jsonl'), '--shard', '2/2', '--quiet']).status).toBe(0);
    symlinkSync(join(dir, 'p1.jsonl'), join(dir, 'link.jsonl'));
    const p1 = read(join(dir, 'p1.jsonl'));
    refused(cli(['merge', join(dir, 'p1.jsonl'), join(dir, 'p2.jsonl'), '--out', join(dir, 'link.jsonl')]), /--out .* is one of the parts/);
    expect(read(join(dir, 'p1.jsonl'))).toBe(p1);
    expect(read(config)).toBe(JSON.stringify(SMALL));
  }, 60_000);

  it('writes through a symlink to its target and refuses devices', () => {
    const dir = tempDir('shortcut-sim-hard-');
    symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
    expect(cli(['run', '--config', 'examples/figure5-ssw.json', '--out', join(dir, 'link.json')]).status).toBe(0);
    expect(JSON.parse(read(join(dir, 'target.json'))).outcome).toBe('global');
    expect(read(join(dir, 'link.json'))).toBe(read(join(dir, 'target.json')));
    refused(cli(['run', '--config', 'examples/figure5-ssw.json', '--out', '/dev/null']), /'\/dev\/null' is not a regular file/);
    symlinkSync('/dev/null', join(dir, 'null.json'));
    refused(cli(['run', '--config', 'examples/figure5-ssw.json', '--out', join(dir, 'null.json')]), /is not a regular file/);
    refused(cli(['sweep', '--config', sweepConfigIn(dir), '--out', '/dev/zero']), /is not a regular file/);
  });
});

describe('disk full', () => {
  const mountTmpfs = (dir: string, size: string) => spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;

  it('says so in one line, keeps whole trials, and resumes once there is space', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const small = join(dir, 'small');
    mkdirSync(small);
    if (!mountTmpfs(small, '16k')) return; // needs root; the injected failure below still runs
    try {
      const config = sweepConfigIn(dir, { seed: 1, trials: 400, grid: { k: [16], methods: ['resnet-ssw'] } });
      const args = [
        'sweep',
        '--config',
        config,
        '--out',
        join(small, 'o.jsonl'),
        '--aggregate',
        join(small, 'o.json'),
        '--quiet',
        '--workers',
        '1',
      ];
      const r = cli(args);
      refused(r, /cannot write '.*': no space left on device/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      const text = read(join(small, 'o.jsonl'));
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.trim().split('\n')) JSON.parse(line);
      expect(existsSync(join(small, 'o.json'))).toBe(false);
      expect(readdirSync(small).filter((f) => f.includes('.tmp-'))).toStrictEqual([]);
      // Free space: move the trial file to a roomy place and resume there.
      writeFileSync(join(dir, 'o.jsonl'), text);
      const resumed = cli(['sweep', '--config', config, '--out', join(dir, 'o.jsonl'), '--quiet', '--workers', '1']);
      expect(resumed.status).toBe(0);
      expect(cli(['sweep', '--config', config, '--out', join(dir, 'fresh.jsonl'), '--quiet', '--workers', '1']).status).toBe(0);
      expect(read(join(dir, 'o.jsonl'))).toBe(read(join(dir, 'fresh.jsonl')));
    } finally {
      spawnSync('umount', [small]);
    }
  }, 60_000);

  it('leaves no table1 result half-written when the disk fills', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const small = join(dir, 'small');
    mkdirSync(small);
    if (!mountTmpfs(small, '12k')) return;
    try {
      refused(cli(['table1', '--trials', '20', '--k', '16', '--out', small, '--quiet', '--workers', '1']), /no space left on device/);
      const files = readdirSync(small);
      expect(files.filter((f) => f.includes('.tmp-'))).toStrictEqual([]);
      // all three results or none
      expect(['table1.json', 'table1.csv', 'figure4.svg'].filter((f) => files.includes(f)).length % 3).toBe(0);
    } finally {
      spawnSync('umount', [small]);
    }
  }, 60_000);
});

describe('the trial file', () => {
  it('is locked: a second process on the same --out is refused, a stale lock is taken over', async () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir, { seed: 1, trials: 300000, grid: { k: [16], methods: ['cnn'] } });
    const out = join(dir, 'o.jsonl');
    const first = spawn(process.execPath, [CLI, 'sweep', '--config', config, '--out', out, '--quiet', '--workers', '1'], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (existsSync(out) && read(out).split('\n').length > 3) {
          clearInterval(t);
          resolve();
        }
      }, 2);
    });
    const second = cli(['sweep', '--config', config, '--out', out, '--quiet', '--workers', '1']);
    refused(second, new RegExp(`'${out}' is in use by another shortcut-sim \\(pid ${first.pid}\\)`));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.on('exit', resolve));
    expect(existsSync(`${out}.lock`)).toBe(true); // left behind by the kill
    expect(cli(['sweep', '--config', config, '--out', out, '--quiet', '--workers', '2']).status).toBe(0);
    expect(existsSync(`${out}.lock`)).toBe(false);
  }, 60_000);

  it('refuses bad records with the file and the line, on resume and on merge', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir);
    const out = join(dir, 'o.jsonl');
    expect(cli(['sweep', '--config', config, '--out', out, '--quiet']).status).toBe(0);
    const good = read(out).trim().split('\n');
    const header = good[0],
      record = JSON.parse(good[1]);
    const cases: [string, string][] = [
      [JSON.stringify({ ...record, seed: 99 }), 'seed'],
      [JSON.stringify({ ...record, outcome: 'bogus' }), 'outcome'],
      [JSON.stringify({ ...record, iterations: '902' }), 'iterations'],
      [JSON.stringify({ ...record, iterations: 1.5 }), 'iterations'],
      [JSON.stringify({ ...record, trial: '5' }), 'trial'],
      [JSON.stringify({ ...record, trial: 6 }), 'trial'],
      [JSON.stringify({ ...record, cell: 2 }), 'cell'],
      [JSON.stringify({ ...record, phi: 'x' }), 'phi'],
      [JSON.stringify({ ...record, loss: true }), 'loss'],
      [JSON.stringify({ ...record, extra: 1 }), 'extra'],
      ['null', 'not a trial record'],
      ['[1,2]', 'not a trial record'],
    ];
    for (const [line, field] of cases) {
      const bad = join(dir, 'bad.jsonl');
      writeFileSync(bad, [header, line, ...good.slice(2)].join('\n') + '\n');
      refused(cli(['sweep', '--config', config, '--out', bad, '--quiet']), new RegExp(`'${bad}' line 2: .*${field}`));
      refused(cli(['merge', bad, '--out', join(dir, 'm.json')]), new RegExp(`'${bad}' line 2: .*${field}`));
    }
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    // A table1 trial file is not a sweep part.
    expect(cli(['table1', '--trials', '2', '--k', '16', '--out', dir, '--quiet']).status).toBe(0);
    refused(cli(['merge', out, join(dir, 'table1.trials.jsonl'), '--out', join(dir, 'm.json')]), /holds table1 trials, not a sweep's/);
    // A torn last line is still repaired.
    appendFileSync(out, '{"cell":0,"tri');
    expect(cli(['sweep', '--config', config, '--out', out, '--quiet']).status).toBe(0);
    expect(read(out).trim().split('\n')).toStrictEqual(good);
  }, 60_000);

  it('cleans up temporary files left by a killed process, and only those', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const config = sweepConfigIn(dir);
    const out = join(dir, 'o.jsonl');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${out}.tmp-${dead}`, 'half');
    writeFileSync(join(dir, `o.aggregate.json.tmp-${dead}`), 'half');
    writeFileSync(`${out}.tmp-${process.pid}`, 'alive'); // a live process's: kept
    expect(cli(['sweep', '--config', config, '--out', out, '--quiet']).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toStrictEqual([`o.jsonl.tmp-${process.pid}`]);
  });
});

describe('commands and messages', () => {
  it('prints help for a bare call, and the version', () => {
    const bare = cli([]);
    expect(bare.status).toBe(0);
    expect(bare.stdout).toContain('Usage: shortcut-sim');
    expect(bare.stderr).toBe('');
    const version = JSON.parse(read('package.json')).version;
    for (const flag of ['--version', '-V']) expect(cli([flag]).stdout.trim()).toBe(version);
  });

  it('figure5 takes --quiet and --workers and says what it wrote', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const loud = cli(['figure5', '--out', dir, '--workers', '1']);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toContain(`wrote ${dir}/figure5.json, figure5.csv, figure5.svg`);
    const quiet = cli(['figure5', '--out', dir, '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    refused(cli(['figure5', '--out', dir, '--workers', '0']), '--workers');
  }, 60_000);

  it('refuses --aggregate for one shard', () => {
    const dir = tempDir('shortcut-sim-hard-');
    refused(
      cli(['sweep', '--config', sweepConfigIn(dir), '--shard', '1/3', '--aggregate', join(dir, 'a.json')]),
      /--aggregate.*shard.*merge/,
    );
  });

  it('names only the fields the user wrote', () => {
    const dir = tempDir('shortcut-sim-hard-');
    const sweep = (grid: object) =>
      cli(['sweep', '--config', sweepConfigIn(dir, { trials: 2, grid: { k: [16], ...grid } }), '--out', join(dir, 'o.jsonl')]);
    for (const field of ['aStarSum', 'vStarNorm', 'aStarSpread', 'radiusScale']) {
      const r = sweep({ [field]: [1e308] });
      refused(r, `grid.${field}[0]: must be`);
      expect(r.stderr.trim().split('\n')).toHaveLength(2);
    }
    refused(sweep({ methods: ['cnn', 'cnn'] }), 'grid.methods[1]: repeats grid.methods[0]');
    refused(cli(['table1', '--k', '16,016', '--out', dir]), "--k: lists 16 twice ('16' and '016' are the same number)");
    for (const text of ['0x10', '1e3', '16.0', '+5', ' 5'])
      refused(cli(['table1', '--trials', text, '--out', dir]), `--trials: must be a whole number`);
    writeFileSync(join(dir, 'broken.json'), '{\n  "trials": 2,\n  "grid": { "k": [16] ]\n}\n');
    refused(cli(['sweep', '--config', join(dir, 'broken.json')]), /is not valid JSON: .* at line 3, column \d+/);
    refused(cli(['run', '--config', 'examples/sweep.json']), /looks like a sweep config; run it with `shortcut-sim sweep --config/);
    refused(
      cli(['sweep', '--config', 'examples/figure5-ssw.json', '--out', join(dir, 'o.jsonl')]),
      /looks like a run config; run it with `shortcut-sim run --config/,
    );
    expect(readdirSync(dir).sort()).toStrictEqual(['broken.json', 's.json']);
  });
});

describe('package and bench', () => {
  it('publishes examples/ and docs/SPEC.md', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toContain('docs/SPEC.md');
    expect(files).toContain('examples/sweep.json');
    expect(files).toContain('examples/figure5-ssw.json');
  });

  it('publishes the pictures and pages the README shows, so it reads the same outside the repository', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    const files = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
    for (const f of ['LICENSE', 'CHANGELOG.md', 'CITATION.cff']) expect(files, f).toContain(f);
    const readme = read('README.md');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(pictures.length).toBeGreaterThan(0);
    for (const picture of pictures) expect(files, picture).toContain(picture); // relative, and shipped
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    for (const link of links) if (existsSync(link)) expect(files, link).toContain(link);
  });

  it('bench: --help prints usage, an unknown --only is refused and writes nothing', () => {
    const before = readdirSync('bench/results');
    const help = spawnSync(process.execPath, ['bench/index.mjs', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(
      '--only PART            one part only: steps, code, typical, million, sampled, sgd-reduced, wide, wide-sampled, table1',
    );
    const bad = spawnSync(process.execPath, ['bench/index.mjs', '--only', 'foo'], { encoding: 'utf8' });
    refused(
      { status: bad.status, stderr: bad.stderr },
      "--only: 'foo' is not a part; use steps, code, typical, million, sampled, sgd-reduced, wide, wide-sampled, table1",
    );
    const unknown = spawnSync(process.execPath, ['bench/index.mjs', '--bogus'], { encoding: 'utf8' });
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(unknown.status).toBe(2);
    expect(readdirSync('bench/results')).toStrictEqual(before);
    const ignored = spawnSync('git', ['check-ignore', 'bench/results/2099-01-01T00-00-00-000Z.json'], { encoding: 'utf8' });
    expect(ignored.status).toBe(0);
  });
});
