// Helpers of the engines' batch paths: one arena of engine memory per chunk of runs, laid out in
// f64 offsets (every block 16-byte aligned; arrays shared by the runs placed once), and the chunks.
import { SUMMARY_WIDTH, type Outcome, type RawResult } from '../problem.js';
import { OUT_WIDTH } from '../layout.js';
import type { F64Block, WasmMemory } from './memory.js';
import type { ArenaLayout } from './layouts.js';

/** f64 of vectors in engine memory per chunk of a batch engine's runs (16 MB). */
export const CHUNK_VALUES = 1 << 21;

/** A run's blocks in engine memory: its final vectors, trajectory room and out block. */
export interface RunBlocks { x: F64Block; a: F64Block; traj: F64Block; out: F64Block }

/**
 * The runs' full results, copied out of engine memory into one buffer: the out block's summary (with
 * batchLoss and trainLoss where it is a sampled run's, wider than OUT_WIDTH), final x and a, and the
 * samples written (`sampleWidth` f64 each).
 */
export function resultsFrom(mem: WasmMemory, placed: RunBlocks[], sampleWidth: number): RawResult[] {
  const outs = placed.map((pl) => mem.view(pl.out).slice());
  const copies = mem.copyAll(placed.flatMap((pl, i) => [pl.x, pl.a, { ptr: pl.traj.ptr, length: outs[i][5] * sampleWidth }]));
  return outs.map((out, i): RawResult => {
    const [outcome, iterations, phi, loss, norm, , batchLoss, trainLoss] = out;
    return {
      outcome: outcome as Outcome, iterations, phi, loss, norm, ...(out.length > OUT_WIDTH ? { batchLoss, trainLoss } : {}),
      x: copies[3 * i], a: copies[3 * i + 1], trajectory: copies[3 * i + 2],
    };
  });
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
  for (let i = 0; i < items.length;) {
    let end = i + 1, size = sizeOf(items[i]);
    while (end < items.length && size + sizeOf(items[end]) <= limit) size += sizeOf(items[end++]);
    out.push(items.slice(i, end));
    i = end;
  }
  return out;
}

/** The first SUMMARY_WIDTH numbers of each out block, in one array. */
export function summariesFrom(mem: WasmMemory, outs: F64Block[]): Float64Array {
  const out = new Float64Array(outs.length * SUMMARY_WIDTH);
  outs.forEach((block, i) => out.set(mem.view(block).subarray(0, SUMMARY_WIDTH), i * SUMMARY_WIDTH));
  return out;
}

/** Parts of summaries joined in order. */
export function joined(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}
