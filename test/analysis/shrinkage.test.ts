import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { agentCompanyNpsMetric, cesMetric, compareMeans, csatMetric, CxMetricsError, funnelLimits, groupStates, npsMetric, rankGroups, shrinkage } from "../../src/index.ts";
import { close, simpsonBetaCdfWhole } from "../helpers.ts";

/** Rows of one agent: `yes` ones and `no` zeros on a good/bad scale (a share). */
const share = (agent: string, yes: number, no: number, team = "t"): { agent: string; team: string; ok: number }[] => [
  ...Array.from({ length: yes }, () => ({ agent, team, ok: 1 })),
  ...Array.from({ length: no }, () => ({ agent, team, ok: 0 })),
];
const shareMetric = csatMetric({ value: "ok", scale: { min: 0, max: 1 } });

/** NPS rows of one agent with p promoters, q passives and d detractors. */
const npsRows = (agent: string, p: number, q: number, d: number): { agent: string; nps: number }[] => [
  ...Array.from({ length: p }, () => ({ agent, nps: 10 })),
  ...Array.from({ length: q }, () => ({ agent, nps: 8 })),
  ...Array.from({ length: d }, () => ({ agent, nps: 2 })),
];

describe("shrinkage: beta-binomial", () => {
  it("reproduces Robinson's worked example with the prior Beta(81, 219)", () => {
    // Robinson (2015, "Understanding empirical Bayes estimation"): 4 hits in 10 at-bats -> (81 + 4)/(81 + 219 + 10) = .274;
    // 300 in 1000 -> (81 + 300)/(81 + 219 + 1000) = .293.
    const states = groupStates(shareMetric, [...share("few", 4, 6), ...share("many", 300, 700)], "agent");
    const s = shrinkage(shareMetric, states, { prior: { alpha: [81, 219] } });
    const [few, many] = s.groups;
    expect(few!.shrunken.value).toBeCloseTo((100 * 85) / 310, 12);
    expect(many!.shrunken.value).toBeCloseTo((100 * 381) / 1300, 12);
    expect(few!.raw?.value).toBe(40);
    expect(few!.credibility).toBeCloseTo(10 / 310, 12);
    expect(s.priors[0]).toMatchObject({ mean: 27, concentration: 300, method: "given" });
    // The credible interval: the quantiles of Beta(85, 225), checked by integrating its density.
    expect(few!.shrunken.interval.method).toBe("beta");
    expect(Math.abs(simpsonBetaCdfWhole(few!.shrunken.interval.lower / 100, 85, 225) - 0.025)).toBeLessThan(1e-7);
    expect(Math.abs(simpsonBetaCdfWhole(few!.shrunken.interval.upper / 100, 85, 225) - 0.975)).toBeLessThan(1e-7);
    // Posterior SD √(m(1 - m)/(A' + 1)).
    const m = 85 / 310;
    expect(few!.shrunken.standardError).toBeCloseTo(100 * Math.sqrt((m * (1 - m)) / 311), 12);
  });

  it("estimates the prior by moments as worked by hand (Pearson X², unequal n)", () => {
    const rows = [...share("a", 2, 8), ...share("b", 5, 5), ...share("c", 16, 4)];
    const s = shrinkage(shareMetric, groupStates(shareMetric, rows, "agent"), { method: "moments" });
    // μ = 23/40; X² = Σ (x - nμ)²/(nμ) + ((n - x) - n(1 - μ))²/(n(1 - μ)); D = N - k + 1 - Σn²/N.
    const groups = [[2, 10], [5, 10], [16, 20]] as const;
    const mu = 23 / 40;
    let x2 = 0;
    for (const [x, n] of groups) x2 += (x - n * mu) ** 2 / (n * mu) + (n - x - n * (1 - mu)) ** 2 / (n * (1 - mu));
    const D = 40 - 3 + 1 - (100 + 100 + 400) / 40;
    const rho = (x2 - 2) / D;
    const A = (1 - rho) / rho;
    expect(s.priors[0]!.concentration).toBeCloseTo(A, 10);
    expect(s.priors[0]!.mean).toBeCloseTo(100 * mu, 10);
    expect(s.groups[0]!.shrunken.value).toBeCloseTo((100 * (mu * A + 2)) / (A + 10), 10);
  });

  it("pools completely when the agents do not vary more than chance", () => {
    const rows = [...share("a", 5, 5), ...share("b", 5, 5), ...share("c", 10, 10)];
    for (const method of ["moments", "maximum-likelihood"] as const) {
      const s = shrinkage(shareMetric, groupStates(shareMetric, rows, "agent"), { method });
      expect(s.priors[0]!.concentration).toBeNull();
      for (const g of s.groups) {
        expect(g.shrunken.value).toBe(50);
        expect(g.shrunken.interval.method).toBe("pooled");
        expect(g.shrunken.standardError).toBeCloseTo(100 * Math.sqrt(0.25 / 40), 12);
        expect(g.credibility).toBe(0);
      }
    }
  });

  it("shrinks towards each parent's own prior", () => {
    const rows = [...share("a", 2, 8, "x"), ...share("b", 9, 1, "x"), ...share("c", 15, 5, "y"), ...share("d", 1, 19, "y")];
    const teamOf = new Map(rows.map((r) => [r.agent, r.team]));
    const states = groupStates(shareMetric, rows, "agent");
    const byTeam = shrinkage(shareMetric, states, { parent: (agent) => teamOf.get(agent) });
    expect(byTeam.priors.map((p) => p.parent)).toEqual(["x", "y"]);
    const xOnly = shrinkage(shareMetric, new Map([...states].filter(([k]) => teamOf.get(k) === "x")));
    expect(byTeam.groups[0]!.shrunken).toEqual(xOnly.groups[0]!.shrunken);
    expect(() => shrinkage(shareMetric, states, { parent: (agent) => (agent === "a" ? "alone" : "rest") })).toThrow(/parent alone/);
  });

  it("refuses what it cannot shrink", () => {
    const states = groupStates(shareMetric, [...share("a", 1, 1), ...share("b", 2, 1)], "agent");
    expect(() => shrinkage(cesMetric({ value: "ok" }) as never, states)).toThrow(CxMetricsError);
    const paired = agentCompanyNpsMetric();
    expect(() => shrinkage(paired, groupStates(paired, [{ a: 1, agentNps: 3, nps: 5 }], "a"))).toThrow(/has no headline estimate/);
    const ces = cesMetric({ value: "ces" });
    expect(() => shrinkage(ces, groupStates(ces, [{ a: 1, ces: 3 }, { a: 2, ces: 5 }], "a"), { prior: { alpha: [1, 1] } })).toThrow(/no prior for a mean headline/);
    expect(() => shrinkage(shareMetric, new Map([["a", states.get("a")!]]))).toThrow(/at least two groups/);
    expect(() => shrinkage(shareMetric, states, { prior: { alpha: [1, 2, 3] } })).toThrow(/2 pseudo-counts/);
    expect(() => shrinkage(shareMetric, states, { prior: { alpha: [1, -2] } })).toThrow(/positive pseudo-counts/);
    expect(() => shrinkage(shareMetric, states, { methd: "moments" } as never)).toThrow(/method/);
    expect(() => shrinkage(shareMetric, 7 as never)).toThrow(/grouped states/);
    expect(() => shrinkage(shareMetric, [["a", { definition: "nps(scale=0..10)" }]] as never)).toThrow(CxMetricsError);
  });

  const agentArb = fc.array(fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 })), { minLength: 2, maxLength: 10 });
  test.prop([agentArb, fc.constantFrom("moments", "maximum-likelihood") as fc.Arbitrary<"moments" | "maximum-likelihood">])(
    "shrunken = credibility·raw + (1 - credibility)·prior mean, between the two, its interval around it",
    (agents, method) => {
      if (agents.filter(([y, n]) => y + n > 0).length < 2) return;
      const rows = agents.flatMap(([y, n], i) => share(`a${i}`, y, n));
      const s = shrinkage(shareMetric, groupStates(shareMetric, rows, "agent"), { method });
      for (const g of s.groups) {
        const prior = g.prior.mean;
        const raw = g.raw!.value;
        expect(close(g.shrunken.value, g.credibility * raw + (1 - g.credibility) * prior, 1e-9)).toBe(true);
        expect(g.shrunken.value).toBeGreaterThanOrEqual(Math.min(raw, prior) - 1e-9);
        expect(g.shrunken.value).toBeLessThanOrEqual(Math.max(raw, prior) + 1e-9);
        const { lower, center, upper } = g.shrunken.interval;
        expect(lower).toBeLessThanOrEqual(center);
        expect(center).toBeLessThanOrEqual(upper);
        // The mean lies inside the central interval unless the posterior is J-shaped (a shape below 1).
        const a = g.prior.alpha[0]! + (raw / 100) * g.n;
        const b = g.prior.alpha[1]! + g.n - (raw / 100) * g.n;
        if (g.shrunken.interval.method === "beta" && a >= 1 && b >= 1) expect(center).toBeCloseTo(g.shrunken.value, 9);
        expect(g.credibility).toBeGreaterThanOrEqual(0);
        expect(g.credibility).toBeLessThanOrEqual(1);
      }
    },
  );

  test.prop([fc.nat({ max: 20 }), fc.nat({ max: 20 }), fc.integer({ min: 2, max: 20 })])("moves towards the raw value as n grows (same shares, more answers)", (y, n, m) => {
    if (y + n === 0) return;
    const prior = { alpha: [3, 7] };
    const small = shrinkage(shareMetric, groupStates(shareMetric, [...share("a", y, n), ...share("z", 1, 1)], "agent"), { prior }).groups[0]!;
    const large = shrinkage(shareMetric, groupStates(shareMetric, [...share("a", m * y, m * n), ...share("z", 1, 1)], "agent"), { prior }).groups[0]!;
    expect(large.credibility).toBeGreaterThan(small.credibility);
    expect(Math.abs(large.shrunken.value - large.raw!.value)).toBeLessThanOrEqual(Math.abs(small.shrunken.value - small.raw!.value) + 1e-9);
  });
});

