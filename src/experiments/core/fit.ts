// `fit`: the member of the preset family (presets.FamilyParams) under which a target table of
// success counts is most likely. Each cell's likelihood is that of two independent binomials with
// one rate (the target's n runs and our m simulated ones), profiled over that rate; the fit
// minimises the summed deviance. Every candidate runs the same trials (same seed, same trial
// numbers: common random numbers), so two candidates differ only through their parameters.
// Stages: a quasi-random screen and Nelder–Mead from its best points at a fifth of the trials,
// Nelder–Mead from the best two at all of them, then a quadratic response surface around the best
// point: its curvature gives the profile-likelihood intervals (ΔG² = 3.84) and shows which
// parameter combinations the data leave free.
// The search, the cells of a candidate, the cache's lines, the result, its CSV and text; browser-safe
// (node/fit.ts runs it on the worker pool, with its cache and files).
import { DEFAULT_MAX_ITER, FIT_LIMITS, MAX_COUNT, MAX_DIMENSION, MIN_DIMENSION } from '../../limits.js';
import {
  CONSTANT_NAMES,
  METHODS,
  methodPreset,
  presetConstants,
  type ConstantName,
  type FamilyParams,
  type PresetConstants,
} from '../../presets.js';
import { FORMAT_VERSION } from './aggregate.js';
import type { Cell } from './cell.js';
import {
  chiSquareTail,
  fitQuadratic,
  halton,
  informativePair,
  nelderMead,
  solve,
  symmetricEigen,
  twoBinomialDeviance,
  twoBinomialResidual,
} from './fitMath.js';
import { constantProblems } from './fitSpace.js';
import type { FitTarget } from './fitTarget.js';
import { csv, textTable } from './format.js';

export type FitParamName = ConstantName | `${ConstantName}Power`;

/** A free parameter: its bounds, searched on a log scale when `log`. */
export interface FreeParam {
  name: FitParamName;
  lo: number;
  hi: number;
  log: boolean;
}

/** Default bounds: lengths and scales on a log scale; 1ᵀa* and the k-exponents on a linear one. */
export const FIT_PARAMS: Record<FitParamName, Omit<FreeParam, 'name'>> = {
  vStarNorm: { lo: 0.1, hi: 30, log: true },
  aStarSum: { lo: -20, hi: 20, log: false },
  aStarSpread: { lo: 0.1, hi: 30, log: true },
  radiusScale: { lo: 0.02, hi: 20, log: true },
  vStarNormPower: { lo: -2, hi: 2, log: false },
  aStarSumPower: { lo: -2, hi: 2, log: false },
  aStarSpreadPower: { lo: -2, hi: 2, log: false },
  radiusScalePower: { lo: -2, hi: 2, log: false },
};
export const FIT_PARAM_NAMES = Object.keys(FIT_PARAMS) as FitParamName[];
export const DEFAULT_FREE: FitParamName[] = [...CONSTANT_NAMES];

/** ΔG² of a 95% profile-likelihood interval (χ²₁ quantile). */
const CHI2_95 = 3.841458820694124;

/** What defines a fit: the same values give the same result, bit for bit. */
export interface FitSpec {
  target: FitTarget;
  /** Shown in the outputs: where the target came from. */
  targetFile: string;
  free: FreeParam[];
  /** Start values of the free parameters and values of the others. */
  start: FamilyParams;
  /** Simulated trials per cell in the final stages. */
  trials: number;
  seed: number;
  /** The command line, recorded in fit.json. */
  command?: string;
}

export interface FitCellResult {
  k: number;
  method: string;
  target: { trials: number; successes: number; rate: number };
  fitted: { trials: number; successes: number; rate: number };
  /** (fitted − target rate) in standard errors of the difference (both sides' binomial noise). */
  residual: number;
  deviance: number;
}

export interface ParamEstimate {
  name: FitParamName;
  estimate: number;
  /** 95% profile-likelihood interval of the quadratic surface, clipped to the bounds. */
  interval: [number, number];
  bounds: [number, number];
  /** False when the interval reaches a bound: the data do not pin the parameter down within them. */
  identified: boolean;
  /** The response surface's step along this parameter: a factor on a log scale, a difference on a linear one. */
  surfaceStep: number;
}

