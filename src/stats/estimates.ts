import type { Estimate } from "../core/estimate.ts";
import { checkChoice, checkLevel } from "../core/options.ts";
import { clamp } from "./interval.ts";
import { normalQuantile } from "./normal.ts";

/**
 * How to build an interval around a share:
 * - `"wilson"` (default): the score interval of Wilson (1927); good coverage at every n and p.
 * - `"agresti-coull"`: the adjusted Wald of Agresti & Coull (1998): add z²/2 successes and z²/2 failures.
 * - `"wald"`: p ± z·√(p(1-p)/n); poor near 0 and 100 and at small n; offered for comparison.
 *
 * @category Statistics
 * @example
 * ```ts
 * const method: ProportionIntervalMethod = "wilson";
 * ```
 */
export type ProportionIntervalMethod = "wilson" | "agresti-coull" | "wald";

/**
 * Every {@link ProportionIntervalMethod}.
 *
 * @category Statistics
 */
export const PROPORTION_METHODS: readonly ProportionIntervalMethod[] = ["wilson", "agresti-coull", "wald"];

/**
 * How to build an interval around a net score (positive share minus negative share, such as NPS):
 * - `"adjusted-wald"` (default): add 3/4 to the positive count, 3/4 to the negative count and 3/2 to
 *   the neutral count (n + 3), then a Wald interval on the adjusted shares (Rocks 2016).
 * - `"wald"`: (p - d) ± z·√((p + d - (p - d)²)/n).
 *
 * @category Statistics
 * @example
 * ```ts
 * const method: NetScoreIntervalMethod = "adjusted-wald";
 * ```
 */
export type NetScoreIntervalMethod = "adjusted-wald" | "wald";

/**
 * Every {@link NetScoreIntervalMethod}.
 *
 * @category Statistics
 */
export const NET_SCORE_METHODS: readonly NetScoreIntervalMethod[] = ["adjusted-wald", "wald"];

/**
 * A checked confidence level, its z and an interval method: what a metric reads its estimates with.
 *
 * @category Statistics
 */
export interface IntervalSettings<Method extends string> {
  readonly z: number;
  readonly level: number;
  readonly method: Method;
}

/**
 * z such that a two-sided interval at `level` percent covers the middle: Φ⁻¹(1 - (1 - level/100)/2).
 *
 * @category Statistics
 */
export function zForLevel(level: number): number {
  // The last level asked is almost always the next one (one level per scorecard): remembered, so
  // functions called once per group (rankings' lift tests) do not recompute the quantile each time.
  if (level !== lastLevel) {
    lastLevel = level;
    lastZ = normalQuantile(1 - (1 - level / 100) / 2);
  }
  return lastZ;
}

let lastLevel = Number.NaN;
let lastZ = Number.NaN;

/**
 * Reads the shared `level` and `interval` options (see `IntervalOptions`) once, at metric creation:
 * level from 50 to 99.9999 (95 when absent), the method one of `methods` (`fallback` when absent).
 * @category Statistics
 */
export function intervalSettings<M extends string>(fn: string, options: Readonly<Record<string, unknown>>, methods: readonly M[], fallback: M): IntervalSettings<M> {
  const level = checkLevel(fn, options["level"] ?? 95);
  return { z: zForLevel(level), level, method: checkChoice(fn, "interval", options["interval"], methods, fallback) };
}

/**
 * A share estimate from a fraction p and a (possibly effective) size n ≥ 1. No checks.
 *
 * @category Statistics
 */
export function shareEstimate(p: number, n: number, settings: IntervalSettings<ProportionIntervalMethod>): Estimate<ProportionIntervalMethod> {
  const { z, level, method } = settings;
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
    value: 100 * p,
    standardError: 100 * Math.sqrt((p * (1 - p)) / n),
    interval: { lower: 100 * clamp(center - half, 0, 1), upper: 100 * clamp(center + half, 0, 1), center: 100 * center, level, method },
    n,
  };
}

/**
 * The share estimate of `count` out of `total` (exact value from the counts), or null when total is 0.
 *
 * @category Statistics
 */
export function rateEstimate(count: number, total: number, settings: IntervalSettings<ProportionIntervalMethod>): Estimate<ProportionIntervalMethod> | null {
  if (total === 0) return null;
  const estimate = shareEstimate(count / total, total, settings);
  return { ...estimate, value: (100 * count) / total };
}

/**
 * Variance of one +1/0/-1 answer with shares p and d: p + d - (p - d)². Never negative.
 *
 * @category Statistics
 */
export function netScoreVariance(p: number, d: number): number {
  const v = p + d - (p - d) * (p - d);
  return v > 0 ? v : 0;
}

/**
 * The Rocks (2016) adjusted shares: 3/4 positive, 3/4 negative and 3/2 neutral answers added to an
 * (effective) size n. Returns the adjusted positive share, negative share and size.
 * @category Statistics
 */
export function adjustedShares(p: number, d: number, n: number): { readonly p: number; readonly d: number; readonly n: number } {
  const nAdj = n + 3;
  return { p: (p * n + 0.75) / nAdj, d: (d * n + 0.75) / nAdj, n: nAdj };
}

/**
 * A net score estimate from positive and negative counts out of `total` > 0 and an (effective) size
 * n ≥ 1. No checks. The value is 100·(positive - negative)/total, computed from the counts so that
 * integer counts give exact scores (25, not 24.999999999999996).
 * @category Statistics
 */
export function netScoreEstimate(positive: number, negative: number, total: number, n: number, settings: IntervalSettings<NetScoreIntervalMethod>): Estimate<NetScoreIntervalMethod> {
  const { z, level, method } = settings;
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
    value: clamp((100 * (positive - negative)) / total, -100, 100),
    standardError,
    interval: { lower: 100 * clamp(center - half, -1, 1), upper: 100 * clamp(center + half, -1, 1), center: 100 * center, level, method },
    n,
  };
}

/**
 * A mean with its plug-in standard error √(variance/n) and a normal interval mean ± z·SE, clamped to
 * [lo, hi] (the rating scale; 0 and Infinity for durations).
 * @category Statistics
 */
export function meanEstimate(mean: number, variance: number, n: number, z: number, level: number, lo: number, hi: number): Estimate<"normal"> {
  const standardError = Math.sqrt((variance > 0 ? variance : 0) / n);
  const half = z * standardError;
  return { value: mean, standardError, interval: { lower: clamp(mean - half, lo, hi), upper: clamp(mean + half, lo, hi), center: mean, level, method: "normal" }, n };
}
