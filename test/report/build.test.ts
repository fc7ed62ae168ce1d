import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { buildReport, CxMetricsError, readRows, reportBuilder, reportText, type SurveyResponse } from "cx-metrics";

const at = (day: number): string => `2026-03-${String(day).padStart(2, "0")}T10:00:00Z`;

describe("buildReport", () => {
  const surveys: SurveyResponse[] = [
    { nps: 10, csat: 5, team: "A", respondedAt: at(2), comment: "great" },
    { nps: 9, csat: 4, team: "A", respondedAt: at(3) },
    { nps: 3, csat: 1, team: "B", respondedAt: at(4), comment: "too slow" },
    { nps: null, csat: 2, team: "B", respondedAt: at(5), comment: "meh" },
    { nps: 6, team: "B", respondedAt: at(6), comment: "  " },
    { nps: 0, kind: "relationship", respondedAt: at(7), comment: "never again" },
    { nps: 10, kind: "relationship", respondedAt: at(8), team: "A" },
  ];
  const r = buildReport({ surveys }, { by: "team", timeZone: "UTC", period: "week" });

  it("scores transactional answers by group and keeps relationship NPS apart", () => {
    const card = r.survey!;
    expect(card.columns.map((c) => c.id)).toEqual(["nps", "csat"]);
    // Transactional NPS answers 10, 9, 3, 6: (2 - 2) / 4 = 0. A: 100; B: 3 and 6 = -100.
    expect(card.overall.values[0]!.value).toBe(0);
    expect(card.overall.count).toBe(5);
    expect(card.groups.map((g) => [g.key, g.count, g.values[0]?.value])).toEqual([["A", 2, 100], ["B", 3, -100]]);
    // CSAT 5, 4, 1, 2: 2 of 4 satisfied.
    expect(card.overall.values[1]!.value).toBe(50);
    // Relationship: 0 and 10, (1 - 1) / 2 = 0, n = 2.
    expect(r.relationship).toMatchObject({ value: 0, n: 2 });
  });

  it("keeps the latest detractor comments, newest first, and counts them all", () => {
    // Detractor comments: "too slow" (3), "never again" (0); blank ones and a missing NPS are not.
    expect(r.commentCount).toBe(2);
    expect(r.comments.map((c) => c.text)).toEqual(["never again", "too slow"]);
    expect(r.comments[1]).toMatchObject({ date: "2026-03-04", score: 3, group: "B" });
  });

  it("says what was left out", () => {
    expect(r.notes).toContain("1 survey answer without NPS: left out of NPS, never counted as zero.");
    expect(r.notes).toContain("1 survey answer without CSAT: left out of CSAT, never counted as zero.");
  });

  it("puts each week in the trends, with the test against the week before", () => {
    const nps = r.trends.find((t) => t.id === "nps")!;
    // 2026-03-02 is a Monday: W10 holds the 2nd to the 6th (10, 9, 3, 6).
    expect(nps.periods.map((p) => [p.label, p.value?.value])).toEqual([["2026-W10", 0]]);
    expect(r.trends.map((t) => t.id)).toEqual(["nps", "csat", "rnps"]);
  });

  it("prints as text with the same figures", () => {
    const text = reportText(r);
    expect(text).toMatch(/A\s+2\s+100\.0 \(/);
    expect(text).toContain('"too slow"');
    expect(text).toContain("Relationship NPS");
  });

  it("takes readRows' result as it is", () => {
    const read = readRows([{ s: "9" }, { s: "3" }], { kind: "survey", columns: { nps: "s" } });
    expect(buildReport(read).survey!.overall.values[0]!.value).toBe(0);
  });

  it("is empty, not wrong, without records", () => {
    const e = buildReport({});
    expect([e.survey, e.operations, e.agents, e.heatmap, e.relationship]).toEqual([null, null, null, null, null]);
    expect(reportText(e)).toContain("no records");
  });

  it("refuses bad options and records with the library's error", () => {
    expect(() => buildReport({}, { zone: "UTC" } as never)).toThrow(/option "zone"/);
    expect(() => buildReport({}, { timeZone: "Nowhere/City" })).toThrow(CxMetricsError);
    expect(() => buildReport({ surveys: "x" as never })).toThrow(CxMetricsError);
    expect(() => reportBuilder().add("survey", null as never)).toThrow(CxMetricsError);
    expect(() => reportBuilder().add("call" as never, {})).toThrow(CxMetricsError);
  });
});

const survey = fc.record({ nps: fc.option(fc.integer({ min: 0, max: 10 })), team: fc.constantFrom("A", "B", "C"), respondedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 5, 30) }) });

describe("buildReport properties", () => {
  test.prop([fc.array(survey, { maxLength: 60 })])("groups add up to everyone, and order does not matter", (list) => {
    const r = buildReport({ surveys: list }, { by: "team" });
    if (list.length === 0) {
      expect(r.survey).toBeNull();
      return;
    }
    const card = r.survey!;
    expect(card.groups.reduce((t, g) => t + g.count, 0)).toBe(list.length);
    const answered = list.filter((x) => x.nps !== null);
    // NPS by brute force.
    const p = answered.filter((x) => (x.nps as number) >= 9).length;
    const d = answered.filter((x) => (x.nps as number) <= 6).length;
    const nps = card.columns.findIndex((c) => c.id === "nps");
    if (answered.length > 0) expect(card.overall.values[nps]!.value).toBeCloseTo((100 * (p - d)) / answered.length, 9);
    expect(JSON.stringify(buildReport({ surveys: [...list].reverse() }, { by: "team" }).survey)).toBe(JSON.stringify(card));
  });

  test.prop([fc.array(survey, { maxLength: 60 }), fc.integer({ min: 0, max: 60 })])("one pass equals two halves folded in one builder", (list, cut) => {
    const b = reportBuilder({ by: "team" });
    for (const x of list.slice(0, cut)) b.add("survey", x);
    for (const x of list.slice(cut)) b.add("survey", x);
    expect(b.result()).toEqual(buildReport({ surveys: list }, { by: "team" }));
  });
});
