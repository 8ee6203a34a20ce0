// The samples of README.md and docs/*.md and the SVG figures in docs/ are what the commands print
// and write today (scripts/samples.mjs lists them; `npm run docs` regenerates them). Every sample command is run
// here in full, Table 1 at full scale included (a few seconds on the reduced engine).
// Not covered: docs/web.png (a screenshot; fonts and timings make its pixels vary) and the
// hand-written schema blocks (run config and run result) with their comments.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_COLORS, METHOD_LABELS } from '../../src/plots/colors.js';
import { figure4Spec } from '../../src/plots/figure4.js';
import { sgdSpec } from '../../src/plots/sgd.js';
import { fitFigureSpec } from '../../src/plots/fitFigure.js';
import {
  PICTURES,
  ROOT,
  SAMPLES,
  abridgeJson,
  abridgeLines,
  docFiles,
  pageBlocks,
  runSamples,
  samplesWithoutBlock,
  withBlocks,
} from '../../scripts/samples.mjs';

const pages: Record<string, string> = Object.fromEntries(docFiles().map((f: string) => [f, readFileSync(join(ROOT, f), 'utf8')]));
/** Where each sample is shown: name → the pages with its block. */
const shownIn: Record<string, string[]> = {};
for (const [file, text] of Object.entries(pages)) for (const name of Object.keys(pageBlocks(text))) (shownIn[name] ??= []).push(file);
let texts: Record<string, string>;
const pictures: Record<string, string> = {};

beforeAll(() => {
  texts = runSamples(SAMPLES, (sample: { name: string }, run: { file(name: string): string }) => {
    for (const [name, from, to] of PICTURES as [string, string, string][]) if (name === sample.name) pictures[to] = run.file(from);
  });
}, 120_000);

describe('samples in README.md and docs/*.md', () => {
  it('scans the README and the docs pages', () => {
    expect(docFiles()).toContain('README.md');
    expect(docFiles()).toContain('docs/cli.md');
  });

  it('shows every sample of scripts/samples.mjs somewhere, and no other', () => {
    expect(samplesWithoutBlock(pages)).toEqual([]);
    const names = SAMPLES.map((s: { name: string }) => s.name);
    expect(Object.keys(shownIn).sort()).toEqual([...names].sort());
    for (const [file, text] of Object.entries(pages)) // no marker left unparsed
      expect(text.match(/^<!-- sample: /gm)?.length ?? 0, file).toBe(Object.keys(pageBlocks(text)).length);
  });

  it.each(SAMPLES.map((s: { name: string; command: string }) => [s.name, s.command]))(
    'block %s shows what `%s` prints, wherever it is',
    (name) => {
      for (const file of shownIn[name] ?? []) expect(pageBlocks(pages[file])[name], file).toBe(texts[name]);
    },
  );

  it('every page is a fixed point of `npm run docs` (markers record the commands)', () => {
    for (const [file, text] of Object.entries(pages)) expect(withBlocks(text, texts, SAMPLES, file), file).toBe(text);
  });

  it('would notice a stale number', () => {
    const page = pages[shownIn['sweep-trial'][0]];
    const stale = withBlocks(page, {
      ...texts,
      'sweep-trial': texts['sweep-trial'].replace(/\d(?=e-)/, (d: string) => String((+d + 1) % 10)),
    });
    expect(stale).not.toBe(page);
    expect(pageBlocks(stale)['sweep-trial']).not.toBe(texts['sweep-trial']);
  });

  it('refuses a block of an unknown sample, naming the page', () => {
    expect(() => withBlocks('<!-- sample: nope -->\n<!-- /sample -->\n', texts, SAMPLES, 'docs/x.md')).toThrow(
      /docs\/x\.md has a block for an unknown sample 'nope'/,
    );
  });
});

describe('abridging', () => {
  it('cuts arrays to their first entries and packs the fields on short lines', () => {
    expect(abridgeJson({ outcome: 'global', a: [1, 2, 3], w: [4] }, 2)).toBe('{ "outcome": "global", "a": [1, 2, …], "w": [4] }\n');
    expect(abridgeJson({ a: 'x'.repeat(50), b: 'y'.repeat(50) }, 2).split('\n')).toHaveLength(3);
  });

  it('marks every gap between kept lines, and the end', () => {
    expect(abridgeLines('h\n0\n1\n2\n3\n4\n', [0, 1, 3])).toBe('h\n0\n…\n2\n…\n');
    expect(abridgeLines('h\n0\n1\n', [0, 1, 2])).toBe('h\n0\n1\n');
  });
});

