import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { checkOptions, type IntervalOptions } from "../core/options.ts";
import { intervalSettings, NET_SCORE_METHODS, netScoreEstimate, type NetScoreIntervalMethod } from "./estimates.ts";

export type { NetScoreIntervalMethod } from "./estimates.ts";

/**
 * Options of {@link netScoreInterval}: `level` (95) and `interval` (`"adjusted-wald"`), as on every metric.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: NetScoreIntervalOptions = { interval: "wald" };
 * ```
 */
export type NetScoreIntervalOptions = IntervalOptions<NetScoreIntervalMethod>;

/**
 * Counts of a three-way split (positive / neutral / negative), as {@link netScoreInterval} takes them.
 *
 * @category Statistics
 * @example
 * ```ts
 * const counts: NetScoreCounts = { positive: 50, negative: 20, total: 100 };
 * ```
 */
export interface NetScoreCounts {
  /** Positive answers (promoters, easy), weighted or not. */
  readonly positive: number;
  /** Negative answers (detractors, difficult), weighted or not. */
  readonly negative: number;
  /** All answers, weighted or not; the neutral count is `total - positive - negative`. */
  readonly total: number;
  /**
   * Effective sample size for the uncertainty (Kish's (Σw)²/Σw² for weighted data).
   * @defaultValue total
   */
  readonly effectiveSize?: number;
}

/** Whether `x` is a finite number ≥ 0. */
function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x >= 0 && x < 1e300;
}

/**
 * A net score (percent positive minus percent negative, e.g. NPS or CES net easy) as an
 * {@link Estimate}: value on -100..100, plug-in standard error, interval and n.
 *
 * The variance of one answer scored +1 / 0 / -1 is p + d - (p - d)², so
 * SE = 100·√((p + d - (p - d)²)/n). The adjusted Wald of Rocks (2016) adds 3/4 positive, 3/2 neutral
 * and 3/4 negative answers before computing a Wald interval: p' = (np + 3/4)/(n + 3),
 * d' = (nd + 3/4)/(n + 3), (p' - d') ± z·√((p' + d' - (p' - d')²)/(n + 3)). The reported
 * `standardError` is always the plain plug-in one of the observed shares.
 *
 * With weights, p and d are weighted shares and n is the effective sample size; the adjustment is
 * added in effective-size units.
 *
 * Edge cases: `total` 0 returns `null`. An effective size below 1 is no sample size and throws (for
 * weighted data it is always at least 1).
 *
 * Source: Rocks, B. (2016), "Interval Estimation for the 'Net Promoter Score'", The American
 * Statistician 70(4), 365-372.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for inconsistent counts, a bad level or method.
 * @category Statistics
 * @example
 * ```ts
 * const estimate = netScoreInterval({ positive: 50, negative: 20, total: 100 })!;
 * estimate.value; // => 30
 * estimate.standardError; // => 7.81...
 * [estimate.interval.lower, estimate.interval.upper]; // => [14.05..., 44.20...]
 * ```
 */
export function netScoreInterval(counts: NetScoreCounts, options?: NetScoreIntervalOptions): Estimate<NetScoreIntervalMethod> | null {
  const fn = "netScoreInterval";
  const settings = intervalSettings(fn, checkOptions(fn, options, ["level", "interval"]), NET_SCORE_METHODS, "adjusted-wald");
  const c = checkOptions(fn, counts, ["positive", "negative", "total", "effectiveSize"], "counts");
  const { positive, negative, total } = c;
  const effectiveSize = c["effectiveSize"] ?? total;
  if (!(isCount(positive) && isCount(negative) && isCount(total) && positive + negative <= total * (1 + 1e-12))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "counts", value: counts, expected: "finite counts >= 0 with positive + negative <= total" });
  }
  if (!(isCount(effectiveSize) && effectiveSize <= total * (1 + 1e-12) && (effectiveSize >= 1 || total === 0))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "effectiveSize", value: effectiveSize, expected: "a number from 1 to total" });
  }
  if (total === 0) return null;
  return netScoreEstimate(Math.min(positive, total), Math.min(negative, total - Math.min(positive, total)), total, effectiveSize, settings);
}
