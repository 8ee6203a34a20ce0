// The native yardstick: bench/native/step.c built with the system's C compiler (CC, default cc)
// in three flag sets, and run on a Problem written to a file. Optional: without a compiler (or
// when a flag set is refused, e.g. -msse2 off x86) the builds are skipped with a note.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./native/step.c', import.meta.url));

/** The builds: strict 128-bit IEEE (the WebAssembly SIMD ceiling) and the machine's best. */
export const NATIVE_FLAGS = {
  'native-strict': ['-O3', '-msse2', '-mno-avx', '-fno-fast-math'],
  'native-best': ['-O3', '-march=native'],
  'native-fast': ['-O3', '-march=native', '-ffast-math'],
};

/** Compiles every build it can: { binaries: { name: path }, compiler, notes: [why a build is missing] }. */
export function buildNative() {
  const cc = process.env.CC || 'cc';
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return { binaries: {}, compiler: null, notes: [`no C compiler (${cc}) found: the native yardsticks are skipped`] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'shortcut-sim-native-'));
  const binaries = {},
    notes = [];
  for (const [name, flags] of Object.entries(NATIVE_FLAGS)) {
    const out = join(dir, name);
    const r = spawnSync(cc, [...flags, '-o', out, SOURCE, '-lm'], { encoding: 'utf8' });
    if (r.status === 0) binaries[name] = out;
    else notes.push(`${name} (${flags.join(' ')}) not built: ${(r.stderr || String(r.error)).trim().split('\n')[0]}`);
  }
  return { binaries, compiler: version.stdout.split('\n')[0], notes, dir };
}

/** Writes a Problem in step.c's format; returns the path. */
export function writeProblemFile(pr, dir, name) {
  // step.c reads constant stages as [until, ηa, ηv]: the first three of each stage's STAGE_WIDTH (8) numbers
  const stages = Array.from({ length: pr.stages.length / 8 }, (_, i) => [...pr.stages.subarray(8 * i, 8 * i + 3)]).flat();
  const head = [pr.p, pr.k, stages.length / 3, pr.maxIter, pr.tol, pr.trapAngle, pr.trapRadius, pr.trapPossible ? 1 : 0];
  const values = Float64Array.from([...head, ...pr.x0, ...pr.a0, ...pr.wStar, ...pr.aStar, ...pr.aBar, ...stages]);
  const path = join(dir, `${name}.f64`);
  writeFileSync(path, new Uint8Array(values.buffer));
  return path;
}

/** Runs the problem file until minSeconds of CPU time: { runs, cpuSeconds, outcome, iterations, phi, loss }. */
export function runNative(binary, problemPath, minSeconds) {
  const r = spawnSync(binary, [problemPath, String(minSeconds)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${binary}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
