// `npm run docs` (after the builds): regenerates every sample output in README.md and docs/*.md and
// the pictures docs/figure4.svg, docs/figure5.svg, docs/width.svg and docs/web.png from the real commands
// and the real page. What is a sample is listed once, in scripts/samples.mjs.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PICTURES, ROOT, docFiles, runSamples, samplesWithoutBlock, withBlocks } from './samples.mjs';
import { screenshotPage } from './webShot.mjs';

const pages = Object.fromEntries(docFiles().map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
const missing = samplesWithoutBlock(pages);
if (missing.length > 0)
  throw new Error(
    `no page shows the samples ${missing.join(', ')}: put\n<!-- sample: NAME -->\n<!-- /sample -->\nwhere each belongs (README.md or docs/*.md)`,
  );
const texts = runSamples(undefined, (sample, run) => {
  for (const [name, from, to] of PICTURES) {
    if (name !== sample.name) continue;
    copyFileSync(join(run.dir, from), join(ROOT, to));
    console.log(`wrote ${to} (from \`${sample.command}\`)`);
  }
});
for (const [file, text] of Object.entries(pages)) {
  const updated = withBlocks(text, texts, undefined, file);
  if (updated === text) continue;
  writeFileSync(join(ROOT, file), updated);
  console.log(`wrote ${file}`);
}
console.log(`${Object.keys(texts).length} samples in ${docFiles().length} pages`);
await screenshotPage(join(ROOT, 'docs', 'web.png'));
console.log('wrote docs/web.png');
