// One look for every figure (Figure 4, Figure 5, the sgd and fit figures and the web page's plots):
// one colour per method, chosen by the method's name (never by its position in the legend),
// legends that name the methods in words, and labels readable at the default size.
import type { Method } from '../presets.js';

export const METHOD_COLORS: Record<Method, string> = {
  'resnet-ssw': '#4c78a8',
  'resnet-constant': '#f58518',
  cnn: '#b279a2',
};

/** How a legend names each method. */
export const METHOD_LABELS: Record<Method, string> = {
  'resnet-ssw': 'ResNet with warmup',
  'resnet-constant': 'ResNet, no warmup',
  cnn: 'CNN (Du et al.)',
};

/** The colour of a series that is not one of the methods (none of the methods' colours). */
const OTHER_COLOR = '#888888';

function colorOf(method: string): string {
  return (METHOD_COLORS as Record<string, string>)[method] ?? OTHER_COLOR;
}

/** A vega expression that turns a legend's method names into words and leaves other labels alone. */
const METHOD_LABEL_EXPR = Object.entries(METHOD_LABELS).reduceRight(
  (rest, [method, words]) => `datum.label === '${method}' ? '${words}' : ${rest}`,
  'datum.label',
);

/** A legend whose entries are method names, shown in words. */
export const METHOD_LEGEND = { labelExpr: METHOD_LABEL_EXPR, labelLimit: 220 } as const;

/** A vega-lite colour scale that draws each label in the colour of its method. */
export function colorScale(series: { label: string; method: Method }[]) {
  return { domain: series.map((s) => s.label), range: series.map((s) => colorOf(s.method)) };
}

/**
 * A colour channel over a field that holds method names: each in its method's colour, the legend in
 * `methods`' order and in words.
 */
export function methodColor(field: string, methods: readonly string[], title = 'method') {
  return {
    field,
    type: 'nominal',
    title,
    sort: [...methods],
    scale: { domain: [...methods], range: methods.map(colorOf) },
    legend: METHOD_LEGEND,
  } as const;
}

/** Font sizes of every figure: tick labels, axis and legend titles and the title, readable as drawn. */
export const FIGURE_CONFIG = {
  axis: { labelFontSize: 12, titleFontSize: 13 },
  legend: { labelFontSize: 12, titleFontSize: 13 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { fontSize: 15 },
} as const;
