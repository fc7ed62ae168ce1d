import type { Estimate } from "../core/estimate.ts";
import { fold, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkChoice, checkOnInvalid, checkOptions, NOT_A_RECORD, readAccessor, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Contact, Instant } from "../core/records.ts";
import { checkDefinition, checkPart, isCount } from "../core/state.ts";
import { intervalSettings, PROPORTION_METHODS, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { checkDurationOption } from "../time/duration.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import { checkAsOf, INSTANT_FIELD_EXPECTED, instantOrNaN } from "./internal/instants.ts";
import type { ExclusionState, Exclusions } from "./ops-types.ts";

/**
 * How first contacts whose repeat window is still open at `asOf` are judged:
 * - `"pending"` (default): pending, whether or not a repeat has already come. Counting the early
 *   failures while the successes cannot be known yet would bias the rate of the last window down.
 * - `"count-repeats"`: unresolved as soon as a repeat has come, pending otherwise (the rule of
 *   reports that judge every contact as soon as they can).
 *
 * @category Operations
 * @example
 * ```ts
 * const rule: OpenWindows = "pending";
 * ```
 */
export type OpenWindows = "pending" | "count-repeats";

const REPEAT_KEYS: readonly string[] = ["key", "at", "window", "asOf", "openWindows", "level", "interval", "onInvalid"];

/**
 * Options of {@link repeatContactFcr} and {@link repeatContactFcrMetric}, with the shared `level`, `interval` (default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: RepeatContactOptions = { window: "3d", key: (c) => `${c.customerId}|${c.reason}` };
 * ```
 */
export interface RepeatContactOptions<T = Contact> extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions {
  /**
   * The key contacts repeat on: the customer, or customer and reason (`c => \`${c.customerId}|${c.reason}\``);
   * a function or a field name. A contact without a key (`null`/`undefined`) is counted in
   * `missingKey` and in no rate.
   * @defaultValue `"customerId"`
   */
  readonly key?: Reader<T, string | number | null | undefined>;
  /**
   * When the contact happened: a function or a field name.
   * @defaultValue `"arrived"`
   */
  readonly at?: Reader<T, Instant | null | undefined>;
  /**
   * The repeat window W: a contact within W after another of the same key is a repeat. Milliseconds
   * or a string with a unit (`"7d"`, `"24h"`).
   * @defaultValue 604_800_000 (7 days)
   */
  readonly window?: number | string;
  /**
   * The instant the data is complete to: a first contact whose window ends after it is pending.
   * @defaultValue the latest contact in the data
   */
  readonly asOf?: Instant;
  /**
   * How first contacts whose window is still open at `asOf` are judged.
   * @defaultValue "pending"
   */
  readonly openWindows?: OpenWindows;
}

/**
 * The result of {@link repeatContactFcr}.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: RepeatContactResult = repeatContactFcr(contacts);
 * ```
 */
export interface RepeatContactResult {
  /** Resolved share of the judged first contacts, in percent, with its interval (Wilson by default); `null` when none. The headline. */
  readonly rate: Estimate<ProportionIntervalMethod> | null;
  /** First contacts with no contact of the same key within W after them. */
  readonly resolved: number;
  /** First contacts followed by another of the same key within W. */
  readonly unresolved: number;
  /** First contacts whose window is still open at `asOf` (with `openWindows: "count-repeats"`, only those with no repeat yet): not in the rate. */
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
  /** The rule used for open windows. */
  readonly openWindows: OpenWindows;
  /** Contacts left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link repeatContactFcrMetric}: every contact's key, instant and input position.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: RepeatContactState = repeatContactFcrMetric().init();
 * ```
 */
export interface RepeatContactState {
  /** Always `"repeatContactFcr()"`: the state holds every contact, judged only in `result`. */
  readonly definition: string;
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
  readonly headline = "rate";
  private readonly definition = "repeatContactFcr()";
  private readonly key: Accessor<T, unknown>;
  private readonly at: Accessor<T, unknown>;
  /** The field named in errors: `arrived` when read by default, `at` when read by your accessor. */
  private readonly atField: string;
  private readonly window: number;
  private readonly asOf: number | undefined;
  private readonly countRepeats: boolean;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  constructor(options: RepeatContactOptions<T> | undefined) {
    const o = checkOptions(this.name, options, REPEAT_KEYS);
    this.key = readAccessor<T, unknown>(this.name, "key", o["key"] ?? "customerId") as Accessor<T, unknown>;
    this.at = readAccessor<T, unknown>(this.name, "at", o["at"] ?? "arrived") as Accessor<T, unknown>;
    this.atField = o["at"] === undefined ? "arrived" : typeof o["at"] === "string" ? o["at"] : "at";
    this.window = checkDurationOption(this.name, "window", o["window"], SEVEN_DAYS);
    this.asOf = checkAsOf(this.name, o["asOf"]);
    this.countRepeats = checkChoice(this.name, "openWindows", o["openWindows"], ["pending", "count-repeats"], "pending") === "count-repeats";
    this.rates = intervalSettings(this.name, o, PROPORTION_METHODS, "wilson");
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
  }

  init(): RepeatContactState {
    return { definition: this.definition, keys: new Map(), keyList: [], ids: [], times: [], order: [], latest: -Infinity, missingKey: 0, excluded: exclusionState() };
  }

  add(state: RepeatContactState, contact: T, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? state.ids.length + state.missingKey + state.excluded.count;
    const raw = this.at(contact, i);
    if (raw === NOT_A_RECORD) return reject(this.name, this.skip, state.excluded, i, "record", contact, RECORD_EXPECTED);
    const t = instantOrNaN(raw);
    if (Number.isNaN(t)) return reject(this.name, this.skip, state.excluded, i, this.atField, raw, INSTANT_FIELD_EXPECTED);
    const key = this.key(contact, i);
    if (key === NOT_A_RECORD) return reject(this.name, this.skip, state.excluded, i, "record", contact, RECORD_EXPECTED);
    if (key == null) {
      state.missingKey++;
      return;
    }
    if (typeof key !== "string" && !(typeof key === "number" && Number.isFinite(key))) {
      return reject(this.name, this.skip, state.excluded, i, "key", key, "a string or a finite number (or null when unknown)");
    }
    state.ids.push(idOf(state, key));
    state.times.push(t);
    state.order.push(i);
    if (t > state.latest) state.latest = t;
  }

  merge(into: RepeatContactState, other: RepeatContactState): void {
    this.check(into, "into");
    this.check(other, "other");
    const n = other.ids.length;
    const map = other.keyList.map((key) => idOf(into, key));
    for (let i = 0; i < n; i++) {
      into.ids.push(map[other.ids[i] as number] as number);
      into.times.push(other.times[i] as number);
      into.order.push(other.order[i] as number);
    }
    if (other.latest > into.latest) into.latest = other.latest;
    into.missingKey += other.missingKey;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: RepeatContactState): RepeatContactResult {
    this.check(state, "state");
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
      const repeated = next >= 0 && ids[next] === ids[i] && (times[next] as number) - (times[i] as number) <= this.window;
      const closed = (times[i] as number) + this.window <= (asOf as number);
      if (!closed && !(repeated && this.countRepeats)) pending++;
      else if (repeated) unresolved++;
      else resolved++;
    }
    return {
      rate: rateEstimate(resolved, resolved + unresolved, this.rates),
      resolved,
      unresolved,
      pending,
      firstContacts: first,
      repeats: n - first,
      contacts: n,
      missingKey: state.missingKey,
      window: this.window,
      asOf,
      openWindows: this.countRepeats ? "count-repeats" : "pending",
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: RepeatContactState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const n = Array.isArray(state.ids) ? state.ids.length : -1;
    const ok =
      state.keys instanceof Map &&
      Array.isArray(state.keyList) &&
      state.keys.size === state.keyList.length &&
      Array.isArray(state.times) &&
      Array.isArray(state.order) &&
      state.times.length === n &&
      state.order.length === n &&
      typeof state.latest === "number" &&
      isCount(state.missingKey) &&
      isExclusionState(state.excluded);
    checkPart(ok, this.name, this.definition, state, "contacts");
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
 * Repeat-contact FCR as a mergeable fold ({@link Metric}). See {@link repeatContactFcr}. Its headline is `rate`.
 *
 * The state keeps each contact's key, instant and index (the judgement needs the neighbours of each
 * contact, so it happens in `result`, O(n log n)). Pass the record's position in the whole input as
 * `index` (batch functions and `groupBy` do) so equal instants keep input order across merged states.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = repeatContactFcrMetric({ window: 10 });
 * const state = metric.init();
 * metric.add(state, { customerId: "a", arrived: 0 });
 * metric.add(state, { customerId: "b", arrived: 5 });
 * metric.add(state, { customerId: "a", arrived: 30 });
 * metric.result(state).rate?.value;
 * // => 100
 * ```
 */
export function repeatContactFcrMetric<T = Contact>(options?: RepeatContactOptions<T>): Metric<T, RepeatContactState, RepeatContactResult> {
  return new RepeatContactMetric<T>(options);
}

/**
 * First-contact resolution from contact logs, by repeat contacts: did the customer have to come back?
 *
 * Per key (the customer by default, or customer and reason), with window W (7 days by default) and
 * contacts in time order (equal instants in input order):
 * - a contact is a *first contact* when no contact of the same key happened within W before it
 *   (elapsed ≤ W); otherwise it is a *repeat*;
 * - a first contact whose window (t + W) ends after `asOf` (default: the latest contact) is *pending*:
 *   its outcome is not known yet. With `openWindows: "count-repeats"`, one whose repeat has already
 *   come is unresolved instead (biased: the early failures are counted before the successes can be);
 * - a first contact whose window has closed is *resolved* when no contact of the same key follows
 *   within W after it, *unresolved* when one does;
 * - `rate = resolved / (resolved + unresolved)`, in percent, an {@link Estimate} with a Wilson
 *   interval. Pending first contacts are counted, not guessed.
 *
 * Seven days is a common repeat window; teams use anything from 24 hours to 30 days, so set
 * `window` to match your own reporting. See docs/metrics.md for the choices made.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for an invalid instant or a key that is not a string
 * or number, unless `onInvalid: "skip"`.
 * @category Operations
 * @example
 * ```ts
 * const day = 86_400_000;
 * const result = repeatContactFcr([
 *   { customerId: "ann", arrived: 0 },
 *   { customerId: "ann", arrived: 2 * day },  // repeat: Ann's first contact was not resolved
 *   { customerId: "bob", arrived: 1 * day },  // nobody else from Bob: resolved
 *   { customerId: "cat", arrived: 20 * day }, // window still open at asOf = day 20: pending
 * ]);
 * [result.rate?.value, result.firstContacts, result.repeats, result.pending];
 * // => [50, 3, 1, 1]
 * ```
 */
export function repeatContactFcr<T = Contact>(contacts: Iterable<T>, options?: RepeatContactOptions<T>): RepeatContactResult {
  const metric = repeatContactFcrMetric(options);
  return metric.result(fold(metric, contacts));
}
