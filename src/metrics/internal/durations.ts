import { isCount, isFiniteNumber } from "../../core/state.ts";
import { meanEstimate, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../../stats/estimates.ts";
import { selectPercentiles } from "../../stats/quantile.ts";
import { CxMetricsError } from "../../core/errors.ts";
import { checkNumberIn } from "../../core/options.ts";
import type { DurationSketch, DurationState, DurationStats } from "../ops-types.ts";
import { sketchAdd, sketchGamma, sketchMerge, sketchOk, sketchQuantile } from "./ddsketch.ts";

/** The option keys of {@link readPercentileOptions}. */
export const PERCENTILE_KEYS: readonly string[] = ["percentiles", "relativeAccuracy"];

/**
 * Reads `percentiles` and `relativeAccuracy`: the sketch's α, or `null` for exact percentiles; and the
 * definition parameter that tells the two apart (states of either kind do not merge).
 */
export function readPercentileOptions(fn: string, o: Readonly<Record<string, unknown>>): { sketch: number | null; definition: string } {
  const mode = o["percentiles"] ?? "exact";
  if (mode !== "exact" && mode !== "sketch") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "percentiles", value: mode, expected: '"exact" or "sketch"' });
  if (mode === "exact") {
    if (o["relativeAccuracy"] !== undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "relativeAccuracy", value: o["relativeAccuracy"], expected: 'nothing without percentiles: "sketch" (exact percentiles have no accuracy to set)' });
    return { sketch: null, definition: "exact" };
  }
  const alpha = o["relativeAccuracy"] === undefined ? 0.01 : checkNumberIn(fn, "relativeAccuracy", o["relativeAccuracy"], 1e-4, 0.5);
  return { sketch: alpha, definition: `sketch:${alpha}` };
}

/** An empty {@link DurationState}: exact (a buffer of durations), or a sketch of relative accuracy `alpha`. */
export function durationState(alpha: number | null = null): DurationState {
  if (alpha === null) return { values: new Float64Array(16), count: 0, sum: 0, compensation: 0, met: 0, sketch: null };
  const sketch: DurationSketch = { alpha, offset: 0, bins: new Float64Array(0), zeros: 0, min: Infinity, max: -Infinity, mean: 0, m2: 0 };
  return { values: new Float64Array(0), count: 0, sum: 0, compensation: 0, met: 0, sketch };
}

// γ and ln γ per α: the sketch's hot path reads them from here instead of computing a logarithm.
const gammas = new Map<number, { gamma: number; logGamma: number }>();
function gammaOf(alpha: number): { gamma: number; logGamma: number } {
  let g = gammas.get(alpha);
  if (g === undefined) {
    g = sketchGamma(alpha);
    if (gammas.size < 64) gammas.set(alpha, g);
  }
  return g;
}

/** Counts `x` as the `n`-th duration: its bin, the bounds, and Welford's step for the squared deviations. */
function sketchPush(s: DurationSketch, x: number, n: number): void {
  sketchAdd(s, x, gammaOf(s.alpha).logGamma);
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
  const delta = x - s.mean;
  s.mean += delta / n;
  s.m2 += delta * (x - s.mean);
}

/** Appends one duration (checked by the caller); amortized O(1), allocating only when the buffer doubles. */
export function pushDuration(state: DurationState, duration: number, target: number): void {
  if (state.sketch !== null) {
    state.count++;
    sketchPush(state.sketch, duration, state.count);
    addCompensated(state, duration);
    if (duration <= target) state.met++;
    return;
  }
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
  const os = other.sketch;
  const is = into.sketch;
  if (os !== null && is !== null) {
    const { count, sum, compensation, met } = other;
    const { min, max, mean, m2 } = os;
    sketchMerge(is, os);
    is.min = Math.min(is.min, min);
    is.max = Math.max(is.max, max);
    // Chan, Golub and LeVeque's pairwise update of the mean and Σ(x - mean)².
    const n = into.count + count;
    if (into.count === 0) {
      // Into an empty state the other's figures are taken as they are: (mean · n)/n is not always mean
      // in floating point, and a state loaded (merged into an empty one) must keep its bits.
      is.mean = mean;
      is.m2 = m2;
    } else if (count > 0) {
      const delta = mean - is.mean;
      is.m2 += m2 + ((delta * delta * into.count) / n) * count;
      is.mean += (delta * count) / n;
    }
    into.count = n;
    addCompensated(into, sum);
    addCompensated(into, compensation);
    into.met += met;
    return;
  }
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
    (d.sketch === null ? d.count <= d.values.length : d.values.length === 0) &&
    isCount(d.met) &&
    d.met <= d.count &&
    isFiniteNumber(d.sum) &&
    isFiniteNumber(d.compensation) &&
    (d.sketch === null ? true : isSketch(d.sketch, d.count)) &&
    // The values are read once per state that arrives (`other`, `result`), not on every merge into an
    // accumulator that already passed: merging many shards into one stays linear.
    (!deep || d.sketch !== null || durationsOk(d.values, d.count))
  );
}

/** A {@link DurationSketch} whose bins add up to `count`, with consistent bounds and sums. */
function isSketch(s: DurationSketch, count: number): boolean {
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.alpha === "number" &&
    s.alpha >= 1e-4 &&
    s.alpha <= 0.5 &&
    sketchOk(s, count) &&
    isFiniteNumber(s.mean) &&
    isFiniteNumber(s.m2) &&
    s.m2 >= 0 &&
    (count === 0 ? s.min === Infinity && s.max === -Infinity && s.mean === 0 && s.m2 === 0 : s.min >= 0 && s.min <= s.max && s.max < Infinity)
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
  const sk = state.sketch;
  if (sk !== null) {
    const totalMs = state.sum + state.compensation;
    const mean = totalMs / n;
    // Σ(x - mean)² as Welford and Chan kept it: no cancellation against n·mean².
    const squares = sk.m2;
    const { gamma } = gammaOf(sk.alpha);
    const q = (p: number): number => sketchQuantile(sk, n, p, gamma, sk.min, sk.max);
    return { count: n, totalMs, mean: meanEstimate(mean, squares / n, n, rates.z, rates.level, 0, Infinity), median: q(0.5), p90: q(0.9), p95: q(0.95), min: sk.min, max: sk.max, ...base };
  }
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
