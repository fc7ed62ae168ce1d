import { logGamma } from "./gamma.ts";
import { normalQuantile } from "./normal.ts";
import { regularizedBeta } from "./student-t.ts";

/**
 * The p-quantile of the Beta(a, b) distribution, a, b > 0, p in (0, 1) (`z` = Φ⁻¹(p), passed when
 * many quantiles share one p): Newton's method on the
 * regularized incomplete beta I_x(a, b), started from the Cornish-Fisher approximation and kept
 * inside a bisection bracket, until a step is below 1e-9 relative, or, for shapes of 10 or more, 1e-5
 * standard deviations (quadratic convergence then leaves an error below 1e-10 of them). Internal.
 */
export function betaQuantile(p: number, a: number, b: number, z: number = normalQuantile(p)): number {
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const s = a + b;
  const mean = a / s;
  const sd = Math.sqrt((a * b) / (s * s * (s + 1)));
  const nearNormal = a >= 10 && b >= 10;
  // Cornish-Fisher start from the skewness and excess kurtosis: within about 1e-6 of the quantile once
  // a and b are in the tens, so Newton needs one or two steps.
  const skew = (2 * (b - a) * Math.sqrt(s + 1)) / ((s + 2) * Math.sqrt(a * b));
  const kurt = (6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  let x = mean + sd * (z + ((z * z - 1) * skew) / 6 + ((z * z * z - 3 * z) * kurt) / 24 - ((2 * z * z * z - 5 * z) * skew * skew) / 36);
  // With both shapes above 2e4 the Cornish-Fisher error, of order min(a, b)^(-3/2) standard deviations
  // (measured: 3e-7 of one at a = 2,000, 5e-6 at 500), is below 1e-8 of one at the usual levels and
  // 2e-7 at 99.9%, far below anything reported; the continued fraction would need hundreds of terms
  // there (a fitted prior worth 1e5 answers and more is what agents who hardly differ give).
  if (a > 2e4 && b > 2e4 && x > 0 && x < 1) return x;
  let lo = 0;
  let hi = 1;
  if (!(x > 0 && x < 1)) x = p < 0.5 ? mean / 2 : (1 + mean) / 2;
  // Shapes below 1 pile the mass at an end: there I_x(a, b) ≈ x^a/(a·B(a, b)) near 0 (and the mirror
  // image near 1) starts Newton where the normal approximation cannot.
  // Below 1e-300 the approximation is exact to double precision, and bisection could not get there.
  if (a < 1 && p < 0.5) {
    const tail = Math.exp((Math.log(p) + Math.log(a) + logBeta) / a);
    if (tail < 1e-300) return tail;
    if (tail < mean) x = tail;
  }
  if (b < 1 && p > 0.5) {
    const tail = Math.exp((Math.log(1 - p) + Math.log(b) + logBeta) / b);
    if (tail < 1e-16) return 1 - tail;
    if (tail < 1 - mean) x = 1 - tail;
  }
  for (let it = 0; it < 200; it++) {
    const f = regularizedBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta);
    const next = x - f / density;
    if (!(next > lo && next < hi)) {
      x = (lo + hi) / 2;
      if (hi - lo <= 1e-15 * hi) return x;
      continue;
    }
    // Newton converges quadratically: a step below 1e-9 relative leaves an error far below 1e-15; near
    // normal (a, b ≥ 10) the error after a step is about |z|·step²/(2·sd), so a step below 1e-5 SD
    // leaves one below 1e-10 SD (one step from the Cornish-Fisher start, for agents with hundreds of answers).
    const step = Math.abs(next - x);
    if (step <= 1e-9 * x || (nearNormal && step <= 1e-5 * sd)) return next;
    x = next;
  }
  return x;
}
