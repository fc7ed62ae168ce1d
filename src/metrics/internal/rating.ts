import { CxMetricsError } from "../../core/errors.ts";
import type { Accessor } from "../../core/metric.ts";
import { checkFunction, checkOnInvalid, type IntegerRange, type OnInvalid } from "../../core/options.ts";
import { clamp, type Interval } from "../../stats/interval.ts";
import type { RatingCount, RatingExclusions, RatingState } from "../rating-types.ts";

/** What every rating-scale metric (NPS, CSAT, CES) shares: one weighted histogram over the scale. */
export interface RatingFoldConfig<T> {
  readonly name: string;
  readonly field: string;
  readonly scale: IntegerRange;
  readonly value: Accessor<T, unknown> | undefined;
  readonly weight: Accessor<T, unknown> | undefined;
  readonly onInvalid: OnInvalid | undefined;
}

/** init / add / merge of a rating fold; each metric supplies its own `result`. */
export interface RatingFold<T> {
  init(): RatingState;
  add(state: RatingState, record: T, index?: number): void;
  merge(into: RatingState, other: RatingState): void;
}

const identity = (x: unknown): unknown => x;

/** Number of records a state has seen: the index used when `add` is called without one. */
function seen(state: RatingState): number {
  return state.responses + state.missing + state.invalidValue + state.invalidWeight;
}

/**
 * Builds the fold. The returned `add` checks each answer with a few comparisons (integer inside the
 * scale, positive finite weight) and touches only the state: no allocation, no schema parse.
 */
export function ratingFold<T>(config: RatingFoldConfig<T>): RatingFold<T> {
  const { name, field, scale } = config;
  checkFunction(name, "value", config.value);
  checkFunction(name, "weight", config.weight);
  const onInvalid = checkOnInvalid(name, config.onInvalid ?? "throw");
  const { min, max } = scale;
  const points = max - min + 1;
  const value: Accessor<T, unknown> = config.value ?? identity;
  const weight = config.weight;
  const skip = onInvalid === "skip";
  const expected = `an integer from ${min} to ${max}`;

  function rejectValue(state: RatingState, v: unknown, index: number): void {
    if (skip) {
      state.invalidValue++;
      return;
    }
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: name, field, index, value: v, expected });
  }

  function rejectWeight(state: RatingState, w: unknown, index: number): void {
    if (skip) {
      state.invalidWeight++;
      return;
    }
    throw new CxMetricsError({ code: "INVALID_WEIGHT", fn: name, field: "weight", index, value: w, expected: "a finite number > 0" });
  }

  const addUnweighted = (state: RatingState, record: T, index?: number): void => {
    const i = index ?? seen(state);
    const v = value(record, i);
    if (v === null || v === undefined) {
      state.missing++;
      return;
    }
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
      rejectValue(state, v, i);
      return;
    }
    const counts = state.counts;
    counts[(v as number) - min]! += 1;
    counts[points]! += 1; // Σw² with w = 1
    state.responses++;
  };

  const addWeighted = (state: RatingState, record: T, index?: number): void => {
    const i = index ?? seen(state);
    const v = value(record, i);
    if (v === null || v === undefined) {
      state.missing++;
      return;
    }
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
      rejectValue(state, v, i);
      return;
    }
    const w = (weight as Accessor<T, unknown>)(record, i);
    if (typeof w !== "number" || !(w > 0 && w < Infinity)) {
      rejectWeight(state, w, i);
      return;
    }
    compensatedAdd(state.counts, state.compensation, (v as number) - min, w);
    compensatedAdd(state.counts, state.compensation, points, w * w);
    state.responses++;
  };

  return {
    init: (): RatingState => ({
      min,
      counts: new Float64Array(points + 1),
      compensation: new Float64Array(points + 1),
      responses: 0,
      missing: 0,
      invalidValue: 0,
      invalidWeight: 0,
    }),
    add: weight === undefined ? addUnweighted : addWeighted,
    merge(into: RatingState, other: RatingState): void {
      if (into.min !== other.min || into.counts.length !== other.counts.length) {
        throw new CxMetricsError({
          code: "INCOMPATIBLE_STATE",
          fn: name,
          field: "state",
          value: other,
          expected: `a state of the same scale (${min} to ${max})`,
        });
      }
      for (let k = 0; k <= points; k++) {
        compensatedAdd(into.counts, into.compensation, k, other.counts[k]!);
        into.compensation[k]! += other.compensation[k]!;
      }
      into.responses += other.responses;
      into.missing += other.missing;
      into.invalidValue += other.invalidValue;
      into.invalidWeight += other.invalidWeight;
    },
  };
}

