import { CxMetricsError } from "../core/errors.ts";
import { checkOptions } from "../core/options.ts";
import type { Instant } from "../core/records.ts";
import { checkedEpochMs } from "./instant.ts";
import { DAY_MS, inZonedRange, isoWeekday, MINUTE_MS, parseLocalDate, ZoneOffsets } from "./zone.ts";

/**
 * One opening interval of a day in local wall-clock time, `["09:00", "17:30"]`; the end may be `"24:00"`.
 *
 * @category Time
 * @example
 * ```ts
 * const morning: OpeningInterval = ["09:00", "12:30"];
 * ```
 */
export type OpeningInterval = readonly [start: string, end: string];

/**
 * Opening hours per weekday; a day left out (or given `[]`) is closed.
 *
 * @category Time
 * @example
 * ```ts
 * const hours: WeeklyHours = { monday: [["09:00", "17:00"]], saturday: [["10:00", "14:00"]] };
 * ```
 */
export interface WeeklyHours {
  /** Monday's opening intervals. */
  readonly monday?: readonly OpeningInterval[];
  /** Tuesday's opening intervals. */
  readonly tuesday?: readonly OpeningInterval[];
  /** Wednesday's opening intervals. */
  readonly wednesday?: readonly OpeningInterval[];
  /** Thursday's opening intervals. */
  readonly thursday?: readonly OpeningInterval[];
  /** Friday's opening intervals. */
  readonly friday?: readonly OpeningInterval[];
  /** Saturday's opening intervals. */
  readonly saturday?: readonly OpeningInterval[];
  /** Sunday's opening intervals. */
  readonly sunday?: readonly OpeningInterval[];
}

/**
 * Options of {@link businessCalendar}.
 *
 * @category Time
 * @example
 * ```ts
 * const options: BusinessCalendarOptions = { timeZone: "Europe/Berlin", hours: { monday: [["09:00", "17:00"]] }, holidays: ["2026-12-25"] };
 * ```
 */
export interface BusinessCalendarOptions {
  /** The IANA time zone the opening hours and holidays are in, e.g. `"Europe/Berlin"`. */
  readonly timeZone: string;
  /** Weekly opening hours. */
  readonly hours: WeeklyHours;
  /**
   * Local dates (`"YYYY-MM-DD"`) on which the center is closed all day.
   * @defaultValue `[]`
   */
  readonly holidays?: readonly string[];
}

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const CLOCK = /^(\d{2}):(\d{2})$/;

/** Most days a calendar caches; far beyond any span of real records (600 years are about 219,000). */
const MAX_CACHED_DAYS = 250_000;

/**
 * A business calendar: weekly opening hours in an IANA time zone, with holidays. Built by
 * {@link businessCalendar}; pass it as the `businessHours` option of the time metrics, or ask it
 * directly for the business time between two instants.
 *
 * An instant is *open* when its local wall-clock time falls in an opening interval of its local date
 * and that date is not a holiday. Business time between two instants is the length of the open
 * instants between them, so it is exact across DST changes: a 00:00-24:00 day lasts 23 hours on the
 * spring-forward day and 25 on the fall-back day, and opening hours inside a skipped hour are simply
 * not there.
 *
 * Speed: `Intl` is called once per UTC day (plus a short bisection at each offset change), never per
 * record. Each local day's open ranges are worked out once and kept with a running total, so
 * `elapsed` costs a few array reads whatever the span (weeks or years). Instants from 1800 to 2400.
 *
 * A calendar caches what it has worked out; share one calendar across calls rather than building one
 * per call.
 * @category Time
 * @example
 * ```ts
 * const calendar: BusinessCalendar = businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } });
 * calendar.elapsed("2026-03-02T08:00:00Z", "2026-03-02T10:00:00Z");
 * // => 3600000
 * ```
 */
