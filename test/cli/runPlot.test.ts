// `run --plot FILE.svg`: the run's trajectory as Figure 5's panels (a wide student's: each filter's
// angle and the loss), the result unchanged by the samples the plot records, bad paths refused before
// any output is written.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '../../src/simulator.js';
import { runPlotSpec, thinned } from '../../src/plots/runPlot.js';
import type { RunConfig } from '../../src/types.js';
import { cli, tempDir } from '../helpers.js';

const LONG = 60_000;
const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const read = (path: string) => readFileSync(path, 'utf8');
const PANELS = ['φ = ∠(w̄, w*)', 'aᵀa*', '‖a − a*‖', 'loss L (log scale)'];

function refused(r: { status: number | null; stderr: string }, text: RegExp) {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr).toMatch(text);
  expect(r.status).toBe(2);
}

describe('run --plot', () => {
  it(
    "draws Figure 5's panels of a population run and prints the result it prints without --plot",
    () => {
      const dir = tempDir('shortcut-sim-plot-'),
        svg = join(dir, 'constant.svg');
      const plain = cli(['run', '--config', example('figure5-constant.json')]);
      const plotted = cli(['run', '--config', example('figure5-constant.json'), '--plot', svg]);
      expect(plotted.status, plotted.stderr).toBe(0);
      // The config logs no trajectory: the plot's samples are recorded for it alone, no bit moves.
      expect(plotted.stdout).toBe(plain.stdout);
      expect(JSON.parse(plotted.stdout).trajectory).toBeUndefined();
      const text = read(svg);
      expect(text.startsWith('<svg')).toBe(true);
      for (const title of PANELS) expect(text).toContain(title);
      expect(text).toContain('figure5-constant.json: spurious after 337 steps');
      // The warmup run marks the end of its stage I, as Figure 5 does; the constant one has none.
      expect(text).not.toContain('end of stage I');
      const ssw = join(dir, 'ssw.svg');
      expect(cli(['run', '--config', example('figure5-ssw.json'), '--plot', ssw]).status).toBe(0);
      expect(read(ssw)).toContain('end of stage I (t = 500)');
    },
    LONG,
  );

  it('draws every step the run logged (Figure 5: each step), at most PLOT_SAMPLES of a longer log', async () => {
    const sim = await createSimulator({ engine: 'js' });
    const config = JSON.parse(read(example('figure5-ssw.json'))) as RunConfig;
    const result = sim.run({ ...config, logEvery: 1 });
    const spec = runPlotSpec(config, result, 'a run', 5000) as { data: { values: { t: number; run: string }[] } };
    expect(spec.data.values.map((v) => v.t)).toStrictEqual(Array.from({ length: result.iterations + 1 }, (_, t) => t));
    expect(new Set(spec.data.values.map((v) => v.run))).toStrictEqual(new Set(['resnet-ssw']));
    // A longer log is thinned to every m-th sample and the last.
    const long = Array.from({ length: 12_001 }, (_, i) => i);
    const kept = thinned(long, 5000);
    expect(kept.length).toBeLessThanOrEqual(5001);
    expect(kept.at(-1)).toBe(12_000);
    expect(kept.slice(0, 3)).toStrictEqual([0, 3, 6]);
    expect(thinned(long.slice(0, 900), 5000)).toHaveLength(900);
  });

  it(
    "keeps a logged trajectory in the result, draws a sampled run's losses and a wide student's filters",
    () => {
      const dir = tempDir('shortcut-sim-plot-');
      const config = JSON.parse(read(example('figure5-ssw.json')));
      writeFileSync(join(dir, 'logged.json'), JSON.stringify({ ...config, logEvery: 100 }));
      const logged = cli(['run', '--config', join(dir, 'logged.json'), '--plot', join(dir, 'logged.svg')]);
      expect(logged.status, logged.stderr).toBe(0);
      expect(JSON.parse(logged.stdout).trajectory.map((s: { t: number }) => s.t)).toStrictEqual([
        0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 909,
      ]);
      const sampled = cli(['run', '--config', example('sgd-online.json'), '--plot', join(dir, 'sgd.svg')]);
      expect(sampled.status, sampled.stderr).toBe(0);
      expect(read(join(dir, 'sgd.svg'))).toContain('mini-batch');
      writeFileSync(
        join(dir, 'wide.json'),
        JSON.stringify({ ...config, maxIter: 600, init: { a0: [config.init.a0, config.init.a0.map((x: number) => x / 2)] } }),
      );
      const wide = cli([
        'run',
        '--config',
        join(dir, 'wide.json'),
        '--plot',
        join(dir, 'wide.svg'),
        '--out',
        join(dir, 'wide.result.json'),
      ]);
      expect(wide.status, wide.stderr).toBe(0);
      const svg = read(join(dir, 'wide.svg'));
      expect(svg).toContain('angle of each filter to w*');
      expect(svg).toContain('filter 2');
      expect(JSON.parse(read(join(dir, 'wide.result.json'))).a).toHaveLength(2);
    },
    LONG,
  );

  it(
    'refuses a path that is not .svg, or is another output or the config, and a bad config, writing nothing',
    () => {
      const dir = tempDir('shortcut-sim-plot-');
      const config = example('figure5-constant.json');
      refused(
        cli(['run', '--config', config, '--out', join(dir, 'r.json'), '--plot', join(dir, 'p.png')]),
        /^shortcut-sim: --plot: must be an SVG file, a path ending in \.svg \(got '.*p\.png'\)\n$/,
      );
      refused(
        cli(['run', '--config', config, '--out', join(dir, 'same.svg'), '--plot', join(dir, 'same.svg')]),
        /--plot '.*same\.svg' is the --out file/,
      );
      const svgConfig = join(dir, 'config.svg');
      writeFileSync(svgConfig, read(config));
      refused(cli(['run', '--config', svgConfig, '--plot', svgConfig]), /--plot '.*config\.svg' is the --config file/);
      expect(read(svgConfig)).toBe(read(config));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...JSON.parse(read(config)), maxIter: -1 }));
      refused(cli(['run', '--config', join(dir, 'bad.json'), '--plot', join(dir, 'bad.svg')]), /maxIter: must be a whole number/);
      refused(
        cli(['run', '--config', config, '--plot', join(dir, 'no', 'such', 'folder', '..', '..', 'x.svg'), '--engine', 'nosuch']),
        /engine/,
      );
      expect(readdirSync(dir).sort()).toStrictEqual(['bad.json', 'config.svg']);
      expect(existsSync(join(dir, 'no'))).toBe(false);
    },
    LONG,
  );
});
