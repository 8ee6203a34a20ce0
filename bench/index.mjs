// `npm run bench`: the vector step against its yardsticks (native C, idiomatic JS, the twin), V8's spill
// moves in the hot passes, typical Table 1 runs, k = p = 10⁶, and Table 1 end to end (CPU and wall time).
// Prints a table and writes bench/results/<time>.json with the machine facts.
// Options: --ks 16,100  --max-time S (CPU seconds per contender and k in the steps table, per measurement elsewhere; default 1)  --only steps|code|typical|million|table1|sampled|sgd-reduced|wide|wide-sampled
//          --table1-trials N (default 5000)  --table1-engines reduced,wasm,js  --table1-repeat N (default 3)
//          --workers N
import { mkdirSync } from 'node:fs';
import { cpus, availableParallelism, totalmem, platform, arch, release } from 'node:os';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../dist/io.js';
import { benchMillion, benchSteps, benchTypicalRuns, STEPS } from './steps.mjs';
import { benchTable1 } from './table1.mjs';
import { benchWasmCode } from './wasmCode.mjs';
import { benchSampled } from './sampled.mjs';
import { benchSgdReduced } from './sgdReduced.mjs';
import { benchWide } from './wide.mjs';
import { benchWideSampled } from './wideSampled.mjs';

const PARTS = ['steps', 'code', 'typical', 'million', 'sampled', 'sgd-reduced', 'wide', 'wide-sampled', 'table1'];
const USAGE = `Usage: npm run bench -- [options]
  --ks 16,100            k = p values of the per-step table (default 16,100,1000,10000)
  --max-time S           CPU seconds per contender and k (steps), per measurement elsewhere (default 1)
  --only PART            one part only: ${PARTS.join(', ')} (default: all)
  --table1-trials N      trials per Table 1 cell (default 5000)
  --table1-engines LIST  engines of the Table 1 wall time (default reduced,wasm,js)
  --table1-repeat N      repetitions of each Table 1 run (default 3)
  --workers N            worker threads of the Table 1 runs (default: all cores)
  --help                 this text
Writes bench/results/<time>.json (ignored by git: add a cited one with git add -f).
`;
/** A usage error: one line on stderr, exit code 2, nothing written. */
function usage(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      ks: { type: 'string', default: '16,100,1000,10000' },
      'max-time': { type: 'string', default: '1' },
      only: { type: 'string' },
      'table1-trials': { type: 'string', default: '5000' },
      'table1-engines': { type: 'string', default: 'reduced,wasm,js' },
      'table1-repeat': { type: 'string', default: '3' },
      workers: { type: 'string', default: String(availableParallelism()) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  usage(`${e.message.split('\n')[0]}; see npm run bench -- --help`);
}
if (opt.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (opt.only !== undefined && !PARTS.includes(opt.only)) usage(`--only: '${opt.only}' is not a part; use ${PARTS.join(', ')}`);
const maxTime = Number(opt['max-time']);
const log = (line) => console.log(line);
const wanted = (part) => !opt.only || opt.only === part;

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  platform: `${platform()} ${release()} ${arch()}`,
  node: process.version,
  v8: process.versions.v8,
  commit: gitCommit(),
  date: new Date().toISOString(),
};
log(`shortcut-sim benchmark — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, commit ${machine.commit}`);
const results = { machine };

if (wanted('steps')) {
  log(`\nPer-step cost of one ResNet run forced to ${STEPS} steps (CPU time, contenders interleaved; ratios from this run):`);
  results.steps = await benchSteps({ ks: opt.ks.split(',').map(Number), maxTime, log });
}
if (wanted('code')) {
  log('');
  results.wasmCode = benchWasmCode({ log });
}
if (wanted('typical')) {
  log('');
  results.typicalRun = await benchTypicalRuns({ k: 100, trials: 20, maxTime, log });
}
if (wanted('million')) {
  log('');
  results.million = await benchMillion({ log });
}
if (wanted('sampled')) {
  log('\nSampled runs (SGD, SPEC §8): CPU time per step, fastest of 5; online and a fixed set of n = 1000:');
  results.sampled = await benchSampled({ log });
}
if (wanted('sgd-reduced')) {
  log('\nThe reduced SGD engine against the full sampled engine (online data, p = k): per step, fastest of 5 timings:');
  results.sgdReduced = await benchSgdReduced({ log });
}
if (wanted('wide')) {
  log('\nA wide step (SPEC §9) on the SIMD kernel against idiomatic plain JS (fastest of 5 timings):');
  results.wide = await benchWide({ log });
}
if (wanted('wide-sampled')) {
  log('\nA wide SGD step (SPEC §9 on §8) on the SIMD kernel against its JS twin (CPU time, fastest of 5):');
  results.wideSampled = await benchWideSampled({ log });
}
if (wanted('table1')) {
  log('');
  results.table1 = benchTable1({
    engines: opt['table1-engines'].split(','),
    trials: Number(opt['table1-trials']),
    workers: Number(opt.workers),
    repeat: Number(opt['table1-repeat']),
    log,
  });
}

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`${machine.date.replace(/[:.]/g, '-')}.json`, dir);
writeFileAtomic(file.pathname, JSON.stringify(results, null, 2) + '\n');
log(`\nwritten: bench/results/${file.pathname.split('/').pop()}`);

function gitCommit() {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
