// `shortcut-sim width [--width LIST] [--teacher-width N] [--k LIST] [--methods LIST] [--trials N] [--max-iter N] [--seed S] [--preset NAME] [--out DIR]
//                     [--batch LIST [--n N] [--label-noise S] [--schedule KIND] [--scale RULE]]`
import { Command } from 'commander';
import { print } from '../io.js';
import { METHODS } from '../presets.js';
import { formatWidth, runWidth, WIDTH_FILES, WIDTH_STUDY } from '../experiments/node/width.js';
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
import { cellEngine } from '../experiments/core/batchRunner.js';
import { DEFAULT_OUT, DEFAULT_SEED, LIMITS, MAX_COUNT, MAX_FILTERS, WIDTH_K, WIDTH_MAX_ITER, WIDTH_R, WIDTH_TRIALS } from '../limits.js';

interface WidthFlags extends SgdAxesFlags {
  trials: string;
  k: string;
  width: string;
  teacherWidth: string;
  methods: string;
  maxIter: string;
  seed: string;
  out: string;
  preset: PresetName;
  batch?: string;
  shard?: string;
  fresh: boolean;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function widthCommand(): Command {
  return withPoolOptions(
    withSgdAxesOptions(
      new Command('width')
        .description(
          "wider students (SPEC §9): success rate against the student's width r per method and k, with the shares of spurious " +
            'and unconverged runs and the final loss of the unconverged ones; with --batch, SGD beside GD from the same starts; ' +
            'resumes an interrupted run',
        )
        .option('--width <list>', 'comma-separated student widths r (filters)', WIDTH_R.join(','))
        .option('--teacher-width <n>', "the teacher's filters r*", '1')
        .option('--k <list>', 'comma-separated k values (p = k)', WIDTH_K.join(','))
        .option('--methods <list>', `comma-separated methods: ${METHODS.join(', ')}`, METHODS.join(','))
        .option('--trials <n>', 'trials per (k, method, r) and batch size', String(WIDTH_TRIALS))
        .option('--max-iter <n>', 'steps before a run ends unconverged', String(WIDTH_MAX_ITER))
        .option('--seed <s>', 'experiment seed', String(DEFAULT_SEED))
        .option('--out <dir>', 'output folder', DEFAULT_OUT)
        .option('--batch <list>', 'comma-separated batch sizes: SGD at each beside GD, from the same starts (default: GD alone)'),
      '--batch',
    )
      .addOption(presetOption())
      .addOption(shardOption(WIDTH_FILES[3]))
      .addOption(freshOption(`its trial file (DIR/${WIDTH_FILES[3]}, or a shard's own)`)),
  ).action(async (f: WidthFlags, cmd: Command) => {
    const batch = f.batch === undefined ? undefined : batchSizes(f.batch);
    const options = {
      width: listOf('--width', f.width, (s) => wholeNumber('--width', s, 1, MAX_FILTERS)),
      teacherWidth: wholeNumber('--teacher-width', f.teacherWidth, 1, MAX_FILTERS),
      k: listOf('--k', f.k, (s) => wholeNumber('--k', s, LIMITS.k.min, LIMITS.k.max)),
      methods: listOf('--methods', f.methods, method),
      trials: wholeNumber('--trials', f.trials, LIMITS.trials.min, LIMITS.trials.max),
      maxIter: wholeNumber('--max-iter', f.maxIter, 0, MAX_COUNT),
      seed: wholeNumber('--seed', f.seed, LIMITS.seed.min, LIMITS.seed.max),
      batch,
      ...sgdAxes(f, batch),
    };
    const shard = f.shard === undefined ? undefined : parseShard(f.shard);
    studyOutputs(WIDTH_STUDY, f.out, shard);
    // --engine left out: the experiments' default, which hands the wide SGD cells it refuses on; named, it must run them.
    const engine = cmd.getOptionValueSource('engine') === 'default' ? undefined : f.engine;
    const table = await asFlags(runWidth({ ...options, out: f.out, preset: f.preset, shard, fresh: f.fresh, ...poolOptions(f), engine }), [
      'k',
      'width',
      'teacherWidth',
      'trials',
      'batch',
      'n',
      'labelNoise',
      'schedule',
      'scale',
      'engine',
    ]);
    if (!table) {
      if (!f.quiet) process.stderr.write(shardDone(WIDTH_STUDY, f.out, shard!));
      return;
    }
    print(formatWidth(table));
    const wideEngine = cellEngine(f.engine, undefined, { width: 2 });
    const data = { n: options.n },
      sgd =
        batch === undefined
          ? ''
          : `; SGD: one-filter cells on ${cellEngine(f.engine, data)}, wide ones on ${cellEngine(f.engine, data, { width: 2 })}`;
    if (!f.quiet)
      process.stderr.write(
        `wrote ${f.out}/width.json, width.csv, width.svg (one-filter cells on engine ${f.engine}, wide ones on ${wideEngine}${sgd})\n`,
      );
  });
}
