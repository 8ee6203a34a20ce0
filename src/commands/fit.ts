// `shortcut-sim fit --target FILE [--trials N] [--params LIST] [--set LIST] [--seed S] [--out DIR] [--workers N]`
import { join } from 'node:path';
import { Command } from 'commander';
import { outputFile, outputFolder, readJsonFile, UsageError } from '../io.js';
import { ConfigError } from '../config.js';
import {
  DEFAULT_FREE,
  FIT_FILES,
  FIT_PARAM_NAMES,
  FIT_PARAMS,
  formatFit,
  runFit,
  type FitParamName,
  type FreeParam,
} from '../experiments/node/fit.js';
import { searchSpaceProblems } from '../experiments/core/fitSpace.js';
import { parseFitTarget } from '../experiments/core/fitTarget.js';
import { PRESETS, type FamilyParams } from '../presets.js';
import type { EngineName } from '../types.js';
import { freshOption, listOf, poolOptions, wholeNumber, withPoolOptions } from './options.js';
import { DEFAULT_OUT, DEFAULT_SEED, FIT_LIMITS, FIT_TRIALS } from '../limits.js';

interface FitFlags {
  target: string;
  trials: string;
  params: string;
  set?: string;
  seed: string;
  out: string;
  fresh: boolean;
  workers?: string;
  engine: EngineName;
  quiet: boolean;
}

export function fitCommand(): Command {
  return withPoolOptions(
    new Command('fit')
      .description("fit the preset family's constants to a table of observed success rates (maximum likelihood, both sides binomial)")
      .requiredOption('--target <file>', 'observed success counts per (k, method) (JSON; see docs/fit.md and examples/paper-table1.json)')
      .option('--trials <n>', 'simulated trials per cell (the same trials for every candidate)', String(FIT_TRIALS))
      .option('--params <list>', `free parameters, each NAME or NAME=LO:HI (names: ${FIT_PARAM_NAMES.join(', ')})`, DEFAULT_FREE.join(','))
      .option(
        '--set <list>',
        "NAME=VALUE,…: values of the parameters that are not free and starts of those that are (default: preset 'spec', exponents 0)",
      )
      .option('--seed <s>', 'seed of the simulated trials', String(DEFAULT_SEED))
      .option('--out <dir>', 'output folder (fit.json, fit.csv, fit.svg; fit.evaluations.jsonl makes a rerun resume)', `${DEFAULT_OUT}/fit`)
      .addOption(freshOption(`its cache (DIR/${FIT_FILES[3]})`)),
  ).action(async (f: FitFlags) => {
    const target = parseFitTarget(readJsonFile(f.target, '--target'));
    const free = once('--params', 'lists', listOf('--params', f.params, freeParam), (p) => p.name);
    const settings = f.set === undefined ? [] : once('--set', 'gives', listOf('--set', f.set, setting), ([name]) => name);
    const start: FamilyParams = { ...PRESETS.spec.params };
    for (const [name, value] of settings) start[name] = value;
    const problems: string[] = [];
    for (const p of free) {
      const v = start[p.name] ?? 0;
      if (v < p.lo || v > p.hi)
        problems.push(
          `--params: the start of ${p.name} (${v}) is outside its bounds [${p.lo}, ${p.hi}]; give other bounds or --set ${p.name}=VALUE`,
        );
    }
    problems.push(
      ...searchSpaceProblems(
        free,
        start,
        target.cells.map((c) => c.k),
        new Set(settings.map(([name]) => name)),
      ),
    );
    if (problems.length > 0) throw new ConfigError(problems);
    outputFolder('--out', f.out);
    for (const file of FIT_FILES) outputFile('--out', join(f.out, file), [{ what: 'the --target file', path: f.target }]);
    const result = await runFit({
      target,
      targetFile: f.target,
      free,
      start,
      out: f.out,
      trials: wholeNumber('--trials', f.trials, FIT_LIMITS.trials.min, FIT_LIMITS.trials.max),
      seed: wholeNumber('--seed', f.seed, FIT_LIMITS.seed.min, FIT_LIMITS.seed.max),
      // --fresh changes no result: a fresh fit's files are those of a fit in an empty folder.
      command: `shortcut-sim fit ${process.argv
        .slice(3)
        .filter((a) => a !== '--fresh')
        .join(' ')}`,
      fresh: f.fresh,
      ...poolOptions(f),
    });
    process.stdout.write(formatFit(result));
    if (!f.quiet) process.stderr.write(`wrote ${f.out}/fit.json, fit.csv, fit.svg\n`);
  });
}

/** The items, unless two of them name the same parameter. */
function once<T>(option: string, verb: string, items: T[], name: (item: T) => FitParamName): T[] {
  items.forEach((item, i) => {
    if (items.findIndex((x) => name(x) === name(item)) < i)
      throw new UsageError(`${option}: ${verb} ${name(item)} twice; give each parameter once`);
  });
  return items;
}

function paramName(option: string, s: string): FitParamName {
  if (!(FIT_PARAM_NAMES as string[]).includes(s))
    throw new UsageError(`${option}: '${s}' is not a parameter; use ${FIT_PARAM_NAMES.join(', ')}`);
  return s as FitParamName;
}

/** NAME or NAME=LO:HI. */
function freeParam(entry: string): FreeParam {
  const [name, bounds] = entry.split('=');
  const p = { name: paramName('--params', name.trim()), ...FIT_PARAMS[paramName('--params', name.trim())] };
  if (bounds === undefined) return p;
  const m = /^\s*(-?[\d.e+-]+)\s*:\s*(-?[\d.e+-]+)\s*$/.exec(bounds);
  const lo = m ? Number(m[1]) : NaN,
    hi = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi)
    throw new UsageError(`--params: bounds of ${p.name} must be LO:HI with LO < HI, e.g. ${p.name}=${p.lo}:${p.hi} (got '${bounds}')`);
  if (p.log && lo <= 0) throw new UsageError(`--params: ${p.name} is searched on a log scale: its lower bound must be > 0 (got ${lo})`);
  return { ...p, lo, hi };
}

/** NAME=VALUE. */
function setting(entry: string): [FitParamName, number] {
  const [name, text] = entry.split('=');
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--set: must be NAME=VALUE with a finite number (got '${entry}')`);
  return [paramName('--set', name.trim()), value];
}
