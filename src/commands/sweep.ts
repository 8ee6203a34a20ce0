// `shortcut-sim sweep --config FILE [--out FILE.jsonl] [--aggregate FILE.json] [--shard i/N] [--fresh] [--workers N]`
import { basename, extname, join } from 'node:path';
import { Command } from 'commander';
import { outputFile, print, readJsonFile, UsageError } from '../io.js';
import { formatSweep, parseSweepConfig, runSweep, sweepFiles } from '../experiments/node/sweep.js';
import { parseShard } from '../experiments/node/trials.js';
import type { EngineName } from '../types.js';
import { expectConfig, freshOption, poolOptions, withPoolOptions } from './options.js';
import { DEFAULT_OUT } from '../limits.js';

interface SweepFlags {
  config: string;
  out?: string;
  aggregate?: string;
  shard?: string;
  fresh: boolean;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function sweepCommand(): Command {
  return withPoolOptions(
    new Command('sweep')
      .description('a grid of experiments × trials from a sweep config; one JSON line per finished trial, resumable, shardable')
      .requiredOption('--config <file>', 'sweep config (JSON; see docs/sweep.md and examples/sweep.json)')
      .option(
        '--out <file>',
        `trial records, one JSON line each (default ${DEFAULT_OUT}/NAME.jsonl, or ${DEFAULT_OUT}/NAME.part-i-of-N.jsonl for a shard)`,
      )
      .option(
        '--aggregate <file>',
        'the aggregate of an unsharded run (default: --out with .aggregate.json instead of .jsonl); its CSV and figure go beside it, NAME.csv and NAME.svg',
      )
      .option('--shard <i/N>', 'run only shard i of N (then combine the shards with `shortcut-sim merge`)')
      .addOption(freshOption('the --out trial file')),
  ).action(async (f: SweepFlags) => {
    const shard = f.shard === undefined ? undefined : parseShard(f.shard);
    const sharded = shard !== undefined && shard.count > 1;
    if (sharded && f.aggregate !== undefined)
      throw new UsageError(
        `--aggregate: a shard has no aggregate (it needs all shards); drop --aggregate and combine the shards' trial files with \`shortcut-sim merge PARTS… --out FILE\``,
      );
    const pool = poolOptions(f);
    const json = readJsonFile(f.config, '--config');
    expectConfig('sweep', f.config, json);
    const config = parseSweepConfig(json, f.engine);
    const name = basename(f.config, extname(f.config));
    const configFile = { what: 'the --config file', path: f.config };
    const out = outputFile(
      '--out',
      f.out ?? join(DEFAULT_OUT, sharded ? `${name}.part-${shard.index}-of-${shard.count}.jsonl` : `${name}.jsonl`),
      [configFile],
    );
    const inputs = [configFile, { what: 'the --out file', path: out }];
    const aggregate = sharded ? '' : outputFile('--aggregate', f.aggregate ?? out.replace(/\.jsonl$/, '') + '.aggregate.json', inputs);
    const [, csv, svg] = sharded ? [] : sweepFiles(aggregate).map((file) => outputFile('--aggregate', file, inputs));
    const result = await runSweep({ config, out, aggregate, shard, fresh: f.fresh, ...pool });
    if (result) {
      print(formatSweep(result));
      if (!f.quiet) process.stderr.write(`wrote ${out} (trials), ${aggregate} (aggregate), ${csv} and ${svg}\n`);
    } else if (!f.quiet) {
      process.stderr.write(
        `shard ${shard!.index}/${shard!.count} done: trials in ${out}; combine all shards with \`shortcut-sim merge\`\n`,
      );
    }
  });
}
