import { CxMetricsError } from "../core/errors.ts";
import { checkMetric, isArrayLike, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkOnInvalid, checkOptions, NOT_A_RECORD, readAccessor, type InvalidOptions } from "../core/options.ts";
import type { Instant } from "../core/records.ts";
import { exclusionState, readExclusions, RECORD_EXPECTED, reject } from "../metrics/internal/exclusions.ts";
import { INSTANT_FIELD_EXPECTED, instantOrNaN } from "../metrics/internal/instants.ts";
import type { ExclusionState, Exclusions } from "../metrics/ops-types.ts";
import { epochMsOrNaN } from "../time/instant.ts";
import { listPeriods, PeriodIndex, PeriodScheme, type IsoWeekday, type Period, type PeriodOptions, type PeriodUnit } from "../time/period.ts";
import { inZonedRange } from "../time/zone.ts";

/**
 * Options of {@link series}: which instant places a record, the periods, and an optional range.
 *
 * @category Trends
 * @example
 * ```ts
 * const options: SeriesOptions<{ respondedAt: number }> = { at: "respondedAt", period: "month", timeZone: "Europe/Berlin" };
 * ```
 */
export interface SeriesOptions<R> extends PeriodOptions, InvalidOptions {
  /**
   * The instant that places a record in a period, as a function or a field name: when the survey was
   * answered, the contact arrived, the ticket was solved. Yours to choose; there is no default.
   */
  readonly at: Reader<R, Instant | null | undefined>;
  /**
   * First instant of the range (inclusive). Records before it are counted in `outside`; the first
   * period listed is the one holding `from`. Without it, the series starts at the first record's period.
   */
  readonly from?: Instant;
  /**
   * End of the range (exclusive). Records at or after it are counted in `outside`; the last period
   * listed is the one holding the instant just before `to`. Without it, the series ends at the last
   * record's period.
   */
  readonly to?: Instant;
}

/**
 * Options of {@link seriesBy}: those of {@link series} and the segment key.
 *
 * @category Trends
 * @example
 * ```ts
 * const options: SeriesByOptions<{ at: number; channel: string }, string> = { at: "at", period: "week", by: "channel" };
 * ```
 */
export interface SeriesByOptions<R, K> extends SeriesOptions<R> {
  /** The segment of a record (team, channel, agent, ...), as a function or a field name. Keys compare as `Map` keys. */
  readonly by: Reader<R, K>;
}

/**
 * One period of a {@link Series}: the {@link Period} with the records placed in it, the metric's result
 * and its state (to merge further: across shards, segments or windows).
 *
 * @category Trends
 * @example
 * ```ts
 * const metric = npsMetric();
 * const point: SeriesPoint<NpsResult, RatingState> = { label: "2026-03", start: 0, end: 1, count: 0, result: metric.result(metric.init()), state: metric.init() };
 * ```
 */
export interface SeriesPoint<O, S> extends Period {
  /** Records placed in the period (valid or not for the metric: the metric's own result counts what it used). */
  readonly count: number;
  /** The metric's result for the period; estimates are `null` when it has no data. */
  readonly result: O;
  /** The fold state behind `result`. */
  readonly state: S;
}

/**
 * A metric per local period: every period of the range in time order, empty periods included (count
 * 0, estimates `null`), so a chart shows gaps as gaps.
 *
 * @category Trends
 * @example
 * ```ts
 * const s: Series<NpsResult, RatingState> = series(npsMetric({ value: "nps" }), responses, { at: "respondedAt", period: "month" });
 * ```
 */
