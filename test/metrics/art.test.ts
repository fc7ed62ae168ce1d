import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { art, type Ticket } from "../../src/index.ts";
import { ticketsArb } from "./ops-arbitraries.ts";

const HOUR = 3_600_000;

describe("art: worked by hand", () => {
  const tickets: Ticket[] = [
    { created: 0, solves: [2 * HOUR], status: "solved" }, // 2 h
    { created: 0, solves: [10 * HOUR, HOUR], status: "closed" }, // first 1 h, full 10 h, one reopen
    { created: 0, solves: [3 * HOUR], status: "open" }, // solved once, reopened, open: first 3 h; full: open
    { created: 4 * HOUR, status: "pending" }, // open
    { created: 0, solves: [5 * HOUR] }, // no status: solved by its solve, 5 h
  ];

  it("measures full resolution by default, with open tickets and reopens", () => {
    const result = art(tickets);
    expect(result).toMatchObject({ resolution: "full", count: 3, median: 5 * HOUR });
    expect(result.mean?.value).toBe((2 + 10 + 5) * HOUR / 3);
    expect(result.open.count).toBe(2);
    // aged to the latest instant in the data, 10 h: 10 h and 6 h
    expect(result.open.age).toMatchObject({ max: 10 * HOUR });
    expect(result.open.age.mean?.value).toBe(8 * HOUR);
    expect(result.reopened).toEqual({ tickets: 2, reopens: 2 });
  });

  it("measures first resolution on request", () => {
    const result = art(tickets, { resolution: "first", target: 2 * HOUR });
    // 2, 1, 3, 5 h
    expect(result).toMatchObject({ count: 4, median: 2.5 * HOUR, metTarget: 2 });
    expect(result.mean?.value).toBe(2.75 * HOUR);
    expect(result.withinTarget).toMatchObject({ value: 50, n: 4 });
    expect(result.open.count).toBe(1);
  });

  it("rejects a solve before creation or a solved ticket without a solve", () => {
    expect(() => art([{ created: 10, solves: [5], status: "solved" }])).toThrow("art: solves[0] at index 0 is 5; expected an instant at or after the ticket's creation");
    expect(() => art([{ created: 10, status: "solved" }])).toThrow(/solves at index 0/);
    expect(art([{ created: 10, status: "solved" }], { onInvalid: "skip" }).excluded.count).toBe(1);
  });
});

describe("art: properties", () => {
  test.prop([ticketsArb, fc.constantFrom<"full" | "first">("full", "first")])("ART counts each ticket as resolved or open, and order does not matter", (tickets, resolution) => {
    const result = art(tickets, { resolution });
    expect(result.count + result.open.count).toBe(tickets.length);
    expect(art([...tickets].reverse(), { resolution })).toEqual(result);
    if (result.count > 0) expect((result.min as number) <= (result.median as number) && (result.median as number) <= (result.p90 as number) && (result.p90 as number) <= (result.max as number)).toBe(true);
  });

  test.prop([ticketsArb])("first resolution is never later than full resolution", (tickets) => {
    const first = art(tickets, { resolution: "first" });
    const full = art(tickets, { resolution: "full" });
    expect(first.count).toBeGreaterThanOrEqual(full.count);
    if (full.count > 0) expect((first.min as number) <= (full.max as number)).toBe(true);
  });

});
