import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { checkOptions, type IntervalOptions } from "../core/options.ts";
import { intervalSettings, PROPORTION_METHODS, rateEstimate, type ProportionIntervalMethod } from "./estimates.ts";

export type { ProportionIntervalMethod } from "./estimates.ts";

/**
 * Options of {@link proportionInterval}: `level` (95) and `interval` (`"wilson"`), as on every metric.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: ProportionIntervalOptions = { level: 90, interval: "agresti-coull" };
 * ```
 */
export type ProportionIntervalOptions = IntervalOptions<ProportionIntervalMethod>;

/**
 * A share (successes / total, in percent) as an {@link Estimate}: value, plug-in standard error,
 * confidence interval and n.
 *
 * Formulas, with p = x/n and z = Φ⁻¹(1 - (1 - level/100)/2):
 * - Wilson (default): center (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1-p)/n + z²/4n²).
 * - Agresti-Coull: ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1-p̃)/ñ).
 * - Wald: p ± z·√(p(1-p)/n).
 *
 * SE = 100·√(p(1-p)/n). `total` may be fractional: weighted metrics pass their effective sample size
 * (Kish) and `successes = share · effectiveSize`. Intervals are clamped to [0, 100].
 *
 * Edge cases: `total` 0 returns `null`; a total between 0 and 1 is no sample size and throws.
 * Successes outside [0, total] or non-finite throw.
 *
 * Sources: Wilson, E. B. (1927), JASA 22(158); Agresti, A. & Coull, B. A. (1998), The American
 * Statistician 52(2); Brown, Cai & DasGupta (2001), Statistical Science 16(2).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad counts, level or method.
 * @category Statistics
 * @example
 * ```ts
 * const { value, interval } = proportionInterval(81, 263)!;
 * value; // => 30.798...
 * [interval.lower, interval.upper]; // => [25.53..., 36.62...]
 * ```
 */
export function proportionInterval(successes: number, total: number, options?: ProportionIntervalOptions): Estimate<ProportionIntervalMethod> | null {
  const fn = "proportionInterval";
  const settings = intervalSettings(fn, checkOptions(fn, options, ["level", "interval"]), PROPORTION_METHODS, "wilson");
  // An (effective) sample size is never between 0 and 1; below 1, z²/n explodes and intervals become NaN.
  if (typeof total !== "number" || !(total < 1e300 && (total === 0 || total >= 1))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "total", value: total, expected: "0, or a finite number >= 1" });
  }
  if (typeof successes !== "number" || !(successes >= 0 && successes <= total * (1 + 1e-12))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "successes", value: successes, expected: `a number from 0 to total (${total})` });
  }
  return rateEstimate(Math.min(successes, total), total, settings);
}
