// Columns of 8-bit answers take the histogram path: the same results as the value-by-value path
// (a brute-force count here), the same errors at the same index, the same counts under skip.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ces, cesMetric, csat, csatMetric, CxMetricsError, foldInto, groupColumns, groupStates, nps, npsMetric, stateFromBytes, stateFromJSON, stateToBytes, stateToJSON, type Metric, type RatingState } from "cx-metrics";

describe("8-bit columns", () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 })])("nps over a Uint8Array equals a brute-force count", (scores) => {
    const r = nps(Uint8Array.from(scores));
    const p = scores.filter((s) => s >= 9).length;
    const d = scores.filter((s) => s <= 6).length;
    expect([r.promoters, r.detractors, r.total]).toEqual([p, d, scores.length]);
    if (scores.length > 0) expect(r.score?.value).toBe((100 * (p - d)) / scores.length);
    expect(nps(Uint8Array.from(scores))).toEqual(nps(scores));
  });

  test.prop([fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 200 })])("off-scale values throw at the first one's index, or are counted under skip, as for arrays", (values) => {
    const typed = Int8Array.from(values);
    const first = values.findIndex((v) => v < 1 || v > 5);
    if (first < 0) expect(csat(typed)).toEqual(csat(values));
    else expect(() => csat(typed)).toThrow(new RegExp(`at index ${first} is ${values[first]}`));
    expect(csat(typed, { onInvalid: "skip" })).toEqual(csat(values, { onInvalid: "skip" }));
    expect(ces(Uint8ClampedArray.from(values.map((v) => Math.abs(v))), { onInvalid: "skip" })).toEqual(ces(values.map((v) => Math.abs(v)), { onInvalid: "skip" }));
  });

  // Columns are read a 32-bit word at a time from the first 4-byte boundary on: views at every
  // offset into a buffer, long enough for the word loop, against a count of the bytes one by one.
  test.prop([fc.integer({ min: 0, max: 7 }), fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 400, size: "max" }), fc.constantFrom("uint8", "clamped")])(
    "nps over a byte view at any offset counts every answer once",
    (offset, scores, kind) => {
      const buffer = new ArrayBuffer(offset + scores.length + 3);
      const view = kind === "uint8" ? new Uint8Array(buffer, offset, scores.length) : new Uint8ClampedArray(buffer, offset, scores.length);
      view.set(scores);
      // Bytes outside the view that would be miscounted if a word ran past it.
      if (offset > 0) new Uint8Array(buffer)[offset - 1] = 200;
      new Uint8Array(buffer)[offset + scores.length] = 201;
      const state = npsMetric().init();
      foldInto(npsMetric(), state, view);
      const counts = new Array<number>(11).fill(0);
      for (const s of scores) counts[s]! += 1;
      expect([...state.counts]).toEqual(counts);
    },
  );

  test.prop([
    fc.integer({ min: 0, max: 7 }),
    fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 400, size: "max" }),
    fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: -128, max: 127 }) }), { maxLength: 3 }),
  ])("signed bytes at any offset: off-scale values at their index, the rest counted", (offset, answers, flaws) => {
    const values = [...answers];
    for (const f of flaws) if (values.length > 0) values[f.at % values.length] = f.value;
    const view = new Int8Array(new ArrayBuffer(offset + values.length), offset, values.length);
    view.set(values);
    const first = values.findIndex((v) => v < 1 || v > 7);
    if (first >= 0) expect(() => ces(view)).toThrow(new RegExp(`at index ${first} is ${values[first]}`));
    const metric = cesMetric({ onInvalid: "skip" });
    const state = metric.init();
    foldInto(metric, state, view);
    const counts = new Array<number>(7).fill(0);
    for (const v of values) if (v >= 1 && v <= 7) counts[v - 1]! += 1;
    expect([...state.counts]).toEqual(counts);
    expect(metric.result(state).excluded.invalidValue).toBe(values.length - counts.reduce((a, b) => a + b, 0));
  });

  it("continues a stream's numbering and keeps what came before an error", () => {
    const metric = npsMetric();
    const state = metric.init();
    foldInto(metric, state, Uint8Array.from([10, 9]), 0);
    expect(() => foldInto(metric, state, Uint8Array.from([3, 11]), 2)).toThrow(expect.objectContaining({ index: 3 }));
    // 10, 9 and the 3 before the 11 are counted.
    expect(metric.result(state).total).toBe(3);
    expect(() => nps(Uint8Array.from([12]))).toThrow(CxMetricsError);
  });
});

