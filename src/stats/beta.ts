import { logGamma } from "./gamma.ts";
import { normalQuantile } from "./normal.ts";
import { regularizedBeta } from "./student-t.ts";

/**
 * The p-quantile of the Beta(a, b) distribution, a, b > 0, p in (0, 1): Newton's method on the
 * regularized incomplete beta I_x(a, b), started from the normal approximation and kept inside a
 * bisection bracket, to a relative change below 1e-13. Internal.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
  let x = mean + normalQuantile(p) * sd;
  let lo = 0;
  let hi = 1;
  if (!(x > 0 && x < 1)) x = p < 0.5 ? mean / 2 : (1 + mean) / 2;
  for (let it = 0; it < 200; it++) {
    const f = regularizedBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta);
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-13 * x || hi - lo <= 1e-15) return next;
    x = next;
  }
  return x;
}
