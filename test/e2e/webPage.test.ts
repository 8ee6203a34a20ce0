// End to end in a real headless Chromium: the built page (dist-web/, from `npm run build:web`)
// served from a sub-path by a plain static server, against the Node API on the same config.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { createSimulator, divergenceReason, parseRunConfig, presets, secondLayerStepLimit, type Simulator } from '../../src/index.js';
import type { RunConfig, WideRunConfig } from '../../src/types.js';
import { parseSweepConfig } from '../../src/experiments/core/sweepConfig.js';
import { serveStatic, type StaticServer } from './staticServer.js';
import { cli, launchChromium, tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE = join(ROOT, 'dist-web');
/** Screenshots of every run (docs/web.png is made by `npm run docs`). */
const OUT = join(ROOT, 'results', 'e2e');
const SLOW = 180_000;
/** A common laptop screen: the page must work there without scrolling to its buttons. */
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let browser: Browser, page: Page, server: StaticServer, sim: Simulator;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('dist-web/index.html is missing: run `npm run build:web` first');
  mkdirSync(OUT, { recursive: true });
  sim = await createSimulator({ engine: 'wasm' });
  server = await serveStatic(SITE, '/any/sub/path/');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: LAPTOP });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The newest row of the runs table, as the page prints it, and the config it ran. */
async function newestRun(): Promise<{ cells: Record<string, string>; config: RunConfig }> {
  return page.evaluate(async () => {
    const row = document.querySelector<HTMLTableRowElement>('#runs tbody tr')!;
    const cells: Record<string, string> = {};
    for (const td of row.cells) if (td.className) cells[td.className] = td.textContent!;
    const config = await (await fetch(row.querySelector('a')!.href)).json();
    return { cells, config };
  });
}

/** What Node's API prints for the same config, to the page's precision (String: every bit). */
function nodeCells(config: RunConfig): Record<string, string> {
  const r = sim.run(config);
  const last = r.trajectory!.at(-1)!;
  const optional = (x: number | undefined) => (x === undefined ? '—' : String(x));
  return {
    outcome: r.outcome,
    iterations: String(r.iterations),
    phi: String(r.phi),
    loss: String(r.loss),
    batchLoss: optional(r.batchLoss),
    trainLoss: optional(r.trainLoss),
    aDotAStar: String(last.aDotAStar),
    errA: String(last.errA),
  };
}

/** `shortcut-sim run --config` on `config`, written to a temporary file. */
function cliRun(config: unknown) {
  const file = join(tmpdir(), `shortcut-sim-e2e-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(config));
  try {
    return cli(['run', '--config', file]);
  } finally {
    rmSync(file);
  }
}

/** The counts of `shortcut-sim sweep --config` on `config`, as the page's rows of rates show them. */
function cliSweepRows(config: unknown): Record<string, string>[] {
  const dir = tempDir('shortcut-sim-e2e-');
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify(config));
  const fromCli = cli(['sweep', '--config', join(dir, 'sweep.json'), '--out', join(dir, 'sweep.jsonl'), '--quiet', '--workers', '1']);
  expect(fromCli.stderr).toBe('');
  const aggregate = JSON.parse(readFileSync(join(dir, 'sweep.aggregate.json'), 'utf8')) as {
    rows: {
      k: number;
      method: string;
      data?: { batch?: number };
      successes: number;
      trials: number;
      outcomes: Record<string, number>;
    }[];
  };
  return aggregate.rows.map((r) => ({
    k: String(r.k),
    method: r.method,
    batch: r.data?.batch === undefined ? 'GD' : String(r.data.batch),
    global: String(r.successes),
    spurious: String(r.outcomes.spurious),
    unconverged: String(r.outcomes.unconverged),
    trials: String(r.trials),
  }));
}

async function rateRows(): Promise<Record<string, string>[]> {
  return page.$$eval('#rates tbody tr', (trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset }) as Record<string, string>));
}

/** A CLI message ("config.path: sentence") as the page shows it: the same sentence after the field's label. */
const sentence = (line: string) => line.slice(line.indexOf(':'));

/** Whether a field's message names it as the form labels it, with no config path (grid.k[1], schedule.eta). */
const namesByLabel = (message: string, label: string) =>
  message.startsWith(label) &&
  /^(: |, )/.test(message.slice(label.length)) &&
  !/\b(grid|schedule|data|init|teacher)\.|\w\[\d+\]/.test(message);

/** The values of form controls, as setFields takes them: to put them back after a test. */
async function fieldValues(fields: readonly string[]): Promise<[string, string][]> {
  return Promise.all(fields.map(async (f) => [f, await page.inputValue(`#${f}`)] as [string, string]));
}

/** Sets form controls (selects by their value) and waits for the validation to settle. */
async function setFields(values: readonly (readonly [string, string])[]): Promise<void> {
  for (const [field, value] of values) {
    if (await page.$eval(`#${field}`, (el) => el.tagName === 'SELECT')) await page.selectOption(`#${field}`, value);
    else await page.fill(`#${field}`, value);
  }
}

/**
 * Whether `selector`'s element is on screen, uncovered at its centre, and (`wholly`) entirely
 * inside the viewport and every scrolling box around it, as they are scrolled now.
 */
async function inView(selector: string, wholly = true): Promise<boolean> {
  return page.$eval(
    selector,
    (el, wholly) => {
      const r = el.getBoundingClientRect();
      const x = (r.left + r.right) / 2,
        y = (r.top + r.bottom) / 2;
      const inside = (box: { left: number; right: number; top: number; bottom: number }) =>
        wholly
          ? r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5
          : x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
      if (!inside({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })) return false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(style.overflowX + style.overflowY) && !inside(p.getBoundingClientRect())) return false;
      }
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    },
    wholly,
  );
}

