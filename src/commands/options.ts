// Shared options of the experiment commands, and their parsing with clear errors.
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { outputFile, outputFolder, UsageError } from '../io.js';
import { ConfigError } from '../config.js';
import { isPart, studyTrialFile } from '../experiments/node/study.js';
import { ENGINES, ENGINE_NAMES } from '../engines.js';
import { DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, maxWorkers, type PoolOptions, type Shard } from '../experiments/node/trials.js';
import type { EngineName } from '../types.js';
import { METHODS, PRESET_NAMES, type Method, type PresetName } from '../presets.js';
import { DEFAULT_PRESET, LIMITS, SCALE_BATCH, SGD_SCALE, SGD_SCHEDULE } from '../limits.js';
import { SGD_SCHEDULES, type SgdSchedule } from '../experiments/core/sgdPairs.js';
import { SCALE_RULES, type ScaleRule } from '../experiments/core/sweepConfig.js';

/** --engine, with the engines' names as its choices and what each is (src/engines.ts). */
export function engineOption(defaultEngine: EngineName): Option {
  const about = ENGINE_NAMES.map((name) => `${name}: ${ENGINES[name].about}`).join('; ');
  return new Option('--engine <name>', `engine (${about})`).choices(ENGINE_NAMES).default(defaultEngine);
}

/** --workers and --quiet (figure5 takes these two). */
export function withWorkerOptions(cmd: Command): Command {
  return cmd
    .option('--workers <n>', `worker threads (default: all cores; at most ${maxWorkers()}, 4 × the cores)`)
    .option('--quiet', 'no progress bar or notes on stderr', false);
}

/** --workers, --engine, --quiet. */
export function withPoolOptions(cmd: Command): Command {
  return withWorkerOptions(cmd).addOption(engineOption(DEFAULT_EXPERIMENT_ENGINE));
}

export function workerCount(text: string | undefined): number {
  if (text === undefined) return defaultWorkers();
  const cap = maxWorkers();
  if (/^\d+$/.test(text) && Number(text) > cap)
    throw new UsageError(`--workers: at most ${cap} (4 × the ${cap / 4} cores; more threads only compete for them) (got '${text}')`);
  return wholeNumber('--workers', text, 1, cap);
}

export function poolOptions(o: { workers?: string; engine: EngineName; quiet: boolean }): PoolOptions {
  return { workers: workerCount(o.workers), engine: o.engine, quiet: o.quiet, signals: true };
}

/** A whole number written in decimal digits (no sign, exponent, hex or spaces) from min to max. */
export function wholeNumber(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`${option}: must be a whole number from ${min} to ${max} (got '${text}')`);
  return n;
}

/** A comma-separated list, e.g. "16,25,36"; values listed twice (compared as values: 16 and 016) are refused. */
export function listOf<T>(option: string, text: string, item: (s: string) => T): T[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${option}: must be a comma-separated list without empty entries (got '${text}')`);
  const values = items.map(item);
  values.forEach((v, i) => {
    const j = values.indexOf(v);
    if (j < i)
      throw new UsageError(
        `${option}: lists ${v} twice` + (items[j] === items[i] ? '' : ` ('${items[j]}' and '${items[i]}' are the same number)`),
      );
  });
  return values;
}

/** Refuses a sweep config given to `run`, or a run config given to `sweep`, saying which command takes it. */
export function expectConfig(kind: 'run' | 'sweep', path: string, json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  const has = (field: string) => field in json;
  const looksLike =
    kind === 'run' && !has('teacher') && (has('grid') || has('trials'))
      ? 'sweep'
      : kind === 'sweep' && !has('grid') && (has('teacher') || has('model'))
        ? 'run'
        : undefined;
  if (looksLike)
    throw new UsageError(
      `--config: '${path}' looks like a ${looksLike} config; run it with \`shortcut-sim ${looksLike} --config ${path}\``,
    );
}

/** A --methods entry. */
export function method(s: string): Method {
  if (!(METHODS as readonly string[]).includes(s)) throw new UsageError(`--methods: '${s}' is not a method; use ${METHODS.join(', ')}`);
  return s as Method;
}

/** --preset: the named constants of the teacher and the start (presets.PRESETS). */
export function presetOption(): Option {
  return new Option('--preset <name>', "the teacher's and the start's constants (docs/presets.md)")
    .choices(PRESET_NAMES)
    .default(DEFAULT_PRESET);
}
export type { PresetName };

/** --shard of a study: run only shard i of N (its trial file alone); `shortcut-sim merge` combines them. */
export function shardOption(file: string): Option {
  const part = file.replace(/\.jsonl$/, '.part-i-of-N.jsonl');
  return new Option(
    '--shard <i/N>',
    `run only shard i of N (every N-th trial): writes only its trial file, DIR/${part}; combine the shards with \`shortcut-sim merge\``,
  );
}

/** --fresh of the commands that resume from a trial file (or fit's cache): `file` names it. */
export function freshOption(file: string): Option {
  return new Option(
    '--fresh',
    `start over instead of resuming: replaces ${file} with an empty one and removes this run's result files first (nothing else)`,
  ).default(false);
}

