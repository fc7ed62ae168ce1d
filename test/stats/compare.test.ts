import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { adjustPValues, compareEstimates, compareMeans, compareMedians, compareShares, csat, CxMetricsError, nps, type PAdjustMethod } from "../../src/index.ts";
import { studentTCdf, studentTQuantile } from "../../src/stats/student-t.ts";
import { bisectWilson, close } from "../helpers.ts";

describe("Student's t", () => {
  it("matches published quantiles (R's qt)", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 8);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456, 8);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 8);
  });

  test.prop([fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true })], { numRuns: 100 })(
    "the CDF equals a Simpson integral of the density (brute force)",
    (t, df) => {
      const logC = lgammaRef((df + 1) / 2) - lgammaRef(df / 2) - 0.5 * Math.log(df * Math.PI);
      const f = (x: number): number => Math.exp(logC - ((df + 1) / 2) * Math.log(1 + (x * x) / df));
      const steps = 4000;
      const h = t / steps;
      let s = f(0) + f(t);
      for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
      expect(close(studentTCdf(t, df), 0.5 + (s * h) / 3, 1e-8)).toBe(true);
    },
  );
});

describe("Student's t near 0 (a regression: the CDF was exactly 0.5 for |t| below about 1e-8)", () => {
  it("moves off 0.5 by the density times t", () => {
    // The counterexample fast-check found: P(T < t) ≈ 0.5 + t·f(0), f(0) = Γ((ν+1)/2)/(Γ(ν/2)√(νπ)).
    const df = 104.64120430129148;
    const t = -2.5126239746888387e-8;
    const f0 = Math.exp(lgammaRef((df + 1) / 2) - lgammaRef(df / 2) - 0.5 * Math.log(df * Math.PI));
    expect(close(studentTCdf(t, df), 0.5 + t * f0, 1e-12)).toBe(true);
    expect(close(studentTCdf(-t, df), 0.5 - t * f0, 1e-12)).toBe(true);
  });
});

/** ln Γ by Stirling's series with shifting (an independent implementation). */
function lgammaRef(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}

describe("compareShares: Newcombe (1998), Table II, method 10", () => {
  // Newcombe's examples are p1 - p2; here before = the second, after = the first.
  const cases: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
  ];
  for (const [x1, n1, x2, n2, lo, hi] of cases) {
    it(`${x1}/${n1} - ${x2}/${n2}: [${lo}, ${hi}]`, () => {
      const c = compareShares({ successes: x2, total: n2 }, { successes: x1, total: n1 })!;
      expect(c.interval.lower / 100).toBeCloseTo(lo, 4);
      expect(c.interval.upper / 100).toBeCloseTo(hi, 4);
      expect(c.difference).toBeCloseTo(100 * (x1 / n1 - x2 / n2), 10);
    });
  }

  it("tests with the pooled z, and refuses bad counts", () => {
    const c = compareShares({ successes: 48, total: 80 }, { successes: 56, total: 70 })!;
    // Pooled p = 104/150; z = 0.2 / sqrt(p(1 - p)(1/80 + 1/70)).
    const p = 104 / 150;
    const z = 0.2 / Math.sqrt(p * (1 - p) * (1 / 80 + 1 / 70));
    expect(c.statistic).toBeCloseTo(z, 12);
    expect(c.pValue).toBeCloseTo(0.00804508, 6);
    expect(compareShares({ successes: 0, total: 0 }, { successes: 1, total: 2 })).toBeNull();
    expect(compareShares({ successes: 5, total: 5 }, { successes: 3, total: 3 })!.pValue).toBeNull();
    expect(() => compareShares({ successes: 6, total: 5 }, { successes: 1, total: 2 })).toThrow(CxMetricsError);
    expect(() => compareShares(null as never, { successes: 1, total: 2 })).toThrow(/compareShares: option "before"/);
  });

  test.prop([fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 })])(
    "the interval is built from Wilson limits found by bisection, holds the difference, and a sample against itself is 0",
    (a, n1, b, n2) => {
      const x1 = Math.min(a, n1);
      const x2 = Math.min(b, n2);
      const c = compareShares({ successes: x1, total: n1 }, { successes: x2, total: n2 })!;
      const [l1, u1] = bisectWilson(x1, n1, 1.959963984540054).map((v) => v / 100) as [number, number];
      const [l2, u2] = bisectWilson(x2, n2, 1.959963984540054).map((v) => v / 100) as [number, number];
      const p1 = x1 / n1;
      const p2 = x2 / n2;
      expect(close(c.interval.lower / 100, p2 - p1 - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), 1e-7)).toBe(true);
      expect(close(c.interval.upper / 100, p2 - p1 + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2), 1e-7)).toBe(true);
      expect(c.interval.lower <= c.difference + 1e-9 && c.difference <= c.interval.upper + 1e-9).toBe(true);
      const self = compareShares({ successes: x1, total: n1 }, { successes: x1, total: n1 })!;
      expect(self.difference).toBe(0);
      expect(self.pValue === null || self.pValue === 1).toBe(true);
    },
  );
});

