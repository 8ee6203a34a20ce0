#!/usr/bin/env node
// The `shortcut-sim` command. Bad input: one clear message on stderr, exit code 2, no stack.
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import { UsageError, InterruptedError } from './io.js';
import { runCommand } from './commands/run.js';
import { table1Command } from './commands/table1.js';
import { figure5Command } from './commands/figure5.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { fitCommand } from './commands/fit.js';

export const EXIT_USAGE = 2;

const program = new Command('shortcut-sim')
  .description('Exact population gradient descent: why shortcut connections make a ResNet trainable')
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  .addCommand(runCommand())
  .addCommand(table1Command())
  .addCommand(figure5Command())
  .addCommand(sweepCommand())
  .addCommand(mergeCommand())
  .addCommand(fitCommand());
for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = exitCodeFor(e);
}

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0; // --help, --version
    process.stderr.write(`shortcut-sim: ${e.message.replace(/^error: /, '')}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof ConfigError) {
    process.stderr.write(`shortcut-sim: invalid config:\n${e.issues.map((i) => `  ${i}`).join('\n')}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof InterruptedError) {
    process.stderr.write(`shortcut-sim: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`shortcut-sim: ${e.message}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`shortcut-sim: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
  return 1;
}
