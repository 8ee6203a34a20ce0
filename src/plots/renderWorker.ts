// A worker thread that renders vega-lite specs to SVG: vega loads here, in parallel with the
// trials, instead of blocking the main thread that feeds the trial workers.
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';

// require(), not import: vega and vega-lite ship CommonJS builds for Node, and importing them as
// ESM makes Node scan their sources for named exports, about twice the load time.
const require = createRequire(import.meta.url);
const { compile } = require('vega-lite') as typeof import('vega-lite');
const { parse, View } = require('vega') as typeof import('vega');

export default async function render(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
