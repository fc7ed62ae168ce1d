import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type Metric } from "../core/metric.ts";
import { checkFunction, type OnInvalid } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import type { Interval } from "../stats/interval.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";
import type { Instant } from "../time/instant.ts";
import type { Exclusions } from "./duration-types.ts";
import {
  checkAsOf,
  checkDurationOption,
  exclusionState,
  INSTANT_FIELD_EXPECTED,
  instantOrNaN,
  mergeExclusions,
  rateSettings,
  readExclusions,
  reject,
  shareOf,
  skips,
  type ExclusionState,
  type RateSettings,
} from "./internal/ops.ts";

/** Options of {@link repeatContactFcr} and {@link repeatContactFcrMetric}. */
export interface RepeatContactOptions<T = Contact> {
  /**
   * The key contacts repeat on: the customer, or customer and reason (`c => \`${c.customerId}|${c.reason}\``).
   * A contact without a key (`null`/`undefined`) is counted in `missingKey` and in no rate.
   * @defaultValue `c => c.customerId`
   */
  readonly key?: Accessor<T, string | number | null | undefined>;
  /**
   * When the contact happened.
   * @defaultValue `c => c.arrived`
   */
  readonly at?: Accessor<T, Instant | null | undefined>;
  /**
   * The repeat window W in ms: a contact within W after another of the same key is a repeat.
   * @defaultValue 604_800_000 (7 days)
   */
  readonly window?: number;
  /**
   * The instant the data is complete to: a first contact whose window ends after it is pending.
   * @defaultValue the latest contact in the data
   */
  readonly asOf?: Instant;
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
   * Throw on an invalid instant or key, or skip the contact and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/**
 * The result of {@link repeatContactFcr}.
 *
 * @example
 * ```ts
 * const result: RepeatContactResult = repeatContactFcr(contacts);
 * ```
 */
export interface RepeatContactResult {
  /** Resolved share of first contacts whose window has closed, in percent; `null` when none. */
  readonly rate: number | null;
  /** First contacts with no contact of the same key within W after them. */
  readonly resolved: number;
  /** First contacts followed by another of the same key within W. */
  readonly unresolved: number;
  /** First contacts with no follower yet but whose window is still open at `asOf`: not in the rate. */
  readonly pending: number;
  /** Contacts with no contact of the same key within W before them. */
  readonly firstContacts: number;
  /** Contacts within W after another of the same key. */
  readonly repeats: number;
  /** Contacts with a key and a valid instant. */
  readonly contacts: number;
  /** Contacts without a key: in no count above. */
  readonly missingKey: number;
  /** The window W, ms. */
  readonly window: number;
  /** The instant windows were judged at (epoch ms); `null` when there are no contacts. */
  readonly asOf: number | null;
  /** Plug-in standard error of `rate`, in points; `null` when empty. */
  readonly standardError: number | null;
  /** Interval of `rate` (Wilson by default); `null` when empty. */
  readonly interval: Interval<ProportionIntervalMethod> | null;
  /** Contacts left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/** The fold state of {@link repeatContactFcrMetric}: every contact's key, instant and input position. */
export interface RepeatContactState {
  /** Key to a small integer id. */
  keys: Map<string | number, number>;
  /** Id to key, so merges can map ids across states. */
  keyList: (string | number)[];
  /** Each contact's key id. */
  ids: number[];
  /** Each contact's instant, epoch ms. */
  times: number[];
  /** The index each contact was added with: equal instants keep input order. */
  order: number[];
  /** The latest instant seen (the default `asOf`). */
  latest: number;
  /** Contacts without a key. */
  missingKey: number;
  /** Contacts skipped as invalid. */
  excluded: ExclusionState;
}

const SEVEN_DAYS = 7 * 86_400_000;

class RepeatContactMetric<T> implements Metric<T, RepeatContactState, RepeatContactResult> {
  readonly name = "repeatContactFcr";
  private readonly key: Accessor<T, unknown>;
  private readonly at: Accessor<T, unknown>;
  /** The field named in errors: `arrived` when read by default, `at` when read by your accessor. */
  private readonly atField: string;
  private readonly window: number;
  private readonly asOf: number | undefined;
  private readonly rates: RateSettings;
  private readonly skip: boolean;

  constructor(options: RepeatContactOptions<T>) {
    checkFunction(this.name, "key", options.key);
    checkFunction(this.name, "at", options.at);
    this.key = options.key ?? ((c: T) => (c as Contact).customerId);
    this.at = options.at ?? ((c: T) => (c as Contact).arrived);
    this.atField = options.at === undefined ? "arrived" : "at";
    this.window = checkDurationOption(this.name, "window", options.window, SEVEN_DAYS);
    this.asOf = checkAsOf(this.name, options.asOf);
    this.rates = rateSettings(this.name, options.level, options.interval);
    this.skip = skips(this.name, options.onInvalid);
  }

  init(): RepeatContactState {
    return { keys: new Map(), keyList: [], ids: [], times: [], order: [], latest: -Infinity, missingKey: 0, excluded: exclusionState() };
  }

