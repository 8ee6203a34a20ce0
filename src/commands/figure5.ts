// `shortcut-sim figure5 [--out DIR] [--seed S] [--engine wasm|js|reduced]`
import { Command } from 'commander';
import { formatFigure5, runFigure5 } from '../experiments/figure5.js';
import { DEFAULT_EXPERIMENT_ENGINE } from '../experiments/trials.js';
import type { EngineName } from '../types.js';
import { engineOption, presetOption, wholeNumber, type PresetName } from './options.js';

export function figure5Command(): Command {
  return new Command('figure5')
    .description('Figure 5 (SPEC §6.2): one trajectory with and without step-size warmup')
    .option('--out <dir>', 'output folder', 'results')
    .option('--seed <s>', 'seed of the k = 16 teacher', '1')
    .addOption(engineOption(DEFAULT_EXPERIMENT_ENGINE))
    .addOption(presetOption())
    .action(async (f: { out: string; seed: string; engine: EngineName; preset: PresetName }) => {
      const figure = await runFigure5({ out: f.out, seed: wholeNumber('--seed', f.seed, 0, 1e9), engine: f.engine, preset: f.preset });
      process.stdout.write(formatFigure5(figure));
    });
}
