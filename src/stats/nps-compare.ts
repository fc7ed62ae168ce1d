import { CxMetricsError } from "../core/errors.ts";
import { checkOptions } from "../core/options.ts";
import type { Interval } from "../core/estimate.ts";
import { adjustedShares, intervalSettings, NET_SCORE_METHODS, netScoreVariance, type NetScoreIntervalMethod } from "./estimates.ts";
import { cdf } from "./normal.ts";

/**
 * What {@link compareNps} needs of each side: NPS counts. An {@link NpsResult} has them all.
 *
 * @category Statistics
 * @example
 * ```ts
 * const before: NpsCounts = { promoters: 50, detractors: 20, total: 100 };
 * ```
 */
export interface NpsCounts {
  /** Promoters (weighted or not). */
  readonly promoters: number;
  /** Detractors (weighted or not). */
  readonly detractors: number;
  /** All responses (weighted or not). */
  readonly total: number;
  /**
   * Effective sample size.
   * @defaultValue total
   */
  readonly effectiveSize?: number;
}

/**
 * Options of {@link compareNps}.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: CompareNpsOptions = { level: 90, interval: "wald" };
 * ```
 */
export interface CompareNpsOptions {
  /**
   * Confidence level of the interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * `"adjusted-wald"` adjusts each side as Rocks (2016) does for one NPS before the test (Lewis &
   * Sauro 2021); `"wald"` uses the observed shares.
   * @defaultValue "adjusted-wald"
   */
  readonly interval?: NetScoreIntervalMethod;
}

/**
 * The comparison of two NPS values, after minus before.
 *
 * @category Statistics
 * @example
 * ```ts
 * const change: NpsComparison | null = compareNps(nps([9, 3]), nps([10, 10]));
 * ```
 */
export interface NpsComparison {
  /** NPS before, -100..100. */
  readonly before: number;
  /** NPS after, -100..100. */
  readonly after: number;
  /** after - before, in points (-200..200). */
  readonly difference: number;
  /** Plug-in standard error of the difference: √(v₁/n₁ + v₂/n₂) in points, v = p + d - (p - d)². */
  readonly standardError: number;
  /** Test statistic of the chosen method; `null` when its standard error is 0. */
  readonly z: number | null;
  /** Two-sided p-value 2·(1 - Φ(|z|)); `null` when `z` is. */
  readonly pValue: number | null;
  /** Interval of the difference, clamped to [-200, 200]. */
  readonly interval: Interval<NetScoreIntervalMethod>;
}

/**
 * Compares two NPS values from independent samples (two periods, two segments): the signed difference
 * (after minus before), its standard error, a z test and a confidence interval.
 *
 * Formula: difference = NPS₂ - NPS₁; SE = √(v₁/n₁ + v₂/n₂) with vᵢ = pᵢ + dᵢ - (pᵢ - dᵢ)²;
 * z = difference / SE; p = 2·(1 - Φ(|z|)); interval = difference ± z₁₋α/₂·SE. With the default
 * `"adjusted-wald"` method, z, p and the interval use each side's adjusted shares (add 3/4 promoter,
 * 3/4 detractor, 3/2 passive), as tested by Lewis & Sauro (2021, MeasuringU, "How to Statistically
 * Compare Two Net Promoter Scores"); `difference` and `standardError` stay the observed ones.
 *
 * Edge cases: either side empty gives `null`. With `"wald"` and both sides all in one group, the
 * standard error is 0 and `z`, `pValue` are `null`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for inconsistent counts, a bad level or method.
 * @category Statistics
 * @example
 * ```ts
 * const change = compareNps({ promoters: 50, detractors: 20, total: 100 }, { promoters: 60, detractors: 15, total: 100 }, { interval: "wald" })!;
 * change.difference; // => 15
 * change.standardError; // => 10.75...
 * ```
 */
export function compareNps(before: NpsCounts, after: NpsCounts, options?: CompareNpsOptions): NpsComparison | null {
  const fn = "compareNps";
  const { level, method, z: zCrit } = intervalSettings(fn, checkOptions(fn, options, ["level", "interval"]), NET_SCORE_METHODS, "adjusted-wald");
  const a = readCounts(fn, "before", before);
  const b = readCounts(fn, "after", after);
  if (a === null || b === null) return null;
  const difference = b.score - a.score;
  const standardError = 100 * Math.sqrt(netScoreVariance(a.p, a.d) / a.n + netScoreVariance(b.p, b.d) / b.n);
  let center = difference / 100;
  let se = standardError / 100;
  if (method === "adjusted-wald") {
    const aa = adjustedShares(a.p, a.d, a.n);
    const bb = adjustedShares(b.p, b.d, b.n);
    center = bb.p - bb.d - (aa.p - aa.d);
    se = Math.sqrt(netScoreVariance(aa.p, aa.d) / aa.n + netScoreVariance(bb.p, bb.d) / bb.n);
  }
  const z = se > 0 ? center / se : null;
  return {
    before: a.score,
    after: b.score,
    difference,
    standardError,
    z,
    pValue: z === null ? null : Math.min(1, 2 * cdf(-Math.abs(z))),
    interval: {
      lower: 100 * Math.max(-2, center - zCrit * se),
      upper: 100 * Math.min(2, center + zCrit * se),
      center: 100 * center,
      level,
      method,
    },
  };
}

function readCounts(fn: string, field: string, c: NpsCounts): { p: number; d: number; n: number; score: number } | null {
  const ok = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0 && x < 1e300;
  const n = c?.effectiveSize ?? c?.total;
  if (c === null || typeof c !== "object" || !ok(c.promoters) || !ok(c.detractors) || !ok(c.total) || !ok(n) ||
      c.promoters + c.detractors > c.total * (1 + 1e-12) || n > c.total * (1 + 1e-12) || (n < 1 && c.total > 0)) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value: c,
      expected: "NPS counts { promoters, detractors, total, effectiveSize? }: finite, >= 0, promoters + detractors <= total, effectiveSize from 1 to total (an NpsResult has them)",
    });
  }
  if (c.total === 0) return null;
  return { p: c.promoters / c.total, d: c.detractors / c.total, n, score: (100 * (c.promoters - c.detractors)) / c.total };
}

