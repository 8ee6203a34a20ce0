// `shortcut-sim sgd [--k LIST] [--batch LIST] [--methods LIST] [--trials N] [--n N] [--label-noise S] [--seed S] [--schedule KIND] [--scale RULE] [--preset NAME] [--out DIR] [--shard i/N]`
import { Command, Option } from 'commander';
import { print, UsageError } from '../io.js';
import { METHODS } from '../presets.js';
import { formatSgd, runSgd, SGD_FILES, SGD_STUDY } from '../experiments/node/sgd.js';
import { parseShard } from '../experiments/node/trials.js';
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
import { DEFAULT_OUT, DEFAULT_SEED, LIMITS, SCALE_BATCH, SGD_BATCHES, SGD_K, SGD_SCALE, SGD_SCHEDULE, SGD_TRIALS } from '../limits.js';
import { SGD_SCHEDULES, type SgdSchedule } from '../experiments/core/sgd.js';
import { SCALE_RULES, type ScaleRule } from '../experiments/core/sweepConfig.js';
import { cellEngine } from '../experiments/core/batchRunner.js';

interface SgdFlags {
  trials: string;
  k: string;
  batch: string;
  methods: string;
  n?: string;
  labelNoise: string;
  seed: string;
  out: string;
  shard?: string;
  fresh: boolean;
  preset: PresetName;
  schedule: SgdSchedule;
  scale: ScaleRule;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function sgdCommand(): Command {
  return withPoolOptions(
    new Command('sgd')
      .description(
        'from GD to SGD (SPEC §8): success rate against the batch size per method and k, GD from the same starts as B = ∞; resumes an interrupted run',
      )
      .option('--trials <n>', 'trials per (k, method, batch size)', String(SGD_TRIALS))
      .option('--k <list>', 'comma-separated k values (p = k)', SGD_K.join(','))
      .option('--batch <list>', 'comma-separated batch sizes', SGD_BATCHES.join(','))
      .option('--methods <list>', `comma-separated methods: ${METHODS.join(', ')}`, METHODS.join(','))
      .option('--n <n>', 'a fixed training set of n samples per trial (default: online SGD, fresh samples every step)')
      .option('--label-noise <s>', 'standard deviation of the label noise', '0')
      .option('--seed <s>', 'experiment seed', String(DEFAULT_SEED))
      .option('--out <dir>', 'output folder', DEFAULT_OUT)
      .addOption(
        new Option(
          '--schedule <kind>',
          "after each method's GD schedule: constant steps, a cosine decay to 1% over the rest of the steps, or ×0.1 at half and three quarters of them (README: sgd)",
        )
          .choices(SGD_SCHEDULES)
          .default(SGD_SCHEDULE),
      )
      .addOption(
        new Option(
          '--scale <rule>',
          `each batch size's steps from GD's: × min(1, B/${SCALE_BATCH}) (linear), × min(1, √(B/${SCALE_BATCH})) (sqrt) or as GD (none); durations stretched alike`,
        )
          .choices(SCALE_RULES)
          .default(SGD_SCALE),
      )
      .addOption(presetOption())
      .addOption(shardOption(SGD_FILES[3]))
      .addOption(freshOption(`its trial file (DIR/${SGD_FILES[3]}, or a shard's own)`)),
  ).action(async (f: SgdFlags) => {
    const batch = listOf('--batch', f.batch, (s) => wholeNumber('--batch', s, LIMITS.batch.min, LIMITS.batch.max));
    const n = f.n === undefined ? undefined : wholeNumber('--n', f.n, LIMITS.n.min, LIMITS.n.max);
    if (n !== undefined && Math.max(...batch) > n)
      throw new UsageError(`--batch: every batch size must be at most --n (${n}); got ${Math.max(...batch)}`);
    const labelNoise = Number(f.labelNoise);
    if (f.labelNoise.trim() === '' || !Number.isFinite(labelNoise) || labelNoise < 0)
      throw new UsageError(`--label-noise: must be a standard deviation ≥ 0 (got '${f.labelNoise}')`);
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
        schedule: f.schedule,
        scale: f.scale,
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
