import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { csatMetric, CxMetricsError, fcrMetric, fold, npsMetric, queueMetric, rolling, series, seriesBy, type Metric, type PeriodUnit } from "../../src/index.ts";
import { contactsArb } from "../metrics/ops-arbitraries.ts";

const DAY = 86_400_000;

/** The local date-and-hour of an instant from a fresh Intl formatter, for placing records by brute force. */
function localLabel(unit: PeriodUnit, timeZone: string, t: number): string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  if (unit === "hour") return `${p.year}-${p.month}-${p.day}T${p.hour}:00`;
  if (unit === "day") return `${p.year}-${p.month}-${p.day}`;
  if (unit === "month") return `${p.year}-${p.month}`;
  if (unit === "quarter") return `${p.year}-Q${Math.ceil(Number(p.month) / 3)}`;
  return String(p.year);
}

interface Row {
  readonly at: number;
  readonly score: number | null;
  readonly team: string;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  at: fc.integer({ min: Date.UTC(2025, 9, 20), max: Date.UTC(2026, 3, 10) }),
  score: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constant(null) }),
  team: fc.constantFrom("a", "b", "c"),
});
const rowsArb = fc.array(rowArb, { maxLength: 80 });
const zones = ["Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"];
const units: PeriodUnit[] = ["hour", "day", "month", "quarter", "year"];

