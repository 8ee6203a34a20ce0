// The CLI writing into a pipe whose reader goes away (`| head`, `| true`): it ends quietly with
// 141 (128 + SIGPIPE, as `cat` ends), keeps the finished trials and leaves result files whole.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from '../helpers.js';

const EXIT_PIPE = 141;
const RUN_CONFIG = 'examples/figure5-constant.json';
const read = (path: string) => readFileSync(path, 'utf8');

/** No crash report: no error name, no EPIPE, no stack frame. */
function quiet(stderr: string) {
  expect(stderr).not.toMatch(/Error|EPIPE|Unhandled|\n\s+at /);
}

/** Runs the CLI with stdout and/or stderr pipes closed by their reader before the command writes anything. */
async function closed(args: string[], which: { stdout?: boolean; stderr?: boolean } = { stdout: true }) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '',
    stderr = '';
  if (which.stdout) child.stdout.destroy();
  else
    child.stdout.on('data', (d) => {
      stdout += d;
    });
  if (which.stderr) child.stderr.destroy();
  else
    child.stderr.on('data', (d) => {
      stderr += d;
    });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  return { code, signal, stdout, stderr };
}

/** `shortcut-sim ARGS… | head -c BYTES` under pipefail: the CLI's exit status and stderr, and what head printed. */
function throughHead(args: string[], bytes: number, redirect = '') {
  const script = `set -o pipefail; "$0" "$1" "\${@:2}" ${redirect} | head -c ${bytes}; echo " status=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', script, process.execPath, CLI, ...args], { encoding: 'utf8' });
  const m = / status=(\d+)\n$/.exec(r.stderr);
  return { status: m ? Number(m[1]) : NaN, stderr: r.stderr.replace(/ status=\d+\n$/, ''), head: r.stdout };
}

function sweepConfigIn(dir: string, config: unknown): string {
  writeFileSync(join(dir, 's.json'), JSON.stringify(config));
  return join(dir, 's.json');
}

/** Every line of a trial file is whole JSON and ends with its newline. */
function wholeLines(path: string): string[] {
  const text = read(path);
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  return lines;
}

/** No temporary or lock files beside the outputs. */
function noLeftovers(dir: string) {
  expect(readdirSync(dir).filter((f) => /\.tmp-|\.lock$/.test(f))).toStrictEqual([]);
}

describe('a closed stdout', () => {
  it('ends --help and the bare overview quietly with 141', async () => {
    for (const args of [['--help'], [], ['sweep', '--help']]) {
      const r = await closed(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(EXIT_PIPE);
    }
  });

  it('ends run quietly with 141', async () => {
    const r = await closed(['run', '--config', RUN_CONFIG]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_PIPE);
  });

  it('ends a sweep with --out quietly and keeps its trial file and aggregate whole', async () => {
    const dir = tempDir('shortcut-sim-pipes-');
    const config = sweepConfigIn(dir, { seed: 3, trials: 40, maxIter: 2000, grid: { k: [8], methods: ['resnet-constant', 'cnn'] } });
    const out = join(dir, 's.jsonl');
    const r = await closed(['sweep', '--config', config, '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_PIPE);
    expect(wholeLines(out)).toHaveLength(1 + 2 * 40);
    expect(JSON.parse(read(join(dir, 's.aggregate.json'))).rows).toHaveLength(2);
    noLeftovers(dir);
  });

  it('ends table1 quietly and leaves its files whole', async () => {
    const dir = tempDir('shortcut-sim-pipes-');
    const r = await closed(['table1', '--trials', '5', '--k', '16', '--out', dir, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_PIPE);
    expect(wholeLines(join(dir, 'table1.trials.jsonl'))).toHaveLength(1 + 3 * 5);
    expect(JSON.parse(read(join(dir, 'table1.json'))).rows).toHaveLength(3);
    expect(read(join(dir, 'figure4.svg'))).toMatch(/<\/svg>\s*$/);
    noLeftovers(dir);
  }, 30_000);

  it('ends `run | head -c 300` quietly every time (a race between head and the write)', () => {
    // A result of 1 kB fits into the pipe; one of 150 kB (a trajectory) outlives head.
    for (const config of [RUN_CONFIG, 'examples/sgd-fixed.json']) {
      for (let i = 0; i < 10; i++) {
        const r = throughHead(['run', '--config', config], 300);
        quiet(r.stderr);
        expect(r.head).toHaveLength(300);
        expect([0, EXIT_PIPE]).toContain(r.status);
      }
    }
  }, 30_000);
});

describe('a closed stderr', () => {
  it('ends `2>&1 | head -c 10` quietly', () => {
    const dir = tempDir('shortcut-sim-pipes-');
    const config = sweepConfigIn(dir, { seed: 1, trials: 4, maxIter: 500, grid: { k: [4], methods: ['cnn'] } });
    for (let i = 0; i < 4; i++) {
      const sweep = throughHead(['sweep', '--config', config, '--out', join(dir, `s${i}.jsonl`), '--workers', '1'], 10, '2>&1');
      expect(sweep.stderr).toBe('');
      expect([0, EXIT_PIPE]).toContain(sweep.status);
      const bad = throughHead(['run', '--config', join(dir, 'missing.json')], 10, '2>&1');
      expect(bad.head).toBe('shortcut-s');
      expect(bad.stderr).toBe('');
      expect([2, EXIT_PIPE]).toContain(bad.status);
    }
  }, 30_000);

  it('keeps the exit code of an error whose message cannot be written', async () => {
    const r = await closed(['run', '--config', 'no/such/file.json'], { stderr: true });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('after a complete stdout, ends the command with 141 and keeps its output', async () => {
    const dir = tempDir('shortcut-sim-pipes-');
    const config = sweepConfigIn(dir, { seed: 1, trials: 4, maxIter: 500, grid: { k: [4], methods: ['cnn'] } });
    const r = await closed(['sweep', '--config', config, '--out', join(dir, 's.jsonl'), '--workers', '1'], { stderr: true });
    expect(r.stdout).toMatch(/^cell .*\n0 .*\n$/);
    expect(r.code).toBe(EXIT_PIPE);
    wholeLines(join(dir, 's.jsonl'));
  });

  it('stops a resumed sweep like Ctrl-C: finished trials are kept and the next run completes them', async () => {
    const dir = tempDir('shortcut-sim-pipes-');
    const config = sweepConfigIn(dir, { seed: 5, trials: 6000, grid: { k: [16], methods: ['cnn'] } });
    const reference = join(dir, 'ref.jsonl'),
      out = join(dir, 's.jsonl');
    expect(spawnSync(process.execPath, [CLI, 'sweep', '--config', config, '--out', reference, '--quiet', '--workers', '1']).status).toBe(0);
    const lines = read(reference).split('\n');
    writeFileSync(out, lines.slice(0, 1 + 300).join('\n') + '\n'); // the header and 300 trials
    // "resuming …" goes to the closed stderr: the run stops there.
    const r = await closed(['sweep', '--config', config, '--out', out, '--workers', '1'], { stderr: true });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(EXIT_PIPE);
    expect(wholeLines(out).slice(0, 301)).toStrictEqual(lines.slice(0, 301));
    expect(existsSync(join(dir, 's.aggregate.json'))).toBe(false);
    noLeftovers(dir);
    // Resumed with a reader: the same trials and aggregate as the uninterrupted run.
    expect(spawnSync(process.execPath, [CLI, 'sweep', '--config', config, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    expect(read(out)).toBe(read(reference));
    expect(read(join(dir, 's.aggregate.json'))).toBe(read(join(dir, 'ref.aggregate.json')));
  }, 30_000);
});
