// `shortcut-sim sgd [--k LIST] [--batch LIST] [--methods LIST] [--trials N] [--n N] [--label-noise S] [--seed S] [--schedule KIND] [--scale RULE] [--preset NAME] [--out DIR] [--shard i/N]`
import { Command } from 'commander';
import { print } from '../io.js';
import { METHODS } from '../presets.js';
import { formatSgd, runSgd, SGD_FILES, SGD_STUDY } from '../experiments/node/sgd.js';
import { parseShard } from '../experiments/node/trials.js';
import {
  asFlags,
  batchSizes,
  freshOption,
  listOf,
  method,
  poolOptions,
  presetOption,
  sgdAxes,
  shardDone,
  shardOption,
  studyOutputs,
  wholeNumber,
  withPoolOptions,
  withSgdAxesOptions,
  type PresetName,
  type SgdAxesFlags,
} from './options.js';
import type { EngineName } from '../types.js';
import { DEFAULT_OUT, DEFAULT_SEED, LIMITS, SGD_BATCHES, SGD_K, SGD_TRIALS } from '../limits.js';
import { cellEngine } from '../experiments/core/batchRunner.js';

interface SgdFlags extends SgdAxesFlags {
  trials: string;
  k: string;
  batch: string;
  methods: string;
  seed: string;
  out: string;
  shard?: string;
  fresh: boolean;
  preset: PresetName;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function sgdCommand(): Command {
  return withPoolOptions(
    withSgdAxesOptions(
      new Command('sgd')
        .description(
          'from GD to SGD (SPEC §8): success rate against the batch size per method and k, GD from the same starts as B = ∞; resumes an interrupted run',
        )
        .option('--trials <n>', 'trials per (k, method, batch size)', String(SGD_TRIALS))
        .option('--k <list>', 'comma-separated k values (p = k)', SGD_K.join(','))
        .option('--batch <list>', 'comma-separated batch sizes', SGD_BATCHES.join(','))
        .option('--methods <list>', `comma-separated methods: ${METHODS.join(', ')}`, METHODS.join(','))
        .option('--seed <s>', 'experiment seed', String(DEFAULT_SEED))
        .option('--out <dir>', 'output folder', DEFAULT_OUT),
    )
      .addOption(presetOption())
      .addOption(shardOption(SGD_FILES[3]))
      .addOption(freshOption(`its trial file (DIR/${SGD_FILES[3]}, or a shard's own)`)),
  ).action(async (f: SgdFlags) => {
    const batch = batchSizes(f.batch);
    const { n, labelNoise, schedule, scale } = sgdAxes(f, batch);
    const shard = f.shard === undefined ? undefined : parseShard(f.shard);
    studyOutputs(SGD_STUDY, f.out, shard);
    const table = await asFlags(
      runSgd({
        trials: wholeNumber('--trials', f.trials, LIMITS.trials.min, LIMITS.trials.max),
        k: listOf('--k', f.k, (s) => wholeNumber('--k', s, LIMITS.k.min, LIMITS.k.max)),
        batch,
        n,
        labelNoise,
        methods: listOf('--methods', f.methods, method),
        seed: wholeNumber('--seed', f.seed, LIMITS.seed.min, LIMITS.seed.max),
        out: f.out,
        preset: f.preset,
        shard,
        fresh: f.fresh,
        schedule,
        scale,
        ...poolOptions(f),
      }),
      ['k', 'batch', 'n', 'labelNoise'],
    );
    if (!table) {
      if (!f.quiet) process.stderr.write(shardDone(SGD_STUDY, f.out, shard!));
      return;
    }
    print(formatSgd(table));
    const sgdEngine = cellEngine(f.engine, { n });
    if (!f.quiet)
      process.stderr.write(`wrote ${f.out}/sgd.json, sgd.csv, sgd.svg (GD cells on engine ${f.engine}, SGD cells on ${sgdEngine})\n`);
  });
}
