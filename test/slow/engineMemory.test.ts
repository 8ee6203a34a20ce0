// Engine memory: every size is counted as a JS number (never wrapped at 2^32), a run that cannot
// fit is refused before any work with its size and the limit, and the largest accepted run runs.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { ConfigError, parseRunConfig, toProblem } from '../../src/config.js';
import { runArenaValues } from '../../src/engineMemory.js';
import { ENGINE_NAMES, kernelOf, type KernelName } from '../../src/engines.js';
import { MAX_ALLOC_BYTES } from '../../src/layout.js';
import { createSimulator } from '../../src/simulator.js';
import { EngineMemoryError, loadWasmMemory, type WasmMemory } from '../../src/wasm/memory.js';
import { parseSweepConfig } from '../../src/experiments/core/sweepConfig.js';
import type { EngineName, RunConfig } from '../../src/types.js';

let mem: WasmMemory;
beforeAll(async () => {
  mem = await loadWasmMemory();
});

describe("the kernel's allocator", () => {
  it('refuses a size it cannot satisfy (0) instead of wrapping it', () => {
    for (const bytes of [2 ** 32 + 16, 2 ** 33, MAX_ALLOC_BYTES + 16, 2 ** 53, -16, 1.5, NaN, Infinity]) {
      expect(mem.exports.alloc(bytes), `alloc(${bytes})`).toBe(0);
    }
    const ptr = mem.exports.alloc(64);
    expect(ptr % 16 === 0 && ptr > 0).toBe(true);
    mem.exports.free(ptr);
  });

  it('is reached only through the gateway, which refuses with EngineMemoryError (a ConfigError)', () => {
    for (const length of [2 ** 29 + 2, 2 ** 40, 1.5]) expect(() => mem.alloc(length)).toThrow(EngineMemoryError);
    expect(() => mem.alloc(2 ** 29 + 2)).toThrow(/^engine memory: a block of 4\.00 GiB is more than the 1\.00 GiB/);
    expect(new EngineMemoryError(1)).toBeInstanceOf(ConfigError);
  });
});

/** A CNN run of the given sizes (its vectors are cheap: the large sizes are n, B and the trajectory). */
function sized(k: number, p: number, extra: Partial<RunConfig> = {}): RunConfig {
  return {
    model: 'cnn',
    schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
    maxIter: 1,
    logEvery: 0,
    teacher: { aStar: Array.from({ length: k }, (_, i) => 1 + (i % 3)), wStar: Array.from({ length: p }, (_, i) => Math.cos(i)) },
    init: { a0: Array.from({ length: k }, (_, i) => 0.01 * Math.sin(i)), w0: Array.from({ length: p }, (_, i) => Math.sin(i + 1)) },
    ...extra,
  };
}

/**
 * One size that grows a run's engine memory: its config at value x, the config path the refusal
 * names, and the bytes of its largest array alone (exact, in BigInt: a lower bound of the block).
 */
interface Grower {
  name: string;
  engines: EngineName[];
  path: RegExp;
  at(x: number): RunConfig;
  bytes(x: number): bigint;
  scale: number;
  runs: number;
}
const K = 4,
  P = 8;
/** The engines whose online SGD runs on `kernel`. */
const onlineOn = (kernel: KernelName) => ENGINE_NAMES.filter((engine) => kernelOf(engine, { data: { online: true } }) === kernel);
const GROWERS: Grower[] = [
  {
    name: 'a fixed training set (n·k·p values)',
    engines: ENGINE_NAMES,
    path: /^data\.n: /,
    scale: 8 * K * P,
    runs: 300,
    at: (n) => sized(K, P, { data: { kind: 'fixed', n, batch: 1, seed: 1 } }),
    bytes: (n) => BigInt(n) * BigInt(8 * K * P),
  },
  {
    name: "reduced SGD's normals (B·2k a step)",
    engines: onlineOn('reducedSgd'),
    path: /^data\.batch: /,
    scale: 16 * K,
    runs: 300,
    at: (batch) => sized(K, P, { data: { kind: 'online', batch, seed: 1 } }),
    bytes: (b) => BigInt(b) * BigInt(16 * K),
  },
  // Vectors of up to 131072 entries: fewer runs keep the validation of their configs quick.
  {
    name: 'an online sample (k·p values)',
    engines: onlineOn('sampled'),
    path: /^data: /,
    scale: 8 * 16384,
    runs: 30,
    at: (p) => sized(16384, p, { data: { kind: 'online', batch: 1, seed: 1 } }),
    bytes: (p) => BigInt(p) * BigInt(8 * 16384),
  },
];
// (A trajectory is capped by its own rule, logEvery, far below engine memory.)

/** Sizes whose largest array is within ±64 values of 2^e bytes, e = 30 … 34. */
const nearPowers = (g: Grower) =>
  fc
    .tuple(fc.integer({ min: 30, max: 34 }), fc.integer({ min: -64, max: 64 }))
    .map(([e, d]) => Math.max(1, Math.round(2 ** e / g.scale) + d));

/**
 * The first size at which `accepts` takes a run that cannot fit (its largest array alone is past
 * the limit), or undefined. `count` is the engine's size of the run in f64 values.
 */
