// docs/web.png: the built page (dist-web/, `npm run build:web`) in headless Chromium, after the
// SPEC §6.2 presets with and without warmup and the form's default success-rate sweep.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import { launchChromium } from './chromium.mjs';
import { ROOT } from './samples.mjs';

const SLOW = 300_000;

export async function screenshotPage(path) {
  if (!existsSync(join(ROOT, 'dist-web', 'index.html'))) throw new Error('dist-web/ is missing: run `npm run build:web` first');
  const server = await preview({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const browser = await launchChromium();
  try {
    // Tall enough for the whole form, which keeps to the window's height beside the results.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await page.goto(server.resolvedUrls.local[0]);
    await page.waitForSelector('body[data-ready="true"]');
    for (const [button, row] of [
      ['#preset-ssw', 1],
      ['#preset-constant', 2],
    ]) {
      await page.click(button);
      await page.waitForFunction(
        (n) => document.querySelectorAll('#runs tbody tr').length === n && document.getElementById('run-status').dataset.state === 'done',
        row,
        { timeout: SLOW },
      );
    }
    await page.click('#sweep-start');
    await page.waitForSelector('#sweep-status[data-state="done"]', { timeout: SLOW });
    await page.waitForFunction(() => document.querySelectorAll('.plot:not([data-state="ready"])').length === 0, undefined, {
      timeout: SLOW,
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
    await server.close();
  }
}
