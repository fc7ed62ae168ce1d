import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { adjustPValues, compareNps, controlChart, csatMetric, CxMetricsError, npsMetric, periodOverPeriod, series, seriesTrend, trendSlope, type Estimate } from "../../src/index.ts";
import { close } from "../helpers.ts";

const est = (value: number, standardError: number, n = 100): Estimate => ({ value, standardError, n, interval: { lower: value - 2 * standardError, upper: value + 2 * standardError, center: value, level: 95, method: "normal" } });

/** WLS by the normal equations (XᵀWX)β = XᵀWy solved with Cramer's rule: an independent second implementation. */
function wls(xs: number[], ys: number[], ses: number[]): { slope: number; intercept: number; varSlope: number; rss: number } {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let e = 0;
  xs.forEach((x, i) => {
    const w = 1 / ses[i]! ** 2;
    a += w;
    b += w * x;
    c += w * x * x;
    d += w * ys[i]!;
    e += w * x * ys[i]!;
  });
  const det = a * c - b * b;
  const intercept = (c * d - b * e) / det;
  const slope = (a * e - b * d) / det;
  const rss = xs.reduce((s, x, i) => s + (ys[i]! - intercept - slope * x) ** 2 / ses[i]! ** 2, 0);
  return { slope, intercept, varSlope: a / det, rss };
}

describe("trendSlope", () => {
  it("worked by hand: a straight line with equal errors", () => {
    const t = trendSlope([est(10, 1), est(20, 1), est(30, 1)])!;
    // Sxx = 2 with unit weights; residuals 0, so the known-variance z test: SE = 1/√2.
    expect(t.slope).toBeCloseTo(10, 12);
    expect(t.intercept).toBeCloseTo(10, 12);
    expect(t.standardError).toBeCloseTo(Math.SQRT1_2, 12);
    expect([t.df, t.direction, t.interval.method]).toEqual([null, "rising", "wls-z"]);
  });

  it("a constant series has slope 0 and p = 1; empty periods keep their place", () => {
    const t = trendSlope([est(40, 3), null, est(40, 5), est(40, 2)])!;
    expect(t.slope).toBeCloseTo(0, 12);
    expect(t.pValue).toBe(1);
    expect(t.direction).toBe("no clear trend");
    expect([t.periods, t.skipped]).toEqual([3, 1]);
    const gap = trendSlope([est(0, 1), null, est(20, 1)])!;
    expect(gap.slope).toBeCloseTo(10, 12);
  });

  it("scatter beyond the standard errors widens the slope's interval (t on k - 2 df)", () => {
    const t = trendSlope([est(0, 1), est(10, 1), est(0, 1), est(10, 1), est(5, 1)])!;
    expect(t.dispersion).toBeGreaterThan(1);
    expect(t.df).toBe(3);
    const known = trendSlope([est(0, 1), est(10, 1), est(0, 1), est(10, 1), est(5, 1)], { dispersion: "known" })!;
    expect(t.standardError).toBeCloseTo(known.standardError * Math.sqrt(t.dispersion), 12);
    expect(trendSlope([est(1, 1)])).toBeNull();
    expect(() => trendSlope("x" as never)).toThrow(CxMetricsError);
    expect(() => trendSlope([{ value: 1 } as never, est(1, 1)])).toThrow(/estimates" at index 0/);
    expect(() => trendSlope([], { dispersion: "estimated" as never })).toThrow(/dispersion/);
  });

  test.prop([fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true })), { minLength: 3, maxLength: 24 })])(
    "equals the normal equations; shifting the values keeps the slope; reversing the order negates it",
    (points) => {
      const estimates = points.map(([v, se]) => est(v, se));
      const t = trendSlope(estimates, { dispersion: "known" })!;
      const ref = wls(points.map((_, i) => i), points.map(([v]) => v), points.map(([, se]) => se));
      expect(close(t.slope, ref.slope, 1e-7)).toBe(true);
      expect(close(t.standardError ** 2, ref.varSlope, 1e-7)).toBe(true);
      const auto = trendSlope(estimates)!;
      expect(close(auto.dispersion, ref.rss / (points.length - 2), 1e-6)).toBe(true);
      const shifted = trendSlope(points.map(([v, se]) => est(v + 50, se)), { dispersion: "known" })!;
      expect(close(shifted.slope, t.slope, 1e-7)).toBe(true);
      const reversed = trendSlope([...estimates].reverse(), { dispersion: "known" })!;
      expect(close(reversed.slope, -t.slope, 1e-7)).toBe(true);
      expect(t.pValue >= 0 && t.pValue <= 1).toBe(true);
    },
  );
});

interface Row {
  readonly at: number;
  readonly score: number;
}
const month = (m: number, day = 10): number => Date.UTC(2025, m, day, 12);

