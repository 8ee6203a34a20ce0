// The public face: createSimulator({ engine }) → { run, loss, gradients }.
import type {
  CnnGradients,
  CnnState,
  EngineName,
  RunConfig,
  RunResult,
  ResNetGradients,
  ResNetState,
  State,
  Gradients,
  TrajectorySample,
  WideRunConfig,
  WideRunResult,
} from './types.js';
import { OUTCOME_NAMES, SAMPLE_WIDTH, SAMPLED_SAMPLE_WIDTH, type Engine, type Problem, type RawResult } from './problem.js';
import { checkProblems, toProblem, toStatePoint, widthOf } from './config.js';
import { WIDE_SAMPLE_WIDTH, WIDE_SAMPLED_SAMPLE_WIDTH } from './layout.js';
import { ENGINES, ENGINE_NAMES } from './engines.js';
import { makeEngine } from './kernelFaces.js';
import { loadWasmMemory } from './wasm/memory.js';
import { checkOptions, oneOf, rule } from './experiments/options.js';

export { ENGINE_NAMES } from './engines.js';

/** What `wasm` may be: the engine's bytes, or where to load them from. */
const isWasmSource = (v: unknown) =>
  typeof v === 'string' || ArrayBuffer.isView(v) || ['ArrayBuffer', 'URL'].includes(Object.prototype.toString.call(v).slice(8, -1));

/** Checks createSimulator's options (refusing unknown ones). Throws ConfigError. */
export function checkSimulatorOptions(options: unknown): SimulatorOptions {
  return checkOptions<SimulatorOptions>(
    'createSimulator',
    {
      engine: { check: oneOf(ENGINE_NAMES) },
      wasm: { check: rule('the engine as bytes (an ArrayBuffer or a typed array), a URL or a path', isWasmSource) },
    },
    options,
  );
}

/** The options of createSimulator, each optional. */
export interface SimulatorOptions {
  /**
   * 'wasm' (default): the SIMD WebAssembly engine; 'js': its pure-JS twin; 'reduced': the exact
   * reduced-dimension engine of SPEC §7 in WebAssembly (O(1) per step; the vector engine's loss/gradients),
   * for online data the reduced SGD engine of SPEC §8 (exact in distribution, O(B·k) per step), and for wide
   * students the wide kernel in the coordinates of SPEC §9's invariant subspaces (O(r(r + r*)²) per step);
   * 'reduced-js': its pure-JS twin. What each runs: src/engines.ts.
   */
  engine?: EngineName;
  /** Where to load the .wasm from (browsers: a URL; default: the file next to the package). */
  wasm?: BufferSource | URL | string;
}

/** An engine behind checked entry points: runs, losses and gradients (from createSimulator). */
export interface Simulator {
  readonly engine: EngineName;
  /** Runs gradient descent to its outcome. Throws ConfigError on bad input. */
  run(config: RunConfig): RunResult;
  /** A wide student (SPEC §9): matrices written as lists of rows; the result has r rows. */
  run(config: WideRunConfig): WideRunResult;
  /** The population loss L at a state. */
  loss(state: State): number;
  /** ∇_a L and ∇_v L at a ResNet's state. Throws ConfigError on bad input. */
  gradients(state: ResNetState): ResNetGradients;
  /** ∇_a L and ∇_w L at a CNN's state. Throws ConfigError on bad input. */
  gradients(state: CnnState): CnnGradients;
  /** ∇_a L and the first-layer gradient (v for the ResNet, w for the CNN), for a state whose model is known only at run time. */
  gradients(state: State): Gradients;
  /**
   * Runs numeric Problems (from toProblem; the experiments' fast path, see config.problemFromValid);
   * the 'reduced' engine advances several runs at once. Throws ConfigError for a malformed Problem.
   */
  runProblems(problems: Problem[]): RawResult[];
  /** runProblems without final vectors and samples: [outcome, iterations, φ, L] per problem (problem.SUMMARY_WIDTH). */
  runSummaries(problems: Problem[]): Float64Array;
}

/**
 * The engine itself, which trusts its Problems (the experiment workers build theirs from a
 * validated cell); everything else goes through createSimulator, which checks them.
 */
export async function createEngine(options: SimulatorOptions = {}): Promise<Engine> {
  const o = checkSimulatorOptions(options);
  const name = o.engine ?? 'wasm';
  return makeEngine(name, ENGINES[name].wasm ? await loadWasmMemory(o.wasm) : undefined);
}

/**
 * Loads an engine (default 'wasm': engine.wasm beside the package, or `options.wasm`) and returns a
 * Simulator on it. Rejects with ConfigError for bad options (an unknown engine or option), and with
 * an Error naming each difference when the .wasm is not the one this code was built with.
 */
