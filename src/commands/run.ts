// `shortcut-sim run --config FILE [--engine wasm|js|reduced|reduced-js] [--out FILE]`
import { Command } from 'commander';
import { parseRunConfig } from '../config.js';
import { createSimulator } from '../simulator.js';
import { outputFile, print, readJsonFile, writeFileAtomic } from '../io.js';
import type { EngineName, RunConfig } from '../types.js';
import { divergenceReason } from '../stability.js';
import { engineOption, expectConfig } from './options.js';

export function runCommand(): Command {
  return new Command('run')
    .description('run gradient descent from a config file and print the result JSON')
    .requiredOption('--config <file>', 'run config (JSON; see docs/api.md)')
    .addOption(engineOption('wasm'))
    .option('--out <file>', 'write the result JSON here instead of printing it')
    .action(async (opts: { config: string; engine: EngineName; out?: string }) => {
      const json = readJsonFile(opts.config, '--config');
      expectConfig('run', opts.config, json);
      parseRunConfig(json); // all problems of the config before any output is touched
      const out = opts.out === undefined ? undefined : outputFile('--out', opts.out, [{ what: 'the --config file', path: opts.config }]);
      const sim = await createSimulator({ engine: opts.engine });
      const run = sim.run(json as RunConfig);
      const result = JSON.stringify(run, null, 2) + '\n';
      if (out) writeFileAtomic(out, result);
      else print(result);
      if (run.outcome === 'diverged') process.stderr.write(`diverged: ${divergenceReason(json as RunConfig, run.iterations)}\n`);
    });
}
