import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compareNps, CxMetricsError, nps, npsByKind, relationshipNps } from "../../src/index.ts";
import { close } from "../helpers.ts";

const at = (day: number): string => new Date(Date.UTC(2026, 2, day, 10)).toISOString();

describe("relationshipNps: one answer per respondent per wave", () => {
  const rows = [
    { wave: "W1", customerId: "c1", respondedAt: at(1), nps: 3 },
    { wave: "W1", customerId: "c1", respondedAt: at(5), nps: 9 },
    { wave: "W1", customerId: "c2", respondedAt: at(2), nps: 10 },
    { wave: "W2", customerId: "c1", respondedAt: at(20), nps: 0 },
  ];
  it("keeps the latest answer by default, the first on request, and counts duplicates", () => {
    const latest = relationshipNps(rows, { wave: "wave" });
    expect(latest.map((w) => [w.wave, w.nps.score?.value, w.responses, w.respondents, w.duplicates])).toEqual([
      ["W1", 100, 3, 2, 1],
      ["W2", -100, 1, 1, 0],
    ]);
    const first = relationshipNps(rows, { wave: "wave", keep: "first" });
    expect(first[0]!.nps.score?.value).toBe(0);
    expect(first[0]!.designEffect).toBe(1);
  });

  it("post-stratifies one margin by hand: cell weights share/(n_h/n), Kish's effective size", () => {
    const sample = [
      { wave: 1, customerId: 1, respondedAt: at(1), nps: 10, region: "north" },
      { wave: 1, customerId: 2, respondedAt: at(1), nps: 0, region: "south" },
      { wave: 1, customerId: 3, respondedAt: at(1), nps: 0, region: "south" },
    ];
    const [w] = relationshipNps(sample, { wave: "wave", weighting: [{ by: "region", shares: { north: 1, south: 1 } }] });
    // Weights 1.5, 0.75, 0.75: NPS (1.5 - 1.5)/3 = 0; n_eff = 3²/(1.5² + 2·0.75²) = 8/3.
    expect(w!.nps.score?.value).toBeCloseTo(0, 12);
    expect(w!.nps.effectiveSize).toBeCloseTo(8 / 3, 12);
    expect(w!.designEffect).toBeCloseTo(9 / 8, 12);
    expect(w!.nps).toEqual(nps(sample, { value: "nps", weight: (r) => (r.region === "north" ? 1.5 : 0.75) }));
  });

  it("refuses what it cannot weight or read", () => {
    const sample = [{ wave: 1, customerId: 1, respondedAt: at(1), nps: 10, region: "north" }];
    expect(() => relationshipNps(sample, { wave: "wave", weighting: [{ by: "region", shares: { north: 0.5, south: 0.5 } }] })).toThrow(/none in "south"/);
    expect(() => relationshipNps(sample, { wave: "wave", weighting: [{ by: "region", shares: { south: 1 } }] })).toThrow(/known share/);
    expect(() => relationshipNps(sample, {} as never)).toThrow(/wave/);
    expect(() => relationshipNps([{ wave: 1, respondedAt: at(1), nps: 3 }], { wave: "wave" })).toThrow(/customerId at index 0/);
    expect(() => relationshipNps([{ wave: 1, customerId: 1, nps: 3 }], { wave: "wave" })).toThrow(/respondedAt at index 0/);
    expect(() => relationshipNps([{ wave: 1, customerId: 1, respondedAt: at(1), nps: 11 }], { wave: "wave" })).toThrow(CxMetricsError);
    expect(() => relationshipNps(sample, { wave: "wave", keep: "last" as never })).toThrow(/keep/);
    expect(() => relationshipNps(null as never, { wave: "wave" } as never)).toThrow(/responses/);
  });

  const respondentArb = fc.record({ region: fc.constantFrom("north", "south"), plan: fc.constantFrom("basic", "pro", "team"), nps: fc.integer({ min: 0, max: 10 }) });
  // Every region × plan cell holds an answer, so the margins can always be met.
  const everyCell = ["north", "south"].flatMap((region) => ["basic", "pro", "team"].map((plan) => ({ region, plan, nps: 7 })));
  test.prop([fc.array(respondentArb, { minLength: 6, maxLength: 80 }).map((xs) => [...everyCell, ...xs])], { numRuns: 60 })("raking matches every margin", (people) => {
    const regions = new Set(people.map((p) => p.region));
    const plans = new Set(people.map((p) => p.plan));
    const regionShares = Object.fromEntries([...regions].map((r, i) => [r, i + 1]));
    const planShares = Object.fromEntries([...plans].map((p, i) => [p, 3 - i]));
    const sample = people.map((p, i) => ({ ...p, wave: 1, customerId: i, respondedAt: at(1) }));
    const [w] = relationshipNps(sample, { wave: "wave", weighting: [{ by: "region", shares: regionShares }, { by: "plan", shares: planShares }] });
    // Recover the weights from the promoter and detractor totals is not possible; check the margins by
    // re-weighting with the same raking done by hand, margin by margin until it settles.
    const weights = sample.map(() => 1);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    for (let it = 0; it < 2000; it++) {
      for (const [field, shares] of [["region", regionShares], ["plan", planShares]] as const) {
        const total = sum(weights);
        const shareSum = sum(Object.values(shares));
        for (const cell of Object.keys(shares)) {
          const idx = sample.map((s, i) => (s[field] === cell ? i : -1)).filter((i) => i >= 0);
          const have = sum(idx.map((i) => weights[i]!));
          for (const i of idx) weights[i] = (weights[i]! * (shares[cell]! / shareSum) * total) / have;
        }
      }
    }
    const expected = nps(sample, { value: "nps", weight: (_, i) => weights[i]! });
    expect(close(w!.nps.score!.value, expected.score!.value, 1e-6)).toBe(true);
    expect(close(w!.nps.effectiveSize, expected.effectiveSize, 1e-6)).toBe(true);
  });
});

