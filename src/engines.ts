// The engines, by name, and what each runs. A run belongs to one family (population GD, online SGD,
// SGD on a fixed training set, a wide student, a wide student on sampled data); each engine names the kernel that runs each family, or refuses the
// family and names the engine that takes it instead. A kernel is one run loop in engine.wasm
// (assembly/) and its pure-JS twin (src/twin/), the same bits; src/kernelFaces.ts holds their faces,
// this table the arena each lays out in engine memory. A new engine is one entry of ENGINES; a new
// family is one more field per entry, a case of familyOf, and its kernels. Pure data: browser-safe,
// read by the validators and the experiments core without loading any kernel.
import type { EngineName } from './types.js';
import {
  populationLayout,
  reducedSampledLayout,
  reducedWideShape,
  sampledLayout,
  wideLayout,
  wideSampledLayout,
  type RunShape,
} from './wasm/layouts.js';

/** A kernel's size in engine memory: the f64 values one run's arena takes (src/wasm/layouts.ts). */
export interface KernelLayout {
  arenaValues(run: RunShape): number;
}

export const KERNELS = {
  /** Population GD on the full vectors (SPEC §3–5), O(k + p) per step. */
  vector: { arenaValues: (run) => populationLayout([run], false).blocks.size },
  /** Population GD in reduced coordinates (SPEC §7), O(1) per step, exact. */
  reduced: { arenaValues: (run) => populationLayout([run], true).blocks.size },
  /** SGD on sampled data, online or a fixed training set (SPEC §8), O(B·k·p) per step. */
  sampled: { arenaValues: (run) => sampledLayout(run).blocks.size },
  /** Online SGD in reduced coordinates (SPEC §8), O(B·k) per step, exact in distribution. */
  reducedSgd: { arenaValues: (run) => reducedSampledLayout([run]).blocks.size },
  /** Population GD of a wide student, r filters against r* (SPEC §9), O(r(r + r*)p + r²k) per step. */
  wide: { arenaValues: (run) => wideLayout(run).blocks.size },
  /** The wide kernel in the coordinates of SPEC §9's invariant subspaces, O(r(r + r*)²) per step after the set-up. */
  reducedWide: { arenaValues: (run) => wideLayout(reducedWideShape(run)).blocks.size },
  /** SGD for a wide student on sampled data, online or a fixed training set (SPEC §9 on §8), O(B·k·p·(r + r*)) per step. */
  wideSampled: { arenaValues: (run) => wideSampledLayout(run).blocks.size },
} satisfies Record<string, KernelLayout>;

export type KernelName = keyof typeof KERNELS;
/** The kernels of population GD, and of SGD on sampled data. */
export type PopulationKernel = 'vector' | 'reduced';
export type SampledKernel = Exclude<KernelName, PopulationKernel | WideKernel | WideSampledKernel>;
/** The kernels of wide students: population GD, and SGD on sampled data. */
export type WideKernel = 'wide' | 'reducedWide';
export type WideSampledKernel = 'wideSampled';

/** A family an engine does not run: why (after "engine 'NAME' "), and the engine experiments run it on instead. */
export interface Refusal {
  refuses: string;
  instead: EngineName;
}

export interface EngineEntry {
  /** One line for --engine's help and the docs. */
  about: string;
  /** Runs the kernels' engine.wasm faces; false: their JS twins (no WebAssembly needed). */
  wasm: boolean;
  /** The engine this one must agree with bit for bit (the twins name their WASM engine). */
  twinOf?: EngineName;
  population: PopulationKernel;
  online: SampledKernel | Refusal;
  fixed: SampledKernel | Refusal;
  wide: WideKernel | Refusal;
  wideSampled: WideSampledKernel | Refusal;
}

/**
 * The families of runs: population GD, online SGD, SGD on a fixed training set, wide students, and wide students
 * on sampled data (online or fixed); familyOf tells them apart.
 */
export const FAMILIES = ['population', 'online', 'fixed', 'wide', 'wideSampled'] as const;
export type Family = (typeof FAMILIES)[number];

const NO_REDUCTION = 'runs online SGD only (fresh samples every step, exact in distribution); a fixed training set has no reduction';
const NO_WIDE_REDUCTION = 'has no reduction for wide students on sampled data (SPEC §9 on §8: none is claimed)';

export const ENGINES: Readonly<Record<EngineName, EngineEntry>> = {
  wasm: {
    about: 'the SIMD WebAssembly engine',
    wasm: true,
    population: 'vector',
    online: 'sampled',
    fixed: 'sampled',
    wide: 'wide',
    wideSampled: 'wideSampled',
  },
  js: {
    about: "the pure-JS twin of 'wasm'",
    wasm: false,
    twinOf: 'wasm',
    population: 'vector',
    online: 'sampled',
    fixed: 'sampled',
    wide: 'wide',
    wideSampled: 'wideSampled',
  },
  reduced: {
    about: 'exact reduced coordinates in WebAssembly: O(1) per GD step, O(B·k) per online SGD step, O(r(r + r*)²) per wide step',
    wasm: true,
    population: 'reduced',
    online: 'reducedSgd',
    fixed: { refuses: NO_REDUCTION, instead: 'wasm' },
    wide: 'reducedWide',
    wideSampled: { refuses: NO_WIDE_REDUCTION, instead: 'wasm' },
  },
  'reduced-js': {
    about: "the pure-JS twin of 'reduced'",
    wasm: false,
    twinOf: 'reduced',
    population: 'reduced',
    online: 'reducedSgd',
    fixed: { refuses: NO_REDUCTION, instead: 'js' },
    wide: 'reducedWide',
    wideSampled: { refuses: NO_WIDE_REDUCTION, instead: 'js' },
  },
};

export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[];

/** The family a run belongs to. */
export function familyOf(run: { data?: { online: boolean }; wide?: unknown }): Family {
  if (run.wide) return run.data ? 'wideSampled' : 'wide';
  return !run.data ? 'population' : run.data.online ? 'online' : 'fixed';
}

export const isRefusal = (face: KernelName | Refusal): face is Refusal => typeof face === 'object';

/** The engine that runs a family for `engine`: itself, or the one it hands a refused family to. */
export function engineFor(engine: EngineName, family: Family): EngineName {
  const face = ENGINES[engine][family];
  return isRefusal(face) ? face.instead : engine;
}

/** The kernel that runs `run` for `engine` (a refused run: on the engine that takes it instead). */
export function kernelOf(engine: EngineName, run: { data?: { online: boolean }; wide?: unknown }): KernelName {
  const family = familyOf(run);
  return ENGINES[engineFor(engine, family)][family] as KernelName;
}

/** Why `engine` does not run a family (one line naming data.kind), or undefined when it does. */
export function refusalOf(engine: EngineName, family: Family): string | undefined {
  const face = ENGINES[engine][family];
  if (!isRefusal(face)) return undefined;
  const takers = ENGINE_NAMES.filter((name) => !isRefusal(ENGINES[name][family])).map((name) => `'${name}'`);
  return `data.kind: engine '${engine}' ${face.refuses}: run it with engine ${takers.join(' or ')}`;
}