export class BusinessCalendar {
  /** The canonical IANA name of the calendar's time zone. */
  readonly timeZone: string;
  /**
   * The calendar as a canonical string (zone, weekly minutes, holidays as day numbers): two calendars
   * with equal definitions measure the same business time, so states folded on them may merge.
   */
  readonly definition: string;
  private readonly zone: ZoneOffsets;
  /** Opening intervals per ISO weekday (index 1-7) as minute pairs. */
  private readonly week: readonly (readonly number[])[];
  private readonly holidays: ReadonlySet<number>;
  /** Local days [lo, lo + days.length) worked out so far: each day's open instant ranges. */
  private lo = 0;
  private days: number[][] = [];
  /**
   * The same ranges flattened for lookups: sorted, disjoint `starts`/`ends`, `before[j]` the open time
   * of ranges 0..j-1, and `firstOfDay[d - lo]` the first range starting on or after UTC day d.
   */
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private before = new Float64Array(1);
  private firstOfDay = new Int32Array(0);

  /**
   * Use {@link businessCalendar}, which checks the options.
   *
   * @internal
   */
  constructor(zone: ZoneOffsets, week: readonly (readonly number[])[], holidays: ReadonlySet<number>) {
    this.zone = zone;
    this.timeZone = zone.timeZone;
    this.week = week;
    this.holidays = holidays;
    const days = week.map((d) => d.join("-")).join("/");
    this.definition = `${zone.timeZone}|${days}|${[...holidays].sort((a, b) => a - b).join(",")}`;
  }

