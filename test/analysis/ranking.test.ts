import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { adjustPValues, compareNps, compareShares, csatMetric, CxMetricsError, decomposeChange, funnelLimits, groupStates, nps, npsMetric, rankGroups, topPerformers, type Metric } from "../../src/index.ts";
import { close } from "../helpers.ts";

const share = (agent: string, yes: number, no: number): { agent: string; ok: number }[] => [
  ...Array.from({ length: yes }, () => ({ agent, ok: 1 })),
  ...Array.from({ length: no }, () => ({ agent, ok: 0 })),
];
const shareMetric = csatMetric({ value: "ok", scale: { min: 0, max: 1 } });
const npsRows = (agent: string, p: number, q: number, d: number, extra: Record<string, unknown> = {}): { agent: string; nps: number }[] => [
  ...Array.from({ length: p }, () => ({ agent, nps: 10, ...extra })),
  ...Array.from({ length: q }, () => ({ agent, nps: 7, ...extra })),
  ...Array.from({ length: d }, () => ({ agent, nps: 0, ...extra })),
];
const z95 = 1.959963984540054;
const z998 = 3.090232306167813;

describe("funnelLimits", () => {
  it("puts limits at center ± z·√(p₀(1 - p₀)/n) and flags by the widest level crossed (by hand)", () => {
    const rows = [...share("a", 10, 10), ...share("b", 25, 25), ...share("c", 90, 10), ...share("d", 45, 85)];
    const f = funnelLimits(shareMetric, groupStates(shareMetric, rows, "agent"));
    // Pooled: 170/300.
    const p0 = 170 / 300;
    expect(f.center).toBeCloseTo(100 * p0, 12);
    const [a, , c, d] = f.points;
    const s20 = 100 * Math.sqrt((p0 * (1 - p0)) / 20);
    expect(a!.limits[0]).toEqual({ level: 95, lower: expect.closeTo(100 * p0 - z95 * s20, 9), upper: expect.closeTo(100 * p0 + z95 * s20, 9) });
    expect(a!.limits[1]!.upper).toBeCloseTo(100 * p0 + z998 * s20, 9);
    expect([a!.beyond, a!.direction]).toEqual([null, null]);
    // c: 90% of 100, z = (90 - 56.7)/4.96 = 6.7: beyond 99.8, above; d: 34.6% of 130, z = -5.1.
    expect([c!.beyond, c!.direction]).toEqual([99.8, "above"]);
    expect(c!.z).toBeCloseTo((90 - 100 * p0) / (100 * Math.sqrt((p0 * (1 - p0)) / 100)), 9);
    expect([d!.beyond, d!.direction]).toEqual([99.8, "below"]);
    expect(f.tau).toBe(0);
    // The curve spans the sizes and narrows as n grows.
    expect(f.curve[0]!.n).toBeCloseTo(20, 9);
    expect(f.curve.at(-1)!.n).toBeCloseTo(130, 9);
    expect(f.curve[0]!.limits[0]!.upper).toBeGreaterThan(f.curve.at(-1)!.limits[0]!.upper);
  });

  it("widens by τ with additive overdispersion (DerSimonian-Laird from the z-scores, by hand for three groups)", () => {
    const rows = [...share("a", 40, 60), ...share("b", 50, 50), ...share("c", 60, 40)];
    const f = funnelLimits(shareMetric, groupStates(shareMetric, rows, "agent"), { overdispersion: "additive", levels: [95] });
    // p₀ = 0.5, s = 5 for n = 100; z = -2, 0, 2 (three points: the 10%/90% winsorizing keeps them); φ = 8/3.
    // τ² = (3φ - 2)/(Σw - Σw²/Σw) with w = 1/25: 6/(3/25 - 1/25) = 75, so the limits are 50 ± z·√(25 + 75).
    expect(f.dispersion).toBeCloseTo(8 / 3, 9);
    expect(f.tau).toBeCloseTo(Math.sqrt(75), 9);
    expect(f.points[0]!.limits[0]!.lower).toBeCloseTo(50 - z95 * 10, 9);
    expect(f.points[0]!.beyond).toBeNull();
    expect(funnelLimits(shareMetric, groupStates(shareMetric, rows, "agent"), { levels: [95] }).points[0]!.beyond).toBe(95);
  });

  it("uses the NPS variance of the pooled shares, and a target when given", () => {
    const metric = npsMetric({ value: "nps" });
    const rows = [...npsRows("a", 5, 3, 2), ...npsRows("b", 2, 3, 5)];
    const f = funnelLimits(metric, groupStates(metric, rows, "agent"), { target: 10, levels: [95] });
    // Pooled p = 7/20, d = 7/20: v₀ = 0.7 - 0 = 0.7.
    expect(f.center).toBe(10);
    expect(f.points[0]!.limits[0]!.upper).toBeCloseTo(10 + z95 * 100 * Math.sqrt(0.7 / 10), 9);
    expect(f.points[1]!.value).toBe(-30);
  });

  it("refuses bad options and empty input", () => {
    const states = groupStates(shareMetric, share("a", 1, 1), "agent");
    expect(() => funnelLimits(shareMetric, states, { levels: [] })).toThrow(/levels/);
    expect(() => funnelLimits(shareMetric, states, { levels: [0.95] })).toThrow(CxMetricsError);
    expect(() => funnelLimits(shareMetric, states, { overdispersion: "multiplicative" } as never)).toThrow(/overdispersion/);
    expect(() => funnelLimits(shareMetric, new Map())).toThrow(/none with answers/);
  });

  test.prop([fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 12 })])("a point is beyond a level exactly when |z| exceeds that level's z", (agents) => {
    const rows = agents.flatMap(([y, n], i) => share(`a${i}`, y, n));
    if (rows.length === 0) return;
    const f = funnelLimits(shareMetric, groupStates(shareMetric, rows, "agent"));
    for (const p of f.points) {
      if (p.value === null || p.z === null) continue;
      const beyond998 = Math.abs(p.z) > z998 + 1e-9 && p.limits[1]!.lower > 0 && p.limits[1]!.upper < 100;
      if (beyond998) expect(p.beyond).toBe(99.8);
      if (Math.abs(p.z) < z95 - 1e-9) expect(p.beyond).toBeNull();
    }
  });
});

