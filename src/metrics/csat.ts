import type { Estimate } from "../core/estimate.ts";
import { fold, type FieldRecord, type HeadlineCounts, type Metric, type Reader } from "../core/metric.ts";
import { checkAnswer, checkOptions, checkScale, checkScalePoint, type IntegerRange, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import { intervalSettings, meanEstimate, PROPORTION_METHODS, shareEstimate, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { checkOptionalBands, labelOf } from "./bands.ts";
import { distribution, exclusions, ratingConfig, meanAndVariance, RatingMetric, sumRange, summarize, type RatingSummary } from "./internal/rating.ts";
import type { Band, RatingAnswer, RatingCount, RatingExclusions, RatingFieldOptions, RatingState } from "./rating-types.ts";

/**
 * What defines CSAT's satisfied share: the scale and the threshold.
 *
 * @category Survey
 * @example
 * ```ts
 * const definition: CsatDefinitionOptions = { scale: { min: 0, max: 1 } }; // good/bad: satisfiedMin 1
 * ```
 */
export interface CsatDefinitionOptions {
  /**
   * The rating scale, integers from `min` to `max` (1-5, 1-7, 1-10, 0-1 for good/bad, ...).
   * @defaultValue `{ min: 1, max: 5 }`
   */
  readonly scale?: IntegerRange;
  /**
   * Lowest rating counted as satisfied.
   * @defaultValue top-two-box (`scale.max - 1`) on scales of 5 points or more; top box (`scale.max`) on shorter ones (good/bad, 1-3, 1-4)
   */
  readonly satisfiedMin?: number;
}

/**
 * Options of {@link csat} and {@link csatMetric}, with the shared `level`, `interval` (default `"wilson"`) and `onInvalid`.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: CsatOptions<{ csat: number }> = { value: "csat", satisfiedMin: 5 };
 * ```
 */
export interface CsatOptions<T = RatingAnswer> extends CsatDefinitionOptions, IntervalOptions<ProportionIntervalMethod>, InvalidOptions {
  /** Reads the rating from a record: a function or a field name. Without it, the input items are the ratings. */
  readonly value?: Reader<T, RatingAnswer>;
  /** Reads a weight per response, from 1e-100 to 1e100: a function or a field name. Without it every response weighs 1. */
  readonly weight?: Reader<T, number>;
  /** Interpretation bands for the satisfied share. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * CSAT options that read records by field names, so the record type is inferred from them.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: CsatFieldOptions<"csat", never> = { value: "csat" };
 * ```
 */
export interface CsatFieldOptions<K extends string, W extends string> extends CsatDefinitionOptions, RatingFieldOptions<K, W, ProportionIntervalMethod> {}

/**
 * The result of {@link csat}: the satisfied share and the mean rating, each an {@link Estimate}.
 *
 * @category Survey
 * @example
 * ```ts
 * const result: CsatResult = csat([5, 4, 3, 1]);
 * ```
 */
export interface CsatResult {
  /** Satisfied share, 0..100, with its standard error and interval (Wilson by default); `null` when empty. The headline. */
  readonly score: Estimate<ProportionIntervalMethod> | null;
  /** Mean rating on the scale, with a normal interval clamped to the scale; `null` when empty. */
  readonly mean: Estimate<"normal"> | null;
  /** Satisfied responses (weighted). */
  readonly satisfied: number;
  /** Responses below the threshold (weighted). */
  readonly unsatisfied: number;
  /** satisfied + unsatisfied (weighted). */
  readonly total: number;
  /** Valid responses, unweighted. */
  readonly responses: number;
  /** Kish effective sample size; equals `responses` without weights. */
  readonly effectiveSize: number;
  /** The threshold used: ratings at or above it are satisfied. */
  readonly satisfiedMin: number;
  /** The label of the band the satisfied share falls in, when `bands` were given; else `null`. */
  readonly band: string | null;
  /** (Weighted) count of every rating, lowest first. */
  readonly distribution: readonly RatingCount[];
  /** Answers left out, by reason. */
  readonly excluded: RatingExclusions;
}

interface CsatDefinition {
  readonly scale: IntegerRange;
  readonly satisfiedMin: number;
}

const DEFINITION_KEYS = ["scale", "satisfiedMin"] as const;
const CSAT_KEYS: readonly string[] = [...DEFINITION_KEYS, "value", "weight", "level", "interval", "onInvalid", "bands"];

/** The default threshold: top-two-box on scales of 5 points or more, top box on shorter ones. */
function defaultSatisfiedMin(scale: IntegerRange): number {
  return scale.max - scale.min + 1 >= 5 ? scale.max - 1 : scale.max;
}

export function csatDefinition(fn: string, options: Readonly<Record<string, unknown>>): CsatDefinition {
  const scale = checkScale(fn, options["scale"] ?? { min: 1, max: 5 });
  const satisfiedMin = checkScalePoint(fn, "satisfiedMin", options["satisfiedMin"] ?? defaultSatisfiedMin(scale), scale);
  return { scale, satisfiedMin };
}

/**
 * CSAT as a mergeable fold ({@link Metric}). See {@link csat} for the definition. Its headline is `score`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Survey
 * @example
 * ```ts
 * const metric = csatMetric();
 * const state = metric.init();
 * metric.add(state, 5);
 * metric.add(state, 2);
 * metric.result(state).score?.value;
 * // => 50
 * ```
 */
export function csatMetric(options?: CsatOptions<RatingAnswer> & { readonly value?: undefined }): Metric<RatingAnswer, RatingState, CsatResult>;
/** CSAT read from records by field names: the record type is inferred from them. */
export function csatMetric<const K extends string, const W extends string = never>(options: CsatFieldOptions<K, W>): Metric<FieldRecord<K, RatingAnswer> & FieldRecord<W, number>, RatingState, CsatResult>;
/** CSAT read from records by accessors. */
export function csatMetric<T>(options: CsatOptions<T>): Metric<T, RatingState, CsatResult>;
export function csatMetric<T>(options?: CsatOptions<T>): Metric<T, RatingState, CsatResult> {
  const name = "csat";
  const o = checkOptions(name, options, CSAT_KEYS);
  const { scale, satisfiedMin } = csatDefinition(name, o);
  const settings = intervalSettings(name, o, PROPORTION_METHODS, "wilson");
  const bands = checkOptionalBands(name, o["bands"]);
  /** The satisfied share of a summary: shared by `result` and the headline-counts reader. */
  const share = (summary: RatingSummary): { satisfied: number; unsatisfied: number; total: number; score: Estimate<ProportionIntervalMethod> | null } => {
    const satisfied = sumRange(summary, satisfiedMin, scale.max);
    const unsatisfied = sumRange(summary, scale.min, satisfiedMin - 1);
    const total = satisfied + unsatisfied;
    let score: Estimate<ProportionIntervalMethod> | null = null;
    if (total > 0) {
      const estimate = shareEstimate(satisfied / total, summary.effectiveSize, settings);
      score = { ...estimate, value: Math.min(100, (100 * satisfied) / total) };
    }
    return { satisfied, unsatisfied, total, score };
  };
  const counts = (state: RatingState): HeadlineCounts => {
    const summary = summarize(state);
    const s = share(summary);
    return { kind: "share", counts: [s.satisfied, s.unsatisfied], total: s.total, effectiveSize: summary.effectiveSize, headline: s.score };
  };
  return new RatingMetric<T, CsatResult>(ratingConfig<T>(name, "rating", "score", scale, o), (state: RatingState): CsatResult => {
    const summary = summarize(state);
    const { satisfied, unsatisfied, total, score } = share(summary);
    const moments = meanAndVariance(summary);
    const mean = moments === null ? null : meanEstimate(moments.mean, moments.variance, summary.effectiveSize, settings.z, settings.level, scale.min, scale.max);
    return {
      score,
      mean,
      satisfied,
      unsatisfied,
      total,
      responses: summary.responses,
      effectiveSize: summary.effectiveSize,
      satisfiedMin,
      band: bands === undefined ? null : labelOf(score === null ? null : score.value, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  }, counts);
}

/**
 * Customer satisfaction (CSAT): the share of satisfied responses, and the mean rating.
 *
 * Definition: score = 100·(responses rated ≥ `satisfiedMin`) / (all responses). The default is the
 * top-two-box share on scales of five points or more (4-5 on 1-5, 9-10 on 1-10: the "satisfied" share
 * ACSI-style surveys and most helpdesk tools report), and the top box on shorter scales, where the
 * top two boxes would be most or all of the scale: on a good/bad scale (`{ min: 0, max: 1 }`,
 * Zendesk's satisfaction ratings) only "good" counts. Set `satisfiedMin` for another definition. The
 * mean rating is reported too, because some vendors publish CSAT as a mean.
 *
 * Uncertainty: `score` and `mean` are {@link Estimate}s. The share has a Wilson interval (Wilson 1927)
 * by default and plug-in SE 100·√(p(1-p)/n); the mean has SE √(Σw(x - x̄)²/W / n) and a normal
 * interval. With weights, n is the effective sample size.
 *
 * Edge cases: empty input gives `total: 0` and `null` estimates. Missing answers are excluded and
 * counted; a rating that is not an integer on the scale throws (or is skipped and counted with
 * `onInvalid: "skip"`).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @category Survey
 * @example
 * ```ts
 * csat([5, 4, 4, 2, 1]).score?.value;
 * // => 60
 * csat([5, 4, 4, 2, 1]).mean?.value;
 * // => 3.2
 * csat([1, 0, 0, 0], { scale: { min: 0, max: 1 } }).score?.value;
 * // => 25
 * ```
 */
export function csat(ratings: Iterable<RatingAnswer>, options?: CsatOptions<RatingAnswer> & { readonly value?: undefined }): CsatResult;
/** CSAT of records, with the rating read by `options.value` (a function or a field name). */
export function csat<T>(records: Iterable<T>, options: CsatOptions<T> & { readonly value: Reader<T, RatingAnswer> }): CsatResult;
export function csat<T>(input: Iterable<T>, options?: CsatOptions<T>): CsatResult {
  const metric = csatMetric<T>(options as CsatOptions<T>);
  return metric.result(fold(metric, input));
}

/**
 * Whether one rating counts as satisfied under the {@link csat} definition; `null` for a missing answer.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the rating is not an integer on the scale.
 * @category Survey
 * @example
 * ```ts
 * csatCategory(3);
 * // => "unsatisfied"
 * ```
 */
export function csatCategory(rating: RatingAnswer, options?: CsatDefinitionOptions): "satisfied" | "unsatisfied" | null {
  const fn = "csatCategory";
  const { scale, satisfiedMin } = csatDefinition(fn, checkOptions(fn, options, DEFINITION_KEYS));
  const answer = checkAnswer(fn, "rating", rating, scale);
  if (answer === null) return null;
  return answer >= satisfiedMin ? "satisfied" : "unsatisfied";
}
