// Where `fit` may look: every candidate runs the target's cells as a sweep runs its cells, so the
// constants of every point of the search box, at every k of the target, must be values a sweep
// accepts. The sweep's own validation is the judge (parseSweepConfig), so the two cannot drift apart.
import { ConfigError } from '../../config.js';
import { CONSTANT_NAMES, K_REF, presetConstants, type ConstantName, type FamilyParams, type PresetConstants } from '../../presets.js';
import { parseSweepConfig } from './sweepConfig.js';
import type { FitParamName, FreeParam } from './fit.js';

/** What a sweep says against these constants: the constant (or none) and the message. */
export interface ConstantProblem {
  name?: ConstantName;
  message: string;
}

/** The sweep's objections to one member of the family at one k (constants named without 'grid.'). */
export function constantProblems(c: PresetConstants): ConstantProblem[] {
  try {
    // k and method do not bear on the constants' rules: the smallest cell keeps size rules out of it.
    parseSweepConfig({
      trials: 1,
      grid: {
        k: 2,
        methods: ['cnn'],
        vStarNorm: c.vStarNorm,
        aStarSum: c.aStarSum,
        aStarSpread: c.aStarSpread,
        radiusScale: c.radiusScale,
      },
    });
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.issues.map((issue) => {
      const m = /^grid\.(\w+)(?:\[\d+\])?: (.*)$/s.exec(issue);
      const name = m && (CONSTANT_NAMES as readonly string[]).includes(m[1]) ? (m[1] as ConstantName) : undefined;
      return name ? { name, message: m![2].replaceAll('grid.', '') } : { message: issue };
    });
  }
}

interface Reach {
  value: number;
  k: number;
}

/**
 * One line per problem of a fit's search space: the values of the fixed parameters (`start`, of which
 * `given` came from --set) and every point of the free ones' bounds, at every k in `ks`, must give
 * constants a sweep accepts.
 */
export function searchSpaceProblems(free: FreeParam[], start: FamilyParams, ks: number[], given: ReadonlySet<FitParamName>): string[] {
  const freeOf = (name: FitParamName) => free.find((f) => f.name === name);
  const valuesOf = (name: FitParamName) => {
    const f = freeOf(name);
    return f ? [f.lo, f.hi] : [start[name] ?? 0];
  };
  const scales = (c: ConstantName) => freeOf(`${c}Power`) !== undefined || (start[`${c}Power`] ?? 0) !== 0;
  // c·(k/K_REF)^α is monotone in c, in α and in k, so its extremes over the box lie at the corners.
  const kEnds = [...new Set([Math.min(...ks), Math.max(...ks)])];
  const candidates = (c: ConstantName): Reach[] => {
    const reach: Reach[] = [];
    for (const value of valuesOf(c))
      for (const power of valuesOf(`${c}Power`))
        for (const k of kEnds) reach.push({ value: presetConstants({ ...start, [c]: value, [`${c}Power`]: power }, k)[c], k });
    const numbers = reach.filter((r) => !Number.isNaN(r.value)),
      nan = reach.find((r) => Number.isNaN(r.value)); // 0·∞
    if (numbers.length === 0) return [nan!];
    const lo = numbers.reduce((a, b) => (b.value < a.value ? b : a)),
      hi = numbers.reduce((a, b) => (b.value > a.value ? b : a));
    // Zero matters on its own (a* = 0 when both its constants are); it lies between the extremes.
    return [
      lo,
      ...(hi.value !== lo.value ? [hi] : []),
      ...(lo.value < 0 && hi.value > 0 ? [{ value: 0, k: NaN }] : []),
      ...(nan ? [nan] : []),
    ];
  };
  const ranges = Object.fromEntries(CONSTANT_NAMES.map((c) => [c, candidates(c)])) as Record<ConstantName, Reach[]>;
  const varies = (c: ConstantName) => ranges[c].length > 1;

  // The sweep's limits are ranges, and a* = 0 needs two zeros: so the combinations of each constant's
  // extremes, zero and NaN suffice (at most 4⁴ points).
  const found = new Map<string, { problem: ConstantProblem; points: Record<ConstantName, Reach>[] }>();
  let points: Record<ConstantName, Reach>[] = [{} as Record<ConstantName, Reach>];
  for (const c of CONSTANT_NAMES) points = points.flatMap((p) => ranges[c].map((r) => ({ ...p, [c]: r })));
  for (const point of points) {
    const { vStarNorm, aStarSum, aStarSpread, radiusScale } = point;
    for (const problem of constantProblems({
      vStarNorm: vStarNorm.value,
      aStarSum: aStarSum.value,
      aStarSpread: aStarSpread.value,
      radiusScale: radiusScale.value,
    })) {
      const key = `${problem.name}: ${problem.message}`;
      if (!found.has(key)) found.set(key, { problem, points: [] });
      found.get(key)!.points.push(point);
    }
  }

  const order = (p: ConstantProblem) => (p.name ? CONSTANT_NAMES.indexOf(p.name) : -1);
  return [...found.values()]
    .sort((a, b) => order(a.problem) - order(b.problem))
    .map(({ problem, points }) => {
      if (!problem.name) return problem.message;
      const name = problem.name;
      const involved = CONSTANT_NAMES.filter((c) => c === name || problem.message.includes(c));
      const what = scales(name) ? `${name}·(k/${K_REF})^${name}Power` : name;
      const tried = involved
        .filter((c) => varies(c) || scales(c))
        .map((c) => {
          const reached = [...new Map(points.map((p) => [p[c].value, p[c]])).values()];
          return `${c} = ${reached.map((r) => show(r.value) + (scales(c) && Number.isFinite(r.k) ? ` at k = ${r.k}` : '')).join(' and ')}`;
        });
      return (
        `${sources(involved, free, start, given)}: ${what} ${problem.message}` +
        (tried.length > 0 ? ` at every point the fit may try (it would try ${tried.join(', ')})` : '')
      );
    });
}

/** The options (or preset) that gave these constants their values: '--params X=LO:HI with --set Y=V'. */
function sources(constants: ConstantName[], free: FreeParam[], start: FamilyParams, given: ReadonlySet<FitParamName>): string {
  const names = constants.flatMap((c): FitParamName[] => [c, `${c}Power`]);
  const bounds: string[] = [],
    set: string[] = [],
    preset: string[] = [];
  for (const name of names) {
    const f = free.find((x) => x.name === name);
    if (f) bounds.push(`${name}=${f.lo}:${f.hi}`);
    else if (given.has(name)) set.push(`${name}=${start[name]}`);
    else if (!name.endsWith('Power')) preset.push(`${name} ${start[name]} (preset 'spec')`);
  }
  return [bounds.length ? `--params ${bounds.join(',')}` : '', set.length ? `--set ${set.join(',')}` : '', ...preset]
    .filter((s) => s !== '')
    .join(' with ');
}

/** A number as written, or to three digits when that is long. */
function show(x: number): string {
  const s = String(x);
  return s.length <= 8 ? s : x.toPrecision(3);
}