describe("compareMeans: Welch", () => {
  const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const summary = (xs: number[]): { mean: number; standardDeviation: number; n: number } => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { mean, standardDeviation: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)), n: xs.length };
  };
  it("matches R: t.test(extra ~ group, data = sleep)", () => {
    // R: t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832 (group 1 minus group 2).
    const c = compareMeans(summary(sleep2), summary(sleep1))!;
    expect(c.statistic).toBeCloseTo(-1.8608, 4);
    expect(c.df).toBeCloseTo(17.776, 3);
    expect(c.pValue).toBeCloseTo(0.07939, 5);
    expect(c.interval.lower).toBeCloseTo(-3.3654832, 6);
    expect(c.interval.upper).toBeCloseTo(0.2054832, 6);
  });

  it("edge cases: n < 2, zero variance, bad input", () => {
    expect(compareMeans({ mean: 1, standardDeviation: 0, n: 1 }, { mean: 2, standardDeviation: 1, n: 5 })).toBeNull();
    const flat = compareMeans({ mean: 1, standardDeviation: 0, n: 3 }, { mean: 1, standardDeviation: 0, n: 3 })!;
    expect([flat.difference, flat.statistic, flat.pValue]).toEqual([0, null, null]);
    expect(() => compareMeans({ mean: Number.NaN, standardDeviation: 1, n: 3 }, summary(sleep1))).toThrow(CxMetricsError);
    expect(() => compareMeans(summary(sleep1), summary(sleep2), { levl: 90 } as never)).toThrow(/did you mean "level"/);
  });
});

describe("compareMedians: Bonett & Price (2002)", () => {
  it("matches statpsych's ci.median2 example", () => {
    const y1 = [32.1, 39.8, 26.3, 35.0, 43.1, 27.0, 40.9, 37.4, 34.0, 29.2];
    const y2 = [36.8, 44.0, 47.1, 42.7, 49.0, 39.6, 46.2, 31.6, 33.1, 48.4];
    // statpsych: Median1 - Median2 = -8.85, SE 4.494993, LL -17.66002, UL -0.0399751.
    const c = compareMedians(y2, y1)!;
    expect(c.difference).toBeCloseTo(-8.85, 10);
    expect(c.standardError).toBeCloseTo(4.494993, 6);
    expect(c.interval.lower).toBeCloseTo(-17.66002, 5);
    expect(c.interval.upper).toBeCloseTo(-0.0399751, 6);
  });

  it("the single-sample standard error matches statpsych's ci.median (SE 4.292277)", () => {
    const y = [30.2, 20.4, 15.1, 10.2, 10.5, 60.8, 20.8, 25.0, 20.7, 30.9, 10.8, 5.1, 50.9, 40.0, 20.9, 10.8, 0, 20.5, 50.8];
    // Against a constant sample (SE 0), the difference's SE is the sample's own.
    const c = compareMedians(y, new Array<number>(19).fill(20.7))!;
    expect(c.difference).toBe(0);
    expect(c.standardError).toBeCloseTo(4.292277, 6);
  });

  it("other percentiles, empty sides and bad values", () => {
    const a = Array.from({ length: 200 }, (_, i) => i);
    const b = a.map((x) => x + 10);
    const c = compareMedians(a, b, { percentile: 90 })!;
    expect(c.difference).toBeCloseTo(10, 10);
    expect(c.standardError).toBeGreaterThan(0);
    expect(compareMedians([], b)).toBeNull();
    expect(() => compareMedians([1, Number.NaN], b)).toThrow(/before at index 1/);
    expect(() => compareMedians(5 as never, b)).toThrow(CxMetricsError);
    expect(() => compareMedians(a, b, { percentile: 100 })).toThrow(/percentile/);
  });
});

describe("a sample compared with itself", () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 60 })])("has difference 0 and an interval around 0, for every test", (xs) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    const comparisons = [
      compareMeans({ mean, standardDeviation: sd, n: xs.length }, { mean, standardDeviation: sd, n: xs.length })!,
      compareMedians(xs, xs)!,
      compareEstimates(nps(xs).score, nps(xs).score)!,
      compareEstimates(csat(xs.map((x) => 1 + (x % 5))).score, csat(xs.map((x) => 1 + (x % 5))).score)!,
    ];
    for (const c of comparisons) {
      expect(c.difference).toBe(0);
      expect(c.interval.lower <= 0 && 0 <= c.interval.upper).toBe(true);
      expect(c.pValue === null || c.pValue === 1).toBe(true);
    }
  });
});

