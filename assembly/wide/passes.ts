// The wide engine's passes over rows of p or k entries, in SIMD. A reduction keeps eight partial
// sums (entry i in partial i mod 8) and combines them as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)),
// as the population passes do; the element-wise passes do one operation order per entry. The JS twin
// (src/twin/wide/passes.ts) repeats both, so the two engines give the same bits.

const lanes = new StaticArray<f64>(8);

/** ⟨x, y⟩ over n entries. */
export function dot(x: usize, y: usize, n: i32): f64 {
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const px = x + (<usize>i << 3), py = y + (<usize>i << 3);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(px), v128.load(py)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(px, 16), v128.load(py, 16)));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(px, 32), v128.load(py, 32)));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(px, 48), v128.load(py, 48)));
  }
  if (i == n) {
    const h = f64x2.add(f64x2.add(s0, s2), f64x2.add(s1, s3));
    return f64x2.extract_lane(h, 0) + f64x2.extract_lane(h, 1);
  }
  unchecked(lanes[0] = f64x2.extract_lane(s0, 0)); unchecked(lanes[1] = f64x2.extract_lane(s0, 1));
  unchecked(lanes[2] = f64x2.extract_lane(s1, 0)); unchecked(lanes[3] = f64x2.extract_lane(s1, 1));
  unchecked(lanes[4] = f64x2.extract_lane(s2, 0)); unchecked(lanes[5] = f64x2.extract_lane(s2, 1));
  unchecked(lanes[6] = f64x2.extract_lane(s3, 0)); unchecked(lanes[7] = f64x2.extract_lane(s3, 1));
  for (; i < n; i++) {
    const o = <usize>i << 3;
    unchecked(lanes[i & 7] += load<f64>(x + o) * load<f64>(y + o));
  }
  return ((unchecked(lanes[0]) + unchecked(lanes[4])) + (unchecked(lanes[2]) + unchecked(lanes[6])))
    + ((unchecked(lanes[1]) + unchecked(lanes[5])) + (unchecked(lanes[3]) + unchecked(lanes[7])));
}

/** Σ y_i over n entries, in the same eight-lane order. */
export function sum(y: usize, n: i32): f64 {
  for (let j = 0; j < 8; j++) unchecked(lanes[j] = 0);
  for (let i = 0; i < n; i++) unchecked(lanes[i & 7] += load<f64>(y + (<usize>i << 3)));
  return ((unchecked(lanes[0]) + unchecked(lanes[4])) + (unchecked(lanes[2]) + unchecked(lanes[6])))
    + ((unchecked(lanes[1]) + unchecked(lanes[5])) + (unchecked(lanes[3]) + unchecked(lanes[7])));
}

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

/** out ← out + c·y over n entries. */
export function addScaled(out: usize, c: f64, y: usize, n: i32): void {
  const vc = f64x2.splat(c);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(vc, v128.load(y + o))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(out + o, load<f64>(out + o) + c * load<f64>(y + o));
  }
}

/** g ← ((g + sumD) − d)·h over n entries: ∇_A L's row from its G A − H A* part (h = 1/(2π)). */
export function finishRowA(g: usize, d: usize, sumD: f64, h: f64, n: i32): void {
  const vs = f64x2.splat(sumD), vh = f64x2.splat(h);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(g + o, f64x2.mul(f64x2.sub(f64x2.add(v128.load(g + o), vs), v128.load(d + o)), vh));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(g + o, ((load<f64>(g + o) + sumD) - load<f64>(d + o)) * h);
  }
}

/** max |y_i| over n entries. */
export function maxAbs(y: usize, n: i32): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) m = max(m, abs(load<f64>(y + (<usize>i << 3))));
  return m;
}
