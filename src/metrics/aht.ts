import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkOnInvalid, checkOptions, readAccessor, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import { checkDefinition, checkPart, definitionOf, isCount } from "../core/state.ts";
import { compensatedAdd } from "../stats/compensated.ts";
import { intervalSettings, PROPORTION_METHODS, type IntervalSettings, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { checkDurationOption, DURATION_EXPECTED, MAX_DURATION_MS } from "../time/duration.ts";
import { durationState, isDurationState, mergeDurations, pushDuration, readDurations, readPercentileOptions } from "./internal/durations.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import type { DurationState, DurationStats, ExclusionState, Exclusions, PercentileOptions } from "./ops-types.ts";

/**
 * Reads one duration component (ms) from a contact: a function, or a field name; `null`/`undefined`
 * when the system left it out.
 *
 * @category Operations
 * @example
 * ```ts
 * const talk: DurationAccessor<Contact> = "talk";
 * ```
 */
export type DurationAccessor<T> = Reader<T, number | null | undefined>;

const AHT_KEYS: readonly string[] = ["components", "handled", "target", "level", "interval", "onInvalid", "percentiles", "relativeAccuracy"];

/**
 * Options of {@link aht} and {@link ahtMetric}, with the shared `level`, `interval` (for the target share) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: AhtOptions = { components: { ...defaultAhtComponents, dialing: (c) => c.talk }, target: "6min" };
 * ```
 */
export interface AhtOptions<T extends Contact = Contact> extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions, PercentileOptions {
  /**
   * The parts of handle time, by name, each a function or a field name. Add your own, e.g. Genesys
   * Cloud's outbound handle time also counts dialing and contacting:
   * `{ ...defaultAhtComponents, dialing: "dialing", contacting: "contacting" }`.
   * @defaultValue {@link defaultAhtComponents}: talk, hold and after-call work
   */
  readonly components?: Readonly<Record<string, DurationAccessor<T>>>;
  /**
   * Whether a contact was handled by an agent (a function or a field name, read as a boolean).
   * @defaultValue `c => c.answered != null` (an agent answered it)
   */
  readonly handled?: Reader<T, boolean>;
  /** A handle-time target: milliseconds or a string with a unit (`"6min"`); sets `handleTime.withinTarget`. */
  readonly target?: number | string;
}

/**
 * One component of handle time in an {@link AhtResult}.
 *
 * @category Operations
 * @example
 * ```ts
 * const talk: AhtComponent | undefined = aht(contacts).components.talk;
 * ```
 */
export interface AhtComponent {
  /** Mean per handled contact, ms (a missing value counts as 0); `null` when nothing was handled. */
  readonly mean: number | null;
  /** Sum over handled contacts, ms. */
  readonly totalMs: number;
  /** Handled contacts whose record left this component out (counted as 0). */
  readonly missing: number;
}

/**
 * The result of {@link aht}.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: AhtResult = aht(contacts);
 * ```
 */
export interface AhtResult {
  /** Average handle time in ms (sum of all components over handled contacts), with its standard error and interval; `null` when none. The headline. */
  readonly aht: Estimate<"normal"> | null;
  /** Contacts handled by an agent. */
  readonly handled: number;
  /** Contacts no agent handled (abandoned, flowed out, still waiting): not part of AHT. */
  readonly unanswered: number;
  /** Each component's mean and total, by name (an object without prototype); the means add up to `aht`. */
  readonly components: Readonly<Record<string, AhtComponent>>;
  /** Handle time per contact: count, mean (= `aht`), median, p90, p95, min, max, target share. */
  readonly handleTime: DurationStats;
  /** Records left out (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link ahtMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: AhtState = ahtMetric().init();
 * ```
 */
export interface AhtState {
  /** The definition the state was folded under: the component names and the target. */
  readonly definition: string;
  /** Contacts not handled. */
  unanswered: number;
  /** Per component (in `components` order): the sum over handled contacts, ms. */
  sums: Float64Array;
  /** Per component: Neumaier compensation of `sums`. */
  compensation: Float64Array;
  /** Per component: handled contacts that left it out. */
  missing: Float64Array;
  /** Handle time of each handled contact (its count is the number handled). */
  handleTimes: DurationState;
  /** Records skipped as invalid. */
  excluded: ExclusionState;
}

/**
 * The default components of handle time: talk, hold and after-call work, read from
 * {@link Contact}'s `talk`, `hold` and `afterCallWork`.
 *
 * @category Operations
 * @example
 * ```ts
 * Object.keys(defaultAhtComponents);
 * // => ["talk", "hold", "afterCallWork"]
 * ```
 */
export const defaultAhtComponents: Readonly<Record<string, DurationAccessor<Contact>>> = Object.freeze({
  talk: "talk",
  hold: "hold",
  afterCallWork: "afterCallWork",
});

/** A class, so `add` is one prototype function the fold loop can inline (see docs/architecture.md). */
class AhtMetric<T extends Contact> implements Metric<T, AhtState, AhtResult> {
  readonly name = "aht";
  readonly headline = "aht";
  private readonly definition: string;
  private readonly names: readonly string[];
  private readonly readers: readonly Accessor<T, unknown>[];
  private readonly handled: Accessor<T, unknown> | undefined;
  private readonly target: number;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;
  /** Component values of the record being added, so a record with one bad value adds nothing. */
  private readonly scratch: Float64Array;

  /** The sketch's α under `percentiles: "sketch"`, or `null` for exact percentiles. */
  private readonly sketch: number | null;

  constructor(options: AhtOptions<T> | undefined) {
    const o = checkOptions(this.name, options, AHT_KEYS);
    const components = (o["components"] ?? defaultAhtComponents) as Readonly<Record<string, unknown>>;
    if (components === null || typeof components !== "object" || Array.isArray(components) || Object.keys(components).length === 0) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn: this.name, field: "components", value: components, expected: "an object of one or more accessors or field names" });
    }
    this.names = Object.keys(components);
    this.readers = this.names.map((key) => readAccessor<T, unknown>(this.name, `components.${key}`, components[key] ?? null) as Accessor<T, unknown>);
    this.handled = readAccessor<T, unknown>(this.name, "handled", o["handled"]);
    this.target = checkDurationOption(this.name, "target", o["target"], Number.NaN);
    this.rates = intervalSettings(this.name, o, PROPORTION_METHODS, "wilson");
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
    this.scratch = new Float64Array(this.names.length);
    const percentiles = readPercentileOptions(this.name, o);
    this.sketch = percentiles.sketch;
    this.definition = definitionOf(this.name, { components: JSON.stringify(this.names), target: this.target, ...(this.sketch === null ? {} : { percentiles: percentiles.definition }) });
  }

  init(): AhtState {
    const k = this.names.length;
    return {
      definition: this.definition,
      unanswered: 0,
      sums: new Float64Array(k),
      compensation: new Float64Array(k),
      missing: new Float64Array(k),
      handleTimes: durationState(this.sketch),
      excluded: exclusionState(),
    };
  }

  add(state: AhtState, contact: T, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? state.handleTimes.count + state.unanswered + state.excluded.count;
    if (typeof contact !== "object" || contact === null) return reject(this.name, this.skip, state.excluded, i, "record", contact, RECORD_EXPECTED);
    const handled = this.handled === undefined ? contact.answered != null : this.handled(contact, i);
    if (handled !== true) {
      if (handled === false) state.unanswered++;
      else reject(this.name, this.skip, state.excluded, i, "handled", handled, "true or false from the handled accessor");
      return;
    }
    const scratch = this.scratch;
    let handleTime = 0;
    for (let k = 0; k < this.readers.length; k++) {
      const raw = (this.readers[k] as Accessor<T, unknown>)(contact, i);
      if (raw == null) {
        scratch[k] = -1;
        continue;
      }
      if (typeof raw !== "number" || !(raw >= 0 && raw <= MAX_DURATION_MS)) {
        reject(this.name, this.skip, state.excluded, i, this.names[k] as string, raw, DURATION_EXPECTED);
        return;
      }
      scratch[k] = raw;
      handleTime += raw;
    }
    if (!(handleTime <= MAX_DURATION_MS)) return reject(this.name, this.skip, state.excluded, i, "handleTime", handleTime, "components that add up to at most 100 years");
    for (let k = 0; k < scratch.length; k++) {
      const d = scratch[k] as number;
      if (d < 0) state.missing[k]! += 1;
      else compensatedAdd(state.sums, state.compensation, k, d);
    }
    pushDuration(state.handleTimes, handleTime, this.target);
  }

  merge(into: AhtState, other: AhtState): void {
    this.check(into, "into");
    this.check(other, "other");
    // Merging a state into itself reads copies of the arrays it writes (durations and exclusions merge into themselves safely).
    const from = other === into ? { ...other, sums: other.sums.slice(), compensation: other.compensation.slice(), missing: other.missing.slice() } : other;
    into.unanswered += from.unanswered;
    for (let k = 0; k < into.sums.length; k++) {
      compensatedAdd(into.sums, into.compensation, k, from.sums[k]!);
      into.compensation[k]! += from.compensation[k]!;
      into.missing[k]! += from.missing[k]!;
    }
    mergeDurations(into.handleTimes, from.handleTimes);
    mergeExclusions(into.excluded, from.excluded);
  }

  result(state: AhtState): AhtResult {
    this.check(state, "state");
    const n = state.handleTimes.count;
    const components = Object.create(null) as Record<string, AhtComponent>;
    this.names.forEach((key, k) => {
      const sum = (state.sums[k] as number) + (state.compensation[k] as number);
      components[key] = { mean: n > 0 ? sum / n : null, totalMs: sum, missing: state.missing[k] as number };
    });
    const handleTime = readDurations(state.handleTimes, this.target, this.rates);
    return {
      aht: handleTime.mean,
      handled: n,
      unanswered: state.unanswered,
      components,
      handleTime,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: AhtState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const k = this.names.length;
    const arrays = [state.sums, state.compensation, state.missing].every((a) => a instanceof Float64Array && a.length === k);
    checkPart(arrays && isCount(state.unanswered) && isDurationState(state.handleTimes, field !== "into") && isExclusionState(state.excluded), this.name, this.definition, state, "sums, durations or exclusions");
  }
}

