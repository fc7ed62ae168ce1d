import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkFunction, type OnInvalid } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import { compensatedAdd } from "../stats/compensated.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";
import type { DurationStats, Exclusions } from "./duration-types.ts";
import {
  checkDurationOption,
  DURATION_EXPECTED,
  durationOrNaN,
  durationState,
  exclusionState,
  mergeDurations,
  mergeExclusions,
  pushDuration,
  rateSettings,
  readDurations,
  readExclusions,
  reject,
  skips,
  type DurationState,
  type ExclusionState,
  type RateSettings,
} from "./internal/ops.ts";

/** Reads one duration component (ms) from a contact; `null`/`undefined` when the system left it out. */
export type DurationAccessor<T> = Accessor<T, number | null | undefined>;

/** Options of {@link aht} and {@link ahtMetric}. */
export interface AhtOptions<T extends Contact = Contact> {
  /**
   * The parts of handle time, by name. Add your own, e.g. Genesys Cloud's handle time also counts
   * dialing and contacting: `{ ...defaultAhtComponents, dialing: c => c.dialing, contacting: c => c.contacting }`.
   * @defaultValue {@link defaultAhtComponents}: talk, hold and after-call work
   */
  readonly components?: Readonly<Record<string, DurationAccessor<T>>>;
  /**
   * Whether a contact was handled by an agent.
   * @defaultValue `c => c.answered != null` (an agent answered it)
   */
  readonly handled?: Accessor<T, boolean>;
  /** A handle-time target in ms; when set, `handleTime.withinTarget` is the share at or under it. */
  readonly target?: number;
  /**
   * Confidence level of the target share's interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method of the target share.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
  /**
   * Throw on an invalid record, or skip it and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/** One component of handle time in an {@link AhtResult}. */
export interface AhtComponent {
  /** Mean per handled contact, ms (a missing value counts as 0); `null` when nothing was handled. */
  readonly mean: number | null;
  /** Sum over handled contacts, ms. */
  readonly total: number;
  /** Handled contacts whose record left this component out (counted as 0). */
  readonly missing: number;
}

/**
 * The result of {@link aht}.
 *
 * @example
 * ```ts
 * const result: AhtResult = aht(contacts);
 * ```
 */
export interface AhtResult {
  /** Average handle time in ms: the sum of all components over handled contacts; `null` when none. */
  readonly aht: number | null;
  /** Contacts handled by an agent. */
  readonly handled: number;
  /** Contacts no agent handled (abandoned, flowed out, still waiting): not part of AHT. */
  readonly unanswered: number;
  /** Each component's mean and total; the means add up to `aht`. */
  readonly components: Readonly<Record<string, AhtComponent>>;
  /** Handle time per contact: count, mean (= `aht`), median, p90, p95, min, max, target share. */
  readonly handleTime: DurationStats;
  /** Records left out (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/** The fold state of {@link ahtMetric}. */
export interface AhtState {
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
 * @example
 * ```ts
 * Object.keys(defaultAhtComponents);
 * // => ["talk", "hold", "afterCallWork"]
 * ```
 */
export const defaultAhtComponents: Readonly<Record<string, DurationAccessor<Contact>>> = Object.freeze({
  talk: (c: Contact) => c.talk,
  hold: (c: Contact) => c.hold,
  afterCallWork: (c: Contact) => c.afterCallWork,
});

/** A class, so `add` is one prototype function the fold loop can inline (see docs/architecture.md). */
class AhtMetric<T extends Contact> implements Metric<T, AhtState, AhtResult> {
  readonly name = "aht";
  private readonly names: readonly string[];
  private readonly readers: readonly DurationAccessor<T>[];
  private readonly handled: Accessor<T, boolean> | undefined;
  private readonly target: number;
  private readonly rates: RateSettings;
  private readonly skip: boolean;
  /** Component values of the record being added, so a record with one bad value adds nothing. */
  private readonly scratch: Float64Array;

  constructor(options: AhtOptions<T>) {
    const components = (options.components ?? defaultAhtComponents) as Readonly<Record<string, unknown>>;
    if (components === null || typeof components !== "object" || Object.keys(components).length === 0) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn: this.name, field: "components", value: components, expected: "an object of one or more accessors" });
    }
    this.names = Object.keys(components);
    for (const key of this.names) {
      if (typeof components[key] !== "function") checkFunction(this.name, `components.${key}`, components[key] ?? null);
    }
    this.readers = this.names.map((key) => components[key] as DurationAccessor<T>);
    checkFunction(this.name, "handled", options.handled);
    this.handled = options.handled;
    this.target = checkDurationOption(this.name, "target", options.target, Number.NaN);
    this.rates = rateSettings(this.name, options.level, options.interval);
    this.skip = skips(this.name, options.onInvalid);
    this.scratch = new Float64Array(this.names.length);
  }

