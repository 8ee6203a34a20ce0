// Node-side rendering of the shared vega-lite specs to SVG (no canvas, no browser), in a worker
// thread (renderWorker.ts). An experiment calls preloadRenderer() when it starts, so vega loads
// while its trials run.
import { Piscina } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';

// Worker threads cannot run TypeScript: from src/ (tests) and dist/ alike, use the compiled file.
const WORKER_URL = new URL('../../dist/plots/renderWorker.js', import.meta.url);

let pool: Piscina<TopLevelSpec, string> | undefined;

export function preloadRenderer(): void {
  pool ??= new Piscina({ filename: WORKER_URL.href, minThreads: 1, maxThreads: 1 });
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