describe("rankGroups", () => {
  const rows = [...npsRows("a", 30, 10, 10), ...npsRows("b", 3, 0, 0), ...npsRows("c", 10, 20, 20), ...npsRows("d", 20, 15, 15), ...npsRows("e", 1, 0, 1)];
  const metric = npsMetric({ value: "nps" });
  const states = groupStates(metric, rows, "agent");

  it("ranks on the shrunken value with a minimum n, and tests each agent against everyone else", () => {
    const ranking = rankGroups(metric, states, { minN: 10 });
    expect(ranking.groups.map((g) => [g.key, g.rank])).toEqual([["a", 1], ["d", 2], ["c", 3], ["b", null], ["e", null]]);
    const a = ranking.groups[0]!;
    // Lift: a's answers against all others', as two independent NPS samples (compareNps on the records).
    const others = nps(rows.filter((r) => r.agent !== "a").map((r) => r.nps));
    const own = nps(rows.filter((r) => r.agent === "a").map((r) => r.nps));
    const expected = compareNps(others, own)!;
    expect(a.lift?.difference).toBeCloseTo(expected.difference, 12);
    expect(a.lift?.pValue).toBeCloseTo(expected.pValue!, 12);
    const adjusted = adjustPValues(ranking.groups.map((g) => g.lift?.pValue ?? null));
    expect(ranking.groups.map((g) => g.adjustedPValue)).toEqual(adjusted);
    for (const g of ranking.groups) {
      const p = g.adjustedPValue;
      expect(g.significant).toBe(p !== null && p < 0.05 ? (g.lift!.difference > 0 ? "above" : "below") : null);
    }
  });

  it("keeps three perfect answers from topping the list", () => {
    const ranking = rankGroups(metric, states, { minN: 0 });
    const b = ranking.groups.find((g) => g.key === "b")!;
    expect(b.raw?.value).toBe(100);
    expect(b.rank).toBeGreaterThan(1);
  });

  it("tests shares with Newcombe's comparison against the rest", () => {
    const r = [...share("x", 40, 10), ...share("y", 20, 30), ...share("z", 25, 25)];
    const ranking = rankGroups(shareMetric, groupStates(shareMetric, r, "agent"));
    const x = ranking.groups.find((g) => g.key === "x")!;
    expect(x.lift).toEqual(compareShares({ successes: 45, total: 100 }, { successes: 40, total: 50 }));
  });

  it("refuses bad options", () => {
    expect(() => rankGroups(metric, states, { minN: -1 })).toThrow(/minN/);
    expect(() => rankGroups(metric, states, { adjust: "fdr" } as never)).toThrow(/adjust/);
    expect(() => rankGroups(metric, states, { minn: 3 } as never)).toThrow(/minN/);
  });
});

