import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkAnswer, checkLevel, checkNumberIn, checkScale, checkScalePoint, type IntegerRange, type OnInvalid } from "../core/options.ts";
import type { Interval } from "../stats/interval.ts";
import { checkNetScoreMethod, netScoreEstimate, netScoreVariance, adjustedShares, type NetScoreIntervalMethod } from "../stats/net-score.ts";
import { normalCdf } from "../stats/normal.ts";
import { zForLevel } from "../stats/proportion.ts";
import { bandOf, checkBands } from "./bands.ts";
import { distribution, exclusions, RatingMetric, sumRange, summarize } from "./internal/rating.ts";
import type { Band, RatingCount, RatingExclusions, RatingState } from "./rating-types.ts";

/** One NPS answer as read from the input: a score, or `null`/`undefined` when the question was not answered. */
export type NpsAnswer = number | null | undefined;

/** Options of {@link nps} and {@link npsMetric}. */
export interface NpsOptions<T = NpsAnswer> {
  /** Reads the score from a record, e.g. `r => r.score`. Without it, the input items are the scores. */
  readonly value?: Accessor<T, NpsAnswer>;
  /** Reads a weight per response (survey weighting), from 1e-100 to 1e100. Without it every response weighs 1. */
  readonly weight?: Accessor<T, number>;
  /**
   * The answer scale, integers from `min` to `max`.
   * @defaultValue `{ min: 0, max: 10 }`
   */
  readonly scale?: IntegerRange;
  /**
   * Lowest score counted as a promoter.
   * @defaultValue 9
   */
  readonly promoterMin?: number;
  /**
   * Highest score counted as a detractor; scores between `detractorMax` and `promoterMin` are passives.
   * @defaultValue 6
   */
  readonly detractorMax?: number;
  /**
   * Confidence level of the interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method.
   * @defaultValue "adjusted-wald"
   */
  readonly interval?: NetScoreIntervalMethod;
  /**
   * What to do with a score that is not an integer on the scale, or a bad weight: throw a
   * {@link CxMetricsError}, or skip it and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
  /** Interpretation bands for `score`, e.g. {@link contactCenterNpsBands}. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * The result of {@link nps}. Counts are weighted when weights are given (then `responses` is the
 * unweighted count); shares are on 0..100 and `score` on -100..100.
 *
 * @example
 * ```ts
 * const result: NpsResult = nps([10, 9, 7, 3]);
 * ```
 */
export interface NpsResult {
  /** % promoters - % detractors, on -100..100; `null` when there are no responses. */
  readonly score: number | null;
  /** Promoters (weighted). */
  readonly promoters: number;
  /** Passives (weighted). */
  readonly passives: number;
  /** Detractors (weighted). */
  readonly detractors: number;
  /** promoters + passives + detractors. */
  readonly total: number;
  /** Valid responses counted, unweighted. */
  readonly responses: number;
  /** Kish effective sample size (Σw)²/Σw², used for the uncertainty; equals `responses` without weights. */
  readonly effectiveSize: number;
  /** Promoters as a share of total, 0..100; `null` when empty. */
  readonly promoterShare: number | null;
  /** Passives as a share of total, 0..100; `null` when empty. */
  readonly passiveShare: number | null;
  /** Detractors as a share of total, 0..100; `null` when empty. */
  readonly detractorShare: number | null;
  /** Plug-in standard error of `score`, in points: 100·√((p + d - (p - d)²)/n); `null` when empty. */
  readonly standardError: number | null;
  /** Confidence interval of the score; `null` when empty. */
  readonly interval: Interval<NetScoreIntervalMethod> | null;
  /** The label of the band `score` falls in, when `bands` were given; else `null`. */
  readonly band: string | null;
  /** (Weighted) count of every scale point, lowest first. */
  readonly distribution: readonly RatingCount[];
  /** Answers left out, by reason. */
  readonly excluded: RatingExclusions;
}

/** The NPS group an answer belongs to. */
export type NpsCategory = "promoter" | "passive" | "detractor";

interface NpsDefinition {
  readonly scale: IntegerRange;
  readonly promoterMin: number;
  readonly detractorMax: number;
}

function npsDefinition(fn: string, options: Pick<NpsOptions<unknown>, "scale" | "promoterMin" | "detractorMax">): NpsDefinition {
  const scale = checkScale(fn, options.scale ?? { min: 0, max: 10 });
  const promoterMin = checkScalePoint(fn, "promoterMin", options.promoterMin ?? 9, scale);
  const detractorMax = checkScalePoint(fn, "detractorMax", options.detractorMax ?? 6, scale);
  if (detractorMax >= promoterMin) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "detractorMax",
      value: detractorMax,
      expected: `a score below promoterMin (${promoterMin})`,
    });
  }
  return { scale, promoterMin, detractorMax };
}

