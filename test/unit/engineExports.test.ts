// The engine boundary: the binary's layout is checked when it is loaded, and the public batch
// path refuses malformed Problems instead of running them.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkEngineExports, loadWasmMemory, ENGINE_URL, type WasmMemory } from '../../src/wasm/memory.js';
import { ENGINE_CONSTANTS, LAYOUT_VERSION, POPULATION_DESC } from '../../src/layout.js';
import { TEST_ENGINE_CONTRACT, TEST_ENGINE_URL } from '../testEngine.js';
import { createSimulator, type Simulator } from '../../src/simulator.js';
import { ConfigError, toProblem } from '../../src/config.js';
import type { Problem } from '../../src/problem.js';
import { figure5Config } from '../../src/presets.js';
import { ENGINE_NAMES } from '../../src/engines.js';

let mem: WasmMemory;
beforeAll(async () => {
  mem = await loadWasmMemory();
});

/** The real exports with some replaced (undefined: removed). */
function exportsWith(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(mem.exports as unknown as Record<string, unknown>), ...changes };
  for (const [name, v] of Object.entries(changes)) if (v === undefined) delete out[name];
  return out;
}
const i32 = (value: number) => new WebAssembly.Global({ value: 'i32' }, value);

/** checkEngineExports's message on the real exports with these changes (it must refuse them). */
function refused(changes: Record<string, unknown>): string {
  try {
    checkEngineExports(exportsWith(changes));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`accepted ${Object.keys(changes).join(', ')}`);
}

