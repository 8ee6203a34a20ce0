// `shortcut-sim merge PARTS… --out FILE`
import { Command } from 'commander';
import { formatSweep } from '../experiments/sweep.js';
import { writeMerged } from '../experiments/merge.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description("combine the trial files of a sweep's shards into the aggregate of the whole sweep")
    .argument('<parts...>', 'trial files (JSON lines) of the shards')
    .requiredOption('--out <file>', 'where to write the aggregate (JSON)')
    .action((parts: string[], f: { out: string }) => {
      process.stdout.write(formatSweep(writeMerged(parts, f.out)));
    });
}
