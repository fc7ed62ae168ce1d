import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, netScoreInterval } from "../../src/index.ts";
import { close, hasNaN } from "../helpers.ts";

describe("netScoreInterval", () => {
  it("reproduces the worked check: 50 / 30 / 20", () => {
    const wald = netScoreInterval({ positive: 50, negative: 20, total: 100 }, { interval: "wald" })!;
    expect(wald.value).toBe(30);
    expect(wald.standardError).toBeCloseTo(7.81, 2);
    expect(wald.interval.lower).toBeCloseTo(14.69, 2);
    expect(wald.interval.upper).toBeCloseTo(45.31, 2);
    const adjusted = netScoreInterval({ positive: 50, negative: 20, total: 100 })!;
    expect(adjusted.interval.center).toBeCloseTo(29.13, 2);
    expect(adjusted.interval.lower).toBeCloseTo(14.05, 2);
    expect(adjusted.interval.upper).toBeCloseTo(44.2, 2);
    expect(adjusted.standardError).toBe(wald.standardError);
  });

  it("adjusted Wald by hand (Rocks 2016): add 3/4, 3/2, 3/4", () => {
    // 7 promoters, 2 passives, 1 detractor: p' = 7.75/13, d' = 1.75/13.
    const p = 7.75 / 13;
    const d = 1.75 / 13;
    const half = 1.959963984540054 * Math.sqrt((p + d - (p - d) ** 2) / 13);
    const r = netScoreInterval({ positive: 7, negative: 1, total: 10 })!;
    expect(close(r.interval.center, 100 * (p - d), 1e-12)).toBe(true);
    expect(close(r.interval.lower, 100 * (p - d - half), 1e-12)).toBe(true);
    expect(close(r.interval.upper, 100 * Math.min(1, p - d + half), 1e-12)).toBe(true);
  });

  it("returns null when empty and rejects inconsistent counts", () => {
    expect(netScoreInterval({ positive: 0, negative: 0, total: 0 })).toBeNull();
    expect(() => netScoreInterval({ positive: 6, negative: 5, total: 10 })).toThrow(CxMetricsError);
    expect(() => netScoreInterval({ positive: 1, negative: 1, total: 10, effectiveSize: 11 })).toThrow(/effectiveSize/);
    expect(() => netScoreInterval({ positive: 1, negative: 1, total: 10, effectiveSize: 0.5 })).toThrow(/expected a number from 1 to total/);
    expect(() => netScoreInterval({ positive: 1, negative: 1, total: 10 }, { interval: "score" as never })).toThrow(/interval/);
  });

  test.prop([fc.nat(300), fc.nat(300), fc.nat(300), fc.constantFrom("wald" as const, "adjusted-wald" as const)])(
    "stays within -100..100 and holds its center",
    (pos, neu, neg, method) => {
      fc.pre(pos + neu + neg > 0);
      const r = netScoreInterval({ positive: pos, negative: neg, total: pos + neu + neg }, { interval: method })!;
      expect(r.interval.lower).toBeGreaterThanOrEqual(-100);
      expect(r.interval.upper).toBeLessThanOrEqual(100);
      expect(r.interval.lower).toBeLessThanOrEqual(r.interval.center);
      expect(r.interval.center).toBeLessThanOrEqual(r.interval.upper);
    },
  );
});

describe("netScoreInterval never returns NaN", () => {
  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "for any counts and effective size from 1",
    (a, b, total, e) => {
      const positive = a * total;
      const negative = Math.min(b * total, total - positive);
      const r = netScoreInterval({ positive, negative, total, effectiveSize: Math.max(1, e * total) })!;
      expect(hasNaN(r)).toBe(false);
    },
  );
});