/**
 * The Net Promoter Score as a mergeable fold ({@link Metric}), for streams, groups and shards.
 * Options are checked once here; `add` then does a few comparisons per record and allocates nothing.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for inconsistent options (see {@link nps}).
 * @example
 * ```ts
 * const metric = npsMetric<{ score: number }>({ value: (r) => r.score });
 * const state = metric.init();
 * for (const r of [{ score: 10 }, { score: 6 }, { score: 9 }]) metric.add(state, r);
 * metric.result(state).score;
 * // => 33.33...
 * ```
 */
export function npsMetric<T = NpsAnswer>(options: NpsOptions<T> = {}): Metric<T, RatingState, NpsResult> {
  const name = "nps";
  const { scale, promoterMin, detractorMax } = npsDefinition(name, options);
  const level = checkLevel(name, options.level ?? 95);
  const method = checkNetScoreMethod(name, options.interval ?? "adjusted-wald");
  const bands = checkBands(name, options.bands);
  const z = zForLevel(level);
  return new RatingMetric<T, NpsResult>({ name, field: "score", scale, value: options.value, weight: options.weight, onInvalid: options.onInvalid }, (state: RatingState): NpsResult => {
    const summary = summarize(state);
    const promoters = sumRange(summary, promoterMin, scale.max);
    const detractors = sumRange(summary, scale.min, detractorMax);
    const passives = sumRange(summary, detractorMax + 1, promoterMin - 1);
    const total = summary.total;
    const estimate = total > 0 ? netScoreEstimate(promoters, detractors, total, summary.effectiveSize, z, level, method) : null;
    const score = estimate === null ? null : estimate.score;
    return {
      score,
      promoters,
      passives,
      detractors,
      total,
      responses: summary.responses,
      effectiveSize: summary.effectiveSize,
      promoterShare: total > 0 ? (100 * promoters) / total : null,
      passiveShare: total > 0 ? (100 * passives) / total : null,
      detractorShare: total > 0 ? (100 * detractors) / total : null,
      standardError: estimate === null ? null : estimate.standardError,
      interval: estimate === null ? null : estimate.interval,
      band: bands === undefined ? null : bandOf(score, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  });
}

/**
 * The Net Promoter Score: % promoters - % detractors, on -100..100, with counts, shares, a plug-in
 * standard error and a confidence interval.
 *
 * Definition (Reichheld 2003, "The One Number You Need to Grow", Harvard Business Review): on the
 * 0-10 likelihood-to-recommend scale, promoters answer 9-10, passives 7-8, detractors 0-6.
 * NPS = 100·(P - D)/N. Other scales and cut-offs are options (a 1-5 survey with `promoterMin: 5,
 * detractorMax: 3`, say).
 *
 * Uncertainty: SE = 100·√((p + d - (p - d)²)/n) with p, d the promoter and detractor shares; interval
 * by adjusted Wald (Rocks 2016) by default, or Wald. With `weight`, counts and shares are weighted and n
 * is Kish's effective sample size (Σw)²/Σw².
 *
 * Edge cases: empty input gives `total: 0` and `score`, shares, `standardError`, `interval` all
 * `null`. `null`/`undefined` answers are excluded and counted in `excluded.missing`, never passives.
 * A score that is not an integer on the scale (11, -1, 7.5, NaN, Infinity, "9") throws a
 * {@link CxMetricsError} naming its index, unless `onInvalid: "skip"`, which counts it instead.
 *
 * Cost: O(n) time, O(scale) memory; no allocation per record.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * nps([10, 9, 7, 3]).score;
 * // => 25
 * nps(responses, { value: (r) => r.score }).interval;
 * // => { lower: ..., upper: ..., center: ..., level: 95, method: "adjusted-wald" }
 * ```
 */
export function nps(scores: Iterable<NpsAnswer>, options?: NpsOptions<NpsAnswer>): NpsResult;
/** The Net Promoter Score of records, with the score read by `options.value`. */
export function nps<T>(records: Iterable<T>, options: NpsOptions<T> & { readonly value: Accessor<T, NpsAnswer> }): NpsResult;
export function nps<T>(input: Iterable<T>, options: NpsOptions<T> = {}): NpsResult {
  const metric = npsMetric(options);
  return metric.result(fold(metric, input));
}

/**
 * The NPS group of one score: `"promoter"`, `"passive"` or `"detractor"`, or `null` for a missing
 * answer. Same cut-offs and checks as {@link nps}.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the score is not an integer on the scale.
 * @example
 * ```ts
 * npsCategory(8);
 * // => "passive"
 * ```
 */
export function npsCategory(score: NpsAnswer, options: Pick<NpsOptions<unknown>, "scale" | "promoterMin" | "detractorMax"> = {}): NpsCategory | null {
  const fn = "npsCategory";
  const { scale, promoterMin, detractorMax } = npsDefinition(fn, options);
  const answer = checkAnswer(fn, "score", score, scale);
  if (answer === null) return null;
  return answer >= promoterMin ? "promoter" : answer <= detractorMax ? "detractor" : "passive";
}

/**
 * What {@link compareNps} needs of each side: NPS counts. An {@link NpsResult} has them all.
 *
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

/** Options of {@link compareNps}. */
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
  readonly method?: NetScoreIntervalMethod;
}

/**
 * The comparison of two NPS values, after minus before.
 *
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
 * @example
 * ```ts
 * const change = compareNps({ promoters: 50, detractors: 20, total: 100 }, { promoters: 60, detractors: 15, total: 100 }, { method: "wald" })!;
 * change.difference; // => 15
 * change.standardError; // => 10.75...
 * ```
 */
export function compareNps(before: NpsCounts, after: NpsCounts, options: CompareNpsOptions = {}): NpsComparison | null {
  const fn = "compareNps";
  const level = checkLevel(fn, options.level ?? 95);
  const method = checkNetScoreMethod(fn, options.method ?? "adjusted-wald");
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
  const zCrit = zForLevel(level);
  const z = se > 0 ? center / se : null;
  return {
    before: a.score,
    after: b.score,
    difference,
    standardError,
    z,
    pValue: z === null ? null : Math.min(1, 2 * normalCdf(-Math.abs(z))),
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
  const ok = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;
  const n = c?.effectiveSize ?? c?.total;
  if (c === null || typeof c !== "object" || !ok(c.promoters) || !ok(c.detractors) || !ok(c.total) || !ok(n) ||
      c.promoters + c.detractors > c.total * (1 + 1e-12) || n > c.total * (1 + 1e-12) || (n < 1 && c.total > 0)) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value: c,
      expected: "NPS counts { promoters, detractors, total, effectiveSize? }: finite, >= 0, promoters + detractors <= total, effectiveSize from 1 to total",
    });
  }
  if (c.total === 0) return null;
  return { p: c.promoters / c.total, d: c.detractors / c.total, n, score: (100 * (c.promoters - c.detractors)) / c.total };
}

/** Options of {@link npsSampleSize}. */
export interface NpsSampleSizeOptions {
  /** Target margin of error (half-width of the interval), in NPS points, e.g. 5 for ±5. */
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
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a margin outside (0, 100], shares outside 0..100 or
 * summing above 100, a score outside -100..100, or a population that is not a positive integer.
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
  const margin = options?.margin;
  if (typeof margin !== "number" || !(margin > 0 && margin <= 100)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "margin", value: margin, expected: "a number of NPS points in (0, 100], e.g. 5" });
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