export interface FitResult {
  version: number;
  experiment: 'fit';
  command?: string;
  target: { file: string; source?: string };
  seed: number;
  trials: number;
  params: FamilyParams;
  estimates: ParamEstimate[];
  deviance: number;
  pearsonChi2: number;
  /** Cells whose pooled rate is strictly between 0 and 1, minus the free parameters. */
  dof: number;
  pValue: number;
  cells: FitCellResult[];
  /**
   * Eigenvalues (G² per step², flattest first) and unit eigenvectors of the surface's curvature, with
   * each parameter measured in its surfaceStep.
   */
  curvature: { value: number; direction: Partial<Record<FitParamName, number>> }[];
  stages: { name: string; trials: number; evaluations: number; deviance: number }[];
  evaluations: number;
}

/** Successes per target cell under `params`, `trials` trials each (the same trial numbers every time). */
export type Simulate = (params: FamilyParams, trials: number) => Promise<number[]>;

/** What the search reports as it goes: each evaluation of a stage (1, 2, …), and each finished stage. */
export interface FitProgress {
  evaluation?(stage: string, trials: number, evaluations: number, deviance: number, best: number): void;
  stage?(done: FitResult['stages'][number]): void;
}

/** Searches the box by the stages above and returns the result of the best point found. */
export async function fitSearch(o: FitSpec, simulate: Simulate, progress: FitProgress = {}): Promise<FitResult> {
  const P = o.free.length,
    n = o.target.cells;
  const coarse = Math.max(50, Math.round(o.trials / 5));
  const paramsAt = (u: number[]): FamilyParams => {
    const p = { ...o.start };
    o.free.forEach((f, i) => {
      p[f.name] = fromUnit(f, u[i]);
    });
    return p;
  };
  const deviance = (x: number[], m: number) => n.reduce((s, c, i) => s + twoBinomialDeviance(c.successes, c.trials, x[i], m), 0);
  const stages: FitResult['stages'] = [];
  let evaluations = 0,
    stageBest = Infinity,
    stageEvals = 0;
  const objective = (stage: string, m: number) => async (u: number[]) => {
    const d = deviance(await simulate(paramsAt(u), m), m);
    evaluations++;
    stageEvals++;
    stageBest = Math.min(stageBest, d);
    progress.evaluation?.(stage, m, stageEvals, d, stageBest);
    return d;
  };
  const stage = async <T>(name: string, m: number, work: (f: (u: number[]) => Promise<number>) => Promise<T>): Promise<T> => {
    stageBest = Infinity;
    stageEvals = 0;
    const result = await work(objective(name, m));
    stages.push({ name, trials: m, evaluations: stageEvals, deviance: stageBest });
    progress.stage?.(stages[stages.length - 1]);
    return result;
  };

  // 1. Screen: the start and 10·P quasi-random points of the box, at a fifth of the trials.
  const startU = o.free.map((f) => toUnit(f, o.start[f.name] ?? 0));
  const screened = await stage('screen', coarse, async (f) => {
    const points: { u: number[]; f: number }[] = [];
    for (const u of [startU, ...halton(10 * P, P)]) points.push({ u, f: await f(u) });
    return points.sort((a, b) => a.f - b.f);
  });
  // 2–3. Nelder–Mead from the three best distinct screen points, coarse; then from the two best of
  // those at all trials (the likelihood has flat valleys and more than one basin).
  const nmCoarse = await stage('nelder-mead (coarse)', coarse, async (f) => {
    const runs = [];
    for (const s0 of distinctBest(screened, 3))
      runs.push(await nelderMead(f, s0.u, { step: 0.1, maxEvals: 40 * P, fTol: 0.5, xTol: 0.005 }));
    return runs.sort((a, b) => a.f - b.f);
  });
  const nm = await stage('nelder-mead', o.trials, async (f) => {
    const runs = [];
    for (const s0 of distinctBest(nmCoarse, 2))
      runs.push(await nelderMead(f, s0.u, { step: 0.03, maxEvals: 30 * P, fTol: 0.2, xTol: 0.002 }));
    return runs.sort((a, b) => a.f - b.f)[0];
  });
  // 4. Quadratic surface around the best point.
  const surface = await stage('surface', o.trials, (f) => responseSurface(f, nm));
  const best = surface.best.f < nm.f ? surface.best : nm;

  const params = paramsAt(best.u);
  const x = await simulate(params, o.trials);
  const cells: FitCellResult[] = n.map((c, i) => ({
    k: c.k,
    method: c.method,
    target: { trials: c.trials, successes: c.successes, rate: c.successes / c.trials },
    fitted: { trials: o.trials, successes: x[i], rate: x[i] / o.trials },
    residual: twoBinomialResidual(c.successes, c.trials, x[i], o.trials),
    deviance: twoBinomialDeviance(c.successes, c.trials, x[i], o.trials),
  }));
  const informative = cells.filter((c) => informativePair(c.target.successes, c.target.trials, c.fitted.successes, c.fitted.trials)).length;
  const dof = informative - P;
  const dev = deviance(x, o.trials);
  return {
    version: FORMAT_VERSION,
    experiment: 'fit',
    ...(o.command ? { command: o.command } : {}),
    target: { file: o.targetFile, ...(o.target.source ? { source: o.target.source } : {}) },
    seed: o.seed,
    trials: o.trials,
    params,
    estimates: o.free.map((f, i) => estimate(f, best.u[i], surface, i)),
    deviance: dev,
    pearsonChi2: cells.reduce((s, c) => s + c.residual ** 2, 0),
    dof,
    pValue: dof > 0 ? chiSquareTail(dev, dof) : NaN,
    cells,
    curvature: surface.eigen.map((e) => ({ value: e.value, direction: Object.fromEntries(o.free.map((f, i) => [f.name, e.vector[i]])) })),
    stages,
    evaluations,
  };
}

