import { CxMetricsError } from "../core/errors.ts";
import { checkLevel } from "../core/options.ts";
import { clamp, type Interval } from "./interval.ts";
import { normalQuantile } from "./normal.ts";

/**
 * How to build an interval around a share:
 * - `"wilson"` (default): the score interval of Wilson (1927); good coverage at every n and p.
 * - `"agresti-coull"`: the adjusted Wald of Agresti & Coull (1998): add z²/2 successes and z²/2 failures.
 * - `"wald"`: p ± z·√(p(1-p)/n); poor near 0 and 100 and at small n; offered for comparison.
 */
export type ProportionIntervalMethod = "wilson" | "agresti-coull" | "wald";

/** Options of {@link proportionInterval}. */
export interface ProportionIntervalOptions {
  /**
   * Confidence level in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method.
   * @defaultValue "wilson"
   */
  readonly method?: ProportionIntervalMethod;
}

/**
 * A share with its standard error and confidence interval, all on 0..100.
 *
 * @example
 * ```ts
 * const estimate: ShareEstimate = proportionInterval(8, 10);
 * ```
 */
export interface ShareEstimate {
  /** The share in percent: 100·successes/total. */
  readonly share: number;
  /** Plug-in standard error in percentage points: 100·√(p(1-p)/n). */
  readonly standardError: number;
  /** The confidence interval, clamped to 0..100. */
  readonly interval: Interval<ProportionIntervalMethod>;
}

/**
 * A share (successes / total, in percent) with its standard error and a confidence interval.
 *
 * Formulas, with p = x/n and z = Φ⁻¹(1 - (1 - level/100)/2):
 * - Wilson: center (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1-p)/n + z²/4n²).
 * - Agresti-Coull: ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1-p̃)/ñ).
 * - Wald: p ± z·√(p(1-p)/n).
 *
 * `total` may be fractional: weighted metrics pass their effective sample size (Kish) and
 * `successes = share · effectiveSize`. Intervals are clamped to [0, 100].
 *
 * Edge cases: `total` 0 returns `null`; a total between 0 and 1 is no sample size and throws.
 * Successes outside [0, total] or non-finite throw.
 *
 * Sources: Wilson, E. B. (1927), JASA 22(158); Agresti, A. & Coull, B. A. (1998), The American
 * Statistician 52(2); Brown, Cai & DasGupta (2001), Statistical Science 16(2).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad counts, level or method.
 * @example
 * ```ts
 * const { share, interval } = proportionInterval(81, 263)!;
 * share; // => 30.798...
 * [interval.lower, interval.upper]; // => [25.53..., 36.62...]
 * ```
 */
export function proportionInterval(successes: number, total: number, options: ProportionIntervalOptions = {}): ShareEstimate | null {
  const { level = 95, method = "wilson" } = options;
  const fn = "proportionInterval";
  checkLevel(fn, level);
  // An (effective) sample size is never between 0 and 1; below 1, z²/n explodes and intervals become NaN.
  if (!(Number.isFinite(total) && (total === 0 || total >= 1))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "total", value: total, expected: "0, or a finite number >= 1" });
  }
  if (!(Number.isFinite(successes) && successes >= 0 && successes <= total * (1 + 1e-12))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "successes", value: successes, expected: `a number from 0 to total (${total})` });
  }
  checkProportionMethod(fn, "method", method);
  if (total === 0) return null;
  return shareEstimate(Math.min(successes / total, 1), total, zForLevel(level), level, method);
}

/** Checks a proportion interval method. */
export function checkProportionMethod(fn: string, field: string, method: unknown): ProportionIntervalMethod {
  if (method !== "wilson" && method !== "agresti-coull" && method !== "wald") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: method, expected: '"wilson", "agresti-coull" or "wald"' });
  }
  return method;
}

/** z such that a two-sided interval at `level` percent covers the middle: Φ⁻¹(1 - (1 - level/100)/2). */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level / 100) / 2);
}

/** Internal: share estimate from a fraction p, a (possibly effective) size n > 0, and z. No checks. */
export function shareEstimate(p: number, n: number, z: number, level: number, method: ProportionIntervalMethod): ShareEstimate {
  const z2 = z * z;
  let center: number;
  let half: number;
  if (method === "wilson") {
    const denominator = 1 + z2 / n;
    center = (p + z2 / (2 * n)) / denominator;
    half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  } else if (method === "agresti-coull") {
    const nTilde = n + z2;
    center = (p * n + z2 / 2) / nTilde;
    half = z * Math.sqrt((center * (1 - center)) / nTilde);
  } else {
    center = p;
    half = z * Math.sqrt((p * (1 - p)) / n);
  }
  return {
    share: 100 * p,
    standardError: 100 * Math.sqrt((p * (1 - p)) / n),
    interval: {
      lower: 100 * clamp(center - half, 0, 1),
      upper: 100 * clamp(center + half, 0, 1),
      center: 100 * center,
      level,
      method,
    },
  };
}
