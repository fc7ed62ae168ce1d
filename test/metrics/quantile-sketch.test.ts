import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ahtMetric, art, artMetric, CxMetricsError, fold, frt, quantileSketch, quantileSketchMetric, queue, stateFromBytes, stateFromJSON, stateToBytes, stateToJSON } from "cx-metrics";

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

describe("percentiles: \"sketch\" on the duration metrics", () => {
  const tickets = fc.array(
    fc.record({ created: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 1, 1) }), took: fc.oneof(fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.constant(0)) }),
    { minLength: 1, maxLength: 200 },
  );

  test.prop([tickets])("ART by sketch: counts, mean, min, max and the target share exact; percentiles within α of the duration at their rank", (list) => {
    const rows = list.map((t) => ({ created: t.created, solves: [t.created + t.took], status: "solved" as const }));
    const exact = art(rows, { target: "24h" });
    const sketch = art(rows, { target: "24h", percentiles: "sketch", relativeAccuracy: 0.01 });
    expect([sketch.count, sketch.min, sketch.max, sketch.metTarget, sketch.withinTarget]).toEqual([exact.count, exact.min, exact.max, exact.metTarget, exact.withinTarget]);
    expect(sketch.mean?.value).toBe(exact.mean?.value);
    // The mean's standard error from Σx² instead of Σ(x - mean)²: the same to far below a millisecond.
    expect(Math.abs((sketch.mean?.standardError ?? 0) - (exact.mean?.standardError ?? 0))).toBeLessThan(1e-3 + 1e-9 * (exact.mean?.standardError ?? 0));
    const sorted = list.map((t) => t.took).sort((a, b) => a - b);
    for (const [p, v] of [[50, sketch.median], [90, sketch.p90], [95, sketch.p95]] as const) {
      const at = atRank(sorted, p);
      expect(Math.abs((v as number) - at)).toBeLessThanOrEqual(0.01 * at + 1e-9);
    }
  });

  it("the mean's standard error does not cancel on long durations close together (Welford, not Σx² - n·mean²)", () => {
    // Found by the property above on a fresh seed: two 30-day durations 265,373 ms apart. By hand:
    // mean 2591404189.5, Σ(x - mean)² = 2·132686.5², population variance 132686.5², SE = √(variance/n) = 132686.5/√2.
    const rows = [2591271503, 2591536876].map((took) => ({ created: 0, solves: [took], status: "solved" as const }));
    const exact = art(rows);
    const sketch = art(rows, { percentiles: "sketch" });
    expect(sketch.mean?.value).toBe(2591404189.5);
    expect(exact.mean?.standardError).toBeCloseTo(132686.5 / Math.SQRT2, 6);
    expect(Math.abs((sketch.mean?.standardError ?? 0) - (exact.mean?.standardError ?? 0))).toBeLessThan(1e-9 * (exact.mean?.standardError ?? 0));
    // Merged from two shards of one duration each: Chan's update gives the same.
    const metric = artMetric({ percentiles: "sketch" });
    const a = fold(metric, rows.slice(0, 1));
    metric.merge(a, fold(metric, rows.slice(1)));
    expect(Math.abs((metric.result(a).mean?.standardError ?? 0) - (exact.mean?.standardError ?? 0))).toBeLessThan(1e-9 * (exact.mean?.standardError ?? 0));
  });

  it("a sketch state loaded back keeps the bits of its running mean (found by the portable-state property on a fresh seed)", () => {
    // Handle times 204,184, 114,007 and 0 ms: a running mean of about 318191/3 whose (mean · 3)/3 rounds
    // to the next double.
    const metric = ahtMetric({ percentiles: "sketch" });
    const state = fold(metric, [{ answered: 1, talk: 0, hold: 99_074, afterCallWork: 105_110 }, { answered: 1, talk: 5, hold: 3, afterCallWork: 113_999 }, { answered: 1, talk: 0, hold: null, afterCallWork: 0 }] as never);
    const mean = state.handleTimes.sketch!.mean;
    expect(Math.abs(mean - 318191 / 3)).toBeLessThan(1e-9);
    expect((mean * 3) / 3).not.toBe(mean);
    expect(stateFromBytes(metric, stateToBytes(metric, state)).handleTimes.sketch!.mean).toBe(state.handleTimes.sketch!.mean);
    expect(stateFromJSON(metric, JSON.parse(JSON.stringify(stateToJSON(metric, state)))).handleTimes.sketch!.m2).toBe(state.handleTimes.sketch!.m2);
  });

  it("keeps no duration, refuses an accuracy without the sketch, and does not merge with exact states", () => {
    const metric = ahtMetric({ percentiles: "sketch" });
    const state = fold(metric, Array.from({ length: 5000 }, (_, i) => ({ arrived: 0, answered: 0, talk: 1000 + i * 997, hold: 0, afterCallWork: 0 })));
    expect(state.handleTimes.values.length).toBe(0);
    // Durations from 1 s to about 83 min: ln(4985)/ln(1.01/0.99) is about 426 bins in use.
    expect(state.handleTimes.sketch!.bins.filter((c) => c > 0).length).toBeLessThanOrEqual(Math.ceil(Math.log(4985) / Math.log(1.01 / 0.99)) + 1);
    expect(state.handleTimes.sketch!.bins.length).toBeLessThanOrEqual(1024);
    expect(() => ahtMetric({ relativeAccuracy: 0.01 })).toThrow(/relativeAccuracy/);
    expect(() => artMetric({ percentiles: "approx" as never })).toThrow(CxMetricsError);
    const exact = ahtMetric();
    expect(() => exact.merge(exact.init(), metric.init() as never)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
    // Portable too: the sketch travels as JSON and as bytes.
    expect(metric.result(stateFromJSON(metric, JSON.parse(JSON.stringify(stateToJSON(metric, state)))))).toEqual(metric.result(state));
    expect(queue([{ arrived: 0, answered: 12_000 }, { arrived: 0, answered: 30_000 }], { percentiles: "sketch" }).answerWait.max).toBe(30_000);
    expect(frt([{ created: 0, firstResponse: 60_000 }], { percentiles: "sketch" }).median).toBeCloseTo(60_000, -3);
  });
});