export interface Series<O, S, P extends SeriesPoint<O, S> = SeriesPoint<O, S>> {
  /** The period unit. */
  readonly period: PeriodUnit;
  /** The time zone the periods are local to (canonical IANA name). */
  readonly timeZone: string;
  /** First day of a week (1 = Monday); 1 unless `period` is `"week"`. */
  readonly weekStartsOn: IsoWeekday;
  /** The periods, in time order. */
  readonly periods: readonly P[];
  /** Records placed in a period. */
  readonly total: number;
  /** Records whose instant lies outside `[from, to)`. */
  readonly outside: number;
  /** Records left out because their instant was missing or invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

const SERIES_KEYS: readonly string[] = ["at", "period", "timeZone", "weekStartsOn", "from", "to", "onInvalid"];
const SERIES_BY_KEYS: readonly string[] = [...SERIES_KEYS, "by"];

/** States and counts per period key, in an array that grows at either end. */
class Slots<S> {
  base = 0;
  states: (S | undefined)[] = [];
  counts: number[] = [];
  /** The lowest and highest keys that hold a record (the arrays may reach further). */
  lo = Infinity;
  hi = -Infinity;

  /** Index of `key`, growing the arrays to hold it. */
  indexOf(key: number): number {
    if (key < this.lo) this.lo = key;
    if (key > this.hi) this.hi = key;
    if (this.states.length === 0) {
      this.base = key;
      this.states.push(undefined);
      this.counts.push(0);
      return 0;
    }
    let j = key - this.base;
    if (j < 0) {
      const add = Math.max(-j, this.states.length);
      this.states = [...new Array<S | undefined>(add).fill(undefined), ...this.states];
      this.counts = [...new Array<number>(add).fill(0), ...this.counts];
      this.base -= add;
      j += add;
    }
    while (j >= this.states.length) {
      this.states.push(undefined);
      this.counts.push(0);
    }
    return j;
  }

}

interface Settings<R> {
  readonly scheme: PeriodScheme;
  readonly index: PeriodIndex;
  readonly at: Accessor<R, unknown>;
  readonly atField: string;
  readonly skip: boolean;
  readonly from: number;
  readonly to: number;
  readonly hasFrom: boolean;
  readonly hasTo: boolean;
  /** Whether `from` or `to` was given: the range check is skipped otherwise. */
  readonly bounded: boolean;
}

function readSettings<R>(fn: string, o: Readonly<Record<string, unknown>>): Settings<R> {
  if (o["at"] === undefined) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "at", value: undefined, expected: 'the instant that places a record, a function or a field name such as "respondedAt"' });
  }
  const at = readAccessor<R, unknown>(fn, "at", o["at"]) as Accessor<R, unknown>;
  const scheme = new PeriodScheme(fn, o);
  const bound = (field: string): number | undefined => {
    const v = o[field];
    if (v === undefined) return undefined;
    const t = epochMsOrNaN(v);
    if (!inZonedRange(t)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: v, expected: "an instant from 1800 to 2400 (Date, epoch ms or ISO 8601 with an offset)" });
    return t;
  };
  const from = bound("from");
  const to = bound("to");
  if (from !== undefined && to !== undefined && !(to > from)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "to", value: o["to"], expected: "an instant after `from`" });
  }
  return {
    scheme,
    index: new PeriodIndex(scheme),
    at,
    atField: typeof o["at"] === "string" ? o["at"] : "at",
    skip: checkOnInvalid(fn, o["onInvalid"]),
    from: from ?? -Infinity,
    to: to ?? Infinity,
    hasFrom: from !== undefined,
    hasTo: to !== undefined,
    bounded: from !== undefined || to !== undefined,
  };
}

interface Tally {
  placed: number;
  outside: number;
  readonly excluded: ExclusionState;
}

/**
 * One series being folded: places each record in its period and adds it to that period's state. A
 * class with one `add`, so the fold loop's call site stays monomorphic and V8 can inline it.
 */
class SeriesFold<R, S> {
  readonly slots = new Slots<S>();
  readonly tally: Tally = { placed: 0, outside: 0, excluded: exclusionState() };

  constructor(
    private readonly fn: string,
    private readonly metric: Metric<R, S, unknown>,
    private readonly s: Settings<R>,
  ) {}