describe("groupColumns", () => {
  const rows = fc.array(fc.record({ v: fc.integer({ min: 0, max: 10 }), k: fc.integer({ min: 0, max: 5 }) }), { maxLength: 200 });

  test.prop([rows])("equals groupStates over the same values as records; groups in the dictionary's order", (list) => {
    const metric = npsMetric();
    const dictionary = ["a", "b", "c", "d", "e", "f"];
    const columns = groupColumns(metric, Uint8Array.from(list.map((r) => r.v)), Uint16Array.from(list.map((r) => r.k)), dictionary);
    const records = groupStates(npsMetric({ value: "v" }), list, (r) => dictionary[r.k] as string);
    expect([...columns.keys()]).toEqual(dictionary.filter((k) => records.has(k)));
    for (const [k, s] of records) expect(metric.result(columns.get(k)!)).toEqual(npsMetric({ value: "v" }).result(s));
    // Plain arrays take the value-by-value path and agree.
    const plain = groupColumns(metric, list.map((r) => r.v), list.map((r) => r.k), dictionary);
    for (const [k, s] of plain) expect(metric.result(s)).toEqual(metric.result(columns.get(k)!));
  });

  it("over more than half a million values (the word loop): counts by brute force, the first bad key, off-scale values", () => {
    const n = 600_000;
    const values = new Uint8Array(n);
    const keys = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = (i * 7) % 11;
      keys[i] = (i * 13) % 300;
    }
    const dictionary = Array.from({ length: 300 }, (_, g) => `g${g}`);
    const metric = npsMetric();
    const states = groupColumns(metric, values, keys, dictionary);
    // By brute force: promoters, passives, detractors per group.
    const counts = Array.from({ length: 300 }, () => [0, 0, 0]);
    for (let i = 0; i < n; i++) counts[keys[i]!]![values[i]! >= 9 ? 0 : values[i]! >= 7 ? 1 : 2]! += 1;
    for (let g = 0; g < 300; g++) {
      const r = metric.result(states.get(`g${g}`)!);
      expect([r.promoters, r.passives, r.detractors]).toEqual(counts[g]);
    }
    // A key past the dictionary at two places: the error names the first.
    keys[400_000] = 300;
    keys[500_000] = 65_535;
    expect(() => groupColumns(metric, values, keys, dictionary)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "keys", index: 400_000 }));
    keys[400_000] = 0;
    keys[500_000] = 0;
    values[450_000] = 11;
    expect(() => groupColumns(metric, values, keys, dictionary)).toThrow(/at index 450000 is 11/);
  });

  // The 16-bit key path reads both columns as 32-bit words where it can: views at every pair of
  // offsets, a bad key or an off-scale value anywhere (before the first word, in one, after), on
  // three scales, against a brute-force count per group.
  const scales: readonly { make: () => Metric<number, RatingState, unknown>; min: number; max: number }[] = [
    { make: () => npsMetric() as Metric<number, RatingState, unknown>, min: 0, max: 10 },
    { make: () => csatMetric() as Metric<number, RatingState, unknown>, min: 1, max: 5 },
    { make: () => cesMetric() as Metric<number, RatingState, unknown>, min: 1, max: 7 },
  ];
  test.prop([
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 2 }),
    fc.array(fc.record({ v: fc.integer({ min: 0, max: 10 }), k: fc.integer({ min: 0, max: 6 }) }), { maxLength: 300, size: "max" }),
    fc.option(fc.record({ at: fc.nat(), key: fc.boolean(), bad: fc.constantFrom(0, 6, 8, 11, 14, 15, 16, 255, 7, 300, 65_535) }), { nil: undefined }),
  ])("groupColumns over views at any offsets: counts by brute force, the first bad key or value at its index", (valueOffset, keyOffset, scaleIndex, list, flaw) => {
    const scale = scales[scaleIndex]!;
    const n = list.length;
    const values = new Uint8Array(new ArrayBuffer(valueOffset + n + 5), valueOffset, n);
    const keys = new Uint16Array(new ArrayBuffer(2 * keyOffset + 2 * n + 10), 2 * keyOffset, n);
    // In range for the scale: answers folded onto it.
    for (let i = 0; i < n; i++) {
      values[i] = scale.min + (list[i]!.v % (scale.max - scale.min + 1));
      keys[i] = list[i]!.k;
    }
    if (flaw !== undefined && n > 0) {
      const at = flaw.at % n;
      if (flaw.key) keys[at] = Math.max(7, flaw.bad);
      else values[at] = flaw.bad;
    }
    const dictionary = ["a", "b", "c", "d", "e", "f", "g"];
    const badKey = [...keys].findIndex((k) => k >= 7);
    const badValue = [...values].findIndex((v) => v < scale.min || v > scale.max);
    const metric = scale.make();
    if (badKey >= 0) {
      expect(() => groupColumns(metric, values, keys, dictionary)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "keys", index: badKey }));
      return;
    }
    if (badValue >= 0) {
      expect(() => groupColumns(metric, values, keys, dictionary)).toThrow(new RegExp(`at index ${badValue} is ${values[badValue]}`));
      return;
    }
    const states = groupColumns(metric, values, keys, dictionary) as Map<string, RatingState>;
    const expected = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = dictionary[keys[i]!]!;
      if (!expected.has(key)) expected.set(key, new Array<number>(scale.max - scale.min + 1).fill(0));
      expected.get(key)![values[i]! - scale.min]! += 1;
    }
    expect(new Set(states.keys())).toEqual(new Set(expected.keys()));
    for (const [key, counts] of expected) expect([...states.get(key)!.counts]).toEqual(counts);
  });

  test.prop([
    fc.array(fc.record({ v: fc.integer({ min: 0, max: 10 }), k: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 200, size: "max" }),
    fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 20 }),
    fc.boolean(),
  ])("groupColumns states stand alone: folding into one, merging one into another, and their portable forms leave the rest as counted", (list, more, bytes) => {
    // The states of the dense path share one buffer; each must behave as a state of its own.
    const metric = npsMetric();
    const n = list.length;
    const values = bytes ? Uint8Array.from(list, (r) => r.v) : Uint8ClampedArray.from(list, (r) => r.v);
    const keys = Uint16Array.from(list, (r) => r.k);
    const states = groupColumns(metric, values, keys, ["a", "b", "c", "d", "e"]) as Map<string, RatingState>;
    const expected = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = "abcde"[keys[i]!]!;
      if (!expected.has(key)) expected.set(key, new Array<number>(11).fill(0));
      expected.get(key)![values[i]!]! += 1;
    }
    const [first, second] = [...expected.keys()];
    foldInto(metric, states.get(first!)!, more);
    for (const v of more) expected.get(first!)![v]! += 1;
    if (second !== undefined) {
      metric.merge(states.get(second)!, states.get(first!)!);
      expected.set(second, expected.get(second)!.map((c, v) => c + expected.get(first!)![v]!));
    }
    for (const [key, counts] of expected) {
      const state = states.get(key)!;
      expect([...state.counts]).toEqual(counts);
      expect([...state.weights].every((w) => w === 0) && [...state.compensation].every((w) => w === 0)).toBe(true);
      expect([...stateFromBytes(metric, stateToBytes(metric, state)).counts]).toEqual(counts);
      expect([...stateFromJSON(metric, JSON.parse(JSON.stringify(stateToJSON(metric, state)))).counts]).toEqual(counts);
      expect([...structuredClone(state).counts]).toEqual(counts);
      expect(metric.result(state).responses).toBe(counts.reduce((a, b) => a + b, 0));
    }
  });

  it("throws at an off-scale value's index, refuses bad keys, merges a key named twice", () => {
    const metric = csatMetric();
    expect(() => groupColumns(metric, Uint8Array.from([5, 4, 9]), Uint8Array.from([0, 1, 0]))).toThrow(/at index 2 is 9/);
    expect(() => groupColumns(metric, Uint8Array.from([5]), Uint8Array.from([3]), ["a"])).toThrow(expect.objectContaining({ code: "INVALID_INPUT", index: 0 }));
    expect(() => groupColumns(metric, [5, 4], [0])).toThrow(CxMetricsError);
    expect(() => groupColumns(metric, [5], [0.5])).toThrow(CxMetricsError);
    const merged = groupColumns(metric, Uint8Array.from([5, 1, 4]), Uint8Array.from([0, 1, 2]), ["x", "y", "x"]);
    expect([...merged.keys()]).toEqual(["x", "y"]);
    // x holds 5 and 4: both satisfied.
    expect(metric.result(merged.get("x")!).score?.value).toBe(100);
    // Without a dictionary the group numbers are the keys.
    expect([...groupColumns(metric, [5, 1], [7, 2]).keys()]).toEqual([2, 7]);
    expect([...groupColumns(metric, Uint8Array.from([5, 1]), Uint8Array.from([7, 2])).keys()]).toEqual([2, 7]);
  });
});