describe("shrinkage: Dirichlet-multinomial for NPS", () => {
  it("shrinks NPS with the posterior Dirichlet's mean and SD (a given prior, by hand)", () => {
    const metric = npsMetric({ value: "nps" });
    const rows = [...npsRows("a", 3, 0, 1), ...npsRows("b", 10, 5, 5)];
    const s = shrinkage(metric, groupStates(metric, rows, "agent"), { prior: { alpha: [4, 3, 3] } });
    // a: Dirichlet(7, 3, 4), A' = 14: mean 100·(7 - 4)/14; variance (mP(1 - mP) + mD(1 - mD) + 2mP·mD)/15.
    const a = s.groups[0]!;
    const mP = 7 / 14;
    const mD = 4 / 14;
    expect(a.shrunken.value).toBeCloseTo((100 * 3) / 14, 12);
    expect(a.shrunken.standardError).toBeCloseTo(100 * Math.sqrt((mP * (1 - mP) + mD * (1 - mD) + 2 * mP * mD) / 15), 12);
    expect(a.shrunken.interval.method).toBe("dirichlet-normal");
    expect(s.priors[0]!.mean).toBeCloseTo(10, 12);
    expect(s.kind).toBe("nps");
  });

  it("estimates the prior by moments with the three-category X² (by hand)", () => {
    const metric = npsMetric({ value: "nps" });
    const counts = [[6, 2, 2], [1, 3, 6], [5, 5, 10]];
    const rows = counts.flatMap(([p, q, d], i) => npsRows(`a${i}`, p!, q!, d!));
    const s = shrinkage(metric, groupStates(metric, rows, "agent"), { method: "moments" });
    const N = 40;
    const mu = [12 / N, 10 / N, 18 / N];
    let x2 = 0;
    for (const c of counts) {
      const n = c.reduce((a, b) => a + b, 0);
      c.forEach((x, j) => (x2 += (x - n * mu[j]!) ** 2 / (n * mu[j]!)));
    }
    const rho = (x2 / 2 - 2) / (N - 3 + 1 - (100 + 100 + 400) / N);
    expect(s.priors[0]!.concentration).toBeCloseTo((1 - rho) / rho, 10);
    expect(s.priors[0]!.alpha[2]).toBeCloseTo(mu[2]! * ((1 - rho) / rho), 10);
  });

  it("counts weighted answers with their effective size", () => {
    const metric = npsMetric({ value: "nps", weight: "w" });
    const rows = [
      { agent: "a", nps: 10, w: 2 },
      { agent: "a", nps: 0, w: 1 },
      { agent: "a", nps: 0, w: 1 },
      { agent: "b", nps: 9, w: 1 },
      { agent: "b", nps: 9, w: 1 },
    ];
    const s = shrinkage(metric, groupStates(metric, rows, "agent"), { prior: { alpha: [1, 1, 1] } });
    // a: total 4, n_eff = 16/6 = 8/3; effective promoters 2·(8/3)/4 = 4/3, detractors 4/3.
    expect(s.groups[0]!.n).toBeCloseTo(8 / 3, 12);
    expect(s.groups[0]!.shrunken.value).toBeCloseTo(0, 12);
  });
});

