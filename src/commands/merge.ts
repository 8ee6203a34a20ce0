// `shortcut-sim merge PARTS… --out FILE`
import { Command } from 'commander';
import { outputFile, print, writeFileAtomic } from '../io.js';
import { formatSweep } from '../experiments/node/sweep.js';
import { mergeParts } from '../experiments/node/merge.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description("combine the trial files of a sweep's shards into the aggregate of the whole sweep")
    .argument('<parts...>', 'trial files (JSON lines) of the shards')
    .requiredOption('--out <file>', 'where to write the aggregate (JSON)')
    .action((parts: string[], f: { out: string }) => {
      const merged = mergeParts(parts);
      const out = outputFile('--out', f.out, parts.map((path) => ({ what: 'one of the parts', path })));
      writeFileAtomic(out, JSON.stringify(merged, null, 2) + '\n');
      print(formatSweep(merged));
    });
}
