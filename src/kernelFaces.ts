// The kernels' faces: each kernel of src/engines.ts on engine.wasm and as its pure-JS twin, and
// makeEngine, which puts an engine together from the faces of its kernels.
import { ConfigError } from './config.js';
import {
  ENGINES,
  FAMILIES,
  familyOf,
  isRefusal,
  refusalOf,
  type Family,
  type PopulationKernel,
  type SampledKernel,
  type WideKernel,
  type WideSampledKernel,
} from './engines.js';
import { summariesOf, type Engine, type Problem, type SampledEngine } from './problem.js';
import type { EngineName } from './types.js';
import { jsEngine, reducedJsEngine, reducedSampledJsEngine, sampledJsEngine } from './twin/index.js';
import type { WasmMemory } from './wasm/memory.js';
import { wasmReducedEngine, wasmVectorEngine } from './wasm/population.js';
import { wasmSampledEngine } from './wasm/sampled.js';
import { reducedSampledEngine } from './wasm/sampledReduced.js';
import { wasmWideKernel, wasmWideSampledKernel } from './wasm/wide.js';
import { reducedWideEngineOf, wideEngineOf, wideJsEngine, wideJsKernel, wideSampledJsEngine } from './twin/wide/index.js';

/** A kernel's two faces: on engine.wasm, and its JS twin (the same bits). */
interface Faces<Face> {
  wasm(mem: WasmMemory): Face;
  twin: Face;
}

const FACES: { [K in PopulationKernel]: Faces<Engine> } & { [K in SampledKernel | WideKernel | WideSampledKernel]: Faces<SampledEngine> } =
  {
    vector: { wasm: wasmVectorEngine, twin: jsEngine },
    reduced: { wasm: wasmReducedEngine, twin: reducedJsEngine },
    sampled: { wasm: wasmSampledEngine, twin: sampledJsEngine },
    reducedSgd: { wasm: reducedSampledEngine, twin: reducedSampledJsEngine },
    wide: { wasm: (mem) => wideEngineOf(wasmWideKernel(mem)), twin: wideJsEngine },
    reducedWide: { wasm: (mem) => reducedWideEngineOf(wasmWideKernel(mem)), twin: reducedWideEngineOf(wideJsKernel) },
    wideSampled: { wasm: (mem) => wideEngineOf(wasmWideSampledKernel(mem)), twin: wideSampledJsEngine },
  };

/** A face that refuses every run with the engine's one-line reason. */
const refusing = (reason: string): SampledEngine => ({
  run: () => {
    throw new ConfigError([reason]);
  },
});

/**
 * The engine `name` on `mem` (undefined for the JS engines): each problem goes to its family's face;
 * a batch of one family goes in one go when that face batches (the reduced engines interleave runs).
 */
export function makeEngine(name: EngineName, mem: WasmMemory | undefined): Engine {
  const entry = ENGINES[name];
  const face = <F>(faces: Faces<F>) => (entry.wasm ? faces.wasm(mem!) : faces.twin);
  const familyFace = (family: Family): SampledEngine => {
    const kernel = entry[family];
    return isRefusal(kernel) ? refusing(refusalOf(name, family)!) : face<SampledEngine>(FACES[kernel]);
  };
  const population = face(FACES[entry.population]);
  const faces = Object.fromEntries(FAMILIES.map((family) => [family, familyFace(family)])) as Record<Family, SampledEngine>;
  const run = (pr: Problem) => faces[familyOf(pr)].run(pr);
  /** The face of a batch whose problems are all of one family (an empty batch: the population face). */
  const batchFace = (problems: Problem[]): SampledEngine | undefined => {
    const families = new Set(problems.map(familyOf));
    return families.size === 0 ? population : families.size === 1 ? faces[[...families][0]] : undefined;
  };
  return {
    run,
    runMany: (problems) => batchFace(problems)?.runMany?.(problems) ?? problems.map(run),
    runSummaries: (problems) => batchFace(problems)?.runSummaries?.(problems) ?? summariesOf(problems.map(run)),
    lossAndGradients: population.lossAndGradients,
  };
}
