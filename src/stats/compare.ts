import type { Estimate, Interval } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { checkChoice, checkLevel, checkNumberIn, checkOptions } from "../core/options.ts";
import { PROPORTION_METHODS, shareEstimate, zForLevel } from "./estimates.ts";
import { cdf, normalQuantile } from "./normal.ts";
import { percentileOfSorted } from "./quantile.ts";
import { regularizedBeta, studentTQuantile, studentTTwoSided } from "./student-t.ts";

/**
 * Which test a {@link Comparison} used:
 * - `"newcombe"`: two shares; Newcombe's hybrid score interval, pooled two-proportion z test.
 * - `"welch"`: two means; Welch's t with Welch-Satterthwaite degrees of freedom.
 * - `"nps"`: two NPS values; {@link compareNps}.
 * - `"median"`: two percentiles (medians by default); Bonett-Price order-statistic standard errors, z.
 * - `"normal"`: two estimates of any other kind; the difference over √(SE₁² + SE₂²), z.
 * - `"paired"`: two answers of the same respondents (agent and company questions); the mean of the
 *   per-respondent differences over its plug-in standard error, z.
 *
 * @category Statistics
 * @example
 * ```ts
 * const test: ComparisonTest = "welch";
 * ```
 */
export type ComparisonTest = "newcombe" | "welch" | "nps" | "median" | "normal" | "paired";

/**
 * Two estimates compared (two periods, two segments; or, paired, two questions answered by the same
 * respondents): after minus before, with its uncertainty. One shape for every kind of estimate, so period-over-period tables and
 * multiple-testing corrections treat them alike.
 *
 * @category Statistics
 * @example
 * ```ts
 * const c: Comparison | null = compareShares({ successes: 48, total: 80 }, { successes: 56, total: 70 });
 * ```
 */
export interface Comparison {
  /** The estimate before (or of the reference group). */
  readonly before: number;
  /** The estimate after (or of the group compared). */
  readonly after: number;
  /** `after - before`, on the estimates' scale (points for shares and scores, ms for durations). */
  readonly difference: number;
  /** Plug-in standard error of the difference: √(SE₁² + SE₂²) of the two sides' standard errors (paired: of the mean difference). */
  readonly standardError: number;
  /** The test statistic (z, or t for Welch); `null` when its standard error is 0. */
  readonly statistic: number | null;
  /** Degrees of freedom of t (Welch); `null` for z tests. */
  readonly df: number | null;
  /** Two-sided p-value; `null` when `statistic` is. */
  readonly pValue: number | null;
  /** Confidence interval of the difference. */
  readonly interval: Interval<ComparisonTest>;
  /** The test used. */
  readonly test: ComparisonTest;
}

/**
 * Options of the comparison functions: the confidence level of the interval.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: CompareOptions = { level: 90 };
 * ```
 */
export interface CompareOptions {
  /**
   * Confidence level of the interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
}

/**
 * A share as counts: `successes` out of `total` (a weighted share passes its effective sample size as
 * `total` and `share · total` as `successes`).
 *
 * @category Statistics
 * @example
 * ```ts
 * const resolved: ShareCounts = { successes: 81, total: 263 };
 * ```
 */
export interface ShareCounts {
  /** Successes, 0..total. */
  readonly successes: number;
  /** Sample size: 0, or at least 1. */
  readonly total: number;
}

/**
 * A mean as a summary: the mean, the sample standard deviation (n - 1 in the denominator) and n.
 *
 * @category Statistics
 * @example
 * ```ts
 * const handle: MeanSummary = { mean: 312_000, standardDeviation: 95_000, n: 420 };
 * ```
 */
export interface MeanSummary {
  /** The mean. */
  readonly mean: number;
  /** Sample standard deviation, √(Σ(x - x̄)²/(n - 1)). */
  readonly standardDeviation: number;
  /** Number of observations. */
  readonly n: number;
}

const LEVEL_ONLY: readonly string[] = ["level"];

function readLevel(fn: string, options: unknown): { level: number; z: number } {
  const level = checkLevel(fn, checkOptions(fn, options, LEVEL_ONLY)["level"] ?? 95);
  return { level, z: zForLevel(level) };
}

function twoSidedZ(z: number): number {
  return Math.min(1, 2 * cdf(-Math.abs(z)));
}

function readShare(fn: string, field: string, c: unknown): { x: number; n: number } {
  const s = c as ShareCounts | null;
  const ok = s !== null && typeof s === "object" && typeof s.total === "number" && typeof s.successes === "number" &&
    s.total < 1e300 && (s.total === 0 || s.total >= 1) && s.successes >= 0 && s.successes <= s.total * (1 + 1e-12);
  if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: c, expected: "share counts { successes, total }: total 0 or at least 1, successes from 0 to total" });
  return { x: Math.min(s.successes, s.total), n: s.total };
}

