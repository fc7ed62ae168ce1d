import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { fold, type FieldRecord, type HeadlineCounts, type Metric, type Reader } from "../core/metric.ts";
import { checkAnswer, checkOptions, checkScale, checkScalePoint, type IntegerRange, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import { intervalSettings, NET_SCORE_METHODS, netScoreEstimate, type NetScoreIntervalMethod } from "../stats/estimates.ts";
import { checkOptionalBands, labelOf } from "./bands.ts";
import { distribution, exclusions, ratingConfig, RatingMetric, shareOf, sumRange, summarize, type RatingSummary } from "./internal/rating.ts";
import type { Band, RatingCount, RatingExclusions, RatingFieldOptions, RatingState } from "./rating-types.ts";

/**
 * One NPS answer as read from the input: a score, or `null`/`undefined` when the question was not answered.
 *
 * @category Survey
 * @example
 * ```ts
 * const answer: NpsAnswer = 9;
 * ```
 */
export type NpsAnswer = number | null | undefined;

/**
 * What defines the NPS groups: the scale and the cut-offs.
 *
 * @category Survey
 * @example
 * ```ts
 * const definition: NpsDefinitionOptions = { scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 };
 * ```
 */
export interface NpsDefinitionOptions {
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
}

/**
 * Options of {@link nps} and {@link npsMetric}: the definition, how to read records, and the shared
 * `level`, `interval` (default `"adjusted-wald"`) and `onInvalid` options.
 * @category Survey
 * @example
 * ```ts
 * const options: NpsOptions<{ nps: number | null }> = { value: "nps", interval: "wald", onInvalid: "skip" };
 * ```
 */
export interface NpsOptions<T = NpsAnswer> extends NpsDefinitionOptions, IntervalOptions<NetScoreIntervalMethod>, InvalidOptions {
  /** Reads the score from a record: a function (`r => r.score`) or a field name (`"score"`). Without it, the input items are the scores. */
  readonly value?: Reader<T, NpsAnswer>;
  /** Reads a weight per response (survey weighting), from 1e-100 to 1e100: a function or a field name. Without it every response weighs 1. */
  readonly weight?: Reader<T, number>;
  /** Interpretation bands for `score`, e.g. {@link contactCenterNpsBands}. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * NPS options that read records by field names, so the record type is inferred from them.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: NpsFieldOptions<"nps", "weight"> = { value: "nps", weight: "weight" };
 * ```
 */
export interface NpsFieldOptions<K extends string, W extends string> extends NpsDefinitionOptions, RatingFieldOptions<K, W, NetScoreIntervalMethod> {}

/**
 * The result of {@link nps}. Counts are weighted when weights are given (then `responses` is the
 * unweighted count); shares are on 0..100 and `score` on -100..100.
 *
 * @category Survey
 * @example
 * ```ts
 * const result: NpsResult = nps([10, 9, 7, 3]);
 * ```
 */
export interface NpsResult {
  /** NPS = % promoters - % detractors, on -100..100, with its standard error and interval; `null` when there are no responses. The headline. */
  readonly score: Estimate<NetScoreIntervalMethod> | null;
  /** Promoters (weighted). */
  readonly promoters: number;
  /** Passives (weighted). */
  readonly passives: number;
  /** Detractors (weighted). */
  readonly detractors: number;
  /** promoters + passives + detractors (weighted count of answers). */
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
  /** The label of the band the score falls in, when `bands` were given; else `null`. */
  readonly band: string | null;
  /** (Weighted) count of every scale point, lowest first. */
  readonly distribution: readonly RatingCount[];
  /** Answers left out, by reason. */
  readonly excluded: RatingExclusions;
}

/**
 * The NPS group an answer belongs to.
 *
 * @category Survey
 * @example
 * ```ts
 * const group: NpsCategory = "passive";
 * ```
 */
export type NpsCategory = "promoter" | "passive" | "detractor";

interface NpsDefinition {
  readonly scale: IntegerRange;
  readonly promoterMin: number;
  readonly detractorMax: number;
}

const DEFINITION_KEYS = ["scale", "promoterMin", "detractorMax"] as const;
const NPS_KEYS: readonly string[] = [...DEFINITION_KEYS, "value", "weight", "level", "interval", "onInvalid", "bands"];

export function npsDefinition(fn: string, options: Readonly<Record<string, unknown>>): NpsDefinition {
  const scale = checkScale(fn, options["scale"] ?? { min: 0, max: 10 });
  const promoterMin = checkScalePoint(fn, "promoterMin", options["promoterMin"] ?? 9, scale);
  const detractorMax = checkScalePoint(fn, "detractorMax", options["detractorMax"] ?? 6, scale);
  if (detractorMax >= promoterMin) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "detractorMax", value: detractorMax, expected: `a score below promoterMin (${promoterMin})` });
  }
  return { scale, promoterMin, detractorMax };
}

/**
 * The Net Promoter Score as a mergeable fold ({@link Metric}), for streams, groups and shards.
 * Options are checked once here; `add` then does a few comparisons per record and allocates nothing.
 * Its headline is `score`.
 *
 * With field names (`{ value: "nps" }`) the record type is inferred: the metric accepts any record
 * with that field, so `groupBy(npsMetric({ value: "nps" }), rows, "team")` needs no type argument.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or inconsistent options (see {@link nps}).
 * @category Survey
 * @example
 * ```ts
 * const metric = npsMetric({ value: "score" });
 * const state = metric.init();
 * for (const r of [{ score: 10 }, { score: 6 }, { score: 9 }]) metric.add(state, r);
 * metric.result(state).score?.value;
 * // => 33.33...
 * ```
 */
