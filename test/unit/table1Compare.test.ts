// Table 1 beside published cells (`table1 --compare`): the gap in standard errors of the difference
// of two binomial rates, checked by Monte Carlo under the null of one common rate, and the text, CSV
// and JSON that carry it.
import { describe, it, expect } from 'vitest';
import { compareTable1, formatTable1, table1Csv, type Table1, type Table1Row } from '../../src/experiments/core/table1.js';
import { parseFitTarget, type FitTarget } from '../../src/experiments/core/fitTarget.js';
import type { Method } from '../../src/presets.js';
import { Random } from '../../src/random.js';

/** A row with the counts compareTable1 reads (the rest of the summary as a run would give it). */
function row(k: number, method: Method, successes: number, trials: number): Table1Row {
  return {
    k,
    method,
    trials,
    successes,
    rate: successes / trials,
    ci: [0, 1],
    outcomes: { global: successes, spurious: trials - successes, unconverged: 0, diverged: 0 },
    meanIterations: 100,
  };
}

function binomial(random: Random, n: number, p: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) if (random.uniform() < p) s++;
  return s;
}

/**
 * The mean of gap² over `pairs` comparisons where both sides share the rate p: 1 when the gap is in
 * the right standard errors (gap ~ N(0, 1) for large counts).
 */
function meanSquaredGap(gap: (published: number, n: number, ours: number, m: number) => number, pairs = 4000): number {
  const random = new Random('table1-compare', 'null');
  const n = 300, // published trials
    m = 1200, // ours: a different count, so both must enter the SE
    p = 0.6;
  let sum = 0;
  for (let i = 0; i < pairs; i++) sum += gap(binomial(random, n, p), n, binomial(random, m, p), m) ** 2;
  return sum / pairs;
}

/** compareTable1's gap of one cell. */
const gapOf = (y: number, n: number, x: number, m: number) =>
  compareTable1([row(16, 'cnn', x, m)], { cells: [{ k: 16, method: 'cnn', trials: n, successes: y }] }).cells[0].gap;

describe('the gap of a cell, in standard errors of the difference of the two rates', () => {
  // gap² is χ²₁ under the null: variance 2, so the mean of 4000 has SE √(2/4000) = 0.022 and the
  // band ±0.1 is 4.5 SE (false alarm ≈ 10⁻⁵). A gap that forgets one side's trial count (both as
  // ours) has E gap² = (1/300 + 1/1200)/(2/1200) = 2.5, 67 SE away: power ≈ 1.
  const TOLERANCE = 0.1;

  it('is N(0, 1)-sized when both sides have one rate (Monte Carlo, 4000 pairs of 300 and 1200 trials)', () => {
    expect(Math.abs(meanSquaredGap(gapOf) - 1)).toBeLessThan(TOLERANCE);
  });

  it('a gap with the wrong standard error fails the same test', () => {
    const equalCounts = (y: number, n: number, x: number, m: number) => {
      const p = (x + y) / (n + m);
      return (x / m - y / n) / Math.sqrt((p * (1 - p) * 2) / m);
    };
    expect(Math.abs(meanSquaredGap(equalCounts) - 1)).toBeGreaterThan(TOLERANCE);
  });

  it('is signed as (this table − published)', () => {
    expect(gapOf(3521, 5000, 3554, 5000)).toBeGreaterThan(0);
    expect(gapOf(3554, 5000, 3521, 5000)).toBeLessThan(0);
    expect(gapOf(3554, 5000, 3554, 5000)).toBe(0);
  });

  it('is 0 and uninformative where both sides are all successes', () => {
    const c = compareTable1([row(16, 'resnet-ssw', 40, 40)], { cells: [{ k: 16, method: 'resnet-ssw', trials: 5000, successes: 5000 }] });
    expect(c.cells[0].gap).toBe(0);
    expect(c.informativeCells).toBe(0);
    expect(c.pearsonChi2).toBe(0);
  });
});

