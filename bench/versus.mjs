// `node bench/versus.mjs OTHER [ROUNDS]`: this checkout against another one, built (npm run build there), in turns
// within one run, so a busy minute slows both: the SIMD lanes' normals per second, a full sampled step at
// k = p = 100, B = 16 (engine wasm) and reduced SGD steps (engine reduced). A step is (run of T steps − run of
// 0)/T; every figure is the fastest CPU time of 5 calls, and each ratio the median of ROUNDS (default 5)
// rounds' ratios. Prints a table and writes bench/results/<time>-versus.json.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../dist/io.js';
import { measure } from './sampled.mjs';

const [other, rounds = '5'] = process.argv.slice(2);
if (!other) {
  process.stderr.write('versus: name the other checkout: node bench/versus.mjs OTHER [ROUNDS]\n');
  process.exit(2);
}

/** A built checkout's contenders, from its own modules and binaries. */
async function checkout(root) {
  const from = (path) => import(pathToFileURL(resolve(root, path)).href);
  const { loadWasmMemory, ENGINE_CONTRACT } = await from('dist/wasm/memory.js');
  const { NORMAL_LANES_BYTES } = await from('dist/layout.js');
  const { makeEngine } = await from('dist/kernelFaces.js');
  const { problem } = await from('bench/sampled.mjs');
  const test = await loadWasmMemory(pathToFileURL(resolve(root, 'build/engine.test.wasm')), {
    functions: { ...ENGINE_CONTRACT.functions, normalLanesStart: 6, normalLanesFill: 3 },
    constants: ENGINE_CONTRACT.constants,
  });
  const n = 100_000,
    state = test.alloc(Math.ceil(NORMAL_LANES_BYTES / 8)),
    out = test.alloc(n);
  test.exports.normalLanesStart(state.ptr, 1, 0, 0, 0, 1);
  const mem = await loadWasmMemory(pathToFileURL(resolve(root, 'build/engine.wasm')));
  const engines = { wasm: makeEngine('wasm', mem), reduced: makeEngine('reduced', mem) };
  const step = (engine, k, B, T) => {
    const data = { kind: 'online', batch: B, seed: 1 },
      run = (pr) => (engine === 'wasm' ? engines.wasm.run(pr) : engines.reduced.runSummaries([pr]));
    const long = problem(k, data, T),
      none = problem(k, data, 0);
    return (measure(() => run(long), 5) - measure(() => run(none), 5)) / T;
  };
  return {
    normalsPerSecond: () =>
      (10 * n) /
      measure(() => {
        for (let i = 0; i < 10; i++) test.exports.normalLanesFill(state.ptr, out.ptr, n);
      }, 5),
    step,
  };
}

const here = await checkout(new URL('..', import.meta.url).pathname),
  there = await checkout(other);
const cases = [
  { name: 'normals per second (M)', unit: 1e-6, higherIsFaster: true, of: (c) => c.normalsPerSecond() },
  { name: 'full step k=p=100 B=16 (µs)', unit: 1e6, of: (c) => c.step('wasm', 100, 16, 20) },
];
for (const [k, B] of [
  [16, 1],
  [16, 4],
  [16, 16],
  [16, 64],
  [36, 16],
  [100, 1],
  [100, 4],
  [100, 16],
  [100, 64],
])
  cases.push({
    name: `reduced step k=p=${k} B=${B} (ns)`,
    unit: 1e9,
    of: (c) => c.step('reduced', k, B, Math.max(200, Math.round(3e5 / (B * k)))),
  });
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
console.log(`this checkout against ${other}, ${rounds} rounds in turns (CPU time)`);
console.log(`${'what'.padEnd(32)}${'other'.padStart(11)}${'this'.padStart(11)}   speed-up`);
const rows = [];
for (const { name, unit, higherIsFaster, of } of cases) {
  const a = [],
    b = [];
  for (let r = 0; r < Number(rounds); r++) {
    a.push(of(there) * unit);
    b.push(of(here) * unit);
  }
  const ratios = a.map((x, i) => (higherIsFaster ? b[i] / x : x / b[i]));
  const row = { name, other: median(a), this: median(b), speedUp: median(ratios), ratios };
  rows.push(row);
  console.log(
    `${name.padEnd(32)}${row.other.toPrecision(4).padStart(11)}${row.this.toPrecision(4).padStart(11)}   ${row.speedUp.toFixed(2)}×`,
  );
}
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`${new Date().toISOString().replace(/[:.]/g, '-')}-versus.json`, dir);
writeFileAtomic(file.pathname, `${JSON.stringify({ other, rounds: Number(rounds), rows }, null, 2)}\n`);
console.log(`written: bench/results/${file.pathname.split('/').pop()}`);
