import type { Estimate, Interval } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { checkChoice, checkLevel, checkOptions } from "../core/options.ts";
import { zForLevel } from "./estimates.ts";
import { cdf } from "./normal.ts";
import { studentTQuantile, studentTTwoSided } from "./student-t.ts";

/**
 * How {@link trendSlope} treats the spread of the points around the line:
 * - `"auto"` (default): the periods' standard errors are a floor, not the whole story. The dispersion
 *   φ = Σwᵢrᵢ²/(k - 2) of the weighted residuals is estimated; when φ > 1 (the points scatter more
 *   than their sampling error explains: seasonality, campaigns) the slope's variance is multiplied by
 *   φ and tested with t on k - 2 degrees of freedom; otherwise the known-variance z test is used.
 * - `"known"`: the standard errors are taken as exact (z test, variance 1/Σw(x - x̄)²).
 *
 * @category Statistics
 * @example
 * ```ts
 * const dispersion: TrendDispersion = "known";
 * ```
 */
export type TrendDispersion = "auto" | "known";

/**
 * Options of {@link trendSlope}.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: TrendOptions = { level: 90, dispersion: "known" };
 * ```
 */
export interface TrendOptions {
  /**
   * Confidence level of the slope's interval, in percent; the direction is "rising" or "falling" when
   * the interval excludes 0 (p < 1 - level/100).
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * How the scatter around the line enters the slope's uncertainty.
   * @defaultValue "auto"
   */
  readonly dispersion?: TrendDispersion;
}

/**
 * The plain-language reading of a {@link Trend}.
 *
 * @category Statistics
 * @example
 * ```ts
 * const direction: TrendDirection = "no clear trend";
 * ```
 */
export type TrendDirection = "rising" | "falling" | "no clear trend";

/**
 * A straight-line trend through a series of estimates, per period.
 *
 * @category Statistics
 * @example
 * ```ts
 * const t: Trend | null = trendSlope([nps([9, 9, 3]).score, nps([10, 9, 7]).score]);
 * ```
 */
export interface Trend {
  /** Change per period, on the estimates' scale (NPS points per month, say). */
  readonly slope: number;
  /** The fitted value at the first period (x = 0). */
  readonly intercept: number;
  /** Standard error of the slope. */
  readonly standardError: number;
  /** Confidence interval of the slope (`method` "wls-z" or "wls-t"). */
  readonly interval: Interval<"wls-z" | "wls-t">;
  /** z or t statistic of the slope. */
  readonly statistic: number;
  /** Degrees of freedom when t was used (k - 2); `null` for z. */
  readonly df: number | null;
  /** Two-sided p-value of slope = 0. */
  readonly pValue: number;
  /** "rising" or "falling" when the interval excludes 0, else "no clear trend". */
  readonly direction: TrendDirection;
  /** The estimated dispersion φ of the residuals (1 means the scatter is what the standard errors predict). */
  readonly dispersion: number;
  /** Periods used. */
  readonly periods: number;
  /** Periods left out: no estimate (empty), or no uncertainty to weight by (a standard error and interval width of 0). */
  readonly skipped: number;
}

/**
 * The trend of a series of estimates by weighted least squares: the slope per period, its standard
 * error, interval and p-value, and a plain-language direction.
 *
 * Formula: x = the period's position (0, 1, 2, ... with empty periods keeping their place), weights
 * wᵢ = 1/SEᵢ² (a standard error of 0, as NPS with only promoters has, is replaced by the interval's
 * half-width over z, so every period with an interval counts); x̄ = Σwx/Σw, Sxx = Σw(x - x̄)²,
 * slope b = Σw(x - x̄)(y - ȳ)/Sxx, Var(b) = φ/Sxx with φ as {@link TrendDispersion} says.
 *
 * Edge cases: fewer than 2 usable periods gives `null`. A constant series has slope 0 and p-value 1.
 *
 * Source: weighted least squares with known variances and a multiplicative dispersion (as in
 * quasi-likelihood and meta-regression), e.g. Draper & Smith, Applied Regression Analysis, ch. 9.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `estimates` is not an array of estimates or
 * nulls, or for bad options.
 * @category Statistics
 * @example
 * ```ts
 * const t = trendSlope([csat([5, 4, 2, 1]).score, csat([5, 4, 4, 1]).score, csat([5, 5, 4, 4]).score])!;
 * [t.slope.toFixed(1), t.direction];
 * // => ["25.0", "no clear trend"]
 * ```
 */
export function trendSlope(estimates: readonly (Estimate | null)[], options?: TrendOptions): Trend | null {
  const fn = "trendSlope";
  const o = checkOptions(fn, options, ["level", "dispersion"]);
  const level = checkLevel(fn, o["level"] ?? 95);
  const dispersionMode = checkChoice(fn, "dispersion", o["dispersion"], ["auto", "known"] as const, "auto");
  if (!Array.isArray(estimates)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "estimates", value: estimates, expected: "an array of estimates (or null for empty periods), one per period" });
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let skipped = 0;
  for (let i = 0; i < estimates.length; i++) {
    const e = estimates[i] as Estimate | null;
    if (e === null) {
      skipped++;
      continue;
    }
    const ok = typeof e === "object" && Number.isFinite(e.value) && Number.isFinite(e.standardError) && e.standardError >= 0 && e.interval !== null && typeof e.interval === "object";
    if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "estimates", index: i, value: e, expected: "an Estimate { value, standardError, interval, n } or null" });
    let se = e.standardError;
    if (!(se > 0) && Number.isFinite(e.interval.upper - e.interval.lower) && e.interval.level >= 50) se = (e.interval.upper - e.interval.lower) / (2 * zForLevel(e.interval.level));
    if (!(se > 0) || !Number.isFinite(1 / (se * se))) {
      skipped++;
      continue;
    }
    xs.push(i);
    ys.push(e.value);
    ws.push(1 / (se * se));
  }
  const k = xs.length;
  if (k < 2) return null;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += ws[i] as number;
    swx += (ws[i] as number) * (xs[i] as number);
    swy += (ws[i] as number) * (ys[i] as number);
  }
  const xBar = swx / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const dx = (xs[i] as number) - xBar;
    sxx += (ws[i] as number) * dx * dx;
    sxy += (ws[i] as number) * dx * ((ys[i] as number) - yBar);
  }
  const slope = sxy / sxx;
  const intercept = yBar - slope * xBar;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = (ys[i] as number) - intercept - slope * (xs[i] as number);
    rss += (ws[i] as number) * r * r;
  }
  const phi = k > 2 ? rss / (k - 2) : 1;
  const useT = dispersionMode === "auto" && k > 2 && phi > 1;
  const standardError = Math.sqrt((useT ? phi : 1) / sxx);
  const statistic = slope / standardError;
  const df = useT ? k - 2 : null;
  const pValue = statistic === 0 ? 1 : df === null ? Math.min(1, 2 * cdf(-Math.abs(statistic))) : studentTTwoSided(statistic, df);
  const crit = df === null ? zForLevel(level) : studentTQuantile(1 - (1 - level / 100) / 2, df);
  const lower = slope - crit * standardError;
  const upper = slope + crit * standardError;
  return {
    slope,
    intercept,
    standardError,
    interval: { lower, upper, center: slope, level, method: df === null ? "wls-z" : "wls-t" },
    statistic,
    df,
    pValue,
    direction: lower > 0 ? "rising" : upper < 0 ? "falling" : "no clear trend",
    dispersion: phi,
    periods: k,
    skipped,
  };
}