describe("npsByKind: tNPS and rNPS side by side", () => {
  it("computes both over the same periods, and the gap with compareNps", () => {
    const rows = [
      { kind: "transactional", respondedAt: "2026-01-10T10:00:00Z", nps: 10 },
      { kind: "transactional", respondedAt: "2026-01-11T10:00:00Z", nps: 9 },
      { kind: "transactional", respondedAt: "2026-01-12T10:00:00Z", nps: 4 },
      { kind: "relationship", respondedAt: "2026-01-12T10:00:00Z", nps: 6 },
      { kind: "relationship", respondedAt: "2026-01-13T10:00:00Z", nps: 9 },
      { kind: "relationship", respondedAt: "2026-07-13T10:00:00Z", nps: 9 },
      { respondedAt: "2026-07-13T10:00:00Z", nps: 9 },
    ];
    const side = npsByKind(rows, { at: "respondedAt", period: "quarter", timeZone: "Europe/Berlin" });
    expect(side.otherKinds).toBe(1);
    expect(side.periods.map((p) => [p.label, p.transactional.score?.value ?? null, p.relationship.score?.value ?? null])).toEqual([
      ["2026-Q1", (100 * (2 - 1)) / 3, 0],
      ["2026-Q2", null, null],
      ["2026-Q3", null, 100],
    ]);
    const gap = side.periods[0]!.gap!;
    const direct = compareNps(side.periods[0]!.relationship, side.periods[0]!.transactional)!;
    expect([gap.difference, gap.pValue, gap.test]).toEqual([direct.difference, direct.pValue, "nps"]);
    expect(side.periods[2]!.gap).toBeNull();
    expect(() => npsByKind(rows, { at: "respondedAt" } as never)).toThrow(/npsByKind: option "period"/);
    expect(() => npsByKind(rows, { period: "month" } as never)).toThrow(/npsByKind: option "at"/);
    expect(() => npsByKind(3 as never, { at: "respondedAt", period: "month" })).toThrow(/responses/);
  });
});
