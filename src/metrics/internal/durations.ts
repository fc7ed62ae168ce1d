import { isCount, isFiniteNumber } from "../../core/state.ts";
import { meanEstimate, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../../stats/estimates.ts";
import { selectPercentiles } from "../../stats/quantile.ts";
import type { DurationState, DurationStats } from "../ops-types.ts";

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

/** Appends every duration of `other` to `into` (`other` may be `into`: its scalars are read first). */
export function mergeDurations(into: DurationState, other: DurationState): void {
  const count = other.count;
  const sum = other.sum;
  const compensation = other.compensation;
  const met = other.met;
  const source = other.values.subarray(0, count);
  const needed = into.count + count;
  if (needed > into.values.length) {
    const grown = new Float64Array(Math.max(needed, into.values.length * 2));
    grown.set(into.values.subarray(0, into.count));
    into.values = grown;
  }
  into.values.set(source, into.count);
  into.count = needed;
  addCompensated(into, sum);
  addCompensated(into, compensation);
  into.met += met;
}

/** The Neumaier step of `compensatedAdd` (stats/compensated.ts) on a {@link DurationState}'s scalar sum. */
function addCompensated(state: DurationState, x: number): void {
  const t = state.sum + x;
  state.compensation += Math.abs(state.sum) >= Math.abs(x) ? state.sum - t + x : x - t + state.sum;
  state.sum = t;
}

/** Whether `value` is a {@link DurationState} as `durationState()` makes it (not one that went through JSON). */
export function isDurationState(value: unknown, deep = true): boolean {
  const d = value as DurationState | null;
  return (
    d !== null &&
    typeof d === "object" &&
    d.values instanceof Float64Array &&
    isCount(d.count) &&
    d.count <= d.values.length &&
    isCount(d.met) &&
    d.met <= d.count &&
    isFiniteNumber(d.sum) &&
    isFiniteNumber(d.compensation) &&
    // The values are read once per state that arrives (`other`, `result`), not on every merge into an
    // accumulator that already passed: merging many shards into one stays linear.
    (!deep || durationsOk(d.values, d.count))
  );
}

/** Every duration held is a finite number, 0 or more (a state read back is checked too): O(count). */
function durationsOk(values: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v < Infinity)) return false;
  }
  return true;
}

/** Reads a {@link DurationState}: percentiles by selection on a copy, so the state can keep folding. */
export function readDurations(state: DurationState, target: number, rates: IntervalSettings<ProportionIntervalMethod>): DurationStats {
  const n = state.count;
  const hasTarget = Number.isFinite(target);
  const withinTarget = hasTarget ? rateEstimate(state.met, n, rates) : null;
  const base = { target: hasTarget ? target : null, metTarget: hasTarget ? state.met : 0, withinTarget };
  if (n === 0) return { count: 0, totalMs: 0, mean: null, median: null, p90: null, p95: null, min: null, max: null, ...base };
  const copy = state.values.slice(0, n);
  const totalMs = state.sum + state.compensation;
  const mean = totalMs / n;
  let min = Infinity;
  let max = -Infinity;
  // Squared deviations summed with Neumaier compensation: the variance comes out correctly rounded in
  // practice, so it does not depend on the order the durations were folded or merged in.
  let squares = 0;
  let correction = 0;
  for (let i = 0; i < n; i++) {
    const v = copy[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    const x = (v - mean) * (v - mean);
    const t = squares + x;
    correction += squares >= x ? squares - t + x : x - t + squares;
    squares = t;
  }
  squares += correction;
  const [median, p90, p95] = selectPercentiles(copy, n, [50, 90, 95]) as [number, number, number];
  return { count: n, totalMs, mean: meanEstimate(mean, squares / n, n, rates.z, rates.level, 0, Infinity), median, p90, p95, min, max, ...base };
}
