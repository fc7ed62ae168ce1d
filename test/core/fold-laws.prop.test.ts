// One generic property test of the fold laws, run for every metric: any split of the input, folded
// part by part and merged in any order, gives the result of one fold of the whole.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { cesMetric, csatMetric, fold, npsMetric, type Metric } from "../../src/index.ts";
import { close } from "../helpers.ts";

interface Row {
  readonly v: number | null;
  readonly w: number;
}

interface Case {
  readonly name: string;
  readonly metric: Metric<Row, unknown, Record<string, unknown>>;
  readonly scale: readonly [number, number];
  readonly weighted: boolean;
}

const asRows = <S, O>(m: Metric<Row, S, O>): Metric<Row, unknown, Record<string, unknown>> => m as unknown as Metric<Row, unknown, Record<string, unknown>>;
const v = (r: Row): number | null => r.v;
const w = (r: Row): number => r.w;

const cases: readonly Case[] = [
  { name: "nps", metric: asRows(npsMetric<Row>({ value: v })), scale: [0, 10], weighted: false },
  { name: "nps weighted", metric: asRows(npsMetric<Row>({ value: v, weight: w })), scale: [0, 10], weighted: true },
  { name: "nps 1-5", metric: asRows(npsMetric<Row>({ value: v, scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 })), scale: [1, 5], weighted: false },
  { name: "csat", metric: asRows(csatMetric<Row>({ value: v })), scale: [1, 5], weighted: false },
  { name: "csat weighted 1-10", metric: asRows(csatMetric<Row>({ value: v, weight: w, scale: { min: 1, max: 10 } })), scale: [1, 10], weighted: true },
  { name: "ces 2.0", metric: asRows(cesMetric<Row>({ value: v })), scale: [1, 7], weighted: false },
  { name: "ces 1.0 weighted", metric: asRows(cesMetric<Row>({ value: v, weight: w, version: 1 })), scale: [1, 5], weighted: true },
];

/** Deep comparison: exact for unweighted folds (integer sums), within 1e-9 relative for weighted ones. */
function same(a: unknown, b: unknown, exact: boolean): boolean {
  if (typeof a === "number" && typeof b === "number") return exact ? Object.is(a, b) : close(a, b, 1e-9);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], exact)) return false;
  return true;
}

function rowsFor(scale: readonly [number, number]) {
  const row = fc.record({
    v: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: scale[0], max: scale[1] }) }, { weight: 1, arbitrary: fc.constant(null) }),
    w: fc.double({ min: 0.01, max: 100, noNaN: true }),
  });
  return fc.array(row, { maxLength: 60 });
}

describe("fold laws", () => {
  for (const c of cases) {
    test.prop([rowsFor(c.scale), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 16 })])(
      `${c.name}: split, fold and merge in any order equals one fold`,
      (rows, cuts, picks) => {
        const whole = c.metric.result(fold(c.metric, rows));
        const points = [...new Set(cuts.map((k) => k % (rows.length + 1)))].sort((a, b) => a - b);
        const parts: Row[][] = [];
        let start = 0;
        for (const p of [...points, rows.length]) {
          parts.push(rows.slice(start, p));
          start = p;
        }
        const states = parts.map((part) => fold(c.metric, part));
        let pick = 0;
        while (states.length > 1) {
          const i = (picks[pick++ % Math.max(1, picks.length)] ?? 0) % states.length;
          const j = (i + 1 + ((picks[pick++ % Math.max(1, picks.length)] ?? 0) % (states.length - 1))) % states.length;
          c.metric.merge(states[i], states[j]);
          states.splice(j, 1);
        }
        expect(same(c.metric.result(states[0]), whole, !c.weighted)).toBe(true);
      },
    );

    test.prop([rowsFor(c.scale), rowsFor(c.scale)])(`${c.name}: merge is commutative and leaves the other state alone`, (a, b) => {
      const ab = fold(c.metric, a);
      const bState = fold(c.metric, b);
      const before = structuredClone(bState);
      c.metric.merge(ab, bState);
      expect(bState).toEqual(before);
      const ba = fold(c.metric, b);
      c.metric.merge(ba, fold(c.metric, a));
      expect(same(c.metric.result(ab), c.metric.result(ba), !c.weighted)).toBe(true);
    });

    test.prop([rowsFor(c.scale)])(`${c.name}: merging an empty state changes nothing`, (rows) => {
      const state = fold(c.metric, rows);
      const expected = c.metric.result(state);
      c.metric.merge(state, c.metric.init());
      expect(c.metric.result(state)).toEqual(expected);
    });
  }
});