describe('docs/ figures', () => {
  it.each(PICTURES.map(([name, , to]: [string, string, string]) => [to, name]))('%s is the file `%s` writes today', (to) => {
    expect(pictures[to]).toBeDefined();
    expect(readFileSync(join(ROOT, to), 'utf8')).toBe(pictures[to]);
  });
});

/** Each line's legend entry (method or run) → the stroke colours it is drawn in. */
function lineColours(svg: string): Record<string, string[]> {
  const colours: Record<string, Set<string>> = {};
  for (const [, who, stroke] of svg.matchAll(
    /<path aria-label="[^"]*(?:method|run): ([\w-]+)" [^>]*aria-roledescription="line mark"[^>]*stroke="(#[0-9a-f]+)"/g,
  ))
    (colours[who] ??= new Set()).add(stroke);
  return Object.fromEntries(Object.entries(colours).map(([k, v]) => [k, [...v]]));
}

describe('the figures as drawn (the SVGs the commands write)', () => {
  it('draw each method in its one colour (src/plots/colors.ts), in Figure 4 and Figure 5 alike', () => {
    const expected = (methods: string[]) => Object.fromEntries(methods.map((m) => [m, [METHOD_COLORS[m as keyof typeof METHOD_COLORS]]]));
    expect(lineColours(pictures['docs/figure4.svg'])).toEqual(expected(['resnet-ssw', 'resnet-constant', 'cnn']));
    expect(lineColours(pictures['docs/figure5.svg'])).toEqual(expected(['resnet-ssw', 'resnet-constant']));
  });

  it("colour by method name, not by position: the CNN alone is the CNN's colour in every figure", () => {
    const ci: [number, number] = [0.4, 0.6];
    // biome-ignore lint/suspicious/noExplicitAny: reading back the specs' colour channel
    const colour = (spec: any) => (spec.layer ?? spec.spec.layer)[0].encoding.color.scale;
    const cnn = { domain: ['cnn'], range: [METHOD_COLORS.cnn] };
    expect(colour(figure4Spec([{ k: 16, method: 'cnn', rate: 0.5, ci }]))).toEqual(cnn);
    expect(colour(sgdSpec([{ k: 16, method: 'cnn', batch: 4, rate: 0.5, ci }]))).toEqual(cnn);
    expect(
      colour(fitFigureSpec([{ k: 16, method: 'cnn', target: { trials: 10, successes: 5, rate: 0.5 }, fitted: { rate: 0.5 } }], 't')),
    ).toEqual(cnn);
  });

  it('name the methods in words in the legends', () => {
    for (const file of ['docs/figure4.svg', 'docs/sgd.svg', 'docs/fit/fit.svg']) {
      const svg = readFileSync(join(ROOT, file), 'utf8');
      for (const words of file === 'docs/figure4.svg'
        ? Object.values(METHOD_LABELS)
        : [METHOD_LABELS['resnet-constant'], METHOD_LABELS.cnn])
        expect(svg, file).toContain(`>${words.replace('&', '&amp;')}</text>`);
    }
    expect(pictures['docs/figure5.svg']).toContain(`>${METHOD_LABELS['resnet-ssw']}</text>`);
  });

  it('Figure 5: panels of a column start at the same x, the stage-I rule at the same x, its label above the curves', () => {
    const svg = pictures['docs/figure5.svg'];
    const origins = [...svg.matchAll(/concat_(\d)_group"[^>]*><g transform="translate\(([\d.]+),([\d.]+)\)"/g)].map((m) => Number(m[2]));
    expect(origins).toHaveLength(4);
    expect(origins[2]).toBe(origins[0]);
    expect(origins[3]).toBe(origins[1]);
    const rules = [...svg.matchAll(/aria-roledescription="rule mark" transform="translate\(([\d.]+),/g)].map((m) => m[1]);
    expect(rules).toHaveLength(4);
    expect(new Set(rules).size).toBe(1);
    const labels = [...svg.matchAll(/transform="translate\([\d.]+,(-?[\d.]+)\)"[^>]*>end of stage I/g)].map((m) => Number(m[1]));
    expect(labels).toHaveLength(4);
    for (const y of labels) expect(y).toBeLessThan(0); // above the plot area, where no (clipped) curve runs
    expect(svg).toMatch(/<text[^>]*>loss L \(log scale\)</);
  });
});
