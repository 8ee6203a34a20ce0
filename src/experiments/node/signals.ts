// Ctrl-C and SIGTERM as a graceful stop (the CLI's runs): the handler replaces Node's default exit.

/** Calls `stop` on SIGINT or SIGTERM until the returned function removes the handlers. */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void): () => void {
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return () => { process.off('SIGINT', stop).off('SIGTERM', stop); };
}
