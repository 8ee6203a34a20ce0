// Sampled runs (SPEC §8): per-step time of SGD for `wasm` and its twin, Gaussian draws per second,
// multiply-adds per second and the share of a step spent drawing numbers.
// A step is timed as (run of T steps − run of 0 steps)/T, so the set-up (and a fixed training set's
// generation) is left out; tol 0 and trapPhi π keep every run going for exactly T steps. Times are
// CPU times of this process (on a shared, overloaded machine the wall time of a run longer than a
// scheduler slice grows with the load), the fastest of `repeat`.
import { toProblem } from '../dist/config.js';
import { trialConfig } from '../dist/presets.js';
import { makeEngine } from '../dist/kernelFaces.js';
import { NormalLanes } from '../dist/twin/random/index.js';
import { ENGINE_CONTRACT, loadWasmMemory } from '../dist/wasm/memory.js';
import { NORMAL_LANES_BYTES } from '../dist/layout.js';

/** CPU seconds of the fastest of `repeat` calls. */
export function measure(fn, repeat) {
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t0 = process.cpuUsage();
    fn();
    const t = process.cpuUsage(t0);
    best = Math.min(best, t.user + t.system);
  }
  return best / 1e6;
}

/**
 * One sampled run of exactly `steps` steps: constant steps of 0.001 (the cost of a step does not depend
 * on its size, and small steps keep B = 1 runs from diverging before the end).
 */
export function problem(k, data, steps) {
  return toProblem({
    ...trialConfig({ k, method: 'resnet-constant', trial: 0, schedule: { kind: 'constant', etaA: 0.001, etaV: 0.001 } }),
    tol: 0,
    trapPhi: Math.PI,
    maxIter: steps,
    data,
  });
}

/**
 * Normals per second of the lanes' generator (the ziggurat), WASM (into one block of engine memory) and twin
 * (blocks of 10^5), and of the four-lane Box–Muller it replaced (WASM), measured in turns.
 */
export async function drawRates(repeat) {
  // The generators' own entry points are in the test build of the engine (build/engine.test.wasm).
  const mem = await loadWasmMemory(new URL('../build/engine.test.wasm', import.meta.url), {
    functions: { ...ENGINE_CONTRACT.functions, normalLanesStart: 6, normalLanesFill: 3, boxMullerLanesFill: 3 },
    constants: ENGINE_CONTRACT.constants,
  });
  const n = 100_000,
    ex = mem.exports;
  const state = mem.alloc(Math.ceil(NORMAL_LANES_BYTES / 8)),
    out = mem.alloc(n);
  ex.normalLanesStart(state.ptr, 1, 0, 0, 0, 1);
  let wasm = 0,
    boxMuller = 0;
  for (let turn = 0; turn < 3; turn++) {
    wasm = Math.max(wasm, n / measure(() => ex.normalLanesFill(state.ptr, out.ptr, n), repeat));
    boxMuller = Math.max(boxMuller, n / measure(() => ex.boxMullerLanesFill(state.ptr, out.ptr, n), repeat));
  }
  mem.free(state, out);
  const twin = new NormalLanes(1, 0, 0, 0, 1),
    block = new Float64Array(n);
  const js = n / measure(() => twin.fill(block, n), repeat);
  return { wasm, js, boxMuller };
}

export async function benchSampled({ ks = [16, 100], batches = [1, 16, 256], n = 1000, repeat = 5, log }) {
  const mem = await loadWasmMemory();
  const engines = { wasm: makeEngine('wasm', mem), js: makeEngine('js', mem) };
  const draws = await drawRates(repeat);
  log(
    `Gaussian draws (eight-lane ziggurat): wasm ${(draws.wasm / 1e6).toFixed(1)} M/s, twin ${(draws.js / 1e6).toFixed(1)} M/s` +
      ` (${(draws.wasm / draws.js).toFixed(2)}×); four-lane Box–Muller (before) wasm ${(draws.boxMuller / 1e6).toFixed(1)} M/s` +
      ` (ziggurat ${(draws.wasm / draws.boxMuller).toFixed(2)}×)`,
  );
  log('data     k=p     B   wasm µs/step   twin µs/step   twin/wasm   wasm: draws/step  drawing share  multiply-adds/s (not drawing)');
  const rows = [];
  for (const kind of ['online', 'fixed'])
    for (const k of ks)
      for (const B of batches) {
        const data = kind === 'online' ? { kind, batch: B, seed: 1 } : { kind, n, batch: B, seed: 1 };
        const entries = B * k * k;
        // about 3·10^6 entries of work per timed run; on a fixed set at least 20 passes over it (so that
        // the training set's generation, in both timings, weighs little against the steps)
        const steps = Math.max(3, Math.round(3e6 / entries), kind === 'fixed' ? Math.ceil((20 * n) / B) : 0);
        const row = { data: kind, k, p: k, batch: B, n: kind === 'fixed' ? n : undefined, steps, usPerStep: {} };
        const perStep = (e, d, T) => {
          const long = problem(k, d, T),
            none = problem(k, d, 0);
          if (e.run(long).iterations !== T) throw new Error(`${kind} k=${k} B=${B}: did not take ${T} steps`);
          return ((measure(() => e.run(long), repeat) - measure(() => e.run(none), repeat)) / T) * 1e6;
        };
        for (const [name, e] of Object.entries(engines))
          row.usPerStep[name] = perStep(e, data, name === 'js' ? Math.max(2, Math.round(steps / 3)) : steps);
        row.ratio = row.usPerStep.js / row.usPerStep.wasm;
        // Multiply-adds per entry: the forward pass takes 2 dot products online (w̄ and w*: the label),
        // 1 on a fixed set; the backward pass about half the patches (σ' = 1 on half of them).
        const madds = (kind === 'online' ? 2.5 : 1.5) * entries;
        if (kind === 'online') {
          // The same step without drawing: full-batch GD on a fixed set of n = B (its samples cached like the
          // online one), scaled by 2.5/1.5 for the online forward pass's second dot product (the label).
          const usNoDraw = (perStep(engines.wasm, { kind: 'fixed', n: B, seed: 1 }, steps) * 2.5) / 1.5;
          row.drawingShare = Math.max(0, 1 - usNoDraw / row.usPerStep.wasm);
          row.drawsPerSecond = entries / ((row.usPerStep.wasm - usNoDraw) * 1e-6);
        }
        row.drawsPerStep = kind === 'online' ? entries : 0;
        row.multiplyAddsPerSecond = madds / ((kind === 'online' ? row.usPerStep.wasm * (1 - row.drawingShare) : row.usPerStep.wasm) * 1e-6);
        log(
          `${kind.padEnd(7)} ${String(k).padStart(4)} ${String(B).padStart(5)} ${row.usPerStep.wasm.toFixed(1).padStart(14)} ` +
            `${row.usPerStep.js.toFixed(1).padStart(14)} ${(row.ratio.toFixed(2) + '×').padStart(11)} ${String(row.drawsPerStep).padStart(18)} ` +
            `${(kind === 'online' ? (100 * row.drawingShare).toFixed(0) + '%' : '—').padStart(14)} ${(row.multiplyAddsPerSecond / 1e9).toFixed(2).padStart(12)} G/s`,
        );
        rows.push(row);
      }
  return { draws, rows };
}