  /**
   * Business time in milliseconds from `start` to `end` (`end` not before `start`).
   *
   * @throws {@link CxMetricsError} `INVALID_VALUE` for an invalid instant, one outside 1800-2400, or
   * an end before its start.
   * @example
   * ```ts
   * const calendar = businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } });
   * calendar.elapsed("2026-03-02T16:00:00Z", "2026-03-09T10:00:00Z") / 3_600_000;
   * // => 2
   * ```
   */
  elapsed(start: Instant, end: Instant): number {
    const fn = "BusinessCalendar.elapsed";
    const t0 = this.check(fn, "start", start);
    const t1 = this.check(fn, "end", end);
    if (t1 < t0) {
      throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "end", value: end, expected: "an instant at or after start" });
    }
    return this.span(t0, t1);
  }

  /**
   * Whether the center is open at `instant`.
   *
   * @example
   * ```ts
   * const calendar = businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } });
   * calendar.isOpen("2026-03-02T09:00:00Z");
   * // => true
   * ```
   */
  isOpen(instant: Instant): boolean {
    const t = this.check("BusinessCalendar.isOpen", "instant", instant);
    return this.span(t, t + 1) === 1;
  }

  /** Business time from t0 to t1, both checked epoch ms with t0 ≤ t1. */
  private span(t0: number, t1: number): number {
    const d0 = Math.floor(t0 / DAY_MS);
    const d1 = Math.floor(t1 / DAY_MS);
    // Both ends are made available before either is read: growing the cache moves its base.
    if (d0 - 1 < this.lo || d1 + 2 > this.lo + this.days.length) this.ensure(d0 - 1, d1 + 2);
    return this.openBefore(t1, d1) - this.openBefore(t0, d0);
  }

  /**
   * Business time from the start of the cache to `t` (UTC day `day`): the ranges starting before
   * `t`, less the part of the last one that lies after `t`. Only that one can contain `t`, since the
   * ranges are disjoint and sorted. A few typed-array reads, whatever the span.
   */
  private openBefore(t: number, day: number): number {
    const starts = this.starts;
    let j = this.firstOfDay[day - this.lo] as number;
    while (j < starts.length && (starts[j] as number) < t) j++;
    let total = this.before[j] as number;
    if (j > 0) {
      const end = this.ends[j - 1] as number;
      if (end > t) total -= end - t;
    }
    return total;
  }

  /**
   * Grows the cache to cover local days [from, to), at least doubling it so growth is amortized, and
   * rebuilds the flat lookup arrays. Local day k's ranges lie within UTC days k-1 .. k+1 (offsets are
   * under a day), so covering local days [from, to) makes UTC days [from + 1, to - 1) exact.
   */
  private ensure(from: number, to: number): void {
    const hi = this.lo + this.days.length;
    const size = Math.max(this.days.length, 32);
    let newLo = this.days.length === 0 ? from - 16 : Math.min(from, from < this.lo ? this.lo - size : this.lo);
    let newHi = this.days.length === 0 ? to + 16 : Math.max(to, to > hi ? hi + size : hi);
    let keep = this.days.length > 0;
    if (newHi - newLo > MAX_CACHED_DAYS) {
      // Growing would pass the cap (a span in 2340 after spans in 2026): start over around the new
      // span alone. Instants are limited to 1800-2400, about 219,000 days, so one span always fits.
      newLo = from - 16;
      newHi = to + 16;
      keep = false;
    }
    const days: number[][] = new Array<number[]>(newHi - newLo);
    const ranges: [number, number][] = [];
    for (let k = newLo; k < newHi; k++) {
      const cached = keep && k >= this.lo && k < hi ? this.days[k - this.lo] : undefined;
      const day = cached ?? this.openRanges(k);
      days[k - newLo] = day;
      for (let j = 0; j < day.length; j += 2) ranges.push([day[j] as number, day[j + 1] as number]);
    }
    // Days' ranges are in time order except where a clock change crosses midnight backwards; sort to be sure.
    ranges.sort((a, b) => a[0] - b[0]);
    const count = ranges.length;
    const starts = new Float64Array(count);
    const ends = new Float64Array(count);
    const before = new Float64Array(count + 1);
    ranges.forEach(([a, b], j) => {
      starts[j] = a;
      ends[j] = b;
      before[j + 1] = (before[j] as number) + (b - a);
    });
    const firstOfDay = new Int32Array(newHi - newLo);
    let j = 0;
    for (let d = newLo; d < newHi; d++) {
      while (j < count && (starts[j] as number) < d * DAY_MS) j++;
      firstOfDay[d - newLo] = j;
    }
    this.lo = newLo;
    this.days = days;
    this.starts = starts;
    this.ends = ends;
    this.before = before;
    this.firstOfDay = firstOfDay;
  }

  /** The open instant ranges of local day `day` (days since 1970-01-01 in local time). */
  private openRanges(day: number): number[] {
    const ranges: number[] = [];
    if (this.holidays.has(day)) return ranges;
    const intervals = this.week[isoWeekday(day)] as readonly number[];
    const midnight = day * DAY_MS;
    for (let j = 0; j < intervals.length; j += 2) {
      this.zone.instantRanges(midnight + (intervals[j] as number) * MINUTE_MS, midnight + (intervals[j + 1] as number) * MINUTE_MS, ranges);
    }
    return ranges;
  }

  private check(fn: string, field: string, instant: Instant): number {
    const t = checkedEpochMs(fn, field, undefined, instant);
    if (!inZonedRange(t)) {
      throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, value: instant, expected: "an instant from 1800-01-01 to 2400-01-01" });
    }
    return t;
  }
}

/**
 * Builds a {@link BusinessCalendar}: weekly opening hours in an IANA time zone, with holidays.
 *
 * Opening intervals are local wall-clock times `["HH:MM", "HH:MM"]`, start before end, `"24:00"`
 * allowed as an end; a day may have several (a lunch break is two intervals), but they may not
 * overlap. An interval cannot cross midnight: give `["22:00", "24:00"]` on one day and
 * `["00:00", "06:00"]` on the next. Holidays are local dates, closed all day.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for an unknown time zone, a malformed or
 * overlapping interval, an unknown weekday or a malformed holiday.
 * @category Time
 * @example
 * ```ts
 * const calendar = businessCalendar({
 *   timeZone: "Europe/Berlin",
 *   hours: {
 *     monday: [["09:00", "12:00"], ["13:00", "17:00"]],
 *     tuesday: [["09:00", "17:00"]],
 *   },
 *   holidays: ["2026-12-25"],
 * });
 * calendar.elapsed("2026-03-02T07:00:00Z", "2026-03-03T09:00:00Z") / 3_600_000; // Monday 08:00 to Tuesday 10:00 in Berlin
 * // => 8
 * ```
 */