  add(state: RepeatContactState, contact: T, index: number = state.ids.length + state.missingKey + state.excluded.count): void {
    const raw = this.at(contact, index);
    const t = instantOrNaN(raw);
    if (Number.isNaN(t)) return reject(this.name, this.skip, state.excluded, index, this.atField, raw, INSTANT_FIELD_EXPECTED);
    const key = this.key(contact, index);
    if (key == null) {
      state.missingKey++;
      return;
    }
    if (typeof key !== "string" && !(typeof key === "number" && Number.isFinite(key))) {
      return reject(this.name, this.skip, state.excluded, index, "key", key, "a string or a finite number (or null when unknown)");
    }
    state.ids.push(idOf(state, key));
    state.times.push(t);
    state.order.push(index);
    if (t > state.latest) state.latest = t;
  }

  merge(into: RepeatContactState, other: RepeatContactState): void {
    const map = other.keyList.map((key) => idOf(into, key));
    for (let i = 0; i < other.ids.length; i++) {
      into.ids.push(map[other.ids[i] as number] as number);
      into.times.push(other.times[i] as number);
      into.order.push(other.order[i] as number);
    }
    if (other.latest > into.latest) into.latest = other.latest;
    into.missingKey += other.missingKey;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: RepeatContactState): RepeatContactResult {
    const { ids, times, order } = state;
    const n = ids.length;
    const asOf = this.asOf ?? (n > 0 ? state.latest : null);
    const sorted = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (ids[a] as number) - (ids[b] as number) || (times[a] as number) - (times[b] as number) || (order[a] as number) - (order[b] as number),
    );
    let first = 0;
    let resolved = 0;
    let unresolved = 0;
    let pending = 0;
    for (let p = 0; p < n; p++) {
      const i = sorted[p] as number;
      const prev = p > 0 ? (sorted[p - 1] as number) : -1;
      if (prev >= 0 && ids[prev] === ids[i] && (times[i] as number) - (times[prev] as number) <= this.window) continue;
      first++;
      const next = p + 1 < n ? (sorted[p + 1] as number) : -1;
      if (next >= 0 && ids[next] === ids[i] && (times[next] as number) - (times[i] as number) <= this.window) unresolved++;
      else if ((times[i] as number) + this.window <= (asOf as number)) resolved++;
      else pending++;
    }
    const share = shareOf(resolved, resolved + unresolved, this.rates);
    return {
      rate: share.share,
      resolved,
      unresolved,
      pending,
      firstContacts: first,
      repeats: n - first,
      contacts: n,
      missingKey: state.missingKey,
      window: this.window,
      asOf,
      standardError: share.standardError,
      interval: share.interval,
      excluded: readExclusions(state.excluded),
    };
  }
}

function idOf(state: RepeatContactState, key: string | number): number {
  let id = state.keys.get(key);
  if (id === undefined) {
    id = state.keyList.length;
    state.keys.set(key, id);
    state.keyList.push(key);
  }
  return id;
}

/**
 * Repeat-contact FCR as a mergeable fold ({@link Metric}). See {@link repeatContactFcr}.
 *
 * The state keeps each contact's key, instant and index (the judgement needs the neighbours of each
 * contact, so it happens in `result`, O(n log n)). Pass the record's position in the whole input as
 * `index` (batch functions and `groupBy` do) so equal instants keep input order across merged states.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = repeatContactFcrMetric({ window: 10 });
 * const state = metric.init();
 * metric.add(state, { customerId: "a", arrived: 0 });
 * metric.add(state, { customerId: "b", arrived: 5 });
 * metric.add(state, { customerId: "a", arrived: 30 });
 * metric.result(state).rate;
 * // => 100
 * ```
 */
export function repeatContactFcrMetric<T = Contact>(options: RepeatContactOptions<T> = {}): Metric<T, RepeatContactState, RepeatContactResult> {
  if (options === null || typeof options !== "object") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: "repeatContactFcr", field: "options", value: options, expected: "an object or undefined" });
  }
  return new RepeatContactMetric<T>(options);
}

/**
 * First-contact resolution from contact logs, by repeat contacts: did the customer have to come back?
 *
 * Per key (the customer by default, or customer and reason), with window W (7 days by default) and
 * contacts in time order (equal instants in input order):
 * - a contact is a *first contact* when no contact of the same key happened within W before it
 *   (elapsed ≤ W); otherwise it is a *repeat*;
 * - a first contact is *resolved* when no contact of the same key follows within W after it,
 *   *unresolved* when one does, and *pending* when none has yet but its window (t + W) ends after
 *   `asOf` (default: the latest contact);
 * - `rate = resolved / (resolved + unresolved)`, in percent, with a Wilson interval. Pending first
 *   contacts are counted, not guessed.
 *
 * Seven days is a common repeat window; teams use anything from 24 hours to 30 days, so set
 * `window` to match your own reporting. See docs/metrics.md for the choices made.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for an invalid instant or a key that is not a string
 * or number, unless `onInvalid: "skip"`.
 * @example
 * ```ts
 * const day = 86_400_000;
 * const result = repeatContactFcr([
 *   { customerId: "ann", arrived: 0 },
 *   { customerId: "ann", arrived: 2 * day },  // repeat: Ann's first contact was not resolved
 *   { customerId: "bob", arrived: 1 * day },  // nobody else from Bob: resolved
 *   { customerId: "cat", arrived: 20 * day }, // window still open at asOf = day 20: pending
 * ]);
 * [result.rate, result.firstContacts, result.repeats, result.pending];
 * // => [50, 3, 1, 1]
 * ```
 */
export function repeatContactFcr<T = Contact>(contacts: Iterable<T>, options: RepeatContactOptions<T> = {}): RepeatContactResult {
  const metric = repeatContactFcrMetric(options);
  return metric.result(fold(metric, contacts));
}
