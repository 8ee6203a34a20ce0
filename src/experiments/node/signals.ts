// Ctrl-C and SIGTERM as a graceful stop (the CLI's runs): the handler replaces Node's default exit.
// A reader of stdout or stderr that went away (Node ignores SIGPIPE; the write fails with EPIPE)
// stops the run the same way, so its finished trials are kept.
import { InterruptedError, onOutputClosed, outputClosed } from '../../io.js';

/** Calls `stop` on SIGINT or SIGTERM, or with SIGPIPE once the output lost its reader, until the returned function removes the handlers. */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void): () => void {
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const offClosed = onOutputClosed(() => stop('SIGPIPE'));
  if (outputClosed()) stop('SIGPIPE');
  return () => {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    offClosed();
  };
}

/**
 * The error of a run that `signal` stopped (`what`: what was kept and how to resume), with the exit
 * code a shell gives a process that signal killed: 130 for SIGINT, 143 for SIGTERM (the CLI turns a
 * lost reader into its own code).
 */
export function interruptedBy(signal: NodeJS.Signals, what: string): InterruptedError {
  return new InterruptedError(`interrupted by ${signal}: ${what}`, signal === 'SIGINT' ? 130 : 143);
}
