// The progress bar on stderr (a terminal only), fed by an experiment's progress callbacks.
import cliProgress from 'cli-progress';
import type { Progress } from '../core/run.js';

export interface ProgressBar {
  update(progress: Progress): void;
  stop(): void;
}

/** A bar that starts at the first update; undefined when stderr is not a terminal. */
export function progressBar(): ProgressBar | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {percentage}% | {value}/{total} trials | {duration_formatted} elapsed, ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total }) {
      if (started) bar.update(done);
      else {
        bar.start(total, done);
        started = true;
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
