import type { Interval } from "../stats/interval.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";

/**
 * Count, mean and type-7 percentiles of a set of durations (milliseconds), plus attainment of a
 * target when one was set. Handle, wait, response and resolution times are skewed (a few very long
 * ones pull the mean up), so the mean always comes with the median and the 90th and 95th percentiles.
 *
 * @example
 * ```ts
 * const stats: DurationStats = frt(tickets);
 * ```
 */
export interface DurationStats {
  /** Number of durations. */
  readonly count: number;
  /** Sum of the durations, in ms. */
  readonly total: number;
  /** Mean, in ms; `null` when empty. */
  readonly mean: number | null;
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
  /** Share within the target (`target` option); `null` when no target was set. */
  readonly withinTarget: Share | null;
}

/**
 * A rate: `count` out of `total`, in percent, with its plug-in standard error and an interval
 * (Wilson by default).
 *
 * @example
 * ```ts
 * const rate: Share = queue(contacts).serviceLevel;
 * ```
 */
export interface Share {
  /** 100·count/total; `null` when total is 0. */
  readonly share: number | null;
  /** The records that meet the condition. */
  readonly count: number;
  /** The records the rate is taken over. */
  readonly total: number;
  /** 100·√(p(1-p)/n), in percentage points; `null` when total is 0. */
  readonly standardError: number | null;
  /** Interval of `share`; `null` when total is 0. */
  readonly interval: Interval<ProportionIntervalMethod> | null;
}

/**
 * Records left out of a result, by the field at fault (`onInvalid: "skip"`), or because a value the
 * metric needs was missing.
 *
 * @example
 * ```ts
 * const excluded: Exclusions = { count: 1, byField: { answered: 1 } };
 * ```
 */
export interface Exclusions {
  /** All records left out. */
  readonly count: number;
  /** Records left out per field at fault, e.g. `{ answered: 2, talk: 1 }`. */
  readonly byField: Readonly<Record<string, number>>;
}

/**
 * Items still open (tickets not resolved, tickets awaiting a first response) and how long they have
 * been open at `asOf`.
 *
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
