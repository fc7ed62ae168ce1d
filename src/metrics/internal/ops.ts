import { CxMetricsError } from "../../core/errors.ts";
import { checkLevel, checkNumberIn, checkOnInvalid, type OnInvalid } from "../../core/options.ts";
import { selectPercentiles } from "../../stats/quantile.ts";
import { checkProportionMethod, shareEstimate, zForLevel, type ProportionIntervalMethod } from "../../stats/proportion.ts";
import { BusinessCalendar, businessSpan } from "../../time/calendar.ts";
import { epochMsOrNaN } from "../../time/instant.ts";
import { inZonedRange, MAX_ZONED_MS, MIN_ZONED_MS } from "../../time/zone.ts";
import type { DurationStats, Exclusions, OpenItems, Share } from "../duration-types.ts";

/** Largest duration accepted: 100 years in ms. Keeps sums of millions of durations exact-ish and finite. */
export const MAX_DURATION_MS: number = 100 * 365.25 * 86_400_000;

/** What a duration field is expected to be. */
export const DURATION_EXPECTED = "a duration in milliseconds from 0 to 100 years";

/**
 * Durations kept for exact percentiles, part of the time metrics' states: a growable buffer, plus
 * their compensated sum. Plain data, like every state.
 *
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
}

/** An empty {@link DurationState}. */
export function durationState(): DurationState {
  return { values: new Float64Array(16), count: 0, sum: 0, compensation: 0, met: 0 };
}

/** Appends one duration (checked by the caller); amortized O(1), allocating only when the buffer doubles. */
export function pushDuration(state: DurationState, duration: number, target: number): void {
  if (state.count === state.values.length) {
    const grown = new Float64Array(state.values.length * 2);
    grown.set(state.values);
    state.values = grown;
  }
  state.values[state.count++] = duration;
  addCompensated(state, duration);
  if (duration <= target) state.met++;
}

/** Appends every duration of `other` to `into`. */
export function mergeDurations(into: DurationState, other: DurationState): void {
  const needed = into.count + other.count;
  if (needed > into.values.length) {
    const grown = new Float64Array(Math.max(needed, into.values.length * 2));
    grown.set(into.values.subarray(0, into.count));
    into.values = grown;
  }
  into.values.set(other.values.subarray(0, other.count), into.count);
  into.count = needed;
  addCompensated(into, other.sum);
  addCompensated(into, other.compensation);
  into.met += other.met;
}

/** The Neumaier step of `compensatedAdd` (stats/compensated.ts) on a {@link DurationState}'s scalar sum. */
function addCompensated(state: DurationState, x: number): void {
  const t = state.sum + x;
  state.compensation += Math.abs(state.sum) >= Math.abs(x) ? state.sum - t + x : x - t + state.sum;
  state.sum = t;
}

/** How the time metrics read their rates: confidence level and interval method. */
export interface RateSettings {
  readonly z: number;
  readonly level: number;
  readonly method: ProportionIntervalMethod;
}

/** Checks `level` and `interval` once, at metric creation. */
export function rateSettings(fn: string, level: unknown, method: unknown): RateSettings {
  const checked = checkLevel(fn, level ?? 95);
  return { z: zForLevel(checked), level: checked, method: checkProportionMethod(fn, "interval", method ?? "wilson") };
}

/** A {@link Share} of `count` in `total`. */
export function shareOf(count: number, total: number, rates: RateSettings): Share {
  if (total === 0) return { share: null, count, total, standardError: null, interval: null };
  const estimate = shareEstimate(count / total, total, rates.z, rates.level, rates.method);
  return { share: (100 * count) / total, count, total, standardError: estimate.standardError, interval: estimate.interval };
}

/** Reads a {@link DurationState}: percentiles by selection on a copy, so the state can keep folding. */
export function readDurations(state: DurationState, target: number, rates: RateSettings): DurationStats {
  const n = state.count;
  const withinTarget = Number.isFinite(target) ? shareOf(state.met, n, rates) : null;
  if (n === 0) return { count: 0, total: 0, mean: null, median: null, p90: null, p95: null, min: null, max: null, withinTarget };
  const copy = state.values.slice(0, n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = copy[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const [median, p90, p95] = selectPercentiles(copy, n, [50, 90, 95]) as [number, number, number];
  const total = state.sum + state.compensation;
  return { count: n, total, mean: total / n, median, p90, p95, min, max, withinTarget };
}

/**
 * Records left out, by field: the state side of {@link Exclusions}.
 *
 * @example
 * ```ts
 * const excluded: ExclusionState = queueMetric().init().excluded;
 * ```
 */
export interface ExclusionState {
  /** All records left out. */
  count: number;
  /** Records left out per field at fault. */
  byField: Record<string, number>;
}

/** An empty {@link ExclusionState}. */
export function exclusionState(): ExclusionState {
  return { count: 0, byField: {} };
}

/** Adds `other`'s exclusions to `into`. */
export function mergeExclusions(into: ExclusionState, other: ExclusionState): void {
  into.count += other.count;
  for (const [field, n] of Object.entries(other.byField)) into.byField[field] = (into.byField[field] ?? 0) + n;
}

/** A frozen copy of an {@link ExclusionState}, fields in name order. */
export function readExclusions(state: ExclusionState): Exclusions {
  const byField: Record<string, number> = {};
  for (const field of Object.keys(state.byField).sort()) byField[field] = state.byField[field] as number;
  return { count: state.count, byField };
}

/**
 * The one way an operational metric handles a bad record: throw a {@link CxMetricsError} that names
 * the record and field, or, with `onInvalid: "skip"`, count it under the field.
 */
export function reject(fn: string, skip: boolean, excluded: ExclusionState, index: number, field: string, value: unknown, expected: string): void {
  if (!skip) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index, value, expected });
  excluded.count++;
  excluded.byField[field] = (excluded.byField[field] ?? 0) + 1;
}

