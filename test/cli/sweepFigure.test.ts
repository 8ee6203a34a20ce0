// A sweep's CSV and figure beside its aggregate: the CSV's rows are the aggregate's, the figure draws
// the success rate against the grid's first varying axis, one line per method and schedule, one panel
// per combination of the other varying axes; the aggregate itself is written as before.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSweepConfig, runSweep, sweepCells, sweepFiles } from '../../src/experiments/node/sweep.js';
import { sweepPlot } from '../../src/experiments/core/sweep.js';
import { MAX_SWEEP_PANELS } from '../../src/limits.js';
import { cli, tempDir } from '../helpers.js';

const read = (path: string) => readFileSync(path, 'utf8');

/** The plot of a config's cells, each with a made-up rate. */
function plotOf(input: object) {
  const config = parseSweepConfig(input);
  return sweepPlot(
    config,
    sweepCells(config).map((c) => ({ ...c, rate: c.cell / 1000, ci: [0, 1] as [number, number] })),
  );
}

describe('the sweep figure', () => {
  it('takes the first axis the grid varies as x, the other varying ones as panels, the listed schedule numbers as series', () => {
    const plot = plotOf({
      trials: 1,
      grid: { k: [16, 20], radiusScale: [0.5, 1], methods: [{ method: 'resnet-ssw', warmup: [0, 100] }, 'cnn'] },
    });
    expect(plot.axis).toStrictEqual({ title: 'k (= p)', log: false, values: [16, 20] });
    expect(plot.panels).toStrictEqual(['radius = 0.5', 'radius = 1']);
    expect(plot.hiddenPanels).toBe(0);
    // Cells: k, radius, then method and schedule innermost: three series per (k, radius).
    expect(plot.rows.slice(0, 3).map((r) => [r.x, r.panel, r.method, r.schedule])).toStrictEqual([
      [16, 'radius = 0.5', 'resnet-ssw', 'warmup=0'],
      [16, 'radius = 0.5', 'resnet-ssw', 'warmup=100'],
      [16, 'radius = 0.5', 'cnn', ''],
    ]);
    expect(plot.rows.at(-1)).toMatchObject({ x: 20, panel: 'radius = 1', method: 'cnn', rate: 11 / 1000 });
  });

  it('keeps a series whole when scaling stretches its steps per batch size, on a log axis', () => {
    const plot = plotOf({
      trials: 1,
      scale: 'linear',
      grid: { k: [16], batch: [4, 16, 64], methods: [{ method: 'resnet-constant', etaA: [0.1, 0.05] }] },
    });
    expect(plot.axis).toStrictEqual({ title: 'batch size B', log: true, values: [4, 16, 64] });
    expect(plot.panels).toStrictEqual(['']);
    expect(plot.rows.map((r) => r.schedule)).toStrictEqual(['etaA=0.1', 'etaA=0.05', 'etaA=0.1', 'etaA=0.05', 'etaA=0.1', 'etaA=0.05']);
  });

  it('without a varying axis draws one point per series; past MAX_SWEEP_PANELS panels, the first ones and says so', () => {
    const single = plotOf({ trials: 1, grid: { k: [16] } });
    expect(single.axis).toBeUndefined();
    expect(single.rows.map((r) => [r.x, r.method])).toStrictEqual([
      [undefined, 'resnet-ssw'],
      [undefined, 'resnet-constant'],
      [undefined, 'cnn'],
    ]);
    const radii = Array.from({ length: MAX_SWEEP_PANELS + 6 }, (_, i) => (i + 1) / 10);
    const many = plotOf({ trials: 1, grid: { k: [16, 20], radiusScale: radii, methods: ['cnn'] } });
    expect(many.panels).toHaveLength(MAX_SWEEP_PANELS);
    expect(many.hiddenPanels).toBe(6);
    expect(many.rows).toHaveLength(2 * MAX_SWEEP_PANELS);
  });
});

describe('the sweep files', () => {
  it('are NAME.csv and NAME.svg beside NAME.aggregate.json (or NAME.json)', () => {
    expect(sweepFiles('results/grid.aggregate.json')).toStrictEqual([
      'results/grid.aggregate.json',
      'results/grid.csv',
      'results/grid.svg',
    ]);
    expect(sweepFiles('a/b.json')).toStrictEqual(['a/b.json', 'a/b.csv', 'a/b.svg']);
    expect(sweepFiles('a/b.out')).toStrictEqual(['a/b.out', 'a/b.out.csv', 'a/b.out.svg']);
  });

  it('hold the aggregate as before and its rows as CSV, with the data and width columns the grid lists', async () => {
    const dir = tempDir('shortcut-sim-sweep-files-');
    for (const [name, grid] of [
      ['sampled', { k: [8], batch: [2, 4], labelNoise: [0.1], methods: ['resnet-constant'] }],
      ['wide', { k: [8], width: [1, 2], methods: ['cnn'] }],
    ] as const) {
      const aggregate = join(dir, `${name}.aggregate.json`);
      const result = (await runSweep({ config: { trials: 4, maxIter: 300, grid }, aggregate, workers: 0 }))!;
      expect(read(aggregate)).toBe(JSON.stringify(result, null, 2) + '\n');
      const [header, ...lines] = read(join(dir, `${name}.csv`))
        .trim()
        .split('\n');
      const columns = header.split(',');
      expect(columns.includes('batch')).toBe(name === 'sampled');
      expect(columns.includes('width')).toBe(name === 'wide');
      expect(lines).toHaveLength(result.rows.length);
      lines.forEach((line, i) => {
        const cells = Object.fromEntries(line.split(',').map((v, j) => [columns[j], v]));
        const row = result.rows[i];
        expect(Number(cells.cell)).toBe(row.cell);
        expect(Number(cells.rate)).toBe(row.rate);
        expect([Number(cells.ci_lo), Number(cells.ci_hi)]).toStrictEqual(row.ci);
        expect(Number(cells.successes)).toBe(row.outcomes.global);
        if (name === 'sampled') expect([Number(cells.batch), cells.n, Number(cells.label_noise)]).toStrictEqual([row.data!.batch, '', 0.1]);
        if (name === 'wide') expect(Number(cells.width)).toBe(row.width);
      });
      const svg = read(join(dir, `${name}.svg`));
      expect(svg).toContain(name === 'sampled' ? 'batch size B' : 'filters r');
    }
  });

  it('are checked as outputs before any work, and named when written', () => {
    const dir = tempDir('shortcut-sim-sweep-files-');
    const config = join(dir, 'grid.json');
    expect(cli(['sweep', '--config', config]).status).toBe(2); // no config yet: nothing to run
    writeFileSync(config, JSON.stringify({ trials: 2, grid: { k: [16], methods: ['cnn'] } }));
    mkdirSync(join(dir, 'grid.svg'));
    const r = cli(['sweep', '--config', config, '--out', join(dir, 'grid.jsonl'), '--workers', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--aggregate '.*grid\.svg' is not a regular file \(a directory\)/);
    expect(existsSync(join(dir, 'grid.jsonl'))).toBe(false);
    expect(cli(['sweep', '--config', config, '--out', join(dir, 'other.jsonl'), '--workers', '1']).stderr).toMatch(
      /wrote .*other\.jsonl \(trials\), .*other\.aggregate\.json \(aggregate\), .*other\.csv and .*other\.svg/,
    );
  });
});
