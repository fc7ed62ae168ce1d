import { fc, test } from "@fast-check/vitest";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CxMetricsError, ces, cesMetric, combine, csat, csatMetric, fold, groupBy, nps, npsMetric, type CsatResult, type NpsResult } from "../../src/index.ts";

interface R {
  readonly nps: number | null;
  readonly csat: number | null;
  readonly ces: number | null;
  readonly team: string;
}
const scorecard = combine({
  nps: npsMetric<R>({ value: (r) => r.nps }),
  csat: csatMetric<R>({ value: (r) => r.csat }),
  ces: cesMetric<R>({ value: (r) => r.ces }),
});
const row = fc.record({
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  ces: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
  team: fc.constantFrom("a", "b"),
});

describe("combine", () => {
  it("folds several metrics in one pass and keeps their types", () => {
    const rows: R[] = [
      { nps: 10, csat: 5, ces: 7, team: "a" },
      { nps: 3, csat: null, ces: 2, team: "a" },
    ];
    const result = scorecard.result(fold(scorecard, rows));
    expectTypeOf(result.nps).toEqualTypeOf<NpsResult>();
    expectTypeOf(result.csat).toEqualTypeOf<CsatResult>();
    expect([result.nps.score?.value, result.csat.score?.value, result.ces.netEasy?.value]).toEqual([0, 100, 0]);
    expect(scorecard.name).toBe("combine(nps, csat, ces)");
  });

  it("rejects an empty object or a non-metric", () => {
    expect(() => combine({})).toThrow(CxMetricsError);
    expect(() => combine({ a: { init: () => 0 } as never })).toThrow(/option "metrics/);
  });

  test.prop([fc.array(row, { maxLength: 80 }), fc.nat(80)])("equals each metric alone, and its fold laws hold", (rows, cut) => {
    const whole = scorecard.result(fold(scorecard, rows));
    expect(whole.nps).toEqual(nps(rows, { value: (r) => r.nps }));
    expect(whole.csat).toEqual(csat(rows, { value: (r) => r.csat }));
    expect(whole.ces).toEqual(ces(rows, { value: (r) => r.ces }));
    const k = cut % (rows.length + 1);
    const left = fold(scorecard, rows.slice(0, k));
    scorecard.merge(left, fold(scorecard, rows.slice(k)));
    expect(scorecard.result(left)).toEqual(whole);
    const byTeam = groupBy(scorecard, rows, (r) => r.team);
    for (const [team, card] of byTeam) expect(card.nps).toEqual(nps(rows.filter((r) => r.team === team), { value: (r) => r.nps }));
  });
});

describe("combine types", () => {
  it("takes records that satisfy every part", () => {
    const m = combine({ a: npsMetric<{ x: number }>({ value: (r) => r.x }), b: csatMetric<{ y: number }>({ value: (r) => r.y }) });
    expectTypeOf(m.add).parameter(1).toEqualTypeOf<{ x: number } & { y: number }>();
    expect(m.result(fold(m, [{ x: 10, y: 5 }])).a.score?.value).toBe(100);
  });
});