/** The best `count` points (sorted by f) that differ by at least 0.1 in some unit coordinate. */
function distinctBest(sorted: { u: number[]; f: number }[], count: number): { u: number[]; f: number }[] {
  const chosen: { u: number[]; f: number }[] = [];
  for (const p of sorted) {
    if (chosen.length === count) break;
    if (chosen.every((c) => c.u.some((x, i) => Math.abs(x - p.u[i]) >= 0.1))) chosen.push(p);
  }
  return chosen;
}

interface Surface {
  /** u = centre + h ⊙ s. */
  centre: number[];
  h: number[];
  /** A⁻¹ of the fitted quadratic in s (non-positive curvatures replaced by a tiny one: not identified). */
  inverse: number[][];
  /** The quadratic's minimum in s (0 when the surface is not convex). */
  sMin: number[];
  eigen: { value: number; vector: number[] }[];
  best: { u: number[]; f: number };
}

/**
 * Scales each axis until a step raises G² by a few units, evaluates the centre, the axial points and
 * the corners of every pair of axes, and fits a quadratic to them.
 */
async function responseSurface(f: (u: number[]) => Promise<number>, centre: { u: number[]; f: number }): Promise<Surface> {
  const P = centre.u.length,
    clamp = (x: number) => Math.min(1, Math.max(0, x));
  const at = (s: number[]) => centre.u.map((c, i) => clamp(c + h[i] * s[i]));
  const points: { s: number[]; f: number }[] = [{ s: new Array(P).fill(0), f: centre.f }];
  const seen = new Map<string, number>();
  let best = centre;
  const evaluate = async (s: number[]) => {
    const u = at(s),
      key = JSON.stringify(u);
    let v = seen.get(key);
    if (v === undefined) seen.set(key, (v = await f(u)));
    // s as actually evaluated (clamping at a bound moves the point)
    points.push({ s: u.map((x, i) => (x - centre.u[i]) / h[i]), f: v });
    if (v < best.f) best = { u, f: v };
    return v;
  };
  const h = new Array<number>(P).fill(0.02);
  for (let i = 0; i < P; i++) {
    for (let tries = 0; tries < 6; tries++) {
      const axis = (sign: number) => {
        const s = new Array(P).fill(0);
        s[i] = sign;
        return s;
      };
      const rise = ((await evaluate(axis(1))) + (await evaluate(axis(-1)))) / 2 - centre.f;
      if (rise < 2 && h[i] < 0.25) {
        points.length -= 2;
        h[i] *= 2;
      } else if (rise > 12 && h[i] > 0.003) {
        points.length -= 2;
        h[i] /= 2;
      } else break;
    }
  }
  for (let i = 0; i < P; i++)
    for (let j = i + 1; j < P; j++)
      for (const [a, b] of [
        [1, 1],
        [1, -1],
        [-1, 1],
        [-1, -1],
      ]) {
        const s = new Array(P).fill(0);
        s[i] = a;
        s[j] = b;
        await evaluate(s);
      }
  const q = fitQuadratic(points);
  const eigen = symmetricEigen(q.A);
  const floor = 1e-6 * Math.max(1, ...eigen.map((e) => Math.abs(e.value)));
  const inverse = q.A.map((_, r) =>
    q.A.map((__, c) => eigen.reduce((s, e) => s + (e.vector[r] * e.vector[c]) / Math.max(e.value, floor), 0)),
  );
  const convex = eigen.every((e) => e.value > floor);
  const sMin = convex
    ? solve(
        q.A,
        q.b.map((b) => -b / 2),
      )
    : new Array(P).fill(0);
  return { centre: centre.u, h, inverse, sMin, eigen, best };
}

