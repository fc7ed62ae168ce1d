import { CxMetricsError } from "../../core/errors.ts";
import { BusinessCalendar, businessSpan } from "../../time/calendar.ts";
import { epochMsOrNaN } from "../../time/instant.ts";
import { inZonedRange, MAX_ZONED_MS, MIN_ZONED_MS } from "../../time/zone.ts";

/**
 * An instant's epoch ms when it is valid and within 1800-2400, else NaN. Epoch-ms numbers (what the
 * schemas output) take a branch small enough for V8 to inline into every metric's `add`. Numbers are
 * taken as epoch milliseconds here: the epoch-seconds check belongs to the boundary (`toEpochMs`,
 * the schemas), where raw exports come in; metrics also fold offsets from 0 (`arrived: 20 * day`).
 */
export function instantOrNaN(value: unknown): number {
  if (typeof value === "number") return value >= MIN_ZONED_MS && value < MAX_ZONED_MS ? value : Number.NaN;
  return parsedInstantOrNaN(value);
}

function parsedInstantOrNaN(value: unknown): number {
  const t = epochMsOrNaN(value);
  return inZonedRange(t) ? t : Number.NaN;
}

/** What an instant field is expected to be. */
export const INSTANT_FIELD_EXPECTED = "a valid Date, epoch ms or ISO 8601 date-time with an offset, from 1800 to 2400";

/** Checks an optional `asOf` instant. */
export function checkAsOf(fn: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const t = instantOrNaN(value);
  if (Number.isNaN(t)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "asOf", value, expected: "an instant from 1800 to 2400 (Date, epoch ms or ISO 8601 with an offset)" });
  }
  return t;
}

/** Checks the `businessHours` option. */
export function checkBusinessHours(fn: string, value: unknown): BusinessCalendar | undefined {
  if (value === undefined || value instanceof BusinessCalendar) return value;
  throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "businessHours", value, expected: "a calendar made by businessCalendar(...), or undefined for calendar time" });
}

/** Elapsed time from t0 to t1 (t1 ≥ t0) in calendar time, or in business time when a calendar is given. */
export function elapsed(calendar: BusinessCalendar | undefined, t0: number, t1: number): number {
  return calendar === undefined ? t1 - t0 : businessSpan(calendar, t0, t1);
}