  add(record: R, i: number): void {
    const s = this.s;
    const raw = s.at(record, i);
    if (raw === NOT_A_RECORD) return reject(this.fn, s.skip, this.tally.excluded, i, "record", record, RECORD_EXPECTED);
    const t = instantOrNaN(raw);
    if (t !== t) return reject(this.fn, s.skip, this.tally.excluded, i, s.atField, raw, INSTANT_FIELD_EXPECTED);
    // Records placed are counted per period (`slots.counts`) and summed at the end.
    if (s.bounded && (t < s.from || t >= s.to)) {
      this.tally.outside++;
      return;
    }
    const key = s.index.keyOf(t);
    const slots = this.slots;
    let j = key - slots.base;
    let state = j >= 0 && j < slots.states.length ? slots.states[j] : undefined;
    if (state === undefined) {
      j = slots.indexOf(key);
      state = this.metric.init();
      slots.states[j] = state;
    }
    slots.counts[j] = (slots.counts[j] as number) + 1;
    this.metric.add(state, record, i);
  }
}

function sum(counts: readonly number[]): number {
  let total = 0;
  for (const c of counts) total += c;
  return total;
}

function checkRecords(fn: string, records: unknown): void {
  if (isArrayLike(records)) return;
  if (records === null || typeof records !== "object" || typeof (records as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "records", value: records, expected: "an array or another iterable of records" });
  }
}

function buildSeries<I, S, O>(fn: string, metric: Metric<I, S, O>, s: Settings<unknown>, slots: Slots<S>, lo: number, hi: number, tally: Tally): Series<O, S> {
  const periods: SeriesPoint<O, S>[] = [];
  if (lo <= hi) {
    const list = listPeriods(fn, s.scheme, lo, hi);
    for (let k = 0; k < list.keys.length; k++) {
      const key = list.keys[k] as number;
      const j = key - slots.base;
      const inSlots = slots.states.length > 0 && j >= 0 && j < slots.states.length;
      const state = (inSlots ? slots.states[j] : undefined) ?? metric.init();
      const count = inSlots ? (slots.counts[j] as number) : 0;
      periods.push({ ...(list.periods[k] as Period), count, result: metric.result(state), state });
    }
  }
  return {
    period: s.scheme.unit,
    timeZone: s.scheme.zone.timeZone,
    weekStartsOn: s.scheme.weekStartsOn,
    periods,
    total: tally.placed,
    outside: tally.outside,
    excluded: readExclusions(tally.excluded),
  };
}

function rangeOf(s: Settings<unknown>, lo: number, hi: number): [number, number] {
  return [s.hasFrom ? s.scheme.keyOf(s.from) : lo, s.hasTo ? s.scheme.keyOf(s.to - 1) : hi];
}

/**
 * Any metric per local period (hour, day, week, month, quarter, half-year, year) in the center's time
 * zone: `series(npsMetric({ value: "nps" }), responses, { at: "respondedAt", period: "month",
 * timeZone: "Europe/Berlin" })`.
 *
 * Every period of the range is listed in time order, with its label, start, end, record count, the
 * metric's result and its state; a period without records is present with count 0 and the result of
 * an empty state (estimates `null`). The range runs from the first to the last record's period, or
 * over `[from, to)` when given. A record's period is that of its `at` instant read in `timeZone` (see
 * {@link Period} for DST days and labels). Nothing is dropped silently: `total + outside +
 * excluded.count` is the number of records.
 *
 * Merging the states of all periods gives the metric over all placed records (a property test checks
 * it for every metric). Cost: one pass; per record, a read of `at`, a period lookup in a typed-array
 * table (no `Map`, no `Intl`; see `PeriodIndex`) and one `add`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing `at` or `period`, bad period options or
 * range; `INVALID_VALUE` naming the record's index and field for a missing or invalid instant (unless
 * `onInvalid: "skip"`, which counts it); errors of `metric.add`.
 * @category Trends
 * @example
 * ```ts
 * const monthly = series(npsMetric({ value: "nps" }), [
 *   { respondedAt: "2026-01-15T10:00:00Z", nps: 10 },
 *   { respondedAt: "2026-03-02T10:00:00Z", nps: 3 },
 * ], { at: "respondedAt", period: "month", timeZone: "Europe/Berlin" });
 * monthly.periods.map((p) => [p.label, p.count, p.result.score?.value ?? null]);
 * // => [["2026-01", 1, 100], ["2026-02", 0, null], ["2026-03", 1, -100]]
 * ```
 */
