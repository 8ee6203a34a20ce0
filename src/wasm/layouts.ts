// Where each engine places a run in engine memory: one arena (one block) per run or chunk of runs,
// in f64 offsets, every block 16-byte aligned. Pure arithmetic on the runs' sizes (no memory), so
// that the validators can tell before any work whether a run fits (src/engineMemory.ts), from the
// same numbers the engine faces lay their arenas out with.
import {
  MAX_ALLOC_BYTES,
  NORMAL_LANES_BYTES,
  OUT_WIDTH,
  PERM_ENTRY_BYTES,
  POPULATION_DESC,
  REDUCED_SAMPLED_DESC,
  SAMPLE_WIDTH,
  SAMPLED_DESC,
  SAMPLED_OUT_WIDTH,
  SAMPLED_SAMPLE_WIDTH,
  STREAM_BYTES,
  WIDE_DESC,
  WIDE_OUT_WIDTH,
  WIDE_SAMPLE_WIDTH,
  WIDE_SAMPLED_DESC,
  WIDE_SAMPLED_OUT_WIDTH,
  WIDE_SAMPLED_SAMPLE_WIDTH,
} from '../layout.js';
import { trajectoryCapacity } from '../problem.js';

/** n rounded up to an even count, so that every block starts 16-byte aligned. */
export const even = (n: number) => n + (n & 1);

/** f64 values in the largest block the engine allocates. */
export const MAX_ARENA_VALUES = Math.floor(MAX_ALLOC_BYTES / 8);

/** What a layout reads of a run: its sizes (a Problem is one; so is a stand-in with lengths only). */
export interface RunShape {
  p: number;
  k: number;
  maxIter: number;
  logEvery: number;
  wStar: { length: number };
  aStar: { length: number };
  aBar: { length: number };
  stages: { length: number };
  data?: { online: boolean; batch: number; n: number; labelNoise: number };
  wide?: { r: number; rStar: number };
}

export class ArenaLayout {
  size = 0;
  readonly shared = new Map<{ length: number }, number>();

  /** The offset of a new block of n f64 (at least one). */
  take(n: number): number {
    const at = this.size;
    this.size += even(Math.max(n, 1));
    return at;
  }

  /** The offset of an array shared by several runs, placed once. */
  once(v: { length: number }): number {
    let at = this.shared.get(v);
    if (at === undefined) this.shared.set(v, (at = this.take(v.length)));
    return at;
  }
}

/** The population engines' chunk: per run x, a, the shared teacher arrays, scratch (reduced: k), trajectory, out; then the descriptors. */
export function populationLayout(runs: readonly RunShape[], reduced: boolean) {
  const blocks = new ArenaLayout(),
    take = (n: number) => blocks.take(n),
    once = (v: { length: number }) => blocks.once(v);
  const placed = runs.map((pr) => {
    const cap = trajectoryCapacity(pr);
    return {
      x: take(pr.p),
      a: take(pr.k),
      ws: once(pr.wStar),
      as: once(pr.aStar),
      ab: once(pr.aBar),
      stages: once(pr.stages),
      scratch: take(reduced ? pr.k : 0),
      traj: take(cap * SAMPLE_WIDTH),
      cap,
      out: take(OUT_WIDTH),
    };
  });
  const descs = take(runs.length * POPULATION_DESC.width);
  return { blocks, placed, descs };
}

/** f64 holding `bytes`. */
const valuesOf = (bytes: number) => Math.ceil(bytes / 8);

/** f64 of a generator state, as the sampled engines' arenas hold them. */
const GEN_VALUES = even(valuesOf(NORMAL_LANES_BYTES)),
  STREAM_VALUES = even(valuesOf(STREAM_BYTES));

/**
 * f64 of the sampled engine's work area: w̄ (p), g_w̄ (p), g_a (k), h (k), each from a 16-byte boundary,
 * then one online sample (k·p). The kernel's export of this name sizes it alike (checked at load).
 */
export const sampledWorkValues = (p: number, k: number, online: boolean) => 2 * even(p) + 2 * even(k) + (online ? k * p : 0);

/** The sampled engine's arena for one run: vectors, trajectory, work area, generators, the training set (n·k·p), its labels and order. */
export function sampledLayout(pr: RunShape) {
  const d = pr.data!,
    { p, k } = pr,
    cap = trajectoryCapacity(pr);
  const blocks = new ArenaLayout(),
    take = (n: number) => blocks.take(n);
  const placed = {
    x: take(p),
    a: take(k),
    ws: take(p),
    as: take(k),
    ab: take(k),
    stages: take(pr.stages.length),
    traj: take(cap * SAMPLED_SAMPLE_WIDTH),
    cap,
    out: take(SAMPLED_OUT_WIDTH),
    work: take(sampledWorkValues(p, k, d.online)),
    ...trainingSetBlocks(blocks, pr),
    desc: take(SAMPLED_DESC.width),
  };
  return { blocks, placed };
}

/** A sampled run's generators, its training set (n·k·p), its labels and order, placed in that order. */
function trainingSetBlocks(blocks: ArenaLayout, { p, k, data }: RunShape) {
  const n = data!.n;
  return {
    gen: blocks.take(GEN_VALUES),
    stream: blocks.take(STREAM_VALUES),
    Z: blocks.take(n * k * p),
    Y: blocks.take(n),
    perm: blocks.take(valuesOf(n * PERM_ENTRY_BYTES)),
  };
}

