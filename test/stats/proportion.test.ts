import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, proportionInterval } from "../../src/index.ts";
import { bisectWilson, close, hasNaN, referenceZ } from "../helpers.ts";

describe("proportionInterval", () => {
  it("Wilson 95% for 81 of 263 (Wikipedia's worked example: 0.2553 to 0.3662)", () => {
    const { value: share, interval } = proportionInterval(81, 263)!;
    expect(close(share, (100 * 81) / 263, 1e-15)).toBe(true);
    expect(interval.lower).toBeCloseTo(25.53, 2);
    expect(interval.upper).toBeCloseTo(36.62, 2);
  });

  it("Wald and Agresti-Coull by hand for 8 of 10", () => {
    const z = 1.959963984540054;
    const wald = proportionInterval(8, 10, { interval: "wald" })!;
    const half = z * Math.sqrt((0.8 * 0.2) / 10);
    expect(close(wald.interval.lower, 100 * (0.8 - half), 1e-12)).toBe(true);
    expect(close(wald.interval.upper, 100 * Math.min(1, 0.8 + half), 1e-12)).toBe(true);
    const nTilde = 10 + z * z;
    const pTilde = (8 + (z * z) / 2) / nTilde;
    const ac = proportionInterval(8, 10, { interval: "agresti-coull" })!;
    expect(close(ac.interval.center, 100 * pTilde, 1e-12)).toBe(true);
    expect(close(ac.interval.upper, 100 * Math.min(1, pTilde + z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde)), 1e-12)).toBe(true);
    expect(close(wald.standardError, 100 * Math.sqrt(0.016), 1e-12)).toBe(true);
  });

  it("returns null for an empty sample and rejects bad arguments", () => {
    expect(proportionInterval(0, 0)).toBeNull();
    expect(() => proportionInterval(5, 4)).toThrow(CxMetricsError);
    expect(() => proportionInterval(-1, 4)).toThrow(/successes/);
    expect(() => proportionInterval(1, Number.NaN)).toThrow(/total/);
    expect(() => proportionInterval(1e-300, 1e-300)).toThrow('proportionInterval: option "total" is 1e-300; expected 0, or a finite number >= 1');
    expect(() => proportionInterval(1, 4, { level: 0.95 })).toThrow('proportionInterval: option "level" is 0.95; expected a percentage from 50 to 99.9999, e.g. 95');
    expect(() => proportionInterval(1, 4, { interval: "exact" as never })).toThrow(/option "interval"/);
  });

  test.prop([fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(80, 90, 95, 99)])(
    "Wilson agrees with the inverted score test found by bisection",
    (n, fraction, level) => {
      const x = Math.round(fraction * n);
      const { interval } = proportionInterval(x, n, { level })!;
      const [lower, upper] = bisectWilson(x, n, referenceZ(level));
      expect(Math.abs(interval.lower - lower)).toBeLessThan(1e-7);
      expect(Math.abs(interval.upper - upper)).toBeLessThan(1e-7);
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 10_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom("wilson" as const, "wald" as const, "agresti-coull" as const),
    fc.double({ min: 50, max: 99.99, noNaN: true }),
  ])("stays within 0..100, holds its center, and Wilson and Wald hold the share", (n, fraction, method, level) => {
    const x = Math.round(fraction * n);
    const { value: share, interval } = proportionInterval(x, n, { interval: method, level })!;
    expect(interval.lower).toBeGreaterThanOrEqual(0);
    expect(interval.upper).toBeLessThanOrEqual(100);
    expect(interval.lower).toBeLessThanOrEqual(interval.center);
    expect(interval.center).toBeLessThanOrEqual(interval.upper);
    if (method !== "agresti-coull") {
      expect(interval.lower).toBeLessThanOrEqual(share + 1e-9);
      expect(share).toBeLessThanOrEqual(interval.upper + 1e-9);
    }
  });

  test.prop([fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 })])("narrows as n grows at the same share", (n, x0) => {
    const x = Math.min(x0, n);
    const small = proportionInterval(x, n)!.interval;
    const large = proportionInterval(2 * x, 2 * n)!.interval;
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });
});

describe("proportionInterval never returns NaN", () => {
  test.prop([fc.double({ min: 1, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("wilson" as const, "wald" as const, "agresti-coull" as const)])(
    "for any (effective) size from 1",
    (n, fraction, method) => {
      const r = proportionInterval(fraction * n, n, { interval: method })!;
      expect(hasNaN(r)).toBe(false);
    },
  );
});
