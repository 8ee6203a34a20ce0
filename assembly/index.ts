// The engine's exports, by family (re-exports only).
export { alloc, free } from "./common/memory";
export { acosEach } from "./common/acosPair";
export { runVector } from "./population/run";
export { lossAndGradients } from "./population/gradients";
export { runReducedMany } from "./population/reduced";
export {
  STREAM_BYTES, NORMAL_LANES_BYTES, streamSeed, streamDraw, normalLanesStart, normalLanesFill, elementaryEach, streamWordOf,
} from "./random/index";
export { runSampled, SAMPLED_DESC, SAMPLED_OUT, SAMPLED_SAMPLE } from "./sampled/run";
export { runReducedSampledMany, REDUCED_DESC } from "./sampled/reduced";
