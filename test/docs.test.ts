// The README's samples and the SVG figures in docs/ are what the commands print and write today
// (scripts/samples.mjs lists them; `npm run docs` regenerates them). Every sample command is run
// here in full, Table 1 at full scale included (a few seconds on the reduced engine).
// Not covered: docs/web.png (a screenshot; fonts and timings make its pixels vary) and the
// hand-written schema blocks (run config and run result) with their comments.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PICTURES, ROOT, SAMPLES, abridgeJson, abridgeLines, readmeBlocks, runSamples, withBlocks } from '../scripts/samples.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
let texts: Record<string, string>;
const pictures: Record<string, string> = {};

beforeAll(() => {
  texts = runSamples(SAMPLES, (sample: { name: string }, run: { file(name: string): string }) => {
    for (const [name, from, to] of PICTURES as [string, string, string][]) if (name === sample.name) pictures[to] = run.file(from);
  });
}, 120_000);

describe('README samples', () => {
  it('has exactly one block per sample of scripts/samples.mjs', () => {
    const names = SAMPLES.map((s: { name: string }) => s.name);
    expect(Object.keys(readmeBlocks(readme)).sort()).toEqual([...names].sort());
    expect(readme.match(/^<!-- sample: /gm)).toHaveLength(names.length); // no marker left unparsed
  });

  it.each(SAMPLES.map((s: { name: string; command: string }) => [s.name, s.command]))(
    'block %s shows what `%s` prints', (name) => {
      expect(readmeBlocks(readme)[name]).toBe(texts[name]);
    });

  it('the README is a fixed point of `npm run docs` (markers record the commands)', () => {
    expect(withBlocks(readme, texts)).toBe(readme);
  });

  it('would notice a stale number', () => {
    const stale = withBlocks(readme, { ...texts, 'sweep-trial': texts['sweep-trial'].replace(/\d(?=e-)/, (d: string) => String((+d + 1) % 10)) });
    expect(stale).not.toBe(readme);
    expect(readmeBlocks(stale)['sweep-trial']).not.toBe(texts['sweep-trial']);
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
