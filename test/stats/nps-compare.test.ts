import { describe, expect, it } from "vitest";
import { CxMetricsError, compareNps, nps } from "../../src/index.ts";
import { close, hasNaN, simpsonNormalCdf } from "../helpers.ts";

describe("compareNps", () => {
  const before = { promoters: 50, detractors: 20, total: 100 };
  const after = { promoters: 60, detractors: 15, total: 100 };

  it("Wald: difference, standard error, z and p by hand", () => {
    const r = compareNps(before, after, { interval: "wald" })!;
    expect(r.difference).toBe(15);
    // v1 = .5 + .2 - .09 = .61; v2 = .6 + .15 - .2025 = .5475
    const se = Math.sqrt(0.61 / 100 + 0.5475 / 100);
    expect(close(r.standardError, 100 * se, 1e-12)).toBe(true);
    expect(close(r.z, 0.15 / se, 1e-12)).toBe(true);
    expect(Math.abs(r.pValue! - 2 * (1 - simpsonNormalCdf(0.15 / se)))).toBeLessThan(1e-12);
    expect(close(r.interval.lower, 100 * (0.15 - 1.959963984540054 * se), 1e-12)).toBe(true);
  });

  it("adjusted Wald (Lewis & Sauro 2021): each side adjusted before the test", () => {
    const r = compareNps(before, after)!;
    const [p1, d1, p2, d2] = [50.75 / 103, 20.75 / 103, 60.75 / 103, 15.75 / 103];
    const se = Math.sqrt((p1 + d1 - (p1 - d1) ** 2) / 103 + (p2 + d2 - (p2 - d2) ** 2) / 103);
    const diff = p2 - d2 - (p1 - d1);
    expect(close(r.z, diff / se, 1e-12)).toBe(true);
    expect(close(r.interval.center, 100 * diff, 1e-12)).toBe(true);
    expect(r.difference).toBe(15);
    expect([r.before, r.after]).toEqual([30, 45]);
  });

  it("takes NpsResult values directly and is antisymmetric", () => {
    const a = nps([10, 9, 3, 7, 8]);
    const b = nps([10, 10, 9, 2]);
    const ab = compareNps(a, b)!;
    const ba = compareNps(b, a)!;
    expect(ab.difference).toBe(-ba.difference);
    expect(close(ab.z, -ba.z!, 1e-12)).toBe(true);
    expect(close(ab.pValue, ba.pValue, 1e-12)).toBe(true);
  });

  it("null when a side is empty; null z when Wald's standard error is 0", () => {
    expect(compareNps(nps([]), nps([10]))).toBeNull();
    const r = compareNps(nps([10, 10]), nps([0, 0]), { interval: "wald" })!;
    expect([r.z, r.pValue, r.difference]).toEqual([null, null, -200]);
    expect(hasNaN(r)).toBe(false);
  });

  it("rejects inconsistent counts", () => {
    expect(() => compareNps({ promoters: 60, detractors: 50, total: 100 }, after)).toThrow(/compareNps: option "before"/);
    expect(() => compareNps(before, { promoters: Number.NaN, detractors: 0, total: 1 })).toThrow(CxMetricsError);
  });
});