describe("topPerformers", () => {
  it("counts the top N per department against its share, with the hypergeometric tail (by hand)", () => {
    // Ten agents with distinct NPS; team A holds the three best of its four.
    const teams = ["A", "A", "A", "B", "A", "B", "B", "B", "B", "B"];
    const rows = teams.flatMap((_, i) => npsRows(`a${i}`, 40 - 3 * i, 10, 3 * i));
    const metric = npsMetric({ value: "nps" });
    const ranking = rankGroups(metric, groupStates(metric, rows, "agent"));
    expect(ranking.groups.slice(0, 3).map((g) => g.key)).toEqual(["a0", "a1", "a2"]);
    const teamOf = (k: string): string => teams[Number(k.slice(1))]!;
    const spread = topPerformers(ranking, { top: 3, by: teamOf });
    expect(spread.top).toBe(3);
    expect(spread.ranked).toBe(10);
    const [a, b] = spread.departments;
    expect(a).toMatchObject({ department: "A", agents: 4, top: 3, expected: 1.2, ratio: 2.5 });
    // P(X ≥ 3), X ~ hypergeometric(10, 4, 3) = C(4,3)·C(6,0)/C(10,3) = 4/120.
    expect(a!.pValue).toBeCloseTo(4 / 120, 12);
    expect(a!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * (4 / 120)), 12);
    expect(b).toMatchObject({ department: "B", agents: 6, top: 0, expected: 1.8, ratio: 0, pValue: 1 });
  });

  it("refuses what it cannot read", () => {
    const ranking = rankGroups(shareMetric, groupStates(shareMetric, [...share("a", 1, 1), ...share("b", 2, 0)], "agent"));
    expect(() => topPerformers(ranking, { top: 0, by: () => 1 })).toThrow(/top/);
    expect(() => topPerformers(ranking, { top: 1 } as never)).toThrow(/by/);
    expect(() => topPerformers({} as never, { top: 1, by: () => 1 })).toThrow(/rankGroups/);
  });
});

