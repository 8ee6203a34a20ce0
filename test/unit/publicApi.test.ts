// The package's public face as the TypeScript compiler sees it: every export of its entry points
// (shortcut-sim and shortcut-sim/core, and the `presets` namespace) carries a doc comment, which the
// API reference (`npm run docs:api`, TypeDoc) is built from; and sim.gradients is typed by model.
// One program over the entry points and small in-memory files (a few seconds).
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../..');
const ENTRY_POINTS = ['src/index.ts', 'src/experiments/core/index.ts'].map((f) => join(ROOT, f));

/** In-memory files beside the tests, importing the package's source as a user would import it. */
const FIXTURES: Record<string, string> = {
  // sim.gradients by model: g.v for a ResNet, g.w for a CNN, the union for a State known at run time.
  'gradientsTyped.ts': `
    import { createSimulator, type ResNetGradients, type CnnGradients, type Gradients, type State } from '../../src/index.js';
    const sim = await createSimulator();
    const teacher = { aStar: [1, 2], wStar: [1, 0] };
    const r = sim.gradients({ model: 'resnet', teacher, a: [0, 0], v: [0, 0] });
    const v: number[] = r.v;
    const resnet: ResNetGradients = r;
    const c = sim.gradients({ model: 'cnn', teacher, a: [0, 0], w: [1, 0] });
    const w: number[] = c.w;
    const cnn: CnnGradients = c;
    declare const state: State;
    const either: Gradients = sim.gradients(state);
    export { v, w, resnet, cnn, either };
  `,
  // The same calls with the other model's field: each line must fail to type-check.
  'gradientsWrong.ts': `
    import { createSimulator, type State } from '../../src/index.js';
    const sim = await createSimulator();
    const teacher = { aStar: [1, 2], wStar: [1, 0] };
    export const a = sim.gradients({ model: 'resnet', teacher, a: [0, 0], v: [0, 0] }).w;
    export const b = sim.gradients({ model: 'cnn', teacher, a: [0, 0], w: [1, 0] }).v;
    declare const state: State;
    export const c = sim.gradients(state).v;
  `,
  // A module with one documented and two undocumented exports (the check must find those two).
  'undocumented.ts': `
    /** Documented. */
    export const documented = 1;
    export const bare = 2;
    export function alsoBare(): void {}
  `,
};
const fixture = (name: string) => join(ROOT, 'test/unit', name);

let program: ts.Program;
let checker: ts.TypeChecker;

beforeAll(() => {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile,
    getSourceFile = host.getSourceFile,
    fileExists = host.fileExists;
  const virtual = (file: string) => Object.keys(FIXTURES).find((name) => fixture(name) === file);
  host.readFile = (file) => (virtual(file) ? FIXTURES[virtual(file)!] : readFile(file));
  host.fileExists = (file) => virtual(file) !== undefined || fileExists(file);
  host.getSourceFile = (file, language, ...rest) => {
    const name = virtual(file);
    return name ? ts.createSourceFile(file, FIXTURES[name], language) : getSourceFile(file, language, ...rest);
  };
  program = ts.createProgram([...ENTRY_POINTS, ...Object.keys(FIXTURES).map(fixture)], { ...options, noEmit: true }, host);
  checker = program.getTypeChecker();
}, 60_000);

/** Whether a symbol has a doc comment (`export * as name` carries its own, on the export). */
function documented(symbol: ts.Symbol): boolean {
  if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== '') return true;
  return (symbol.declarations ?? []).some((d) => ts.isNamespaceExport(d) && ts.getJSDocCommentsAndTags(d.parent).length > 0);
}

/** The exports of a module (and of the namespaces it exports) that have no doc comment, by name. */
function undocumented(file: string): string[] {
  const missing: string[] = [];
  const visit = (exports: ts.Symbol[], prefix: string) => {
    for (const exported of exports) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = prefix + exported.name;
      if (symbol.flags & ts.SymbolFlags.ValueModule) visit(checker.getExportsOfModule(symbol), `${name}.`);
      if (!documented(exported) && !documented(symbol)) missing.push(name);
    }
  };
  const source = program.getSourceFile(file)!;
  visit(checker.getExportsOfModule(checker.getSymbolAtLocation(source)!), '');
  return missing.sort();
}

/** The type errors of a fixture, as "line: message". */
function typeErrors(name: string): string[] {
  const source = program.getSourceFile(fixture(name))!;
  return program.getSemanticDiagnostics(source).map((d) => {
    const { line } = source.getLineAndCharacterOfPosition(d.start!);
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('doc comments on the public exports (what the API reference is built from)', () => {
  it.each(ENTRY_POINTS.map((f) => [f.slice(ROOT.length + 1), f]))('every export of %s has one', (_name, file) => {
    expect(undocumented(file)).toEqual([]);
  });

  it('the check finds an export without one', () => {
    expect(undocumented(fixture('undocumented.ts'))).toEqual(['alsoBare', 'bare']);
  });
});

describe('sim.gradients is typed by model', () => {
  it('a ResNet state gives { a, v }, a CNN state { a, w }, a State of either model the union', () => {
    expect(typeErrors('gradientsTyped.ts')).toEqual([]);
  });

  it("asking a ResNet's gradients for w (or a CNN's for v, or the union's for either) does not type-check", () => {
    const errors = typeErrors('gradientsWrong.ts');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^4: Property 'w' does not exist on type 'ResNetGradients'/);
    expect(errors[1]).toMatch(/^5: Property 'v' does not exist on type 'CnnGradients'/);
    expect(errors[2]).toMatch(/^7: Property 'v' does not exist on type 'Gradients'/);
  });
});
