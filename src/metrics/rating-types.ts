import type { IntervalOptions, InvalidOptions } from "../core/options.ts";
/**
 * The fold state shared by the rating-scale metrics (NPS, CSAT, CES): a histogram over the scale.
 *
 * Unweighted answers are counted in `counts` (one slot per scale point, exact integers). Weighted
 * answers add their weight to `weights` instead, whose last slot holds the sum of squared weights (for
 * the effective sample size); `compensation` holds Neumaier correction terms for `weights`. Keeping
 * the two apart makes the unweighted path one increment per answer and keeps its sums exact. States
 * are plain data: merge them with the metric's `merge`, send them to workers with `structuredClone`.
 *
 * @category Survey
 * @example
 * ```ts
 * const metric = npsMetric();
 * const state: RatingState = metric.init();
 * metric.add(state, 9);
 * state.counts[9]; // => 1
 * ```
 */
export interface RatingState {
  /** The metric and scale the state was folded under, e.g. `"nps(scale=0..10)"`; see `StateDefinition`. */
  readonly definition: string;
  /** The scale's lowest point; slot 0 belongs to it. */
  readonly min: number;
  /** Number of unweighted answers per scale point. */
  readonly counts: Float64Array;
  /** Sum of weights per scale point of weighted answers, then the sum of their squared weights. */
  readonly weights: Float64Array;
  /** Compensation terms of `weights` (Neumaier summation). */
  readonly compensation: Float64Array;
  /** Weighted answers folded in. */
  weighted: number;
  /** Missing answers (`null` or `undefined`) seen. */
  missing: number;
  /** Invalid answers skipped (only with `onInvalid: "skip"`). */
  invalidValue: number;
  /** Answers skipped for an invalid weight (only with `onInvalid: "skip"`). */
  invalidWeight: number;
  /** Records skipped because they were not objects, read by a field name (only with `onInvalid: "skip"`). */
  invalidRecord: number;
}

/**
 * What a rating metric left out, by reason. Missing answers are always excluded and counted; invalid
 * ones are counted only under `onInvalid: "skip"` (otherwise they throw).
 *
 * @category Survey
 * @example
 * ```ts
 * nps([10, null, 11], { onInvalid: "skip" }).excluded;
 * // => { missing: 1, invalidValue: 1, invalidWeight: 0, invalidRecord: 0 }
 * ```
 */
export interface RatingExclusions {
  /** `null` or `undefined` answers. */
  readonly missing: number;
  /** Answers that are not an integer on the scale (not a number, NaN, 7.5, 11, ...). */
  readonly invalidValue: number;
  /** Answers whose weight is not a number from 1e-100 to 1e100. */
  readonly invalidWeight: number;
  /** Records that were not objects, read by a field name (`value: "nps"`). */
  readonly invalidRecord: number;
}

/**
 * One rating as read from the input: an integer on the scale, or `null`/`undefined` when not answered.
 *
 * @category Survey
 * @example
 * ```ts
 * const answer: RatingAnswer = null;
 * ```
 */
export type RatingAnswer = number | null | undefined;

/**
 * One bar of a rating distribution.
 *
 * @category Survey
 * @example
 * ```ts
 * nps([10, 10, 3]).distribution[10];
 * // => { value: 10, count: 2 }
 * ```
 */
export interface RatingCount {
  /** The scale point. */
  readonly value: number;
  /** Its (weighted) count. */
  readonly count: number;
}

/**
 * A label for a range of a headline number, e.g. `{ from: 50, label: "excellent" }`: the band applies
 * from `from` (inclusive) up to the next band's `from`.
 *
 * @category Survey
 * @example
 * ```ts
 * const bands: readonly Band[] = [{ from: -100, label: "poor" }, { from: 30, label: "good" }, { from: 50, label: "excellent" }];
 * ```
 */
export interface Band {
  /** Lower bound, inclusive. */
  readonly from: number;
  /** The label shown for values in the band. */
  readonly label: string;
}

/**
 * What every survey metric reads by field names (`value: "nps"`), so that the record type is inferred:
 * the shared part of {@link NpsFieldOptions}, {@link CsatFieldOptions} and {@link CesFieldOptions}.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: RatingFieldOptions<"csat", "weight", "wilson"> = { value: "csat", weight: "weight", level: 90 };
 * ```
 */
export interface RatingFieldOptions<K extends string, W extends string, Method extends string> extends IntervalOptions<Method>, InvalidOptions {
  /** The field holding the answer. */
  readonly value: K;
  /** The field holding the weight. */
  readonly weight?: W;
  /** Interpretation bands for the headline. */
  readonly bands?: readonly Band[];
}