export function npsMetric(options?: NpsOptions<NpsAnswer> & { readonly value?: undefined }): Metric<NpsAnswer, RatingState, NpsResult>;
/** NPS read from records by field names: the record type is `{ [value]?: NpsAnswer, [weight]?: number }`. */
export function npsMetric<const K extends string, const W extends string = never>(options: NpsFieldOptions<K, W>): Metric<FieldRecord<K, NpsAnswer> & FieldRecord<W, number>, RatingState, NpsResult>;
/** NPS read from records by accessors. */
export function npsMetric<T>(options: NpsOptions<T>): Metric<T, RatingState, NpsResult>;
export function npsMetric<T>(options?: NpsOptions<T>): Metric<T, RatingState, NpsResult> {
  const name = "nps";
  const o = checkOptions(name, options, NPS_KEYS);
  const { scale, promoterMin, detractorMax } = npsDefinition(name, o);
  const settings = intervalSettings(name, o, NET_SCORE_METHODS, "adjusted-wald");
  const bands = checkOptionalBands(name, o["bands"]);
  /** The groups and the score of a summary: shared by `result` and the headline-counts reader. */
  const groups = (summary: RatingSummary): { promoters: number; passives: number; detractors: number; total: number; score: Estimate<NetScoreIntervalMethod> | null } => {
    const promoters = sumRange(summary, promoterMin, scale.max);
    const passives = sumRange(summary, detractorMax + 1, promoterMin - 1);
    const detractors = sumRange(summary, scale.min, detractorMax);
    // The parts define the total, so they add up to it exactly, weighted or not.
    const total = promoters + passives + detractors;
    const score = total > 0 ? netScoreEstimate(promoters, detractors, total, summary.effectiveSize, settings) : null;
    return { promoters, passives, detractors, total, score };
  };
  const counts = (state: RatingState): HeadlineCounts => {
    const summary = summarize(state);
    const g = groups(summary);
    return { kind: "nps", counts: [g.promoters, g.passives, g.detractors], total: g.total, effectiveSize: summary.effectiveSize, headline: g.score };
  };
  return new RatingMetric<T, NpsResult>(ratingConfig<T>(name, "score", "score", scale, o), (state: RatingState): NpsResult => {
    const summary = summarize(state);
    const { promoters, passives, detractors, total, score } = groups(summary);
    return {
      score,
      promoters,
      passives,
      detractors,
      total,
      responses: summary.responses,
      effectiveSize: summary.effectiveSize,
      promoterShare: shareOf(promoters, total),
      passiveShare: shareOf(passives, total),
      detractorShare: shareOf(detractors, total),
      band: bands === undefined ? null : labelOf(score === null ? null : score.value, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  }, counts);
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
 * Uncertainty: `score` is an {@link Estimate}: SE = 100·√((p + d - (p - d)²)/n) with p, d the promoter
 * and detractor shares; interval by adjusted Wald (Rocks 2016) by default, or Wald. With `weight`,
 * counts and shares are weighted and n is Kish's effective sample size (Σw)²/Σw².
 *
 * Edge cases: empty input gives `total: 0`, `score: null` and `null` shares. `null`/`undefined`
 * answers are excluded and counted in `excluded.missing`, never passives. A score that is not an
 * integer on the scale (11, -1, 7.5, NaN, Infinity, "9") throws a {@link CxMetricsError} naming its
 * index, unless `onInvalid: "skip"`, which counts it instead. A misspelt option throws.
 *
 * Cost: O(n) time, O(scale) memory; no allocation per record.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @category Survey
 * @example
 * ```ts
 * nps([10, 9, 7, 3]).score?.value;
 * // => 25
 * nps([{ nps: 10 }, { nps: 6 }], { value: "nps" }).score?.interval;
 * // => { lower: ..., upper: ..., center: ..., level: 95, method: "adjusted-wald" }
 * ```
 */
export function nps(scores: Iterable<NpsAnswer>, options?: NpsOptions<NpsAnswer> & { readonly value?: undefined }): NpsResult;
/** The Net Promoter Score of records, with the score read by `options.value` (a function or a field name). */
export function nps<T>(records: Iterable<T>, options: NpsOptions<T> & { readonly value: Reader<T, NpsAnswer> }): NpsResult;
export function nps<T>(input: Iterable<T>, options?: NpsOptions<T>): NpsResult {
  const metric = npsMetric<T>(options as NpsOptions<T>);
  return metric.result(fold(metric, input));
}

/**
 * The NPS group of one score: `"promoter"`, `"passive"` or `"detractor"`, or `null` for a missing
 * answer. Same cut-offs and checks as {@link nps}.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the score is not an integer on the scale.
 * @category Survey
 * @example
 * ```ts
 * npsCategory(8);
 * // => "passive"
 * ```
 */
export function npsCategory(score: NpsAnswer, options?: NpsDefinitionOptions): NpsCategory | null {
  const fn = "npsCategory";
  const { scale, promoterMin, detractorMax } = npsDefinition(fn, checkOptions(fn, options, DEFINITION_KEYS));
  const answer = checkAnswer(fn, "score", score, scale);
  if (answer === null) return null;
  return answer >= promoterMin ? "promoter" : answer <= detractorMax ? "detractor" : "passive";
}

