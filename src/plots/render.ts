// Node-side rendering of the shared vega-lite specs to SVG (no canvas, no browser).
// vega and vega-lite take a noticeable time to load, so they are loaded on first use; an
// experiment calls preloadRenderer() when it starts, so the loading overlaps its trials.
import type { TopLevelSpec } from 'vega-lite';

let renderer: Promise<[typeof import('vega-lite'), typeof import('vega')]> | undefined;

export function preloadRenderer(): void {
  renderer ??= Promise.all([import('vega-lite'), import('vega')]);
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  preloadRenderer();
  const [{ compile }, { parse, View }] = await renderer!;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