export function series<R extends I, I, S, O>(metric: Metric<I, S, O>, records: Iterable<R>, options: SeriesOptions<R>): Series<O, S> {
  const fn = "series";
  checkMetric(fn, "metric", metric);
  const s = readSettings<R>(fn, checkOptions(fn, options, SERIES_KEYS));
  // Checks the metric's states before the loop, as foldInto does.
  metric.merge(metric.init(), metric.init());
  checkRecords(fn, records);
  const f = new SeriesFold<R, S>(fn, metric as unknown as Metric<R, S, unknown>, s);
  if (isArrayLike<R>(records)) {
    // An indexed loop: `for...of` over an array compiles the body inside the iterator's cleanup block.
    for (let i = 0; i < records.length; i++) f.add(records[i] as R, i);
  } else {
    let i = 0;
    for (const record of records) f.add(record, i++);
  }
  const { slots, tally } = f;
  tally.placed = sum(slots.counts);
  const [lo, hi] = slots.states.length === 0 ? rangeOf(s as Settings<unknown>, 0, -1) : rangeOf(s as Settings<unknown>, slots.lo, slots.hi);
  return buildSeries(fn, metric, s as Settings<unknown>, slots, lo, hi, tally);
}

/**
 * A {@link series} folded from records that arrive one at a time (a stream read row by row), for
 * callers that cannot hold the records: `add` each record, then `result` once. Internal: the report
 * builder's one-pass fold; the public functions take iterables.
 *
 * @internal
 */
export interface SeriesStream<R, O, S> {
  add(record: R, index: number): void;
  result(): Series<O, S>;
}

/** @internal See {@link SeriesStream}. */
export function seriesStream<R, S, O>(metric: Metric<R, S, O>, options: SeriesOptions<R>): SeriesStream<R, O, S> {
  const fn = "series";
  checkMetric(fn, "metric", metric);
  const s = readSettings<R>(fn, checkOptions(fn, options, SERIES_KEYS));
  metric.merge(metric.init(), metric.init());
  const f = new SeriesFold<R, S>(fn, metric as unknown as Metric<R, S, unknown>, s);
  return {
    add: (record, index) => f.add(record, index),
    result: () => {
      const { slots, tally } = f;
      tally.placed = sum(slots.counts);
      const [lo, hi] = slots.states.length === 0 ? rangeOf(s as Settings<unknown>, 0, -1) : rangeOf(s as Settings<unknown>, slots.lo, slots.hi);
      return buildSeries(fn, metric, s as Settings<unknown>, slots, lo, hi, tally);
    },
  };
}

/**
 * A {@link series} per segment (team × month, channel × week) in one pass. Every segment's series
 * covers the same periods (the range of all records, or `[from, to)`), so they line up as columns;
 * states are kept for merging further. Segments appear in the order their first record does.
 *
 * Cost: one pass, one `Map` lookup per record on top of {@link series}.
 *
 * @throws {@link CxMetricsError} as {@link series}; `INVALID_OPTION` for a missing `by`.
 * @category Trends
 * @example
 * ```ts
 * const byChannel = seriesBy(csatMetric({ value: "csat" }), [
 *   { at: "2026-03-02T10:00:00Z", channel: "chat", csat: 5 },
 *   { at: "2026-03-09T10:00:00Z", channel: "phone", csat: 2 },
 * ], { at: "at", period: "week", by: "channel" });
 * byChannel.get("chat")!.periods.map((p) => p.count);
 * // => [1, 0]
 * ```
 */