export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const o = checkSimulatorOptions(options);
  const name = o.engine ?? 'wasm';
  const engine = await createEngine(o);
  function run(config: RunConfig): RunResult;
  function run(config: WideRunConfig): WideRunResult;
  function run(config: RunConfig | WideRunConfig): RunResult | WideRunResult {
    const problem = toProblem(config, name),
      raw = engine.run(problem);
    if (!widthOf(config).rowForm) return toRunResult(raw);
    if (raw.wide) return toWideRunResult(raw, problem);
    // r = r* = 1 written as rows: the run of §3–§5, its result in the wide form
    const g = engine.lossAndGradients({ p: problem.p, k: problem.k, x: raw.x, a: raw.a, wStar: problem.wStar, aStar: problem.aStar });
    return oneFilterAsWide(toRunResult(raw), Math.sqrt(sumSq(g.gradA) + sumSq(g.gradX)));
  }
  function gradients(state: ResNetState): ResNetGradients;
  function gradients(state: CnnState): CnnGradients;
  function gradients(state: State): Gradients;
  function gradients(state: State): Gradients {
    const g = engine.lossAndGradients(toStatePoint(state));
    const first = Array.from(g.gradX);
    return state.model === 'cnn' ? { a: Array.from(g.gradA), w: first } : { a: Array.from(g.gradA), v: first };
  }
  return {
    engine: name,
    run,
    runProblems: (problems) => {
      checkProblems(problems, name);
      return engine.runMany(problems);
    },
    runSummaries: (problems) => {
      checkProblems(problems, name);
      return engine.runSummaries(problems);
    },
    loss: (state) => engine.lossAndGradients(toStatePoint(state)).loss,
    gradients,
  };
}

function sumSq(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/** The rows of a flat matrix of n columns. */
function rowsOfFlat(flat: Float64Array, n: number): number[][] {
  return Array.from({ length: flat.length / n }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
}

/**
 * The result contract of a wide run: r rows of a and of w̄ = x/‖x‖, each filter's angle, the samples; on sampled
 * data also the batch loss and (a fixed training set) the training loss, in the result and its samples.
 */
export function toWideRunResult(r: RawResult, pr: Pick<Problem, 'p' | 'k'>): WideRunResult {
  const wide = r.wide!,
    sampled = r.batchLoss !== undefined,
    fixed = sampled && !Number.isNaN(r.trainLoss),
    width = (sampled ? WIDE_SAMPLED_SAMPLE_WIDTH : WIDE_SAMPLE_WIDTH) + wide.r;
  const result: WideRunResult = {
    outcome: OUTCOME_NAMES[r.outcome],
    iterations: r.iterations,
    phi: r.phi,
    loss: r.loss,
    ...(sampled ? { batchLoss: r.batchLoss } : {}),
    ...(fixed ? { trainLoss: r.trainLoss } : {}),
    gradNorm: wide.gradNorm,
    a: rowsOfFlat(r.a, pr.k),
    w: rowsOfFlat(r.x, pr.p).map((x) => {
      const n = Math.sqrt(sumSq(x));
      return x.map((xi) => xi / n);
    }),
    angles: Array.from(wide.angles),
  };
  if (r.trajectory.length > 0) {
    result.trajectory = rowsOfFlat(r.trajectory, width).map((row) => {
      if (!sampled) {
        const [t, loss, gradNorm, ...angles] = row;
        return { t, loss, gradNorm, angles };
      }
      const [t, loss, gradNorm, batchLoss, trainLoss, ...angles] = row;
      return { t, loss, gradNorm, batchLoss, ...(fixed ? { trainLoss } : {}), angles };
    });
  }
  return result;
}

/** A one-filter result in the wide form (SPEC §9 at r = r* = 1): one row each, its samples §3's with angles [φ]. */
function oneFilterAsWide(r: RunResult, gradNorm: number): WideRunResult {
  const result: WideRunResult = {
    outcome: r.outcome,
    iterations: r.iterations,
    phi: r.phi,
    loss: r.loss,
    ...(r.batchLoss !== undefined ? { batchLoss: r.batchLoss } : {}),
    ...(r.trainLoss !== undefined ? { trainLoss: r.trainLoss } : {}),
    gradNorm,
    a: [r.a],
    w: [r.w],
    angles: [r.phi],
  };
  if (r.trajectory) result.trajectory = r.trajectory.map((s) => ({ ...s, angles: [s.phi] }));
  return result;
}

/** The result contract: final direction w̄ = x/‖x‖ and the samples as objects (sampled runs: with the batch and training losses). */
export function toRunResult(r: RawResult): RunResult {
  const sampled = r.batchLoss !== undefined,
    fixed = r.trainLoss !== undefined && !Number.isNaN(r.trainLoss);
  const result: RunResult = {
    outcome: OUTCOME_NAMES[r.outcome],
    iterations: r.iterations,
    phi: r.phi,
    loss: r.loss,
    ...(sampled ? { batchLoss: r.batchLoss } : {}),
    ...(fixed ? { trainLoss: r.trainLoss } : {}),
    a: Array.from(r.a),
    w: Array.from(r.x, (xi) => xi / r.norm),
  };
  if (r.trajectory.length > 0) result.trajectory = samples(r.trajectory, sampled, fixed);
  return result;
}

function samples(flat: Float64Array, sampled: boolean, fixed: boolean): TrajectorySample[] {
  const out: TrajectorySample[] = [];
  const width = sampled ? SAMPLED_SAMPLE_WIDTH : SAMPLE_WIDTH;
  for (let i = 0; i < flat.length; i += width) {
    const [t, phi, loss, aDotAStar, errA, errW, batchLoss, trainLoss] = flat.subarray(i, i + width);
    const sample: TrajectorySample = { t, phi, loss, aDotAStar, errA, errW };
    if (sampled) sample.batchLoss = batchLoss;
    if (fixed) sample.trainLoss = trainLoss;
    out.push(sample);
  }
  return out;
}