describe('a comparison', () => {
  const target: FitTarget = parseFitTarget({
    source: 'somewhere',
    cells: [
      { k: 16, method: 'cnn', trials: 1000, rate: 0.5 },
      { k: 36, method: 'cnn', trials: 1000, successes: 530 },
      { k: 16, method: 'resnet-ssw', trials: 1000, rate: 1 },
      { k: 100, method: 'cnn', trials: 1000, rate: 0.5 },
    ],
  });
  const rows = [row(16, 'resnet-ssw', 200, 200), row(25, 'resnet-ssw', 200, 200), row(16, 'cnn', 110, 200), row(25, 'cnn', 90, 200)];
  const comparison = compareTable1(rows, target);
  const table: Table1 = {
    version: 1,
    seed: 1,
    config: { trials: 200, k: [16, 25], methods: ['resnet-ssw', 'cnn'], maxIter: 5000 },
    rows,
    comparison,
  };

  it("takes the target's cells the table has, in the table's order, and names the rest", () => {
    expect(comparison.cells.map((c) => `${c.method}/${c.k}`)).toEqual(['resnet-ssw/16', 'cnn/16']);
    expect(comparison.notInTable).toEqual([
      { k: 36, method: 'cnn' },
      { k: 100, method: 'cnn' },
    ]);
    expect(comparison.cells[1]).toMatchObject({ trials: 1000, successes: 500, rate: 0.5 });
    expect(comparison.source).toBe('somewhere');
  });

  it("sums Pearson's χ² over the informative cells", () => {
    expect(comparison.informativeCells).toBe(1);
    expect(comparison.pearsonChi2).toBeCloseTo(comparison.cells[1].gap ** 2, 15);
    expect(comparison.cells[1].gap).toBeGreaterThan(0);
  });

  it('prints each published rate and gap under its own k, and says how the gap is measured', () => {
    const lines = formatTable1(table).split('\n');
    // Labels are left-aligned, numbers right-aligned under their headers (columns two spaces apart).
    const tableLines = lines.slice(
      1,
      lines.findIndex((l) => l.startsWith('published:')),
    );
    const label = (line: string) => /^ *\S+(?: \S+)*/.exec(line)![0];
    const ends = [
      Math.max(...tableLines.map((l) => label(l).length)),
      ...[...lines[1].matchAll(/\S+/g)].slice(1).map((m) => m.index + m[0].length),
    ];
    const cells = (line: string) => ends.map((end, j) => line.slice(j === 0 ? 0 : ends[j - 1], end).trim());
    const under = (method: string, label: string) =>
      cells(lines.slice(lines.findIndex((l) => l.startsWith(method))).find((l) => l.startsWith(label))!);
    expect(cells(lines[1])).toEqual(['method', 'k=16', 'k=25']);
    expect(under('cnn', '  published')).toEqual(['published', '0.5000', '']);
    expect(under('cnn', '  gap (SE)')).toEqual(['gap (SE)', `+${comparison.cells[1].gap.toFixed(2)}`, '']);
    expect(under('resnet-ssw', '  gap (SE)')).toEqual(['gap (SE)', '0.00', '']);
    expect(formatTable1(table)).toContain('2 of its cells are at k or methods not run here');
    expect(formatTable1(table)).toContain('200 trials here and 1000 there');
  });

  it('adds the published cell and the gap as four CSV columns, empty where nothing was published', () => {
    const [header, ...lines] = table1Csv(table).trimEnd().split('\n');
    expect(header.split(',').slice(-4)).toEqual(['published_trials', 'published_successes', 'published_rate', 'gap_se']);
    expect(lines[2].split(',').slice(-4)).toEqual(['1000', '500', '0.5', String(comparison.cells[1].gap)]);
    expect(lines[3].split(',').slice(-4)).toEqual(['', '', '', '']);
    const plain = table1Csv({ ...table, comparison: undefined });
    expect(plain.split('\n')[0]).not.toContain('published');
  });
});
