import { CxMetricsError } from "../core/errors.ts";

/**
 * Milliseconds in a day of 24 hours.
 *
 * @category Time
 */
export const DAY_MS = 86_400_000;
/**
 * Milliseconds in an hour.
 *
 * @category Time
 */
export const HOUR_MS = 3_600_000;
/**
 * Milliseconds in a minute.
 *
 * @category Time
 */
export const MINUTE_MS = 60_000;

/**
 * Earliest and latest instants the zone-aware functions accept: 1800-01-01 and 2400-01-01 (UTC).
 * Wide enough for any contact-center history and any plan, narrow enough that a business calendar's
 * per-day cache stays small even when one record is decades away from the rest.
 * @category Time
 */
export const MIN_ZONED_MS: number = Date.UTC(1800, 0, 1);
/**
 * See {@link MIN_ZONED_MS}.
 *
 * @category Time
 */
export const MAX_ZONED_MS: number = Date.UTC(2400, 0, 1);

/** Offsets of one UTC day: `start` until `change`, then `after` (`change` is Infinity when none). */
interface DayOffsets {
  readonly start: number;
  readonly change: number;
  readonly after: number;
}

/**
 * An IANA time zone with its UTC offsets resolved through `Intl` once per UTC day and cached.
 *
 * `offsetAt(t)` costs one `Intl` call per new UTC day seen (two around a change, plus a bisection to
 * the second at the change itself); after that it is a map lookup. Assumes at most one offset change
 * per UTC day, which holds for every zone's rules in practice (changes are months apart).
 *
 * Internal: the public entry points are the business calendar and the volume metric, which take a
 * zone name.
 * @category Time
 */
export class ZoneOffsets {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();
  private lastDay = Number.NaN;
  private lastOffsets: DayOffsets = { start: 0, change: Infinity, after: 0 };

  constructor(fn: string, timeZone: unknown, field = "timeZone") {
    this.timeZone = checkTimeZone(fn, timeZone, field);
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone: this.timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** UTC offset in milliseconds at instant `t`: local wall-clock time = t + offset. */
  offsetAt(t: number): number {
    const day = Math.floor(t / DAY_MS);
    const offsets = day === this.lastDay ? this.lastOffsets : this.dayOffsets(day);
    return t < offsets.change ? offsets.start : offsets.after;
  }

  /**
   * Appends to `out` the instant ranges `[from, to)` whose local wall-clock time lies in
   * `[localStart, localEnd)` (local times as epoch-like milliseconds: `Date.UTC` of the wall clock).
   * In a spring-forward gap the missing local times have no instants; in a fall-back overlap the
   * repeated local times have two ranges. Touching ranges are joined. Returns the total length.
   */
  instantRanges(localStart: number, localEnd: number, out: number[]): number {
    let total = 0;
    const first = Math.floor((localStart - DAY_MS) / DAY_MS);
    const last = Math.floor((localEnd + DAY_MS) / DAY_MS);
    for (let day = first; day <= last; day++) {
      const offsets = this.dayOffsets(day);
      const dayStart = day * DAY_MS;
      const dayEnd = dayStart + DAY_MS;
      const change = Math.min(Math.max(offsets.change, dayStart), dayEnd);
      total += pushPiece(out, dayStart, change, localStart - offsets.start, localEnd - offsets.start);
      total += pushPiece(out, change, dayEnd, localStart - offsets.after, localEnd - offsets.after);
    }
    return total;
  }

  /**
   * The first instant whose local wall-clock time is `local`, or, in a spring-forward gap, the first
   * instant after the gap: the start of a local period. Two cached offset reads unless `local` falls
   * in a gap.
   */
  startInstant(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const early = local - (before > after ? before : after);
    const late = local - (before > after ? after : before);
    if (early + this.offsetAt(early) === local) return early;
    if (late + this.offsetAt(late) === local) return late;
    return this.firstInstantAtOrAfter(local);
  }

  /** The first instant whose local wall-clock time is at or after `local` (local midnight, say). */
  firstInstantAtOrAfter(local: number): number {
    const ranges: number[] = [];
    this.instantRanges(local, local + 2 * DAY_MS, ranges);
    return ranges[0] as number;
  }

  private dayOffsets(day: number): DayOffsets {
    let offsets = this.days.get(day);
    if (offsets === undefined) {
      const dayStart = day * DAY_MS;
      const start = this.rawOffset(dayStart);
      const end = this.rawOffset(dayStart + DAY_MS);
      if (start === end) {
        offsets = { start, change: Infinity, after: start };
      } else {
        // Bisect on whole seconds: offsets change on a second boundary.
        let lo = dayStart / 1000;
        let hi = lo + DAY_MS / 1000;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.rawOffset(mid * 1000) === start) lo = mid;
          else hi = mid;
        }
        offsets = { start, change: hi * 1000, after: this.rawOffset(hi * 1000) };
      }
      this.days.set(day, offsets);
    }
    this.lastDay = day;
    this.lastOffsets = offsets;
    return offsets;
  }

  /** One `Intl` call: the wall clock at `t` read back as if it were UTC, minus `t` (whole seconds). */
  private rawOffset(t: number): number {
    const second = Math.floor(t / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let sec = 0;
    for (const part of this.format.formatToParts(second)) {
      switch (part.type) {
        case "year":
          year = Number(part.value);
          break;
        case "month":
          month = Number(part.value);
          break;
        case "day":
          day = Number(part.value);
          break;
        case "hour":
          hour = Number(part.value);
          break;
        case "minute":
          minute = Number(part.value);
          break;
        case "second":
          sec = Number(part.value);
          break;
      }
    }
    const wall = new Date(0);
    wall.setUTCFullYear(year, month - 1, day);
    wall.setUTCHours(hour, minute, sec, 0);
    return wall.getTime() - second;
  }
}

