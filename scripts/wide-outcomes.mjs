// Measures the wide outcome rule (SPEC §9, docs/wide.md): every run the rule calls spurious at step t is
// continued for 20·t more steps without the rule; it must still be far from global (L ≥ L_t/2 and L > 1e-4).
// Usage: node scripts/wide-outcomes.mjs [trials per cell] [gradTol] [gradWindow] [maxIter]   (after npm run build)
import { presets, toProblem } from '../dist/index.js';
import { loadWasmMemory } from '../dist/wasm/memory.js';
import { wasmWideKernel } from '../dist/wasm/wide.js';
import { wideEngineOf } from '../dist/twin/wide/index.js';

const [trials, gradTol, gradWindow, maxIter] = [20, 1e-6, 100, 5000].map((d, i) => Number(process.argv[2 + i] ?? d));
const engine = wideEngineOf(wasmWideKernel(await loadWasmMemory()));
const NEVER = { lossTol: -Infinity, gradTol: -1, gradWindow: 1 };
/** The schedule from step t on. */
const shifted = (stages, t) => stages.map((v, i) => (i % 3 === 0 ? Math.max(v - t, 1) : v));
const counts = {};
let runs = 0,
  spurious = 0,
  wrong = 0;
for (const k of [16, 36, 100])
  for (const method of presets.METHODS)
    for (const [width, teacherWidth] of [
      [2, 1],
      [4, 1],
      [2, 2],
      [3, 2],
      [4, 2],
    ]) {
      const cell = `k=${k} ${method} r=${width} r*=${teacherWidth}`;
      const c = { global: 0, spurious: 0, unconverged: 0, diverged: 0 };
      for (let trial = 0; trial < trials; trial++) {
        const pr = toProblem({ ...presets.wideTrialConfig({ k, method, trial, width, teacherWidth }), gradTol, gradWindow, maxIter });
        const res = engine.run(pr);
        runs++;
        c[['global', 'spurious', 'unconverged', 'diverged'][res.outcome]]++;
        if (res.outcome !== 1) continue;
        spurious++;
        const t = res.iterations,
          more = engine.run({
            ...pr,
            x0: res.x,
            a0: res.a,
            stages: shifted(pr.stages, t),
            maxIter: 20 * t,
            wide: { ...pr.wide, ...NEVER },
          });
        const far = more.loss >= res.loss / 2 && more.loss > 1e-4;
        if (!far) wrong++;
        console.log(
          `  spurious ${cell} trial ${trial}: t = ${t}, L = ${res.loss.toPrecision(4)}, after ${20 * t} more steps L = ${more.loss.toPrecision(4)}${far ? '' : '  <- NOT far from global'}`,
        );
      }
      counts[cell] = c;
      console.log(cell, JSON.stringify(c));
    }
console.log(
  `gradTol ${gradTol}, gradWindow ${gradWindow}, maxIter ${maxIter}: ${runs} runs, ${spurious} called spurious, ${wrong} of them not far from global after 20·t more steps`,
);