/**
 * AHT as a mergeable fold ({@link Metric}). See {@link aht} for the definition. Its headline is `aht`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = ahtMetric();
 * const state = metric.init();
 * metric.add(state, { answered: 0, talk: 240_000, hold: 0, afterCallWork: 60_000 });
 * metric.result(state).aht?.value;
 * // => 300000
 * ```
 */
export function ahtMetric<T extends Contact = Contact>(options?: AhtOptions<T>): Metric<T, AhtState, AhtResult> {
  return new AhtMetric<T>(options);
}

/**
 * Average handle time: the time agents spend on a contact, per handled contact.
 *
 * `AHT = Σ (talk + hold + after-call work) / handled contacts`, in ms, an {@link Estimate} with the
 * standard error of a mean and a normal interval. The components are configurable; the result gives
 * each component's mean too, and the means add up to AHT. Only handled contacts count: unanswered ones
 * (abandoned, flowed out, waiting) are counted apart in `unanswered`, never averaged in as zeros. A
 * component the record leaves out (`null`/absent) counts as 0 for that contact and is counted in
 * `components[name].missing`. The median, p90 and p95 of handle time come with it, since handle times
 * are skewed.
 *
 * Default components follow Genesys Cloud's definition of AHT for inbound interactions (talk + hold
 * + after-call work over interactions handled); for outbound it adds dialing and contacting time,
 * which you add as components.
 *
 * Bad input: a record that is not an object, or a component that is not a duration from 0 to 100
 * years, throws `INVALID_VALUE` naming the record and the component, or with `onInvalid: "skip"`
 * leaves the whole record out, counted in `excluded`.
 *
 * @category Operations
 * @example
 * ```ts
 * const result = aht([
 *   { answered: "2026-03-02T09:00:20Z", talk: 300_000, hold: 60_000, afterCallWork: 60_000 },
 *   { answered: "2026-03-02T09:05:00Z", talk: 180_000, hold: 0, afterCallWork: 0 },
 *   { arrived: "2026-03-02T09:07:00Z", ended: "2026-03-02T09:08:00Z" },
 * ]);
 * [result.aht?.value, result.handled, result.unanswered, result.components.talk?.mean];
 * // => [300000, 2, 1, 240000]
 * ```
 */
export function aht<T extends Contact = Contact>(contacts: Iterable<T>, options?: AhtOptions<T>): AhtResult {
  const metric = new AhtMetric<T>(options);
  return metric.result(fold(metric, contacts));
}
