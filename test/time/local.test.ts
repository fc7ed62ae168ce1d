import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, localTimeParser, parseLocalTime } from "../../src/index.ts";

/** The wall clock of an instant in a zone, as "YYYY-MM-DD HH:mm:ss", from a fresh Intl formatter. */
function wallClock(timeZone: string, t: number): string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe("parseLocalTime: worked by hand at both DST edges", () => {
  const ny = { timeZone: "America/New_York" };
  it("reads ordinary times with the zone's offset", () => {
    expect(parseLocalTime("2026-01-15 09:30:00", ny)).toBe(Date.parse("2026-01-15T09:30:00-05:00"));
    expect(parseLocalTime("2026-07-15T09:30", ny)).toBe(Date.parse("2026-07-15T09:30:00-04:00"));
    expect(parseLocalTime("2026-07-15", ny)).toBe(Date.parse("2026-07-15T00:00:00-04:00"));
    expect(parseLocalTime("2026-07-15 09:30:15.1234", ny)).toBe(Date.parse("2026-07-15T09:30:15.123-04:00"));
  });

  it("the skipped hour (8 March 2026, 02:00-03:00) follows the disambiguation", () => {
    expect(parseLocalTime("2026-03-08 02:30", ny)).toBe(Date.parse("2026-03-08T03:30:00-04:00"));
    expect(parseLocalTime("2026-03-08 02:30", { ...ny, disambiguation: "later" })).toBe(Date.parse("2026-03-08T03:30:00-04:00"));
    expect(parseLocalTime("2026-03-08 02:30", { ...ny, disambiguation: "earlier" })).toBe(Date.parse("2026-03-08T01:30:00-05:00"));
    expect(() => parseLocalTime("2026-03-08 02:30", { ...ny, disambiguation: "reject" })).toThrow(/clocks go forward/);
    expect(parseLocalTime("2026-03-08 03:00", ny)).toBe(Date.parse("2026-03-08T03:00:00-04:00"));
    expect(parseLocalTime("2026-03-08 01:59:59", ny)).toBe(Date.parse("2026-03-08T01:59:59-05:00"));
  });

  it("the repeated hour (1 November 2026, 01:00-02:00) follows the disambiguation", () => {
    expect(parseLocalTime("2026-11-01 01:30", ny)).toBe(Date.parse("2026-11-01T01:30:00-04:00"));
    expect(parseLocalTime("2026-11-01 01:30", { ...ny, disambiguation: "earlier" })).toBe(Date.parse("2026-11-01T01:30:00-04:00"));
    expect(parseLocalTime("2026-11-01 01:30", { ...ny, disambiguation: "later" })).toBe(Date.parse("2026-11-01T01:30:00-05:00"));
    expect(() => parseLocalTime("2026-11-01 01:30", { ...ny, disambiguation: "reject" })).toThrow(/occurs twice/);
  });

  it("the day that does not exist in Apia and a 30-minute DST change", () => {
    expect(parseLocalTime("2011-12-30 12:00", { timeZone: "Pacific/Apia", disambiguation: "compatible" })).toBe(Date.parse("2011-12-31T12:00:00+14:00"));
    // Lord Howe moves clocks forward 30 minutes at 02:00 (4 October 2026).
    expect(parseLocalTime("2026-10-04 02:15", { timeZone: "Australia/Lord_Howe" })).toBe(Date.parse("2026-10-04T02:45:00+11:00"));
  });

  it("keeps a string's own offset and refuses what is not a local time", () => {
    expect(parseLocalTime("2026-07-15T09:30:00Z", ny)).toBe(Date.UTC(2026, 6, 15, 9, 30));
    for (const bad of ["2026-02-30 10:00", "2026-13-01", "2026-01-01 24:00", "yesterday", "2026-01-01 10:00:61", ""]) {
      expect(() => parseLocalTime(bad, ny)).toThrow(CxMetricsError);
    }
    expect(() => parseLocalTime(7 as never, ny)).toThrow(/parseLocalTime: value is 7/);
    expect(() => parseLocalTime("2026-01-01", {} as never)).toThrow(/timeZone/);
    expect(() => parseLocalTime("2026-01-01", { timeZone: "Mars/Olympus" })).toThrow(/timeZone/);
    expect(() => parseLocalTime("2026-01-01", { timeZone: "UTC", disambiguaton: "later" } as never)).toThrow(/did you mean "disambiguation"/);
    expect(() => localTimeParser({ timeZone: "UTC" })("x", 12)).toThrow(/value at index 12/);
  });
});

describe("parseLocalTime against Intl", () => {
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns"];
  test.prop([fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }).map((t) => Math.floor(t / 1000) * 1000), fc.constantFrom(...zones)], { numRuns: 500 })(
    "the wall clock of an instant reads back as that instant (the earlier one in a repeated hour)",
    (t, timeZone) => {
      const clock = wallClock(timeZone, t);
      const read = localTimeParser({ timeZone });
      const back = read(clock);
      expect(wallClock(timeZone, back)).toBe(clock);
      const later = parseLocalTime(clock, { timeZone, disambiguation: "later" });
      expect(wallClock(timeZone, later)).toBe(clock);
      expect(back === t || later === t).toBe(true);
    },
  );
});
