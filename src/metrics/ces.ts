import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { fold, type FieldRecord, type Metric, type Reader } from "../core/metric.ts";
import { checkAnswer, checkOptions, checkScale, type IntegerRange, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import { intervalSettings, meanEstimate, NET_SCORE_METHODS, netScoreEstimate, shareEstimate, type NetScoreIntervalMethod } from "../stats/estimates.ts";
import { checkOptionalBands, labelOf } from "./bands.ts";
import { distribution, exclusions, ratingConfig, meanAndVariance, RatingMetric, shareOf, sumRange, summarize } from "./internal/rating.ts";
import type { Band, RatingAnswer, RatingCount, RatingExclusions, RatingFieldOptions, RatingState } from "./rating-types.ts";

/**
 * Which Customer Effort Score:
 * - `2` (CES 2.0, default): "The company made it easy for me to handle my issue", 1-7 agreement,
 *   higher is easier; easy = 5-7, difficult = 1-3.
 * - `1` (CES 1.0): "How much effort did you personally have to put forth to handle your request?",
 *   1-5 effort, lower is easier; easy = 1-2, difficult = 4-5.
 *
 * @category Survey
 * @example
 * ```ts
 * const version: CesVersion = 2;
 * ```
 */
export type CesVersion = 1 | 2;

/**
 * What defines CES: the version, the scale and the easy and difficult ranges.
 *
 * @category Survey
 * @example
 * ```ts
 * const definition: CesDefinitionOptions = { version: 1 };
 * ```
 */
export interface CesDefinitionOptions {
  /**
   * The CES version, which sets the scale and the easy and difficult ranges.
   * @defaultValue 2
   */
  readonly version?: CesVersion;
  /**
   * The rating scale; overrides the version's.
   * @defaultValue `{ min: 1, max: 7 }` for version 2, `{ min: 1, max: 5 }` for version 1
   */
  readonly scale?: IntegerRange;
  /**
   * Ratings that count as easy; overrides the version's.
   * @defaultValue `{ min: 5, max: 7 }` for version 2, `{ min: 1, max: 2 }` for version 1
   */
  readonly easy?: IntegerRange;
  /**
   * Ratings that count as difficult; overrides the version's.
   * @defaultValue `{ min: 1, max: 3 }` for version 2, `{ min: 4, max: 5 }` for version 1
   */
  readonly difficult?: IntegerRange;
}

/**
 * Options of {@link ces} and {@link cesMetric}, with the shared `level`, `interval` (for net easy,
 * default `"adjusted-wald"`) and `onInvalid`.
 * @category Survey
 * @example
 * ```ts
 * const options: CesOptions<{ ces: number }> = { value: "ces", version: 2, interval: "wald" };
 * ```
 */
export interface CesOptions<T = RatingAnswer> extends CesDefinitionOptions, IntervalOptions<NetScoreIntervalMethod>, InvalidOptions {
  /** Reads the rating from a record: a function or a field name. Without it, the input items are the ratings. */
  readonly value?: Reader<T, RatingAnswer>;
  /** Reads a weight per response, from 1e-100 to 1e100: a function or a field name. Without it every response weighs 1. */
  readonly weight?: Reader<T, number>;
  /** Interpretation bands for the mean. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * CES options that read records by field names, so the record type is inferred from them.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: CesFieldOptions<"ces", never> = { value: "ces", version: 2 };
 * ```
 */
export interface CesFieldOptions<K extends string, W extends string> extends CesDefinitionOptions, RatingFieldOptions<K, W, NetScoreIntervalMethod> {}

/**
 * The result of {@link ces}. "Easy" means low effort under either version, so `easyShare` and
 * `netEasy` read the same way whatever the scale's direction.
 *
 * @category Survey
 * @example
 * ```ts
 * const result: CesResult = ces([7, 6, 4, 2]);
 * ```
 */
export interface CesResult {
  /** The version whose definition was used (the defaults it sets may be overridden). */
  readonly version: CesVersion;
  /** Whether higher ratings mean less effort on this scale (true for CES 2.0). */
  readonly higherIsEasier: boolean;
  /** Mean rating on the native scale, with a normal interval clamped to the scale; `null` when empty. The headline. */
  readonly mean: Estimate<"normal"> | null;
  /** Easy share, 0..100, with a Wilson interval; `null` when empty. */
  readonly easyShare: Estimate<"wilson"> | null;
  /** Easy share - difficult share, -100..100, with its interval (adjusted Wald by default); `null` when empty. */
  readonly netEasy: Estimate<NetScoreIntervalMethod> | null;
  /** Easy responses (weighted). */
  readonly easy: number;
  /** Responses neither easy nor difficult (weighted). */
  readonly neutral: number;
  /** Difficult responses (weighted). */
  readonly difficult: number;
  /** easy + neutral + difficult. */
  readonly total: number;
  /** Valid responses, unweighted. */
  readonly responses: number;
  /** Kish effective sample size; equals `responses` without weights. */
  readonly effectiveSize: number;
  /** Neutral share, 0..100; `null` when empty. */
  readonly neutralShare: number | null;
  /** Difficult share, 0..100; `null` when empty. */
  readonly difficultShare: number | null;
  /** The label of the band the mean falls in, when `bands` were given; else `null`. */
  readonly band: string | null;
  /** (Weighted) count of every rating, lowest first. */
  readonly distribution: readonly RatingCount[];
  /** Answers left out, by reason. */
  readonly excluded: RatingExclusions;
}

interface CesDefinition {
  readonly version: CesVersion;
  readonly scale: IntegerRange;
  readonly easy: IntegerRange;
  readonly difficult: IntegerRange;
  readonly higherIsEasier: boolean;
}

const CES_VERSIONS: Readonly<Record<CesVersion, Omit<CesDefinition, "version" | "higherIsEasier">>> = {
  2: { scale: { min: 1, max: 7 }, easy: { min: 5, max: 7 }, difficult: { min: 1, max: 3 } },
  1: { scale: { min: 1, max: 5 }, easy: { min: 1, max: 2 }, difficult: { min: 4, max: 5 } },
};

const DEFINITION_KEYS = ["version", "scale", "easy", "difficult"] as const;
const CES_KEYS: readonly string[] = [...DEFINITION_KEYS, "value", "weight", "level", "interval", "onInvalid", "bands"];

function cesDefinition(fn: string, options: Readonly<Record<string, unknown>>): CesDefinition {
  const version = options["version"] ?? 2;
  if (version !== 1 && version !== 2) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "version", value: version, expected: "1 or 2" });
  }
  const preset = CES_VERSIONS[version];
  const scale = checkScale(fn, options["scale"] ?? preset.scale);
  const easy = checkScale(fn, options["easy"] ?? preset.easy, "easy");
  const difficult = checkScale(fn, options["difficult"] ?? preset.difficult, "difficult");
  const within = (r: IntegerRange): boolean => r.min >= scale.min && r.max <= scale.max;
  if (!within(easy) || !within(difficult) || !(easy.max < difficult.min || difficult.max < easy.min)) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "easy",
      value: { easy, difficult },
      expected: `easy and difficult ranges inside the scale (${scale.min} to ${scale.max}) that do not overlap`,
    });
  }
  return { version, scale, easy, difficult, higherIsEasier: easy.min > difficult.max };
}

