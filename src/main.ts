// The `shortcut-sim` command line as a function (cli.ts runs it; tests call it in-process).
// Bad input: one clear message on stderr, exit code 2, no stack.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import { UsageError, InterruptedError } from './io.js';
import { WorkerError } from './experiments/node/pool.js';
import { runCommand } from './commands/run.js';
import { table1Command } from './commands/table1.js';
import { figure5Command } from './commands/figure5.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { sgdCommand } from './commands/sgd.js';
import { fitCommand } from './commands/fit.js';

/** Bad input or an unusable file (also a full disk). */
export const EXIT_USAGE = 2;
/** A failed worker thread or a bug (the latter with its stack). */
export const EXIT_FAILURE = 1;

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function program(): Command {
  const cli = new Command('shortcut-sim')
    .description('Exact population gradient descent: why shortcut connections make a ResNet trainable')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addCommand(runCommand())
    .addCommand(table1Command())
    .addCommand(figure5Command())
    .addCommand(sweepCommand())
    .addCommand(mergeCommand())
    .addCommand(sgdCommand())
    .addCommand(fitCommand());
  for (const cmd of cli.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return cli;
}

/** Runs the command line `args` (without `node` and the script); returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const cli = program();
  if (args.length === 0) { // no command: the overview, as --help prints it
    process.stdout.write(cli.helpInformation());
    return 0;
  }
  try {
    await cli.parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    return exitCodeFor(e);
  }
}

function exitCodeFor(e: unknown): number {
  const say = (message: string) => process.stderr.write(`shortcut-sim: ${message}\n`);
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0; // --help, --version
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
