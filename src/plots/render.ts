// Node-side rendering of the shared vega-lite specs to SVG (no canvas, no browser), in a worker
// thread (renderWorker.ts). An experiment calls preloadRenderer() while its trials run, so that vega
// loads, and warms up on a draft of the figure, before the figure is due.
import { Piscina } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';

// Worker threads cannot run TypeScript: from src/ (tests) and dist/ alike, use the compiled file.
const WORKER_URL = new URL('../../dist/plots/renderWorker.js', import.meta.url);

let pool: Piscina<TopLevelSpec, string> | undefined;

/** Starts the render worker; with a draft spec, also renders it once (a cold first render is slow). */
export function preloadRenderer(draft?: TopLevelSpec): void {
  if (pool) return;
  pool = new Piscina({ filename: WORKER_URL.href, minThreads: 1, maxThreads: 1 });
  if (draft) pool.run(draft).catch(() => {}); // only a warm-up: the real render reports errors
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  preloadRenderer();
  const p = pool!;
  pool = undefined;
  try {
    return await p.run(spec);
  } finally {
    await p.destroy();
  }
}
