import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkAnswer, checkLevel, checkScale, checkScalePoint, type IntegerRange, type OnInvalid } from "../core/options.ts";
import type { Interval } from "../stats/interval.ts";
import { checkProportionMethod, shareEstimate, zForLevel, type ProportionIntervalMethod } from "../stats/proportion.ts";
import { bandOf, checkBands } from "./bands.ts";
import { distribution, exclusions, meanEstimate, RatingMetric, sumRange, summarize } from "./internal/rating.ts";
import type { Band, RatingCount, RatingExclusions, RatingState } from "./rating-types.ts";

/** One rating as read from the input: an integer on the scale, or `null`/`undefined` when not answered. */
export type RatingAnswer = number | null | undefined;

/** Options of {@link csat} and {@link csatMetric}. */
export interface CsatOptions<T = RatingAnswer> {
  /** Reads the rating from a record, e.g. `r => r.csat`. Without it, the input items are the ratings. */
  readonly value?: Accessor<T, RatingAnswer>;
  /** Reads a weight per response, from 1e-100 to 1e100. Without it every response weighs 1. */
  readonly weight?: Accessor<T, number>;
  /**
   * The rating scale, integers from `min` to `max` (1-5, 1-7, 1-10, ...).
   * @defaultValue `{ min: 1, max: 5 }`
   */
  readonly scale?: IntegerRange;
  /**
   * Lowest rating counted as satisfied.
   * @defaultValue `scale.max - 1` (top-two-box: 4-5 on 1-5)
   */
  readonly satisfiedMin?: number;
  /**
   * Confidence level of the intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method for the satisfied share.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
  /**
   * Throw on an invalid rating or weight, or skip and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
  /** Interpretation bands for `score`. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * The result of {@link csat}: the satisfied share and the mean rating, each with its uncertainty.
 *
 * @example
 * ```ts
 * const result: CsatResult = csat([5, 4, 3, 1]);
 * ```
 */
export interface CsatResult {
  /** Satisfied share, 0..100; `null` when empty. */
  readonly score: number | null;
  /** Satisfied responses (weighted). */
  readonly satisfied: number;
  /** All responses (weighted). */
  readonly total: number;
  /** Valid responses, unweighted. */
  readonly responses: number;
  /** Kish effective sample size; equals `responses` without weights. */
  readonly effectiveSize: number;
  /** Plug-in standard error of `score`, in points: 100·√(p(1-p)/n); `null` when empty. */
  readonly standardError: number | null;
  /** Interval of `score` (Wilson by default); `null` when empty. */
  readonly interval: Interval<ProportionIntervalMethod> | null;
  /** Mean rating on the scale; `null` when empty. */
  readonly mean: number | null;
  /** Plug-in standard error of the mean, √(Σw(x - mean)²/W / n); `null` when empty. */
  readonly meanStandardError: number | null;
  /** Normal interval of the mean, clamped to the scale; `null` when empty. */
  readonly meanInterval: Interval<"normal"> | null;
  /** The label of the band `score` falls in, when `bands` were given; else `null`. */
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

function csatDefinition(fn: string, options: Pick<CsatOptions<unknown>, "scale" | "satisfiedMin">): CsatDefinition {
  const scale = checkScale(fn, options.scale ?? { min: 1, max: 5 });
  const satisfiedMin = checkScalePoint(fn, "satisfiedMin", options.satisfiedMin ?? scale.max - 1, scale);
  return { scale, satisfiedMin };
}

/**
 * CSAT as a mergeable fold ({@link Metric}). See {@link csat} for the definition.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = csatMetric();
 * const state = metric.init();
 * metric.add(state, 5);
 * metric.add(state, 2);
 * metric.result(state).score;
 * // => 50
 * ```
 */
export function csatMetric<T = RatingAnswer>(options: CsatOptions<T> = {}): Metric<T, RatingState, CsatResult> {
  const name = "csat";
  const { scale, satisfiedMin } = csatDefinition(name, options);
  const level = checkLevel(name, options.level ?? 95);
  const method = checkProportionMethod(name, "interval", options.interval ?? "wilson");
  const bands = checkBands(name, options.bands);
  const z = zForLevel(level);
  return new RatingMetric<T, CsatResult>({ name, field: "rating", scale, value: options.value, weight: options.weight, onInvalid: options.onInvalid }, (state: RatingState): CsatResult => {
    const summary = summarize(state);
    const satisfied = sumRange(summary, satisfiedMin, scale.max);
    const total = summary.total;
    const share = total > 0 ? shareEstimate(satisfied / total, summary.effectiveSize, z, level, method) : null;
    const mean = meanEstimate(summary, scale, z, level);
    const score = share === null ? null : share.share;
    return {
      score,
      satisfied,
      total,
      responses: summary.responses,
      effectiveSize: summary.effectiveSize,
      standardError: share === null ? null : share.standardError,
      interval: share === null ? null : share.interval,
      mean: mean === null ? null : mean.mean,
      meanStandardError: mean === null ? null : mean.standardError,
      meanInterval: mean === null ? null : mean.interval,
      band: bands === undefined ? null : bandOf(score, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  });
}

/**
 * Customer satisfaction (CSAT): the share of satisfied responses (top-box), and the mean rating.
 *
 * Definition: score = 100·(responses rated ≥ `satisfiedMin`) / (all responses). The default is the
 * top-two-box share, 4-5 on a 1-5 scale, the most common convention (ACSI and most helpdesk tools
 * report satisfied = the two highest points); other scales (1-7, 1-10) and thresholds are options, and
 * the default threshold follows the scale (`scale.max - 1`). The mean rating is reported beside it,
 * because some vendors publish CSAT as a mean.
 *
 * Uncertainty: the share has a Wilson interval (Wilson 1927) by default and plug-in standard error
 * 100·√(p(1-p)/n); the mean has SE √(Σw(x - x̄)²/W / n) and a normal interval. With weights, n is
 * the effective sample size.
 *
 * Edge cases: empty input gives `total: 0` and `null` statistics. Missing answers are excluded and
 * counted; a rating that is not an integer on the scale throws (or is skipped and counted with
 * `onInvalid: "skip"`).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * csat([5, 4, 4, 2, 1]).score;
 * // => 60
 * csat([5, 4, 4, 2, 1]).mean;
 * // => 3.2
 * ```
 */
export function csat(ratings: Iterable<RatingAnswer>, options?: CsatOptions<RatingAnswer>): CsatResult;
/** CSAT of records, with the rating read by `options.value`. */
export function csat<T>(records: Iterable<T>, options: CsatOptions<T> & { readonly value: Accessor<T, RatingAnswer> }): CsatResult;
export function csat<T>(input: Iterable<T>, options: CsatOptions<T> = {}): CsatResult {
  const metric = csatMetric(options);
  return metric.result(fold(metric, input));
}

/**
 * Whether one rating counts as satisfied under the {@link csat} definition; `null` for a missing answer.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the rating is not an integer on the scale.
 * @example
 * ```ts
 * csatCategory(3);
 * // => "unsatisfied"
 * ```
 */
export function csatCategory(rating: RatingAnswer, options: Pick<CsatOptions<unknown>, "scale" | "satisfiedMin"> = {}): "satisfied" | "unsatisfied" | null {
  const fn = "csatCategory";
  const { scale, satisfiedMin } = csatDefinition(fn, options);
  const answer = checkAnswer(fn, "rating", rating, scale);
  if (answer === null) return null;
  return answer >= satisfiedMin ? "satisfied" : "unsatisfied";
}
