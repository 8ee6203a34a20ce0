// The engine's exports, by family (re-exports only). The layout constants are exported as
// globals: src/wasm/memory.ts checks them against src/layout.ts when it loads the binary.
export * from "./common/layout";
export { alloc, free } from "./common/memory";
export { acosEach } from "./common/acosPair";
export { runVector } from "./population/run";
export { lossAndGradients } from "./population/gradients";
export { runReducedMany } from "./population/reduced";
export {
  STREAM_BYTES, NORMAL_LANES_BYTES, streamSeed, streamDraw, normalLanesStart, normalLanesFill, elementaryEach, streamWordOf,
} from "./random/index";
export { runSampled } from "./sampled/run";
export { runReducedSampledMany } from "./sampled/reduced";
export { runWide } from "./wide/run";
