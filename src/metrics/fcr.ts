import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkFunction, type OnInvalid } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import type { Interval } from "../stats/interval.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";
import type { Exclusions } from "./duration-types.ts";
import { exclusionState, mergeExclusions, rateSettings, readExclusions, reject, shareOf, skips, type ExclusionState, type RateSettings } from "./internal/ops.ts";

/** Options of {@link fcr} and {@link fcrMetric}. */
export interface FcrOptions<T = Contact> {
  /**
   * Reads whether the contact was resolved on first contact: the source system's flag, or the
   * customer's survey answer; `null`/`undefined` when unknown.
   * @defaultValue `c => c.resolved`
   */
  readonly resolved?: Accessor<T, boolean | null | undefined>;
  /**
   * Confidence level of the interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
  /**
   * Throw on a value that is not a boolean, or skip it and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/**
 * The result of {@link fcr}: the share resolved on first contact among contacts with an answer.
 *
 * @example
 * ```ts
 * const result: FcrResult = fcr([true, true, false]);
 * ```
 */
export interface FcrResult {
  /** Resolved share in percent; `null` when no contact has an answer. */
  readonly rate: number | null;
  /** Contacts resolved. */
  readonly resolved: number;
  /** Contacts with an answer (resolved or not). */
  readonly total: number;
  /** Plug-in standard error of `rate`, in points; `null` when empty. */
  readonly standardError: number | null;
  /** Interval of `rate` (Wilson by default); `null` when empty. */
  readonly interval: Interval<ProportionIntervalMethod> | null;
  /** Contacts whose answer was missing (`null`/`undefined`): not in the rate. */
  readonly missing: number;
  /** Records left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/** The fold state of {@link fcrMetric}. */
export interface FcrState {
  /** Contacts resolved. */
  resolved: number;
  /** Contacts not resolved. */
  unresolved: number;
  /** Contacts without an answer. */
  missing: number;
  /** Records skipped as invalid. */
  excluded: ExclusionState;
}

class FcrMetric<T> implements Metric<T | boolean | null | undefined, FcrState, FcrResult> {
  readonly name = "fcr";
  private readonly resolved: Accessor<T, boolean | null | undefined>;
  private readonly rates: RateSettings;
  private readonly skip: boolean;

  constructor(options: FcrOptions<T>) {
    checkFunction(this.name, "resolved", options.resolved);
    this.resolved = options.resolved ?? ((c: T) => (c as Contact).resolved);
    this.rates = rateSettings(this.name, options.level, options.interval);
    this.skip = skips(this.name, options.onInvalid);
  }

  init(): FcrState {
    return { resolved: 0, unresolved: 0, missing: 0, excluded: exclusionState() };
  }

  add(state: FcrState, input: T | boolean | null | undefined, index: number = state.resolved + state.unresolved + state.missing + state.excluded.count): void {
    // Booleans (and missing answers) are the answer itself; objects are records to read; any other
    // value (a string, a number) is neither and is rejected below.
    const value = typeof input === "object" && input !== null ? this.resolved(input as T, index) : input;
    if (value === true) state.resolved++;
    else if (value === false) state.unresolved++;
    else if (value == null) state.missing++;
    else reject(this.name, this.skip, state.excluded, index, "resolved", value, "true, false, or null when unknown");
  }

  merge(into: FcrState, other: FcrState): void {
    into.resolved += other.resolved;
    into.unresolved += other.unresolved;
    into.missing += other.missing;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: FcrState): FcrResult {
    const share = shareOf(state.resolved, state.resolved + state.unresolved, this.rates);
    return {
      rate: share.share,
      resolved: state.resolved,
      total: share.total,
      standardError: share.standardError,
      interval: share.interval,
      missing: state.missing,
      excluded: readExclusions(state.excluded),
    };
  }
}

/**
 * FCR from a flag or a survey answer, as a mergeable fold ({@link Metric}). See {@link fcr}.
 *
 * Inputs are booleans, or records read with `resolved` (default: {@link Contact}'s `resolved`).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = fcrMetric<Contact>();
 * const state = metric.init();
 * metric.add(state, { resolved: true });
 * metric.add(state, { resolved: false });
 * metric.result(state).rate;
 * // => 50
 * ```
 */
export function fcrMetric<T = Contact>(options: FcrOptions<T> = {}): Metric<T | boolean | null | undefined, FcrState, FcrResult> {
  return new FcrMetric<T>(options);
}

/**
 * First-contact resolution from a resolved flag on each contact, or from a survey answer ("was your
 * issue resolved?").
 *
 * `FCR = resolved / (resolved + not resolved)`, in percent, with a Wilson interval. Contacts whose
 * answer is missing (`null`/`undefined`) are left out of the rate and counted in `missing`. This is
 * the first of three ways to measure FCR: see {@link oneTouchResolution} (tickets) and
 * {@link repeatContactFcr} (contact logs).
 *
 * Input: booleans (`fcr([true, false, null])`) or records (`fcr(contacts)` reads `resolved`, or pass
 * your own accessor, e.g. `{ resolved: r => r.answers.q3 === "yes" }`).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a value that is not a boolean (or missing),
 * unless `onInvalid: "skip"`.
 * @example
 * ```ts
 * const result = fcr([true, true, true, false, null]);
 * [result.rate, result.total, result.missing];
 * // => [75, 4, 1]
 * ```
 */
export function fcr<T = Contact>(input: Iterable<T | boolean | null | undefined>, options: FcrOptions<T> = {}): FcrResult {
  const metric = new FcrMetric<T>(options);
  return metric.result(fold(metric, input));
}
