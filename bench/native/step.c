/*
 * The vector engine's run loop (assembly/population/run.ts) in C, for the benchmark's native
 * yardstick: the same fused passes (update, then ‖x‖², ⟨x, w*⟩ and 1ᵀa, aᵀa* in the same sweep),
 * the same checks and the same scalar work per step, with the C library's acos. Built by
 * bench/native.mjs with the system's cc in several flag sets; not bit-identical to the engine
 * (other summation order and acos), checked against it at a tolerance.
 *
 *   step PROBLEM MIN_SECONDS   runs the problem again and again (copying the start in each time)
 *                              until MIN_SECONDS of CPU time have passed; prints one JSON line.
 * PROBLEM: little-endian f64s: p, k, nStages, maxIter, tol, trapAngle, trapRadius, trapPossible,
 * then x0 (p), a0 (k), w* (p), a* (k), ā (k), stages (nStages × [until, ηa, ηv]).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PI 3.14159265358979323846

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * SIMD with GCC/Clang vector extensions, as wide as the flags allow: 128 bits with SSE2 only (the
 * strict build: what WebAssembly SIMD offers), 256 with AVX, 512 with AVX-512 (-march=native).
 * Four accumulators per reduction, as the engine (a single chain would be latency-bound).
 */
#if defined(__AVX512F__)
#define VBYTES 64
#elif defined(__AVX__)
#define VBYTES 32
#else
#define VBYTES 16
#endif
#define W (VBYTES / 8)
typedef double vd __attribute__((vector_size(VBYTES), aligned(8)));
#define V(ptr) (*(vd *)(ptr))

static double hsum(vd v) {
  double s = 0;
  for (int j = 0; j < W; j++) s += v[j];
  return s;
}

static double sum_xx, sum_xw, sum_a, sum_aas;

static void update_x(double *restrict x, const double *restrict ws, int p, double K, double cn) {
  const vd vK = (vd){0} + K, vC = (vd){0} + cn;
  vd s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, q0 = {0}, q1 = {0}, q2 = {0}, q3 = {0};
  int i = 0;
  for (; i + 4 * W <= p; i += 4 * W) {
    vd w0 = V(ws + i), x0 = V(x + i) + vK * (w0 - vC * V(x + i));
    V(x + i) = x0; s0 += x0 * x0; q0 += x0 * w0;
    vd w1 = V(ws + i + W), x1 = V(x + i + W) + vK * (w1 - vC * V(x + i + W));
    V(x + i + W) = x1; s1 += x1 * x1; q1 += x1 * w1;
    vd w2 = V(ws + i + 2 * W), x2 = V(x + i + 2 * W) + vK * (w2 - vC * V(x + i + 2 * W));
    V(x + i + 2 * W) = x2; s2 += x2 * x2; q2 += x2 * w2;
    vd w3 = V(ws + i + 3 * W), x3 = V(x + i + 3 * W) + vK * (w3 - vC * V(x + i + 3 * W));
    V(x + i + 3 * W) = x3; s3 += x3 * x3; q3 += x3 * w3;
  }
  double ss = hsum((s0 + s2) + (s1 + s3)), qq = hsum((q0 + q2) + (q1 + q3));
  for (; i < p; i++) {
    double w = ws[i], xi = x[i] + K * (w - cn * x[i]);
    x[i] = xi; ss += xi * xi; qq += xi * w;
  }
  sum_xx = ss; sum_xw = qq;
}

static void update_a(double *restrict a, const double *restrict as, int k, double A, double B, double C) {
  const vd vA = (vd){0} + A, vB = (vd){0} + B, vC = (vd){0} + C;
  vd s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, q0 = {0}, q1 = {0}, q2 = {0}, q3 = {0};
  int i = 0;
  for (; i + 4 * W <= k; i += 4 * W) {
    vd t0 = V(as + i), a0 = V(a + i) - ((vA * (V(a + i) - t0) + vB) + vC * t0);
    V(a + i) = a0; s0 += a0; q0 += a0 * t0;
    vd t1 = V(as + i + W), a1 = V(a + i + W) - ((vA * (V(a + i + W) - t1) + vB) + vC * t1);
    V(a + i + W) = a1; s1 += a1; q1 += a1 * t1;
    vd t2 = V(as + i + 2 * W), a2 = V(a + i + 2 * W) - ((vA * (V(a + i + 2 * W) - t2) + vB) + vC * t2);
    V(a + i + 2 * W) = a2; s2 += a2; q2 += a2 * t2;
    vd t3 = V(as + i + 3 * W), a3 = V(a + i + 3 * W) - ((vA * (V(a + i + 3 * W) - t3) + vB) + vC * t3);
    V(a + i + 3 * W) = a3; s3 += a3; q3 += a3 * t3;
  }
  double ss = hsum((s0 + s2) + (s1 + s3)), qq = hsum((q0 + q2) + (q1 + q3));
  for (; i < k; i++) {
    double t = as[i], ai = a[i] - ((A * (a[i] - t) + B) + C * t);
    a[i] = ai; ss += ai; qq += ai * t;
  }
  sum_a = ss; sum_aas = qq;
}

