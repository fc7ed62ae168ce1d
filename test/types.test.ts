// Type-level checks: `tsc` (npm run typecheck) checks these; vitest runs them as no-ops.
import { describe, expect, expectTypeOf, it } from "vitest";
import { ces, csat, groupBy, nps, npsMetric, type Metric, type NpsResult, type RatingState } from "../src/index.ts";

describe("public types", () => {
  it("infers results and record types", () => {
    expectTypeOf(nps([10, 9])).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps([10, 9]).score).toEqualTypeOf<number | null>();
    expectTypeOf(npsMetric<{ s: number }>({ value: (r) => r.s })).toEqualTypeOf<Metric<{ s: number }, RatingState, NpsResult>>();
    expectTypeOf(groupBy(npsMetric<{ s: number; t: string }>({ value: (r) => r.s }), [], (r) => r.t)).toEqualTypeOf<Map<string, NpsResult>>();
    expectTypeOf(csat([5]).interval).toEqualTypeOf<import("../src/index.ts").Interval<"wilson" | "agresti-coull" | "wald"> | null>();
    expectTypeOf(ces([5]).version).toEqualTypeOf<1 | 2>();
  });

  it("requires an accessor for records", () => {
    // At run time the record itself is read as a score and rejected.
    // @ts-expect-error records need `value`
    expect(() => nps([{ score: 9 }])).toThrow("nps: score at index 0 is an object");
    nps([{ score: 9 }], { value: (r) => r.score });
  });
});