/** The 95% profile interval of parameter i from the surface, mapped back to the parameter's scale. */
function estimate(f: FreeParam, u: number, s: Surface, i: number): ParamEstimate {
  const half = Math.sqrt(CHI2_95 * s.inverse[i][i]);
  const uLo = s.centre[i] + s.h[i] * (s.sMin[i] - half),
    uHi = s.centre[i] + s.h[i] * (s.sMin[i] + half);
  return {
    name: f.name,
    estimate: fromUnit(f, u),
    interval: [fromUnit(f, Math.max(0, uLo)), fromUnit(f, Math.min(1, uHi))],
    bounds: [f.lo, f.hi],
    identified: uLo > 0 && uHi < 1,
    surfaceStep: f.log ? Math.pow(f.hi / f.lo, s.h[i]) : s.h[i] * (f.hi - f.lo),
  };
}

function fromUnit(f: FreeParam, u: number): number {
  return f.log ? f.lo * Math.pow(f.hi / f.lo, u) : f.lo + u * (f.hi - f.lo);
}

function toUnit(f: FreeParam, value: number): number {
  const u = f.log ? Math.log(value / f.lo) / Math.log(f.hi / f.lo) : (value - f.lo) / (f.hi - f.lo);
  return Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0));
}

// ---- the cells of a candidate, and the lines of the evaluation cache ------------------------

/** The target's cells under `params`: cell i is target cell i, run as a sweep runs its cells. */
export function fitCells(o: FitSpec, params: FamilyParams): Cell[] {
  return o.target.cells.map((c, i) => ({
    cell: i,
    k: c.k,
    p: c.k,
    method: c.method,
    ...presetConstants(params, c.k),
    schedule: methodPreset(c.method).schedule,
    maxIter: DEFAULT_MAX_ITER,
    seed: o.seed,
  }));
}

/** A cell's evaluation at `trials` trials as the cache holds it, without its successes: the key of its line. */
export function evaluationKey({ k, method, vStarNorm, aStarSum, aStarSpread, radiusScale, maxIter, seed }: Cell, trials: number): string {
  return JSON.stringify({ seed, trials, k, method, vStarNorm, aStarSum, aStarSpread, radiusScale, maxIter });
}

/** The cache line of a cell evaluation: its key and successes. */
export function evaluationLine(key: string, successes: number): string {
  return `${key.slice(0, -1)},"successes":${successes}}\n`;
}

const EVALUATION_FIELDS = ['seed', 'trials', 'k', 'method', ...CONSTANT_NAMES, 'maxIter', 'successes'];

/**
 * A checker of the cache's lines: what is wrong with a line, or undefined when it is an evaluation
 * fit could have written. It remembers the constants it checked (cells of a candidate share them).
 */
export function evaluationChecker(): (line: unknown) => string | undefined {
  const checked = new Map<string, string | undefined>();
  return (line) => evaluationProblem(line, checked);
}