/**
 * CES as a mergeable fold ({@link Metric}). See {@link ces} for the definition. Its headline is `mean`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Survey
 * @example
 * ```ts
 * const metric = cesMetric({ version: 1 });
 * const state = metric.init();
 * metric.add(state, 1);
 * metric.add(state, 5);
 * metric.result(state).netEasy?.value;
 * // => 0
 * ```
 */
export function cesMetric(options?: CesOptions<RatingAnswer> & { readonly value?: undefined }): Metric<RatingAnswer, RatingState, CesResult>;
/** CES read from records by field names: the record type is inferred from them. */
export function cesMetric<const K extends string, const W extends string = never>(options: CesFieldOptions<K, W>): Metric<FieldRecord<K, RatingAnswer> & FieldRecord<W, number>, RatingState, CesResult>;
/** CES read from records by accessors. */
export function cesMetric<T>(options: CesOptions<T>): Metric<T, RatingState, CesResult>;
export function cesMetric<T>(options?: CesOptions<T>): Metric<T, RatingState, CesResult> {
  const name = "ces";
  const o = checkOptions(name, options, CES_KEYS);
  const { version, scale, easy, difficult, higherIsEasier } = cesDefinition(name, o);
  const settings = intervalSettings(name, o, NET_SCORE_METHODS, "adjusted-wald");
  const wilson = { ...settings, method: "wilson" as const };
  const bands = checkOptionalBands(name, o["bands"]);
  return new RatingMetric<T, CesResult>(ratingConfig<T>(name, "rating", "mean", scale, o), (state: RatingState): CesResult => {
    const summary = summarize(state);
    const easyCount = sumRange(summary, easy.min, easy.max);
    const difficultCount = sumRange(summary, difficult.min, difficult.max);
    // Neutral is summed from its own points, never total - easy - difficult, which rounding can make negative.
    const neutral = neutralSum(summary, scale, easy, difficult);
    const total = easyCount + neutral + difficultCount;
    const n = summary.effectiveSize;
    const moments = meanAndVariance(summary);
    let easyShare: Estimate<"wilson"> | null = null;
    if (total > 0) {
      const estimate = shareEstimate(easyCount / total, n, wilson) as Estimate<"wilson">;
      easyShare = { ...estimate, value: shareOf(easyCount, total) as number };
    }
    return {
      version,
      higherIsEasier,
      mean: moments === null ? null : meanEstimate(moments.mean, moments.variance, n, settings.z, settings.level, scale.min, scale.max),
      easyShare,
      netEasy: total > 0 ? netScoreEstimate(easyCount, difficultCount, total, n, settings) : null,
      easy: easyCount,
      neutral,
      difficult: difficultCount,
      total,
      responses: summary.responses,
      effectiveSize: n,
      neutralShare: shareOf(neutral, total),
      difficultShare: shareOf(difficultCount, total),
      band: bands === undefined || moments === null ? null : labelOf(moments.mean, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  });
}

/** The weight on scale points in neither the easy nor the difficult range. */
function neutralSum(summary: ReturnType<typeof summarize>, scale: IntegerRange, easy: IntegerRange, difficult: IntegerRange): number {
  let s = 0;
  for (let v = scale.min; v <= scale.max; v++) {
    if ((v >= easy.min && v <= easy.max) || (v >= difficult.min && v <= difficult.max)) continue;
    s += summary.weights[v - scale.min] ?? 0;
  }
  return s;
}

/**
 * Customer Effort Score, CES 2.0 (default) or CES 1.0: the mean rating, the easy, neutral and
 * difficult shares, and net easy (easy share - difficult share).
 *
 * Definitions: CES 2.0 (Dixon, Toman & DeLisi 2013, "The Effortless Experience", CEB/Gartner) asks for
 * agreement with "The company made it easy for me to handle my issue" on 1-7; easy = 5-7 (agree),
 * difficult = 1-3 (disagree). CES 1.0 (Dixon, Freeman & Toman 2010, "Stop Trying to Delight Your
 * Customers", Harvard Business Review) asks for effort on 1-5, lower is better; easy = 1-2, difficult =
 * 4-5. The direction is handled by the easy and difficult ranges, so "easy share" means low effort in
 * both; the mean stays on the native scale (`higherIsEasier` tells how to read it).
 *
 * Uncertainty: `mean`, `easyShare` and `netEasy` are {@link Estimate}s. Wilson interval for the easy share; net easy is a net score like NPS, with plug-in SE
 * √((e + d - (e - d)²)/n) and an adjusted Wald interval (Rocks 2016) by default; the mean has a normal
 * interval.
 *
 * Edge cases: empty input gives `total: 0` and `null` statistics; missing answers are excluded and
 * counted; invalid ratings throw (or are skipped and counted with `onInvalid: "skip"`).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @category Survey
 * @example
 * ```ts
 * ces([7, 6, 4, 2]).netEasy?.value;
 * // => 25
 * ces([1, 2, 5], { version: 1 }).easyShare?.value;
 * // => 66.66...
 * ```
 */
export function ces(ratings: Iterable<RatingAnswer>, options?: CesOptions<RatingAnswer> & { readonly value?: undefined }): CesResult;
/** CES of records, with the rating read by `options.value` (a function or a field name). */
export function ces<T>(records: Iterable<T>, options: CesOptions<T> & { readonly value: Reader<T, RatingAnswer> }): CesResult;
export function ces<T>(input: Iterable<T>, options?: CesOptions<T>): CesResult {
  const metric = cesMetric<T>(options as CesOptions<T>);
  return metric.result(fold(metric, input));
}

/**
 * The effort group of one rating under the {@link ces} definition: `"easy"`, `"neutral"` or
 * `"difficult"`; `null` for a missing answer.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the rating is not an integer on the scale.
 * @category Survey
 * @example
 * ```ts
 * cesCategory(2, { version: 1 });
 * // => "easy"
 * ```
 */
export function cesCategory(rating: RatingAnswer, options?: CesDefinitionOptions): "easy" | "neutral" | "difficult" | null {
  const fn = "cesCategory";
  const { scale, easy, difficult } = cesDefinition(fn, checkOptions(fn, options, DEFINITION_KEYS));
  const answer = checkAnswer(fn, "rating", rating, scale);
  if (answer === null) return null;
  if (answer >= easy.min && answer <= easy.max) return "easy";
  if (answer >= difficult.min && answer <= difficult.max) return "difficult";
  return "neutral";
}
