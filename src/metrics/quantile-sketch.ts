import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkNumberIn, checkOnInvalid, checkOptions, readAccessor, type InvalidOptions } from "../core/options.ts";
import { checkDefinition, checkPart, definitionOf, isCount, isFiniteNumber } from "../core/state.ts";
import { sketchAdd, sketchGamma, sketchMerge, sketchOk, sketchQuantile, sketchSize } from "./internal/ddsketch.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, reject } from "./internal/exclusions.ts";
import type { ExclusionState, Exclusions } from "./ops-types.ts";

/**
 * Options of {@link quantileSketch} and {@link quantileSketchMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: QuantileSketchOptions<{ talk: number }> = { value: "talk", relativeAccuracy: 0.005 };
 * ```
 */
export interface QuantileSketchOptions<T = number> extends InvalidOptions {
  /** Reads the value (a duration in ms, any non-negative number) from a record; plain numbers need none. */
  readonly value?: Reader<T, number | null | undefined>;
  /**
   * α: every percentile is within this relative error of the true value at its rank (DDSketch's
   * guarantee). Memory grows as log(max/min)/α bins.
   * @defaultValue 0.01 (1%)
   */
  readonly relativeAccuracy?: number;
  /**
   * The percentiles reported in `percentiles`, from 0 to 100.
   * @defaultValue [50, 90, 95, 99]
   */
  readonly percentiles?: readonly number[];
}

/**
 * The result of {@link quantileSketch}.
 *
 * @category Operations
 * @example
 * ```ts
 * const r: QuantileSketchResult = quantileSketch([1000, 2000, 3000]);
 * r.count; // => 3
 * ```
 */
export interface QuantileSketchResult {
  /** Values folded. */
  readonly count: number;
  /** The exact mean, or `null` without values. */
  readonly mean: number | null;
  /** The exact smallest value, or `null`. */
  readonly min: number | null;
  /** The exact largest value, or `null`. */
  readonly max: number | null;
  /** The 50th percentile, within `relativeAccuracy` of the value at its rank; `null` without values. */
  readonly median: number | null;
  /** Each requested percentile, in the order asked. */
  readonly percentiles: readonly SketchPercentile[];
  /** α. */
  readonly relativeAccuracy: number;
  /** Bins in use: the memory the sketch holds, 8 bytes each. */
  readonly bins: number;
  /** Missing values (`null`/`undefined`): counted, not folded. */
  readonly missing: number;
  /** Records left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * One percentile of a {@link QuantileSketchResult}.
 *
 * @category Operations
 * @example
 * ```ts
 * const p: SketchPercentile = { percentile: 90, value: 245_000 };
 * ```
 */
export interface SketchPercentile {
  /** The percentile asked for, 0 to 100. */
  readonly percentile: number;
  /** Its value, within the relative accuracy of the value at its rank; `null` without data. */
  readonly value: number | null;
}

/**
 * The state of {@link quantileSketchMetric}: DDSketch bins (bin i counts values in (γ^(i-1), γ^i],
 * γ = (1 + α)/(1 - α)), stored densely from `offset`, plus exact count, sum, min and max.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: QuantileSketchState = quantileSketchMetric().init();
 * ```
 */
export interface QuantileSketchState {
  /** The definition (`quantileSketch(alpha=...)`): states of another α do not merge. */
  readonly definition: string;
  /** The index of `bins[0]`. */
  offset: number;
  /** Counts per bin. */
  bins: Float64Array;
  /** Values folded, zeros included. */
  count: number;
  /** Values equal to 0 (and below the smallest indexable value, 1e-9). */
  zeros: number;
  /** Sum of the values (Neumaier-compensated with `compensation`). */
  sum: number;
  /** The compensation of `sum`. */
  compensation: number;
  /** Smallest value, `Infinity` when empty. */
  min: number;
  /** Largest value, `-Infinity` when empty. */
  max: number;
  /** Missing values. */
  missing: number;
  /** Invalid records under `onInvalid: "skip"`. */
  readonly excluded: ExclusionState;
}

const KEYS: readonly string[] = ["value", "relativeAccuracy", "percentiles", "onInvalid"];
const MAX_VALUE = 1e300;
const EXPECTED = "a finite number, 0 or more";

class QuantileSketchMetric<T> implements Metric<T | number | null | undefined, QuantileSketchState, QuantileSketchResult> {
  readonly name = "quantileSketch";
  readonly headline = null;
  private readonly definition: string;
  private readonly value: Accessor<T, unknown> | undefined;
  private readonly field: string;
  private readonly alpha: number;
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly wanted: readonly number[];
  private readonly skip: boolean;

