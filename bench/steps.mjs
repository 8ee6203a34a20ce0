// Per-step cost of one run, per engine, at k = p ∈ {16, 100, 1000, 10000}, measured with the
// `benchmark` package. A run is forced to take exactly STEPS steps (tol 0, trapAngle 0, maxIter
// STEPS), so ns/step = time of one run / STEPS, the O(k + p) copy-in and set-up included.
import Benchmark from 'benchmark';
import { toProblem } from '../dist/config.js';
import { OUTCOME_NAMES } from '../dist/problem.js';
import { teacher, trialConfig, METHODS } from '../dist/presets.js';
import { jsEngine, reducedJsEngine } from '../dist/twin/index.js';
import { wasmEngine } from '../dist/wasm/population.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';

export const STEPS = 300;

/** The engines, by the names of the table; `twinOf` pairs each WASM engine with its JS twin. */
export async function engines() {
  const mem = await loadWasmMemory();
  return { wasm: wasmEngine(mem), js: jsEngine, reduced: wasmEngine(mem, true), 'reduced-js': reducedJsEngine };
}
export const twinOf = { wasm: 'js', reduced: 'reduced-js' };

/**
 * One forced run. ResNet: the SSW schedule (the STEPS steps stay in stage I); CNN: constant steps.
 * Above k ≈ 100 the second-layer step 0.1 is unstable (the 1·1ᵀ term has eigenvalue
 * (π − 1 + k)/(2π)), so ηa is capped at 2π/(π − 1 + k), half the stability limit.
 */
export function forcedProblem(k, model) {
  const method = model === 'cnn' ? 'cnn' : 'resnet-ssw';
  const etaA = Math.min(0.1, (2 * Math.PI) / (Math.PI - 1 + k));
  const schedule = model === 'cnn' ? { kind: 'constant', etaA, etaV: 0.1 }
    : { kind: 'ssw', eta: 0.1, etaA1: etaA, etaV1: 0.001, warmup: 500 };
  return toProblem({ ...trialConfig({ k, method, trial: 0, schedule }), tol: 0, trapAngle: 0, maxIter: STEPS });
}

function measure(name, fn, maxTime) {
  const b = new Benchmark(name, fn, { maxTime, minSamples: 5, initCount: 1 });
  b.run();
  if (b.error) throw b.error;
  return { mean: b.stats.mean, rme: b.stats.rme, samples: b.stats.sample.length };
}

/** ns/step for every engine at every (k, model); each row also holds the JS/WASM ratios. */
export async function benchSteps({ ks, maxTime, log }) {
  const eng = await engines();
  const rows = [];
  for (const k of ks) for (const model of ['resnet', 'cnn']) {
    const pr = forcedProblem(k, model);
    const row = { k, p: k, model, steps: STEPS, nsPerStep: {}, rmePercent: {}, ratio: {} };
    for (const [name, e] of Object.entries(eng)) {
      const r = e.run(pr);
      if (r.iterations !== STEPS) throw new Error(`${name} k=${k} ${model}: ended ${r.outcome} after ${r.iterations} steps, not ${STEPS}`);
      const m = measure(`${name} k=${k} ${model}`, () => e.run(pr), maxTime);
      row.nsPerStep[name] = (m.mean * 1e9) / STEPS;
      row.rmePercent[name] = m.rme;
    }
    for (const [w, js] of Object.entries(twinOf)) row.ratio[`${js}/${w}`] = row.nsPerStep[js] / row.nsPerStep[w];
    row.ratio['js/reduced'] = row.nsPerStep.js / row.nsPerStep.reduced;
    log(formatRow(row));
    rows.push(row);
  }
  return rows;
}

export function formatHeader() {
  return 'k = p   model    wasm ns/step   js ns/step   js/wasm   reduced ns/step   reduced-js ns/step   js/reduced';
}

function formatRow(r) {
  const f = (x) => x.toFixed(x < 100 ? 1 : 0);
  return `${String(r.k).padStart(5)}   ${r.model.padEnd(6)}   ${f(r.nsPerStep.wasm).padStart(12)}   ${f(r.nsPerStep.js).padStart(10)}   `
    + `${r.ratio['js/wasm'].toFixed(2).padStart(6)}×   ${f(r.nsPerStep.reduced).padStart(15)}   ${f(r.nsPerStep['reduced-js']).padStart(18)}   `
    + `${r.ratio['js/reduced'].toFixed(0).padStart(9)}×`;
}

/**
 * Whole Table 1 runs at k (SPEC §6.1 presets, trials 0..n−1 of each method): µs per run for each
 * engine, and what building a run costs before any engine sees it (trialConfig + validation).
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
    const m = measure(`typical ${name}`, () => { for (const pr of problems) e.run(pr); }, maxTime);
    out.usPerRun[name] = (m.mean * 1e6) / problems.length;
  }
  // What the experiments' workers do: one runSummaries call per batch (the reduced engine interleaves).
  const batch = measure('typical reduced, runSummaries', () => eng.reduced.runSummaries(problems), maxTime);
  out.usPerRun['reduced (runSummaries)'] = (batch.mean * 1e6) / problems.length;
  const build = measure('trialConfig + toProblem', () => {
    for (let i = 0; i < 30; i++) toProblem(trialConfig({ k, method: METHODS[i % 3], trial: i }, t));
  }, maxTime);
  out.usPerRunToBuild = (build.mean * 1e6) / 30;
  log(`typical Table 1 run at k = ${k} (${out.runs} runs, ${out.stepsPerRun.toFixed(0)} steps on average): `
    + Object.entries(out.usPerRun).map(([n, us]) => `${n} ${us.toFixed(1)} µs`).join(', ')
    + `; building the run (trialConfig + toProblem) ${out.usPerRunToBuild.toFixed(1)} µs`);
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
  const k = 1_000_000, t = teacher({ k });
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
      let best = Infinity, r;
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
    log(`k = p = 10^6, ${method} trial 0 (${row.outcome} after ${row.iterations} steps): `
      + `reduced ${row.ms.reduced.toFixed(0)} ms, reduced-js ${row.ms['reduced-js'].toFixed(0)} ms the whole run; `
      + `wasm ${row.wasmMsPerStep.toFixed(2)} ms per step`);
    rows.push(row);
  }
  return rows;
}
