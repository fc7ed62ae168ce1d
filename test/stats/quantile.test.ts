import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, percentile, percentiles } from "../../src/index.ts";
import { sortedType7 } from "../helpers.ts";


describe("percentile", () => {
  it("matches R's quantile(type = 7) on worked values", () => {
    // R: quantile(c(1, 2, 3, 4, 5, 10), c(0, .25, .5, .9, 1), type = 7) -> 1, 2.25, 3.5, 7.5, 10
    expect(percentiles([10, 1, 5, 2, 4, 3], [0, 25, 50, 90, 100])).toEqual([1, 2.25, 3.5, 7.5, 10]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(percentiles([], [50, 90])).toEqual([null, null]);
  });

  it("does not modify its input and returns results in the order asked", () => {
    const input = [5, 3, 9, 1, 7];
    expect(percentiles(input, [90, 10, 50])).toEqual([8.2, 1.8, 5]);
    expect(input).toEqual([5, 3, 9, 1, 7]);
  });

  it("rejects NaN values and percentages outside 0..100", () => {
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/value at index 1 is NaN; expected a finite number/);
    expect(() => percentile([1], 0.9 * 1000)).toThrow(CxMetricsError);
    expect(() => percentiles([1], [-1])).toThrow(/ps\[0\]/);
  });

  it("selects correctly on large sorted, reversed, constant and two-valued inputs", () => {
    const n = 20_001;
    const inputs = [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, () => 4),
      Array.from({ length: n }, (_, i) => i % 2),
    ];
    for (const values of inputs) {
      const ps = [0, 1, 50, 90, 95, 99.9, 100];
      expect(percentiles(values, ps)).toEqual(ps.map((p) => sortedType7(values, p)));
    }
  });

  test.prop([fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 2000 }), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 })])(
    "equals interpolation between order statistics of a sorted copy",
    (values, ps) => {
      expect(percentiles(values, ps)).toEqual(ps.map((p) => sortedType7(values, p)));
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })])(
    "is monotone in p and lies between the minimum and the maximum",
    (values, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const [x, y] = percentiles(values, [lo, hi]) as [number, number];
      expect(x).toBeLessThanOrEqual(y);
      expect(x).toBeGreaterThanOrEqual(Math.min(...values));
      expect(y).toBeLessThanOrEqual(Math.max(...values));
    },
  );
});
