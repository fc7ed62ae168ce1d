import type { Estimate } from "../core/estimate.ts";
import { fold, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkOnInvalid, checkOptions, readAccessor, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import { checkDefinition, checkPart, isCount } from "../core/state.ts";
import { intervalSettings, PROPORTION_METHODS, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, reject } from "./internal/exclusions.ts";
import type { ExclusionState, Exclusions } from "./ops-types.ts";

const FCR_KEYS: readonly string[] = ["resolved", "level", "interval", "onInvalid"];

/**
 * Options of {@link fcr} and {@link fcrMetric}, with the shared `level`, `interval` (default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: FcrOptions<{ answer: string }> = { resolved: (r) => r.answer === "yes", level: 90 };
 * ```
 */
export interface FcrOptions<T = Contact> extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions {
  /**
   * Reads whether the contact was resolved on first contact: the source system's flag, or the
   * customer's survey answer; `null`/`undefined` when unknown. A function or a field name.
   * @defaultValue `"resolved"` (the field of {@link Contact})
   */
  readonly resolved?: Reader<T, boolean | null | undefined>;
}

/**
 * The result of {@link fcr}: the share resolved on first contact among contacts with an answer.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: FcrResult = fcr([true, true, false]);
 * ```
 */
export interface FcrResult {
  /** Resolved share in percent, with its interval (Wilson by default); `null` when no contact has an answer. The headline. */
  readonly rate: Estimate<ProportionIntervalMethod> | null;
  /** Contacts resolved. */
  readonly resolved: number;
  /** Contacts not resolved. */
  readonly unresolved: number;
  /** Contacts with an answer (resolved + unresolved). */
  readonly total: number;
  /** Contacts whose answer was missing (`null`/`undefined`): not in the rate. */
  readonly missing: number;
  /** Records left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link fcrMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: FcrState = fcrMetric().init();
 * ```
 */
export interface FcrState {
  /** Always `"fcr()"`: what is folded does not depend on the options. */
  readonly definition: string;
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
  readonly headline = "rate";
  private readonly definition = "fcr()";
  private readonly resolved: Accessor<T, unknown>;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  constructor(options: FcrOptions<T> | undefined) {
    const o = checkOptions(this.name, options, FCR_KEYS);
    this.resolved = readAccessor<T, unknown>(this.name, "resolved", o["resolved"] ?? "resolved") as Accessor<T, unknown>;
    this.rates = intervalSettings(this.name, o, PROPORTION_METHODS, "wilson");
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
  }

  init(): FcrState {
    return { definition: this.definition, resolved: 0, unresolved: 0, missing: 0, excluded: exclusionState() };
  }

  add(state: FcrState, input: T | boolean | null | undefined, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? state.resolved + state.unresolved + state.missing + state.excluded.count;
    // Booleans (and missing answers) are the answer itself; objects are records to read; any other
    // value (a string, a number) is neither: an invalid record.
    if (typeof input !== "object" && typeof input !== "boolean" && input !== undefined) {
      return reject(this.name, this.skip, state.excluded, i, "record", input, "a record (an object), true, false, or null when unknown");
    }
    const value = typeof input === "object" && input !== null ? this.resolved(input as T, i) : input;
    if (value === true) state.resolved++;
    else if (value === false) state.unresolved++;
    else if (value == null) state.missing++;
    else reject(this.name, this.skip, state.excluded, i, "resolved", value, "true, false, or null when unknown");
  }

  merge(into: FcrState, other: FcrState): void {
    this.check(into, "into");
    this.check(other, "other");
    const { resolved, unresolved, missing } = other;
    into.resolved += resolved;
    into.unresolved += unresolved;
    into.missing += missing;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: FcrState): FcrResult {
    this.check(state, "state");
    const total = state.resolved + state.unresolved;
    return {
      rate: rateEstimate(state.resolved, total, this.rates),
      resolved: state.resolved,
      unresolved: state.unresolved,
      total,
      missing: state.missing,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: FcrState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    checkPart([state.resolved, state.unresolved, state.missing].every(isCount) && isExclusionState(state.excluded), this.name, this.definition, state, "counts");
  }
}

/**
 * FCR from a flag or a survey answer, as a mergeable fold ({@link Metric}). See {@link fcr}. Its
 * headline is `rate`.
 *
 * Inputs are booleans, or records read with `resolved` (default: {@link Contact}'s `resolved`).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = fcrMetric<Contact>();
 * const state = metric.init();
 * metric.add(state, { resolved: true });
 * metric.add(state, { resolved: false });
 * metric.result(state).rate?.value;
 * // => 50
 * ```
 */
export function fcrMetric<T = Contact>(options?: FcrOptions<T>): Metric<T | boolean | null | undefined, FcrState, FcrResult> {
  return new FcrMetric<T>(options);
}

/**
 * First-contact resolution from a resolved flag on each contact, or from a survey answer ("was your
 * issue resolved?").
 *
 * `FCR = resolved / (resolved + not resolved)`, in percent, an {@link Estimate} with a Wilson
 * interval. Contacts whose answer is missing (`null`/`undefined`) are left out of the rate and
 * counted in `missing`. This is the first of three ways to measure FCR: see
 * {@link oneTouchResolution} (tickets) and {@link repeatContactFcr} (contact logs).
 *
 * Input: booleans (`fcr([true, false, null])`) or records (`fcr(contacts)` reads `resolved`, or pass
 * your own accessor, e.g. `{ resolved: r => r.answers.q3 === "yes" }`, or a field name).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a value that is not a boolean (or missing), or an
 * input that is neither a record nor a boolean, unless `onInvalid: "skip"`.
 * @category Operations
 * @example
 * ```ts
 * const result = fcr([true, true, true, false, null]);
 * [result.rate?.value, result.total, result.missing];
 * // => [75, 4, 1]
 * ```
 */
export function fcr<T = Contact>(input: Iterable<T | boolean | null | undefined>, options?: FcrOptions<T>): FcrResult {
  const metric = new FcrMetric<T>(options);
  return metric.result(fold(metric, input));
}
