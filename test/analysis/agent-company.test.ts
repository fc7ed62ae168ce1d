import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { agentCompanyCsat, agentCompanyCsatMetric, agentCompanyNps, agentCompanyNpsMetric, CxMetricsError, detractorDriver, fold, groupBy, nps, series, unsatisfiedDriver } from "../../src/index.ts";
import { close, simpsonNormalCdf } from "../helpers.ts";

/** The NPS group of a score the obvious way: +1 promoter, 0 passive, -1 detractor. */
const g = (s: number): number => (s >= 9 ? 1 : s <= 6 ? -1 : 0);

describe("agentCompanyNps: agent vs company over the same respondents", () => {
  const rows = [
    { agentNps: 10, nps: 6 },
    { agentNps: 9, nps: 9 },
    { agentNps: 3, nps: 2 },
    { agentNps: 10, nps: 8 },
    { agentNps: 5, nps: 10 },
    { agentNps: 7, nps: 7 },
  ];

  it("matches a hand computation: both NPS, the paired gap, its SE, the cross-table and the drivers", () => {
    const r = agentCompanyNps(rows);
    // Agent groups: +1 +1 -1 +1 -1 0 -> NPS (3 - 2)/6 = 16.67; company: -1 +1 -1 0 +1 0 -> 0.
    expect(r.respondents).toBe(6);
    expect(r.agent.score?.value).toBeCloseTo(100 / 6, 12);
    expect(r.company.score?.value).toBe(0);
    // Differences d = 2, 0, 0, 1, -2, 0: mean 1/6, mean of squares 9/6, variance 9/6 - 1/36 = 53/36.
    const gap = r.gap!;
    expect(gap.test).toBe("paired");
    expect(gap.difference).toBeCloseTo(100 / 6, 12);
    expect(gap.standardError).toBeCloseTo(100 * Math.sqrt(53 / 36 / 6), 12);
    const z = 1 / 6 / Math.sqrt(53 / 36 / 6);
    expect(gap.statistic).toBeCloseTo(z, 12);
    expect(gap.pValue).toBeCloseTo(2 * (1 - simpsonNormalCdf(z)), 9);
    expect(gap.interval.lower).toBeCloseTo(100 / 6 - 1.959963984540054 * 100 * Math.sqrt(53 / 36 / 6), 9);
    expect(r.crossTable).toEqual({
      promoter: { promoter: 1, passive: 1, detractor: 1 },
      passive: { promoter: 0, passive: 1, detractor: 0 },
      detractor: { promoter: 1, passive: 0, detractor: 1 },
    });
    // Detractors on either question: (10, 6) company, (3, 2) both, (5, 10) agent.
    expect([r.drivers.low, r.drivers.agentDriven, r.drivers.companyDriven, r.drivers.both]).toEqual([3, 1, 1, 1]);
    expect(r.drivers.agentDrivenShare?.value).toBeCloseTo(100 / 3, 12);
    expect(r.drivers.agentDrivenShare?.interval.method).toBe("wilson");
  });

  it("counts who answered one question or neither, and compares only pairs", () => {
    const r = agentCompanyNps([{ agentNps: 9 }, { nps: 3 }, { agentNps: null, nps: undefined }, { agentNps: 0, nps: 10 }]);
    expect(r.respondents).toBe(1);
    expect(r.excluded).toEqual({ agentOnly: 1, companyOnly: 1, missing: 1, invalidValue: 0, invalidWeight: 0, invalidRecord: 0 });
    expect(r.agent.total).toBe(1);
    expect(r.gap?.difference).toBe(-200);
    expect(r.gap?.statistic).toBeNull(); // one respondent: no spread
    expect(r.gap?.interval.lower).toBe(-200);
  });

  it("is empty without pairs and reads answers by any readers and definitions", () => {
    const empty = agentCompanyNps([]);
    expect(empty.gap).toBeNull();
    expect(empty.agent.score).toBeNull();
    expect(empty.drivers.agentDrivenShare).toBeNull();
    const five = agentCompanyNps([{ a: 5, c: 3 }, { a: 4, c: 5 }], { agent: "a", company: "c", scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 });
    expect(five.agent.score?.value).toBe(50);
    expect(five.company.score?.value).toBe(0);
    expect(five.crossTable.promoter.detractor).toBe(1);
  });

  it("refuses bad answers naming the field and index, or counts them with onInvalid: skip", () => {
    expect(() => agentCompanyNps([{ agentNps: 9, nps: 9 }, { agentNps: 11, nps: 3 }])).toThrow(/agentCompanyNps.*agentNps.*index 1/s);
    expect(() => agentCompanyNps([{ agentNps: 9, nps: "9" }] as never)).toThrow(CxMetricsError);
    expect(() => agentCompanyNps([null] as never)).toThrow(/record/);
    const skipped = agentCompanyNps([{ agentNps: 9, nps: 7.5 }, null, { agentNps: 9, nps: 9 }] as never, { onInvalid: "skip" });
    expect(skipped.excluded).toMatchObject({ invalidValue: 1, invalidRecord: 1 });
    expect(skipped.respondents).toBe(1);
    expect(() => agentCompanyNps([], { agnet: "x" } as never)).toThrow(/agent/);
    expect(() => agentCompanyNps([], { scale: { min: 0, max: 200 } })).toThrow(/at most 101 points/);
  });

  it("refuses a state of another metric and survives no JSON round trip", () => {
    const metric = agentCompanyNpsMetric();
    const other = agentCompanyCsatMetric();
    expect(() => metric.merge(metric.init(), other.init() as never)).toThrow(/INCOMPATIBLE_STATE|a state made by/);
    expect(() => metric.add(other.init() as never, { agentNps: 1, nps: 1 })).toThrow(CxMetricsError);
    expect(() => metric.result(JSON.parse(JSON.stringify(fold(metric, rows))))).toThrow(CxMetricsError);
  });

  it("works per agent through groupBy and per period through series", () => {
    const data = [
      { agentId: "a", respondedAt: "2026-01-05T10:00:00Z", agentNps: 10, nps: 3 },
      { agentId: "a", respondedAt: "2026-02-05T10:00:00Z", agentNps: 2, nps: 9 },
      { agentId: "b", respondedAt: "2026-02-06T10:00:00Z", agentNps: 9, nps: 9 },
    ];
    const metric = agentCompanyNpsMetric();
    const byAgent = groupBy(metric, data, "agentId");
    expect(byAgent.get("a")!.drivers).toMatchObject({ low: 2, agentDriven: 1, companyDriven: 1, both: 0 });
    const monthly = series(metric, data, { at: "respondedAt", period: "month" });
    expect(monthly.periods.map((p) => p.result.respondents)).toEqual([1, 2]);
  });

  const pair = fc.record({ agentNps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }) });
  test.prop([fc.array(pair, { maxLength: 80 })])("gap = agent NPS - company NPS over the pairs, SE from the differences; shares of drivers sum to 100", (data) => {
    const r = agentCompanyNps(data);
    const pairs = data.filter((d) => d.agentNps !== null && d.nps !== null) as { agentNps: number; nps: number }[];
    expect(r.respondents).toBe(pairs.length);
    const agent = nps(pairs.map((p) => p.agentNps));
    const company = nps(pairs.map((p) => p.nps));
    expect(r.agent).toEqual(agent);
    expect(r.company).toEqual(company);
    if (pairs.length === 0) {
      expect(r.gap).toBeNull();
      return;
    }
    expect(close(r.gap!.difference, agent.score!.value - company.score!.value, 1e-12)).toBe(true);
    const d = pairs.map((p) => g(p.agentNps) - g(p.nps));
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / d.length;
    expect(close(r.gap!.standardError, 100 * Math.sqrt(variance / d.length), 1e-9)).toBe(true);
    expect(r.gap!.interval.lower).toBeLessThanOrEqual(r.gap!.difference);
    expect(r.gap!.interval.upper).toBeGreaterThanOrEqual(r.gap!.difference);
    const low = pairs.filter((p) => g(p.agentNps) === -1 || g(p.nps) === -1).length;
    expect(r.drivers.low).toBe(low);
    if (low > 0) {
      const sum = r.drivers.agentDrivenShare!.value + r.drivers.companyDrivenShare!.value + r.drivers.bothShare!.value;
      expect(close(sum, 100, 1e-12)).toBe(true);
    }
    let cells = 0;
    for (const row of Object.values(r.crossTable)) for (const c of Object.values(row)) cells += c;
    expect(cells).toBe(pairs.length);
  });
});

