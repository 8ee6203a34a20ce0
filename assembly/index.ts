// The engine's exports, by family (re-exports only). The layout constants are exported as
// globals: src/wasm/memory.ts checks them against src/layout.ts when it loads the binary, and
// the work areas' sizes (sampledWorkValues, …) against src/wasm/layouts.ts. Entry points for the
// tests are in assembly/testing.ts (build/engine.test.wasm), not here.
export * from "./common/layout";
export { alloc, free } from "./common/memory";
export { runVector } from "./population/run";
export { lossAndGradients } from "./population/gradients";
export { runReducedMany } from "./population/reduced";
export { STREAM_BYTES, NORMAL_LANES_BYTES } from "./random/index";
export { runSampled, sampledWorkValues } from "./sampled/run";
export { runReducedSampledMany, reducedSampledWorkValues } from "./sampled/reduced";
export { runWide } from "./wide/run";
export { runWideSampled } from "./wide/sampled";