  constructor(options: QuantileSketchOptions<T> | undefined) {
    const o = checkOptions(this.name, options, KEYS);
    this.value = readAccessor<T, unknown>(this.name, "value", o["value"]);
    this.field = typeof o["value"] === "string" ? o["value"] : "value";
    this.alpha = o["relativeAccuracy"] === undefined ? 0.01 : checkNumberIn(this.name, "relativeAccuracy", o["relativeAccuracy"], 1e-4, 0.5);
    ({ gamma: this.gamma, logGamma: this.logGamma } = sketchGamma(this.alpha));
    const wanted = o["percentiles"] ?? [50, 90, 95, 99];
    if (!Array.isArray(wanted) || wanted.length > 100 || !wanted.every((p) => typeof p === "number" && p >= 0 && p <= 100)) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn: this.name, field: "percentiles", value: wanted, expected: "an array of up to 100 numbers from 0 to 100" });
    }
    this.wanted = [...(wanted as number[])];
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
    this.definition = definitionOf(this.name, { alpha: this.alpha });
  }

  init(): QuantileSketchState {
    return { definition: this.definition, offset: 0, bins: new Float64Array(0), count: 0, zeros: 0, sum: 0, compensation: 0, min: Infinity, max: -Infinity, missing: 0, excluded: exclusionState() };
  }

  add(state: QuantileSketchState, input: T | number | null | undefined, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? state.count + state.missing + state.excluded.count;
    const v = this.value === undefined || typeof input === "number" || input == null ? input : this.value(input as T, i);
    if (v === null || v === undefined) {
      state.missing++;
      return;
    }
    if (typeof v !== "number" || !(v >= 0 && v <= MAX_VALUE)) return reject(this.name, this.skip, state.excluded, i, this.field, v, EXPECTED);
    state.count++;
    const t = state.sum + v;
    state.compensation += Math.abs(state.sum) >= Math.abs(v) ? state.sum - t + v : v - t + state.sum;
    state.sum = t;
    if (v < state.min) state.min = v;
    if (v > state.max) state.max = v;
    sketchAdd(state, v, this.logGamma);
  }

  merge(into: QuantileSketchState, other: QuantileSketchState): void {
    this.check(into, "into");
    this.check(other, "other");
    // Bins and zeros (sketchMerge reads `other` before writing, so a self-merge doubles).
    sketchMerge(into, other);
    into.count += other.count;
    const t = into.sum + other.sum;
    into.compensation += (Math.abs(into.sum) >= Math.abs(other.sum) ? into.sum - t + other.sum : other.sum - t + into.sum) + other.compensation;
    into.sum = t;
    into.min = Math.min(into.min, other.min);
    into.max = Math.max(into.max, other.max);
    into.missing += other.missing;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: QuantileSketchState): QuantileSketchResult {
    this.check(state, "state");
    const n = state.count;
    const at = (p: number): number | null => (n === 0 ? null : sketchQuantile(state, n, p / 100, this.gamma, state.min, state.max));
    return {
      count: n,
      mean: n === 0 ? null : (state.sum + state.compensation) / n,
      min: n === 0 ? null : state.min,
      max: n === 0 ? null : state.max,
      median: at(50),
      percentiles: this.wanted.map((p) => ({ percentile: p, value: at(p) })),
      relativeAccuracy: this.alpha,
      bins: sketchSize(state),
      missing: state.missing,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: QuantileSketchState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    let ok = sketchOk(state, state.count);
    ok &&= [state.count, state.zeros, state.missing].every(isCount) && isFiniteNumber(state.sum) && isFiniteNumber(state.compensation);
    ok &&= state.count === 0 ? state.min === Infinity && state.max === -Infinity : state.min >= 0 && state.min <= state.max && state.max <= MAX_VALUE;
    checkPart(ok && isExclusionState(state.excluded), this.name, this.definition, state, "bins or counts");
  }
}

/**
 * A mergeable sketch of a distribution's percentiles (DDSketch, Masson, Rim and Lee, VLDB 2019), for
 * durations or any non-negative values too many to keep: memory is about log(max/min)/α bins (some
 * 1,500 for durations from 1 ms to a year at α = 1%) instead of 8 bytes a value. Each percentile is
 * within the relative accuracy α of the value at its rank; count, mean, min and max are exact.
 * Merging adds bin counts, so any split of the input, merged in any order, gives the same sketch to
 * the bit. The exact percentiles of the duration metrics stay their default; use this where they
 * would hold too much.
 *
 * Formula: γ = (1 + α)/(1 - α); a value x > 0 goes to bin i = ⌈log_γ x⌉, covering (γ^(i-1), γ^i];
 * the percentile p reads the bin holding rank ⌊p/100 · (n - 1)⌋ as 2γ^i/(γ + 1), clamped to [min,
 * max]. Zeros (values up to 1e-9) are counted apart.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a negative, non-finite or non-numeric value
 * (counted under `onInvalid: "skip"`); `INVALID_OPTION` for bad options.
 * @category Operations
 * @example
 * ```ts
 * const r = quantileSketch([120_000, 240_000, 245_000, 600_000], { relativeAccuracy: 0.01 });
 * r.median; // within 1% of 240000
 * ```
 */
export function quantileSketch<T = number>(input: Iterable<T | number | null | undefined>, options?: QuantileSketchOptions<T>): QuantileSketchResult {
  const metric = new QuantileSketchMetric<T>(options);
  return metric.result(fold(metric, input));
}

/**
 * The mergeable fold behind {@link quantileSketch}: for streams, shards and `groupBy`.
 *
 * @category Operations
 * @example
 * ```ts
 * const metric = quantileSketchMetric<{ talk: number }>({ value: "talk" });
 * metric.result(fold(metric, [{ talk: 1000 }])).count; // => 1
 * ```
 */
export function quantileSketchMetric<T = number>(options?: QuantileSketchOptions<T>): Metric<T | number | null | undefined, QuantileSketchState, QuantileSketchResult> {
  return new QuantileSketchMetric<T>(options);
}
