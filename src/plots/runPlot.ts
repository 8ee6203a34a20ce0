// The picture of one run's trajectory: Figure 5's four panels (a sampled run's batch and training
// losses beside the population loss), or for a wide student (SPEC §9) each filter's angle and the
// loss. Pure data → spec: `run --plot` draws it, the web page takes the method and warmup from here.
import type { TopLevelSpec } from 'vega-lite';
import type { Method } from '../presets.js';
import type { Model, RunResult, Schedule, TrajectorySample, WideRunResult } from '../types.js';
import { FIGURE_CONFIG } from './colors.js';
import { figure5Spec } from './figure5.js';
import { wideTrajectorySpec } from './wideTrajectory.js';

/** The method whose colour a run's curves take: a ResNet with a warmup (ssw or linear) is resnet-ssw. */
export function runMethod(c: { model: Model; schedule: Schedule }): Method {
  return c.model === 'cnn' ? 'cnn' : c.schedule.kind === 'ssw' || c.schedule.kind === 'linear-warmup' ? 'resnet-ssw' : 'resnet-constant';
}

/** The step where a schedule's warmup (stage I) ends; none without a warmup. */
export function warmupEnd(s: Schedule): number | undefined {
  return s.kind === 'ssw' || s.kind === 'linear-warmup' ? s.warmup : undefined;
}

/** The logEvery at which a run of maxIter steps records at most about `most` samples (1 for a bad maxIter). */
export function logEveryFor(maxIter: number, most: number): number {
  return Number.isInteger(maxIter) && maxIter > 0 ? Math.max(1, Math.ceil(maxIter / most)) : 1;
}

/** Every m-th sample and the last, so that at most about `most` are drawn. */
export function thinned<T>(samples: T[], most: number): T[] {
  const m = Math.ceil(samples.length / most);
  return m <= 1 ? samples : samples.filter((_, i) => i % m === 0 || i === samples.length - 1);
}

/** One run's trajectory (its result's samples, at most `most` of them drawn), titled `title`. */
export function runPlotSpec(
  config: { model: Model; schedule: Schedule },
  result: RunResult | WideRunResult,
  title: string,
  most: number,
): TopLevelSpec {
  const method = runMethod(config),
    stageEnd = warmupEnd(config.schedule);
  if ('angles' in result) {
    const spec = wideTrajectorySpec([{ label: method, method, samples: thinned(result.trajectory ?? [], most) }], stageEnd);
    return { ...spec, title, config: FIGURE_CONFIG } as TopLevelSpec;
  }
  const samples: TrajectorySample[] = thinned(result.trajectory ?? [], most);
  return figure5Spec([{ label: method, method, samples }], stageEnd, title);
}