describe('the memory gateway checks the binary it loads', () => {
  it('finds every layout constant of src/layout.ts in build/engine.wasm, with the same value', () => {
    const ex = mem.exports as unknown as Record<string, WebAssembly.Global>;
    for (const [name, value] of Object.entries(ENGINE_CONSTANTS)) expect([name, ex[name]?.value]).toEqual([name, value]);
    expect([ENGINE_CONSTANTS.DESC, ENGINE_CONSTANTS.DESC_TRAP_ANGLE]).toEqual([19, POPULATION_DESC.fields.indexOf('trapAngle')]);
    expect(checkEngineExports(exportsWith({}))).toBeDefined();
  });

  it('refuses another layout version, naming both and the fix', () => {
    expect(() => checkEngineExports(exportsWith({ LAYOUT_VERSION: i32(LAYOUT_VERSION + 1) }))).toThrow(
      `engine.wasm layout v${LAYOUT_VERSION + 1} does not match this package's v${LAYOUT_VERSION}: rebuild with npm run build:wasm`,
    );
    expect(() => checkEngineExports(exportsWith({ LAYOUT_VERSION: undefined }))).toThrow(/has no layout version.*npm run build:wasm/);
  });

  it('refuses a wrong constant, a missing export, an export of the wrong kind and a changed signature', () => {
    expect(refused({ OUT_WIDTH: i32(7) })).toMatch(/OUT_WIDTH: is 7, expected 6; rebuild with npm run build:wasm/);
    expect(refused({ DESC_TOL: i32(12), DESC_TRAP_ANGLE: i32(11) })).toMatch(
      /DESC_TOL: is 12, expected 11; DESC_TRAP_ANGLE: is 11, expected 12/,
    );
    expect(refused({ DIVERGED_A: new WebAssembly.Global({ value: 'f64' }, 1e7) })).toMatch(/DIVERGED_A: is 10000000, expected 1000000/);
    expect(refused({ runVector: undefined })).toMatch(/runVector: missing \(expected a function\)/);
    expect(refused({ SAMPLE_WIDTH: 6 })).toMatch(/SAMPLE_WIDTH: missing \(expected a global = 6\)/);
    expect(refused({ memory: {} })).toMatch(/memory: missing/);
    expect(refused({ runReducedMany: (count: number) => count })).toMatch(/runReducedMany: takes 1 parameters, expected 2/);
  });

  it('refuses a one-sided change of any layout number, naming it: result slots, index packing, work areas', () => {
    expect(refused({ OUT_PHI: i32(3), OUT_LOSS: i32(2) })).toMatch(/OUT_PHI: is 3, expected 2; OUT_LOSS: is 2, expected 3/);
    expect(refused({ SAMPLED_OUT_TRAIN_LOSS: i32(6) })).toMatch(/SAMPLED_OUT_TRAIN_LOSS: is 6, expected 7/);
    expect(refused({ SAMPLE_ERR_W: i32(4) })).toMatch(/SAMPLE_ERR_W: is 4, expected 5/);
    expect(refused({ SAMPLED_SAMPLE_BATCH_LOSS: i32(7) })).toMatch(/SAMPLED_SAMPLE_BATCH_LOSS: is 7, expected 6/);
    expect(refused({ PERM_ENTRY_BYTES: i32(8) })).toMatch(/PERM_ENTRY_BYTES: is 8, expected 4/);
    expect(refused({ STREAM_BYTES: i32(32) })).toMatch(/STREAM_BYTES: is 32, expected 16/);
    const ex = mem.exports;
    const wider = (p: number, k: number, online: number) => ex.sampledWorkValues(p, k, online) + k; // one more k-block
    expect(refused({ sampledWorkValues: wider })).toMatch(
      /sampledWorkValues\(1, 1, 0\): is 9, expected 8; sampledWorkValues\(1, 1, 1\): is 10, expected 9/,
    );
    const unpadded = (p: number, k: number, batch: number, noisy: number) => batch * (2 * k + noisy) + k + p;
    expect(refused({ reducedSampledWorkValues: unpadded })).toMatch(/reducedSampledWorkValues\(1, 1, 1, 0\): is 4, expected 5/);
    expect(refused({ sampledWorkValues: undefined })).toMatch(/sampledWorkValues: missing \(expected a function\)/);
  });

  it('ships no test entry points in build/engine.wasm; the test build has them, its codes checked at load', async () => {
    const names = (file: URL) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
    const testOnly = [...Object.keys(TEST_ENGINE_CONTRACT.functions), ...Object.keys(TEST_ENGINE_CONTRACT.constants)].filter(
      (name) => !names(ENGINE_URL).includes(name),
    );
    expect(testOnly.sort()).toEqual([
      'DRAW_BELOW',
      'DRAW_GAMMA',
      'DRAW_NORMAL',
      'DRAW_UNIFORM',
      'DRAW_UNIFORM_OPEN',
      'DRAW_WORDS',
      'ELEMENTARY_COS_KERNEL',
      'ELEMENTARY_EXP',
      'ELEMENTARY_LOG_POSITIVE',
      'ELEMENTARY_SIN_KERNEL',
      'acosEach',
      'boxMullerLanesFill',
      'elementaryEach',
      'normalLanesFill',
      'normalLanesStart',
      'streamDraw',
      'streamSeed',
      'streamWordOf',
      'zigguratTables',
    ]);
    expect(names(TEST_ENGINE_URL)).toEqual(expect.arrayContaining(testOnly));
    const test = await loadWasmMemory(TEST_ENGINE_URL, TEST_ENGINE_CONTRACT);
    const tampered = { ...(test.exports as unknown as Record<string, unknown>), DRAW_GAMMA: i32(5), DRAW_BELOW: i32(4) };
    expect(() => checkEngineExports(tampered, TEST_ENGINE_CONTRACT)).toThrow(/DRAW_GAMMA: is 5, expected 4; DRAW_BELOW: is 4, expected 5/);
    await expect(loadWasmMemory(readFileSync(ENGINE_URL), TEST_ENGINE_CONTRACT)).rejects.toThrow(/acosEach: missing.*DRAW_WORDS: missing/);
  });

  it('refuses a binary without the engine at load time', async () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // a valid, empty module
    await expect(loadWasmMemory(empty)).rejects.toThrow(/has no layout version/);
    await expect(loadWasmMemory(readFileSync(ENGINE_URL))).resolves.toBeDefined();
  });
});

