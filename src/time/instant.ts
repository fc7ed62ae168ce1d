import { CxMetricsError } from "../core/errors.ts";

/**
 * A point in time as cx-metrics accepts it: a valid `Date`, epoch milliseconds, or an ISO 8601 string
 * with a UTC offset (`2026-03-01T09:30:00Z`, `2026-03-01T15:00:00+05:30`).
 *
 * @example
 * ```ts
 * const when: Instant = "2026-03-01T15:00:00+05:30";
 * ```
 */
export type Instant = Date | number | string;

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of an {@link Instant}, checked strictly.
 *
 * Strings must be ISO 8601 date-times with an offset (`Z` or `±HH:MM`); a string without one is
 * rejected, because its meaning would depend on the machine's time zone. Calendar fields are checked
 * (no 31 April, no hour 24). Fractions of a second beyond milliseconds are truncated.
 *
 * @param fn - the calling function, for the error message.
 * @param field - the field name, for the error message.
 * @param index - the record index, for the error message.
 * @throws {@link CxMetricsError} `INVALID_VALUE` for anything else: an invalid Date, a non-finite
 * number, a malformed string.
 * @example
 * ```ts
 * toEpochMs("1970-01-01T05:30:00+05:30");
 * // => 0
 * ```
 */
export function toEpochMs(instant: Instant, fn = "toEpochMs", field = "instant", index?: number): number {
  const t = epochMsOrNaN(instant);
  if (Number.isNaN(t)) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index, value: instant, expected: INSTANT_EXPECTED });
  }
  return t;
}

/** What an instant is expected to be, for error messages. */
export const INSTANT_EXPECTED = "a valid Date, finite epoch milliseconds, or an ISO 8601 date-time with an offset such as 2026-03-01T09:30:00Z";

/**
 * Epoch milliseconds of an {@link Instant} under the rules of {@link toEpochMs}, or NaN when it is not
 * one. For hot loops: numbers take the first branch, and nothing is allocated unless a string is parsed.
 */
export function epochMsOrNaN(instant: unknown): number {
  if (typeof instant === "number") return Number.isFinite(instant) ? instant : Number.NaN;
  if (instant instanceof Date) return instant.getTime();
  if (typeof instant !== "string") return Number.NaN;
  const m = ISO_WITH_OFFSET.exec(instant);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, s = "0", frac = "", offset = "Z"] = m as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== "Z") {
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = Number((frac + "000").slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