function wrongAnswer(g: Grower, count: (c: RunConfig) => number): number | undefined {
  const r = fc.check(
    fc.property(nearPowers(g), (x) => {
      const accepted = count(g.at(x)) * 8 <= MAX_ALLOC_BYTES;
      return !accepted || g.bytes(x) <= BigInt(MAX_ALLOC_BYTES);
    }),
    { numRuns: g.runs, seed: 7 },
  );
  return r.failed ? (r.counterexample![0] as number) : undefined;
}

/** The engine's own count of a config's block, through the validator's shape. */
function engineValues(c: RunConfig, engine: EngineName): number {
  try {
    parseRunConfig(c, engine);
  } catch (e) {
    if (e instanceof ConfigError) return Infinity;
    throw e;
  }
  return runArenaValues(shapeOf(c), engine);
}

function shapeOf(c: RunConfig) {
  const d = c.data,
    n = d?.kind === 'fixed' ? d.n : 0;
  return {
    p: c.teacher.wStar.length,
    k: c.teacher.aStar.length,
    maxIter: c.maxIter!,
    logEvery: c.logEvery!,
    wStar: c.teacher.wStar,
    aStar: c.teacher.aStar,
    aBar: c.teacher.aStar,
    stages: [0],
    data: d && { online: d.kind === 'online', batch: d.batch ?? n, n, labelNoise: d.labelNoise ?? 0 },
  };
}

describe('sizes near every power of two from 2^30 to 2^34 bytes', () => {
  for (const g of GROWERS)
    for (const engine of g.engines) {
      it(`are refused or fit, never wrapped: ${g.name} on ${engine}`, () => {
        expect(wrongAnswer(g, (c) => engineValues(c, engine))).toBeUndefined();
        // The same property catches a count in 32-bit arithmetic, which is how sizes used to wrap.
        expect(wrongAnswer(g, (c) => ((runArenaValues(shapeOf(c), engine) * 8) % 2 ** 32) / 8)).toBeDefined();
        // A refusal is one line naming the field, the size and the limit.
        const x = Math.round(2 ** 33 / g.scale);
        expect(() => parseRunConfig(g.at(x), engine)).toThrow(ConfigError);
        try {
          parseRunConfig(g.at(x), engine);
        } catch (e) {
          expect((e as ConfigError).issues).toHaveLength(1);
          expect((e as ConfigError).issues[0]).toMatch(g.path);
          expect((e as ConfigError).issues[0]).toMatch(/needs \d.* GiB of engine memory .*; at most 1\.00 GiB fits \(/);
        }
      });
    }

  it('are refused by the simulator before any work, on every engine', async () => {
    for (const engine of ENGINE_NAMES) {
      const sim = await createSimulator({ engine });
      expect(() => sim.run(GROWERS[0].at(2 ** 24))).toThrow(/^data\.n: a training set of 16777216 samples/);
      const [big, path] = onlineOn('reducedSgd').includes(engine)
        ? [GROWERS[1].at(2 ** 28), /^data\.batch: a batch of 268435456 samples/]
        : [GROWERS[2].at(2 ** 15), /^data: an online sample of k·p = 536870912 values needs 4\.00 GiB/];
      expect(() => sim.run(big)).toThrow(path);
      expect(() => sim.runProblems([toProblem(sized(K, P)), toProblem(big)])).toThrow(
        new RegExp(`^problems\\[1\\]\\.${path.source.slice(1)}`),
      );
    }
  });

  it('are refused by sweeps at the (k, p) where they do not fit, with the largest batch that does', () => {
    expect(() => parseSweepConfig({ trials: 1, grid: { k: [16, 64], batch: [2 ** 21] } })).toThrow(
      /^grid\.batch: at k = 64, p = 64: a batch of 2097152 samples at k = 64 needs 2\.00 GiB .*batch ≤ 1048572 here\)$/,
    );
    expect(() => parseSweepConfig({ trials: 1, grid: { k: [16], batch: [4], n: [2 ** 20] } }, 'wasm')).toThrow(
      /^grid\.n: at k = 16, p = 16: a training set of 1048576 samples .*n ≤ 521232 at this k and p/,
    );
    expect(parseSweepConfig({ trials: 1, grid: { k: [16], batch: [2 ** 21] } }).grid.batch).toStrictEqual([2 ** 21]);
  });
});

describe('the largest accepted run', () => {
  /** The largest x the validator accepts: the one just past it is refused. */
  function largest(g: Grower, engine: EngineName): number {
    let lo = 1,
      hi = 2 ** 31;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (engineValues(g.at(mid), engine) === Infinity) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  it('runs: a fixed training set of 1 GiB on the full engine, and the largest reduced SGD batch', async () => {
    for (const [g, engine] of [
      [GROWERS[0], 'wasm'],
      [GROWERS[1], 'reduced'],
    ] as [Grower, EngineName][]) {
      const x = largest(g, engine);
      expect(runArenaValues(shapeOf(g.at(x)), engine) * 8).toBeGreaterThan(MAX_ALLOC_BYTES - 4096);
      const r = (await createSimulator({ engine })).run(g.at(x));
      expect(r.iterations, `${g.name} at ${x}`).toBe(1);
      expect(r.w.every(Number.isFinite) && r.a.every(Number.isFinite) && Number.isFinite(r.loss)).toBe(true);
    }
  }, 120_000);
});
