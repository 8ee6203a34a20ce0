// `shortcut-sim figure5 [--out DIR] [--seed S] [--engine wasm|js|reduced|reduced-js] [--workers N] [--quiet]`
import { join } from 'node:path';
import { Command } from 'commander';
import { outputFile, outputFolder, print } from '../io.js';
import { FIGURE5_K } from '../presets.js';
import { FIGURE5_FILES, formatFigure5, runFigure5 } from '../experiments/node/figure5.js';
import { DEFAULT_EXPERIMENT_ENGINE } from '../experiments/node/trials.js';
import type { EngineName } from '../types.js';
import { engineOption, presetOption, wholeNumber, withWorkerOptions, workerCount, type PresetName } from './options.js';
import { DEFAULT_OUT, DEFAULT_SEED, LIMITS } from '../limits.js';

export function figure5Command(): Command {
  return withWorkerOptions(
    new Command('figure5')
      .description('Figure 5 (SPEC §6.2): one trajectory with and without step-size warmup')
      .option('--out <dir>', 'output folder', DEFAULT_OUT)
      .option('--seed <s>', `seed of the k = ${FIGURE5_K} teacher`, String(DEFAULT_SEED))
      .addOption(engineOption(DEFAULT_EXPERIMENT_ENGINE))
      .addOption(presetOption()),
  ).action(async (f: { out: string; seed: string; engine: EngineName; preset: PresetName; workers?: string; quiet: boolean }) => {
    const seed = wholeNumber('--seed', f.seed, LIMITS.seed.min, LIMITS.seed.max);
    workerCount(f.workers); // checked like the other experiments'; two short runs need one thread
    outputFolder('--out', f.out);
    for (const file of FIGURE5_FILES) outputFile('--out', join(f.out, file));
    const figure = await runFigure5({ out: f.out, seed, engine: f.engine, preset: f.preset });
    print(formatFigure5(figure));
    if (!f.quiet) process.stderr.write(`wrote ${join(f.out, FIGURE5_FILES[0])}, ${FIGURE5_FILES.slice(1).join(', ')}\n`);
  });
}