describe("compareEstimates", () => {
  it("chooses the test by the estimate's kind", () => {
    const a = csat([5, 4, 2, 1, 5]).score;
    const b = csat([5, 5, 4, 4, 2]).score;
    const c = compareEstimates(a, b)!;
    expect([c.test, c.difference]).toEqual(["newcombe", 20]);
    expect(c).toEqual(compareShares({ successes: 3, total: 5 }, { successes: 4, total: 5 }));
    const m = compareEstimates(csat([5, 4, 2, 1, 5]).mean, csat([5, 5, 4, 4, 2]).mean)!;
    expect(m.test).toBe("welch");
    // CSAT means 3.4 and 4.0; sample variances 3.3 and 1.5.
    const direct = compareMeans({ mean: 3.4, standardDeviation: Math.sqrt(3.3), n: 5 }, { mean: 4, standardDeviation: Math.sqrt(1.5), n: 5 })!;
    for (const k of ["difference", "standardError", "statistic", "df", "pValue"] as const) expect(close(m[k], direct[k], 1e-12)).toBe(true);
    const n = compareEstimates(nps([10, 9, 3]).score, nps([10, 10, 7]).score)!;
    expect(n.test).toBe("normal");
    expect(compareEstimates(null, b)).toBeNull();
    expect(() => compareEstimates(a, csat([1, 5]).mean)).toThrow(/same kind/);
    expect(() => compareEstimates({ value: 1 } as never, b)).toThrow(CxMetricsError);
  });
});

describe("adjustPValues", () => {
  // Benjamini & Hochberg (1995), section 4.1: 15 p-values; at q = 0.05 BH rejects the four smallest,
  // Bonferroni-Holm the three smallest.
  const bh95 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
  it("reproduces Benjamini & Hochberg's worked example", () => {
    const bh = adjustPValues(bh95, { method: "benjamini-hochberg" });
    expect(bh.filter((p) => (p as number) <= 0.05).length).toBe(4);
    const holm = adjustPValues(bh95);
    expect(holm.filter((p) => (p as number) <= 0.05).length).toBe(3);
    expect(holm[0]).toBeCloseTo(0.0015, 12);
    expect(holm[2]).toBeCloseTo(0.0247, 12);
    expect(adjustPValues([0.01, 0.02], { method: "bonferroni" })).toEqual([0.02, 0.04]);
    expect(adjustPValues([0.01, null], { method: "none" })).toEqual([0.01, null]);
    expect(() => adjustPValues([1.2])).toThrow(/pValues" at index 0/);
    expect(() => adjustPValues([0.1], { method: "fdr" as never })).toThrow(/method/);
  });

  /** R's p.adjust, written from its definition with explicit loops (O(m²)). */
  function reference(ps: number[], method: PAdjustMethod): number[] {
    const m = ps.length;
    return ps.map((p, i) => {
      const rank = (j: number): number => ps.filter((q, k) => q < ps[j]! || (q === ps[j]! && k < j)).length + 1;
      if (method === "holm") {
        let best = 0;
        for (let j = 0; j < m; j++) if (rank(j) <= rank(i)) best = Math.max(best, Math.min(1, (m - rank(j) + 1) * ps[j]!));
        return best;
      }
      let best = 1;
      for (let j = 0; j < m; j++) if (rank(j) >= rank(i)) best = Math.min(best, Math.min(1, (m / rank(j)) * ps[j]!));
      return best;
    });
  }
  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), fc.constantFrom<PAdjustMethod>("holm", "benjamini-hochberg")])(
    "equal the definition, are never below the raw p-values, and keep their order",
    (ps, method) => {
      const adjusted = adjustPValues(ps, { method }) as number[];
      const expected = reference(ps, method);
      adjusted.forEach((p, i) => {
        expect(close(p, expected[i]!, 1e-12)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(ps[i]!);
        expect(p).toBeLessThanOrEqual(1);
      });
      for (let i = 0; i < ps.length; i++) for (let j = 0; j < ps.length; j++) if (ps[i]! < ps[j]!) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
      if (method === "holm") {
        const bh = adjustPValues(ps, { method: "benjamini-hochberg" }) as number[];
        bh.forEach((p, i) => expect(p).toBeLessThanOrEqual(adjusted[i]! + 1e-15));
      }
    },
  );
});
