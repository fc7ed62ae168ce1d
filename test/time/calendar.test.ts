import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { businessCalendar, CxMetricsError, type OpeningInterval, type WeeklyHours } from "../../src/index.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const SHORT: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/**
 * Brute force, written without the library: walk minute by minute, read each minute's local wall
 * clock and weekday from a fresh Intl formatter, and count the minutes that fall in an opening
 * interval of a non-holiday date. Exact when both ends sit on whole minutes, since no zone here
 * changes offset or opening state inside a minute.
 */
function bruteForceMinutes(timeZone: string, hours: WeeklyHours, holidays: readonly string[], from: number, to: number): number {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  let open = 0;
  for (let t = from; t < to; t += MINUTE) {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(t)) parts[p.type] = p.value;
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    if (holidays.includes(date)) continue;
    const name = NAMES[SHORT[parts.weekday as string] as number] as (typeof NAMES)[number];
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    const intervals = hours[name] ?? [];
    if (intervals.some(([a, b]) => minute >= toMinutes(a) && minute < toMinutes(b))) open++;
  }
  return open;
}

const clock = (quarters: number): string => `${String(Math.floor(quarters / 4)).padStart(2, "0")}:${String((quarters % 4) * 15).padStart(2, "0")}`;

/** A day's opening intervals on a 15-minute grid: closed, open all day, or up to three intervals. */
const dayArb: fc.Arbitrary<readonly OpeningInterval[]> = fc.oneof(
  fc.constant([]),
  fc.constant([["00:00", "24:00"]] as const),
  fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2, maxLength: 6 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: OpeningInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([clock(sorted[i] as number), clock(sorted[i + 1] as number)]);
    return out;
  }),
);
const weekArb: fc.Arbitrary<WeeklyHours> = fc
  .tuple(...NAMES.map(() => dayArb))
  .filter((days) => days.some((d) => d.length > 0)) // a calendar that is never open is refused
  .map((days) => Object.fromEntries(NAMES.map((n, i) => [n, days[i]])) as WeeklyHours);

/** Zones with DST (both hemispheres) and a half-hour offset, and dates near their 2026 changes. */
const zones: Record<string, readonly string[]> = {
  "America/New_York": ["2026-03-08", "2026-11-01"],
  "Europe/Berlin": ["2026-03-29", "2026-10-25"],
  "Australia/Sydney": ["2026-04-05", "2026-10-04"],
  "Asia/Kolkata": ["2026-03-08", "2026-06-15"],
};

describe("businessCalendar: worked by hand", () => {
  const allDay = [["00:00", "24:00"]] as const;
  const always: WeeklyHours = Object.fromEntries(NAMES.map((n) => [n, allDay]));

  it("a 24-hour schedule has 23 hours on the spring-forward day and 25 on the fall-back day", () => {
    const ny = businessCalendar({ timeZone: "America/New_York", hours: always });
    // Local midnight to local midnight: 05:00Z (EST) to 04:00Z (EDT) on 8 March 2026.
    expect(ny.elapsed("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00")).toBe(23 * HOUR);
    expect(ny.elapsed("2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00")).toBe(25 * HOUR);
    const sydney = businessCalendar({ timeZone: "Australia/Sydney", hours: always });
    expect(sydney.elapsed("2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:00")).toBe(25 * HOUR);
    expect(sydney.elapsed("2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00")).toBe(23 * HOUR);
  });

  it("opening hours inside the skipped hour do not exist, and the repeated hour counts twice", () => {
    // New York, 8 March 2026: 02:00-03:00 local is skipped; 1 November: 01:00-02:00 happens twice.
    const night = businessCalendar({ timeZone: "America/New_York", hours: { sunday: [["01:00", "04:00"]] } });
    expect(night.elapsed("2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00")).toBe(2 * HOUR);
    expect(night.elapsed("2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00")).toBe(4 * HOUR);
  });

  it("counts a lunch break, a weekend, a holiday and a half-hour zone", () => {
    const hours: WeeklyHours = {
      monday: [["09:00", "12:00"], ["13:00", "17:30"]],
      tuesday: [["09:00", "17:30"]],
      wednesday: [["09:00", "17:30"]],
      thursday: [["09:00", "17:30"]],
      friday: [["09:00", "17:30"]],
    };
    const kolkata = businessCalendar({ timeZone: "Asia/Kolkata", hours, holidays: ["2026-03-04"] });
    // Friday 27 Feb 2026 16:00 IST to Tuesday 3 Mar 10:00 IST: Friday 1.5 h, Monday 3 + 4.5 h, Tuesday 1 h.
    expect(kolkata.elapsed("2026-02-27T16:00:00+05:30", "2026-03-03T10:00:00+05:30")).toBe(10 * HOUR);
    // Tuesday 16:00 to Thursday 10:00 across the Wednesday holiday: 1.5 h + 1 h.
    expect(kolkata.elapsed("2026-03-03T16:00:00+05:30", "2026-03-05T10:00:00+05:30")).toBe(2.5 * HOUR);
    // A whole non-holiday week: 7.5 + 4 x 8.5 = 41.5 hours.
    expect(kolkata.elapsed("2026-03-09T00:00:00+05:30", "2026-03-16T00:00:00+05:30")).toBe(41.5 * HOUR);
    expect(kolkata.isOpen("2026-03-02T12:30:00+05:30")).toBe(false);
    expect(kolkata.isOpen("2026-03-02T13:00:00+05:30")).toBe(true);
  });

  it("spans months and years: 2026 has 261 weekdays, 52 weeks of 40 hours plus a Thursday", () => {
    const weekdays: WeeklyHours = Object.fromEntries(NAMES.slice(0, 5).map((n) => [n, [["09:00", "17:00"]]]));
    const berlin = businessCalendar({ timeZone: "Europe/Berlin", hours: weekdays });
    expect(berlin.elapsed("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00")).toBe(261 * 8 * HOUR);
    expect(berlin.elapsed("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).toBe(0);
  });

  it("rejects bad calendars and bad spans with errors that name the field", () => {
    const bad = (options: unknown, field: string): void => {
      let error: unknown;
      try {
        businessCalendar(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CxMetricsError);
      expect((error as CxMetricsError).field).toBe(field);
    };
    bad({ timeZone: "Mars/Olympus", hours: {} }, "timeZone");
    bad({ timeZone: "UTC", hours: { funday: [] } }, "hours.funday");
    bad({ timeZone: "UTC", hours: { monday: [["17:00", "09:00"]] } }, "hours.monday[0][1]");
    bad({ timeZone: "UTC", hours: { monday: [["09:00", "25:00"]] } }, "hours.monday[0][1]");
    bad({ timeZone: "UTC", hours: { monday: [["9:00", "17:00"]] } }, "hours.monday[0][0]");
    bad({ timeZone: "UTC", hours: { monday: [["09:00", "13:00"], ["12:00", "17:00"]] } }, "hours.monday");
    bad({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] }, holidays: ["2026-02-30"] }, "holidays[0]");
    // Never open: every business time would be 0 and every target met.
    bad({ timeZone: "UTC", hours: {} }, "hours");
    bad({ timeZone: "UTC", hours: { monday: [], friday: [] } }, "hours");
    bad({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] }, holiday: [] } as never, "holiday");
    const utc = businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } });
    expect(() => utc.elapsed("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")).toThrow(/end .* expected an instant at or after start/);
    expect(() => utc.elapsed("2026-01-02T00:00:00", "2026-01-03T00:00:00Z")).toThrow(CxMetricsError);
    expect(() => utc.elapsed(Date.UTC(1700, 0, 1), 0)).toThrow(/from 1800-01-01 to 2400-01-01/);
  });
});