describe("agentCompanyCsat", () => {
  it("compares satisfied shares over the same respondents (a hand-worked McNemar-style table)", () => {
    // 2x2: both satisfied 3, agent only 4, company only 1, neither 2 (n = 10).
    const rows = [
      ...Array.from({ length: 3 }, () => ({ agentCsat: 5, csat: 4 })),
      ...Array.from({ length: 4 }, () => ({ agentCsat: 4, csat: 2 })),
      { agentCsat: 1, csat: 5 },
      ...Array.from({ length: 2 }, () => ({ agentCsat: 3, csat: 3 })),
    ];
    const r = agentCompanyCsat(rows);
    expect([r.agent.score?.value, r.company.score?.value]).toEqual([70, 40]);
    // d: +1 x4, -1 x1, 0 x5; mean 0.3; mean square 0.5; variance 0.41.
    expect(r.gap?.difference).toBeCloseTo(30, 12);
    expect(r.gap?.standardError).toBeCloseTo(100 * Math.sqrt(0.41 / 10), 12);
    expect(r.crossTable).toEqual({ satisfied: { satisfied: 3, unsatisfied: 4 }, unsatisfied: { satisfied: 1, unsatisfied: 2 } });
    expect([r.drivers.agentDriven, r.drivers.companyDriven, r.drivers.both]).toEqual([1, 4, 2]);
  });
});

