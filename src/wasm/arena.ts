// Helpers of the engines' batch paths: one arena of engine memory per chunk of runs, laid out in
// f64 offsets (every block 16-byte aligned; arrays shared by the runs placed once), and the chunks.
import { SUMMARY_WIDTH, type Outcome, type RawResult } from '../problem.js';
import { OUT, SAMPLED_OUT } from '../layout.js';
import type { F64Block, WasmMemory } from './memory.js';
import type { ArenaLayout } from './layouts.js';

/** f64 of vectors in engine memory per chunk of a batch engine's runs (16 MB). */
export const CHUNK_VALUES = 1 << 21;

/** A run's blocks in engine memory: its final vectors, trajectory room and out block. */
export interface RunBlocks {
  x: F64Block;
  a: F64Block;
  traj: F64Block;
  out: F64Block;
}

/** An out block's numbers by name: a sampled run's (SAMPLED_OUT) has the batch and training losses too. */
function readOut(out: Float64Array): ReturnType<typeof OUT.read> & Partial<ReturnType<typeof SAMPLED_OUT.read>> {
  return out.length === SAMPLED_OUT.width ? SAMPLED_OUT.read(out) : OUT.read(out);
}

/**
 * The runs' full results, copied out of engine memory into one buffer: the out block's summary (with
 * batchLoss and trainLoss where it is a sampled run's), final x and a, and the samples written
 * (`sampleWidth` f64 each).
 */
export function resultsFrom(mem: WasmMemory, placed: RunBlocks[], sampleWidth: number): RawResult[] {
  const outs = placed.map((pl) => readOut(mem.view(pl.out)));
  const copies = mem.copyAll(placed.flatMap((pl, i) => [pl.x, pl.a, { ptr: pl.traj.ptr, length: outs[i].samples * sampleWidth }]));
  return outs.map(
    ({ outcome, iterations, phi, loss, norm, batchLoss, trainLoss }, i): RawResult => ({
      outcome: outcome as Outcome,
      iterations,
      phi,
      loss,
      norm,
      ...(batchLoss !== undefined ? { batchLoss, trainLoss } : {}),
      x: copies[3 * i],
      a: copies[3 * i + 1],
      trajectory: copies[3 * i + 2],
    }),
  );
}

/** Allocates the arena of a layout and copies its shared arrays in; free it with mem.free. */
export function allocateArena(mem: WasmMemory, layout: ArenaLayout): F64Block {
  const arena = mem.alloc(layout.size);
  const heap = mem.view(arena);
  for (const [v, at] of layout.shared) heap.set(v as ArrayLike<number>, at);
  return arena;
}

/** Consecutive chunks of items whose sizes add up to at most `limit` (at least one item each). */
export function inChunks<T>(items: T[], sizeOf: (item: T) => number, limit: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    let end = i + 1,
      size = sizeOf(items[i]);
    while (end < items.length && size + sizeOf(items[end]) <= limit) size += sizeOf(items[end++]);
    out.push(items.slice(i, end));
    i = end;
  }
  return out;
}

/** [outcome, iterations, φ, L] of each out block (SUMMARY_WIDTH numbers), in one array. */
export function summariesFrom(mem: WasmMemory, outs: F64Block[]): Float64Array {
  const out = new Float64Array(outs.length * SUMMARY_WIDTH);
  outs.forEach((block, i) => {
    const { outcome, iterations, phi, loss } = readOut(mem.view(block));
    out.set([outcome, iterations, phi, loss], i * SUMMARY_WIDTH);
  });
  return out;
}

/** Parts of summaries joined in order. */
export function joined(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