/** Checks the files a study run writes into `out`: all of them, or a shard's trial file alone. */
export function studyOutputs(study: { files: readonly string[] }, out: string, shard: Shard | undefined): string {
  outputFolder('--out', out);
  const trialFile = join(out, studyTrialFile(study, shard));
  for (const file of isPart(shard) ? [trialFile] : study.files.map((f) => join(out, f))) outputFile('--out', file);
  return trialFile;
}

/** What a finished shard tells on stderr: where its trials are, and how to combine the shards. */
export function shardDone(study: { files: readonly string[] }, out: string, shard: Shard): string {
  const parts = join(out, study.files[3].replace(/\.jsonl$/, `.part-*-of-${shard.count}.jsonl`));
  return (
    `shard ${shard.index}/${shard.count} done: trials in ${join(out, studyTrialFile(study, shard))}; ` +
    `when all shards are done, combine them with \`shortcut-sim merge ${parts} --out ${out}\`\n`
  );
}

/**
 * An API run's complaints about `options`, named by their flags (labelNoise → --label-noise), for
 * the options a command takes from its own flags.
 */
export function asFlags<T>(run: Promise<T>, options: readonly string[]): Promise<T> {
  const leading = new RegExp(`^(${options.join('|')})\\b`);
  return run.catch((e: unknown) => {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(e.issues.map((i) => i.replace(leading, (name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)));
  });
}

/** The flags of SGD beside GD that every study with SGD cells takes, besides its own --batch. */
export interface SgdAxesFlags {
  n?: string;
  labelNoise?: string;
  schedule?: SgdSchedule;
  scale?: ScaleRule;
}

/**
 * --n, --label-noise, --schedule and --scale. `withBatch`: they only apply beside that flag, so they have no
 * defaults of their own (a study without it leaves them out; its help names the defaults).
 */
export function withSgdAxesOptions(cmd: Command, withBatch?: string): Command {
  const given = (value: string) => (withBatch ? undefined : value);
  const note = (value: string) => (withBatch ? ` (with ${withBatch}; default ${value})` : '');
  return cmd
    .option(
      '--n <n>',
      `a fixed training set of n samples per trial (default: online SGD, fresh samples every step)${withBatch ? `; with ${withBatch}` : ''}`,
    )
    .option('--label-noise <s>', `standard deviation of the label noise${note('0')}`, given('0'))
    .addOption(
      new Option(
        '--schedule <kind>',
        "after each method's GD schedule: constant steps, a cosine decay to 1% over the rest of the steps, or ×0.1 at half and " +
          `three quarters of them (docs/sgd.md)${note(SGD_SCHEDULE)}`,
      )
        .choices(SGD_SCHEDULES)
        .default(given(SGD_SCHEDULE)),
    )
    .addOption(
      new Option(
        '--scale <rule>',
        `each batch size's steps from GD's: × min(1, B/${SCALE_BATCH}) (linear), × min(1, √(B/${SCALE_BATCH})) (sqrt) or as GD (none); ` +
          `durations stretched alike${note(SGD_SCALE)}`,
      )
        .choices(SCALE_RULES)
        .default(given(SGD_SCALE)),
    );
}

/**
 * The SGD flags as options: n (every batch size at most n), the label noise, the schedule and the scale, when
 * given. `batch` undefined: the study has no SGD cells, and these flags are refused, naming `withBatch`.
 */
export function sgdAxes(
  f: SgdAxesFlags,
  batch: number[] | undefined,
  withBatch = '--batch',
): { n?: number; labelNoise?: number; schedule?: SgdSchedule; scale?: ScaleRule } {
  if (batch === undefined) {
    const given = (['n', 'labelNoise', 'schedule', 'scale'] as const).find((name) => f[name] !== undefined);
    if (given) throw new UsageError(`--${given === 'labelNoise' ? 'label-noise' : given}: describes the SGD cells; give ${withBatch} too`);
    return {};
  }
  const n = f.n === undefined ? undefined : wholeNumber('--n', f.n, LIMITS.n.min, LIMITS.n.max);
  if (n !== undefined && Math.max(...batch) > n)
    throw new UsageError(`--batch: every batch size must be at most --n (${n}); got ${Math.max(...batch)}`);
  const labelNoise = f.labelNoise === undefined ? undefined : Number(f.labelNoise);
  if (f.labelNoise !== undefined && (f.labelNoise.trim() === '' || !Number.isFinite(labelNoise) || labelNoise! < 0))
    throw new UsageError(`--label-noise: must be a standard deviation ≥ 0 (got '${f.labelNoise}')`);
  return { n, labelNoise, schedule: f.schedule, scale: f.scale };
}

/** The comma-separated batch sizes of --batch. */
export const batchSizes = (text: string): number[] =>
  listOf('--batch', text, (s) => wholeNumber('--batch', s, LIMITS.batch.min, LIMITS.batch.max));