describe("decomposeChange", () => {
  it("splits an NPS change into mix and rate as worked by hand", () => {
    const metric = npsMetric({ value: "nps" });
    // Before: phone 80 answers NPS 50, chat 20 answers NPS 0 -> 40. After: phone 50 at 50, chat 50 at 10 -> 30.
    const before = [...npsRows("phone", 50, 20, 10), ...npsRows("chat", 5, 10, 5)];
    const after = [...npsRows("phone", 30, 15, 5), ...npsRows("chat", 15, 25, 10)];
    const why = decomposeChange(metric, groupStates(metric, before, "agent"), groupStates(metric, after, "agent"));
    expect([why.before, why.after, why.change]).toEqual([40, 30, -10]);
    // Rate: phone 0·(0.8 + 0.5)/2, chat 10·(0.2 + 0.5)/2 = 3.5. Mix centred on 35: phone -0.3·(50 - 35), chat 0.3·(5 - 35).
    expect(why.rate).toBeCloseTo(3.5, 12);
    expect(why.mix).toBeCloseTo(-13.5, 12);
    expect(why.segments.map((s) => [s.key, s.weightBefore, s.weightAfter, s.valueBefore, s.valueAfter])).toEqual([
      ["phone", 0.8, 0.5, 50, 50],
      ["chat", 0.2, 0.5, 0, 10],
    ]);
    expect(why.segments[0]!.mix).toBeCloseTo(-4.5, 12);
    expect(why.segments[1]!.mix).toBeCloseTo(-9, 12);
  });

  it("gives a segment of one period only a mix effect", () => {
    const why = decomposeChange(shareMetric, groupStates(shareMetric, share("old", 5, 5), "agent"), groupStates(shareMetric, [...share("old", 5, 5), ...share("new", 10, 0)], "agent"));
    const added = why.segments.find((s) => s.key === "new")!;
    expect(added.rate).toBe(0);
    expect(added.valueBefore).toBeNull();
    expect(close(why.mix + why.rate, why.change, 1e-12)).toBe(true);
  });

  it("refuses a headline that is not an answer-weighted average, and empty periods", () => {
    const base = shareMetric;
    const maxMetric = { ...base, name: "maxShare", init: () => base.init(), add: base.add.bind(base), merge: base.merge.bind(base), headline: "score", result: (s: never) => {
      const r = base.result(s);
      return { ...r, total: 1, score: r.score === null ? null : { ...r.score, value: r.score.value === 0 ? 0 : 100 } };
    } } as unknown as Metric<never, unknown, unknown>;
    const states = groupStates(shareMetric, [...share("a", 1, 3), ...share("b", 0, 4)], "agent");
    expect(() => decomposeChange(maxMetric, states, states)).toThrow(/answer-weighted average/);
    expect(() => decomposeChange(shareMetric, new Map(), states)).toThrow(/both periods/);
  });

  const segs = fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 30 })), { minLength: 1, maxLength: 12 });
  test.prop([segs, segs])("mix + rate = change, and the weights of each period sum to 1", (a, b) => {
    const metric = npsMetric({ value: "nps" });
    const rowsOf = (s: typeof a): { agent: string; nps: number }[] => s.flatMap(([k, p, q, d]) => npsRows(`s${k}`, p, q, d));
    const before = rowsOf(a);
    const after = rowsOf(b);
    if (before.length === 0 || after.length === 0) return;
    const why = decomposeChange(metric, groupStates(metric, before, "agent"), groupStates(metric, after, "agent"));
    expect(close(why.mix + why.rate, why.change, 1e-9)).toBe(true);
    expect(close(why.before, nps(before.map((r) => r.nps)).score!.value, 1e-12)).toBe(true);
    expect(close(why.segments.reduce((s, x) => s + x.weightBefore, 0), 1, 1e-12)).toBe(true);
    expect(close(why.segments.reduce((s, x) => s + x.weightAfter, 0), 1, 1e-12)).toBe(true);
    expect(close(why.segments.reduce((s, x) => s + x.mix, 0), why.mix, 1e-9)).toBe(true);
  });
});

describe("rankGroups and topPerformers at the edges", () => {
  it("gives tied shrunken values the same rank, and caps the top at the number ranked", () => {
    const metric = csatMetric({ value: "ok", scale: { min: 0, max: 1 } });
    const rows = [...share("a", 8, 2), ...share("b", 8, 2), ...share("c", 2, 8)];
    const ranking = rankGroups(metric, groupStates(metric, rows, "agent"), { prior: { alpha: [1, 1] } });
    expect(ranking.groups.map((g) => [g.key, g.rank])).toEqual([["a", 1], ["b", 1], ["c", 3]]);
    const spread = topPerformers(ranking, { top: 10, by: () => "all" });
    expect([spread.top, spread.ranked, spread.departments[0]!.pValue]).toEqual([3, 3, 1]);
  });
});

describe("decomposeChange of means and operational rates", () => {
  it("splits AHT and service level changes across teams, parts adding up to the change", async () => {
    const { ahtMetric, queueMetric, aht, queue } = await import("../../src/index.ts");
    const { parseContacts } = await import("../../src/schemas/index.ts");
    const { readFileSync } = await import("node:fs");
    const contacts = parseContacts(JSON.parse(readFileSync(new URL("../../examples/data/contacts.json", import.meta.url), "utf8")));
    const first = contacts.slice(0, 2000);
    const second = contacts.slice(2000, 4000);
    for (const [metric, direct] of [
      [ahtMetric(), (xs: typeof contacts) => aht(xs).aht!.value],
      [queueMetric(), (xs: typeof contacts) => queue(xs).serviceLevel!.value],
    ] as const) {
      const why = decomposeChange(metric as never, groupStates(metric as never, first, "team"), groupStates(metric as never, second, "team"));
      expect(close(why.before, direct(first), 1e-12)).toBe(true);
      expect(close(why.change, direct(second) - direct(first), 1e-9)).toBe(true);
      expect(close(why.mix + why.rate, why.change, 1e-9)).toBe(true);
    }
  });
});