describe("businessCalendar: against a minute-by-minute count", () => {
  for (const [timeZone, changes] of Object.entries(zones)) {
    test.prop(
      [
        weekArb,
        fc.constantFrom(...changes),
        fc.integer({ min: -10 * 24 * 60, max: 3 * 24 * 60 }),
        fc.integer({ min: 0, max: 16 * 24 * 60 }),
        fc.array(fc.integer({ min: -10, max: 16 }), { maxLength: 3 }),
      ],
      { numRuns: 12 },
    )(`${timeZone}: random schedules, holidays and spans across its DST changes`, (hours, change, startMinute, spanMinutes, holidayOffsets) => {
      const base = Date.parse(`${change}T00:00:00Z`);
      const from = base + startMinute * MINUTE;
      const to = from + spanMinutes * MINUTE;
      const holidays = holidayOffsets.map((d) => new Date(base + d * DAY).toISOString().slice(0, 10));
      const calendar = businessCalendar({ timeZone, hours, holidays });
      expect(calendar.elapsed(from, to)).toBe(bruteForceMinutes(timeZone, hours, holidays, from, to) * MINUTE);
    });
  }
});

describe("businessCalendar: laws", () => {
  const spanArb = fc.tuple(
    fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
    fc.integer({ min: 0, max: 90 * DAY }),
    fc.integer({ min: 0, max: 90 * DAY }),
  );
  test.prop([weekArb, fc.constantFrom(...Object.keys(zones)), spanArb], { numRuns: 60 })(
    "business time never exceeds calendar time and is additive over a split",
    (hours, timeZone, [a, ab, bc]) => {
      const calendar = businessCalendar({ timeZone, hours });
      const b = a + ab;
      const c = b + bc;
      const whole = calendar.elapsed(a, c);
      expect(whole).toBeGreaterThanOrEqual(0);
      expect(whole).toBeLessThanOrEqual(c - a);
      expect(calendar.elapsed(a, b) + calendar.elapsed(b, c)).toBe(whole);
    },
  );

  test.prop([weekArb, fc.constantFrom(...Object.keys(zones)), spanArb], { numRuns: 30 })(
    "the answer does not depend on what the calendar has cached before",
    (hours, timeZone, [a, ab, bc]) => {
      const warm = businessCalendar({ timeZone, hours });
      warm.elapsed(a + ab + bc, a + ab + bc + 400 * DAY);
      const cold = businessCalendar({ timeZone, hours });
      expect(warm.elapsed(a, a + ab)).toBe(cold.elapsed(a, a + ab));
    },
  );
});
