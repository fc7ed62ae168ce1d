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
