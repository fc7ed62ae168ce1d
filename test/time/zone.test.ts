import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { civilFromDays, daysFromCivil, isoWeekday, monthsFromDays, parseLocalDate } from "../../src/time/zone.ts";

describe("calendar arithmetic", () => {
  // Days from 1800 to 2400, checked against the engine's own proleptic Gregorian calendar.
  test.prop([fc.integer({ min: -62_091, max: 157_054 })])("civil dates, month keys and weekdays agree with Date", (days) => {
    const date = new Date(days * 86_400_000);
    const expected = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    expect(civilFromDays(days)).toEqual(expected);
    expect(monthsFromDays(days)).toBe(expected.year * 12 + expected.month - 1);
    expect(daysFromCivil(expected.year, expected.month, expected.day)).toBe(days);
    expect(isoWeekday(days)).toBe(((date.getUTCDay() + 6) % 7) + 1);
    expect(parseLocalDate(date.toISOString().slice(0, 10))).toBe(days);
  });

  test.prop([fc.constantFrom("2026-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026-1-1", 20260101)])("rejects dates that do not exist", (value) => {
    expect(parseLocalDate(value)).toBeNull();
  });
});
