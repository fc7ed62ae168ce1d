import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, csat, csatCategory } from "../../src/index.ts";
import { bisectWilson, close, hasNaN, referenceZ } from "../helpers.ts";

describe("csat", () => {
  it("top-two-box share and mean by hand: [5, 4, 4, 2, 1]", () => {
    const r = csat([5, 4, 4, 2, 1]);
    expect(r.score?.value).toBe(60);
    expect([r.satisfied, r.total, r.responses]).toEqual([3, 5, 5]);
    expect(r.mean?.value).toBeCloseTo(3.2, 12);
    // deviations 1.8, .8, .8, -1.2, -2.2: squares sum to 10.8, plug-in variance 2.16
    expect(close(r.mean!.standardError, Math.sqrt(2.16 / 5), 1e-12)).toBe(true);
    expect(close(r.mean!.interval.upper, Math.min(5, 3.2 + 1.959963984540054 * Math.sqrt(2.16 / 5)), 1e-12)).toBe(true);
    const [lower, upper] = bisectWilson(3, 5, referenceZ(95));
    expect(Math.abs(r.score!.interval.lower - lower)).toBeLessThan(1e-7);
    expect(Math.abs(r.score!.interval.upper - upper)).toBeLessThan(1e-7);
    expect(close(r.score!.standardError, 100 * Math.sqrt(0.24 / 5), 1e-12)).toBe(true);
  });

  it("Agresti-Coull option and another level, by hand: 3 of 5 at 90%", () => {
    const z = 1.6448536269514722;
    const nTilde = 5 + z * z;
    const pTilde = (3 + (z * z) / 2) / nTilde;
    const half = z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde);
    const r = csat([5, 4, 4, 2, 1], { interval: "agresti-coull", level: 90 });
    expect(r.score!.interval.method).toBe("agresti-coull");
    expect(r.score!.interval.level).toBe(90);
    expect(close(r.score!.interval.lower, 100 * (pTilde - half), 1e-12)).toBe(true);
    expect(close(r.score!.interval.upper, 100 * (pTilde + half), 1e-12)).toBe(true);
    expect(close(r.mean!.interval.lower, 3.2 - z * Math.sqrt(2.16 / 5), 1e-12)).toBe(true);
  });

  it("follows the scale: top-two-box on 1-10 is 9-10; thresholds are options", () => {
    expect(csat([10, 9, 8, 1], { scale: { min: 1, max: 10 } }).score?.value).toBe(50);
    expect(csat([10, 9, 8, 1], { scale: { min: 1, max: 10 }, satisfiedMin: 8 }).score?.value).toBe(75);
    expect(csat([7, 6, 5, 5], { scale: { min: 1, max: 7 }, satisfiedMin: 5 }).score?.value).toBe(100);
    expect(csat([5, 4, 3], { satisfiedMin: 5 }).score?.value).toBeCloseTo(100 / 3, 12);
  });

  it("handles missing, invalid, empty, weights and bands", () => {
    expect(csat([5, null, 1]).excluded.missing).toBe(1);
    expect(() => csat([5, 0])).toThrow("csat: rating at index 1 is 0; expected an integer from 1 to 5");
    expect(() => csat([5], { satisfiedMin: 6 })).toThrow(CxMetricsError);
    expect(() => csat([5], { interval: "exact" as never })).toThrow(/option "interval"/);
    expect(csat([5, 6, 4.5], { onInvalid: "skip" }).excluded.invalidValue).toBe(2);
    const empty = csat([]);
    expect([empty.score, empty.mean, empty.total]).toEqual([null, null, 0]);
    expect(hasNaN(empty)).toBe(false);
    const weighted = csat([5, 1], { weight: (_, i) => (i === 0 ? 3 : 1) });
    expect(weighted.score?.value).toBe(75);
    expect(weighted.mean?.value).toBe(4);
    expect(csat([5, 5, 1], { bands: [{ from: 0, label: "low" }, { from: 60, label: "ok" }] }).band).toBe("ok");
  });

  it("classifies one rating", () => {
    expect([csatCategory(4), csatCategory(3), csatCategory(null)]).toEqual(["satisfied", "unsatisfied", null]);
    expect(() => csatCategory(6)).toThrow("csatCategory: rating is 6; expected an integer from 1 to 5");
  });
});

const rating = fc.integer({ min: 1, max: 5 });
const ratings = fc.array(rating, { minLength: 1, maxLength: 200 });

describe("csat properties", () => {
  test.prop([fc.array(fc.oneof(rating, fc.constant(null)), { maxLength: 200 })])("score within 0..100, mean within the scale, no NaN, brute force agrees", (xs) => {
    const r = csat(xs);
    const valid = xs.filter((x): x is number => x !== null);
    expect(r.total).toBe(valid.length);
    if (valid.length === 0) {
      expect(r.score).toBeNull();
      return;
    }
    expect(close(r.score?.value ?? null, (100 * valid.filter((x) => x >= 4).length) / valid.length, 1e-12)).toBe(true);
    expect(close(r.mean?.value ?? null, valid.reduce((a, b) => a + b, 0) / valid.length, 1e-12)).toBe(true);
    expect(r.mean!.value).toBeGreaterThanOrEqual(1);
    expect(r.mean!.value).toBeLessThanOrEqual(5);
    expect(r.score!.interval.lower).toBeLessThanOrEqual(r.score!.value + 1e-9);
    expect(r.score!.value).toBeLessThanOrEqual(r.score!.interval.upper + 1e-9);
    expect(hasNaN(r)).toBe(false);
  });

  test.prop([ratings.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))])(
    "order does not matter",
    ([xs, ys]) => {
      expect(csat(ys)).toEqual(csat(xs));
    },
  );

  test.prop([ratings, fc.nat()])("raising one rating never lowers the score or the mean", (xs, at) => {
    const i = at % xs.length;
    const raised = xs.slice();
    raised[i] = Math.min(5, xs[i]! + 1);
    expect(csat(raised).score!.value).toBeGreaterThanOrEqual(csat(xs).score!.value);
    expect(csat(raised).mean!.value).toBeGreaterThanOrEqual(csat(xs).mean!.value - 1e-12);
  });

  test.prop([ratings])("duplicating keeps the score and narrows the intervals; weights of 1 equal none", (xs) => {
    const a = csat(xs);
    const b = csat([...xs, ...xs]);
    expect(b.score?.value).toBeCloseTo(a.score!.value, 9);
    expect(b.score!.interval.upper - b.score!.interval.lower).toBeLessThan(a.score!.interval.upper - a.score!.interval.lower);
    expect(csat(xs, { weight: () => 1 })).toEqual(a);
  });
});
