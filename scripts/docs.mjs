// `npm run docs` (after the builds): regenerates every sample output in README.md and the pictures
// docs/figure4.svg, docs/figure5.svg, docs/width.svg and docs/web.png from the real commands and the real page.
// What is a sample is listed once, in scripts/samples.mjs.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PICTURES, ROOT, runSamples, withBlocks } from './samples.mjs';
import { screenshotPage } from './webShot.mjs';

const readmePath = join(ROOT, 'README.md');
const texts = runSamples(undefined, (sample, run) => {
  for (const [name, from, to] of PICTURES) {
    if (name !== sample.name) continue;
    copyFileSync(join(run.dir, from), join(ROOT, to));
    console.log(`wrote ${to} (from \`${sample.command}\`)`);
  }
});
writeFileSync(readmePath, withBlocks(readFileSync(readmePath, 'utf8'), texts));
console.log(`wrote README.md (${Object.keys(texts).length} samples)`);
await screenshotPage(join(ROOT, 'docs', 'web.png'));
console.log('wrote docs/web.png');