describe('the public batch path checks every Problem', () => {
  const sims: Record<string, Simulator> = {};
  beforeAll(async () => {
    for (const engine of ENGINE_NAMES) sims[engine] = await createSimulator({ engine });
  });
  const good = () => toProblem(figure5Config('resnet-ssw'));

  it('refuses an a0 four entries too long on every engine (it used to run: unconverged on wasm, global on js)', () => {
    const pr = good();
    const bad = { ...pr, a0: Float64Array.from([...pr.a0, 0.1, 0.2, 0.3, 0.4]) };
    for (const sim of Object.values(sims)) {
      for (const run of [sim.runProblems, sim.runSummaries]) {
        expect(() => run([pr, bad])).toThrow(ConfigError);
        expect(() => run([pr, bad])).toThrow('problems[1].a0: must have k = 16 entries (got 20)');
      }
    }
  });

  it('names every malformed field, and accepts what toProblem builds', () => {
    const pr = good();
    const cases: [Partial<Record<keyof Problem, unknown>>, RegExp][] = [
      [{ p: 16.5 }, /\.p: must be a whole number from 1 to 1e9/],
      [{ maxIter: 1.5 }, /\.maxIter: must be a whole number/],
      [{ logEvery: -1 }, /\.logEvery: must be a whole number/],
      [{ maxIter: 1e8, logEvery: 1 }, /\.logEvery: would record more than/],
      [{ x0: new Float64Array(16) }, /\.x0: must not be the zero vector/],
      [{ x0: pr.x0.map((v, i) => (i === 3 ? NaN : v)) }, /\.x0: must hold finite numbers only/],
      [{ wStar: Array.from(pr.wStar) }, /\.wStar: must be a Float64Array of p = 16 numbers/],
      [{ wStar: pr.wStar.map((v) => 2 * v) }, /\.wStar: must be a unit vector/],
      [{ aStar: pr.aStar.map((v) => v + 1) }, /\.aBar: must be the spurious ā of aStar/],
      [{ trapPossible: !pr.trapPossible }, /\.trapPossible: must be āᵀa\* < 0/],
      [{ stages: pr.stages.subarray(0, 4) }, /\.stages: must be a Float64Array of \[until, ηa, ηv, shape, ηa1, ηv1, span, γ\] rows/],
      [
        { stages: Float64Array.from([500, 0.1, 0.001, 0, 0, 0, 0, 0, 400, 0.1, 0.1, 0, 0, 0, 0, 0]) },
        /\.stages\[1\]: until must be .* greater than the row before/,
      ],
      [{ stages: Float64Array.from([Infinity, -0.1, 0.1, 0, 0, 0, 0, 0]) }, /\.stages\[0\]: ηa and ηv must be finite step sizes ≥ 0/],
      [{ stages: Float64Array.from([Infinity, 0.1, 0.1, 4, 0, 0, 0, 0]) }, /\.stages\[0\]: shape must be one of 0, 1, 2, 3/],
      [{ stages: Float64Array.from([Infinity, 0.1, 0.1, 3, 0, 0, 0, 0.5]) }, /\.stages\[0\]: span must be a whole number of steps ≥ 1/],
      [{ stages: Float64Array.from([Infinity, 0.1, 0.1, 2, -1, 0, 10, 0]) }, /\.stages\[0\]: ηa1 and ηv1 must be finite step sizes ≥ 0/],
      [{ tol: Infinity }, /\.tol: must be a finite number ≥ 0/],
      [{ trapRadius: undefined }, /\.trapRadius: must be a finite number ≥ 0/],
    ];
    for (const [change, message] of cases) {
      expect(() => sims.js.runSummaries([{ ...pr, ...change } as Problem]), JSON.stringify(Object.keys(change))).toThrow(message);
    }
    expect(() => sims.wasm.runProblems([null as unknown as Problem])).toThrow('problems[0]: must be a Problem (build it with toProblem)');
    expect(sims.wasm.runProblems([pr])[0].iterations).toBe(sims.wasm.run(figure5Config('resnet-ssw')).iterations);
  });
});