export function seriesBy<R extends I, I, S, O, const F extends keyof R & string>(metric: Metric<I, S, O>, records: Iterable<R>, options: SeriesOptions<R> & { readonly by: F }): Map<R[F], Series<O, S>>;
/** A series per segment, the segment read by a function. */
export function seriesBy<R extends I, I, S, O, K>(metric: Metric<I, S, O>, records: Iterable<R>, options: SeriesByOptions<R, K>): Map<K, Series<O, S>>;
export function seriesBy<R, S, O, K>(metric: Metric<R, S, O>, records: Iterable<R>, options: SeriesByOptions<R, K>): Map<K, Series<O, S>> {
  const fn = "seriesBy";
  checkMetric(fn, "metric", metric);
  const o = checkOptions(fn, options, SERIES_BY_KEYS);
  if (o["by"] === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "by", value: undefined, expected: 'the segment of a record, a function or a field name such as "channel"' });
  const by = readAccessor<R, K>(fn, "by", o["by"]) as Accessor<R, K>;
  const s = readSettings<R>(fn, o);
  metric.merge(metric.init(), metric.init());
  checkRecords(fn, records);
  const segments = new Map<K, SeriesFold<R, S>>();
  const one = (record: R, i: number): void => {
    const k = by(record, i);
    if ((k as unknown) === NOT_A_RECORD) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "record", index: i, value: record, expected: "an object (a record to read the segment from)" });
    let segment = segments.get(k);
    if (segment === undefined) {
      segment = new SeriesFold<R, S>(fn, metric as unknown as Metric<R, S, unknown>, s);
      segments.set(k, segment);
    }
    segment.add(record, i);
  };
  if (isArrayLike<R>(records)) {
    for (let i = 0; i < records.length; i++) one(records[i] as R, i);
  } else {
    let i = 0;
    for (const record of records) one(record, i++);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const { slots } of segments.values()) {
    if (slots.states.length === 0) continue;
    lo = Math.min(lo, slots.lo);
    hi = Math.max(hi, slots.hi);
  }
  const [a, b] = lo > hi ? rangeOf(s as Settings<unknown>, 0, -1) : rangeOf(s as Settings<unknown>, lo, hi);
  const out = new Map<K, Series<O, S>>();
  for (const [k, { slots, tally }] of segments) {
    tally.placed = sum(slots.counts);
    out.set(k, buildSeries(fn, metric, s as Settings<unknown>, slots, a, b, tally));
  }
  return out;
}

/**
 * Options of {@link rolling}: the window, in periods (`trailing`) or in local days (`days`). Exactly
 * one is given.
 *
 * @category Trends
 * @example
 * ```ts
 * const lastFourWeeks: RollingOptions = { trailing: 4 };
 * const last28Days: RollingOptions = { days: 28 };
 * ```
 */
export interface RollingOptions {
  /** Trailing window of this many periods, the current one included. */
  readonly trailing?: number;
  /** Trailing window of this many local days, today included (series of days or hours only). */
  readonly days?: number;
}

/**
 * One period of a {@link rolling} series: the window that ends with it.
 *
 * @category Trends
 * @example
 * ```ts
 * const metric = npsMetric();
 * const point: RollingPoint<NpsResult, RatingState> = { label: "2026-03", start: 0, end: 1, count: 0, result: metric.result(metric.init()), state: metric.init(), windowStart: 0, periodsInWindow: 1, complete: false };
 * ```
 */
export interface RollingPoint<O, S> extends SeriesPoint<O, S> {
  /** First instant of the window (the start of its earliest period). */
  readonly windowStart: number;
  /** Periods merged into the window. */
  readonly periodsInWindow: number;
  /** Whether the whole window lies within the series (false for the first periods, whose window reaches before it). */
  readonly complete: boolean;
}

