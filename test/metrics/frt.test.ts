import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { art, businessCalendar, frt, type Ticket } from "../../src/index.ts";
import { close, hasNaN, sortedType7 } from "../helpers.ts";
import { ticketsArb } from "./ops-arbitraries.ts";

const MIN = 60_000;
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

/** Mean and type-7 percentiles the textbook way, for comparison. */
function reference(values: readonly number[]): { count: number; mean: number | null; median: number | null; p90: number | null } {
  const mean = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  return { count: values.length, mean, median: sortedType7(values, 50), p90: sortedType7(values, 90) };
}

describe("frt: worked by hand", () => {
  const tickets: Ticket[] = [
    { created: at("2026-03-02T09:00:00Z"), replies: [{ at: at("2026-03-02T09:00:30Z"), automated: true }, { at: at("2026-03-02T09:20:00Z") }] }, // agent 20 min, bot 30 s
    { created: at("2026-03-02T10:00:00Z"), replies: [{ at: at("2026-03-02T11:30:00Z") }, { at: at("2026-03-02T10:40:00Z") }] }, // replies out of order: 40 min
    { created: at("2026-03-02T12:00:00Z"), firstResponse: at("2026-03-02T14:00:00Z") }, // 2 h
    { created: at("2026-03-02T15:00:00Z"), replies: [{ at: at("2026-03-02T15:01:00Z"), automated: true }] }, // bot only: awaiting an agent
    { created: at("2026-03-02T16:00:00Z") }, // nothing yet
  ];

  it("ignores automated replies by default and reports count, mean, median, p90 and a target share", () => {
    const result = frt(tickets, { target: HOUR });
    // agent FRTs: 20, 40, 120 min
    expect(result).toMatchObject({ count: 3, median: 40 * MIN, min: 20 * MIN, max: 120 * MIN });
    expect(result.mean?.value).toBe(60 * MIN);
    expect(result.p90).toBe(40 * MIN + 0.8 * 80 * MIN);
    expect(result).toMatchObject({ target: HOUR, metTarget: 2 });
    expect(result.withinTarget).toMatchObject({ value: 200 / 3, n: 3 });
    expect(result.bot).toBeNull();
    // awaiting: created 15:00 and 16:00, aged to the latest instant in the data (16:00)
    expect(result.awaiting.count).toBe(2);
    expect(result.awaiting.age).toMatchObject({ count: 2, max: HOUR });
    expect(result.awaiting.age.mean?.value).toBe(30 * MIN);
  });

  it("counts bot replies separately, or lets them end the wait", () => {
    const separate = frt(tickets, { automated: "separate" });
    expect(separate.count).toBe(3);
    expect(separate.bot).toMatchObject({ count: 2, min: 30_000, max: MIN });
    const include = frt(tickets, { automated: "include" });
    // 30 s, 40 min, 2 h, 1 min
    expect(include).toMatchObject({ count: 4, median: (MIN + 40 * MIN) / 2 });
    expect(include.awaiting.count).toBe(1);
  });

  it("starts at the customer's first message when asked, and counts tickets without one", () => {
    const result = frt(
      [
        { created: 0, firstCustomerMessage: 10 * MIN, replies: [{ at: 5 * MIN }, { at: 30 * MIN }] }, // the 5-min reply came before the customer wrote
        { created: 0, replies: [{ at: MIN }] },
      ],
      { start: "firstCustomerMessage" },
    );
    expect(result).toMatchObject({ count: 1, missingStart: 1 });
    expect(result.mean?.value).toBe(20 * MIN);
  });

  it("measures in business hours: a ticket from Friday evening answered Monday morning", () => {
    const calendar = businessCalendar({
      timeZone: "Europe/Berlin",
      hours: { monday: [["09:00", "17:00"]], tuesday: [["09:00", "17:00"]], wednesday: [["09:00", "17:00"]], thursday: [["09:00", "17:00"]], friday: [["09:00", "17:00"]] },
    });
    // Friday 6 March 2026 16:30 CET to Monday 9 March 09:45 CET: 30 min Friday + 45 min Monday.
    const ticket: Ticket = { created: "2026-03-06T16:30:00+01:00", firstResponse: "2026-03-09T09:45:00+01:00" };
    expect(frt([ticket], { businessHours: calendar }).mean?.value).toBe(75 * MIN);
    expect(frt([ticket]).mean?.value).toBe(65 * HOUR + 15 * MIN);
    expect(frt([ticket], { businessHours: calendar }).businessTime).toBe(true);
  });

  it("rejects a reply before creation, naming the reply, or skips and counts it", () => {
    const bad: Ticket[] = [{ created: 100, replies: [{ at: 200 }, { at: 50 }] }];
    expect(() => frt(bad)).toThrow("frt: replies[1].at at index 0 is 50; expected an instant at or after the ticket's creation");
    expect(frt(bad, { onInvalid: "skip" }).excluded).toEqual({ count: 1, byField: { "replies[1].at": 1 } });
    expect(() => frt([{ created: "2026-13-01T00:00:00Z" }])).toThrow(/created at index 0/);
    expect(() => frt([], { businessHours: {} as never })).toThrow(/businessHours/);
    expect(() => frt([{ created: 10 }], { asOf: 5 })).toThrow(/asOf/);
    expect(hasNaN(frt([]))).toBe(false);
  });
});

describe("frt: properties", () => {
  test.prop([ticketsArb])("FRT matches a direct reading of each ticket, and every ticket is counted once", (tickets) => {
    const result = frt(tickets);
    const waits: number[] = [];
    let awaiting = 0;
    for (const t of tickets) {
      const created = t.created as number;
      const human = t.replies !== undefined ? t.replies.filter((r) => r.automated !== true).map((r) => r.at as number) : t.firstResponse != null ? [t.firstResponse as number] : [];
      if (human.length === 0) awaiting++;
      else waits.push(Math.min(...human) - created);
    }
    const expected = reference(waits);
    expect(result.count).toBe(expected.count);
    expect(close(result.mean?.value ?? null, expected.mean, 1e-12)).toBe(true);
    expect(close(result.median, expected.median, 1e-12)).toBe(true);
    expect(close(result.p90, expected.p90, 1e-12)).toBe(true);
    expect(result.awaiting.count).toBe(awaiting);
  });

  const calendar = businessCalendar({ timeZone: "Australia/Sydney", hours: { monday: [["09:00", "17:00"]], thursday: [["08:30", "12:00"], ["13:00", "20:00"]], sunday: [["10:00", "16:00"]] } });
  test.prop([ticketsArb])("business-time FRT and ART never exceed calendar time", (tickets) => {
    const frtCal = frt(tickets);
    const frtBiz = frt(tickets, { businessHours: calendar });
    const artCal = art(tickets);
    const artBiz = art(tickets, { businessHours: calendar });
    expect(frtBiz.count).toBe(frtCal.count);
    expect(frtBiz.totalMs).toBeLessThanOrEqual(frtCal.totalMs);
    expect(artBiz.totalMs).toBeLessThanOrEqual(artCal.totalMs);
    expect(artBiz.open.age.totalMs).toBeLessThanOrEqual(artCal.open.age.totalMs);
  });
});