/**
 * Compares two shares (CSAT, FCR, service level, any rate) from independent samples: the difference
 * in points (after minus before), Newcombe's hybrid score interval and a two-proportion z test.
 *
 * Formulas, with pᵢ = xᵢ/nᵢ and [lᵢ, uᵢ] each side's Wilson interval at the chosen level
 * (Newcombe 1998, method 10): difference d = p₂ - p₁; interval [d - √((p₂ - l₂)² + (u₁ - p₁)²),
 * d + √((u₂ - p₂)² + (p₁ - l₁)²)]; z = d / √(p̄(1 - p̄)(1/n₁ + 1/n₂)) with the pooled p̄ = (x₁ + x₂)/(n₁ + n₂);
 * p = 2·(1 - Φ(|z|)). `standardError` is the unpooled √(p₁(1 - p₁)/n₁ + p₂(1 - p₂)/n₂), in points.
 *
 * Edge cases: a side with total 0 gives `null`; both sides all successes or all failures give
 * statistic and p-value `null` (nothing varies).
 *
 * Source: Newcombe, R. G. (1998), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17, 873-890.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad counts or level.
 * @category Statistics
 * @example
 * ```ts
 * const c = compareShares({ successes: 48, total: 80 }, { successes: 56, total: 70 })!;
 * c.difference; // => 20
 * [c.interval.lower, c.interval.upper]; // => [5.24..., 33.38...] (Newcombe 1998's example 56/70 vs 48/80: 0.0524 to 0.3339)
 * ```
 */
export function compareShares(before: ShareCounts, after: ShareCounts, options?: CompareOptions): Comparison | null {
  const fn = "compareShares";
  const { level, z } = readLevel(fn, options);
  const a = readShare(fn, "before", before);
  const b = readShare(fn, "after", after);
  if (a.n === 0 || b.n === 0) return null;
  return shareComparison((100 * a.x) / a.n, a.n, (100 * b.x) / b.n, b.n, level, z);
}

/** Newcombe's comparison of two shares given in percent (exact from the counts) with their sizes. */
function shareComparison(before: number, n1: number, after: number, n2: number, level: number, z: number): Comparison {
  const p1 = before / 100;
  const p2 = after / 100;
  const settings = { z, level, method: "wilson" as const };
  const w1 = shareEstimate(p1, n1, settings).interval;
  const w2 = shareEstimate(p2, n2, settings).interval;
  const l1 = w1.lower / 100;
  const u1 = w1.upper / 100;
  const l2 = w2.lower / 100;
  const u2 = w2.upper / 100;
  const d = p2 - p1;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const statistic = se0 > 0 ? d / se0 : null;
  return {
    before,
    after,
    difference: after - before,
    standardError: 100 * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2),
    statistic,
    df: null,
    pValue: statistic === null ? null : twoSidedZ(statistic),
    interval: {
      lower: 100 * Math.max(-1, d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)),
      upper: 100 * Math.min(1, d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)),
      center: after - before,
      level,
      method: "newcombe",
    },
    test: "newcombe",
  };
}

function readMean(fn: string, field: string, m: unknown): MeanSummary {
  const s = m as MeanSummary | null;
  const finite = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x) && Math.abs(x) < 1e150;
  const ok = s !== null && typeof s === "object" && finite(s.mean) && finite(s.standardDeviation) && s.standardDeviation >= 0 && Number.isSafeInteger(s.n) && s.n >= 0;
  if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: m, expected: "a mean summary { mean, standardDeviation (n - 1), n }: finite, standardDeviation >= 0, n a whole number" });
  return s;
}

