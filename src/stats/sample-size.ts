import { CxMetricsError } from "../core/errors.ts";
import { checkLevel, checkNumberIn, checkOptions } from "../core/options.ts";
import { netScoreVariance, zForLevel } from "./estimates.ts";

/**
 * Options of {@link npsSampleSize}.
 *
 * @category Statistics
 * @example
 * ```ts
 * const options: NpsSampleSizeOptions = { margin: 5, population: 2000 };
 * ```
 */
export interface NpsSampleSizeOptions {
  /** Target margin of error (half-width of the interval), in NPS points from 0.01 to 100, e.g. 5 for ±5. */
  readonly margin: number;
  /**
   * Confidence level, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /** Expected promoter share, 0..100 (give it with `detractorShare`). */
  readonly promoterShare?: number;
  /** Expected detractor share, 0..100 (give it with `promoterShare`). */
  readonly detractorShare?: number;
  /**
   * Expected NPS, -100..100, when the shares are not known: the largest variance consistent with it
   * (no passives, 1 - s²) is assumed. Ignored when shares are given; with neither, the worst case
   * (variance 1, NPS 0 with half promoters and half detractors) is assumed.
   */
  readonly score?: number;
  /** Size of the population surveyed, for the finite population correction. Without it, infinite. */
  readonly population?: number;
}

/**
 * Responses needed for an NPS margin of error at a confidence level.
 *
 * Formula: n₀ = z²·v / (margin/100)², v = p + d - (p - d)² (the plug-in variance of one answer);
 * with a population N, n = n₀ / (1 + (n₀ - 1)/N). Rounded up.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a margin outside [0.01, 100], shares outside 0..100 or
 * summing above 100, a score outside -100..100, or a population that is not a positive integer.
 * @category Statistics
 * @example
 * ```ts
 * npsSampleSize({ margin: 5 });
 * // => 1537
 * npsSampleSize({ margin: 5, promoterShare: 50, detractorShare: 20 });
 * // => 938
 * ```
 */
export function npsSampleSize(options: NpsSampleSizeOptions): number {
  const fn = "npsSampleSize";
  if (options === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "margin", value: undefined, expected: "a number of NPS points from 0.01 to 100, e.g. 5" });
  checkOptions(fn, options, ["margin", "level", "promoterShare", "detractorShare", "score", "population"]);
  const margin = options.margin;
  // Below 0.01 points the answer passes 2^53 (and the population correction turns it into NaN).
  if (typeof margin !== "number" || !(margin >= 0.01 && margin <= 100)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "margin", value: margin, expected: "a number of NPS points from 0.01 to 100, e.g. 5" });
  }
  const level = checkLevel(fn, options.level ?? 95);
  let variance = 1;
  if (options.promoterShare !== undefined || options.detractorShare !== undefined) {
    const p = checkNumberIn(fn, "promoterShare", options.promoterShare, 0, 100) / 100;
    const d = checkNumberIn(fn, "detractorShare", options.detractorShare, 0, 100) / 100;
    if (p + d > 1 + 1e-12) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "detractorShare", value: options.detractorShare, expected: `at most ${100 - 100 * p} (shares sum to at most 100)` });
    }
    variance = netScoreVariance(p, d);
  } else if (options.score !== undefined) {
    const s = checkNumberIn(fn, "score", options.score, -100, 100) / 100;
    variance = 1 - s * s;
  }
  const z = zForLevel(level);
  let n = (z * z * variance) / ((margin / 100) * (margin / 100));
  if (options.population !== undefined) {
    const population = options.population;
    if (!Number.isSafeInteger(population) || population < 1) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "population", value: population, expected: "a positive integer" });
    }
    n = n / (1 + (n - 1) / population);
  }
  // Guard against 937.0000000000001 becoming 938 through rounding noise.
  return Math.max(1, Math.ceil(n - 1e-9));
}
