import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkAnswer, checkLevel, checkScale, type IntegerRange, type OnInvalid } from "../core/options.ts";
import type { Interval } from "../stats/interval.ts";
import { checkNetScoreMethod, netScoreEstimate, type NetScoreIntervalMethod } from "../stats/net-score.ts";
import { shareEstimate, zForLevel } from "../stats/proportion.ts";
import { bandOf, checkBands } from "./bands.ts";
import type { RatingAnswer } from "./csat.ts";
import { distribution, exclusions, meanEstimate, RatingMetric, sumRange, summarize } from "./internal/rating.ts";
import type { Band, RatingCount, RatingExclusions, RatingState } from "./rating-types.ts";

/**
 * Which Customer Effort Score:
 * - `2` (CES 2.0, default): "The company made it easy for me to handle my issue", 1-7 agreement,
 *   higher is easier; easy = 5-7, difficult = 1-3.
 * - `1` (CES 1.0): "How much effort did you personally have to put forth to handle your request?",
 *   1-5 effort, lower is easier; easy = 1-2, difficult = 4-5.
 */
export type CesVersion = 1 | 2;

/** Options of {@link ces} and {@link cesMetric}. */
export interface CesOptions<T = RatingAnswer> {
  /** Reads the rating from a record, e.g. `r => r.ces`. Without it, the input items are the ratings. */
  readonly value?: Accessor<T, RatingAnswer>;
  /** Reads a weight per response, from 1e-100 to 1e100. Without it every response weighs 1. */
  readonly weight?: Accessor<T, number>;
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
  /**
   * Confidence level of the intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method for net easy.
   * @defaultValue "adjusted-wald"
   */
  readonly interval?: NetScoreIntervalMethod;
  /**
   * Throw on an invalid rating or weight, or skip and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
  /** Interpretation bands for `mean`. Without them `band` is `null`. */
  readonly bands?: readonly Band[];
}

/**
 * The result of {@link ces}. "Easy" means low effort under either version, so `easyShare` and
 * `netEasy` read the same way whatever the scale's direction.
 *
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
  /** Mean rating on the native scale; `null` when empty. */
  readonly mean: number | null;
  /** Plug-in standard error of the mean; `null` when empty. */
  readonly meanStandardError: number | null;
  /** Normal interval of the mean, clamped to the scale; `null` when empty. */
  readonly meanInterval: Interval<"normal"> | null;
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
  /** Easy share, 0..100; `null` when empty. */
  readonly easyShare: number | null;
  /** Neutral share, 0..100; `null` when empty. */
  readonly neutralShare: number | null;
  /** Difficult share, 0..100; `null` when empty. */
  readonly difficultShare: number | null;
  /** Wilson interval of the easy share; `null` when empty. */
  readonly easyShareInterval: Interval<"wilson"> | null;
  /** Easy share - difficult share, -100..100; `null` when empty. */
  readonly netEasy: number | null;
  /** Plug-in standard error of net easy, in points; `null` when empty. */
  readonly netEasyStandardError: number | null;
  /** Interval of net easy; `null` when empty. */
  readonly netEasyInterval: Interval<NetScoreIntervalMethod> | null;
  /** The label of the band `mean` falls in, when `bands` were given; else `null`. */
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

