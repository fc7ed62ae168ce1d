import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { npsCategory, surveyComments } from "../../src/index.ts";

const responses = [
  { score: 2, why: "Waited 40 minutes" },
  { score: 10, why: "Solved at once" },
  { score: 5, why: "  " },
  { score: 3, why: null },
  { score: 6, why: "  Transferred twice " },
];

describe("surveyComments", () => {
  it("returns a segment's non-blank comments, trimmed, with record and index", () => {
    const detractors = surveyComments(responses, { comment: (r) => r.why, where: (r) => npsCategory(r.score) === "detractor" });
    expect(detractors.map((c) => [c.index, c.comment])).toEqual([
      [0, "Waited 40 minutes"],
      [4, "Transferred twice"],
    ]);
    expect(detractors[0]!.record).toBe(responses[0]);
  });

  it("limits and rejects non-string comments and bad options", () => {
    expect(surveyComments(responses, { comment: (r) => r.why, limit: 1 })).toHaveLength(1);
    expect(() => surveyComments([{ why: 5 }], { comment: (r) => r.why as never })).toThrow("surveyComments: comment at index 0 is 5; expected a string, null or undefined");
    expect(() => surveyComments(responses, {} as never)).toThrow(/option "comment"/);
    expect(() => surveyComments(responses, { comment: (r) => r.why, limit: -1 })).toThrow(/option "limit"/);
  });

  test.prop([fc.array(fc.record({ keep: fc.boolean(), text: fc.option(fc.string(), { nil: null }) }), { maxLength: 50 })])(
    "keeps exactly the selected records with non-blank text, in order",
    (rows) => {
      const out = surveyComments(rows, { comment: (r) => r.text, where: (r) => r.keep });
      const expected = rows.flatMap((r, i) => (r.keep && r.text !== null && r.text.trim() !== "" ? [[i, r.text.trim()]] : []));
      expect(out.map((c) => [c.index, c.comment])).toEqual(expected);
    },
  );
});