describe("periodOverPeriod", () => {
  const rows: Row[] = [];
  // 14 months of NPS answers; month 12 (January 2026) jumps.
  for (let m = 0; m < 14; m++) {
    for (let i = 0; i < 120; i++) rows.push({ at: month(m, 1 + (i % 27)), score: m === 12 ? (i % 4 === 0 ? 5 : 10) : i % 3 === 0 ? 3 : i % 3 === 1 ? 8 : 10 });
  }
  const metric = npsMetric<Row>({ value: (r) => r.score });
  const monthly = series(metric, rows, { at: "at", period: "month" });

  it("compares each month with the previous one by compareNps and adjusts with Holm", () => {
    const changes = periodOverPeriod(metric, monthly);
    expect(changes[0]).toEqual({ label: "2025-01", against: null, comparison: null, adjustedPValue: null, significant: false });
    const direct = monthly.periods.slice(1).map((p, j) => compareNps(monthly.periods[j]!.result, p.result)!);
    changes.slice(1).forEach((c, j) => {
      expect(c.against).toBe(monthly.periods[j]!.label);
      expect(c.comparison!.difference).toBe(direct[j]!.difference);
      expect(c.comparison!.pValue).toBe(direct[j]!.pValue);
    });
    const adjusted = adjustPValues(direct.map((d) => d.pValue));
    changes.slice(1).forEach((c, j) => expect(c.adjustedPValue).toBe(adjusted[j]));
    expect(changes.filter((c) => c.significant).map((c) => c.label)).toEqual(["2026-01", "2026-02"]);
  });

  it("against the same month a year earlier", () => {
    const changes = periodOverPeriod(metric, monthly, { against: "year", adjust: "none" });
    expect(changes.map((c) => c.against)).toEqual([...new Array(12).fill(null), "2025-01", "2025-02"]);
    expect(changes[12]!.comparison!.difference).toBe(compareNps(monthly.periods[0]!.result, monthly.periods[12]!.result)!.difference);
    expect(() => periodOverPeriod(metric, monthly, { against: "quarter" as never })).toThrow(/against/);
    expect(() => periodOverPeriod(metric, {} as never)).toThrow(/a series made by/);
    // A series of another metric is refused, not read under this metric's name.
    const other = series(csatMetric<Row>({ value: (r) => 1 + (r.score % 5) }), rows, { at: "at", period: "month" });
    for (const f of [periodOverPeriod, seriesTrend, controlChart] as const) {
      expect(() => f(metric, other as never)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
    }
  });

  it("the trend of the series", () => {
    const t = seriesTrend(metric, monthly)!;
    expect(t.periods).toBe(14);
    const ref = trendSlope(monthly.periods.map((p) => p.result.score));
    expect(t).toEqual(ref);
  });
});

describe("controlChart", () => {
  // CSAT shares of 10/100, 20/100 and 5/50 satisfied.
  const rows: { at: number; csat: number }[] = [];
  const add = (m: number, satisfied: number, n: number): void => {
    for (let i = 0; i < n; i++) rows.push({ at: month(m), csat: i < satisfied ? 5 : 1 });
  };
  add(0, 10, 100);
  add(1, 20, 100);
  add(2, 5, 50);
  const metric = csatMetric({ value: "csat" });
  const monthly = series(metric, rows, { at: "at", period: "month" });

  it("p-chart limits by hand, and Laney's widening", () => {
    const plain = controlChart(metric, monthly, { overdispersion: "none" })!;
    const p = 35 / 250;
    expect(plain.chart).toBe("p");
    expect(plain.center).toBeCloseTo(100 * p, 10);
    const half100 = 300 * Math.sqrt((p * (1 - p)) / 100);
    expect(plain.periods[0]!.lower).toBeCloseTo(100 * p - half100, 10);
    expect(plain.periods[1]!.upper).toBeCloseTo(100 * p + half100, 10);
    expect(plain.periods[2]!.lower).toBe(0);
    expect(plain.periods.map((x) => x.signal)).toEqual([null, null, null]);
    const s100 = Math.sqrt((p * (1 - p)) / 100);
    const s50 = Math.sqrt((p * (1 - p)) / 50);
    const z = [(0.1 - p) / s100, (0.2 - p) / s100, (0.1 - p) / s50];
    const sigmaZ = (Math.abs(z[1]! - z[0]!) + Math.abs(z[2]! - z[1]!)) / 2 / 1.128;
    const laney = controlChart(metric, monthly)!;
    expect(laney.laney).toBe(true);
    expect(laney.sigmaZ).toBeCloseTo(sigmaZ, 10);
    expect(laney.periods[0]!.upper).toBeCloseTo(100 * (p + 3 * s100 * sigmaZ), 10);
  });

  it("flags a period outside the limits; NPS charts use pooled promoter and detractor shares", () => {
    const npsRows: Row[] = [];
    for (let m = 0; m < 6; m++) for (let i = 0; i < 200; i++) npsRows.push({ at: month(m), score: m === 4 ? 10 : i % 2 === 0 ? 10 : 0 });
    const m = npsMetric<Row>({ value: (r) => r.score });
    const chart = controlChart(m, series(m, npsRows, { at: "at", period: "month" }), { overdispersion: "none" })!;
    // Pooled: promoters 700/1200, detractors 500/1200.
    const p = 700 / 1200;
    const d = 500 / 1200;
    expect(chart.chart).toBe("nps");
    expect(chart.center).toBeCloseTo(100 * (p - d), 10);
    expect(chart.periods[0]!.upper).toBeCloseTo(100 * (p - d) + 300 * Math.sqrt((p + d - (p - d) ** 2) / 200), 10);
    expect(chart.periods.map((x) => x.signal)).toEqual([null, null, null, null, "above", null]);
    expect(controlChart(m, series(m, [], { at: "at", period: "month" }))).toBeNull();
    expect(() => controlChart(m, monthly as never, { sigma: 0 })).toThrow(/sigma/);
  });
});