/**
 * Compares two means (handle time, a rating mean, CES) from independent samples by Welch's t test,
 * which does not assume equal variances.
 *
 * Formulas: d = x̄₂ - x̄₁; SE = √(s₁²/n₁ + s₂²/n₂); t = d/SE; degrees of freedom (Welch-Satterthwaite)
 * ν = SE⁴ / ((s₁²/n₁)²/(n₁ - 1) + (s₂²/n₂)²/(n₂ - 1)); p = 2·P(T_ν ≥ |t|); interval d ± t_{ν,1-α/2}·SE.
 *
 * Edge cases: a side with n < 2 gives `null` (no variance to estimate); SE = 0 gives statistic, df and
 * p-value `null` and a zero-width interval.
 *
 * Source: Welch, B. L. (1947), Biometrika 34, 28-35; checked against R's `t.test` on the `sleep` data.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad summaries or level.
 * @category Statistics
 * @example
 * ```ts
 * const c = compareMeans({ mean: 0.75, standardDeviation: 1.789, n: 10 }, { mean: 2.33, standardDeviation: 2.002, n: 10 })!;
 * [c.difference, c.df]; // => [1.58, 17.77...]
 * ```
 */
export function compareMeans(before: MeanSummary, after: MeanSummary, options?: CompareOptions): Comparison | null {
  const fn = "compareMeans";
  const { level } = readLevel(fn, options);
  const a = readMean(fn, "before", before);
  const b = readMean(fn, "after", after);
  if (a.n < 2 || b.n < 2) return null;
  return welch(a.mean, (a.standardDeviation * a.standardDeviation) / a.n, a.n, b.mean, (b.standardDeviation * b.standardDeviation) / b.n, b.n, level);
}

/** Welch's test from each side's mean, squared standard error v = s²/n and n ≥ 2. */
function welch(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number, level: number): Comparison {
  const d = m2 - m1;
  const v = v1 + v2;
  const se = Math.sqrt(v);
  if (!(se > 0)) {
    return { before: m1, after: m2, difference: d, standardError: 0, statistic: null, df: null, pValue: null, interval: { lower: d, upper: d, center: d, level, method: "welch" }, test: "welch" };
  }
  const df = (v * v) / ((v1 * v1) / (n1 - 1) + (v2 * v2) / (n2 - 1));
  const t = d / se;
  const crit = studentTQuantile(1 - (1 - level / 100) / 2, df);
  return { before: m1, after: m2, difference: d, standardError: se, statistic: t, df, pValue: studentTTwoSided(t, df), interval: { lower: d - crit * se, upper: d + crit * se, center: d, level, method: "welch" }, test: "welch" };
}

/**
 * Compares two {@link Estimate}s from independent samples, choosing the test by what the estimate is
 * (its interval method): shares (Wilson, Agresti-Coull, Wald) by {@link compareShares} on
 * (value/100·n, n); means (`"normal"`) by Welch with each side's variance s²/n = SE²·n/(n - 1) from
 * its plug-in standard error; anything else (net scores such as NPS) by the normal test d/√(SE₁² +
 * SE₂²). For NPS with its adjusted-Wald test, use {@link compareNps} with the counts (the series
 * helpers do this themselves).
 *
 * Edge cases: `null` on either side gives `null`; a Welch side with n < 2 gives `null`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when a side is not an estimate, the two are of
 * different kinds, or for a bad level.
 * @category Statistics
 * @example
 * ```ts
 * const before = csat([5, 4, 2, 1, 5]).score;
 * const after = csat([5, 5, 4, 4, 2]).score;
 * compareEstimates(before, after)?.difference;
 * // => 20
 * ```
 */
export function compareEstimates(before: Estimate | null, after: Estimate | null, options?: CompareOptions): Comparison | null {
  const fn = "compareEstimates";
  const { level, z } = readLevel(fn, options);
  checkEstimate(fn, "before", before);
  checkEstimate(fn, "after", after);
  if (before === null || after === null) return null;
  const kind = kindOf(before);
  if (kind !== kindOf(after)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "after", value: after.interval.method, expected: `an estimate of the same kind as before (${before.interval.method})` });
  }
  if (kind === "share") return shareComparison(before.value, before.n, after.value, after.n, level, z);
  if (kind === "mean") {
    if (before.n < 2 || after.n < 2) return null;
    const v = (e: Estimate): number => (e.standardError * e.standardError * e.n) / (e.n - 1);
    return welch(before.value, v(before), before.n, after.value, v(after), after.n, level);
  }
  return normalComparison(before.value, before.standardError, after.value, after.standardError, level, z, "normal");
}

/** The z comparison of two values with standard errors. */
function normalComparison(m1: number, se1: number, m2: number, se2: number, level: number, z: number, test: ComparisonTest): Comparison {
  const d = m2 - m1;
  const se = Math.sqrt(se1 * se1 + se2 * se2);
  const statistic = se > 0 ? d / se : null;
  return { before: m1, after: m2, difference: d, standardError: se, statistic, df: null, pValue: statistic === null ? null : twoSidedZ(statistic), interval: { lower: d - z * se, upper: d + z * se, center: d, level, method: test }, test };
}

