import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { aht, ahtMetric, CxMetricsError, defaultAhtComponents, fold, type Contact } from "../../src/index.ts";
import { close, hasNaN } from "../helpers.ts";
import { contactsArb } from "./ops-arbitraries.ts";

describe("aht: worked by hand", () => {
  it("averages talk + hold + after-call work over handled contacts only", () => {
    const contacts: Contact[] = [
      { answered: 1, talk: 300_000, hold: 60_000, afterCallWork: 60_000 }, // 420 s
      { answered: 2, talk: 180_000, hold: 0, afterCallWork: 30_000 }, // 210 s
      { answered: 3, talk: 240_000, hold: null, afterCallWork: 90_000 }, // 330 s, hold missing
      { arrived: 4, ended: 5 }, // abandoned: not handled
      { arrived: 6 }, // still waiting: not handled
    ];
    const result = aht(contacts);
    // (420 + 210 + 330) / 3 = 320 s
    expect(result.aht?.value).toBe(320_000);
    expect(result.handled).toBe(3);
    expect(result.unanswered).toBe(2);
    expect(result.components).toEqual({
      talk: { mean: 240_000, totalMs: 720_000, missing: 0 },
      hold: { mean: 20_000, totalMs: 60_000, missing: 1 },
      afterCallWork: { mean: 60_000, totalMs: 180_000, missing: 0 },
    });
    // sorted handle times 210, 330, 420: median 330, p90 = 330 + 0.8·90 = 402
    expect(result.handleTime).toMatchObject({ count: 3, median: 330_000, p90: 402_000, min: 210_000, max: 420_000 });
  });

  it("takes extra components (Genesys adds dialing and contacting) and a handled rule of your own", () => {
    interface Outbound extends Contact {
      readonly dialing: number;
      readonly connected: boolean;
    }
    const rows: Outbound[] = [
      { dialing: 20_000, talk: 100_000, hold: 0, afterCallWork: 10_000, connected: true },
      { dialing: 40_000, talk: 200_000, hold: 0, afterCallWork: 30_000, connected: true },
      { dialing: 30_000, connected: false },
    ];
    const result = aht(rows, { components: { ...defaultAhtComponents, dialing: (c) => c.dialing }, handled: (c) => c.connected });
    expect(result.aht?.value).toBe((130_000 + 270_000) / 2);
    expect(result.components.dialing?.mean).toBe(30_000);
    expect(result.unanswered).toBe(1);
  });

  it("is empty without NaN, and counts a target share", () => {
    const empty = aht([]);
    expect(empty.aht).toBeNull();
    expect(empty.components.talk).toEqual({ mean: null, totalMs: 0, missing: 0 });
    expect(hasNaN(empty)).toBe(false);
    const withTarget = aht([{ answered: 0, talk: 100 }, { answered: 0, talk: 300 }], { target: "200ms" });
    expect(withTarget.handleTime.withinTarget?.value).toBe(50);
    expect(() => aht([], { target: 200 })).toThrow(/option "target" is 200; expected milliseconds/);
  });

  it("throws on a negative or non-numeric component, naming the record and field, or skips and counts it", () => {
    const rows: Contact[] = [{ answered: 0, talk: 100 }, { answered: 0, talk: -5 }, { answered: 0, hold: Number.NaN }];
    expect(() => aht(rows)).toThrow("aht: talk at index 1 is -5; expected a duration in milliseconds from 0 to 100 years");
    const skipped = aht(rows, { onInvalid: "skip" });
    expect(skipped.handled).toBe(1);
    expect(skipped.excluded).toEqual({ count: 2, byField: { hold: 1, talk: 1 } });
    expect(() => ahtMetric({ components: {} })).toThrow(CxMetricsError);
    expect(() => aht(rows, { target: -1 })).toThrow(/option "target"/);
  });
});

describe("aht: properties", () => {
  test.prop([contactsArb])("AHT equals the sum of its component means", (contacts) => {
    const result = aht(contacts);
    if (result.aht === null) {
      expect(result.handled).toBe(0);
      return;
    }
    const sum = Object.values(result.components).reduce((s, c) => s + (c.mean as number), 0);
    expect(close(result.aht.value, sum, 1e-12)).toBe(true);
    expect(result.handleTime.mean).toEqual(result.aht);
  });

  test.prop([contactsArb])("matches a plain loop and counts every contact once", (contacts) => {
    const result = aht(contacts);
    let handled = 0;
    let total = 0;
    for (const c of contacts) {
      if (c.answered == null) continue;
      handled++;
      total += (c.talk ?? 0) + (c.hold ?? 0) + (c.afterCallWork ?? 0);
    }
    expect(result.handled).toBe(handled);
    expect(result.handled + result.unanswered).toBe(contacts.length);
    expect(result.aht?.value ?? null).toBe(handled === 0 ? null : total / handled);
  });

  test.prop([contactsArb, fc.integer({ min: 0, max: 100_000 })])("adding time to one component raises AHT by that time over n", (contacts, extra) => {
    const handled = contacts.filter((c) => c.answered != null);
    fc.pre(handled.length > 0);
    const base = aht(contacts).aht!.value;
    const more = aht(contacts.map((c) => (c.answered != null ? { ...c, talk: (c.talk ?? 0) + extra } : c))).aht!.value;
    expect(close(more - base, extra, 1e-9)).toBe(true);
  });

  it("folds a Set and a generator like an array", () => {
    const rows: Contact[] = [{ answered: 0, talk: 10 }, { answered: 0, talk: 20 }];
    const metric = ahtMetric();
    expect(metric.result(fold(metric, new Set(rows)))).toEqual(aht(rows));
  });
});
