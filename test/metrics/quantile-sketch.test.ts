import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, fold, quantileSketch, quantileSketchMetric } from "cx-metrics";

/** The k-th smallest value, k = floor(q (n - 1)): what the sketch promises to be within α of. */
function atRank(sorted: readonly number[], p: number): number {
  return sorted[Math.floor((p / 100) * (sorted.length - 1))] as number;
}

const durations = fc.array(
  fc.oneof({ weight: 9, arbitrary: fc.double({ min: 1, max: 3.2e10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(0) }),
  { minLength: 1, maxLength: 400 },
);

describe("quantileSketch", () => {
  test.prop([durations, fc.constantFrom(0.001, 0.01, 0.05)])("every percentile is within α of the value at its rank (brute force: sort)", (values, alpha) => {
    const percentiles = [0, 1, 25, 50, 75, 90, 95, 99, 100];
    const r = quantileSketch(values, { relativeAccuracy: alpha, percentiles });
    const sorted = [...values].sort((a, b) => a - b);
    for (const { percentile, value } of r.percentiles) {
      const exact = atRank(sorted, percentile);
      expect(Math.abs((value as number) - exact)).toBeLessThanOrEqual(alpha * exact + 1e-9);
    }
    expect([r.count, r.min, r.max]).toEqual([values.length, sorted[0], sorted[sorted.length - 1]]);
    expect(r.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 0);
  });

  test.prop([durations, fc.integer({ min: 0, max: 400 })])("merging any split gives the same bins as one fold", (values, cut) => {
    const metric = quantileSketchMetric({ percentiles: [10, 50, 90] });
    const a = fold(metric, values.slice(0, cut));
    metric.merge(a, fold(metric, values.slice(cut)));
    const whole = fold(metric, [...values].reverse());
    const ra = metric.result(a);
    const rw = metric.result(whole);
    expect(ra.percentiles).toEqual(rw.percentiles);
    expect([ra.count, ra.min, ra.max, ra.bins]).toEqual([rw.count, rw.min, rw.max, rw.bins]);
  });

  it("holds O(log(max/min)/α) bins, not a value each", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => 1 + ((i * 7919) % 3_600_000));
    const r = quantileSketch(values);
    // From 1 ms to an hour at α = 1%: ln(3.6e6)/ln(1.0202) is about 750 bins.
    const bound = Math.ceil(Math.log(3_600_000) / Math.log(1.01 / 0.99)) + 2;
    expect(r.bins).toBeLessThanOrEqual(bound);
    expect(r.count).toBe(200_000);
  });

  it("worked example: 1, 2, 3, 4, 100 at α = 1%", () => {
    // Median: rank floor(0.5 * 4) = 2, the value 3; its bin is ceil(ln 3 / ln γ), read as 2γ^i/(γ+1).
    const gamma = 1.01 / 0.99;
    const i = Math.ceil(Math.log(3) / Math.log(gamma));
    const r = quantileSketch([4, 100, 1, 3, 2]);
    expect(r.median).toBeCloseTo((2 * gamma ** i) / (gamma + 1), 9);
    expect(Math.abs((r.median as number) - 3)).toBeLessThanOrEqual(0.03);
    expect(quantileSketch([]).median).toBeNull();
  });

  it("reads records, counts missing, refuses bad values and states of another α", () => {
    const r = quantileSketch([{ t: 1000 }, { t: null }, { t: 3000 }], { value: "t" });
    expect([r.count, r.missing]).toEqual([2, 1]);
    expect(() => quantileSketch([-1])).toThrow(/at index 0 is -1/);
    expect(quantileSketch([Number.NaN, 5], { onInvalid: "skip" }).excluded.count).toBe(1);
    expect(() => quantileSketch([1], { relativeAccuracy: 0 })).toThrow(CxMetricsError);
    expect(() => quantileSketch([1], { percentiles: [101] })).toThrow(CxMetricsError);
    const a = quantileSketchMetric({ relativeAccuracy: 0.01 });
    const b = quantileSketchMetric({ relativeAccuracy: 0.02 });
    expect(() => a.merge(a.init(), b.init())).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
    const s = fold(a, [5]);
    a.merge(s, s);
    expect(a.result(s).count).toBe(2);
  });
});