describe("per-record drivers", () => {
  it("classify one respondent, refusing bad answers", () => {
    expect([detractorDriver(3, 9), detractorDriver(9, 3), detractorDriver(0, 6), detractorDriver(7, 8), detractorDriver(null, 3)]).toEqual(["agent", "company", "both", null, null]);
    expect(detractorDriver(4, 5, { scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 })).toBeNull();
    expect([unsatisfiedDriver(5, 2), unsatisfiedDriver(2, 5), unsatisfiedDriver(1, 1), unsatisfiedDriver(4, 5)]).toEqual(["company", "agent", "both", null]);
    expect(() => detractorDriver(11, 3)).toThrow(/detractorDriver.*agent/s);
    expect(() => unsatisfiedDriver(5, 2, { satisfiedMn: 4 } as never)).toThrow(/satisfiedMin/);
  });
});

describe("agentCompanyNps with weights", () => {
  const row = fc.record({ agentNps: fc.integer({ min: 0, max: 10 }), nps: fc.integer({ min: 0, max: 10 }), w: fc.double({ min: 0.05, max: 20, noNaN: true }) });
  test.prop([fc.array(row, { minLength: 1, maxLength: 60 })])("weighted gap, SE and drivers equal a weighted brute force over the respondents", (data) => {
    const r = agentCompanyNps(data, { weight: "w" });
    const W = data.reduce((s, x) => s + x.w, 0);
    const W2 = data.reduce((s, x) => s + x.w * x.w, 0);
    const nEff = Math.max(1, Math.min((W * W) / W2, data.length));
    expect(close(r.effectiveSize, nEff, 1e-9)).toBe(true);
    const agent = nps(data, { value: "agentNps", weight: "w" });
    const company = nps(data, { value: "nps", weight: "w" });
    expect(close(r.agent.score!.value, agent.score!.value, 1e-9)).toBe(true);
    expect(close(r.company.score!.standardError, company.score!.standardError, 1e-9)).toBe(true);
    const mean = data.reduce((s, x) => s + x.w * (g(x.agentNps) - g(x.nps)), 0) / W;
    const v = data.reduce((s, x) => s + x.w * (g(x.agentNps) - g(x.nps) - mean) ** 2, 0) / W;
    expect(close(r.gap!.difference, 100 * mean, 1e-9)).toBe(true);
    expect(close(r.gap!.standardError, 100 * Math.sqrt(Math.max(0, v) / nEff), 1e-7)).toBe(true);
    const low = data.filter((x) => g(x.agentNps) === -1 || g(x.nps) === -1);
    const lowW = low.reduce((s, x) => s + x.w, 0);
    expect(close(r.drivers.low, lowW, 1e-9)).toBe(true);
    if (low.length > 0) {
      const companyDriven = low.filter((x) => g(x.agentNps) !== -1).reduce((s, x) => s + x.w, 0);
      expect(close(r.drivers.companyDrivenShare!.value, (100 * companyDriven) / lowW, 1e-9)).toBe(true);
      const lowEff = lowW ** 2 / low.reduce((s, x) => s + x.w * x.w, 0);
      expect(close(r.drivers.companyDrivenShare!.n, Math.max(1, lowEff), 1e-9)).toBe(true);
    }
  });

  test.prop([fc.array(fc.record({ agentNps: fc.integer({ min: 0, max: 10 }), nps: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 40 })])("weights of 1 give the unweighted result", (data) => {
    const plain = agentCompanyNps(data);
    const ones = agentCompanyNps(data, { weight: () => 1 });
    expect(ones.respondents).toBe(plain.respondents);
    expect(close(ones.gap!.difference, plain.gap!.difference, 1e-12)).toBe(true);
    expect(close(ones.gap!.standardError, plain.gap!.standardError, 1e-9)).toBe(true);
    expect(close(ones.drivers.bothShare?.value ?? 0, plain.drivers.bothShare?.value ?? 0, 1e-12)).toBe(true);
  });

  it("refuses a bad weight of a respondent who answered both, or counts it under skip", () => {
    expect(() => agentCompanyNps([{ agentNps: 9, nps: 9, w: 1 }, { agentNps: 9, nps: 3, w: -1 }], { weight: "w" })).toThrow(/weight.*index 1/s);
    const skipped = agentCompanyNps([{ agentNps: 9, nps: 3, w: 0 }, { agentNps: 9, w: Number.NaN }, { agentNps: 1, nps: 2, w: 2 }], { weight: "w", onInvalid: "skip" });
    expect(skipped.excluded).toMatchObject({ invalidWeight: 1, agentOnly: 1 });
    expect(skipped.respondents).toBe(1);
  });
});
