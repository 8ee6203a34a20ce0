// The `shortcut-sim` command line as a function (cli.ts runs it; tests call it in-process).
// Bad input: one clear message on stderr, exit code 2, no stack.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import {
  EXIT_PIPE,
  InterruptedError,
  onOutputClosed,
  OutputClosedError,
  outputClosed,
  print,
  reason,
  UsageError,
  watchOutputs,
} from './io.js';
import { WorkerError } from './experiments/node/pool.js';
import { runCommand } from './commands/run.js';
import { table1Command } from './commands/table1.js';
import { figure5Command } from './commands/figure5.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { sgdCommand } from './commands/sgd.js';
import { fitCommand } from './commands/fit.js';
import { widthCommand } from './commands/width.js';

/** Bad input or an unusable file (also a full disk). */
export const EXIT_USAGE = 2;
/** A failed worker thread or a bug (the latter with its stack). */
export const EXIT_FAILURE = 1;
/** The reader of stdout or stderr went away (io.ts): ended quietly, as `cat` ends. */
export { EXIT_PIPE };

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function program(): Command {
  const cli = new Command('shortcut-sim')
    .description(
      'Why shortcut connections make a ResNet trainable: exact gradient descent on a two-layer convolutional network, SGD on sampled data, wider students, and the studies of Liu et al. (2019)',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addCommand(runCommand())
    .addCommand(table1Command())
    .addCommand(figure5Command())
    .addCommand(sweepCommand())
    .addCommand(mergeCommand())
    .addCommand(sgdCommand())
    .addCommand(fitCommand())
    .addCommand(widthCommand());
  for (const cmd of cli.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return cli;
}

/** Runs the command line `args` (without `node` and the script); returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const cli = program();
  try {
    if (args.length === 0)
      print(cli.helpInformation()); // no command: the overview, as --help prints it
    else await cli.parseAsync(args, { from: 'user' });
    return succeeded();
  } catch (e) {
    return exitCodeFor(e);
  }
}

/** Set by watchOutputs when stdout or stderr fails otherwise than by losing its reader. */
let outputFailure = 0;

/** The exit code of a command that finished: 0, unless its output could not be written. */
const succeeded = () => (outputClosed() ? EXIT_PIPE : outputFailure);

const say = (message: string) => {
  process.stderr.write(`shortcut-sim: ${message}\n`);
};

/**
 * For the executable: a reader of stdout or stderr that goes away ends the command quietly with
 * EXIT_PIPE (a run stops as on Ctrl-C, keeping its finished trials); another write error of theirs
 * is one line and EXIT_USAGE. Noticed after main returned, they set the exit code of a success.
 */
export function watchProcessOutputs(): void {
  const late = (code: number) => {
    if (!process.exitCode) process.exitCode = code;
  };
  watchOutputs((e) => {
    outputFailure ||= EXIT_USAGE;
    say(`cannot write the output: ${reason(e)}`);
    late(EXIT_USAGE);
  });
  onOutputClosed(() => late(EXIT_PIPE));
}

function exitCodeFor(e: unknown): number {
  // Stopped by a closed output (OutputClosedError, or a run interrupted by it): no message.
  if (e instanceof OutputClosedError || (e instanceof InterruptedError && outputClosed())) return EXIT_PIPE;
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return succeeded(); // --help, --version
    say(e.message.replace(/^error: /, ''));
    return EXIT_USAGE;
  }
  if (e instanceof ConfigError) {
    say(`invalid config:\n${e.issues.map((i) => `  ${i}`).join('\n')}`);
    return EXIT_USAGE;
  }
  if (e instanceof InterruptedError) {
    say(e.message);
    return e.exitCode;
  }
  if (e instanceof UsageError) {
    say(e.message);
    return EXIT_USAGE;
  }
  if (e instanceof WorkerError) {
    say(e.message);
    return EXIT_FAILURE;
  }
  say(`internal error: ${e instanceof Error ? e.stack : String(e)}`);
  return EXIT_FAILURE;
}