export function businessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const fn = "businessCalendar";
  if (options === undefined) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "options", value: options, expected: "an object with timeZone and hours" });
  }
  checkOptions(fn, options, ["timeZone", "hours", "holidays"]);
  const zone = new ZoneOffsets(fn, options.timeZone);
  const hours = options.hours as Record<string, unknown> | null | undefined;
  if (hours === null || typeof hours !== "object") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "hours", value: hours, expected: "an object of weekdays (monday ... sunday) to opening intervals" });
  }
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: `hours.${key}`, value: hours[key], expected: "a weekday name: monday, tuesday, ... sunday" });
    }
  }
  const week: number[][] = [[]];
  for (const name of WEEKDAYS) week.push(checkDay(fn, `hours.${name}`, hours[name]));
  if (week.every((day) => day.length === 0)) {
    // A calendar that is never open makes every business time 0 and every target met: refuse it.
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "hours", value: hours, expected: "at least one opening interval in the week (a calendar that is never open measures nothing)" });
  }
  const holidays = new Set<number>();
  const list = options.holidays ?? [];
  if (!Array.isArray(list)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "holidays", value: list, expected: 'an array of local dates "YYYY-MM-DD"' });
  }
  list.forEach((holiday: unknown, i: number) => {
    const day = parseLocalDate(holiday);
    if (day === null) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: `holidays[${i}]`, value: holiday, expected: 'a local date "YYYY-MM-DD"' });
    }
    holidays.add(day);
  });
  return new BusinessCalendar(zone, week, holidays);
}

function checkDay(fn: string, field: string, value: unknown): number[] {
  if (value === undefined) return [];
  const fail = (at: string, v: unknown, expected: string): never => {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: at, value: v, expected });
  };
  if (!Array.isArray(value)) return fail(field, value, 'an array of opening intervals such as [["09:00", "17:00"]]');
  const pairs: [number, number][] = value.map((interval: unknown, i: number): [number, number] => {
    const at = `${field}[${i}]`;
    if (!Array.isArray(interval) || interval.length !== 2) return fail(at, interval, 'an interval ["HH:MM", "HH:MM"]');
    const start = minuteOfDay(interval[0], false);
    const end = minuteOfDay(interval[1], true);
    if (start === null) return fail(`${at}[0]`, interval[0], 'a local time "HH:MM" from "00:00" to "23:59"');
    if (end === null) return fail(`${at}[1]`, interval[1], 'a local time "HH:MM" from "00:01" to "24:00"');
    if (end <= start) return fail(`${at}[1]`, interval[1], `a time after the start ${String(interval[0])} (an interval cannot cross midnight)`);
    return [start, end];
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const [start, end] = pairs[i] as [number, number];
    if (i > 0 && start < (pairs[i - 1] as [number, number])[1]) return fail(field, value, "opening intervals that do not overlap");
    flat.push(start, end);
  }
  return flat;
}

function minuteOfDay(value: unknown, isEnd: boolean): number | null {
  if (typeof value !== "string") return null;
  const m = CLOCK.exec(value);
  if (m === null) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59) return null;
  const total = hour * 60 + minute;
  return isEnd ? (total >= 1 && total <= 1440 ? total : null) : hour <= 23 ? total : null;
}

/**
 * Business time between two instants already checked (epoch ms in 1800-2400, t0 ≤ t1), for the
 * metrics' hot loops: {@link BusinessCalendar.elapsed} without its checks. Internal.
 * @category Time
 */
export function businessSpan(calendar: BusinessCalendar, t0: number, t1: number): number {
  return calendar["span"](t0, t1);
}
