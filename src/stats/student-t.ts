import { logGamma } from "./gamma.ts";
import { cdf as normalCdf, normalQuantile } from "./normal.ts";

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (any real df, as Welch's test needs):
 * I_{df/(df+t²)}(df/2, 1/2)/2 in the tail. Infinite df is the normal distribution.
 */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  if (t === 0) return 0.5;
  // P(T < -|t|) = I_x(df/2, 1/2) / 2 with x = df/(df + t²). For small |t|, x rounds to 1 and the tail
  // to exactly 0.5: read it instead as (1 - I_y(1/2, df/2)) / 2 with y = t²/(df + t²), computed
  // without that cancellation.
  const t2 = t * t;
  const y = t2 / (df + t2);
  const tail = y < 0.5 ? 0.5 * (1 - regularizedBeta(y, 0.5, df / 2)) : 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value 2·P(T ≥ |t|) for Student's t with `df` degrees of freedom, computed in the tail (no cancellation). */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df)) return Math.min(1, 2 * normalCdf(-Math.abs(t)));
  if (t === 0) return 1;
  return Math.min(1, regularizedBeta(df / (df + t * t), df / 2, 0.5));
}

/** The quantile of Student's t with `df` degrees of freedom at probability p in (0, 1): bisection on the CDF, then Newton-free refinement to 1e-14. */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Bracket: the t quantile is at least the normal one.
  let lo = normalQuantile(p);
  let hi = Math.max(2 * lo, 1);
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
