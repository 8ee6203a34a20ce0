// The public face: createSimulator({ engine }) → { run, loss, gradients }.
import type { EngineName, RunConfig, RunResult, State, Gradients, TrajectorySample } from './types.js';
import { OUTCOME_NAMES, SAMPLE_WIDTH, type Engine, type Problem, type RawResult } from './problem.js';
import { ConfigError, toProblem, toStatePoint } from './config.js';
import { jsEngine } from './twin/index.js';
import { loadWasmMemory } from './wasm/memory.js';
import { wasmEngine } from './wasm/population.js';

export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'js', 'reduced'];

export interface SimulatorOptions {
  /**
   * 'wasm' (default): the SIMD WebAssembly engine; 'js': its pure-JS twin; 'reduced': the exact
   * reduced-dimension engine of SPEC §7 in WebAssembly (O(1) per step; the vector engine's loss/gradients).
   */
  engine?: EngineName;
  /** Where to load the .wasm from (browsers: a URL; default: the file next to the package). */
  wasm?: BufferSource | URL | string;
}

export interface Simulator {
  readonly engine: EngineName;
  /** Runs gradient descent to its outcome. Throws ConfigError on bad input. */
  run(config: RunConfig): RunResult;
  /** The population loss L at a state. */
  loss(state: State): number;
  /** ∇_a L and the first-layer gradient (v for the ResNet, w for the CNN). */
  gradients(state: State): Gradients;
  /**
   * Runs already validated numeric Problems (the experiments' fast path; see config.problemFromValid);
   * the 'reduced' engine advances several runs at once.
   */
  runProblems(problems: Problem[]): RawResult[];
  /** runProblems without final vectors and samples: [outcome, iterations, φ, L] per problem (problem.SUMMARY_WIDTH). */
  runSummaries(problems: Problem[]): Float64Array;
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const name = options.engine ?? 'wasm';
  if (!ENGINE_NAMES.includes(name)) throw new Error(`engine: must be one of ${ENGINE_NAMES.map((e) => `'${e}'`).join(', ')} (got '${String(name)}')`);
  const engine: Engine = name === 'js' ? jsEngine : wasmEngine(await loadWasmMemory(options.wasm), name === 'reduced');
  return {
    engine: name,
    run(config) {
      const problem = toProblem(config);
      if (problem.data) throw new ConfigError(['data: the sampled-data engine is not in this build yet']);
      return toRunResult(engine.run(problem));
    },
    runProblems: (problems) => engine.runMany(problems),
    runSummaries: (problems) => engine.runSummaries(problems),
    loss: (state) => engine.lossAndGradients(toStatePoint(state)).loss,
    gradients(state) {
      const g = engine.lossAndGradients(toStatePoint(state));
      const first = Array.from(g.gradX);
      return state.model === 'cnn' ? { a: Array.from(g.gradA), w: first } : { a: Array.from(g.gradA), v: first };
    },
  };
}

/** The result contract: final direction w̄ = x/‖x‖ and the samples as objects. */
export function toRunResult(r: RawResult): RunResult {
  const result: RunResult = {
    outcome: OUTCOME_NAMES[r.outcome], iterations: r.iterations, phi: r.phi, loss: r.loss,
    a: Array.from(r.a), w: Array.from(r.x, (xi) => xi / r.norm),
  };
  if (r.trajectory.length > 0) result.trajectory = samples(r.trajectory);
  return result;
}

function samples(flat: Float64Array): TrajectorySample[] {
  const out: TrajectorySample[] = [];
  for (let i = 0; i < flat.length; i += SAMPLE_WIDTH) {
    const [t, phi, loss, aDotAStar, errA, errW] = flat.subarray(i, i + SAMPLE_WIDTH);
    out.push({ t, phi, loss, aDotAStar, errA, errW });
  }
  return out;
}
