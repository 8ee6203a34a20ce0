// A worker thread that renders vega-lite specs to SVG: vega loads here, in parallel with the
// trials, instead of blocking the main thread that feeds the trial workers.
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

export default async function render(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
