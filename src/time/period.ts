import { CxMetricsError } from "../core/errors.ts";
import { checkChoice, checkOptions } from "../core/options.ts";
import type { Instant } from "../core/records.ts";
import { epochMsOrNaN } from "./instant.ts";
import { civilFromDays, DAY_MS, daysFromCivil, HOUR_MS, inZonedRange, monthsFromDays, zoneOffsets, type ZoneOffsets } from "./zone.ts";

/**
 * A calendar period in the center's time zone: an hour, a day, a week, a month, a quarter, a half-year
 * or a year of local wall-clock time.
 *
 * @category Time
 * @example
 * ```ts
 * const unit: PeriodUnit = "month";
 * ```
 */
export type PeriodUnit = "hour" | "day" | "week" | "month" | "quarter" | "half" | "year";

/**
 * Every {@link PeriodUnit}, shortest first.
 *
 * @category Time
 */
export const PERIOD_UNITS: readonly PeriodUnit[] = ["hour", "day", "week", "month", "quarter", "half", "year"];

/**
 * An ISO weekday: 1 = Monday ... 7 = Sunday.
 *
 * @category Time
 * @example
 * ```ts
 * const sunday: IsoWeekday = 7;
 * ```
 */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * How periods are cut: the unit, the time zone they are read in, and the first day of a week.
 *
 * @category Time
 * @example
 * ```ts
 * const options: PeriodOptions = { period: "week", timeZone: "America/New_York", weekStartsOn: 7 };
 * ```
 */
export interface PeriodOptions {
  /** The period unit. */
  readonly period: PeriodUnit;
  /**
   * The IANA time zone the periods are local to: the center's.
   * @defaultValue "UTC"
   */
  readonly timeZone?: string;
  /**
   * First day of a week, for `period: "week"`: 1 = Monday (ISO 8601 weeks) ... 7 = Sunday.
   * @defaultValue 1
   */
  readonly weekStartsOn?: IsoWeekday;
}

/**
 * One local calendar period: its label and the instants it starts and ends at.
 *
 * - `start` is the first instant whose local wall-clock time is the period's first moment (local
 *   midnight for a day), or, when that moment falls in a DST gap, the first instant after the gap;
 *   `end` is the next period's `start`. So DST days last 23 or 25 hours, and the hour repeated when
 *   clocks go back is one local hour of 120 minutes.
 * - A period of zero length does not exist (Pacific/Apia skipped 2011-12-30; the local hour 02:00 on
 *   the day clocks go forward in Europe): no function returns it.
 * - Labels are stable and sort in time order within a unit: `2026-03-08T14:00` (hour), `2026-03-08`
 *   (day), `2026-W10` (ISO week: ISO week-year and number), `2026-03-01` for weeks starting on another
 *   weekday (the date of the first day), `2026-03` (month), `2026-Q1`, `2026-H1`, `2026`.
 *
 * @category Time
 * @example
 * ```ts
 * const march: Period = { label: "2026-03", start: 1772319600000, end: 1774994400000 };
 * ```
 */
export interface Period {
  /** The period's local label. */
  readonly label: string;
  /** First instant of the period, epoch ms (inclusive). */
  readonly start: number;
  /** First instant after the period, epoch ms (exclusive): the next period's start. */
  readonly end: number;
}

const PERIOD_KEYS: readonly string[] = ["period", "timeZone", "weekStartsOn"];

/**
 * A way of cutting time into local periods, with every period numbered by a key (hours since the local
 * epoch, days, weeks, months, quarters, half-years, years). Keys are consecutive integers; a key whose
 * period has zero length names a period that does not exist.
 *
 * Internal: the public entry points are {@link periodOf}, {@link periodsBetween}, the series functions
 * and `volume`.
 * @category Time
 */
export class PeriodScheme {
  readonly unit: PeriodUnit;
  readonly zone: ZoneOffsets;
  readonly weekStartsOn: IsoWeekday;
  /** Day number (since 1970-01-01) of the first day of week 0: the first `weekStartsOn` weekday on or after 1970-01-01. */
  private readonly weekAnchor: number;

