// What V8 makes of the hot passes: compiles the engine once more with its function names kept
// (asc --debug; the same code as the release build, plus a names section), prints TurboFan's
// machine code (node --print-wasm-code) and counts, in the 8-entry main loops of updateX and
// updateA, the instructions and the moves of xmm registers to and from the stack (spills).
// x64 only (the count reads x64 assembly); elsewhere it says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSES = ['updateX', 'updateA'];

export function benchWasmCode({ log }) {
  if (arch() !== 'x64') {
    log(`wasm code: skipped (the spill count reads x64 assembly; this is ${arch()})`);
    return { skipped: arch() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'shortcut-sim-code-'));
  const wasm = join(dir, 'engine.named.wasm'),
    loader = join(dir, 'load.mjs');
  const asc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/assemblyscript/bin/asc.js'), 'assembly/index.ts', '--target', 'release', '--debug', '-o', wasm],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (asc.status !== 0) throw new Error(`asc: ${asc.stderr}`);
  writeFileSync(
    loader,
    `import { readFileSync } from 'node:fs';
await WebAssembly.instantiate(readFileSync(${JSON.stringify(wasm)}), { env: { abort() {} } });\n`,
  );
  const printed = spawnSync(process.execPath, ['--no-liftoff', '--no-wasm-lazy-compilation', '--print-wasm-code', loader], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const code = functionsOf(printed.stdout);
  const rows = PASSES.map((pass) => ({ pass, ...mainLoop(code.get(`assembly/population/passes/${pass}`) ?? []) }));
  log(
    'V8 TurboFan code of the 8-entry main loops (node --print-wasm-code): ' +
      rows.map((r) => `${r.pass} ${r.instructions} instructions, ${r.spills} xmm spill moves`).join('; '),
  );
  return { node: process.version, rows };
}

/** name → instruction lines, from --print-wasm-code output. */
function functionsOf(text) {
  const out = new Map();
  let lines = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('name: ')) out.set(line.slice(6).trim(), (lines = []));
    else if (lines && /^0x[0-9a-f]+\s/.test(line)) lines.push(line);
  }
  return out;
}

/** The first backward jump's loop: its instruction count and its xmm ↔ stack moves. */
function mainLoop(lines) {
  const ins = lines
    .map((l) => {
      const m = /^0x[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+(.*)$/.exec(l);
      return m && { at: parseInt(m[1], 16), text: m[2] };
    })
    .filter(Boolean);
  for (const { at, text } of ins) {
    const jump = /j\w+ 0x[0-9a-f]+\s+<\+0x([0-9a-f]+)>/.exec(text);
    if (jump && parseInt(jump[1], 16) < at) {
      const body = ins.filter((i) => i.at >= parseInt(jump[1], 16) && i.at <= at);
      return { instructions: body.length, spills: body.filter((i) => /xmm\d+/.test(i.text) && /\[(rbp|rsp)[+-]/.test(i.text)).length };
    }
  }
  return { instructions: 0, spills: 0 };
}
