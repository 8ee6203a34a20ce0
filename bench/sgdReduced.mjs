// The reduced SGD engine against the full sampled engine `wasm` (SPEC §8, online data): ns per step
// against B and k (p = k). A step is timed as (run of T steps − run of 0 steps)/T (set-up left out),
// the fastest of `repeat`; tol 0 and trapPhi π keep every run going for exactly T steps.
// The full engine draws B·k·p normals per step, the reduced one 2·B·k and a χ²: the ratio grows like p/2.
import { makeEngine } from '../dist/kernelFaces.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';
import { drawRates, problem } from './sampled.mjs';

function measure(fn, repeat) {
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

export async function benchSgdReduced({ ks = [16, 36, 100], batches = [1, 4, 16, 64], repeat = 5, log }) {
  const mem = await loadWasmMemory();
  const full = makeEngine('wasm', mem),
    reduced = makeEngine('reduced', mem);
  const engines = { wasm: (pr) => full.run(pr), reduced: (pr) => reduced.runSummaries([pr]) };
  const draws = (await drawRates(repeat)).wasm;
  log(`Gaussian draws alone: ${(1e9 / draws).toFixed(1)} ns each; "drawing" is the share of a reduced step they take (2·B·k draws)`);
  log('k=p     B   wasm ns/step   reduced ns/step   wasm/reduced   (wasm/reduced)/p   drawing');
  const rows = [];
  for (const k of ks)
    for (const B of batches) {
      const row = { k, p: k, batch: B, nsPerStep: {} };
      for (const [name, run] of Object.entries(engines)) {
        const perStep = name === 'wasm' ? B * k * k : 2 * B * k; // normals drawn per step
        const T = Math.max(3, Math.round(2e6 / perStep));
        const online = { kind: 'online', batch: B, seed: 1 },
          long = problem(k, online, T),
          none = problem(k, online, 0);
        row.nsPerStep[name] = ((measure(() => run(long), repeat) - measure(() => run(none), repeat)) / T) * 1e9;
      }
      row.ratio = row.nsPerStep.wasm / row.nsPerStep.reduced;
      row.drawingShare = (2 * B * k) / draws / (row.nsPerStep.reduced * 1e-9);
      log(
        `${String(k).padStart(3)} ${String(B).padStart(5)} ${row.nsPerStep.wasm.toFixed(0).padStart(14)} ` +
          `${row.nsPerStep.reduced.toFixed(0).padStart(17)} ${(row.ratio.toFixed(1) + '×').padStart(14)} ${(row.ratio / k).toFixed(2).padStart(18)} ${(100 * row.drawingShare).toFixed(0).padStart(8)}%`,
      );
      rows.push(row);
    }
  return { nsPerDraw: 1e9 / draws, rows };
}
