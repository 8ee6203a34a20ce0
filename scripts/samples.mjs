// The docs' sample outputs, each printed by a real command. `npm run docs` (scripts/docs.mjs)
// writes them into README.md and docs/*.md between `<!-- sample: NAME · COMMAND -->` and
// `<!-- /sample -->`; test/cli/docs.test.ts runs the commands again and checks that the docs show what
// they print.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BAD_RUN = { ...JSON.parse(readFileSync(join(ROOT, 'examples/figure5-ssw.json'), 'utf8')), maxIter: 1.5 };
BAD_RUN.schedule = { ...BAD_RUN.schedule, kind: 'warm' };
const BAD_SWEEP = { trials: 10, grid: { k: [1, 16], methods: ['resnet-ssw', { method: 'cnn', warmup: 100 }] } };

/**
 * The samples. One entry per block (a sample may be shown in several files): `command` runs in a fresh folder that holds `examples/`
 * and `files`; `show` turns what it did into the block's text (default: its stdout); `status` is
 * the exit code it must end with (default 0); `lang` the code block's language.
 */
export const SAMPLES = [
  {
    name: 'run',
    command: 'shortcut-sim run --config examples/figure5-constant.json',
    lang: 'json',
    show: (r) => abridgeJson(JSON.parse(r.stdout)),
  },
  { name: 'run-bad', command: 'shortcut-sim run --config bad.json', files: { 'bad.json': BAD_RUN }, status: 2, show: transcript },
  { name: 'table1', command: 'shortcut-sim table1' },
  { name: 'table1-compare', command: 'shortcut-sim table1 --preset paper-fit --compare examples/paper-table1.json' },
  { name: 'figure5', command: 'shortcut-sim figure5' },
  { name: 'sweep-config', command: 'cat examples/sweep.json', lang: 'json' },
  {
    name: 'sweep-bad',
    command: 'shortcut-sim sweep --config bad.json',
    files: { 'bad.json': BAD_SWEEP },
    status: 2,
    show: (r) => r.stderr,
  },
  {
    name: 'sweep-trial',
    command: 'shortcut-sim sweep --config examples/sweep.json',
    show: (r) => r.file('results/sweep.jsonl').split('\n')[1] + '\n',
  },
  { name: 'sweep', command: 'shortcut-sim sweep --config examples/sweep.json', show: (r) => abridgeLines(r.stdout, [0, 1, 2, 16, 17]) },
  { name: 'width', command: 'shortcut-sim width --trials 200 --quiet' },
  { name: 'width-sgd', command: 'shortcut-sim width --k 16 --width 1,2 --batch 16 --scale none --trials 20 --quiet' },
];

/** Files a sample's command writes that the docs keep: [sample, file in its folder, path in the project]. */
export const PICTURES = [
  ['table1', 'results/figure4.svg', 'docs/figure4.svg'],
  ['figure5', 'results/figure5.svg', 'docs/figure5.svg'],
  ['width', 'results/width.svg', 'docs/width.svg'],
];

/** `$ npx COMMAND` and what it printed on stderr, as a terminal shows a failing command. */
function transcript(r) {
  return `$ npx ${r.command}\n${r.stderr}`;
}

/**
 * A JSON object on a few lines, each array cut to its first `keep` entries and `…`: the docs'
 * abridged results. Entries are packed onto lines of at most `width` characters.
 */
export function abridgeJson(value, keep = 2, width = 100) {
  const show = (v) =>
    Array.isArray(v)
      ? `[${[...v.slice(0, keep).map((x) => JSON.stringify(x)), ...(v.length > keep ? ['…'] : [])].join(', ')}]`
      : JSON.stringify(v);
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`);
  const lines = [];
  for (const entry of entries) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + entry.length + 2 <= width) lines[last] += `, ${entry}`;
    else lines.push(entry);
  }
  return `{ ${lines.join(',\n  ')} }\n`;
}

/** The lines numbered `keep` (from 0), with `…` where lines were left out. */
export function abridgeLines(text, keep) {
  const lines = text.replace(/\n$/, '').split('\n');
  const out = [];
  keep.forEach((i, j) => {
    if (j > 0 && i !== keep[j - 1] + 1) out.push('…');
    out.push(lines[i]);
  });
  if (keep.at(-1) < lines.length - 1) out.push('…');
  return out.join('\n') + '\n';
}

/**
 * Runs each distinct command once (several samples may show one run) in a fresh folder;
 * `onRun(sample, run)` sees every run before its folder is removed.
 * Returns the blocks' texts by sample name.
 */
export function runSamples(samples = SAMPLES, onRun = () => {}) {
  const runs = new Map();
  const texts = {};
  try {
    for (const s of samples) {
      const key = JSON.stringify([s.command, s.files ?? {}]);
      if (!runs.has(key)) runs.set(key, runCommand(s));
      const run = runs.get(key);
      if (run.status !== (s.status ?? 0))
        throw new Error(`sample ${s.name}: \`${s.command}\` exited with ${run.status}, not ${s.status ?? 0}:\n${run.stderr}`);
      texts[s.name] = (s.show ?? ((r) => r.stdout))(run);
      onRun(s, run);
    }
  } finally {
    for (const run of runs.values()) rmSync(run.dir, { recursive: true, force: true });
  }
  return texts;
}

function runCommand({ command, files = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'shortcut-sim-docs-'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content, null, 2) + '\n');
  const [program, ...args] = command.split(' ');
  const argv = program === 'shortcut-sim' ? [process.execPath, join(ROOT, 'dist/cli.js'), ...args] : [program, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.error) throw r.error;
  return { command, dir, status: r.status, stdout: r.stdout, stderr: r.stderr, file: (name) => readFileSync(join(dir, name), 'utf8') };
}

// ---- The docs' blocks ------------------------------------------------------------------------

/** The files that may hold sample blocks, relative to the project: README.md and every docs/*.md. */
export function docFiles() {
  const pages = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  return ['README.md', ...pages.map((f) => `docs/${f}`)];
}

/** The samples that no file shows: `texts` by file (relative path → its text). */
export function samplesWithoutBlock(files, samples = SAMPLES) {
  const shown = new Set(Object.values(files).flatMap((text) => Object.keys(pageBlocks(text))));
  return samples.map((s) => s.name).filter((name) => !shown.has(name));
}

const BLOCK = /^<!-- sample: ([\w-]+)[^>]*-->\n([\s\S]*?)^<!-- \/sample -->/gm;

/** The sample blocks of a page: name → the text inside the code fence. */
export function pageBlocks(readme) {
  const blocks = {};
  for (const [, name, body] of readme.matchAll(BLOCK)) blocks[name] = body.replace(/^```\w*\n/, '').replace(/```\n$/, '');
  return blocks;
}

/**
 * A page with every sample block replaced by `texts[name]`; a block of an unknown sample is an error
 * (`file` names the page in the message). Whether every sample is shown somewhere: samplesWithoutBlock.
 */
export function withBlocks(page, texts, samples = SAMPLES, file = 'README.md') {
  const bySample = Object.fromEntries(samples.map((s) => [s.name, s]));
  return page.replace(BLOCK, (_block, name) => {
    const s = bySample[name];
    if (!s) throw new Error(`${file} has a block for an unknown sample '${name}' (scripts/samples.mjs)`);
    return `<!-- sample: ${name} · ${s.command} -->\n\`\`\`${s.lang ?? 'text'}\n${texts[name]}\`\`\`\n<!-- /sample -->`;
  });
}
