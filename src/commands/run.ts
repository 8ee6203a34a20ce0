// `shortcut-sim run --config FILE [--engine wasm|js|reduced|reduced-js] [--out FILE] [--plot FILE.svg]`
import { basename } from 'node:path';
import { Command } from 'commander';
import { parseRunConfig } from '../config.js';
import { createSimulator } from '../simulator.js';
import { outputFile, print, readJsonFile, UsageError, writeFilesAtomic } from '../io.js';
import { renderSvg } from '../plots/render.js';
import { logEveryFor, runPlotSpec } from '../plots/runPlot.js';
import type { EngineName, RunConfig } from '../types.js';
import { divergenceReason } from '../stability.js';
import { engineOption, expectConfig } from './options.js';
import { PLOT_SAMPLES } from '../limits.js';

interface RunFlags {
  config: string;
  engine: EngineName;
  out?: string;
  plot?: string;
}

export function runCommand(): Command {
  return new Command('run')
    .description('run gradient descent from a config file and print the result JSON')
    .requiredOption('--config <file>', 'run config (JSON; see docs/api.md)')
    .addOption(engineOption('wasm'))
    .option('--out <file>', 'write the result JSON here instead of printing it')
    .option(
      '--plot <file.svg>',
      `also draw the trajectory into this SVG file, as Figure 5's panels (a wide student: each filter's angle and the loss); ` +
        `a config that logs no trajectory is logged every ⌈maxIter/${PLOT_SAMPLES}⌉ steps for it, its result unchanged`,
    )
    .action(async (f: RunFlags) => {
      const json = readJsonFile(f.config, '--config');
      expectConfig('run', f.config, json);
      const valid = parseRunConfig(json); // all problems of the config before any output is touched
      const inputs = [{ what: 'the --config file', path: f.config }];
      const out = f.out === undefined ? undefined : outputFile('--out', f.out, inputs);
      const plot =
        f.plot === undefined
          ? undefined
          : plotFile(f.plot, out === undefined ? inputs : [...inputs, { what: 'the --out file', path: out }]);
      const sim = await createSimulator({ engine: f.engine });
      // The plot needs samples: a config without them logs for the plot alone (a sample changes no step).
      const logged = plot !== undefined && valid.logEvery === 0;
      const result = sim.run(logged ? { ...(json as RunConfig), logEvery: logEveryFor(valid.maxIter, PLOT_SAMPLES) } : (json as RunConfig));
      const svg =
        plot === undefined
          ? undefined
          : await renderSvg(
              runPlotSpec(valid, result, `${basename(f.config)}: ${result.outcome} after ${result.iterations} steps`, PLOT_SAMPLES),
            );
      if (logged) delete result.trajectory;
      const text = JSON.stringify(result, null, 2) + '\n';
      writeFilesAtomic([
        ...(out === undefined ? [] : [{ path: out, data: text }]),
        ...(plot === undefined ? [] : [{ path: plot, data: svg! }]),
      ]);
      if (out === undefined) print(text);
      if (result.outcome === 'diverged') process.stderr.write(`diverged: ${divergenceReason(json as RunConfig, result.iterations)}\n`);
    });
}

/** --plot: an SVG file, checked as every output is. */
function plotFile(path: string, inputs: { what: string; path: string }[]): string {
  if (!/\.svg$/i.test(path)) throw new UsageError(`--plot: must be an SVG file, a path ending in .svg (got '${path}')`);
  return outputFile('--plot', path, inputs);
}
