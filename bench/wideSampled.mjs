// A wide SGD step (SPEC §9's student on §8's data) at k = p = 100, r = 4 filters against a teacher of one, B = 16
// online samples a step: the SIMD kernel (engine 'wasm', assembly/wide/sampled.ts) against its bit-identical JS twin
// (engine 'js'). A step is timed as (run of T steps − run of 0 steps)/T in CPU time, the fastest of `repeat`;
// lossTol 0 and a trapLoss above any loss keep every run going for exactly T steps. Both must give the same bits
// (checked on the timed run's final state).
import { toProblem } from '../dist/config.js';
import { makeEngine } from '../dist/kernelFaces.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';
import { wideTrialConfig } from '../dist/presets.js';
import { measure } from './sampled.mjs';

/** The benchmark's run: trial 0 of the ResNet at k = p, r filters, constant steps of 0.001 (a step's cost does not depend on its size). */
export function wideSampledProblem(k, r, batch, steps) {
  const config = wideTrialConfig({
    k,
    method: 'resnet-constant',
    trial: 0,
    width: r,
    schedule: { kind: 'constant', etaA: 0.001, etaV: 0.001 },
  });
  return toProblem({ ...config, maxIter: steps, lossTol: 0, trapLoss: 1e300, data: { kind: 'online', batch, seed: 1 } });
}

export async function benchWideSampled({ k = 100, r = 4, batch = 16, steps = 300, repeat = 5, log }) {
  const mem = await loadWasmMemory();
  const engines = { wasm: makeEngine('wasm', mem), js: makeEngine('js', mem) };
  const perStep = {};
  for (const [name, engine] of Object.entries(engines)) {
    const T = name === 'js' ? Math.max(2, Math.round(steps / 3)) : steps;
    const long = wideSampledProblem(k, r, batch, T),
      none = wideSampledProblem(k, r, batch, 0);
    if (engine.run(long).iterations !== T) throw new Error(`${name}: did not take ${T} steps`);
    perStep[name] = ((measure(() => engine.run(long), repeat) - measure(() => engine.run(none), repeat)) / T) * 1e6;
  }
  const check = wideSampledProblem(k, r, batch, 20);
  const [a, b] = [engines.wasm.run(check), engines.js.run(check)];
  if (a.loss !== b.loss || a.x.some((v, i) => v !== b.x[i])) throw new Error('the wide sampled kernel and its twin disagree');
  const ratio = perStep.js / perStep.wasm;
  // multiply-adds per step: forward r + 1 dot products per patch (filters and teacher), backward about r/2 axpys (σ' = 1 on half)
  const madds = batch * k * k * (r + 1 + r / 2);
  log(
    `k = p = ${k}, r = ${r}, r* = 1, B = ${batch} online: wasm ${perStep.wasm.toFixed(0)} µs/step, twin ${perStep.js.toFixed(0)} µs/step: ` +
      `the kernel is ${ratio.toFixed(1)}× faster (${((madds / perStep.wasm) * 1e-3).toFixed(2)} G multiply-adds/s, draws included; same bits)`,
  );
  return { k, p: k, r, rStar: 1, batch, steps, usPerStep: perStep, ratio };
}