describe("the counts read from NPS and CSAT states directly", () => {
  /** The same metric behind a plain object: only init/add/merge/result, so the generic path (whole results) runs. */
  const plain = <I, S, O>(m: import("../../src/index.ts").Metric<I, S, O>): import("../../src/index.ts").Metric<I, S, O> => ({
    name: m.name,
    headline: m.headline ?? null,
    init: () => m.init(),
    add: (s, x, i) => m.add(s, x, i),
    merge: (a, b) => m.merge(a, b),
    result: (s) => m.result(s),
  });
  const rows = fc.array(fc.record({ agent: fc.constantFrom("a", "b", "c", "d"), nps: fc.integer({ min: 0, max: 10 }), csat: fc.integer({ min: 1, max: 5 }), w: fc.double({ min: 0.1, max: 5, noNaN: true }) }), { minLength: 8, maxLength: 80 });
  test.prop([rows, fc.boolean()])("give what the whole results give, weighted or not", (data, weighted) => {
    for (const metric of [npsMetric({ value: "nps", ...(weighted ? { weight: "w" } : {}) }), csatMetric({ value: "csat", ...(weighted ? { weight: "w" } : {}) })] as const) {
      const states = groupStates(metric as never, data, "agent");
      if ([...states.values()].length < 2) continue;
      const prior = { alpha: metric.name === "nps" ? [2, 3, 1] : [3, 2] };
      const fast = shrinkage(metric as never, states, { prior });
      const slow = shrinkage(plain(metric as never), states, { prior });
      // Weighted shares are read back from the estimate (value·n/100) on the slow path: equal to rounding.
      const same = (a: unknown, b: unknown): boolean =>
        typeof a === "number" && typeof b === "number"
          ? close(a, b, 1e-9)
          : a === null || b === null || typeof a !== "object" || typeof b !== "object"
            ? a === b
            : Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
      expect(same(fast, slow)).toBe(true);
      if (!weighted) expect(fast).toEqual(slow);
    }
  });
});