/**
 * f64 of the reduced SGD engine's work area: the normals of one step (per sample k values s, k values q,
 * and ε when noisy), then g_a (k), each from a 16-byte boundary, then the final w's random direction (p).
 * The kernel's export of this name sizes it alike (checked at load).
 */
export const reducedSampledWorkValues = (p: number, k: number, batch: number, noisy: boolean) =>
  even(batch * (2 * k + (noisy ? 1 : 0))) + even(k) + p;

const reducedSampledWork = (pr: RunShape) => reducedSampledWorkValues(pr.p, pr.k, pr.data!.batch, pr.data!.labelNoise > 0);

/** The reduced SGD engine's chunk: per run x, a, shared teacher arrays, trajectory, out; one work area (runs take turns); descriptors. */
export function reducedSampledLayout(runs: readonly RunShape[]) {
  const blocks = new ArenaLayout();
  const placed = runs.map((pr) => {
    const cap = trajectoryCapacity(pr);
    return {
      x: blocks.take(pr.p),
      a: blocks.take(pr.k),
      ws: blocks.once(pr.wStar),
      as: blocks.once(pr.aStar),
      stages: blocks.once(pr.stages),
      traj: blocks.take(cap * SAMPLED_SAMPLE_WIDTH),
      cap,
      out: blocks.take(SAMPLED_OUT_WIDTH),
    };
  });
  const work = blocks.take(runs.reduce((m, pr) => Math.max(m, reducedSampledWork(pr)), 0));
  const descs = blocks.take(runs.length * REDUCED_SAMPLED_DESC.width);
  return { blocks, placed, work, descs };
}

/**
 * f64 of the wide engine's work area (assembly/wide/run.ts): s*, d (even(k) each), ‖x_i‖ and the angles
 * (r each), five r×r and five r×r* matrices.
 */
export const wideWork = (r: number, rStar: number, k: number) => 2 * even(k) + 2 * r + 5 * r * r + 5 * r * rStar;

/** A wide run's rows x, ws, ∇x (of even(p)), a, as, ∇A (of even(k)) and work area, placed in that order. */
function wideRowBlocks(blocks: ArenaLayout, { p, k, wide }: RunShape) {
  const { r, rStar } = wide!,
    ps = even(p),
    ks = even(k);
  return {
    x: blocks.take(r * ps),
    ws: blocks.take(rStar * ps),
    gx: blocks.take(r * ps),
    a: blocks.take(r * ks),
    as: blocks.take(rStar * ks),
    ga: blocks.take(r * ks),
    work: blocks.take(wideWork(r, rStar, k)),
  };
}

/** The wide kernel's arena for one run: x, ws, ∇x (rows of even(p)), a, as, ∇A (rows of even(k)), work, schedule, trajectory, out, 1_k's coordinates, descriptor. */
export function wideLayout(pr: RunShape) {
  const { r } = pr.wide!,
    cap = trajectoryCapacity(pr);
  const blocks = new ArenaLayout(),
    take = (n: number) => blocks.take(n);
  const placed = {
    ...wideRowBlocks(blocks, pr),
    stages: take(pr.stages.length),
    traj: take(cap * (WIDE_SAMPLE_WIDTH + r)),
    cap,
    out: take(WIDE_OUT_WIDTH + r),
    ones: take(pr.k),
    desc: take(WIDE_DESC.width),
  };
  return { blocks, placed };
}

/**
 * The wide sampled kernel's arena for one run (SPEC §9's student on §8's data): the wide kernel's rows and work
 * area, the unit filters w̄ (rows of even(p)) and h (rows of even(k)), 1_k, the schedule, trajectory and out block, one online sample (k·p), the generators,
 * the training set (n·k·p), its labels and order.
 */
export function wideSampledLayout(pr: RunShape) {
  const { p, k } = pr,
    { r } = pr.wide!,
    cap = trajectoryCapacity(pr);
  const blocks = new ArenaLayout(),
    take = (n: number) => blocks.take(n);
  const placed = {
    ...wideRowBlocks(blocks, pr),
    wb: take(r * even(p)),
    h: take(r * even(k)),
    ones: take(k),
    stages: take(pr.stages.length),
    traj: take(cap * (WIDE_SAMPLED_SAMPLE_WIDTH + r)),
    cap,
    out: take(WIDE_SAMPLED_OUT_WIDTH + r),
    sample: take(pr.data!.online ? k * p : 0),
    ...trainingSetBlocks(blocks, pr),
    desc: take(WIDE_SAMPLED_DESC.width),
  };
  return { blocks, placed };
}

/** The shape the reduced wide engine runs: p and k become the dimensions of the filters' and the rows' spans (at most). */
export function reducedWideShape(pr: RunShape): RunShape {
  const { r, rStar } = pr.wide!;
  return { ...pr, p: Math.min(pr.p, r + rStar), k: Math.min(pr.k, r + rStar + 1) };
}

/**
 * Chunks split in halves until each one's arena fits in one block. Chunks of small runs never come
 * near the limit, so this changes nothing for them; a run that does not fit alone was refused by
 * the validators (src/engineMemory.ts) and is left to the memory gateway's own refusal.
 */
export function fittingChunks<T>(chunks: T[][], arenaValues: (chunk: T[]) => number): T[][] {
  const split = (chunk: T[]): T[][] => {
    if (chunk.length < 2 || arenaValues(chunk) <= MAX_ARENA_VALUES) return [chunk];
    const half = chunk.length >> 1;
    return [...split(chunk.slice(0, half)), ...split(chunk.slice(half))];
  };
  return chunks.flatMap(split);
}
