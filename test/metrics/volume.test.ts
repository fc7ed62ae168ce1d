import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { volume, type VolumePeriod } from "../../src/index.ts";
import { hasNaN } from "../helpers.ts";

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Local date, hour and weekday of an instant, read from a fresh Intl formatter (not the library's). */
function localParts(timeZone: string, t: number): { date: string; hour: number; weekday: number } {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" });
  for (const p of format.formatToParts(t)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: WEEKDAYS[parts.weekday as string] as number };
}

function label(period: VolumePeriod, date: string, hour: number, weekday: number): string {
  if (period === "hour") return `${date}T${String(hour).padStart(2, "0")}:00`;
  if (period === "day") return date;
  if (period === "month") return date.slice(0, 7);
  if (period === "quarter") return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  if (period === "half") return `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
  if (period === "year") return date.slice(0, 4);
  // ISO 8601 week: the week (Monday first) belongs to the year of its Thursday, week 1 holds 4 January.
  const thursday = new Date(Date.parse(`${date}T00:00:00Z`) + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  const week1Monday = jan4 - jan4Weekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - 3 * 86_400_000 - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

describe("volume: worked by hand", () => {
  it("places contacts by local time across New York's spring-forward night", () => {
    const result = volume(
      [
        { arrived: "2026-03-08T06:30:00Z" }, // 01:30 EST, Sunday
        { arrived: "2026-03-08T07:30:00Z" }, // 03:30 EDT (02:00-03:00 skipped)
        { arrived: "2026-03-09T03:59:00Z" }, // 23:59 EDT, still Sunday
        { arrived: "2026-03-09T04:00:00Z" }, // 00:00 Monday
      ],
      { timeZone: "America/New_York" },
    );
    expect(result.periods).toEqual([
      { label: "2026-03-08", start: Date.parse("2026-03-08T05:00:00Z"), count: 3 },
      { label: "2026-03-09", start: Date.parse("2026-03-09T04:00:00Z"), count: 1 },
    ]);
    expect(result.heatmap[6]?.[1]).toBe(1);
    expect(result.heatmap[6]?.[3]).toBe(1);
    expect(result.heatmap[6]?.[2]).toBe(0);
    expect(result.peakWeekday).toEqual({ weekday: "sunday", count: 3 });
    // every cell holds one contact: ties go to the earliest cell, Monday first
    expect(result.peakHourOfWeek).toEqual({ weekday: "monday", hour: 0, count: 1 });
  });

  it("fills gaps with zeros, labels months, quarters and weeks, and finds the peak period", () => {
    const rows = ["2026-01-15T12:00:00Z", "2026-03-01T12:00:00Z", "2026-03-20T12:00:00Z"].map((arrived) => ({ arrived }));
    expect(volume(rows, { period: "month" }).periods.map((p) => [p.label, p.count])).toEqual([["2026-01", 1], ["2026-02", 0], ["2026-03", 2]]);
    expect(volume(rows, { period: "quarter" }).periods.map((p) => [p.label, p.count])).toEqual([["2026-Q1", 3]]);
    const weeks = volume(rows, { period: "week", weekStartsOn: 7 });
    expect(weeks.periods[0]?.label).toBe("2026-01-11"); // the Sunday before Thursday 15 January
    expect(weeks.peakPeriod?.count).toBe(1);
    expect(volume(rows, { period: "hour" }).periods.length).toBe(64 * 24 + 1);
  });

  it("is empty without NaN and rejects bad input", () => {
    const empty = volume([]);
    expect(empty).toMatchObject({ total: 0, periods: [], peakHour: null, peakPeriod: null });
    expect(hasNaN(empty)).toBe(false);
    expect(() => volume([], { timeZone: "Europe/Atlantis" })).toThrow(/option "timeZone" is "Europe\/Atlantis"/);
    expect(() => volume([{ arrived: "2026-03-01" }])).toThrow(/arrived at index 0 is "2026-03-01"/);
    expect(volume([{ arrived: "2026-03-01" }, { arrived: 0 }], { onInvalid: "skip" }).excluded.count).toBe(1);
    expect(() => volume([], { period: "decade" as VolumePeriod })).toThrow(/period/);
  });
});

describe("volume: against Intl, record by record", () => {
  const zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"];
  test.prop(
    [fc.array(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), { maxLength: 60 }), fc.constantFrom(...zones), fc.constantFrom<VolumePeriod>("hour", "day", "week", "month", "quarter", "half", "year")],
    { numRuns: 60 },
  )("periods and heatmap match local times read one by one", (instants, timeZone, period) => {
    const result = volume(instants.map((arrived) => ({ arrived })), { timeZone, period });
    const counts = new Map<string, number>();
    const heat = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const t of instants) {
      const { date, hour, weekday } = localParts(timeZone, t);
      const key = label(period, date, hour, weekday);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const row = heat[weekday] as number[];
      row[hour] = (row[hour] as number) + 1;
    }
    const nonZero = result.periods.filter((p) => p.count > 0).map((p) => [p.label, p.count]);
    expect(nonZero).toEqual([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(result.heatmap).toEqual(heat);
    expect(result.periods.reduce((s, p) => s + p.count, 0)).toBe(instants.length);
    for (const p of result.periods) expect(localParts(timeZone, p.start).hour === 0 || period === "hour").toBe(true);
  });
});
