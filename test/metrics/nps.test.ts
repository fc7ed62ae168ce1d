import { describe, expect, it } from "vitest";
import {
  CxMetricsError,
  contactCenterNpsBands,
  nps,
  npsCategory,
  npsMetric,
  type NpsResult,
} from "../../src/index.ts";
import { close, hasNaN } from "../helpers.ts";

const repeat = (value: number, times: number): number[] => Array.from({ length: times }, () => value);
const fiftyThirtyTwenty = [...repeat(10, 25), ...repeat(9, 25), ...repeat(8, 15), ...repeat(7, 15), ...repeat(6, 10), ...repeat(0, 10)];

describe("nps", () => {
  it("scores [10, 9, 7, 3] as 25: two promoters, one passive, one detractor of four", () => {
    const r = nps([10, 9, 7, 3]);
    expect(r.score?.value).toBe(25);
    expect([r.promoters, r.passives, r.detractors, r.total, r.responses]).toEqual([2, 1, 1, 4, 4]);
    expect([r.promoterShare, r.passiveShare, r.detractorShare]).toEqual([50, 25, 25]);
  });

  it("reproduces the worked check: 50 promoters, 30 passives, 20 detractors", () => {
    const wald = nps(fiftyThirtyTwenty, { interval: "wald" });
    expect(wald.score?.value).toBe(30);
    // SE = 100·√((0.5 + 0.2 - 0.3²)/100) = 100·√0.0061 = 7.8102...
    expect(close(wald.score!.standardError, 100 * Math.sqrt(0.0061), 1e-12)).toBe(true);
    expect(wald.score!.standardError).toBeCloseTo(7.81, 2);
    expect(wald.score!.interval.lower).toBeCloseTo(14.69, 2);
    expect(wald.score!.interval.upper).toBeCloseTo(45.31, 2);
    const adjusted = nps(fiftyThirtyTwenty);
    expect(adjusted.score!.interval.method).toBe("adjusted-wald");
    expect(adjusted.score!.interval.center).toBeCloseTo(29.13, 2);
    expect(adjusted.score!.interval.lower).toBeCloseTo(14.05, 2);
    expect(adjusted.score!.interval.upper).toBeCloseTo(44.2, 2);
  });

  it("adjusted Wald shrinks toward 0: one promoter gives -48.5 to 98.5 (docs/metrics.md)", () => {
    // p' = 1.75/4, d' = .75/4: center .25, variance .625 - .0625 = .5625, half-width 1.96·√(.5625/4) = .735
    const r = nps([10]);
    expect(r.score?.value).toBe(100);
    expect(close(r.score!.interval.center, 25, 1e-12)).toBe(true);
    expect(close(r.score!.interval.lower, 100 * (0.25 - 1.959963984540054 * Math.sqrt(0.5625 / 4)), 1e-12)).toBe(true);
    expect(r.score!.interval.lower).toBeCloseTo(-48.5, 1);
    expect(r.score!.interval.upper).toBeCloseTo(98.5, 1);
  });

  it("uses other levels: the 90% Wald half-width is 1.6449 standard errors", () => {
    const r = nps(fiftyThirtyTwenty, { interval: "wald", level: 90 });
    expect(close(r.score!.interval.upper - 30, 1.6448536269514722 * 100 * Math.sqrt(0.0061), 1e-12)).toBe(true);
    expect(r.score!.interval.level).toBe(90);
  });

  it("reads records through an accessor that also gets the index", () => {
    const seen: number[] = [];
    const records = [{ s: 10 }, { s: 2 }, { s: 9 }];
    const r = nps(records, {
      value: (rec, i) => {
        seen.push(i);
        return rec.s;
      },
    });
    expect(r.score?.value).toBeCloseTo(100 / 3, 12);
    expect(seen).toEqual([0, 1, 2]);
  });

  it("weights responses: weighted counts and Kish's effective size", () => {
    // Scores 10 and 0 with weights 3 and 1: P = 3, D = 1, W = 4, n_eff = 16/10.
    const r = nps([10, 0], { weight: (_, i) => (i === 0 ? 3 : 1) });
    expect(r.score?.value).toBe(50);
    expect([r.promoters, r.detractors, r.total, r.responses]).toEqual([3, 1, 4, 2]);
    expect(r.effectiveSize).toBeCloseTo(1.6, 12);
    // p = .75, d = .25: variance 1 - .25 = .75; SE = 100·√(.75/1.6)
    expect(close(r.score!.standardError, 100 * Math.sqrt(0.75 / 1.6), 1e-12)).toBe(true);
  });

  it("supports other scales and cut-offs (a 1-5 survey)", () => {
    const r = nps([5, 4, 3, 1], { scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 });
    expect([r.promoters, r.passives, r.detractors]).toEqual([1, 1, 2]);
    expect(r.score?.value).toBe(-25);
    expect(r.distribution.map((d) => d.value)).toEqual([1, 2, 3, 4, 5]);
    expect(() => nps([5], { scale: { min: 1, max: 5 } })).toThrow('nps: option "promoterMin" is 9; expected an integer from 1 to 5 (the scale)');
  });

  it("excludes and counts missing answers, never as passives", () => {
    const r = nps([10, null, undefined, 3]);
    expect(r.total).toBe(2);
    expect(r.passives).toBe(0);
    expect(r.score?.value).toBe(0);
    expect(r.excluded).toEqual({ missing: 2, invalidValue: 0, invalidWeight: 0, invalidRecord: 0 });
  });

  it("gives total 0 and null statistics for empty or all-missing input, and no NaN", () => {
    for (const input of [[], [null, undefined]]) {
      const r: NpsResult = nps(input);
      expect(r.total).toBe(0);
      expect([r.score, r.promoterShare, r.passiveShare, r.detractorShare]).toEqual([null, null, null, null]);
      expect(hasNaN(r)).toBe(false);
    }
  });

  it.each([
    [11, "11"],
    [-1, "-1"],
    [7.5, "7.5"],
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
    ["9", '"9"'],
    [true, "true"],
    [{}, "an object"],
  ])("throws CxMetricsError naming index and value for %s", (bad, shown) => {
    let error: unknown;
    try {
      nps([10, 9, bad as number]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CxMetricsError);
    const e = error as CxMetricsError;
    expect(e.message).toBe(`nps: score at index 2 is ${shown}; expected an integer from 0 to 10`);
    expect([e.code, e.index, e.field]).toEqual(["INVALID_VALUE", 2, "score"]);
  });

  it("skips and counts invalid scores and weights with onInvalid: 'skip'", () => {
    const weights = [1, 1, 1, -2, Number.NaN, 1];
    const r = nps([10, 11, "x" as never, 9, 9, null], { onInvalid: "skip", weight: (_, i) => weights[i]! });
    expect(r.total).toBe(1);
    expect(r.excluded).toEqual({ missing: 1, invalidValue: 2, invalidWeight: 2, invalidRecord: 0 });
    expect(() => nps([10], { weight: () => 0 })).toThrow("nps: weight at index 0 is 0; expected a number from 1e-100 to 1e100");
    // Bounded so that squared weights neither overflow nor underflow (no NaN in the effective size).
    expect(() => nps([10], { weight: () => 1e101 })).toThrow(CxMetricsError);
    expect(() => nps([10], { weight: () => 1e-101 })).toThrow(CxMetricsError);
    const extreme = nps([10, 0], { weight: (_, i) => (i === 0 ? 1e100 : 1e-100) });
    expect(extreme.score?.value).toBe(100);
    expect(hasNaN(extreme)).toBe(false);
  });

  it("rejects bad options once, up front", () => {
    expect(() => nps([], { level: 0.95 })).toThrow(/option "level" is 0.95/);
    expect(() => nps([], { level: 100 })).toThrow(CxMetricsError);
    expect(() => nps([], { level: 99.99999999999999 })).toThrow(CxMetricsError);
    expect(() => nps([], { scale: { min: 5, max: 1 } })).toThrow(/option "scale"/);
    expect(() => nps([], { promoterMin: 6, detractorMax: 6 })).toThrow(/option "detractorMax" is 6; expected a score below promoterMin \(6\)/);
    expect(() => nps([], { interval: "bootstrap" as never })).toThrow(/option "interval"/);
    expect(() => nps([], { onInvalid: "ignore" as never })).toThrow(/option "onInvalid"/);
    expect(() => nps([], { value: 3 as never })).toThrow(/option "value"/);
    expect(() => nps([], { bands: [{ from: 50, label: "a" }, { from: 30, label: "b" }] })).toThrow(/option "bands"/);
  });

  it("labels the score with bands only when asked", () => {
    expect(nps([10, 10, 9, 7]).band).toBeNull();
    expect(nps([10, 10, 9, 7], { bands: contactCenterNpsBands }).band).toBe("excellent");
    expect(nps([10, 7, 7, 7, 3], { bands: contactCenterNpsBands }).band).toBe("poor");
    // 5 promoters, 4 passives, 1 detractor of 10: NPS 40.
    expect(nps([10, 10, 10, 10, 10, 7, 7, 7, 7, 3], { bands: contactCenterNpsBands }).band).toBe("good");
    expect(nps([], { bands: contactCenterNpsBands }).band).toBeNull();
    expect(nps([0], { bands: [{ from: 0, label: "positive" }] }).band).toBeNull();
  });

  it("returns the distribution of every scale point", () => {
    const r = nps([10, 10, 3]);
    expect(r.distribution).toHaveLength(11);
    expect(r.distribution[10]).toEqual({ value: 10, count: 2 });
    expect(r.distribution[3]).toEqual({ value: 3, count: 1 });
  });

  it("refuses to merge states of different scales", () => {
    const a = npsMetric();
    const b = npsMetric({ scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 });
    expect(() => a.merge(a.init(), b.init())).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
  });
});

describe("npsCategory", () => {
  it("classifies with the default and custom cut-offs", () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => npsCategory(s))).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
    expect(npsCategory(null)).toBeNull();
    expect(npsCategory(4, { scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 })).toBe("passive");
    expect(() => npsCategory(10.5)).toThrow("npsCategory: score is 10.5; expected an integer from 0 to 10");
  });
});


describe("errors name the record's own fields", () => {
  it("names the answer and weight fields read by name, and the generic ones otherwise", async () => {
    const { csat, ces, nps: npsOf } = await import("../../src/index.ts");
    expect(() => npsOf([{ ltr: 11 }], { value: "ltr" })).toThrow(expect.objectContaining({ field: "ltr", index: 0 }));
    expect(() => npsOf([{ ltr: 9, w: -1 }], { value: "ltr", weight: "w" })).toThrow(expect.objectContaining({ code: "INVALID_WEIGHT", field: "w" }));
    expect(() => csat([{ sat: 0 }], { value: "sat" })).toThrow("csat: sat at index 0 is 0");
    expect(() => ces([{ effort: 9 }], { value: "effort" })).toThrow("ces: effort at index 0 is 9");
    expect(() => npsOf([{ ltr: 11 }], { value: (r) => r.ltr })).toThrow("nps: score at index 0 is 11");
  });
});