/** Neumaier's compensated summation of `x` into slot `k`: sums[k] + comps[k] is the accurate sum. */
function compensatedAdd(sums: Float64Array, comps: Float64Array, k: number, x: number): void {
  const s = sums[k]!;
  const t = s + x;
  comps[k]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  sums[k] = t;
}

/** The corrected totals of a rating state, read once by each metric's `result`. */
export interface RatingSummary {
  /** Weighted count per scale point, index 0 = scale min. */
  readonly weights: Float64Array;
  /** Sum of weights (the number of responses when unweighted). */
  readonly total: number;
  /** Kish effective sample size (Σw)²/Σw²; equals `responses` when unweighted. */
  readonly effectiveSize: number;
  readonly responses: number;
  readonly min: number;
}

/** Reads a state into corrected totals. */
export function summarize(state: RatingState): RatingSummary {
  const points = state.counts.length - 1;
  const weights = new Float64Array(points);
  let total = 0;
  for (let k = 0; k < points; k++) {
    const w = state.counts[k]! + state.compensation[k]!;
    weights[k] = w;
    total += w;
  }
  const sumSquares = state.counts[points]! + state.compensation[points]!;
  // W·(W/Σw²) is exactly W when every weight is 1 (then W = Σw² = responses).
  const effectiveSize = total === 0 ? 0 : Math.min(total * (total / sumSquares), state.responses);
  return { weights, total, effectiveSize, responses: state.responses, min: state.min };
}

/** Sum of weights on scale points from `lo` to `hi` inclusive. */
export function sumRange(summary: RatingSummary, lo: number, hi: number): number {
  let s = 0;
  for (let v = lo; v <= hi; v++) s += summary.weights[v - summary.min] ?? 0;
  return s;
}

/** The histogram as `{ value, count }` rows, one per scale point. */
export function distribution(summary: RatingSummary): readonly RatingCount[] {
  const rows: RatingCount[] = [];
  for (let k = 0; k < summary.weights.length; k++) rows.push({ value: summary.min + k, count: summary.weights[k]! });
  return rows;
}

/** Exclusion counts of a state. */
export function exclusions(state: RatingState): RatingExclusions {
  return { missing: state.missing, invalidValue: state.invalidValue, invalidWeight: state.invalidWeight };
}

/** Weighted mean and plug-in variance of the ratings; null when there are none. */
export function meanAndVariance(summary: RatingSummary): { readonly mean: number; readonly variance: number } | null {
  if (summary.total === 0) return null;
  let sum = 0;
  for (let k = 0; k < summary.weights.length; k++) sum += summary.weights[k]! * (summary.min + k);
  const mean = sum / summary.total;
  let squares = 0;
  for (let k = 0; k < summary.weights.length; k++) {
    const deviation = summary.min + k - mean;
    squares += summary.weights[k]! * deviation * deviation;
  }
  return { mean, variance: squares / summary.total };
}

/** Weighted mean of the ratings with its plug-in standard error and normal interval clamped to the scale. */
export function meanEstimate(
  summary: RatingSummary,
  scale: IntegerRange,
  z: number,
  level: number,
): { readonly mean: number; readonly standardError: number; readonly interval: Interval<"normal"> } | null {
  const moments = meanAndVariance(summary);
  if (moments === null) return null;
  const standardError = Math.sqrt(moments.variance / summary.effectiveSize);
  const half = z * standardError;
  return {
    mean: moments.mean,
    standardError,
    interval: {
      lower: clamp(moments.mean - half, scale.min, scale.max),
      upper: clamp(moments.mean + half, scale.min, scale.max),
      center: moments.mean,
      level,
      method: "normal",
    },
  };
}
