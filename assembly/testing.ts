// The test build's entry (build/engine.test.wasm): the engine's exports and the entry points that
// only the tests call. The release binary (assembly/index.ts, build/engine.wasm) has none of these.
export * from "./index";
export { acosEach } from "./common/acosPair";
export * from "./random/testing";
