// `shortcut-sim table1 [--trials N] [--k LIST] [--methods LIST] [--seed S] [--compare FILE] [--out DIR] [--shard i/N] [--workers N]`
import { Command } from 'commander';
import { print, readJsonFile, UsageError } from '../io.js';
import { METHODS } from '../presets.js';
import { formatTable1, runTable1, TABLE1_FILES, TABLE1_STUDY } from '../experiments/node/table1.js';
import { sizeProblem } from '../experiments/core/sweepConfig.js';
import { parseShard } from '../experiments/node/trials.js';
import { isPart } from '../experiments/node/study.js';
import {
  asFlags,
  freshOption,
  listOf,
  method,
  poolOptions,
  presetOption,
  shardDone,
  shardOption,
  studyOutputs,
  wholeNumber,
  withPoolOptions,
  type PresetName,
} from './options.js';
import type { EngineName } from '../types.js';
import type { FitTargetFile } from '../experiments/core/fitTarget.js';
import { DEFAULT_OUT, DEFAULT_SEED, LIMITS, TABLE1_K, TABLE1_TRIALS } from '../limits.js';

interface Table1Flags {
  preset: PresetName;
  trials: string;
  k: string;
  methods: string;
  seed: string;
  compare?: string;
  out: string;
  shard?: string;
  fresh: boolean;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function table1Command(): Command {
  return withPoolOptions(
    new Command('table1')
      .description('Table 1 and Figure 4 (SPEC §6.1): success rate per k and method; resumes an interrupted run')
      .option('--trials <n>', 'trials per (k, method)', String(TABLE1_TRIALS))
      .option('--k <list>', 'comma-separated k values (p = k)', TABLE1_K.join(','))
      .option('--methods <list>', `comma-separated methods: ${METHODS.join(', ')}`, METHODS.join(','))
      .option('--seed <s>', 'experiment seed', String(DEFAULT_SEED))
      .option(
        '--compare <file>',
        'published success rates (a fit target, e.g. examples/paper-table1.json): each beside its cell, with the gap in standard errors',
      )
      .option('--out <dir>', 'output folder', DEFAULT_OUT)
      .addOption(presetOption())
      .addOption(shardOption(TABLE1_FILES[3]))
      .addOption(freshOption(`its trial file (DIR/${TABLE1_FILES[3]}, or a shard's own)`)),
  ).action(async (f: Table1Flags) => {
    const trials = wholeNumber('--trials', f.trials, LIMITS.trials.min, LIMITS.trials.max); // the size check below gives the limit
    const k = listOf('--k', f.k, (s) => wholeNumber('--k', s, LIMITS.k.min, LIMITS.k.max));
    const methods = listOf('--methods', f.methods, method);
    const problem = sizeProblem(k.length * methods.length, trials, 2 * k.reduce((a, b) => a + b, 0) * methods.length * trials, 'run');
    if (problem) throw new UsageError(`--trials: ${k.length} k × ${methods.length} methods = ${problem} (fewer trials, k or methods)`);
    const seed = wholeNumber('--seed', f.seed, LIMITS.seed.min, LIMITS.seed.max),
      pool = poolOptions(f);
    const shard = f.shard === undefined ? undefined : parseShard(f.shard);
    if (f.compare !== undefined && isPart(shard))
      throw new UsageError(
        `--compare: a shard prints no table; merge the shards, then \`shortcut-sim table1 --compare ${f.compare} --out DIR\` on the merged folder (its trials are done)`,
      );
    const compare = f.compare === undefined ? {} : { compare: readJsonFile(f.compare, '--compare') as FitTargetFile }; // checked by runTable1
    studyOutputs(TABLE1_STUDY, f.out, shard);
    const table = await asFlags(
      runTable1({ trials, k, methods, seed, out: f.out, preset: f.preset, shard, fresh: f.fresh, ...compare, ...pool }),
      ['compare'],
    );
    if (!table) {
      if (!f.quiet) process.stderr.write(shardDone(TABLE1_STUDY, f.out, shard!));
      return;
    }
    print(formatTable1(table));
    if (!f.quiet) process.stderr.write(`wrote ${f.out}/table1.json, table1.csv, figure4.svg (engine ${f.engine})\n`);
  });
}
