// Per-step cost of the vector step against its yardsticks, at k = p ∈ {16, 100, 1000, 10000}: the
// SIMD engine `wasm`, its bit-identical twin `js`, an idiomatic pure-JS implementation
// (bench/idiomatic.mjs) and the same step in C (bench/native/step.c, three builds, when a C compiler
// is present). A run is forced to take exactly STEPS steps (tol 0, trapAngle 0, maxIter STEPS), so
// ns/step = CPU time of one run / STEPS, copy-in and set-up included. The contenders take turns
// (round after round, each runs for a slice of CPU time), so that a slow minute of a shared machine
// hits them all; the ratios are medians over the rounds of each round's ratio.
import { readFileSync } from 'node:fs';
import { toProblem } from '../dist/config.js';
import { OUTCOME_NAMES } from '../dist/problem.js';
import { teacher, trialConfig, METHODS } from '../dist/presets.js';
import { ENGINE_NAMES } from '../dist/engines.js';
import { makeEngine } from '../dist/kernelFaces.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';
import { runIdiomatic } from './idiomatic.mjs';
import { buildNative, runNative, writeProblemFile } from './native.mjs';

export const STEPS = 1000;

/** The engines of src/engines.ts, by their names, on one WASM memory. */
export async function engines() {
  const mem = await loadWasmMemory();
  return Object.fromEntries(ENGINE_NAMES.map((name) => [name, makeEngine(name, mem)]));
}

/**
 * One forced run: the ResNet with a warmup schedule whose first stage lasts all STEPS steps.
 * Above k ≈ 100 the second-layer step 0.1 is unstable (the 1·1ᵀ term has eigenvalue
 * (π − 1 + k)/(2π)), so ηa is capped at 2π/(π − 1 + k), half the stability limit.
 */
export function forcedProblem(k) {
  const etaA = Math.min(0.1, (2 * Math.PI) / (Math.PI - 1 + k));
  const schedule = { kind: 'ssw', eta: 0.1, etaA1: etaA, etaV1: 0.001, warmup: STEPS };
  return toProblem({ ...trialConfig({ k, method: 'resnet-ssw', trial: 0, schedule }), tol: 0, trapAngle: 0, maxIter: STEPS });
}

/** CPU seconds (user + system) of this process. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs fn until `seconds` of CPU time have passed: seconds per call. */
function cpuPerCall(fn, seconds) {
  const t0 = cpuNow();
  let calls = 0,
    used = 0;
  do {
    fn();
    calls++;
    used = cpuNow() - t0;
  } while (used < seconds);
  return used / calls;
}

/** The clock /proc/cpuinfo reports (nominal: a virtual machine may run faster), or null. */
const NOMINAL_GHZ = (() => {
  try {
    return Number(/cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))[1]) / 1000;
  } catch {
    return null;
  }
})();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/**
 * ns/step of every contender at every k, interleaved over `rounds` rounds of `maxTime / rounds`
 * CPU seconds each (after one warm-up round), with each contender's final φ and loss checked
 * against `wasm` (1e-9). Ratios: wasm ÷ each native build, each JS implementation ÷ wasm.
 */
