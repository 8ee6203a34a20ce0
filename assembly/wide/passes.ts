// The wide engine's element-wise passes over rows of p or k entries, in SIMD: one operation order per
// entry, which the JS twin (src/twin/wide/passes.ts) repeats, so the two engines give the same bits.
// The rest it shares with the other families: sampled/forward.ts (dot8, the eight-lane dot product, and
// axpy) and population/passes.ts (sumOf, maxAbs).

/** out ← c·y over n entries. */
export function scaled(out: usize, c: f64, y: usize, n: i32): void {
  const vc = f64x2.splat(c);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(out + o, f64x2.mul(vc, v128.load(y + o)));
  }
  if (i < n) store<f64>(out + (<usize>i << 3), c * load<f64>(y + (<usize>i << 3)));
}

/** g ← ((g + sumD·o) − d)·h over n entries: ∇_A L's row from its G A − H A* part (o: the coordinates of 1_k, h = 1/(2π)). */
export function finishRowA(g: usize, d: usize, o: usize, sumD: f64, h: f64, n: i32): void {
  const vs = f64x2.splat(sumD), vh = f64x2.splat(h);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const at = <usize>i << 3;
    v128.store(g + at, f64x2.mul(f64x2.sub(f64x2.add(v128.load(g + at), f64x2.mul(vs, v128.load(o + at))), v128.load(d + at)), vh));
  }
  if (i < n) {
    const at = <usize>i << 3;
    store<f64>(g + at, ((load<f64>(g + at) + sumD * load<f64>(o + at)) - load<f64>(d + at)) * h);
  }
}