/** Checks `onInvalid` and returns whether to skip. */
export function skips(fn: string, onInvalid: OnInvalid | undefined): boolean {
  return checkOnInvalid(fn, onInvalid ?? "throw") === "skip";
}

/** Checks an optional duration option (a target, a threshold): `fallback` when absent. */
export function checkDurationOption(fn: string, field: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkNumberIn(fn, field, value, 0, MAX_DURATION_MS);
}

/** Checks the `businessHours` option. */
export function checkBusinessHours(fn: string, value: unknown): BusinessCalendar | undefined {
  if (value === undefined || value instanceof BusinessCalendar) return value;
  throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "businessHours", value, expected: "a calendar made by businessCalendar(...), or undefined for calendar time" });
}

/** Checks an optional `asOf` instant. */
export function checkAsOf(fn: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const t = epochMsOrNaN(value);
  if (Number.isNaN(t) || !inZonedRange(t)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "asOf", value, expected: "an instant from 1800 to 2400 (Date, epoch ms or ISO 8601 with an offset)" });
  }
  return t;
}

/** A valid duration in ms, or NaN. */
export function durationOrNaN(value: unknown): number {
  return typeof value === "number" && value >= 0 && value <= MAX_DURATION_MS ? value : Number.NaN;
}

/**
 * An instant's epoch ms when it is valid and within 1800-2400, else NaN. Epoch-ms numbers (what the
 * schemas output) take a branch small enough for V8 to inline into every metric's `add`.
 */
export function instantOrNaN(value: unknown): number {
  if (typeof value === "number") return value >= MIN_ZONED_MS && value < MAX_ZONED_MS ? value : Number.NaN;
  return parsedInstantOrNaN(value);
}

function parsedInstantOrNaN(value: unknown): number {
  const t = epochMsOrNaN(value);
  return inZonedRange(t) ? t : Number.NaN;
}

/** What an instant field is expected to be. */
export const INSTANT_FIELD_EXPECTED = "a valid Date, epoch ms or ISO 8601 date-time with an offset, from 1800 to 2400";

/** Elapsed time from t0 to t1 (t1 ≥ t0) in calendar time, or in business time when a calendar is given. */
export function elapsed(calendar: BusinessCalendar | undefined, t0: number, t1: number): number {
  return calendar === undefined ? t1 - t0 : businessSpan(calendar, t0, t1);
}

/**
 * Open items (tickets awaiting a reply, open tickets) in a state: when each started, and the latest
 * instant seen (the default `asOf`).
 *
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

/** An empty {@link OpenState}. */
export function openState(): OpenState {
  return { starts: [], latest: -Infinity };
}

/** Appends `other`'s open items to `into`. */
export function mergeOpen(into: OpenState, other: OpenState): void {
  for (let i = 0; i < other.starts.length; i++) into.starts.push(other.starts[i] as number);
  if (other.latest > into.latest) into.latest = other.latest;
}

/**
 * Reads open items' ages at `asOf` (the option, else the latest instant seen).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `asOf` is before an open item's start.
 */
export function readOpen(fn: string, state: OpenState, asOfOption: number | undefined, calendar: BusinessCalendar | undefined, rates: RateSettings): OpenItems {
  const asOf = asOfOption ?? (Number.isFinite(state.latest) ? state.latest : null);
  const ages = durationState();
  for (const start of state.starts) {
    if (start > (asOf as number)) {
      throw new CxMetricsError({
        code: "INVALID_OPTION",
        fn,
        field: "asOf",
        value: new Date(asOf as number),
        expected: `an instant at or after every open item's start (one starts at ${new Date(start).toISOString()})`,
      });
    }
    pushDuration(ages, elapsed(calendar, start, asOf as number), Number.NaN);
  }
  return { count: state.starts.length, age: readDurations(ages, Number.NaN, rates), asOf };
}
