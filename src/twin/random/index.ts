// TypeScript twin of assembly/random/ (see its index.ts for the API): Stream (one xoshiro128**
// stream named by (k0, k1, k2, k3, purpose, lane)), uniform/uniformOpen/below, normal (the 2048-layer
// ziggurat, two words per attempt), NormalLanes (the eight SIMD lanes replayed block for block), gamma
// (Marsaglia–Tsang), and the musl ports in elementary.ts.
export { Stream, streamWord, seedKey, fmix32, trialSeed } from './bits.js';
export { uniform, uniformOpen, below } from './uniform.js';
export { normal, normalFrom, laneNormal, NormalLanes, ziggurat, ZIGGURAT_LAYERS, ZIGGURAT_R, ZIGGURAT_V } from './normal.js';
export { gamma } from './gamma.js';
export { logPositive, sinKernel, cosKernel, exp } from './elementary.js';
