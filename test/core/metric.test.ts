import { describe, expect, it } from "vitest";
import { CxMetricsError, csatMetric, fold, foldInto, nps, npsMetric } from "../../src/index.ts";

describe("fold", () => {
  it("accepts arrays, typed arrays, sets and generators alike", () => {
    const scores = [10, 9, 7, 3];
    function* generate(): Generator<number> {
      yield* scores;
    }
    const expected = nps(scores);
    expect(nps(new Int8Array(scores))).toEqual(expected);
    expect(nps(new Set(scores))).toEqual(expected);
    expect(nps(generate())).toEqual(expected);
  });

  it("rejects a non-iterable input with INVALID_INPUT", () => {
    expect(() => nps(42 as never)).toThrow(CxMetricsError);
    expect(() => nps(null as never)).toThrow(/nps: input is null; expected an array or another iterable/);
    expect(() => nps({ length: 2 } as never)).toThrow(/expected an array or another iterable/);
  });

  it("foldInto continues a state and offsets indices in errors", () => {
    const metric = csatMetric();
    const state = metric.init();
    foldInto(metric, state, [5, 4]);
    foldInto(metric, state, [1, 2], 2);
    expect(metric.result(state).score?.value).toBe(50);
    expect(() => foldInto(metric, state, [5, 9], 10)).toThrow("csat: rating at index 11 is 9; expected an integer from 1 to 5");
  });

  it("add without an index uses the number of records the state has seen", () => {
    const metric = npsMetric();
    const state = metric.init();
    metric.add(state, 10);
    metric.add(state, null);
    expect(() => metric.add(state, 12)).toThrow("nps: score at index 2 is 12");
    expect(metric.result(fold(metric, [1, 2])).responses).toBe(2);
  });
});
