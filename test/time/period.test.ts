import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, periodOf, periodsBetween, type PeriodUnit } from "../../src/index.ts";
import { PeriodIndex, PeriodScheme } from "../../src/time/period.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Local wall-clock parts of an instant from a fresh Intl formatter (not the library's zone code). */
function wall(timeZone: string, t: number): { y: number; m: number; d: number; h: number; min: number; weekday: number } {
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday as string) + 1;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), weekday };
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** The label of the period holding t, from its local wall clock alone (ISO weeks by 4 January's rule). */
function referenceLabel(unit: PeriodUnit, timeZone: string, t: number, weekStartsOn = 1): string {
  const w = wall(timeZone, t);
  const date = `${w.y}-${pad(w.m)}-${pad(w.d)}`;
  switch (unit) {
    case "hour":
      return `${date}T${pad(w.h)}:00`;
    case "day":
      return date;
    case "month":
      return `${w.y}-${pad(w.m)}`;
    case "quarter":
      return `${w.y}-Q${Math.ceil(w.m / 3)}`;
    case "half":
      return `${w.y}-H${w.m <= 6 ? 1 : 2}`;
    case "year":
      return String(w.y);
    case "week": {
      const civil = Date.UTC(w.y, w.m - 1, w.d);
      const back = (w.weekday - weekStartsOn + 7) % 7;
      const first = civil - back * DAY;
      if (weekStartsOn !== 1) return new Date(first).toISOString().slice(0, 10);
      const thursday = new Date(first + 3 * DAY);
      const year = thursday.getUTCFullYear();
      const jan4 = Date.UTC(year, 0, 4);
      const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
      return `${year}-W${pad(Math.floor((first - week1) / (7 * DAY)) + 1)}`;
    }
  }
}

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Apia", "America/St_Johns", "Asia/Tehran"];
const UNITS: PeriodUnit[] = ["hour", "day", "week", "month", "quarter", "half", "year"];

describe("periodOf: worked by hand", () => {
  it("reads the instant in the zone", () => {
    expect(periodOf("2026-03-31T22:30:00Z", { period: "month", timeZone: "Europe/Berlin" })).toEqual({ label: "2026-04", start: Date.UTC(2026, 2, 31, 22), end: Date.UTC(2026, 3, 30, 22) });
    expect(periodOf("2026-03-31T22:30:00Z", { period: "month" }).label).toBe("2026-03");
    expect(periodOf("2026-08-01T00:00:00Z", { period: "half" }).label).toBe("2026-H2");
    expect(periodOf("2026-08-01T00:00:00Z", { period: "year" }).label).toBe("2026");
  });

  it("labels ISO weeks by their Thursday's year, week 53 included", () => {
    // 2020 has 53 ISO weeks; 2021-01-03 (a Sunday) is in 2020-W53; 2026-12-31 (a Thursday) is 2026-W53.
    expect(periodOf("2021-01-03T12:00:00Z", { period: "week" }).label).toBe("2020-W53");
    expect(periodOf("2021-01-04T12:00:00Z", { period: "week" }).label).toBe("2021-W01");
    expect(periodOf("2026-12-31T12:00:00Z", { period: "week" }).label).toBe("2026-W53");
    expect(periodOf("2024-12-30T12:00:00Z", { period: "week" }).label).toBe("2025-W01");
    // Weeks starting Sunday are labelled by their first day.
    expect(periodOf("2026-03-04T12:00:00Z", { period: "week", weekStartsOn: 7 }).label).toBe("2026-03-01");
  });

  it("has 23- and 25-hour days and a 2-hour repeated hour at DST changes", () => {
    const spring = periodOf("2026-03-29T12:00:00Z", { period: "day", timeZone: "Europe/Berlin" });
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = periodOf("2026-10-25T12:00:00Z", { period: "day", timeZone: "Europe/Berlin" });
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
    // 02:00-03:00 happens twice on 25 October: one local hour, 120 minutes long.
    const repeated = periodOf("2026-10-25T00:30:00Z", { period: "hour", timeZone: "Europe/Berlin" });
    expect(repeated).toEqual({ label: "2026-10-25T02:00", start: Date.UTC(2026, 9, 25, 0), end: Date.UTC(2026, 9, 25, 2) });
    expect(periodOf("2026-10-25T01:30:00Z", { period: "hour", timeZone: "Europe/Berlin" }).label).toBe("2026-10-25T02:00");
    // 02:00 does not exist on 29 March.
    const hours = periodsBetween("2026-03-29T00:00:00Z", "2026-03-29T03:00:00Z", { period: "hour", timeZone: "Europe/Berlin" }).map((p) => p.label);
    expect(hours).toEqual(["2026-03-29T01:00", "2026-03-29T03:00", "2026-03-29T04:00"]);
  });

  it("skips the day Samoa did not have", () => {
    const days = periodsBetween("2011-12-28T12:00:00Z", "2012-01-01T12:00:00Z", { period: "day", timeZone: "Pacific/Apia" }).map((p) => p.label);
    expect(days).toContain("2011-12-29");
    expect(days).not.toContain("2011-12-30");
    expect(days).toContain("2011-12-31");
  });

  it("lists the periods of a range with gaps and no overlaps", () => {
    const months = periodsBetween("2026-01-15T00:00:00Z", "2026-04-01T00:00:00Z", { period: "month", timeZone: "America/New_York" });
    expect(months.map((p) => p.label)).toEqual(["2026-01", "2026-02", "2026-03"]);
    for (let i = 1; i < months.length; i++) expect(months[i]!.start).toBe(months[i - 1]!.end);
    expect(periodsBetween(0, 0, { period: "day" })).toEqual([]);
  });

  it("refuses bad input with the library's error", () => {
    expect(() => periodOf("2026-03-01", { period: "day" })).toThrow(CxMetricsError);
    expect(() => periodOf(Date.UTC(2026, 0, 1), { period: "fortnight" as PeriodUnit })).toThrow(/period/);
    expect(() => periodOf(Date.UTC(2026, 0, 1), {} as never)).toThrow(/period/);
    expect(() => periodOf(Date.UTC(2026, 0, 1), { period: "day", timezone: "UTC" } as never)).toThrow(/did you mean "timeZone"/);
    expect(() => periodOf(Date.UTC(2026, 0, 1), { period: "week", weekStartsOn: 0 as never })).toThrow(/weekStartsOn/);
    expect(() => periodsBetween(Date.UTC(2026, 1, 1), Date.UTC(2026, 0, 1), { period: "day" })).toThrow(/to/);
    expect(() => periodsBetween(Date.UTC(1850, 0, 1), Date.UTC(2350, 0, 1), { period: "hour" })).toThrow(/at most 1000000/);
  });
});

describe("periods against Intl", () => {
  const instant = fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2031, 0, 1) });
  test.prop([instant, fc.constantFrom(...ZONES), fc.constantFrom(...UNITS), fc.constantFrom(1, 1, 7, 3)], { numRuns: 400 })(
    "the period's label is the instant's local period; start and end are its first moments",
    (t, timeZone, period, weekStartsOn) => {
      const p = periodOf(t, { period, timeZone, weekStartsOn: weekStartsOn as 1 });
      expect(p.label).toBe(referenceLabel(period, timeZone, t, weekStartsOn));
      expect(p.start <= t && t < p.end).toBe(true);
      // The instant before the start and the end belong to other periods; the start and end - 1 to this one.
      expect(referenceLabel(period, timeZone, p.start, weekStartsOn)).toBe(p.label);
      expect(referenceLabel(period, timeZone, p.end - 1, weekStartsOn)).toBe(p.label);
      expect(referenceLabel(period, timeZone, p.start - 1, weekStartsOn)).not.toBe(p.label);
      expect(referenceLabel(period, timeZone, p.end, weekStartsOn)).not.toBe(p.label);
    },
  );

  test.prop([fc.array(instant, { minLength: 1, maxLength: 200 }), fc.constantFrom(...ZONES), fc.constantFrom(...UNITS)], { numRuns: 30 })(
    "the fast index agrees with the scheme, in any order and as the table grows",
    (instants, timeZone, period) => {
      const scheme = new PeriodScheme("test", { period, timeZone });
      const index = new PeriodIndex(scheme);
      for (const t of instants) expect(index.keyOf(t)).toBe(scheme.keyOf(t));
    },
  );

  it("the index agrees at exact bucket starts, whatever the order the table grows in", () => {
    for (const period of ["hour", "day", "month"] as const) {
      const scheme = new PeriodScheme("test", { period, timeZone: "UTC" });
      const index = new PeriodIndex(scheme);
      const starts = Array.from({ length: 400 }, (_, i) => Date.UTC(2026, 0, 1) + (i % 2 === 0 ? i : -i) * 86_400_000 * 3 + (i % 3) * 3_600_000);
      for (const t of starts) expect(index.keyOf(t)).toBe(scheme.keyOf(t));
    }
  });

  it("the index agrees at every DST change of a year, to the millisecond", () => {
    for (const timeZone of ["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham"]) {
      for (const period of ["hour", "day"] as const) {
        const scheme = new PeriodScheme("test", { period, timeZone });
        const index = new PeriodIndex(scheme);
        for (const p of periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), { period, timeZone })) {
          for (const t of [p.start, p.end - 1, p.start + 1]) expect(index.keyOf(t)).toBe(scheme.keyOf(t));
        }
      }
    }
  });
});
