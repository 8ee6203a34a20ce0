// Shared options of the experiment commands, and their parsing with clear errors.
import { Command, Option } from 'commander';
import { UsageError } from '../io.js';
import { ENGINE_NAMES } from '../simulator.js';
import { DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, type PoolOptions } from '../experiments/trials.js';
import type { EngineName } from '../types.js';
import { PRESET_NAMES, type PresetName } from '../presets.js';

/** --engine, with the engines' names as its choices. */
export function engineOption(defaultEngine: EngineName): Option {
  return new Option('--engine <name>', 'engine').choices(ENGINE_NAMES).default(defaultEngine);
}

/** --workers, --engine, --quiet. */
export function withPoolOptions(cmd: Command): Command {
  return cmd
    .option('--workers <n>', 'worker threads (default: all cores)')
    .addOption(engineOption(DEFAULT_EXPERIMENT_ENGINE))
    .option('--quiet', 'no progress bar or notes on stderr', false);
}

export function poolOptions(o: { workers?: string; engine: EngineName; quiet: boolean }): PoolOptions {
  return { workers: o.workers === undefined ? defaultWorkers() : wholeNumber('--workers', o.workers, 1, 1024), engine: o.engine, quiet: o.quiet };
}

export function wholeNumber(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${option}: must be a whole number from ${min} to ${max} (got '${text}')`);
  return n;
}

/** A comma-separated list, e.g. "16,25,36". */
export function listOf<T>(option: string, text: string, item: (s: string) => T): T[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${option}: must be a comma-separated list without empty entries (got '${text}')`);
  if (new Set(items).size !== items.length) throw new UsageError(`${option}: lists a value twice (got '${text}')`);
  return items.map(item);
}

/** --preset: the named constants of the teacher and the start (presets.PRESETS). */
export function presetOption(): Option {
  return new Option('--preset <name>', "the teacher's and the start's constants (README: Presets)").choices(PRESET_NAMES).default('spec');
}
export type { PresetName };
