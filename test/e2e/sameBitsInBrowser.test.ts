// The same seed gives the same bits in Node and in the browser: the package's engine face
// (createSimulator, bundled for the browser by esbuild) loads build/engine.wasm in headless Chromium
// and runs sampled configs; every number must equal Node's, for engine 'wasm' and for the twin.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from 'esbuild';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '../../src/index.js';
import { trialConfig } from '../../src/presets.js';
import type { RunConfig, RunResult } from '../../src/types.js';
import { serveStatic, type StaticServer } from './staticServer.js';
import { launchChromium, tempDir } from '../helpers.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const CONFIGS: RunConfig[] = [
  {
    ...trialConfig({ k: 9, p: 7, method: 'resnet-constant', trial: 1 }),
    maxIter: 300,
    logEvery: 50,
    data: { kind: 'online', batch: 5, labelNoise: 0.2, seed: 2 ** 40 + 17 },
  },
  { ...trialConfig({ k: 6, method: 'cnn', trial: 2 }), maxIter: 300, logEvery: 100, data: { kind: 'fixed', n: 40, batch: 7, seed: 3 } },
];

/** Every number of a result, in order (NaN and −0 kept: compared with Object.is). */
function numbers(r: RunResult): number[] {
  const out: number[] = [];
  JSON.stringify(r, (_, v) => {
    if (typeof v === 'number') out.push(v);
    return v;
  });
  return [r.loss, r.batchLoss ?? 0, r.trainLoss ?? 0, ...out];
}

let browser: Browser, page: Page, server: StaticServer;
beforeAll(async () => {
  const dir = tempDir('shortcut-sim-sampled-e2e-');
  writeFileSync(
    join(dir, 'entry.ts'),
    `import { createSimulator } from ${JSON.stringify(root('src/simulator.ts'))};
    (window as any).runBoth = async (configs: unknown[]) => {
      const out: unknown[] = [];
      for (const engine of ['wasm', 'js'] as const) {
        const sim = await createSimulator({ engine, wasm: new URL('engine.wasm', location.href) });
        for (const c of configs) out.push(sim.run(c as never));
      }
      return out;
    };`,
  );
  await build({
    entryPoints: [join(dir, 'entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(dir, 'bundle.js'),
    external: ['node:*'],
    logLevel: 'error',
  });
  copyFileSync(root('build/engine.wasm'), join(dir, 'engine.wasm'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="bundle.js"></script>');
  server = await serveStatic(dir, '/');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'runBoth' in window);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('sampled runs in Node and in Chromium', () => {
  it('give the same bits (engines wasm and js)', async () => {
    // Results cross from the page as JSON, which turns NaN into null: compare the bits of numbers() instead.
    const fromPage = await page.evaluate(async (configs) => {
      const results = await (window as unknown as { runBoth(c: unknown[]): Promise<unknown[]> }).runBoth(configs);
      return results.map((r) => {
        const out: number[] = [];
        const rr = r as { loss: number; batchLoss?: number; trainLoss?: number };
        JSON.stringify(r, (_, v) => {
          if (typeof v === 'number') out.push(v);
          return v;
        });
        return Array.from(new Uint32Array(Float64Array.from([rr.loss, rr.batchLoss ?? 0, rr.trainLoss ?? 0, ...out]).buffer));
      });
    }, CONFIGS);
    let i = 0;
    for (const engine of ['wasm', 'js'] as const) {
      const sim = await createSimulator({ engine });
      for (const c of CONFIGS) {
        const want = Array.from(new Uint32Array(Float64Array.from(numbers(sim.run(c))).buffer));
        expect(fromPage[i++], `${engine}, config ${i}`).toEqual(want);
      }
    }
  });
});
