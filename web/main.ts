// The page: the form, one live trajectory and a success-rate sweep, each job in its own Web Worker
// (a Stop or Cancel terminates it; the page itself never computes and never freezes).
import { figure5Spec, type TrajectorySeries } from '../src/plots/figure5.js';
import { figure4Spec, type SuccessRateRow } from '../src/plots/figure4.js';
import { sgdSpec } from '../src/plots/sgd.js';
import { widthSpec } from '../src/plots/width.js';
import { wideTrajectorySpec } from '../src/plots/wideTrajectory.js';
import { runMethod, warmupEnd } from '../src/plots/runPlot.js';
import { wilson } from '../src/stats.js';
import { divergenceReason } from '../src/stability.js';
import { sweepCells, type SweepConfig } from '../src/experiments/core/sweepConfig.js';
import type { RunResult, TrajectorySample, WideRunResult, WideTrajectorySample } from '../src/types.js';
import type { Method } from '../src/presets.js';
import { DEFAULT_MAX_ITER } from '../src/limits.js';
import type { TopLevelSpec } from 'vega-lite';
import {
  FIGURE5_FORM,
  isWideConfig,
  populationSweep,
  presetFields,
  runConfigFrom,
  stepSizes,
  sweepConfigFrom,
  type Field,
  type FieldErrors,
  type FormValues,
  type PageRunConfig,
} from './form.js';
import { buildFields, control, showErrors } from './fields.js';
import { draw } from './plots.js';
import type { FromWorker, SweepCell, ToWorker } from './messages.js';

const FIELDS = Object.keys(FIGURE5_FORM) as Field[];
const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function readForm(): FormValues {
  return Object.fromEntries(FIELDS.map((f) => [f, control(f).value])) as unknown as FormValues;
}

function writeForm(v: FormValues): void {
  for (const f of FIELDS) control(f).value = v[f];
  syncChoices();
}

/** Shows only the step-size fields of the chosen schedule and the fields of the chosen data. */
function syncChoices(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[data-schedule]'))
    box.hidden = box.dataset.schedule !== control('schedule').value;
  for (const box of document.querySelectorAll<HTMLElement>('[data-decay]')) box.hidden = box.dataset.decay !== control('decay').value;
  for (const box of document.querySelectorAll<HTMLElement>('[data-data]'))
    box.hidden = !box.dataset.data!.split(' ').includes(control('data').value);
}

/**
 * Checks the form as both jobs will read it and shows the messages under their fields; where
 * both checks speak of one field (e.g. ‖v*‖) the run's messages are shown, so each problem once.
 */
function validate() {
  const v = readForm();
  const run = runConfigFrom(v),
    sweep = sweepConfigFrom(v);
  const errors: FieldErrors = {};
  for (const checked of [run, sweep]) {
    if (checked.ok) continue;
    for (const [f, lines] of Object.entries(checked.errors) as [Field, string[]][]) errors[f] ??= lines;
  }
  showErrors(errors);
  return { run, sweep };
}

/** A link that downloads `value` as a JSON file. */
function jsonLink(link: HTMLAnchorElement, value: unknown): HTMLAnchorElement {
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }));
  return link;
}

function setStatus(id: string, text: string, state: string): void {
  const el = byId(id);
  el.textContent = text;
  el.dataset.state = state;
}

/** One background job at a time, in a Web Worker of its own, with the button that stops it. */
class Job {
  private worker: Worker | null = null;

  constructor(private readonly stopButton: string) {}

  /** Ends any running job and starts this one; `onMessage` returns true when the job is over. */
  start(request: ToWorker, onMessage: (m: FromWorker) => boolean): void {
    this.stop();
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const handle = (m: FromWorker) => {
      if (onMessage(m) && this.worker === worker) this.stop();
    };
    worker.onmessage = (e: MessageEvent<FromWorker>) => handle(e.data);
    worker.onerror = (e) => handle({ kind: 'error', message: e.message || 'the worker failed to start' });
    this.worker = worker;
    byId<HTMLButtonElement>(this.stopButton).disabled = false;
    worker.postMessage(request);
  }

