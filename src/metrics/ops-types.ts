import type { Estimate } from "../core/estimate.ts";
import type { ProportionIntervalMethod } from "../stats/estimates.ts";

/**
 * Count, mean and type-7 percentiles of a set of durations (milliseconds), plus attainment of a
 * target when one was set. Handle, wait, response and resolution times are skewed (a few very long
 * ones pull the mean up), so the mean always comes with the median and the 90th and 95th percentiles.
 *
 * @category Operations
 * @example
 * ```ts
 * const stats: DurationStats = frt(tickets);
 * ```
 */
export interface DurationStats {
  /** Number of durations. */
  readonly count: number;
  /** Sum of the durations, in ms. */
  readonly totalMs: number;
  /** Mean in ms, with its plug-in standard error √(Σ(x - x̄)²/n / n) and a normal interval (clamped at 0); `null` when empty. */
  readonly mean: Estimate<"normal"> | null;
  /** Median (type 7), in ms; `null` when empty. */
  readonly median: number | null;
  /** 90th percentile (type 7), in ms; `null` when empty. */
  readonly p90: number | null;
  /** 95th percentile (type 7), in ms; `null` when empty. */
  readonly p95: number | null;
  /** Shortest, in ms; `null` when empty. */
  readonly min: number | null;
  /** Longest, in ms; `null` when empty. */
  readonly max: number | null;
  /** The target (ms) `withinTarget` is measured against; `null` when none was set. */
  readonly target: number | null;
  /** Durations at or under the target (0 when none was set). */
  readonly metTarget: number;
  /** Share within the target (SLA attainment, inclusive), in percent with its interval; `null` when no target was set or there are no durations. */
  readonly withinTarget: Estimate<ProportionIntervalMethod> | null;
}

/**
 * Records left out of a result, by the field at fault (`onInvalid: "skip"`). `byField` has no
 * prototype, so any field name (`toString`, `__proto__`) is an ordinary key.
 *
 * @category Operations
 * @example
 * ```ts
 * const excluded: Exclusions = { count: 1, byField: { answered: 1 } };
 * ```
 */
export interface Exclusions {
  /** All records left out. */
  readonly count: number;
  /** Records left out per field at fault, e.g. `{ answered: 2, record: 1 }`; `record` counts records that were not objects. */
  readonly byField: Readonly<Record<string, number>>;
}

/**
 * Items still open (tickets not resolved, tickets awaiting a first response) and how long they have
 * been open at `asOf`.
 *
 * @category Operations
 * @example
 * ```ts
 * const open: OpenItems = art(tickets).open;
 * ```
 */
export interface OpenItems {
  /** Number of open items. */
  readonly count: number;
  /** Their ages at `asOf` (calendar or business time, as the metric): count, mean, median, p90, p95. */
  readonly age: DurationStats;
  /** The instant ages were taken at (epoch ms); `null` when there is no data. */
  readonly asOf: number | null;
}

/**
 * Durations kept for exact percentiles, part of the time metrics' states: a growable buffer, plus
 * their compensated sum. Plain data, like every state.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: DurationState = frtMetric().init().agent;
 * ```
 */
export interface DurationState {
  /** The durations; only the first `count` slots are used. */
  values: Float64Array;
  /** Durations held. */
  count: number;
  /** Sum of the durations (Neumaier summation). */
  sum: number;
  /** Compensation term of `sum`. */
  compensation: number;
  /** Durations at or under the target. */
  met: number;
  /** With `percentiles: "sketch"`: the DDSketch that replaces `values` (then empty); `null` for exact percentiles. */
  sketch: DurationSketch | null;
}

/**
 * The sketch a {@link DurationState} keeps instead of its durations under `percentiles: "sketch"`:
 * DDSketch bins, the exact min and max, and Welford's running mean and sum of squared deviations
 * (for the mean's interval; merged by Chan's formula, so no Σx² - n·mean² cancellation).
 *
 * @category Operations
 * @example
 * ```ts
 * const s: DurationSketch = { alpha: 0.01, offset: 0, bins: new Float64Array(0), zeros: 0, min: Infinity, max: -Infinity, mean: 0, m2: 0 };
 * ```
 */
export interface DurationSketch {
  /** The relative accuracy α. */
  readonly alpha: number;
  /** The index of `bins[0]`. */
  offset: number;
  /** Counts per bin: bin i holds durations in (γ^(i-1), γ^i] ms, γ = (1 + α)/(1 - α). */
  bins: Float64Array;
  /** Durations of 0 (up to 1e-9 ms). */
  zeros: number;
  /** Shortest duration, `Infinity` when empty. */
  min: number;
  /** Longest duration, `-Infinity` when empty. */
  max: number;
  /** Running mean of the durations (Welford), 0 when empty; the reported mean comes from the state's compensated sum. */
  mean: number;
  /** Σ(duration - mean)², updated by Welford's step and merged by Chan's formula; 0 or more. */
  m2: number;
}

/**
 * How the duration metrics (AHT, queue waits, FRT, ART) compute percentiles: exactly from every
 * duration (the default), or from a mergeable sketch whose memory does not grow with the count.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: PercentileOptions = { percentiles: "sketch", relativeAccuracy: 0.005 };
 * ```
 */
export interface PercentileOptions {
  /**
   * `"exact"`: every duration is kept (8 bytes each), percentiles by selection (type 7).
   * `"sketch"`: a DDSketch (see `quantileSketch`): median, p90 and p95 within `relativeAccuracy` of
   * the duration at their rank, about log(max/min)/α bins of memory; count, mean, its interval, min,
   * max and the target share stay exact.
   * @defaultValue "exact"
   */
  readonly percentiles?: "exact" | "sketch";
  /**
   * α of the sketch, from 1e-4 to 0.5; only with `percentiles: "sketch"`.
   * @defaultValue 0.01
   */
  readonly relativeAccuracy?: number;
}

/**
 * Records left out, by field: the state side of {@link Exclusions}.
 *
 * @category Operations
 * @example
 * ```ts
 * const excluded: ExclusionState = queueMetric().init().excluded;
 * ```
 */
export interface ExclusionState {
  /** All records left out. */
  count: number;
  /** Records left out per field at fault (an object without prototype). */
  byField: Record<string, number>;
}

/**
 * Open items (tickets awaiting a reply, open tickets) in a state: when each started, and the latest
 * instant seen (the default `asOf`).
 *
 * @category Operations
 * @example
 * ```ts
 * const open: OpenState = artMetric().init().open;
 * ```
 */
export interface OpenState {
  /** Each open item's start, epoch ms. */
  starts: number[];
  /** The latest instant seen, epoch ms (-Infinity when none). */
  latest: number;
}