/**
 * Rolling windows over a {@link Series}: for each period, the metric over the trailing window that ends
 * with it (the last 4 weeks, the last 28 days), by merging the periods' states, never by re-reading
 * records. `count` is the window's record count. The result equals a direct fold of the window's
 * records (a property test checks it).
 *
 * Windows at the start of the series reach before its first period: they are computed over what there
 * is and marked `complete: false`.
 *
 * Cost: O(periods × window) merges.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` unless exactly one of `periods` and `days` is a whole
 * number ≥ 1, for `days` on a series of weeks or longer, or when `input` is not a series of `metric`
 * (`INCOMPATIBLE_STATE` from the merge for a state of another metric).
 * @category Trends
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * const weekly = series(metric, [
 *   { at: "2026-03-02T10:00:00Z", nps: 10 },
 *   { at: "2026-03-09T10:00:00Z", nps: 0 },
 *   { at: "2026-03-16T10:00:00Z", nps: 0 },
 * ], { at: "at", period: "week" });
 * rolling(metric, weekly, { trailing: 2 }).periods.map((p) => p.result.score?.value);
 * // => [100, 0, -100]
 * ```
 */
export function rolling<I, S, O>(metric: Metric<I, S, O>, input: Series<O, S>, options: RollingOptions): Series<O, S, RollingPoint<O, S>> {
  const fn = "rolling";
  checkMetric(fn, "metric", metric);
  const o = checkOptions(fn, options, ["trailing", "days"]);
  const points = checkSeries(fn, "series", input);
  const byDays = o["days"] !== undefined;
  const size = byDays ? o["days"] : o["trailing"];
  if ((o["days"] === undefined) === (o["trailing"] === undefined) || typeof size !== "number" || !Number.isSafeInteger(size) || size < 1) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: byDays ? "days" : "trailing", value: size, expected: "exactly one of `trailing` (periods) and `days`, a whole number >= 1" });
  }
  if (byDays && input.period !== "day" && input.period !== "hour") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "days", value: size, expected: `a series of days or hours (this one is of ${input.period}s): use \`trailing\`` });
  }
  const scheme = new PeriodScheme(fn, { period: input.period, timeZone: input.timeZone, weekStartsOn: input.weekStartsOn });
  // The local day of each period, for windows in days.
  const dayOf = (p: Period): number => {
    const key = scheme.keyOf(p.start);
    return input.period === "hour" ? Math.floor(key / 24) : key;
  };
  const days = byDays ? points.map(dayOf) : [];
  const firstDay = days[0] ?? 0;
  const out: RollingPoint<O, S>[] = [];
  let first = 0;
  for (let j = 0; j < points.length; j++) {
    if (byDays) {
      while ((days[first] as number) < (days[j] as number) - size + 1) first++;
    } else {
      first = Math.max(0, j - size + 1);
    }
    const state = metric.init();
    let count = 0;
    for (let w = first; w <= j; w++) {
      const p = points[w] as SeriesPoint<O, S>;
      metric.merge(state, p.state);
      count += p.count;
    }
    const p = points[j] as SeriesPoint<O, S>;
    const complete = byDays ? (days[j] as number) - size + 1 >= firstDay : j - size + 1 >= 0;
    out.push({ label: p.label, start: p.start, end: p.end, count, result: metric.result(state), state, windowStart: (points[first] as SeriesPoint<O, S>).start, periodsInWindow: j - first + 1, complete });
  }
  return { ...input, periods: out };
}

/**
 * Checks that `value` looks like a {@link Series} and returns its periods.
 *
 * @category Trends
 */
export function checkSeries<O, S>(fn: string, field: string, value: unknown): readonly SeriesPoint<O, S>[] {
  const s = value as Series<O, S> | null;
  const ok =
    s !== null &&
    typeof s === "object" &&
    Array.isArray(s.periods) &&
    typeof s.timeZone === "string" &&
    typeof s.period === "string" &&
    s.periods.every((p) => p !== null && typeof p === "object" && typeof p.start === "number" && typeof p.end === "number" && typeof p.count === "number" && "state" in p);
  if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: "a series made by series(...) or seriesBy(...)" });
  return s.periods;
}

