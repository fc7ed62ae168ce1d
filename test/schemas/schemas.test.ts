import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, nps } from "cx-metrics";
import { instantSchema, parseSurveyResponses, safeParseSurveyResponses, surveyResponseSchema } from "cx-metrics/schemas";

describe("parseSurveyResponses", () => {
  it("keeps valid records, normalises respondedAt, passes unknown fields through", () => {
    const [r] = parseSurveyResponses([{ id: "1", nps: 9, csat: null, respondedAt: "2026-03-01T09:00:00+01:00", region: "EU" }]);
    expect(r).toEqual({ id: "1", nps: 9, csat: null, respondedAt: Date.UTC(2026, 2, 1, 8), region: "EU" });
  });

  it("throws one readable CxMetricsError listing every issue", () => {
    let error: unknown;
    try {
      parseSurveyResponses([{ nps: 9 }, { nps: 11 }, { csat: "5" }, null, { kind: "chat" }, { weight: Number.NaN }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CxMetricsError);
    const e = error as CxMetricsError;
    expect(e.message).toBe("parseSurveyResponses: nps at index 1 is 11; expected an integer from 0 to 10, or null when not answered (and 4 more: see error.issues)");
    expect(e.code).toBe("INVALID_RECORD");
    expect(e.issues.map((i) => [i.index, i.field])).toEqual([
      [1, "nps"],
      [2, "csat"],
      [3, "record"],
      [4, "kind"],
      [5, "weight"],
    ]);
  });

  it("takes other scales, and rejects non-arrays without throwing from safeParse", () => {
    expect(parseSurveyResponses([{ csat: 7 }], { csatScale: { min: 1, max: 7 } })).toHaveLength(1);
    expect(() => parseSurveyResponses([{ csat: 7 }])).toThrow(/csat at index 0 is 7/);
    const outcome = safeParseSurveyResponses({ nps: 9 });
    expect(outcome.success).toBe(false);
    if (!outcome.success) expect(outcome.error.code).toBe("INVALID_INPUT");
    expect(surveyResponseSchema().safeParse({ respondedAt: "2026-01-01" }).success).toBe(false);
    expect(instantSchema.parse("1970-01-01T00:00:01Z")).toBe(1000);
  });

  test.prop([
    fc.array(
      fc.record(
        {
          nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
          csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
          ces: fc.integer({ min: 1, max: 7 }),
          channel: fc.constantFrom("phone", "chat", "email"),
          comment: fc.option(fc.string(), { nil: null }),
          respondedAt: fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 100_000_000_000, max: 4_102_444_800_000 })),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 30 },
    ),
  ])("valid records parse unchanged and fold to the same NPS", (rows) => {
    const parsed = parseSurveyResponses(rows);
    expect(parsed).toEqual(rows);
    expect(nps(parsed, { value: (r) => r.nps })).toEqual(nps(rows, { value: (r) => r.nps }));
  });

  test.prop([fc.oneof(fc.integer({ min: 11, max: 1000 }), fc.integer({ min: -1000, max: -1 }), fc.double({ noInteger: true }), fc.string())])(
    "any invalid NPS answer is rejected with its index",
    (bad) => {
      const outcome = safeParseSurveyResponses([{ nps: 5 }, { nps: bad }]);
      expect(outcome.success).toBe(false);
      if (!outcome.success) expect([outcome.error.index, outcome.error.field]).toEqual([1, "nps"]);
    },
  );
});

describe("the agent question of two-question surveys", () => {
  it("checks agentNps and agentCsat on the NPS and CSAT scales", () => {
    const [r] = parseSurveyResponses([{ nps: 3, agentNps: 9, csat: 2, agentCsat: 5 }]);
    expect([r!.agentNps, r!.agentCsat]).toEqual([9, 5]);
    expect(() => parseSurveyResponses([{ agentNps: 11 }])).toThrow(/agentNps/);
    expect(() => parseSurveyResponses([{ agentCsat: 0 }])).toThrow(/agentCsat/);
    expect(parseSurveyResponses([{ agentNps: 1 }], { npsScale: { min: 1, max: 5 } })[0]!.agentNps).toBe(1);
  });
});