describe("shrinkage: normal-normal for means", () => {
  const ces = cesMetric({ value: "ces" });
  /** Rows of one agent with the given CES ratings. */
  const cesRows = (agent: string, ratings: readonly number[]): { agent: string; ces: number }[] => ratings.map((r) => ({ agent, ces: r }));
  const groups = [
    ["a", [7, 7, 6, 7, 6, 7, 7, 6]],
    ["b", [3, 4, 2, 3, 4, 3]],
    ["c", [5, 5, 6, 4, 5, 5, 6, 4, 5, 5]],
    ["d", [6, 2]],
  ] as const;
  const rows = groups.flatMap(([agent, ratings]) => cesRows(agent, ratings));
  const states = groupStates(ces, rows, "agent");
  /** Each agent's n, mean and plug-in variance, computed from the ratings. */
  const stats = groups.map(([, r]) => {
    const n = r.length;
    const mean = r.reduce((a, b) => a + b, 0) / n;
    return { n, mean, v: r.reduce((a, b) => a + (b - mean) ** 2, 0) / n };
  });
  const N = stats.reduce((a, s) => a + s.n, 0);
  const sigma2 = stats.reduce((a, s) => a + s.n * s.v, 0) / N;

  it("estimates τ² by DerSimonian-Laird and shrinks each mean by τ²/(τ² + σ²/n) (by hand)", () => {
    const s = shrinkage(ces, states, { method: "moments" });
    const w = stats.map((x) => x.n / sigma2);
    const sw = w.reduce((a, b) => a + b, 0);
    const ybar = stats.reduce((a, x, i) => a + w[i]! * x.mean, 0) / sw;
    const q = stats.reduce((a, x, i) => a + w[i]! * (x.mean - ybar) ** 2, 0);
    const tau2 = Math.max(0, (q - 3) / (sw - w.reduce((a, b) => a + b * b, 0) / sw));
    const wr = stats.map((x) => 1 / (tau2 + sigma2 / x.n));
    const mu = stats.reduce((a, x, i) => a + wr[i]! * x.mean, 0) / wr.reduce((a, b) => a + b, 0);
    expect(s.kind).toBe("mean");
    expect(s.priors[0]!.spread).toBeCloseTo(Math.sqrt(tau2), 10);
    expect(s.priors[0]!.mean).toBeCloseTo(mu, 10);
    expect(s.priors[0]!.concentration).toBeCloseTo(sigma2 / tau2, 8);
    stats.forEach((x, i) => {
      const B = tau2 / (tau2 + sigma2 / x.n);
      const g = s.groups[i]!;
      expect(g.credibility).toBeCloseTo(B, 10);
      expect(g.shrunken.value).toBeCloseTo(B * x.mean + (1 - B) * mu, 10);
      expect(g.shrunken.standardError).toBeCloseTo(Math.sqrt(B * (sigma2 / x.n)), 10);
      expect(g.shrunken.interval.method).toBe("normal");
    });
  });

  it("finds the maximum-likelihood τ² that a grid search of the marginal likelihood finds", () => {
    const s = shrinkage(ces, states);
    // Profile likelihood in τ² (μ at its weighted mean for each τ²), searched on a fine grid.
    const profile = (t: number): number => {
      const w = stats.map((x) => 1 / (t + sigma2 / x.n));
      const mu = stats.reduce((a, x, i) => a + w[i]! * x.mean, 0) / w.reduce((a, b) => a + b, 0);
      return stats.reduce((a, x, i) => a - 0.5 * (Math.log(1 / w[i]!) + w[i]! * (x.mean - mu) ** 2), 0);
    };
    let best = 0;
    for (let t = 0; t <= 20; t += 1e-4) if (profile(t) > profile(best)) best = t;
    expect(Math.abs(s.priors[0]!.spread ** 2 - best)).toBeLessThan(2e-4);
  });

  it("pools completely when the agents' means do not differ more than chance", () => {
    const same = [...cesRows("a", [3, 5, 4, 4]), ...cesRows("b", [4, 4, 5, 3]), ...cesRows("c", [5, 3, 4, 4])];
    const s = shrinkage(ces, groupStates(ces, same, "agent"), { method: "moments" });
    expect(s.priors[0]!.concentration).toBeNull();
    for (const g of s.groups) {
      expect(g.shrunken.value).toBe(4);
      expect(g.shrunken.interval.method).toBe("pooled");
    }
  });

  it("pools agents of one answer each (within and between cannot be told apart), and keeps identical answers' own means", () => {
    const single = shrinkage(ces, groupStates(ces, [...cesRows("a", [2]), ...cesRows("b", [6]), ...cesRows("c", [4])], "agent"));
    expect(single.priors[0]!.concentration).toBeNull();
    expect(single.groups.map((g) => g.shrunken.value)).toEqual([4, 4, 4]);
    const constant = shrinkage(ces, groupStates(ces, [...cesRows("a", [2, 2]), ...cesRows("b", [6, 6])], "agent"));
    expect(constant.groups.map((g) => [g.shrunken.value, g.credibility])).toEqual([[2, 1], [6, 1]]);
  });

  const agentsArb = fc.array(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 8 });
  test.prop([agentsArb, fc.constantFrom("moments", "maximum-likelihood") as fc.Arbitrary<"moments" | "maximum-likelihood">])("a shrunken mean lies between its raw mean and the prior mean, by its credibility", (agents, method) => {
    const data = agents.flatMap((r, i) => cesRows(`a${i}`, r));
    const s = shrinkage(ces, groupStates(ces, data, "agent"), { method });
    for (const g of s.groups) {
      const raw = g.raw!.value;
      expect(g.credibility).toBeGreaterThanOrEqual(0);
      expect(g.credibility).toBeLessThanOrEqual(1);
      if (g.shrunken.interval.method === "normal") expect(close(g.shrunken.value, g.credibility * raw + (1 - g.credibility) * g.prior.mean, 1e-9)).toBe(true);
      expect(g.shrunken.value).toBeGreaterThanOrEqual(Math.min(raw, g.prior.mean) - 1e-9);
      expect(g.shrunken.value).toBeLessThanOrEqual(Math.max(raw, g.prior.mean) + 1e-9);
    }
  });

  it("ranks means with each agent's lift against the others' answers by Welch's test", () => {
    const ranking = rankGroups(ces, states);
    const c = ranking.groups.find((g) => g.key === "c")!;
    const summary = (xs: readonly number[]): { mean: number; standardDeviation: number; n: number } => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, standardDeviation: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)), n: xs.length };
    };
    const others = rows.filter((r) => r.agent !== "c").map((r) => r.ces);
    const own = rows.filter((r) => r.agent === "c").map((r) => r.ces);
    const expected = compareMeans(summary(others), summary(own))!;
    expect(c.lift?.test).toBe("welch");
    expect(c.lift?.difference).toBeCloseTo(expected.difference, 10);
    expect(c.lift?.pValue).toBeCloseTo(expected.pValue!, 8);
    expect(ranking.groups[0]!.key).toBe("a");
    expect(ranking.kind).toBe("mean");
  });

  it("puts a mean's funnel at the overall mean ± z·σ/√n, σ² the variance of all answers", () => {
    const f = funnelLimits(ces, states, { levels: [95] });
    const all = rows.map((r) => r.ces);
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const v = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
    expect(f.kind).toBe("mean");
    expect(f.center).toBeCloseTo(mean, 12);
    expect(f.points[3]!.limits[0]!.upper).toBeCloseTo(mean + 1.959963984540054 * Math.sqrt(v / 2), 9);
    expect(f.points[0]!.direction).toBe("above");
  });
});
