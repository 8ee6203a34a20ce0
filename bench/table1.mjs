// End-to-end wall time of Table 1 through the CLI: `shortcut-sim table1` with each engine on all
// cores, and a trial-by-trial comparison of the engines' outcomes and iteration counts.
// Skipped, with a message, while dist/cli.js has no table1 command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Whether `shortcut-sim --help` lists a table1 command. */
export function table1Available() {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  return r.status === 0 && /^\s+table1\b/m.test(r.stdout);
}

/**
 * Times `table1 --trials N --engine E --workers W --out DIR --quiet` `repeat` times per engine and
 * reports the fastest and the median run: on a shared machine the other jobs only ever add time.
 */
export function benchTable1({ engines, trials, workers, repeat = 1, log }) {
  if (!table1Available()) {
    const reason = 'dist/cli.js has no `table1` command; Table 1 wall time not measured';
    log(`Table 1: skipped: ${reason}`);
    return { skipped: reason };
  }
  const rows = [],
    stores = new Map();
  for (const engine of engines) {
    const runs = [];
    for (let i = 0; i < repeat; i++) {
      const run = timeTable1(engine, trials, workers);
      runs.push(run);
      if (run.exitCode !== 0) break;
      if (i === 0) stores.set(engine, run.records);
      delete run.records;
    }
    const ok = runs.filter((r) => r.exitCode === 0);
    const bySeconds = [...ok].sort((a, b) => a.seconds - b.seconds);
    const best = bySeconds[0],
      median = bySeconds[Math.floor((bySeconds.length - 1) / 2)];
    const row = { engine, trials, workers, runs, seconds: best?.seconds, medianSeconds: median?.seconds, cpuSeconds: best?.cpuSeconds };
    const failed = runs.find((r) => r.exitCode !== 0);
    log(
      `Table 1 (${trials} trials × 7 k × 3 methods, ${workers} workers), engine ${engine}: ` +
        (failed
          ? `failed (exit ${failed.exitCode}): ${failed.stderr.trim().split('\n')[0]}`
          : `${best.seconds.toFixed(2)} s fastest of ${ok.length}, median ${median.seconds.toFixed(2)} s` +
            (best.cpuSeconds === null ? '' : ` (CPU time of the fastest ${best.cpuSeconds.toFixed(2)} s)`)),
    );
    rows.push(row);
  }
  const agreement = [];
  const [first, ...others] = [...stores.keys()];
  for (const other of others) {
    const d = compareStores(stores.get(first), stores.get(other));
    log(
      `Table 1, ${other} against ${first}: ${d.trials} trials, ${d.outcomeDiffers} with another outcome, ${d.iterationsDiffer} with other iteration counts`,
    );
    agreement.push({ engines: [first, other], ...d });
  }
  return { command: `node dist/cli.js table1 --trials ${trials} --engine E --workers ${workers} --out DIR --quiet`, rows, agreement };
}

/** One timed run of the table1 command; `records` holds its trials when it succeeded. */
function timeTable1(engine, trials, workers) {
  const out = mkdtempSync(join(tmpdir(), 'shortcut-sim-bench-'));
  const args = [CLI, 'table1', '--trials', String(trials), '--engine', engine, '--workers', String(workers), '--out', out, '--quiet'];
  const cpu0 = childrenCpuSeconds(),
    t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = cpu0 === null ? null : childrenCpuSeconds() - cpu0;
  const run = { seconds, cpuSeconds, exitCode: r.status };
  if (r.status === 0) run.records = trialRecords(join(out, 'table1.trials.jsonl'));
  else run.stderr = r.stderr.slice(0, 2000);
  rmSync(out, { recursive: true, force: true });
  return run;
}

/**
 * User + system CPU seconds of this process's finished children (Linux: /proc/self/stat fields
 * cutime and cstime, in clock ticks of 1/100 s), or null. On a shared machine the wall time depends
 * on the other jobs; the CPU time much less.
 */
function childrenCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** (cell/trial) → [outcome, iterations] from the experiment's JSON-lines trial store. */
function trialRecords(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1); // line 1: the store's header
  return new Map(lines.map((line) => JSON.parse(line)).map((r) => [`${r.cell}/${r.trial}`, [r.outcome, r.iterations]]));
}

function compareStores(a, b) {
  let outcomeDiffers = 0,
    iterationsDiffer = 0;
  const examples = [];
  for (const [key, [outcome, iterations]] of a) {
    const [o2, i2] = b.get(key) ?? ['missing', NaN];
    if (o2 !== outcome) outcomeDiffers++;
    else if (i2 !== iterations) iterationsDiffer++;
    else continue;
    if (examples.length < 10) examples.push({ trial: key, a: [outcome, iterations], b: [o2, i2] });
  }
  return { trials: a.size, outcomeDiffers, iterationsDiffer, examples };
}
