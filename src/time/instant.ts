import { CxMetricsError } from "../core/errors.ts";
import { checkChoice, checkOptions } from "../core/options.ts";
import type { Instant } from "../core/records.ts";

export type { Instant } from "../core/records.ts";

/**
 * Options of {@link toEpochMs}.
 *
 * @category Time
 * @example
 * ```ts
 * const options: ToEpochMsOptions = { epoch: "s" };
 * ```
 */
export interface ToEpochMsOptions {
  /**
   * The unit of numeric instants: epoch milliseconds, or epoch seconds (as Unix tools and many
   * exports write them), multiplied by 1000.
   * @defaultValue "ms"
   */
  readonly epoch?: "ms" | "s";
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Numbers from 1e9 to 1e11 read as epoch milliseconds fall in January 1970 to March 1973, but read as
 * epoch seconds they are 2001 to 5138: every epoch-seconds timestamp of real contact-center data lands
 * here. cx-metrics treats such a number as a unit mistake and rejects it, instead of placing a 2026
 * call in January 1970.
 * @category Time
 */
export const EPOCH_SECONDS_MIN = 1e9;
/**
 * See {@link EPOCH_SECONDS_MIN}.
 *
 * @category Time
 */
export const EPOCH_SECONDS_MAX = 1e11;

/**
 * Whether a numeric instant can only be epoch seconds given as milliseconds.
 *
 * @category Time
 */
export function looksLikeEpochSeconds(t: number): boolean {
  return t >= EPOCH_SECONDS_MIN && t < EPOCH_SECONDS_MAX;
}

/**
 * What an instant is expected to be, for error messages.
 *
 * @category Time
 */
export const INSTANT_EXPECTED = "a valid Date, epoch milliseconds, or an ISO 8601 date-time with an offset such as 2026-03-01T09:30:00Z";

/**
 * The error text for a number that looks like epoch seconds.
 *
 * @category Time
 */
export const EPOCH_SECONDS_EXPECTED = "epoch milliseconds (a number from 1e9 to 1e11 is epoch seconds by mistake: multiply by 1000, or give epoch: \"s\")";

/**
 * Epoch milliseconds of an {@link Instant}, checked strictly.
 *
 * Strings must be ISO 8601 date-times with an offset (`Z` or `±HH:MM`); a string without one is
 * rejected, because its meaning would depend on the machine's time zone. Calendar fields are checked
 * (no 31 April, no hour 24). Fractions of a second beyond milliseconds are truncated.
 *
 * Numbers are epoch milliseconds unless `epoch: "s"`. A number from 1e9 to 1e11 given as milliseconds
 * is rejected: as milliseconds it is January 1970 to March 1973, as seconds 2001 to 5138, so it can
 * only be epoch seconds passed by mistake (`toEpochMs(1772442000)` is 2 March 2026 in seconds).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for anything else: an invalid Date, a non-finite
 * number, a malformed string, epoch seconds given as milliseconds; `INVALID_OPTION` for bad options.
 * @category Time
 * @example
 * ```ts
 * toEpochMs("1970-01-01T05:30:00+05:30");
 * // => 0
 * toEpochMs(1772442000, { epoch: "s" });
 * // => 1772442000000
 * ```
 */
export function toEpochMs(instant: Instant, options?: ToEpochMsOptions): number {
  const fn = "toEpochMs";
  const o = checkOptions(fn, options, ["epoch"]);
  const seconds = checkChoice(fn, "epoch", o["epoch"], ["ms", "s"], "ms") === "s";
  return checkedEpochMs(fn, "instant", undefined, instant, seconds);
}

/**
 * {@link toEpochMs} for internal callers, naming the function, field and record index in the error.
 * With `seconds`, numbers are epoch seconds.
 * @category Time
 */
export function checkedEpochMs(fn: string, field: string, index: number | undefined, instant: unknown, seconds = false): number {
  if (typeof instant === "number" && !seconds && looksLikeEpochSeconds(instant)) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index, value: instant, expected: EPOCH_SECONDS_EXPECTED });
  }
  const t = epochMsOrNaN(typeof instant === "number" && seconds ? instant * 1000 : instant);
  if (Number.isNaN(t)) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index, value: instant, expected: INSTANT_EXPECTED });
  }
  return t;
}

/**
 * Epoch milliseconds of an {@link Instant} under the rules of {@link toEpochMs} (but for the
 * epoch-seconds check, which callers make), or NaN when it is not one. For hot loops: numbers take
 * the first branch, and nothing is allocated unless a string is parsed.
 * @category Time
 */
export function epochMsOrNaN(instant: unknown): number {
  if (typeof instant === "number") return Number.isFinite(instant) ? instant : Number.NaN;
  if (instant instanceof Date) return instant.getTime();
  if (typeof instant !== "string") return Number.NaN;
  // The shapes exports and JSON.stringify write ("2026-03-02T09:00:00Z", ".000Z", "+05:30") are
  // read digit by digit, without the regular expression, the match array or a Date.
  const fast = canonicalIso(instant);
  if (fast === fast) return fast;
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

/** Two decimal digits at `i`, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `YYYY-MM-DDTHH:mm:ss[.sss](Z|±hh:mm)` read by hand, or NaN for any other shape (which the regular
 * expression then reads, with the same checks). Days from the civil date by Hinnant's algorithm.
 */
function canonicalIso(s: string): number {
  const n = s.length;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const y1 = digits2(s, 0);
  const y2 = digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const minute = digits2(s, 14);
  const second = digits2(s, 17);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = y1 * 100 + y2;
  if (day > daysInMonth(year, month)) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (n === 24 || n === 29) {
    if (s.charCodeAt(19) !== 46) return Number.NaN;
    const a = digits2(s, 20);
    const c = s.charCodeAt(22) - 48;
    if (a < 0 || c < 0 || c > 9) return Number.NaN;
    ms = a * 10 + c;
    i = 23;
  }
  let offset = 0;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== n) return Number.NaN;
  } else if ((z === 43 || z === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = digits2(s, i + 1);
    const om = digits2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return Number.NaN;
  }
  const yy = month <= 2 ? year - 1 : year;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