describe("series: worked by hand", () => {
  const rows = [
    { respondedAt: "2026-01-15T10:00:00Z", nps: 10 },
    { respondedAt: "2026-01-31T23:30:00Z", nps: 9 }, // 1 February 00:30 in Berlin
    { respondedAt: "2026-03-02T10:00:00Z", nps: 3 },
  ];
  it("lists every period with gaps, in the zone", () => {
    const s = series(npsMetric({ value: "nps" }), rows, { at: "respondedAt", period: "month", timeZone: "Europe/Berlin" });
    expect(s.periods.map((p) => [p.label, p.count, p.result.score?.value ?? null])).toEqual([
      ["2026-01", 1, 100],
      ["2026-02", 1, 100],
      ["2026-03", 1, -100],
    ]);
    const utc = series(npsMetric({ value: "nps" }), rows, { at: "respondedAt", period: "month" });
    expect(utc.periods.map((p) => p.count)).toEqual([2, 0, 1]);
    expect(utc.periods[1]!.result.score).toBeNull();
    expect(utc.periods[1]!.start).toBe(Date.UTC(2026, 1, 1));
    expect(utc.timeZone).toBe("UTC");
  });

  it("keeps to [from, to) and counts what falls outside", () => {
    const s = series(npsMetric({ value: "nps" }), rows, { at: "respondedAt", period: "month", from: "2025-11-01T00:00:00Z", to: "2026-03-01T00:00:00Z" });
    expect(s.periods.map((p) => p.label)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect([s.total, s.outside]).toEqual([2, 1]);
  });

  it("refuses bad options and records, or skips and counts them", () => {
    const m = npsMetric({ value: "nps" });
    expect(() => series(m, rows, { period: "month" } as never)).toThrow(/series: option "at"/);
    expect(() => series(m, rows, { at: "respondedAt" } as never)).toThrow(/period/);
    expect(() => series(m, rows, { at: "respondedAt", period: "month", tz: "UTC" } as never)).toThrow(CxMetricsError);
    expect(() => series(m, [{ respondedAt: "yesterday", nps: 1 }], { at: "respondedAt", period: "day" })).toThrow(/respondedAt at index 0 is "yesterday"/);
    expect(() => series(m, [null as never], { at: "respondedAt", period: "day" })).toThrow(/record at index 0/);
    const skipped = series(m, [{ respondedAt: "yesterday", nps: 1 }, ...rows], { at: "respondedAt", period: "day", onInvalid: "skip" });
    expect([skipped.total, skipped.excluded.count, skipped.excluded.byField]).toEqual([3, 1, { respondedAt: 1 }]);
    expect(() => series(npsMetric as never, rows, { at: "respondedAt", period: "day" })).toThrow(/not a batch function/);
    expect(() => series(m, 5 as never, { at: "respondedAt", period: "day" } as never)).toThrow(/records/);
    expect(() => series(m, rows, { at: "respondedAt", period: "day", from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toThrow(/to/);
    expect(series(m, [], { at: "respondedAt", period: "day" }).periods).toEqual([]);
  });

  it("rolling windows in days on a daily series; periods on a weekly one", () => {
    const m = npsMetric({ value: "score" });
    const daily = series(m, [
      { at: Date.UTC(2026, 0, 1, 12), score: 10 },
      { at: Date.UTC(2026, 0, 2, 12), score: 0 },
      { at: Date.UTC(2026, 0, 4, 12), score: 0 },
    ], { at: "at", period: "day" });
    const r = rolling(m, daily, { days: 2 });
    expect(r.periods.map((p) => [p.label, p.count, p.result.score?.value ?? null, p.complete])).toEqual([
      ["2026-01-01", 1, 100, false],
      ["2026-01-02", 2, 0, true],
      ["2026-01-03", 1, -100, true],
      ["2026-01-04", 1, -100, true],
    ]);
    expect(() => rolling(m, daily, { days: 2, trailing: 2 })).toThrow(/exactly one/);
    expect(() => rolling(m, daily, {} as never)).toThrow(/exactly one/);
    const monthly = series(m, [{ at: Date.UTC(2026, 0, 1, 12), score: 10 }], { at: "at", period: "month" });
    expect(() => rolling(m, monthly, { days: 30 })).toThrow(/days or hours/);
    expect(() => rolling(m, { periods: 3 } as never, { trailing: 2 })).toThrow(/a series made by/);
    expect(() => rolling(csatMetric(), monthly as never, { trailing: 2 })).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
  });
});

describe("series: properties", () => {
  test.prop([rowsArb, fc.constantFrom(...zones), fc.constantFrom(...units)], { numRuns: 60 })(
    "each record lands in its local period (Intl); periods are contiguous; merged states equal one fold",
    (rows, timeZone, period) => {
      const m = npsMetric<Row>({ value: (r) => r.score });
      const s = series(m, rows, { at: "at", period, timeZone });
      const expected = new Map<string, number>();
      for (const r of rows) expected.set(localLabel(period, timeZone, r.at), (expected.get(localLabel(period, timeZone, r.at)) ?? 0) + 1);
      const got = new Map(s.periods.filter((p) => p.count > 0).map((p) => [p.label, p.count]));
      expect(got).toEqual(expected);
      for (let i = 1; i < s.periods.length; i++) expect(s.periods[i]!.start).toBe(s.periods[i - 1]!.end);
      // The range runs from the first record's period to the last's, no further.
      if (rows.length > 0) expect([s.periods[0]!.count > 0, s.periods.at(-1)!.count > 0]).toEqual([true, true]);
      const merged = m.init();
      for (const p of s.periods) m.merge(merged, p.state);
      expect(m.result(merged)).toEqual(m.result(fold(m, rows)));
      expect(s.total + s.outside + s.excluded.count).toBe(rows.length);
    },
  );

  const metrics: [string, Metric<never, unknown, unknown>, fc.Arbitrary<unknown[]>, string][] = [
    ["queue", queueMetric() as Metric<never, unknown, unknown>, contactsArb, "arrived"],
    ["fcr", fcrMetric() as Metric<never, unknown, unknown>, contactsArb, "arrived"],
    ["csat", csatMetric<Row>({ value: (r) => (r.score === null ? null : 1 + (r.score % 5)) }) as Metric<never, unknown, unknown>, rowsArb, "at"],
  ];
  for (const [name, metric, arb, at] of metrics) {
    test.prop([arb, fc.constantFrom("day", "week", "month") as fc.Arbitrary<PeriodUnit>], { numRuns: 40 })(`${name}: a series' states merged equal the overall result`, (records, period) => {
      const s = series(metric, records as never[], { at: at as never, period, timeZone: "America/New_York" });
      const merged = metric.init();
      for (const p of s.periods) metric.merge(merged, p.state);
      expect(metric.result(merged)).toEqual(metric.result(fold(metric, records as never[])));
    });
  }

  test.prop([rowsArb, fc.integer({ min: 1, max: 5 }), fc.constantFrom("day", "week"), fc.boolean()], { numRuns: 60 })(
    "rolling windows equal a direct fold of the window's records",
    (rows, size, period, byDays) => {
      const m = npsMetric<Row>({ value: (r) => r.score });
      const timeZone = "Europe/Berlin";
      const s = series(m, rows, { at: "at", period: period as PeriodUnit, timeZone });
      const useDays = byDays && period === "day";
      const r = rolling(m, s, useDays ? { days: size } : { trailing: size });
      r.periods.forEach((p, j) => {
        const first = s.periods[Math.max(0, j - size + 1)]!;
        const inWindow = rows.filter((row) => row.at >= first.start && row.at < p.end);
        expect(p.windowStart).toBe(first.start);
        expect(p.count).toBe(inWindow.length);
        expect(p.result).toEqual(m.result(fold(m, inWindow)));
      });
    },
  );

  test.prop([rowsArb], { numRuns: 50 })("seriesBy equals a series of each segment's records over the common range", (rows) => {
    const m = npsMetric<Row>({ value: (r) => r.score });
    const options = { at: "at" as const, period: "week" as const, timeZone: "Asia/Kathmandu" };
    const by = seriesBy(m, rows, { ...options, by: "team" });
    const all = series(m, rows, options);
    expect([...by.keys()]).toEqual([...new Set(rows.map((r) => r.team))]);
    for (const [team, s] of by) {
      const own = rows.filter((r) => r.team === team);
      const range = all.periods.length === 0 ? {} : { from: all.periods[0]!.start, to: all.periods.at(-1)!.end };
      const direct = series(m, own, { ...options, ...range });
      expect(s.periods.map((p) => [p.label, p.count, p.result])).toEqual(direct.periods.map((p) => [p.label, p.count, p.result]));
    }
  });
});

describe("series over a DST change", () => {
  it("a 23-hour day holds the records of its 23 hours", () => {
    const m = npsMetric<{ at: number }>({ value: () => 10 });
    const start = Date.UTC(2026, 2, 28, 23); // 29 March 00:00 in Berlin
    const rows = Array.from({ length: 48 }, (_, h) => ({ at: start + h * 3_600_000 + 1 }));
    const s = series(m, rows, { at: "at", period: "day", timeZone: "Europe/Berlin" });
    expect(s.periods.map((p) => [p.label, p.count, (p.end - p.start) / 3_600_000])).toEqual([
      ["2026-03-29", 23, 23],
      ["2026-03-30", 24, 24],
      ["2026-03-31", 1, 24],
    ]);
    expect(DAY).toBe(86_400_000);
  });
});
