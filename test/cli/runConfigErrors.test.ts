// A bad run config on the command line: a clear message naming the field, exit code 2, no stack,
// nothing written (the API's ConfigErrors for each field: test/unit/configErrors.test.ts).
import { describe, it, expect } from 'vitest';
import { writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { figure5Config } from '../../src/presets.js';
import { cli, tempDir } from '../helpers.js';

const good = () => structuredClone(figure5Config('resnet-ssw', 1, 0));
/** A config whose init.a0 is one entry short. */
const aShortA0 = () => {
  const c = good();
  c.init.a0.pop();
  return c;
};

describe('the CLI', () => {
  const dir = tempDir('shortcut-sim-');
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('runs a config and writes the result to --out', () => {
    const out = join(dir, 'ok.json');
    const r = cli(['run', '--config', write('ok-config.json', JSON.stringify(good())), '--out', out]);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  const cases: [string, string[], RegExp][] = [
    [
      'a bad config',
      ['run', '--config', write('bad.json', JSON.stringify(aShortA0()))],
      /invalid config:\n {2}init\.a0: must have 16 entries/,
    ],
    [
      'JSON with a huge number (parses to Infinity)',
      ['run', '--config', write('inf.json', JSON.stringify(good()).replace('"model"', '"tol":1e999,"model"'))],
      /tol: must be a finite number/,
    ],
    [
      'a file that is not JSON',
      ['run', '--config', write('notjson.json', '{ model: resnet')],
      /--config: '.*notjson\.json' is not valid JSON/,
    ],
    ['a missing file', ['run', '--config', join(dir, 'missing.json')], /--config: cannot read '.*missing\.json' \(no such file\)/],
    ['a directory', ['run', '--config', dir], /--config: cannot read .* \(it is a directory\)/],
    [
      'an unknown engine',
      ['run', '--config', join(dir, 'ok-config.json'), '--engine', 'gpu'],
      /'--engine <name>' argument 'gpu' is invalid\. Allowed choices are wasm, js/,
    ],
    ['no --config', ['run'], /required option '--config <file>' not specified/],
  ];
  for (const [what, args, message] of cases) {
    it(`exits 2 with a clear message and writes nothing for ${what}`, () => {
      const before = readdirSync(dir).length;
      const r = cli([...args, '--out', join(dir, 'never.json')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(existsSync(join(dir, 'never.json'))).toBe(false);
      expect(readdirSync(dir).length).toBe(before);
    });
  }
});
