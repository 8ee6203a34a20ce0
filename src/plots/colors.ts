// One colour per method in every figure (Figure 4, Figure 5 and the web page's plots).
import type { Method } from '../presets.js';

export const METHOD_COLORS: Record<Method, string> = {
  'resnet-ssw': '#4c78a8',
  'resnet-constant': '#f58518',
  cnn: '#b279a2',
};

/** A vega-lite colour scale that draws each label in the colour of its method. */
export function colorScale(series: { label: string; method: Method }[]) {
  return { domain: series.map((s) => s.label), range: series.map((s) => METHOD_COLORS[s.method]) };
}