function cesDefinition(fn: string, options: Pick<CesOptions<unknown>, "version" | "scale" | "easy" | "difficult">): CesDefinition {
  const version = options.version ?? 2;
  if (version !== 1 && version !== 2) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "version", value: version, expected: "1 or 2" });
  }
  const preset = CES_VERSIONS[version];
  const scale = checkScale(fn, options.scale ?? preset.scale);
  const easy = checkScale(fn, options.easy ?? preset.easy, "easy");
  const difficult = checkScale(fn, options.difficult ?? preset.difficult, "difficult");
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
 * CES as a mergeable fold ({@link Metric}). See {@link ces} for the definition.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = cesMetric({ version: 1 });
 * const state = metric.init();
 * metric.add(state, 1);
 * metric.add(state, 5);
 * metric.result(state).netEasy;
 * // => 0
 * ```
 */
export function cesMetric<T = RatingAnswer>(options: CesOptions<T> = {}): Metric<T, RatingState, CesResult> {
  const name = "ces";
  const { version, scale, easy, difficult, higherIsEasier } = cesDefinition(name, options);
  const level = checkLevel(name, options.level ?? 95);
  const method = checkNetScoreMethod(name, options.interval ?? "adjusted-wald");
  const bands = checkBands(name, options.bands);
  const z = zForLevel(level);
  return new RatingMetric<T, CesResult>({ name, field: "rating", scale, value: options.value, weight: options.weight, onInvalid: options.onInvalid }, (state: RatingState): CesResult => {
    const summary = summarize(state);
    const easyCount = sumRange(summary, easy.min, easy.max);
    const difficultCount = sumRange(summary, difficult.min, difficult.max);
    const total = summary.total;
    const n = summary.effectiveSize;
    const mean = meanEstimate(summary, scale, z, level);
    const net = total > 0 ? netScoreEstimate(easyCount, difficultCount, total, n, z, level, method) : null;
    const easyShare = total > 0 ? shareEstimate(easyCount / total, n, z, level, "wilson") : null;
    return {
      version,
      higherIsEasier,
      mean: mean === null ? null : mean.mean,
      meanStandardError: mean === null ? null : mean.standardError,
      meanInterval: mean === null ? null : mean.interval,
      easy: easyCount,
      neutral: total - easyCount - difficultCount,
      difficult: difficultCount,
      total,
      responses: summary.responses,
      effectiveSize: n,
      easyShare: easyShare === null ? null : easyShare.share,
      neutralShare: total > 0 ? (100 * (total - easyCount - difficultCount)) / total : null,
      difficultShare: total > 0 ? (100 * difficultCount) / total : null,
      easyShareInterval: easyShare === null ? null : (easyShare.interval as Interval<"wilson">),
      netEasy: net === null ? null : net.score,
      netEasyStandardError: net === null ? null : net.standardError,
      netEasyInterval: net === null ? null : net.interval,
      band: bands === undefined || mean === null ? null : bandOf(mean.mean, bands),
      distribution: distribution(summary),
      excluded: exclusions(state),
    };
  });
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
 * Uncertainty: Wilson interval for the easy share; net easy is a net score like NPS, with plug-in SE
 * √((e + d - (e - d)²)/n) and an adjusted Wald interval (Rocks 2016) by default; the mean has a normal
 * interval.
 *
 * Edge cases: empty input gives `total: 0` and `null` statistics; missing answers are excluded and
 * counted; invalid ratings throw (or are skipped and counted with `onInvalid: "skip"`).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` / `INVALID_WEIGHT` for bad answers, `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * ces([7, 6, 4, 2]).netEasy;
 * // => 25
 * ces([1, 2, 5], { version: 1 }).easyShare;
 * // => 66.66...
 * ```
 */
export function ces(ratings: Iterable<RatingAnswer>, options?: CesOptions<RatingAnswer>): CesResult;
/** CES of records, with the rating read by `options.value`. */
export function ces<T>(records: Iterable<T>, options: CesOptions<T> & { readonly value: Accessor<T, RatingAnswer> }): CesResult;
export function ces<T>(input: Iterable<T>, options: CesOptions<T> = {}): CesResult {
  const metric = cesMetric(options);
  return metric.result(fold(metric, input));
}

/**
 * The effort group of one rating under the {@link ces} definition: `"easy"`, `"neutral"` or
 * `"difficult"`; `null` for a missing answer.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when the rating is not an integer on the scale.
 * @example
 * ```ts
 * cesCategory(2, { version: 1 });
 * // => "easy"
 * ```
 */
export function cesCategory(
  rating: RatingAnswer,
  options: Pick<CesOptions<unknown>, "version" | "scale" | "easy" | "difficult"> = {},
): "easy" | "neutral" | "difficult" | null {
  const fn = "cesCategory";
  const { scale, easy, difficult } = cesDefinition(fn, options);
  const answer = checkAnswer(fn, "rating", rating, scale);
  if (answer === null) return null;
  if (answer >= easy.min && answer <= easy.max) return "easy";
  if (answer >= difficult.min && answer <= difficult.max) return "difficult";
  return "neutral";
}