/** What is wrong with a line of the cache, or undefined when it is an evaluation fit could have written. */
function evaluationProblem(line: unknown, checked: Map<string, string | undefined>): string | undefined {
  if (typeof line !== 'object' || line === null || Array.isArray(line))
    return `not a cell evaluation (an object with ${EVALUATION_FIELDS.join(', ')})`;
  const x = line as Record<string, unknown>;
  const extra = Object.keys(x).find((f) => !EVALUATION_FIELDS.includes(f));
  if (extra !== undefined) return `unknown field '${extra}'`;
  const missing = EVALUATION_FIELDS.find((f) => !(f in x));
  if (missing !== undefined) return `${missing} is missing`;
  const whole = (f: string, min: number, max: number, what = `${max}`) =>
    Number.isInteger(x[f]) && (x[f] as number) >= min && (x[f] as number) <= max
      ? undefined
      : `${f} must be a whole number from ${min} to ${what} (got ${JSON.stringify(x[f])})`;
  const problem =
    whole('seed', FIT_LIMITS.seed.min, FIT_LIMITS.seed.max) ??
    whole('trials', FIT_LIMITS.trials.min, FIT_LIMITS.trials.max) ??
    whole('k', MIN_DIMENSION, MAX_DIMENSION) ??
    whole('maxIter', 0, MAX_COUNT);
  if (problem) return problem;
  if (!(METHODS as readonly unknown[]).includes(x.method))
    return `method must be one of ${METHODS.map((m) => `'${m}'`).join(', ')} (got ${JSON.stringify(x.method)})`;
  const bad = CONSTANT_NAMES.find((c) => typeof x[c] !== 'number');
  if (bad !== undefined) return `${bad} must be a number (got ${JSON.stringify(x[bad])})`;
  const key = JSON.stringify(CONSTANT_NAMES.map((c) => x[c]));
  if (!checked.has(key)) {
    const { vStarNorm, aStarSum, aStarSpread, radiusScale } = x as unknown as PresetConstants;
    const problems = constantProblems({ vStarNorm, aStarSum, aStarSpread, radiusScale });
    checked.set(key, problems.length > 0 ? problems.map((p) => (p.name ? `${p.name} ${p.message}` : p.message)).join('; ') : undefined);
  }
  return checked.get(key) ?? whole('successes', 0, x.trials as number, `trials (${x.trials})`);
}

// ---- outputs ---------------------------------------------------------------------------------

/** fit.csv. */
export function fitCsv(r: FitResult): string {
  return csv(
    ['k', 'method', 'target_trials', 'target_successes', 'target_rate', 'fitted_trials', 'fitted_successes', 'fitted_rate', 'residual_se'],
    r.cells.map((c) => [
      c.k,
      c.method,
      c.target.trials,
      c.target.successes,
      c.target.rate,
      c.fitted.trials,
      c.fitted.successes,
      c.fitted.rate,
      c.residual,
    ]),
  );
}

const num = (x: number) => (Math.abs(x) >= 100 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(3) : x.toFixed(3));

export function formatFit(r: FitResult): string {
  const lines = [
    `Fit to ${r.target.file}: ${r.cells.length} cells, ${r.trials} simulated trials per cell (seed ${r.seed})`,
    textTable([
      ['parameter', 'estimate', '95% interval', ''],
      ...r.estimates.map((e) => [
        e.name,
        num(e.estimate),
        `[${num(e.interval[0])}, ${num(e.interval[1])}]`,
        e.identified ? '' : `not identified within [${e.bounds[0]}, ${e.bounds[1]}]`,
      ]),
    ]),
    `G² ${r.deviance.toFixed(2)}, Pearson χ² ${r.pearsonChi2.toFixed(2)}, ${r.dof} degrees of freedom, p = ${Number.isNaN(r.pValue) ? '–' : r.pValue.toFixed(3)}`,
    textTable([
      ['k', 'method', 'target', 'fitted', 'residual (SE)'],
      ...r.cells.map((c) => [String(c.k), c.method, c.target.rate.toFixed(4), c.fitted.rate.toFixed(4), c.residual.toFixed(2)]),
    ]),
  ];
  return lines.join('\n');
}