  constructor(fn: string, options: Readonly<Record<string, unknown>>, zone?: ZoneOffsets) {
    this.unit = checkChoice(fn, "period", options["period"], PERIOD_UNITS, "day");
    if (options["period"] === undefined) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "period", value: undefined, expected: `one of ${PERIOD_UNITS.map((u) => JSON.stringify(u)).join(", ")}` });
    }
    this.zone = zone ?? zoneOffsets(fn, options["timeZone"] ?? "UTC");
    const ws = options["weekStartsOn"] ?? 1;
    if (typeof ws !== "number" || !Number.isInteger(ws) || ws < 1 || ws > 7) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "weekStartsOn", value: ws, expected: "an ISO weekday from 1 (Monday) to 7 (Sunday)" });
    }
    this.weekStartsOn = (this.unit === "week" ? ws : 1) as IsoWeekday;
    // 1970-01-01 is a Thursday (ISO weekday 4).
    this.weekAnchor = (this.weekStartsOn - 4 + 7) % 7;
  }

  /** The definition fragment of this scheme, for state definitions: `month@Europe/Berlin`. */
  get id(): string {
    return `${this.unit}${this.unit === "week" ? `/${this.weekStartsOn}` : ""}@${this.zone.timeZone}`;
  }

  /** The key of the period holding local wall-clock time `local` (epoch-like ms of the wall clock). */
  keyOfLocal(local: number): number {
    if (this.unit === "hour") return Math.floor(local / HOUR_MS);
    const day = Math.floor(local / DAY_MS);
    switch (this.unit) {
      case "day":
        return day;
      case "week":
        return Math.floor((day - this.weekAnchor) / 7);
      case "month":
        return monthsFromDays(day);
      case "quarter":
        return Math.floor(monthsFromDays(day) / 3);
      case "half":
        return Math.floor(monthsFromDays(day) / 6);
      default:
        return Math.floor(monthsFromDays(day) / 12);
    }
  }

  /** The key of the period holding instant `t`. */
  keyOf(t: number): number {
    return this.keyOfLocal(t + this.zone.offsetAt(t));
  }

  /** The local wall-clock time (epoch-like ms) at which period `key` begins. */
  localStartOf(key: number): number {
    switch (this.unit) {
      case "hour":
        return key * HOUR_MS;
      case "day":
        return key * DAY_MS;
      case "week":
        return (this.weekAnchor + 7 * key) * DAY_MS;
      default: {
        const months = this.unit === "month" ? key : this.unit === "quarter" ? key * 3 : this.unit === "half" ? key * 6 : key * 12;
        const year = Math.floor(months / 12);
        return daysFromCivil(year, months - year * 12 + 1, 1) * DAY_MS;
      }
    }
  }

  /** The first instant of period `key` (see {@link Period}). */
  startOf(key: number): number {
    return this.zone.startInstant(this.localStartOf(key));
  }

  /** The label of period `key`. */
  labelOf(key: number): string {
    const local = this.localStartOf(key);
    const day = Math.floor(local / DAY_MS);
    const { year, month } = civilFromDays(day);
    switch (this.unit) {
      case "hour":
        return `${dateLabel(day)}T${pad(Math.floor((local - day * DAY_MS) / HOUR_MS))}:00`;
      case "day":
        return dateLabel(day);
      case "week": {
        if (this.weekStartsOn !== 1) return dateLabel(day);
        // The ISO week belongs to the year of its Thursday.
        const thursday = day + 3;
        const weekYear = civilFromDays(thursday).year;
        const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
        return `${weekYear}-W${pad(week)}`;
      }
      case "month":
        return `${year}-${pad(month)}`;
      case "quarter":
        return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
      case "half":
        return `${year}-H${month <= 6 ? 1 : 2}`;
      default:
        return String(year);
    }
  }

  /** Period `key` as a {@link Period} (it may have zero length: check before handing it out). */
  periodOfKey(key: number): Period {
    return { label: this.labelOf(key), start: this.startOf(key), end: this.startOf(key + 1) };
  }

  /** The key of the same period one year earlier: months - 12, ISO weeks - 52, the same local date and hour a year before. */
  yearBefore(key: number): number {
    switch (this.unit) {
      case "hour": {
        const day = Math.floor(key / 24);
        return this.dayYearBefore(day) * 24 + (key - day * 24);
      }
      case "day":
        return this.dayYearBefore(key);
      case "week":
        return key - 52;
      case "month":
        return key - 12;
      case "quarter":
        return key - 4;
      case "half":
        return key - 2;
      default:
        return key - 1;
    }
  }

  private dayYearBefore(day: number): number {
    const { year, month, day: d } = civilFromDays(day);
    const first = daysFromCivil(year - 1, month, 1);
    const next = month === 12 ? daysFromCivil(year, 1, 1) : daysFromCivil(year - 1, month + 1, 1);
    // 29 February goes to 28 February of the year before.
    return first + Math.min(d, next - first) - 1;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function dateLabel(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${pad(month)}-${pad(d)}`;
}

/**
 * The fast path from instants to period keys: a table per UTC bucket (an hour for hourly periods, a day
 * otherwise) of the key at the bucket's start, and the start instant of every key in range. A lookup is
 * a division, two typed-array reads and a comparison (`while t ≥ start of the next key, step on`), with
 * no `Map` and no `Intl`; the table grows (doubling) when an instant falls outside it.
 *
 * Internal: used by the series functions and `volume`.
 * @category Time
 */
export class PeriodIndex {
  readonly scheme: PeriodScheme;
  private readonly bucketMs: number;
  /** 1 / bucketMs: a multiplication is cheaper than a division, and its rounding can only land one bucket early at an exact bucket start, which the forward step below corrects. */
  private readonly perMs: number;
  /** First bucket covered (UTC hours or days since the epoch). */
  private bucket0 = 0;
  /** Key at the start of each bucket, minus `key0`. */
  private first: Int32Array = new Int32Array(0);
  /** The lowest key in range. */
  private key0 = 0;
  /** `starts[j]` = first instant of key `key0 + j`; one more entry than keys, so `starts[j + 1]` always exists. */
  private starts: Float64Array = new Float64Array(1);
  /** Most buckets the table may hold: a guard against a stray instant decades away. */
  private readonly maxBuckets: number;

  constructor(scheme: PeriodScheme) {
    this.scheme = scheme;
    this.bucketMs = scheme.unit === "hour" ? HOUR_MS : DAY_MS;
    this.perMs = 1 / this.bucketMs;
    // 1800-2400 in days; 120 years of hours (a million periods, as many as a series may list).
    this.maxBuckets = scheme.unit === "hour" ? 1_051_200 : 220_000;
  }

  /** The key of the period holding instant `t` (epoch ms within 1800-2400). */
  keyOf(t: number): number {
    const b = Math.floor(t * this.perMs) - this.bucket0;
    if (b < 0 || b >= this.first.length) return this.grow(t);
    let j = this.first[b] as number;
    const starts = this.starts;
    while (t >= (starts[j + 1] as number)) j++;
    return j + this.key0;
  }

  /** Extends the table to cover `t` (at least doubling it) and returns t's key. */
  private grow(t: number): number {
    // The same rounding as keyOf, so the bucket keyOf computes is always covered.
    const b = Math.floor(t * this.perMs);
    const has = this.first.length > 0;
    let lo = has ? Math.min(this.bucket0, b) : b - 16;
    let hi = has ? Math.max(this.bucket0 + this.first.length, b + 1) : b + 16;
    if (has) {
      const span = Math.max(hi - lo, 2 * this.first.length);
      if (b < this.bucket0) lo = hi - span;
      else hi = lo + span;
    }
    const minBucket = Math.floor(Date.UTC(1800, 0, 1) / this.bucketMs) - 2;
    const maxBucket = Math.ceil(Date.UTC(2400, 0, 1) / this.bucketMs) + 2;
    lo = Math.max(lo, minBucket);
    hi = Math.min(hi, maxBucket);
    if (hi - lo > this.maxBuckets) {
      const from = this.scheme.labelOf(this.scheme.keyOf(has ? Math.min(t, this.bucket0 * this.bucketMs) : t));
      const to = this.scheme.labelOf(this.scheme.keyOf(has ? Math.max(t, (this.bucket0 + this.first.length) * this.bucketMs - 1) : t));
      throw new CxMetricsError({
        code: "INVALID_INPUT",
        fn: "periods",
        field: "at",
        value: `${from} to ${to}`,
        expected: `instants within ${this.scheme.unit === "hour" ? "120 years" : "1800-2400"} of each other for ${this.scheme.unit} periods: look for an instant in the wrong unit or century`,
      });
    }
    const scheme = this.scheme;
    const key0 = scheme.keyOf(lo * this.bucketMs);
    const keyEnd = scheme.keyOf(hi * this.bucketMs - 1);
    const starts = new Float64Array(keyEnd - key0 + 2);
    for (let j = 0; j < starts.length; j++) starts[j] = scheme.startOf(key0 + j);
    // Starts never decrease; a period cut short by a zone change may not end before it starts.
    for (let j = 1; j < starts.length; j++) if ((starts[j] as number) < (starts[j - 1] as number)) starts[j] = starts[j - 1] as number;
    const first = new Int32Array(hi - lo);
    let j = 0;
    for (let i = 0; i < first.length; i++) {
      const start = (lo + i) * this.bucketMs;
      while (j + 1 < starts.length - 1 && start >= (starts[j + 1] as number)) j++;
      first[i] = j;
    }
    this.bucket0 = lo;
    this.first = first;
    this.key0 = key0;
    this.starts = starts;
    return this.keyOf(t);
  }
}

function checkInstant(fn: string, field: string, value: unknown): number {
  const t = epochMsOrNaN(value);
  if (!inZonedRange(t)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: "an instant from 1800 to 2400 (Date, epoch ms or ISO 8601 with an offset)" });
  }
  return t;
}

/**
 * The local calendar period an instant falls in: its label, start and end.
 *
 * The instant is read in `timeZone` (offsets from `Intl`), so `2026-03-31T22:30:00Z` is in April in
 * Berlin. See {@link Period} for labels, DST days and periods that do not exist.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for an invalid instant (outside 1800-2400), unit,
 * time zone or week start, or an unknown option key.
 * @category Time
 * @example
 * ```ts
 * periodOf("2026-03-31T22:30:00Z", { period: "month", timeZone: "Europe/Berlin" }).label;
 * // => "2026-04"
 * periodOf("2026-03-08T12:00:00Z", { period: "week" }).label;
 * // => "2026-W10"
 * ```
 */
export function periodOf(instant: Instant, options: PeriodOptions): Period {
  const fn = "periodOf";
  const scheme = new PeriodScheme(fn, checkOptions(fn, options, PERIOD_KEYS));
  const t = checkInstant(fn, "instant", instant);
  return scheme.periodOfKey(scheme.keyOf(t));
}

/**
 * Every local period that overlaps `[from, to)`, in time order: the axis of a chart or a report, gaps
 * included. The first and last period may reach outside the range. Periods that do not exist (see
 * {@link Period}) are not listed.
 *
 * Cost: O(periods); at most 1,000,000 periods.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for invalid instants, `to` before `from`, more than a
 * million periods, or bad period options.
 * @category Time
 * @example
 * ```ts
 * periodsBetween("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z", { period: "quarter" }).map((p) => p.label);
 * // => ["2026-Q1", "2026-Q2"]
 * ```
 */
export function periodsBetween(from: Instant, to: Instant, options: PeriodOptions): Period[] {
  const fn = "periodsBetween";
  const scheme = new PeriodScheme(fn, checkOptions(fn, options, PERIOD_KEYS));
  const a = checkInstant(fn, "from", from);
  const b = checkInstant(fn, "to", to);
  if (b < a) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "to", value: to, expected: "an instant at or after `from`" });
  if (b === a) return [];
  return listPeriods(fn, scheme, scheme.keyOf(a), scheme.keyOf(b - 1)).periods;
}

/** Most periods one list may hold. */
const MAX_PERIODS = 1_000_000;

/**
 * The periods of keys `lo..hi` that exist, with their keys.
 *
 * @category Time
 */
export function listPeriods(fn: string, scheme: PeriodScheme, lo: number, hi: number, field = "at"): { periods: Period[]; keys: number[] } {
  if (hi - lo + 1 > MAX_PERIODS) {
    throw new CxMetricsError({
      code: "INVALID_INPUT",
      fn,
      field,
      value: `${scheme.labelOf(lo)} to ${scheme.labelOf(hi)}`,
      expected: `at most ${MAX_PERIODS} ${scheme.unit}s from the first record to the last (not ${hi - lo + 1}): look for an instant in the wrong unit or century, or use a longer period`,
    });
  }
  const periods: Period[] = [];
  const keys: number[] = [];
  let start = scheme.startOf(lo);
  for (let key = lo; key <= hi; key++) {
    const end = scheme.startOf(key + 1);
    if (end > start) {
      periods.push({ label: scheme.labelOf(key), start, end });
      keys.push(key);
      start = end;
    }
  }
  return { periods, keys };
}
