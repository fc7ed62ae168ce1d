// Type-level checks: `tsc` (npm run typecheck) checks these; vitest runs them as no-ops.
import { describe, expect, expectTypeOf, it } from "vitest";
import { ces, combine, csat, csatMetric, groupBy, nps, npsMetric, type Estimate, type FieldRecord, type Metric, type NpsAnswer, type NpsResult, type RatingState } from "../src/index.ts";

describe("public types", () => {
  it("infers results and record types", () => {
    expectTypeOf(nps([10, 9])).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps([10, 9]).score).toEqualTypeOf<Estimate<"adjusted-wald" | "wald"> | null>();
    expectTypeOf(npsMetric<{ s: number }>({ value: (r) => r.s })).toEqualTypeOf<Metric<{ s: number }, RatingState, NpsResult>>();
    expectTypeOf(groupBy(npsMetric<{ s: number; t: string }>({ value: (r) => r.s }), [] as { s: number; t: string }[], (r) => r.t)).toEqualTypeOf<Map<string, NpsResult>>();
    expectTypeOf(csat([5]).score).toEqualTypeOf<Estimate<"wilson" | "agresti-coull" | "wald"> | null>();
    expectTypeOf(ces([5]).version).toEqualTypeOf<1 | 2>();
  });

  it("infers the record type from field names, with no type argument", () => {
    expectTypeOf(npsMetric({ value: "nps" })).toExtend<Metric<FieldRecord<"nps", NpsAnswer>, RatingState, NpsResult>>();
    const rows = [{ nps: 9 as number | null, csat: 4, team: "a" }];
    const byTeam = groupBy(npsMetric({ value: "nps" }), rows, "team");
    expectTypeOf(byTeam).toEqualTypeOf<Map<string, NpsResult>>();
    const card = combine({ nps: npsMetric({ value: "nps" }), csat: csatMetric({ value: "csat" }) });
    groupBy(card, rows, (r) => r.team);
    nps(rows, { value: "nps" });
    // @ts-expect-error "team" holds strings, not scores
    expect(() => nps(rows, { value: "team" })).toThrow('nps: team at index 0 is "a"');
  });

  it("requires an accessor for records", () => {
    // At run time the record itself is read as a score and rejected.
    // @ts-expect-error records need `value`
    expect(() => nps([{ score: 9 }])).toThrow("nps: score at index 0 is an object");
    nps([{ score: 9 }], { value: (r) => r.score });
  });
});
