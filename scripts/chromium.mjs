// The one way this project starts a browser: Debian's headless Chromium through playwright-core
// (which cannot download a browser here). The browser tests and the docs' screenshot use it;
// `npm test` installs the browser when it is missing (scripts/ensure-chromium.sh).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), no GPU, no background traffic (the tests count requests). */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Starts headless Chromium; a missing browser is refused with how to install it. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