export async function benchSteps({ ks, maxTime, rounds = 5, log }) {
  const eng = await engines();
  const native = buildNative();
  for (const note of native.notes) log(`note: ${note}`);
  if (native.compiler) log(`C compiler: ${native.compiler}`);
  log(formatHeader(Object.keys(native.binaries)));
  const slice = maxTime / rounds;
  const rows = [];
  for (const k of ks) {
    const pr = forcedProblem(k);
    const reference = eng.wasm.run(pr);
    if (reference.iterations !== STEPS)
      throw new Error(`wasm k=${k}: ended ${OUTCOME_NAMES[reference.outcome]} after ${reference.iterations} steps, not ${STEPS}`);
    const file = native.dir ? writeProblemFile(pr, native.dir, `k${k}`) : null;
    /** name → () => { seconds per run, phi, loss } */
    const timed = (run) => () => {
      let r;
      const s = cpuPerCall(() => {
        r = run(pr);
      }, slice);
      return { s, ...r };
    };
    const contenders = {
      wasm: timed((q) => eng.wasm.run(q)),
      js: timed((q) => eng.js.run(q)),
      idiomatic: timed(runIdiomatic),
      ...Object.fromEntries(
        Object.entries(native.binaries).map(([name, bin]) => [
          name,
          () => {
            const r = runNative(bin, file, slice);
            return { s: r.cpuSeconds / r.runs, ...r };
          },
        ]),
      ),
    };
    const samples = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]));
    for (let round = 0; round <= rounds; round++) {
      for (const [name, run] of Object.entries(contenders)) {
        const r = run();
        if (
          r.iterations !== STEPS ||
          Math.abs(r.phi - reference.phi) > 1e-9 ||
          Math.abs(r.loss - reference.loss) > 1e-9 * Math.max(1, reference.loss)
        ) {
          throw new Error(
            `${name} k=${k} disagrees with wasm: ${r.iterations} steps, φ ${r.phi} vs ${reference.phi}, L ${r.loss} vs ${reference.loss}`,
          );
        }
        if (round > 0) samples[name].push((r.s * 1e9) / STEPS); // round 0 warms up
      }
    }
    const row = { k, p: k, steps: STEPS, rounds, nsPerStep: {}, ratio: {} };
    for (const [name, ns] of Object.entries(samples)) row.nsPerStep[name] = median(ns);
    const perRound = (f) => median(samples.wasm.map((_, i) => f(i)));
    for (const name of Object.keys(native.binaries)) row.ratio[`wasm/${name}`] = perRound((i) => samples.wasm[i] / samples[name][i]);
    for (const name of ['js', 'idiomatic']) row.ratio[`${name}/wasm`] = perRound((i) => samples[name][i] / samples.wasm[i]);
    // Per index the two passes do 17 flops (x: 8, a: 9) in 17 f64x2 operations per two indices, 10 of
    // them adds: 128-bit SIMD on two add ports caps them at 17 flops per 2.5 cycles = 6.8 flops/cycle.
    row.flopsPerStep = 17 * k;
    if (NOMINAL_GHZ)
      row.flopsPerCycle = Object.fromEntries(Object.entries(row.nsPerStep).map(([n, ns]) => [n, row.flopsPerStep / (ns * NOMINAL_GHZ)]));
    log(
      formatRow(row, Object.keys(native.binaries)) +
        (row.flopsPerCycle ? `   flops/cycle at ${NOMINAL_GHZ} GHz: wasm ${row.flopsPerCycle.wasm.toFixed(2)}` : ''),
    );
    rows.push(row);
  }
  return { compiler: native.compiler, notes: native.notes, rows };
}

export function formatHeader(nativeNames) {
  return ['k = p', 'wasm ns/step', ...nativeNames.map((n) => `wasm/${n.replace('native-', '')}`), 'js/wasm', 'idiomatic/wasm']
    .map((h, i) => (i === 0 ? h.padStart(6) : h.padStart(Math.max(12, h.length))))
    .join('  ');
}

function formatRow(r, nativeNames) {
  const cells = [
    r.nsPerStep.wasm.toFixed(r.nsPerStep.wasm < 100 ? 1 : 0),
    ...nativeNames.map((n) => `${r.ratio[`wasm/${n}`].toFixed(2)}×`),
    `${r.ratio['js/wasm'].toFixed(2)}×`,
    `${r.ratio['idiomatic/wasm'].toFixed(2)}×`,
  ];
  const heads = formatHeader(nativeNames)
    .split(/\s{2,}/)
    .filter(Boolean)
    .slice(1);
  return [String(r.k).padStart(6), ...cells.map((c, i) => c.padStart(Math.max(12, heads[i].length)))].join('  ');
}

/**
 * Whole Table 1 runs at k (SPEC §6.1 presets, trials 0..n−1 of each method): µs of CPU time per
 * run for each engine, and what building a run costs before any engine sees it (trialConfig +
 * validation).
 */