  /** Terminates the running job at once; false when there was none. */
  stop(): boolean {
    if (!this.worker) return false;
    this.worker.terminate();
    this.worker = null;
    byId<HTMLButtonElement>(this.stopButton).disabled = true;
    return true;
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

/** Legends above the plots, so narrow screens keep their width for the data. */
function legendOnTop(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: { ...spec.config, legend: { ...spec.config?.legend, orient: 'top' } } } as TopLevelSpec;
}

// ---- One trajectory ----------------------------------------------------------------------------

const runJob = new Job('stop');
let runCount = 0;
/** A plotted run and the step where its warmup ends, if it has one; a wide student's samples are SPEC §9's. */
type PlottedRun = { label: string; method: Method; stageEnd?: number } & (
  | { wide: false; samples: TrajectorySample[] }
  | { wide: true; samples: WideTrajectorySample[] }
);
/** The last finished run, drawn next to the current one (as in the paper's Figure 5). */
let previous: PlottedRun | undefined;
let shown: PlottedRun[] = [];

function describe(c: PageRunConfig): string {
  const model = c.model === 'cnn' ? 'CNN' : 'ResNet' + (isWideConfig(c) ? ` r=${c.init.a0.length}` : '');
  const d = isWideConfig(c) ? undefined : c.data;
  const data = !d ? '' : d.kind === 'online' ? `, SGD B=${d.batch}` : `, n=${d.n} B=${d.batch ?? d.n}`;
  const s = c.schedule,
    decay = 'decay' in s && s.decay ? `, ${s.decay.kind}` : '';
  return (
    (s.kind === 'ssw'
      ? `${model}, warmup ${s.warmup}`
      : s.kind === 'linear-warmup'
        ? `${model}, linear warmup ${s.warmup}`
        : `${model}, ${s.kind}`) +
    decay +
    data
  );
}

function drawTrajectory(): void {
  if (shown.length === 0) return;
  const el = byId('trajectory-plot');
  const w = el.clientWidth;
  // Each panel adds its y axis (labels and title, about 65 px) and the x axis's last label overhangs.
  const layout = w >= 640 ? { columns: 2, width: Math.floor((w - 200) / 2) } : { columns: 1, width: Math.max(150, w - 110) };
  const stageEnd = shown.find((r) => r.stageEnd !== undefined)?.stageEnd;
  // A wide student: each filter's angle to w* and the loss (SPEC §9); else Figure 5's four panels.
  const wide = shown.flatMap((r) => (r.wide ? [r] : [])),
    plain = shown.flatMap((r): TrajectorySeries[] => (r.wide ? [] : [r]));
  void draw(
    el,
    legendOnTop(
      shown.at(-1)!.wide
        ? wideTrajectorySpec(wide, stageEnd, { ...layout, height: 150 })
        : figure5Spec(plain, stageEnd, undefined, { ...layout, height: 150, steps: true }),
    ),
  );
}

/** Scrolls the trajectory into view when it is off-screen (on a phone the results follow the form). */
function revealResults(): void {
  const section = byId('trajectory');
  const { top, bottom } = section.getBoundingClientRect();
  if (top < 0 || top > window.innerHeight * 0.5 || bottom < 0) section.scrollIntoView({ block: 'start' });
}

function startRun(): void {
  const { run } = validate();
  if (!run.ok) return setStatus('run-status', 'Fix the fields marked in red first.', 'invalid');
  revealResults();
  const config = run.value;
  const label = `#${++runCount} ${describe(config)}`;
  const maxIter = config.maxIter ?? DEFAULT_MAX_ITER;
  const wide = isWideConfig(config);
  // The previous run stays on the plot when it is of the same kind (one filter, or wide).
  const kept = byId<HTMLInputElement>('keep-previous').checked && previous && previous.wide === wide ? [previous] : [];
  const stageEnd = warmupEnd(config.schedule);
  const method = runMethod(config);
  // Each one-filter sample with the step sizes of its step: the step-size panel.
  const withSteps = (samples: TrajectorySample[]) => {
    const steps = stepSizes(
      config.schedule,
      samples.map((q) => q.t),
    );
    return samples.map((q, i) => ({ ...q, ...steps[i] }));
  };
  const series = (samples: TrajectorySample[] | WideTrajectorySample[]): PlottedRun =>
    wide
      ? { label, method, stageEnd, wide, samples: samples as WideTrajectorySample[] }
      : { label, method, stageEnd, wide, samples: withSteps(samples as TrajectorySample[]) };
  const plot = (samples: TrajectorySample[] | WideTrajectorySample[]) => {
    shown = [...kept, series(samples)];
    drawTrajectory();
  };
  const started = performance.now();
  setStatus('run-status', `${label}: running…`, 'running');
  runJob.start({ kind: 'run', config }, (m) => {
    switch (m.kind) {
      case 'partial':
        plot(m.samples);
        setStatus('run-status', `${label}: running… step ${m.samples.at(-1)?.t ?? 0} of at most ${maxIter}`, 'running');
        return false;
      case 'done': {
        plot(m.result.trajectory ?? []);
        previous = series(m.result.trajectory ?? []);
        // A diverged run says why: its step size against the second layer's stability limit.
        const why = m.result.outcome === 'diverged' ? divergenceReason(config, m.result.iterations) : undefined;
        addRunRow(label, config, m.result, why);
        const outcome = `${m.result.outcome} after ${m.result.iterations} steps`;
        setStatus('run-status', `${label}: ${why ? `${outcome} — ${why}` : outcome} (${seconds(started)})`, 'done');
        return true;
      }
      case 'error':
        setStatus('run-status', `${label} failed: ${m.message}`, 'error');
        return true;
      default:
        return false;
    }
  });
}

/** A row of final values at full precision (String(x) round-trips the exact double). */
function addRunRow(label: string, config: PageRunConfig, r: RunResult | WideRunResult, why?: string): void {
  const sample = r.trajectory?.at(-1),
    last = sample && 'aDotAStar' in sample ? sample : undefined;
  const sampled = 'batchLoss' in r ? r : undefined;
  const row = byId<HTMLTableElement>('runs').tBodies[0].insertRow(0);
  row.dataset.outcome = r.outcome;
  const cells: [string, string][] = [
    ['run', label],
    ['outcome', r.outcome],
    ['iterations', String(r.iterations)],
    ['phi', String(r.phi)],
    ['loss', String(r.loss)],
    ['batchLoss', sampled?.batchLoss === undefined ? '—' : String(sampled.batchLoss)],
    ['trainLoss', sampled?.trainLoss === undefined ? '—' : String(sampled.trainLoss)],
    ['aDotAStar', last ? String(last.aDotAStar) : '—'],
    ['errA', last ? String(last.errA) : '—'],
  ];
  for (const [name, text] of cells) {
    const td = row.insertCell();
    td.className = name;
    td.textContent = text;
    if (name === 'outcome' && why) td.title = why;
  }
  // Second, next to the run's name: the long numbers after it may scroll sideways, the link not.
  const link = jsonLink(document.createElement('a'), config);
  link.download = `run-${runCount}.json`;
  link.textContent = 'JSON';
  row.insertCell(1).append(link);
}

// ---- Success rate ------------------------------------------------------------------------------

const sweepJob = new Job('sweep-cancel');
let cells: SweepCell[] = [];
let progress = { done: 0, total: 0 };

function rateRows(): (SuccessRateRow & { batch: number | null; width: number })[] {
  return cells.map((c) => ({
    k: c.k,
    method: c.method,
    batch: c.batch,
    width: c.width,
    rate: c.counts.global / c.trials,
    ci: wilson(c.counts.global, c.trials),
  }));
}

/** Whether the running sweep lists student widths (grid.width): its rows name their r, its plot is against r. */
let sweptWidths = false;

function drawRates(): void {
  const body = byId<HTMLTableElement>('rates').tBodies[0];
  body.replaceChildren();
  const rows = rateRows();
  rows.forEach((r, i) => {
    const c = cells[i];
    const row = body.insertRow();
    Object.assign(row.dataset, {
      k: String(c.k),
      method: c.method,
      batch: c.batch === null ? 'GD' : String(c.batch),
      global: String(c.counts.global),
      spurious: String(c.counts.spurious),
      unconverged: String(c.counts.unconverged),
      trials: String(c.trials),
      ...(sweptWidths ? { width: String(c.width) } : {}),
    });
    for (const text of [
      c.k,
      c.method,
      c.width,
      c.batch ?? 'GD',
      `${c.counts.global} / ${c.trials}`,
      r.rate.toFixed(3),
      `${r.ci[0].toFixed(3)} – ${r.ci[1].toFixed(3)}`,
      c.counts.spurious,
      c.counts.unconverged,
      c.counts.diverged,
    ])
      row.insertCell().textContent = String(text);
  });
  const el = byId('sweep-plot');
  if (rows.length === 0) {
    el.replaceChildren();
    return;
  }
  const trials = cells[0].trials;
  const title = `Success rate (${trials} trials, Wilson 95%)`;
  const width = Math.max(150, el.clientWidth - 80);
  // With batch sizes: rate against B per k, GD dashed (the figure of `shortcut-sim sgd`).
  const ks = new Set(rows.map((r) => r.k)).size,
    columns = Math.max(1, Math.min(ks, Math.floor(width / 260)));
  // With several widths: rate against r per k (the figure of `shortcut-sim width`), SGD dashed by batch size.
  void draw(
    el,
    legendOnTop(
      new Set(rows.map((r) => r.width)).size > 1
        ? widthSpec(rows, rows.some((r) => r.batch !== null) ? `${title}; dashed: SGD at each batch size` : title)
        : rows.some((r) => r.batch !== null)
          ? sgdSpec(rows, `${title}; dashed: GD`, { width: Math.floor(width / columns) - (columns > 1 ? 40 : 0), height: 200, columns })
          : figure4Spec(rows, title, { width, height: 240 }),
    ),
  );
}

function showProgress(): void {
  const bar = byId<HTMLProgressElement>('sweep-progress');
  bar.max = Math.max(1, progress.total);
  bar.value = progress.done;
}

function startSweep(): void {
  const { sweep } = validate();
  if (!sweep.ok) return setStatus('sweep-status', 'Fix the fields marked in red first.', 'invalid');
  const config = sweep.value;
  // SGD at the batch sizes after GD from the same starts, its reference; the link is the SGD sweep's.
  const configs: SweepConfig[] = config.grid.batch ? [populationSweep(config), config] : [config];
  cells = [];
  sweptWidths = config.grid.width !== undefined;
  drawRates();
  jsonLink(byId<HTMLAnchorElement>('sweep-config'), config).hidden = false;
  progress = { done: 0, total: configs.reduce((sum, c) => sum + sweepCells(c).length * c.trials, 0) };
  showProgress();
  const started = performance.now();
  setStatus('sweep-status', `0 of ${progress.total} runs`, 'running');
  sweepJob.start({ kind: 'sweep', configs }, (m) => {
    switch (m.kind) {
      case 'progress':
        progress = { done: m.done, total: m.total };
        showProgress();
        setStatus('sweep-status', `${m.done} of ${m.total} runs`, 'running');
        return false;
      case 'cell':
        cells.push(m.cell);
        drawRates();
        return false;
      case 'finished':
        setStatus('sweep-status', `done: ${progress.total} runs in ${seconds(started)}`, 'done');
        return true;
      case 'error':
        setStatus('sweep-status', `failed: ${m.message}`, 'error');
        return true;
      default:
        return false;
    }
  });
}

// ---- Wiring ------------------------------------------------------------------------------------

function debounce(f: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
}

function preset(schedule: 'ssw' | 'constant'): void {
  const { ks, trials, sweepSeed, batches, widths, preset: named } = readForm(); // the sweep's own fields and the preset stay
  writeForm(presetFields({ ...FIGURE5_FORM, schedule, ks, trials, sweepSeed, batches, widths, preset: named }));
  startRun();
}

buildFields(document);
writeForm(FIGURE5_FORM);
// A preset sets the teacher's constants and r at the form's k; they stay editable.
byId('preset').addEventListener('change', () => writeForm(presetFields(readForm())));
const revalidate = debounce(validate, 150);
for (const form of [byId('config'), byId('sweep-form')]) {
  form.addEventListener('input', revalidate);
  form.addEventListener('change', () => {
    syncChoices();
    revalidate();
  });
}
byId('config').addEventListener('submit', (e) => {
  e.preventDefault();
  startRun();
});
byId('sweep-form').addEventListener('submit', (e) => {
  e.preventDefault();
  startSweep();
});
byId('stop').addEventListener('click', () => {
  if (runJob.stop()) setStatus('run-status', 'Stopped; the plot keeps the steps finished so far.', 'stopped');
});
byId('sweep-cancel').addEventListener('click', () => {
  if (sweepJob.stop())
    setStatus(
      'sweep-status',
      `cancelled after ${progress.done} of ${progress.total} runs; the ${cells.length} finished cells are kept`,
      'cancelled',
    );
});
byId('preset-ssw').addEventListener('click', () => preset('ssw'));
byId('preset-constant').addEventListener('click', () => preset('constant'));
let lastWidth = window.innerWidth;
window.addEventListener(
  'resize',
  debounce(() => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    drawTrajectory();
    if (cells.length > 0) drawRates();
  }, 200),
);
document.body.dataset.ready = 'true';