/* ‖s·y − z‖² */
static double dist_sq(const double *y, const double *z, int n, double s) {
  double r[4] = {0};
  for (int i = 0; i < n; i++) { double t = y[i] * s - z[i]; r[i & 3] += t * t; }
  return (r[0] + r[2]) + (r[1] + r[3]);
}

static double max_abs(const double *y, int n) {
  double m = 0;
  for (int i = 0; i < n; i++) m = fmax(m, fabs(y[i]));
  return m;
}

typedef struct { int outcome; double t, phi, loss; } Result;

static Result run(int p, int k, double *x, double *a, const double *ws, const double *as, const double *ab,
                  const double *stages, int nStages, double maxIter, double tol, double trapAngle,
                  double trapRadius, int trapPossible) {
  update_x(x, ws, p, 0, 0);
  update_a(a, as, k, 0, 0, 0);
  double sumAs = 0;
  for (int i = 0; i < k; i++) sumAs += as[i];
  double maxAs = max_abs(as, k), bound = max_abs(a, k);
  double near = tol * tol + 8 * 2.220446049250313e-16 * (p + 4);
  double t = 0, n = 0, c = 0, phi = 0, g = 0, nextUntil = -INFINITY, hA = 0, hV = 0, A = 0;
  int stage = -1, outcome = 2;
  for (;;) {
    n = sqrt(sum_xx);
    double invN = 1 / n;
    c = fmin(1, fmax(-1, sum_xw / n));
    phi = acos(c);
    g = (PI - phi) * c + sqrt(1 - c * c);
    double sumD = sum_a - sumAs;
    if (bound > 1e6) bound = max_abs(a, k);
    if (!isfinite(sum_xx) || !isfinite(sum_xw) || !isfinite(sumD) || !isfinite(sum_aas) || bound > 1e6) { outcome = 3; break; }
    if (2 - 2 * c <= near) {
      double errA = sqrt(dist_sq(a, as, k, 1));
      if (errA <= tol && sqrt(dist_sq(x, ws, p, invN)) + errA <= tol) { outcome = 0; break; }
    }
    if (trapPossible && PI - phi <= trapAngle && sqrt(dist_sq(a, ab, k, 1)) <= trapRadius) { outcome = 1; break; }
    if (t >= maxIter) break;
    if (t >= nextUntil) {
      while (stage < nStages - 1 && (stage < 0 || t >= stages[3 * stage])) stage++;
      nextUntil = stage < nStages - 1 ? stages[3 * stage] : INFINITY;
      hA = stages[3 * stage + 1] / (2 * PI);
      hV = stages[3 * stage + 2] / (2 * PI);
      A = hA * (PI - 1);
    }
    double B = hA * sumD, C = hA * (PI - g);
    double K = hV * sum_aas * (PI - phi) * invN;
    update_x(x, ws, p, K, c * invN);
    update_a(a, as, k, A, B, C);
    bound = ((1 + fabs(A)) * bound + (fabs(A) + fabs(C)) * maxAs + fabs(B)) * (1 + 1e-12);
    t++;
  }
  double errA2 = dist_sq(a, as, k, 1), sumD = sum_a - sumAs;
  Result r = { outcome, t, phi, ((PI - 1) * errA2 + sumD * sumD + 2 * (PI - g) * sum_aas) / (4 * PI) };
  return r;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: step PROBLEM MIN_SECONDS\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  double h[8];
  if (fread(h, sizeof h, 1, f) != 1) { fprintf(stderr, "%s: short header\n", argv[1]); return 2; }
  int p = (int)h[0], k = (int)h[1], nStages = (int)h[2];
  size_t total = (size_t)2 * p + 3 * k + 3 * nStages;
  double *data = malloc(total * sizeof(double)), *x = malloc(p * sizeof(double)), *a = malloc(k * sizeof(double));
  if (!data || !x || !a || fread(data, sizeof(double), total, f) != total) { fprintf(stderr, "%s: short data\n", argv[1]); return 2; }
  fclose(f);
  const double *x0 = data, *a0 = x0 + p, *ws = a0 + k, *as = ws + p, *ab = as + k, *stages = ab + k;
  double minSeconds = atof(argv[2]), start = cpu_seconds(), elapsed = 0;
  long runs = 0;
  Result r;
  do {
    memcpy(x, x0, p * sizeof(double));
    memcpy(a, a0, k * sizeof(double));
    r = run(p, k, x, a, ws, as, ab, stages, nStages, h[3], h[4], h[5], h[6], h[7] != 0);
    runs++;
    elapsed = cpu_seconds() - start;
  } while (elapsed < minSeconds);
  printf("{\"runs\":%ld,\"cpuSeconds\":%.9g,\"outcome\":%d,\"iterations\":%.17g,\"phi\":%.17g,\"loss\":%.17g}\n",
         runs, elapsed, r.outcome, r.t, r.phi, r.loss);
  return 0;
}