export async function benchTypicalRuns({ k, trials, maxTime, log }) {
  const eng = await engines();
  const t = teacher({ k });
  const configs = METHODS.flatMap((method) => Array.from({ length: trials }, (_, trial) => trialConfig({ k, method, trial }, t)));
  const problems = configs.map((c) => toProblem(c));
  const out = { k, runs: problems.length, usPerRun: {}, stepsPerRun: 0, outcomes: {} };
  let steps = 0;
  for (const pr of problems) {
    const r = eng.reduced.run(pr);
    steps += r.iterations;
    const name = OUTCOME_NAMES[r.outcome];
    out.outcomes[name] = (out.outcomes[name] ?? 0) + 1;
  }
  out.stepsPerRun = steps / problems.length;
  for (const [name, e] of Object.entries(eng)) {
    cpuPerCall(() => {
      for (const pr of problems) e.run(pr);
    }, maxTime / 4); // warm-up
    out.usPerRun[name] =
      (cpuPerCall(() => {
        for (const pr of problems) e.run(pr);
      }, maxTime) *
        1e6) /
      problems.length;
  }
  // What the experiments' workers do: one runSummaries call per batch (the reduced engine interleaves).
  const batch = cpuPerCall(() => eng.reduced.runSummaries(problems), maxTime);
  out.usPerRun['reduced (runSummaries)'] = (batch * 1e6) / problems.length;
  const build = cpuPerCall(() => {
    for (let i = 0; i < 30; i++) toProblem(trialConfig({ k, method: METHODS[i % 3], trial: i }, t));
  }, maxTime);
  out.usPerRunToBuild = (build * 1e6) / 30;
  log(
    `typical Table 1 run at k = ${k} (${out.runs} runs, ${out.stepsPerRun.toFixed(0)} steps on average): ` +
      Object.entries(out.usPerRun)
        .map(([n, us]) => `${n} ${us.toFixed(1)} µs`)
        .join(', ') +
      `; building the run (trialConfig + toProblem) ${out.usPerRunToBuild.toFixed(1)} µs`,
  );
  return out;
}

/**
 * Whole runs at k = p = 10⁶ (SPEC §6.1 teacher, trial 0 of each method, η_a capped as in
 * forcedProblem, to the outcome): wall time per engine, fastest of `repeat`, copy-in and set-up
 * included. The vector engine only takes VECTOR_STEPS steps (each is O(k + p)), for its ms per step.
 */
const VECTOR_STEPS = 20;
export async function benchMillion({ repeat = 3, log }) {
  const eng = await engines();
  const k = 1_000_000,
    t = teacher({ k });
  const etaA = (2 * Math.PI) / (Math.PI - 1 + k);
  const schedules = {
    'resnet-ssw': { kind: 'ssw', eta: etaA, etaA1: etaA, etaV1: 0.001, warmup: 500 },
    'resnet-constant': { kind: 'constant', etaA, etaV: 0.1 },
    cnn: { kind: 'constant', etaA, etaV: 0.1 },
  };
  const rows = [];
  for (const method of METHODS) {
    const pr = toProblem(trialConfig({ k, method, trial: 0, schedule: schedules[method] }, t));
    const row = { k, p: k, method, etaA, ms: {} };
    for (const name of ['reduced', 'reduced-js']) {
      let best = Infinity,
        r;
      for (let i = 0; i < repeat; i++) {
        const t0 = process.hrtime.bigint();
        r = eng[name].run(pr);
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
      }
      row.ms[name] = best;
      row.outcome = OUTCOME_NAMES[r.outcome];
      row.iterations = r.iterations;
    }
    const t0 = process.hrtime.bigint();
    eng.wasm.run({ ...pr, maxIter: VECTOR_STEPS, tol: 0, trapAngle: 0 });
    row.wasmMsPerStep = Number(process.hrtime.bigint() - t0) / 1e6 / VECTOR_STEPS;
    log(
      `k = p = 10^6, ${method} trial 0 (${row.outcome} after ${row.iterations} steps): ` +
        `reduced ${row.ms.reduced.toFixed(0)} ms, reduced-js ${row.ms['reduced-js'].toFixed(0)} ms the whole run; ` +
        `wasm ${row.wasmMsPerStep.toFixed(2)} ms per step`,
    );
    rows.push(row);
  }
  return rows;
}
