import { CxMetricsError } from "../core/errors.ts";
import { checkLevel } from "../core/options.ts";
import { clamp, type Interval } from "./interval.ts";
import { zForLevel } from "./proportion.ts";

/**
 * How to build an interval around a net score (positive share minus negative share, such as NPS):
 * - `"adjusted-wald"` (default): add 3/4 to the positive count, 3/4 to the negative count and 3/2 to
 *   the neutral count (n + 3), then a Wald interval on the adjusted shares (Rocks 2016).
 * - `"wald"`: (p - d) ± z·√((p + d - (p - d)²)/n).
 */
export type NetScoreIntervalMethod = "adjusted-wald" | "wald";

/** Options of {@link netScoreInterval}. */
export interface NetScoreIntervalOptions {
  /**
   * Confidence level in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method.
   * @defaultValue "adjusted-wald"
   */
  readonly method?: NetScoreIntervalMethod;
}

/**
 * Counts of a three-way split (positive / neutral / negative), as {@link netScoreInterval} takes them.
 *
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

/**
 * A net score with its standard error and interval, on -100..100.
 *
 * @example
 * ```ts
 * const estimate: NetScoreEstimate = netScoreInterval({ positive: 50, negative: 20, total: 100 })!;
 * ```
 */
export interface NetScoreEstimate {
  /** 100·(p - d). */
  readonly score: number;
  /** Plug-in standard error in points: 100·√((p + d - (p - d)²)/n). */
  readonly standardError: number;
  /** The confidence interval, clamped to [-100, 100]. */
  readonly interval: Interval<NetScoreIntervalMethod>;
}

/**
 * A net score (percent positive minus percent negative, e.g. NPS or CES net easy) with its plug-in
 * standard error and a confidence interval.
 *
 * The variance of one answer scored +1 / 0 / -1 is p + d - (p - d)², so
 * SE = √((p + d - (p - d)²)/n). The adjusted Wald of Rocks (2016) adds 3/4 positive, 3/2 neutral and
 * 3/4 negative answers before computing a Wald interval: p' = (np + 3/4)/(n + 3),
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
 * @example
 * ```ts
 * const estimate = netScoreInterval({ positive: 50, negative: 20, total: 100 })!;
 * estimate.score; // => 30
 * estimate.standardError; // => 7.81...
 * [estimate.interval.lower, estimate.interval.upper]; // => [14.05..., 44.20...]
 * ```
 */
export function netScoreInterval(counts: NetScoreCounts, options: NetScoreIntervalOptions = {}): NetScoreEstimate | null {
  const { level = 95, method = "adjusted-wald" } = options;
  const fn = "netScoreInterval";
  checkLevel(fn, level);
  checkNetScoreMethod(fn, method);
  const { positive, negative, total } = counts;
  const effectiveSize = counts.effectiveSize ?? total;
  const ok = (x: number): boolean => Number.isFinite(x) && x >= 0;
  if (!(ok(positive) && ok(negative) && ok(total) && positive + negative <= total * (1 + 1e-12))) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "counts",
      value: counts,
      expected: "finite counts >= 0 with positive + negative <= total",
    });
  }
  if (!(ok(effectiveSize) && effectiveSize <= total * (1 + 1e-12) && (effectiveSize >= 1 || total === 0))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "effectiveSize", value: effectiveSize, expected: "a number from 1 to total" });
  }
  if (total === 0) return null;
  return netScoreEstimate(positive, negative, total, effectiveSize, zForLevel(level), level, method);
}

/** Checks a net-score interval method. */
export function checkNetScoreMethod(fn: string, method: unknown): NetScoreIntervalMethod {
  if (method !== "adjusted-wald" && method !== "wald") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "interval", value: method, expected: '"adjusted-wald" or "wald"' });
  }
  return method;
}

/** Variance of one +1/0/-1 answer with shares p and d: p + d - (p - d)². Never negative. */
export function netScoreVariance(p: number, d: number): number {
  const v = p + d - (p - d) * (p - d);
  return v > 0 ? v : 0;
}

/**
 * The Rocks (2016) adjusted shares: 3/4 positive, 3/4 negative and 3/2 neutral answers added to an
 * (effective) size n. Returns the adjusted positive share, negative share and size.
 */
export function adjustedShares(p: number, d: number, n: number): { readonly p: number; readonly d: number; readonly n: number } {
  const nAdj = n + 3;
  return { p: (p * n + 0.75) / nAdj, d: (d * n + 0.75) / nAdj, n: nAdj };
}

/**
 * Internal: net score estimate from positive and negative counts out of `total` > 0, an (effective)
 * size n > 0, and z. No checks. The score is 100·(positive - negative)/total, computed from the counts
 * so that integer counts give exact scores (25, not 24.999999999999996).
 */
export function netScoreEstimate(
  positive: number,
  negative: number,
  total: number,
  n: number,
  z: number,
  level: number,
  method: NetScoreIntervalMethod,
): NetScoreEstimate {
  const p = positive / total;
  const d = negative / total;
  const standardError = 100 * Math.sqrt(netScoreVariance(p, d) / n);
  let center = p - d;
  let half = z * Math.sqrt(netScoreVariance(p, d) / n);
  if (method === "adjusted-wald") {
    const adjusted = adjustedShares(p, d, n);
    center = adjusted.p - adjusted.d;
    half = z * Math.sqrt(netScoreVariance(adjusted.p, adjusted.d) / adjusted.n);
  }
  return {
    score: (100 * (positive - negative)) / total,
    standardError,
    interval: {
      lower: 100 * clamp(center - half, -1, 1),
      upper: 100 * clamp(center + half, -1, 1),
      center: 100 * center,
      level,
      method,
    },
  };
}
