// `shortcut-sim run --config FILE [--engine wasm|js|reduced] [--out FILE]`
import { Command } from 'commander';
import { createSimulator } from '../simulator.js';
import { readJsonFile, writeFileAtomic } from '../io.js';
import type { EngineName, RunConfig } from '../types.js';
import { engineOption } from './options.js';

export function runCommand(): Command {
  return new Command('run')
    .description('run gradient descent from a config file and print the result JSON')
    .requiredOption('--config <file>', 'run config (JSON; see README)')
    .addOption(engineOption('wasm'))
    .option('--out <file>', 'write the result JSON here instead of printing it')
    .action(async (opts: { config: string; engine: EngineName; out?: string }) => {
      const config = readJsonFile(opts.config, '--config') as RunConfig;
      const sim = await createSimulator({ engine: opts.engine });
      const json = JSON.stringify(sim.run(config), null, 2) + '\n';
      if (opts.out) writeFileAtomic(opts.out, json);
      else process.stdout.write(json);
    });
}
