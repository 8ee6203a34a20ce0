// `shortcut-sim merge PARTS… --out FILE|DIR`: a sweep's shards into its aggregate (FILE), a study's
// shards (table1, sgd, …) into its folder (DIR), as one unsharded run writes them.
import { join } from 'node:path';
import { Command } from 'commander';
import { outputFile, outputFolder, print, writeFileAtomic } from '../io.js';
import { formatSweep } from '../experiments/node/sweep.js';
import { mergeParts, mergeStudyParts, partsKind, writeMergedStudy } from '../experiments/node/merge.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description(
      "combine the trial files of a sweep's or a study's shards into the files of the whole run, as one unsharded run writes them",
    )
    .argument('<parts...>', 'trial files (JSON lines) of the shards')
    .requiredOption(
      '--out <path>',
      "a sweep's: the aggregate file (JSON); a study's (table1, sgd): the output folder, which gets the study's files and trial file",
    )
    .action(async (parts: string[], f: { out: string }) => {
      const inputs = parts.map((path) => ({ what: 'one of the parts', path }));
      const kind = partsKind(parts);
      if (kind.kind === 'sweep') {
        const merged = mergeParts(parts);
        const out = outputFile('--out', f.out, inputs);
        writeFileAtomic(out, JSON.stringify(merged, null, 2) + '\n');
        print(formatSweep(merged));
        return;
      }
      outputFolder('--out', f.out);
      for (const file of kind.study.files) outputFile('--out', join(f.out, file), inputs);
      const merged = mergeStudyParts(parts);
      await writeMergedStudy(merged, f.out);
      if (merged.study.format) print(merged.study.format(merged.result));
    });
}
