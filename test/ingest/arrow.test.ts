// Arrow vectors into the metrics, with the real apache-arrow (a dev dependency): nulls stay missing,
// dictionary columns become key columns, sliced and multi-batch vectors read right.
import { fc, test } from "@fast-check/vitest";
import { makeTable, tableFromArrays, tableFromIPC, tableToIPC, Uint8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { arrowColumn, arrowDictionary, CxMetricsError, groupColumns, groupStates, nps, npsMetric } from "cx-metrics";

describe("arrowColumn", () => {
  it("keeps nulls missing (Arrow's toArray reads them as 0)", () => {
    const v = vectorFromArray([10, null, 3, 9], new Uint8());
    expect(Array.from(v.toArray())).toEqual([10, 0, 3, 9]);
    const r = nps(arrowColumn(v) as number[]);
    // 10, 3, 9 answered (2 promoters, 1 detractor), one missing: 100/3.
    expect([r.total, r.excluded.missing, r.score?.value]).toEqual([3, 1, 100 / 3]);
  });

  it("hands a null-free Uint8 column over as its typed array", () => {
    const table = tableFromArrays({ nps: Uint8Array.from([10, 9, 3]) });
    const col = arrowColumn(table.getChild("nps")!);
    expect(col).toBeInstanceOf(Uint8Array);
    expect(nps(col as Uint8Array).score?.value).toBeCloseTo(100 / 3, 12);
  });

  it("refuses what is not a vector", () => {
    for (const bad of [null, [1, 2], { length: 1 }, "x"]) expect(() => arrowColumn(bad as never)).toThrow(CxMetricsError);
    expect(() => arrowDictionary(vectorFromArray([1, 2], new Uint8()))).toThrow(CxMetricsError);
  });
});

describe("arrowDictionary + groupColumns", () => {
  test.prop([fc.array(fc.record({ v: fc.integer({ min: 0, max: 10 }), agent: fc.constantFrom("ana", "ben", "cy", null) }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 119 })])(
    "equal groupStates over the rows, through IPC batches and slices",
    (rows, cut) => {
      // A column of nulls only is typed Null by Arrow, not a dictionary.
      fc.pre(rows.some((r) => r.agent !== null));
      const table = tableFromArrays({ nps: Uint8Array.from(rows.map((r) => r.v)), agent: rows.map((r) => r.agent) });
      // Two record batches, as a stream would bring them, read back through Arrow's IPC format.
      const at = Math.min(cut, rows.length);
      const batched = tableFromIPC(tableToIPC(makeTable({ nps: Uint8Array.from(rows.slice(0, at).map((r) => r.v)) }).concat(makeTable({ nps: Uint8Array.from(rows.slice(at).map((r) => r.v)) }))));
      expect(Array.from(arrowColumn(batched.getChild("nps")!) as ArrayLike<number>)).toEqual(rows.map((r) => r.v));
      const { keys, dictionary } = arrowDictionary(table.getChild("agent")!);
      const metric = npsMetric();
      const columns = groupColumns(metric, arrowColumn(table.getChild("nps")!) as Uint8Array, keys, dictionary);
      const expected = groupStates(npsMetric({ value: "v" }), rows, (r) => r.agent);
      expect(new Set(columns.keys())).toEqual(new Set(expected.keys()));
      for (const [k, s] of expected) expect(metric.result(columns.get(k)!)).toEqual(npsMetric({ value: "v" }).result(s));
      // A slice of the table (an offset into its buffers) reads the rows it holds.
      fc.pre(rows.slice(1).some((r) => r.agent !== null));
      const sliced = table.slice(1);
      const part = arrowDictionary(sliced.getChild("agent")!);
      expect(Array.from(part.keys, (k) => part.dictionary[k])).toEqual(rows.slice(1).map((r) => r.agent));
    },
  );
});
