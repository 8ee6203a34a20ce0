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
import { DEFAULT_PRESET } from '../limits.js';

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
