// Stands in for node:fs/promises in the page: src/wasm/memory.ts reads file: URLs with it in Node
// only; the page always loads the engine over http(s).
export function readFile(): never {
  throw new Error('the page loads the engine by URL; reading files needs Node');
}
