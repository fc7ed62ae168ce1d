import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, normalCdf, normalPdf, normalQuantile } from "../../src/index.ts";
import { close, simpsonNormalCdf } from "../helpers.ts";

describe("normalCdf", () => {
  it("matches published values (R: pnorm)", () => {
    // pnorm(-1.96) = 0.0249978951482204; pnorm(-3) = 0.00134989803163009;
    // pnorm(-5) = 2.86651571879194e-07; pnorm(-10) = 7.61985302416047e-24
    expect(close(normalCdf(-1.96), 0.0249978951482204, 1e-13)).toBe(true);
    expect(close(normalCdf(-3), 0.00134989803163009, 1e-13)).toBe(true);
    expect(close(normalCdf(-5), 2.86651571879194e-7, 1e-13)).toBe(true);
    expect(close(normalCdf(-10), 7.61985302416047e-24, 1e-12)).toBe(true);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });

  test.prop([fc.double({ min: -6, max: 6, noNaN: true })])("agrees with Simpson integration of the density", (x) => {
    expect(Math.abs(normalCdf(x) - simpsonNormalCdf(x))).toBeLessThan(1e-12);
  });

  test.prop([fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true })])("is monotone and within [0, 1]", (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(normalCdf(lo)).toBeLessThanOrEqual(normalCdf(hi));
    expect(normalCdf(lo)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(hi)).toBeLessThanOrEqual(1);
  });

  test.prop([fc.double({ min: -30, max: 30, noNaN: true })])("is symmetric: Φ(-x) = 1 - Φ(x)", (x) => {
    expect(Math.abs(normalCdf(-x) - (1 - normalCdf(x)))).toBeLessThan(1e-15);
  });
});

describe("normalPdf", () => {
  it("is 1/√(2π) at 0", () => {
    expect(close(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-15)).toBe(true);
    expect(close(normalPdf(1), Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 1e-15)).toBe(true);
  });
});

describe("normalQuantile", () => {
  it("matches published values (R: qnorm)", () => {
    // qnorm(0.975) = 1.95996398454005; qnorm(0.95) = 1.64485362695147; qnorm(0.995) = 2.5758293035489
    expect(close(normalQuantile(0.975), 1.95996398454005, 1e-13)).toBe(true);
    expect(close(normalQuantile(0.95), 1.64485362695147, 1e-13)).toBe(true);
    expect(close(normalQuantile(0.995), 2.5758293035489, 1e-13)).toBe(true);
    expect(close(normalQuantile(1e-20), -9.26234008979840, 1e-12)).toBe(true);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow("normalQuantile: p is 1.5; expected a probability from 0 to 1");
    expect(() => normalQuantile(Number.NaN)).toThrow(CxMetricsError);
  });

  test.prop([fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true })])("inverts normalCdf", (p) => {
    const z = normalQuantile(p);
    const back = p < 0.5 ? normalCdf(z) : 1 - normalCdf(-z);
    // Relative precision in the tails; near p = 1 the round trip 1 - Φ(-z) is limited by the ulp of p itself.
    expect(Math.abs(back - p)).toBeLessThanOrEqual(1e-13 * Math.min(p, 1 - p) + 2 * Number.EPSILON);
  });
});