  init(): AhtState {
    const k = this.names.length;
    return {
      unanswered: 0,
      sums: new Float64Array(k),
      compensation: new Float64Array(k),
      missing: new Float64Array(k),
      handleTimes: durationState(),
      excluded: exclusionState(),
    };
  }

  add(state: AhtState, contact: T, index: number = state.handleTimes.count + state.unanswered + state.excluded.count): void {
    const handled = this.handled === undefined ? contact.answered != null : this.handled(contact, index);
    if (handled !== true) {
      if (handled === false) state.unanswered++;
      else reject(this.name, this.skip, state.excluded, index, "handled", handled, "true or false from the handled accessor");
      return;
    }
    const scratch = this.scratch;
    let handleTime = 0;
    for (let k = 0; k < this.readers.length; k++) {
      const raw = (this.readers[k] as DurationAccessor<T>)(contact, index);
      if (raw == null) {
        scratch[k] = -1;
        continue;
      }
      const d = durationOrNaN(raw);
      if (Number.isNaN(d)) {
        reject(this.name, this.skip, state.excluded, index, this.names[k] as string, raw, DURATION_EXPECTED);
        return;
      }
      scratch[k] = d;
      handleTime += d;
    }
    for (let k = 0; k < scratch.length; k++) {
      const d = scratch[k] as number;
      if (d < 0) state.missing[k]! += 1;
      else compensatedAdd(state.sums, state.compensation, k, d);
    }
    pushDuration(state.handleTimes, handleTime, this.target);
  }

  merge(into: AhtState, other: AhtState): void {
    into.unanswered += other.unanswered;
    for (let k = 0; k < into.sums.length; k++) {
      compensatedAdd(into.sums, into.compensation, k, other.sums[k]!);
      into.compensation[k]! += other.compensation[k]!;
      into.missing[k]! += other.missing[k]!;
    }
    mergeDurations(into.handleTimes, other.handleTimes);
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: AhtState): AhtResult {
    const n = state.handleTimes.count;
    const components: Record<string, AhtComponent> = {};
    let total = 0;
    this.names.forEach((key, k) => {
      const sum = (state.sums[k] as number) + (state.compensation[k] as number);
      total += sum;
      components[key] = { mean: n > 0 ? sum / n : null, total: sum, missing: state.missing[k] as number };
    });
    return {
      aht: n > 0 ? total / n : null,
      handled: n,
      unanswered: state.unanswered,
      components,
      handleTime: readDurations(state.handleTimes, this.target, this.rates),
      excluded: readExclusions(state.excluded),
    };
  }
}

/**
 * AHT as a mergeable fold ({@link Metric}). See {@link aht} for the definition.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = ahtMetric();
 * const state = metric.init();
 * metric.add(state, { answered: 0, talk: 240_000, hold: 0, afterCallWork: 60_000 });
 * metric.result(state).aht;
 * // => 300000
 * ```
 */
export function ahtMetric<T extends Contact = Contact>(options: AhtOptions<T> = {}): Metric<T, AhtState, AhtResult> {
  return new AhtMetric<T>(options);
}

/**
 * Average handle time: the time agents spend on a contact, per handled contact.
 *
 * `AHT = Σ (talk + hold + after-call work) / handled contacts`, in ms. The components are
 * configurable; the result gives each component's mean too, and the means add up to AHT. Only
 * handled contacts count: unanswered ones (abandoned, flowed out, waiting) are counted apart in
 * `unanswered`, never averaged in as zeros. A component the record leaves out (`null`/absent) counts
 * as 0 for that contact and is counted in `components[name].missing`. The median, p90 and p95 of
 * handle time come with it, since handle times are skewed.
 *
 * Default components follow Genesys Cloud's definition of AHT for inbound interactions (talk + hold
 * + after-call work over interactions handled); for outbound it adds dialing and contacting time,
 * which you add as components.
 *
 * Bad input: a component that is not a duration from 0 to 100 years throws `INVALID_VALUE` naming the
 * record and the component, or with `onInvalid: "skip"` leaves the whole record out, counted in
 * `excluded`.
 *
 * @example
 * ```ts
 * const result = aht([
 *   { answered: "2026-03-02T09:00:20Z", talk: 300_000, hold: 60_000, afterCallWork: 60_000 },
 *   { answered: "2026-03-02T09:05:00Z", talk: 180_000, hold: 0, afterCallWork: 0 },
 *   { arrived: "2026-03-02T09:07:00Z", ended: "2026-03-02T09:08:00Z" },
 * ]);
 * [result.aht, result.handled, result.unanswered, result.components.talk?.mean];
 * // => [300000, 2, 1, 240000]
 * ```
 */
export function aht<T extends Contact = Contact>(contacts: Iterable<T>, options: AhtOptions<T> = {}): AhtResult {
  const metric = ahtMetric(options);
  return metric.result(fold(metric, contacts));
}