function kindOf(e: Estimate): "share" | "mean" | "other" {
  if ((PROPORTION_METHODS as readonly string[]).includes(e.interval.method)) return "share";
  return e.interval.method === "normal" ? "mean" : "other";
}

function checkEstimate(fn: string, field: string, e: unknown): void {
  if (e === null) return;
  const x = e as Estimate;
  const ok = typeof x === "object" && x !== null && Number.isFinite(x.value) && Number.isFinite(x.standardError) && x.standardError >= 0 &&
    typeof x.n === "number" && x.n >= 1 && x.n < 1e300 && x.interval !== null && typeof x.interval === "object" && typeof x.interval.method === "string";
  if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: e, expected: "an Estimate { value, standardError, interval, n } (a metric's headline), or null" });
}

/**
 * Options of {@link compareMedians}: the percentile (50, the median, by default) and the level.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: CompareMediansOptions = { percentile: 90 };
 * ```
 */
export interface CompareMediansOptions extends CompareOptions {
  /**
   * The percentile compared, from 1 to 99 (type 7, as every percentile of cx-metrics).
   * @defaultValue 50
   */
  readonly percentile?: number;
}

/** Binomial CDF P(X ≤ k), X ~ Bin(n, q), through the regularized incomplete beta function. */
function binomialCdf(k: number, n: number, q: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(1 - q, n - k, k + 1);
}

/**
 * The Bonett-Price standard error of a percentile of sorted values: the order statistics about two
 * rank standard deviations either side of nq, their width over 2·z₀, z₀ the normal quantile of their
 * exact binomial coverage. For the median this is Bonett & Price (2002): a = round(n/2 - √n).
 */
function percentileStandardError(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const spread = 2 * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(1, Math.round(n * q - spread));
  const hi = Math.min(n, n - Math.max(0, Math.round(n * (1 - q) - spread)) + 1);
  if (hi <= lo) return 0;
  const coverage = binomialCdf(hi - 1, n, q) - binomialCdf(lo - 1, n, q);
  const z0 = normalQuantile(Math.min(1 - 1e-16, (1 + coverage) / 2));
  return z0 > 0 ? ((sorted[hi - 1] as number) - (sorted[lo - 1] as number)) / (2 * z0) : 0;
}

function sortedValues(fn: string, field: string, values: unknown): Float64Array {
  const isIterable = values !== null && typeof values === "object" && typeof (values as Iterable<unknown>)[Symbol.iterator] === "function";
  if (!isIterable) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: values, expected: "an array or iterable of finite numbers (durations in ms, say)" });
  const out = Float64Array.from(values as Iterable<unknown>, (v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index: i, value: v, expected: "a finite number" });
    return v;
  });
  return out.sort();
}

/**
 * Compares a percentile (the median by default) of two independent samples, such as handle or
 * resolution times in two periods: the difference of the type-7 percentiles, a distribution-free
 * standard error for each, a z test and a normal interval.
 *
 * Formula (Bonett & Price 2002, for the median): with the sample sorted, a = max(1, round(n/2 - √n)),
 * SE = (y₍ₙ₋ₐ₊₁₎ - y₍ₐ₎)/(2·z₀), z₀ = Φ⁻¹(1 - B(a - 1; n, ½)) (B the binomial CDF); the difference's SE
 * = √(SE₁² + SE₂²), interval d ± z·SE, z-test p-value. For another percentile q the ranks are
 * round(nq ∓ 2√(nq(1 - q))) (clamped to 1..n) and z₀ = Φ⁻¹((1 + coverage)/2), coverage the exact
 * binomial probability that those order statistics bracket the q-quantile: the same construction,
 * centred on nq (our extension; at q = ½ it is Bonett-Price's). Assumes few ties; with heavy ties the
 * standard error can be 0 (statistic `null`).
 *
 * Edge cases: an empty side gives `null`. Cost: a sort of each sample.
 *
 * Source: Bonett, D. G. & Price, R. M. (2002), Psychological Methods 7(3), 370-383; checked against
 * the published output of statpsych's `ci.median2`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for inputs that are not iterables of numbers or a bad
 * percentile or level; `INVALID_VALUE` naming the index of a value that is not a finite number.
 * @category Statistics
 * @example
 * ```ts
 * const c = compareMedians([32.1, 39.8, 26.3, 35.0, 43.1, 27.0, 40.9, 37.4, 34.0, 29.2], [36.8, 44.0, 47.1, 42.7, 49.0, 39.6, 46.2, 31.6, 33.1, 48.4])!;
 * [c.difference, c.standardError]; // => [8.85, 4.494...]
 * ```
 */
