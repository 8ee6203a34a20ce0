// `shortcut-sim merge PARTS… [--out FILE|DIR]`: a sweep's shards into its aggregate (FILE), a study's
// shards (table1, sgd, …) into its folder (DIR), as one unsharded run writes them. Without --out, where
// that run would have written them: NAME.aggregate.json beside NAME.part-i-of-N.jsonl, the parts' folder.
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { outputFile, outputFolder, print, UsageError } from '../io.js';
import { formatSweep, sweepFiles, writeSweepFiles } from '../experiments/node/sweep.js';
import { mergeParts, mergeStudyParts, partsKind, writeMergedStudy } from '../experiments/node/merge.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description(
      "combine the trial files of a sweep's or a study's shards into the files of the whole run, as one unsharded run writes them",
    )
    .argument('<parts...>', 'trial files (JSON lines) of the shards')
    .option(
      '--out <path>',
      "a sweep's: the aggregate file (JSON; default NAME.aggregate.json beside NAME.part-i-of-N.jsonl), its CSV and figure beside it; " +
        "a study's (table1, sgd, width): " +
        "the output folder, which gets the study's files and trial file (default: the parts' folder)",
    )
    .action(async (parts: string[], f: { out?: string }) => {
      const inputs = parts.map((path) => ({ what: 'one of the parts', path }));
      const kind = partsKind(parts);
      if (kind.kind === 'sweep') {
        const merged = mergeParts(parts);
        const out = outputFile('--out', f.out ?? aggregateBeside(parts[0]), inputs);
        for (const file of sweepFiles(out)) outputFile('--out', file, inputs);
        await writeSweepFiles(out, merged);
        print(formatSweep(merged));
        return;
      }
      const folder = f.out ?? dirname(parts[0]);
      outputFolder('--out', folder);
      for (const file of kind.study.files) outputFile('--out', join(folder, file), inputs);
      const merged = mergeStudyParts(parts);
      await writeMergedStudy(merged, folder);
      if (merged.study.format) print(merged.study.format(merged.result));
    });
}

/** NAME.aggregate.json for a shard NAME.part-i-of-N.jsonl, as the unsharded sweep names its aggregate. */
function aggregateBeside(part: string): string {
  const match = /^(.*)\.part-\d+-of-\d+\.jsonl$/.exec(part);
  if (!match) throw new UsageError(`--out: is required when the parts are not named NAME.part-i-of-N.jsonl (got '${part}')`);
  return `${match[1]}.aggregate.json`;
}
