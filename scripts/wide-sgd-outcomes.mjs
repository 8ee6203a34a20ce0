// Measures the outcome rule of wide students on sampled data (docs/wide.md: "Sampled data"): SGD runs of
// presets.wideTrialConfig's starts (k = p = 16, Table 1's teacher, r* = 1, the three methods, r = 2 and 4,
// B = 1, 4 and 16, online data; each method's GD schedule with the sgd study's default batch scaling, √(B/64),
// stretched in time) are run with no trap rule to `horizon` times their maxIter, their exact population loss L
// recorded at every step. Every candidate rule (trapLoss, trapTime) is then replayed on each run up to its
// maxIter: a spurious call at step t is wrong when L later falls below L_t/2 or below 1e-4. A run is stuck
// when its L at the horizon is above 1e-2; the table gives the share of stuck runs each rule calls spurious.
// With --noise S, the noise floor instead: the median L over the last quarter of runs that converge, label noise S.
// --show LOSS,TIME lists that rule's wrong calls.
// Usage: node scripts/wide-sgd-outcomes.mjs [trials per cell] [horizon] [--noise S] [--show LOSS,TIME]   (after npm run build)
import { presets, toProblem } from '../dist/index.js';
import { createEngine } from '../dist/simulator.js';
import { batchScale, stretchedSchedule } from '../dist/experiments/core/sweepConfig.js';
import { StageCursor } from '../dist/twin/common/schedule.js';

const args = process.argv.slice(2);
const noiseAt = args.indexOf('--noise'),
  noise = noiseAt >= 0 ? Number(args.splice(noiseAt, 2)[1]) : 0;
const showAt = args.indexOf('--show'),
  show = showAt >= 0 ? args.splice(showAt, 2)[1].split(',').map(Number) : undefined;
const [trials, horizon] = [20, 3].map((d, i) => Number(args[i] ?? d));
const engine = await createEngine({ engine: 'wasm' });
const WIDTH = 5; // a sample: t, L, ‖∇L‖, batch loss, training loss; then r angles

/** One run with no trap rule (and, with noise, no global stop) to horizon·maxIter steps: its maxIter and L at every step. */
function losses(method, r, batch, trial) {
  const f = batchScale('sqrt', batch);
  const c = presets.wideTrialConfig({ k: 16, method, trial, width: r });
  const maxIter = Math.ceil(5000 / f);
  const pr = toProblem({
    ...c,
    schedule: stretchedSchedule(c.schedule, f),
    maxIter: horizon * maxIter,
    logEvery: 1,
    data: { kind: 'online', batch, labelNoise: noise, seed: 7919 * trial + 104729 * r + batch },
  });
  const res = engine.run({ ...pr, wide: { ...pr.wide, trapLoss: Infinity, lossTol: noise > 0 ? -Infinity : pr.wide.lossTol } });
  const L = [],
    eta = [],
    cursor = new StageCursor(pr.stages);
  for (let i = 0, t = 0; i < res.trajectory.length; i += WIDTH + r, t++) {
    L.push(res.trajectory[i + 1]);
    if (t >= cursor.nextUntil) cursor.enter(t);
    eta.push(cursor.etaV);
  }
  return { maxIter, L, eta, outcome: res.outcome };
}

/** The rule of assembly/wide/sampled.ts replayed on L (η_v of each step) up to maxIter: the step it calls spurious, or -1. */
function spuriousAt({ L, eta, maxIter }, lossTol, trapLoss, trapTime) {
  let time = 0,
    at = Infinity;
  for (let t = 0; t <= Math.min(maxIter, L.length - 1); t++) {
    if (!(L[t] > lossTol)) return -1;
    if (L[t] <= trapLoss || L[t] < at / 2) {
      time = 0;
      at = L[t];
    } else if (time >= trapTime) return t;
    time += eta[t];
  }
  return -1;
}

const LOSSES = [1e-3, 1e-2, 1e-1],
  TIMES = [5, 10, 25, 50, 100, 200];
const runs = [];
for (const method of presets.METHODS)
  for (const r of [2, 4])
    for (const batch of [1, 4, 16]) {
      const cell = { method, r, batch, runs: [] };
      for (let trial = 0; trial < trials; trial++) cell.runs.push(losses(method, r, batch, trial));
      runs.push(cell);
      if (noise > 0) {
        const floors = cell.runs
          .filter((run) => run.outcome !== 3 && run.L.at(-1) < 0.5)
          .map((run) => {
            const tail = run.L.slice(Math.floor(0.75 * run.L.length)).sort((x, y) => x - y);
            return tail[tail.length >> 1];
          })
          .sort((x, y) => x - y);
        const q = (p) => floors[Math.min(floors.length - 1, Math.floor(p * floors.length))]?.toExponential(1) ?? '-';
        console.log(`${method} r=${r} B=${batch}: ${floors.length} of ${trials} converge; noise floor L median ${q(0.5)}, max ${q(1)}`);
        continue;
      }
      const stuck = cell.runs.filter((run) => run.L.at(-1) > 1e-2);
      console.log(
        `${method} r=${r} B=${batch}: ${stuck.length} of ${trials} stuck at the horizon (L: ${stuck.map((run) => run.L.at(-1).toPrecision(3)).join(', ')})`,
      );
    }
if (noise === 0) {
  console.log('\ntrapLoss  trapTime  called  wrong  stuck runs called (of all stuck)   call (median step / maxIter)');
  for (const trapLoss of LOSSES)
    for (const trapTime of TIMES) {
      let called = 0,
        wrong = 0,
        stuck = 0,
        caught = 0;
      const when = [];
      for (const cell of runs)
        for (const run of cell.runs) {
          const { maxIter, L } = run,
            isStuck = L.at(-1) > 1e-2;
          stuck += isStuck;
          const t = spuriousAt(run, 1e-10, trapLoss, trapTime);
          if (t < 0) continue;
          called++;
          caught += isStuck;
          when.push(t / maxIter);
          let low = Infinity;
          for (let u = t; u < L.length; u++) low = Math.min(low, L[u]);
          if (low < L[t] / 2 || low < 1e-4) {
            wrong++;
            if (show && trapLoss === show[0] && trapTime === show[1])
              console.log(
                `  wrong: ${cell.method} r=${cell.r} B=${cell.batch} at t = ${t} of ${maxIter}, L = ${L[t].toPrecision(3)}, later ${low.toPrecision(3)}`,
              );
          }
        }
      when.sort((x, y) => x - y);
      console.log(
        `${String(trapLoss).padEnd(9)} ${String(trapTime).padStart(8)} ${String(called).padStart(7)} ${String(wrong).padStart(6)} ${String(caught).padStart(8)} of ${stuck}` +
          `${' '.repeat(26)}${when.length ? when[when.length >> 1].toFixed(2) : '-'}`,
      );
    }
}
