// Known answers on disk (DESIGN §6): the first draws of the random module's streams and two whole
// sampled runs, checked against both engines, so a change that silently alters the numbers of the
// engine and its twin together still fails.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSimulator } from '../../src/index.js';
import { Stream, NormalLanes, gamma } from '../../src/twin/random/index.js';
import { loadTestEngine, wasmRandom } from '../testEngine.js';
import type { RunConfig } from '../../src/types.js';

const golden = JSON.parse(readFileSync(new URL('../golden/sampled.json', import.meta.url), 'utf8'));
const hex = (x: number) => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0).toString(16).padStart(16, '0');
};

describe('known answers', () => {
  it('of the random module (twin and engine)', async () => {
    const { key, purpose, lane, words } = golden.stream;
    const s = new Stream(key[0], key[1], key[2], key[3], purpose, lane);
    expect(Array.from({ length: words.length }, () => s.next())).toEqual(words);
    const rnd = wasmRandom(await loadTestEngine());
    expect(Array.from(rnd.stream(key, purpose, lane).draw('words', words.length))).toEqual(words);
    const nl = golden.normalLanes,
      z = new Float64Array(16);
    new NormalLanes(nl.key[0], nl.key[1], nl.key[2], nl.key[3], nl.purpose).fill(z, 16);
    expect(Array.from(z, hex)).toEqual(nl.first16);
    expect(Array.from(rnd.normalLanes(nl.key, nl.purpose).fill(16), hex)).toEqual(nl.first16);
    const gm = golden.gamma,
      s2 = new Stream(gm.key[0], gm.key[1], gm.key[2], gm.key[3], gm.purpose, gm.lane);
    expect(gm.shapes.map((a: number) => hex(gamma(s2, a)))).toEqual(gm.draws);
  });

  it.each(['wasm', 'js'] as const)('of two sampled runs (%s)', async (engine) => {
    const sim = await createSimulator({ engine });
    for (const g of golden.runs as {
      config: RunConfig;
      outcome: string;
      iterations: number;
      loss: string;
      batchLoss: string;
      phi: string;
    }[]) {
      const r = sim.run(g.config);
      expect({ outcome: r.outcome, iterations: r.iterations, loss: hex(r.loss), batchLoss: hex(r.batchLoss!), phi: hex(r.phi) }).toEqual({
        outcome: g.outcome,
        iterations: g.iterations,
        loss: g.loss,
        batchLoss: g.batchLoss,
        phi: g.phi,
      });
    }
  });
});