export function compareMedians(before: Iterable<number>, after: Iterable<number>, options?: CompareMediansOptions): Comparison | null {
  const fn = "compareMedians";
  const o = checkOptions(fn, options, ["level", "percentile"]);
  const level = checkLevel(fn, o["level"] ?? 95);
  const q = checkNumberIn(fn, "percentile", o["percentile"] ?? 50, 1, 99) / 100;
  const a = sortedValues(fn, "before", before);
  const b = sortedValues(fn, "after", after);
  if (a.length === 0 || b.length === 0) return null;
  const z = zForLevel(level);
  return normalComparison(percentileOfSorted(a, q), percentileStandardError(a, q), percentileOfSorted(b, q), percentileStandardError(b, q), level, z, "median");
}

/**
 * How {@link adjustPValues} corrects for many tests at once:
 * - `"holm"` (default): Holm's step-down; controls the family-wise error rate (the chance of any false
 *   flag), uniformly more powerful than Bonferroni.
 * - `"benjamini-hochberg"`: controls the false discovery rate (the expected share of false flags among
 *   the flagged); more flags than Holm, for screening many cells.
 * - `"bonferroni"`: m·p; the simplest, most conservative.
 * - `"none"`: the raw p-values.
 *
 * @category Statistics
 * @example
 * ```ts
 * const method: PAdjustMethod = "benjamini-hochberg";
 * ```
 */
export type PAdjustMethod = "holm" | "benjamini-hochberg" | "bonferroni" | "none";

/**
 * Every {@link PAdjustMethod}.
 *
 * @category Statistics
 */
export const P_ADJUST_METHODS: readonly PAdjustMethod[] = ["holm", "benjamini-hochberg", "bonferroni", "none"];

/**
 * Adjusts p-values for multiple testing, as R's `p.adjust`: when a scorecard tests twenty cells at
 * 5%, one is flagged by chance; compare adjusted p-values with the level instead.
 *
 * Formulas, with the m non-null p-values sorted p₍₁₎ ≤ ... ≤ p₍ₘ₎: Holm p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m - j + 1)·p₍ⱼ₎);
 * Benjamini-Hochberg p̃₍ᵢ₎ = minⱼ≥ᵢ min(1, m/j·p₍ⱼ₎); Bonferroni min(1, m·p). Adjusted values are never
 * below the raw ones and keep their order. `null` entries (tests that could not be made) stay `null`
 * and do not count in m.
 *
 * Sources: Holm, S. (1979), Scandinavian Journal of Statistics 6, 65-70; Benjamini, Y. & Hochberg, Y.
 * (1995), JRSS B 57, 289-300 (their worked example of 15 p-values is a test).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `pValues` is not an array of numbers from 0 to
 * 1 or null, or for an unknown method.
 * @category Statistics
 * @example
 * ```ts
 * adjustPValues([0.01, 0.04, 0.03, null]);
 * // => [0.03, 0.06, 0.06, null]
 * ```
 */
export function adjustPValues(pValues: readonly (number | null)[], options?: { readonly method?: PAdjustMethod }): (number | null)[] {
  const fn = "adjustPValues";
  const method = checkChoice(fn, "method", checkOptions(fn, options, ["method"])["method"], P_ADJUST_METHODS, "holm");
  if (!Array.isArray(pValues)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "pValues", value: pValues, expected: "an array of p-values (numbers from 0 to 1, or null)" });
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (p === null) continue;
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "pValues", index: i, value: p, expected: "a p-value from 0 to 1, or null" });
    order.push(i);
  }
  const out: (number | null)[] = pValues.map((p) => (p === null ? null : p));
  const m = order.length;
  if (method === "none" || m === 0) return out;
  const p = (i: number): number => pValues[i] as number;
  order.sort((a, b) => p(a) - p(b) || a - b);
  if (method === "bonferroni") {
    for (const i of order) out[i] = Math.min(1, m * p(i));
  } else if (method === "holm") {
    let running = 0;
    order.forEach((i, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p(i)));
      out[i] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const i = order[rank] as number;
      running = Math.min(running, Math.min(1, (m / (rank + 1)) * p(i)));
      out[i] = running;
    }
  }
  return out;
}