const ZONES = new Map<string, ZoneOffsets>();

/**
 * The shared {@link ZoneOffsets} of a time zone: offsets are facts of the zone, so every series,
 * period and parser of one zone reads one cache instead of asking `Intl` again per call (about 4 ms
 * for two years of days). At most 64 zones are kept.
 * @category Time
 */
export function zoneOffsets(fn: string, timeZone: unknown, field = "timeZone"): ZoneOffsets {
  const cached = typeof timeZone === "string" ? ZONES.get(timeZone) : undefined;
  if (cached !== undefined) return cached;
  const zone = new ZoneOffsets(fn, timeZone, field);
  if (ZONES.size < 64) {
    ZONES.set(timeZone as string, zone);
    ZONES.set(zone.timeZone, zone);
  }
  return zone;
}

function pushPiece(out: number[], segStart: number, segEnd: number, from: number, to: number): number {
  const a = Math.max(segStart, from);
  const b = Math.min(segEnd, to);
  if (!(a < b)) return 0;
  const n = out.length;
  if (n > 0 && out[n - 1] === a) out[n - 1] = b;
  else out.push(a, b);
  return b - a;
}

/**
 * Checks an IANA time zone name with `Intl` and returns its canonical spelling.
 *
 * @category Time
 */
export function checkTimeZone(fn: string, timeZone: unknown, field = "timeZone"): string {
  if (typeof timeZone === "string" && timeZone.length > 0) {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
    } catch {
      // fall through to the error below
    }
  }
  throw new CxMetricsError({
    code: "INVALID_OPTION",
    fn,
    field,
    value: timeZone,
    expected: 'an IANA time zone name such as "Europe/Berlin" or "UTC"',
  });
}

/**
 * Checks that an instant lies in the range the zone-aware functions accept.
 *
 * @category Time
 */
export function inZonedRange(t: number): boolean {
  return t >= MIN_ZONED_MS && t < MAX_ZONED_MS;
}

/**
 * A local calendar date from days since 1970-01-01 (proleptic Gregorian; Hinnant's civil_from_days).
 *
 * @category Time
 */
export interface CivilDate {
  /** Full year. */
  readonly year: number;
  /** Month, 1-12. */
  readonly month: number;
  /** Day of the month, 1-31. */
  readonly day: number;
}

/**
 * Year, month and day of a count of days since 1970-01-01.
 *
 * @category Time
 */
export function civilFromDays(days: number): CivilDate {
  const months = monthsFromDays(days);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return { year, month, day: days - daysFromCivil(year, month, 1) + 1 };
}

/**
 * Months since year 0 (year·12 + month - 1) of a count of days since 1970-01-01, allocating nothing:
 * the month key of a record in a hot loop. Hinnant's civil_from_days.
 * @category Time
 */
export function monthsFromDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
}

/**
 * Days since 1970-01-01 of a calendar date (inverse of {@link civilFromDays}).
 *
 * @category Time
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * ISO weekday (Monday 1 ... Sunday 7) of a count of days since 1970-01-01 (a Thursday).
 *
 * @category Time
 */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` string, or `null` when it is not a real date.
 *
 * @category Time
 */
export function parseLocalDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = LOCAL_DATE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  return back.month === month && back.day === day ? days : null;
}
