import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { bandOf, contactCenterNpsBands, CxMetricsError } from "../../src/index.ts";

describe("bandOf", () => {
  it("labels by the largest band start at or below the value, by hand", () => {
    expect([bandOf(-100, contactCenterNpsBands), bandOf(29.9, contactCenterNpsBands), bandOf(30, contactCenterNpsBands), bandOf(50, contactCenterNpsBands)]).toEqual([
      "poor",
      "poor",
      "good",
      "excellent",
    ]);
    expect(bandOf(null, contactCenterNpsBands)).toBeNull();
    expect(bandOf(-5, [{ from: 0, label: "positive" }])).toBeNull();
  });

  it("refuses unsorted bands and a value that is not a number", () => {
    expect(() => bandOf(5, [{ from: 10, label: "a" }, { from: 0, label: "b" }])).toThrow(CxMetricsError);
    expect(() => bandOf(5, null as never)).toThrow(CxMetricsError);
    expect(() => bandOf(Number.NaN, contactCenterNpsBands)).toThrow(CxMetricsError);
    expect(() => bandOf("5" as never, contactCenterNpsBands)).toThrow(CxMetricsError);
  });

  test.prop([fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })])("a higher value never gets an earlier band", (a, b) => {
    const order = contactCenterNpsBands.map((band) => band.label);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(order.indexOf(bandOf(hi, contactCenterNpsBands)!)).toBeGreaterThanOrEqual(order.indexOf(bandOf(lo, contactCenterNpsBands)!));
  });
});