/** Clicks `button` (Run or a preset) and waits for the run's row. */
async function runWith(button: string) {
  const rows = await page.locator('#runs tbody tr').count();
  await page.click(button);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#runs tbody tr').length === n && document.getElementById('run-status')!.dataset.state === 'done',
    rows + 1,
    { timeout: SLOW },
  );
  return newestRun();
}

describe('the web page in headless Chromium', () => {
  it('shows the Run button at 1366×768, and keeps it in view while the form scrolls', async () => {
    expect(await inView('#run')).toBe(true);
    const scrolled = await page.$eval('#config', (form) => {
      form.scrollTop = form.scrollHeight;
      return form.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(0); // the form does scroll here: the check below means something
    expect(await inView('#run')).toBe(true);
    expect(await inView('#maxIter')).toBe(true);
    await page.$eval('#config', (form) => {
      form.scrollTop = 0;
    });
  });

  it(
    "shows the CLI's own sentence next to a bad field, named by the field's label, and does not run",
    async () => {
      await page.fill('#etaV1', '-1');
      await page.waitForFunction(() => document.getElementById('etaV1-error')!.textContent !== '');
      const shown = await page.textContent('#etaV1-error');
      const bad = presets.figure5Config('resnet-ssw');
      bad.schedule = { ...bad.schedule, etaV1: -1 } as RunConfig['schedule'];
      const fromCli = cliRun(bad);
      expect(fromCli.status).toBe(2);
      expect(shown).toBe('ηᵥ in stage I: must be a step size ≥ 0');
      expect(fromCli.stderr).toContain('  schedule.etaV1: must be a step size ≥ 0\n');
      expect(await page.getAttribute('#etaV1', 'aria-invalid')).toBe('true');

      await page.click('#run');
      expect(await page.getAttribute('#run-status', 'data-state')).toBe('invalid');
      expect(await page.locator('#runs tbody tr').count()).toBe(0);

      // Every problem at once, as the CLI lists them all: a bad k does not hide the schedule's.
      await page.fill('#k', '1');
      await page.fill('#maxIter', '-5');
      await page.waitForFunction(
        () => document.getElementById('k-error')!.textContent !== '' && document.getElementById('maxIter-error')!.textContent !== '',
      );
      expect(await page.textContent('#k-error')).toMatch(/^k: must be a whole number from 2/);
      expect(await page.textContent('#etaV1-error')).toBe(shown);
      expect(await page.textContent('#maxIter-error')).toBe('max steps: must be a whole number of steps ≥ 0');
      await page.fill('#k', '16');
      await page.fill('#maxIter', '5000');
      await page.fill('#etaV1', '0.001');
      await page.waitForFunction(() => [...document.querySelectorAll('.error')].every((e) => e.textContent === ''));
    },
    SLOW,
  );

  it(
    "checks the data fields as the CLI checks `data`, every message at once, and shows only the chosen kind's",
    async () => {
      expect(await page.isVisible('#batch')).toBe(false); // population: no data fields
      await setFields([['data', 'online']]);
      expect(await page.isVisible('#batch')).toBe(true);
      expect(await page.isVisible('#n')).toBe(false);
      await setFields([
        ['data', 'fixed'],
        ['n', '0'],
        ['batch', '2.5'],
        ['labelNoise', '-1'],
        ['dataSeed', ''],
      ]);
      await page.waitForFunction(() =>
        ['n', 'batch', 'labelNoise', 'dataSeed'].every((f) => document.getElementById(`${f}-error`)!.textContent !== ''),
      );
      const shown = await page.$$eval('#config .error', (els) => els.map((e) => e.textContent!).filter((t) => t !== ''));
      const bad = { ...presets.figure5Config('resnet-ssw'), data: { kind: 'fixed', n: 0, batch: 2.5, labelNoise: -1 } };
      const fromCli = cliRun(bad);
      expect(fromCli.status).toBe(2);
      expect(shown.length).toBe(4);
      // The CLI's sentences, each after its field's label instead of its config path.
      const cliLines = fromCli.stderr.split('\n').filter((l) => l.startsWith('  data.'));
      expect(shown.map(sentence).sort()).toEqual(cliLines.map(sentence).sort());
      expect(await page.textContent('#n-error')).toBe('n: must be a whole number of samples ≥ 1');
      expect(await page.getAttribute('#labelNoise', 'aria-invalid')).toBe('true');
      // batch ≤ n, once both are whole numbers.
      await setFields([
        ['n', '10'],
        ['batch', '20'],
        ['labelNoise', '0'],
        ['dataSeed', '1'],
      ]);
      // Settled: the validation after the last of the four fills (the batch rule is checked once the rest pass).
      await page.waitForFunction(() =>
        ['n', 'labelNoise', 'dataSeed'].every((f) => document.getElementById(`${f}-error`)!.textContent === ''),
      );
      expect(await page.textContent('#batch-error')).toBe('B: must be at most n (10): a mini-batch is drawn from the training set');
      await page.click('#run');
      expect(await page.getAttribute('#run-status', 'data-state')).toBe('invalid');
      await setFields([
        ['batch', '4'],
        ['n', '1000'],
        ['data', 'population'],
      ]);
      await page.waitForFunction(() => [...document.querySelectorAll('.error')].every((e) => e.textContent === ''));
    },
    SLOW,
  );

  it(
    'names a bad value in a list by its label and which value it is, and marks its field',
    async () => {
      await page.fill('#ks', '16, 100001');
      await page.waitForFunction(() => document.getElementById('ks-error')!.textContent !== '');
      const shown = (await page.textContent('#ks-error'))!;
      expect(shown).toBe('k values, second value: must be at most 100000');
      expect(namesByLabel(shown, 'k values')).toBe(true);
      // The CLI names the config path; shown so, the check above fails.
      const dir = tempDir('shortcut-sim-e2e-');
      writeFileSync(join(dir, 'sweep.json'), JSON.stringify({ trials: 500, grid: { k: [16, 100001] } }));
      const fromCli = cli(['sweep', '--config', join(dir, 'sweep.json'), '--out', join(dir, 'sweep.jsonl')]);
      expect(fromCli.status).toBe(2);
      const cliLine = fromCli.stderr
        .split('\n')
        .find((l) => l.includes('must be at most 100000'))!
        .trim();
      expect(cliLine).toBe('grid.k[1]: must be at most 100000');
      expect(sentence(cliLine)).toBe(sentence(shown));
      expect(namesByLabel(cliLine, 'k values')).toBe(false);
      // Marked: aria-invalid, and in red (the border and the label), unlike a valid field.
      const look = (id: string) =>
        page.$eval(`#${id}`, (el) => ({
          invalid: el.getAttribute('aria-invalid'),
          border: getComputedStyle(el).borderTopColor,
          label: getComputedStyle(document.querySelector(`label[for="${el.id}"]`)!).color,
          bad: getComputedStyle(document.documentElement).getPropertyValue('--bad').trim(),
        }));
      const [bad, good] = [await look('ks'), await look('trials')];
      expect(bad.invalid).toBe('true');
      expect(good.invalid).toBe('false');
      expect(bad.bad).toBe('#b3261e');
      expect([bad.border, bad.label]).toStrictEqual(['rgb(179, 38, 30)', 'rgb(179, 38, 30)']);
      expect([good.border, good.label]).not.toContain('rgb(179, 38, 30)');
      await page.fill('#ks', '16, 36, 64');
      await page.waitForFunction(() => [...document.querySelectorAll('.error')].every((e) => e.textContent === ''));
      expect(await page.getAttribute('#ks', 'aria-invalid')).toBe('false');
    },
    SLOW,
  );

  it(
    'cancels a long success-rate sweep at once and keeps the finished cells',
    async () => {
      await page.fill('#ks', '16, 25, 36, 49, 64, 81, 100');
      await page.fill('#trials', '5000');
      await page.click('#sweep-start');
      await page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>('#sweep-progress')!.value) > 0, undefined, {
        timeout: SLOW,
      });
      await page.click('#sweep-cancel');
      expect(await page.getAttribute('#sweep-status', 'data-state')).toBe('cancelled');
      const kept = await page.locator('#rates tbody tr').count();
      expect(await page.textContent('#sweep-status')).toContain(`the ${kept} finished cells are kept`);
      expect(await page.isDisabled('#sweep-cancel')).toBe(true);
    },
    SLOW,
  );

  it(
    'plots a long run live, step by step, and stops it at once',
    async () => {
      // Wide patches (slow steps) and tiny step sizes (no early outcome): a run of minutes.
      for (const [field, value] of [
        ['p', '100000'],
        ['start', 'random'],
        ['schedule', 'constant'],
        ['etaA', '1e-6'],
        ['etaV', '1e-6'],
        ['maxIter', '1000000'],
      ]) {
        if (field === 'start' || field === 'schedule') await page.selectOption(`#${field}`, value);
        else await page.fill(`#${field}`, value);
      }
      await page.click('#run');
      // A partial trajectory is drawn while the run goes on.
      await page.waitForFunction(() => /running… step [1-9]/.test(document.getElementById('run-status')!.textContent!), undefined, {
        timeout: SLOW,
      });
      await page.waitForSelector('#trajectory-plot svg', { timeout: SLOW });
      expect(await page.getAttribute('#run-status', 'data-state')).toBe('running');
      await page.click('#stop');
      expect(await page.getAttribute('#run-status', 'data-state')).toBe('stopped');
      expect(await page.locator('#runs tbody tr').count()).toBe(0);
    },
    SLOW,
  );

  it.each([
    { button: '#preset-ssw', method: 'resnet-ssw', outcome: 'global' },
    { button: '#preset-constant', method: 'resnet-constant', outcome: 'spurious' },
  ] as const)(
    'runs the SPEC §6.2 preset $method to $outcome, with the numbers Node gives',
    async ({ button, method, outcome }) => {
      const { cells, config } = await runWith(button);
      const expected = presets.figure5Config(method);
      expect(parseRunConfig(config)).toEqual(parseRunConfig({ ...expected, logEvery: config.logEvery }));
      expect(cells.outcome).toBe(outcome);
      expect(cells).toMatchObject(nodeCells(expected));
      expect(await page.textContent('#run-status')).toContain(`${outcome} after ${cells.iterations} steps`);
      await page.$eval('#runs tbody tr a', (a) => a.scrollIntoView({ block: 'center', inline: 'nearest' }));
      expect(await page.$eval('#runs', (t) => t.parentElement!.scrollLeft)).toBe(0);
      expect(await inView('#runs tbody tr a')).toBe(true); // the long numbers do not push it off-screen
    },
    SLOW,
  );

  it(
    'plots both §6.2 runs together, as in Figure 5',
    async () => {
      await page.waitForSelector('#trajectory-plot[data-state="ready"] svg');
      const legend = await page.textContent('#trajectory-plot');
      expect(legend).toMatch(/#\d+ ResNet, warmup 500/);
      expect(legend).toMatch(/#\d+ ResNet, constant/);
    },
    SLOW,
  );

  it(
    'says why a run diverged: its step size against the stability limit at its k',
    async () => {
      const before = await fieldValues(['k', 'p', 'schedule', 'etaA', 'etaV']);
      await setFields([
        ['k', '100'],
        ['p', '100'],
        ['schedule', 'constant'],
        ['etaA', '0.2'],
        ['etaV', '0.1'],
      ]);
      const { cells, config } = await runWith('#run');
      expect(cells.outcome).toBe('diverged');
      const status = (await page.textContent('#run-status'))!;
      const why = divergenceReason(config, Number(cells.iterations));
      expect(why).toBe('η_a = 0.2 exceeds the stability limit 2·2π/(k + π − 1) = 0.123 at k = 100');
      expect(secondLayerStepLimit(100)).toBeLessThan(0.2);
      const says = new RegExp(
        `: diverged after ${cells.iterations} steps — η_a = 0\\.2 exceeds the stability limit .* = 0\\.123 at k = 100 \\(`,
      );
      expect(status).toMatch(says);
      expect(status).toContain(why);
      expect(await page.getAttribute('#runs tbody tr .outcome', 'title')).toBe(why);
      // The status before, which named the outcome alone, fails this check.
      expect(`#9 ResNet, constant: diverged after ${cells.iterations} steps (0.01 s)`).not.toMatch(says);
      await setFields(before);
    },
    SLOW,
  );

  it(
    'runs a small success-rate sweep to completion, with the counts of `shortcut-sim sweep`',
    async () => {
      const ks = [16, 25],
        trials = 40;
      await page.fill('#ks', ks.join(', '));
      await page.fill('#trials', String(trials));
      await page.click('#sweep-start');
      await page.waitForSelector('#sweep-status[data-state="done"]', { timeout: SLOW });
      const rows = await rateRows();
      expect(await page.$eval('#sweep-progress', (p) => (p as HTMLProgressElement).value)).toBe(ks.length * 3 * trials);
      await page.waitForSelector('#sweep-plot[data-state="ready"] svg');

      // The page's sweep is the CLI's: same config file, same counts.
      const config = await page.evaluate(async () =>
        (await fetch(document.querySelector<HTMLAnchorElement>('#sweep-config')!.href)).json(),
      );
      expect(config).toEqual(parseSweepConfig({ trials, grid: { k: ks } })); // SPEC §6.1 defaults, seed 1
      expect(rows).toEqual(cliSweepRows(config));

      // And those are the counts of the plain presets, trial by trial, in Node.
      const expected = ks.flatMap((k) =>
        presets.METHODS.map((method) => {
          let global = 0;
          for (let trial = 0; trial < trials; trial++)
            if (sim.run(presets.trialConfig({ k, method, trial, seed: 1 })).outcome === 'global') global++;
          return { k: String(k), method, global: String(global), trials: String(trials) };
        }),
      );
      expect(rows.map(({ k, method, global, trials }) => ({ k, method, global, trials }))).toEqual(expected);
    },
    SLOW,
  );

  it.each([
    {
      kind: 'online',
      fields: [
        ['batch', '4'],
        ['dataSeed', '1'],
      ],
      data: { kind: 'online', batch: 4, seed: 1 },
    },
    {
      kind: 'fixed',
      fields: [
        ['n', '200'],
        ['batch', '20'],
        ['labelNoise', '0.1'],
        ['dataSeed', '3'],
      ],
      data: { kind: 'fixed', n: 200, batch: 20, labelNoise: 0.1, seed: 3 },
    },
  ] as const)(
    'runs SGD on $kind data with the numbers Node gives, and plots the batch loss',
    async ({ kind, fields, data }) => {
      await setFields([['data', kind], ...fields]);
      const { cells, config } = await runWith('#run'); // the §6.2 run without warmup, from the last preset
      expect(parseRunConfig(config)).toEqual(
        parseRunConfig({ ...presets.figure5Config('resnet-constant'), data, logEvery: config.logEvery }),
      );
      expect(cells.batchLoss).not.toBe('—');
      expect(cells.trainLoss === '—').toBe(kind === 'online');
      expect(cells).toMatchObject(nodeCells(config));
      // `shortcut-sim run` on the downloaded config gives the same bits.
      const fromCli = cliRun(config);
      const r = JSON.parse(fromCli.stdout);
      expect([r.outcome, String(r.iterations), String(r.phi), String(r.loss), String(r.batchLoss)]).toEqual([
        cells.outcome,
        cells.iterations,
        cells.phi,
        cells.loss,
        cells.batchLoss,
      ]);
      await page.waitForSelector('#trajectory-plot[data-state="ready"] svg');
      const plot = await page.textContent('#trajectory-plot');
      expect(plot).toContain('mini-batch');
      expect(plot).toContain('population L');
      expect(plot!.includes('training set')).toBe(kind === 'fixed');
    },
    SLOW,
  );

  it(
    'fits the runs table, every number at full precision, into its column at 1366×768',
    async () => {
      expect(page.viewportSize()).toStrictEqual(LAPTOP);
      // The newest run is on a fixed training set: every column holds a number.
      expect(await page.$$eval('#runs tbody tr:first-child td', (tds) => tds.every((td) => td.textContent !== '—'))).toBe(true);
      const fits = () =>
        page.$eval('#runs', (t) => ({
          table: t.scrollWidth <= t.parentElement!.clientWidth,
          page: document.documentElement.scrollWidth <= window.innerWidth,
        }));
      expect(await fits()).toStrictEqual({ table: true, page: true });
      // The same rows with their cells on one line each, as before, overflow: the check can fail.
      const oneLine = await page.addStyleTag({ content: '#runs { width: auto } #runs td { white-space: nowrap; overflow-wrap: normal }' });
      expect((await fits()).table).toBe(false);
      await oneLine.evaluate((style) => style.remove());
      expect(await fits()).toStrictEqual({ table: true, page: true });
    },
    SLOW,
  );

  it(
    'sweeps the batch size with GD as the reference, with the counts of `shortcut-sim sweep`',
    async () => {
      const batches = [4, 16],
        trials = 6,
        maxIter = 1500;
      await setFields([
        ['data', 'online'],
        ['labelNoise', '0'],
        ['maxIter', String(maxIter)],
        ['ks', '16'],
        ['trials', String(trials)],
        ['batches', batches.join(', ')],
      ]);
      await page.click('#sweep-start');
      await page.waitForFunction(() => document.getElementById('sweep-status')!.dataset.state !== 'running', undefined, { timeout: SLOW });
      expect(await page.textContent('#sweep-status')).toMatch(/^done/);
      expect(await page.$eval('#sweep-progress', (p) => (p as HTMLProgressElement).value)).toBe((1 + batches.length) * 3 * trials);
      await page.waitForSelector('#sweep-plot[data-state="ready"] svg');
      expect(await page.textContent('#sweep-plot')).toContain('batch size B');
      const rows = await rateRows();

      const config = await page.evaluate(async () =>
        (await fetch(document.querySelector<HTMLAnchorElement>('#sweep-config')!.href)).json(),
      );
      expect(config).toEqual(parseSweepConfig({ trials, maxIter, grid: { k: [16], batch: batches, labelNoise: [0] } }));
      const { batch: _, labelNoise: __, ...gdGrid } = config.grid;
      // GD first (the reference, from the same starts), then SGD at each batch size.
      expect(rows).toEqual([...cliSweepRows({ ...config, grid: gdGrid }), ...cliSweepRows(config)]);
      expect(rows.map((r) => r.batch)).toEqual(['GD', 'GD', 'GD', '4', '4', '4', '16', '16', '16']);
      await setFields([
        ['data', 'population'],
        ['maxIter', '5000'],
        ['batches', ''],
      ]);
    },
    SLOW,
  );

  it(
    'runs a wide student (r = 2 filters, SPEC §9) with the numbers Node gives, one angle per filter, and sweeps against r',
    async () => {
      await setFields([
        ['start', 'random'],
        ['width', '2'],
      ]);
      const { cells, config } = await runWith('#run'); // the §6.2 run without warmup's schedule, from a random start
      const t = presets.teacher({ k: 16 });
      const expected = presets.wideTrialConfig({ k: 16, method: 'resnet-ssw', trial: 0, width: 2 }, { aStar: [t.aStar], wStar: [t.wStar] });
      expect(config.init).toEqual(expected.init);
      const r = sim.run(config as unknown as WideRunConfig);
      expect(cells).toMatchObject({
        outcome: r.outcome,
        iterations: String(r.iterations),
        phi: String(r.phi),
        loss: String(r.loss),
        aDotAStar: '—',
        errA: '—',
      });
      await page.waitForSelector('#trajectory-plot[data-state="ready"] svg');
      const plot = await page.textContent('#trajectory-plot');
      for (const label of ['filter 1', 'filter 2', 'angle of each filter to w*']) expect(plot).toContain(label);

      await setFields([
        ['ks', '16'],
        ['trials', '6'],
        ['widths', '1, 2'],
      ]);
      await page.click('#sweep-start');
      await page.waitForFunction(() => document.getElementById('sweep-status')!.dataset.state !== 'running', undefined, { timeout: SLOW });
      expect(await page.textContent('#sweep-status')).toMatch(/^done/);
      await page.waitForSelector('#sweep-plot[data-state="ready"] svg');
      expect(await page.textContent('#sweep-plot')).toContain('filters r');
      const sweep = await page.evaluate(async () => (await fetch(document.querySelector<HTMLAnchorElement>('#sweep-config')!.href)).json());
      expect(sweep.grid.width).toEqual([1, 2]);
      const rows = await rateRows();
      expect(rows.map((x) => x.width)).toEqual(['1', '1', '1', '2', '2', '2']);
      expect(rows.map(({ width: _, ...x }) => x)).toEqual(cliSweepRows(sweep));
      await setFields([
        ['widths', ''],
        ['width', '1'],
        ['start', 'figure5'],
      ]);
    },
    SLOW,
  );

  it(
    'sweeps against r with batch sizes: GD, then SGD at each batch size for every r, with the counts of `shortcut-sim sweep`',
    async () => {
      const trials = 4,
        maxIter = 600;
      await setFields([
        ['width', '1'],
        ['data', 'online'],
        ['labelNoise', '0'],
        ['maxIter', String(maxIter)],
        ['ks', '16'],
        ['trials', String(trials)],
        ['widths', '1, 2'],
        ['batches', '4'],
      ]);
      await page.click('#sweep-start');
      await page.waitForFunction(() => document.getElementById('sweep-status')!.dataset.state !== 'running', undefined, { timeout: SLOW });
      expect(await page.textContent('#sweep-status')).toMatch(/^done/);
      expect(await page.$eval('#sweep-progress', (p) => (p as HTMLProgressElement).value)).toBe(2 * 2 * 3 * trials);
      await page.waitForSelector('#sweep-plot[data-state="ready"] svg');
      const plot = await page.textContent('#sweep-plot');
      for (const label of ['filters r', 'SGD batch size', 'B=4', 'dashed: SGD at each batch size']) expect(plot).toContain(label);
      const config = await page.evaluate(async () =>
        (await fetch(document.querySelector<HTMLAnchorElement>('#sweep-config')!.href)).json(),
      );
      expect(config).toEqual(parseSweepConfig({ trials, maxIter, grid: { k: [16], batch: [4], labelNoise: [0], width: [1, 2] } }));
      const rows = await rateRows();
      // GD first (every r, the reference from the same starts), then SGD at B = 4 for every r: the SGD rows are shown.
      expect(rows.map((r) => [r.batch, r.width])).toEqual(
        ['GD', '4'].flatMap((b) => ['1', '2'].flatMap((w) => [w, w, w].map((r) => [b, r]))),
      );
      const { batch: _, labelNoise: __, ...gdGrid } = config.grid;
      expect(rows.map(({ width: _, ...x }) => x)).toEqual([...cliSweepRows({ ...config, grid: gdGrid }), ...cliSweepRows(config)]);
      await page.screenshot({ path: join(OUT, 'width-sgd-sweep.png'), fullPage: true });
      await setFields([
        ['data', 'population'],
        ['maxIter', '5000'],
        ['widths', ''],
        ['batches', ''],
      ]);
    },
    SLOW,
  );

  it(
    "offers both presets: paper-fit sets the teacher at k, and its sweep is `table1 --preset paper-fit`'s",
    async () => {
      const before = await fieldValues(['preset', 'k', 'p', 'vStarNorm', 'aStarSum', 'aStarSpread', 'radius']);
      await setFields([
        ['data', 'population'],
        ['batches', ''],
        ['ks', '16, 36'],
        ['trials', '6'],
        ['maxIter', '5000'],
        ['k', '36'],
        ['p', '36'],
        ['preset', 'paper-fit'],
      ]);
      const c = presets.presetConstants('paper-fit', 36);
      expect(await Promise.all(['vStarNorm', 'aStarSum', 'aStarSpread', 'radius'].map((f) => page.inputValue(`#${f}`)))).toStrictEqual(
        [c.vStarNorm, c.aStarSum, c.aStarSpread, c.radiusScale].map(String),
      );
      await page.click('#sweep-start');
      await page.waitForFunction(() => document.getElementById('sweep-status')!.dataset.state !== 'running', undefined, { timeout: SLOW });
      expect(await page.textContent('#sweep-status')).toMatch(/^done/);
      const config = await page.evaluate(async () =>
        (await fetch(document.querySelector<HTMLAnchorElement>('#sweep-config')!.href)).json(),
      );
      const seed = Number((await page.inputValue('#sweepSeed')) || '1');
      expect(config).toEqual(JSON.parse(JSON.stringify(parseSweepConfig({ seed, preset: 'paper-fit', trials: 6, grid: { k: [16, 36] } }))));
      expect(await rateRows()).toEqual(cliSweepRows(config));
      await setFields(before); // the preset first: its change sets the constants, then the old values return
    },
    SLOW,
  );

  it(
    'fits a phone screen and loads nothing but its own files; screenshots',
    async () => {
      await page.waitForSelector('#trajectory-plot[data-state="ready"] svg');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(OUT, 'web.png'), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.waitForFunction(() => document.querySelectorAll('.plot[data-state="drawing"]').length === 0);
      await page.waitForTimeout(500); // the resize redraw is debounced
      await page.waitForFunction(() => document.querySelectorAll('.plot[data-state="drawing"]').length === 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(OUT, 'web-phone.png'), fullPage: true });

      // A preset tap on a phone, where the results follow the long form: the page scrolls to them.
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await inView('#run-status', false)).toBe(false);
      await runWith('#preset-constant');
      await page.waitForFunction(() => {
        const r = document.getElementById('run-status')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
      expect(await inView('#run-status')).toBe(true);
      await page.$eval('#runs tbody tr a', (a) => a.scrollIntoView({ block: 'center', inline: 'nearest' }));
      expect(await page.$eval('#runs', (t) => t.parentElement!.scrollLeft)).toBe(0);
      expect(await inView('#runs tbody tr a')).toBe(true);

      const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
      expect(foreign).toEqual([]);
      // The page's engine is the very build/engine.wasm that Node loads (Vite only renames it).
      const wasm = requests.filter((u) => u.endsWith('.wasm'));
      expect(wasm.length).toBeGreaterThan(0);
      for (const url of new Set(wasm))
        expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(readFileSync(join(ROOT, 'build', 'engine.wasm')))).toBe(true);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
