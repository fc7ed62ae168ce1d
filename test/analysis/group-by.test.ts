import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, csatMetric, groupBy, groupStates, nps, npsMetric } from "../../src/index.ts";

interface R {
  readonly team: string;
  readonly score: number | null;
}
const score = (r: R): number | null => r.score;

describe("groupBy", () => {
  it("computes a metric per key in first-seen order", () => {
    const rows: R[] = [
      { team: "billing", score: 10 },
      { team: "tech", score: 9 },
      { team: "billing", score: 3 },
    ];
    const byTeam = groupBy(npsMetric<R>({ value: score }), rows, (r) => r.team);
    expect([...byTeam.keys()]).toEqual(["billing", "tech"]);
    expect(byTeam.get("billing")!.score?.value).toBe(0);
    expect(byTeam.get("tech")!.score?.value).toBe(100);
  });

  it("names the record's index in the whole input when one is bad", () => {
    const rows: R[] = [
      { team: "a", score: 10 },
      { team: "b", score: 10 },
      { team: "a", score: 12 },
    ];
    expect(() => groupBy(npsMetric<R>({ value: score }), rows, (r) => r.team)).toThrow("nps: score at index 2 is 12");
    expect(() => groupBy(npsMetric<R>({ value: score }), rows, "team" as never)).toThrow(CxMetricsError);
  });

  it("groupStates returns mergeable states", () => {
    const metric = csatMetric<{ k: number; v: number }>({ value: (r) => r.v });
    const states = groupStates(metric, [{ k: 1, v: 5 }, { k: 2, v: 1 }], (r) => r.k);
    const all = metric.init();
    for (const s of states.values()) metric.merge(all, s);
    expect(metric.result(all).score?.value).toBe(50);
  });

  test.prop([fc.array(fc.record({ team: fc.constantFrom("a", "b", "c"), score: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)) }), { maxLength: 100 })])(
    "each group equals the metric of that group's records alone",
    (rows) => {
      const byTeam = groupBy(npsMetric<R>({ value: score }), rows, (r) => r.team);
      expect([...byTeam.keys()].sort()).toEqual([...new Set(rows.map((r) => r.team))].sort());
      for (const [team, result] of byTeam) {
        expect(result).toEqual(nps(rows.filter((r) => r.team === team), { value: score }));
      }
    },
  );
});
