// One generic property test of the fold laws, run for every metric: any split of the input, folded
// part by part and merged in any order, gives the result of one fold of the whole.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  agentCompanyCsatMetric,
  agentCompanyNpsMetric,
  ahtMetric,
  artMetric,
  businessCalendar,
  cesMetric,
  csatMetric,
  fcrMetric,
  fold,
  frtMetric,
  metricCatalogue,
  npsMetric,
  oneTouchResolutionMetric,
  quantileSketchMetric,
  queueMetric,
  repeatContactFcrMetric,
  stateFromBytes,
  stateFromJSON,
  stateToBytes,
  stateToJSON,
  volumeMetric,
  type Metric,
} from "../../src/index.ts";
import { close } from "../helpers.ts";
import { contactsArb, ticketsArb } from "../metrics/ops-arbitraries.ts";

interface Row {
  readonly v: number | null;
  readonly w: number;
}

interface Case {
  readonly name: string;
  readonly metric: Metric<unknown, unknown, Record<string, unknown>>;
  readonly rows: fc.Arbitrary<unknown[]>;
  /** Unweighted folds sum integers, so their results must agree to the bit. */
  readonly exact: boolean;
}

const erase = <I, S, O>(m: Metric<I, S, O>): Metric<unknown, unknown, Record<string, unknown>> => m as unknown as Metric<unknown, unknown, Record<string, unknown>>;
const v = (r: Row): number | null => r.v;
const w = (r: Row): number => r.w;
const calendar = businessCalendar({
  timeZone: "America/New_York",
  hours: { monday: [["08:00", "18:00"]], tuesday: [["08:00", "18:00"]], wednesday: [["08:00", "12:00"], ["13:00", "18:00"]], saturday: [["10:00", "14:00"]] },
  holidays: ["2026-03-10"],
});

const cases: readonly Case[] = [
  { name: "nps", metric: erase(npsMetric<Row>({ value: v })), rows: rowsFor([0, 10]), exact: true },
  { name: "nps weighted", metric: erase(npsMetric<Row>({ value: v, weight: w })), rows: rowsFor([0, 10]), exact: false },
  { name: "nps 1-5", metric: erase(npsMetric<Row>({ value: v, scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 })), rows: rowsFor([1, 5]), exact: true },
  { name: "csat", metric: erase(csatMetric<Row>({ value: v })), rows: rowsFor([1, 5]), exact: true },
  { name: "csat weighted 1-10", metric: erase(csatMetric<Row>({ value: v, weight: w, scale: { min: 1, max: 10 } })), rows: rowsFor([1, 10]), exact: false },
  { name: "ces 2.0", metric: erase(cesMetric<Row>({ value: v })), rows: rowsFor([1, 7]), exact: true },
  { name: "ces 1.0 weighted", metric: erase(cesMetric<Row>({ value: v, weight: w, version: 1 })), rows: rowsFor([1, 5]), exact: false },
  { name: "aht", metric: erase(ahtMetric({ target: 600_000 })), rows: contactsArb, exact: true },
  { name: "queue", metric: erase(queueMetric({ shortAbandon: 5_000 })), rows: contactsArb, exact: true },
  { name: "queue, abandons within target met", metric: erase(queueMetric({ abandons: "met" })), rows: contactsArb, exact: true },
  { name: "fcr", metric: erase(fcrMetric()), rows: contactsArb, exact: true },
  { name: "repeat-contact fcr", metric: erase(repeatContactFcrMetric({ window: 3 * 86_400_000 })), rows: contactsArb, exact: true },
  { name: "repeat-contact fcr by customer and reason", metric: erase(repeatContactFcrMetric({ key: (c) => `${c.customerId}|${c.reason}` })), rows: contactsArb, exact: true },
  { name: "volume by week in New York", metric: erase(volumeMetric({ timeZone: "America/New_York", period: "week" })), rows: contactsArb, exact: true },
  { name: "one-touch", metric: erase(oneTouchResolutionMetric()), rows: ticketsArb, exact: true },
  { name: "frt, bots separate", metric: erase(frtMetric({ automated: "separate", target: 3_600_000 })), rows: ticketsArb, exact: true },
  { name: "frt in business hours", metric: erase(frtMetric({ businessHours: calendar, start: "firstCustomerMessage" })), rows: ticketsArb, exact: true },
  { name: "art full", metric: erase(artMetric({ target: 86_400_000 })), rows: ticketsArb, exact: true },
  { name: "agent vs company nps", metric: erase(agentCompanyNpsMetric<Pair>({ agent: (r) => r.a, company: (r) => r.c })), rows: pairsFor([0, 10]), exact: true },
  { name: "agent vs company nps weighted", metric: erase(agentCompanyNpsMetric<Pair>({ agent: (r) => r.a, company: (r) => r.c, weight: (r) => r.w })), rows: pairsFor([0, 10]), exact: false },
  { name: "agent vs company csat 1-7", metric: erase(agentCompanyCsatMetric<Pair>({ agent: (r) => r.a, company: (r) => r.c, scale: { min: 1, max: 7 } })), rows: pairsFor([1, 7]), exact: true },
  { name: "quantile sketch", metric: erase(quantileSketchMetric<Row>({ value: (r) => (r.v === null ? null : r.w * 1000) })), rows: rowsFor([0, 10]), exact: false },
  { name: "art, percentiles by sketch", metric: erase(artMetric({ percentiles: "sketch", target: 86_400_000 })), rows: ticketsArb, exact: false },
  { name: "aht, percentiles by sketch", metric: erase(ahtMetric({ percentiles: "sketch", relativeAccuracy: 0.02 })), rows: contactsArb, exact: false },
  { name: "art first, business hours", metric: erase(artMetric({ resolution: "first", businessHours: calendar })), rows: ticketsArb, exact: true },
];

/**
 * Deep comparison: exact for unweighted folds (integer sums), within 1e-9 relative for weighted ones.
 * The standard error of a mean duration (an estimate with method "normal") sums squared deviations in
 * floating point, whose last bit depends on the order of the durations: within 1e-12 there.
 */
function same(a: unknown, b: unknown, exact: boolean): boolean {
  if (typeof a === "number" && typeof b === "number") return exact ? Object.is(a, b) : close(a, b, 1e-9);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const normal = (a as { interval?: { method?: unknown } }).interval?.method === "normal";
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (normal && k !== "value" && k !== "n") {
      if (!sameLoose(x, y)) return false;
    } else if (!same(x, y, exact)) return false;
  }
  return true;
}

function sameLoose(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return close(a, b, 1e-12);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameLoose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

interface Pair {
  readonly a: number | null;
  readonly c: number | null;
  readonly w: number;
}

function pairsFor(scale: readonly [number, number]): fc.Arbitrary<Pair[]> {
  const answer = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: scale[0], max: scale[1] }) }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.array(fc.record({ a: answer, c: answer, w: fc.double({ min: 0.01, max: 100, noNaN: true }) }), { maxLength: 60 });
}

function rowsFor(scale: readonly [number, number]): fc.Arbitrary<Row[]> {
  const row = fc.record({
    v: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: scale[0], max: scale[1] }) }, { weight: 1, arbitrary: fc.constant(null) }),
    w: fc.double({ min: 0.01, max: 100, noNaN: true }),
  });
  return fc.array(row, { maxLength: 60 });
}

describe("fold laws", () => {
  for (const c of cases) {
    test.prop([c.rows, fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 16 })])(
      `${c.name}: split, fold and merge in any order equals one fold`,
      (rows, cuts, picks) => {
        const whole = c.metric.result(fold(c.metric, rows));
        const points = [...new Set(cuts.map((k) => k % (rows.length + 1)))].sort((a, b) => a - b);
        const parts: unknown[][] = [];
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
        expect(same(c.metric.result(states[0]), whole, c.exact)).toBe(true);
      },
    );

    test.prop([c.rows, c.rows])(`${c.name}: merge is commutative and leaves the other state alone`, (a, b) => {
      const ab = fold(c.metric, a);
      const bState = fold(c.metric, b);
      const before = structuredClone(bState);
      c.metric.merge(ab, bState);
      expect(bState).toEqual(before);
      const ba = fold(c.metric, b);
      c.metric.merge(ba, fold(c.metric, a));
      expect(same(c.metric.result(ab), c.metric.result(ba), c.exact)).toBe(true);
    });

    test.prop([c.rows])(`${c.name}: a state merged into itself equals the fold of the input twice`, (rows) => {
      const state = fold(c.metric, rows);
      c.metric.merge(state, state);
      expect(same(c.metric.result(state), c.metric.result(fold(c.metric, [...rows, ...rows])), c.exact)).toBe(true);
    });

    test.prop([c.rows])(`${c.name}: merging an empty state changes nothing`, (rows) => {
      const state = fold(c.metric, rows);
      const expected = c.metric.result(state);
      c.metric.merge(state, c.metric.init());
      expect(c.metric.result(state)).toEqual(expected);
    });
  }

  it("covers every metric of the catalogue", () => {
    const covered = new Set(cases.map((c) => c.metric.name));
    for (const entry of metricCatalogue) expect([entry.name, covered.has(entry.name)]).toEqual([entry.name, true]);
  });

  it("states merge only with states of the same definition", () => {
    for (const a of cases) {
      for (const b of cases) {
        const into = a.metric.init();
        const other = b.metric.init();
        const compatible = (into as { definition: string }).definition === (other as { definition: string }).definition;
        if (compatible) a.metric.merge(into, other);
        else expect(() => a.metric.merge(into, other)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
        // A metric's states are compatible with each other; other metrics' never are.
        if (a === b) expect(compatible).toBe(true);
        if (a.metric.name !== b.metric.name) expect(compatible).toBe(false);
      }
    }
  });
});

describe("portable states: every metric's state survives JSON text and bytes, to the bit", () => {
  for (const c of cases) {
    test.prop([c.rows, fc.integer({ min: 0, max: 60 })])(`${c.name}: JSON and binary round trips give the same result and merge the same`, (rows, cut) => {
      const state = fold(c.metric, rows);
      const expected = c.metric.result(state);
      const viaJson = stateFromJSON(c.metric, JSON.parse(JSON.stringify(stateToJSON(c.metric, state))));
      const viaBytes = stateFromBytes(c.metric, stateToBytes(c.metric, state));
      // Exactly the same numbers, weighted or not: the state's own bits came back.
      expect(c.metric.result(viaJson)).toEqual(expected);
      expect(c.metric.result(viaBytes)).toEqual(expected);
      // A shard sent as JSON merges as the shard itself would.
      const a = fold(c.metric, rows.slice(0, cut));
      const b = fold(c.metric, rows.slice(cut));
      const direct = c.metric.init();
      c.metric.merge(direct, a);
      c.metric.merge(direct, b);
      const sent = c.metric.init();
      c.metric.merge(sent, stateFromJSON(c.metric, JSON.parse(JSON.stringify(stateToJSON(c.metric, a)))));
      c.metric.merge(sent, stateFromBytes(c.metric, stateToBytes(c.metric, b)));
      expect(c.metric.result(sent)).toEqual(c.metric.result(direct));
    });
  }

  it("a state of one metric is refused by another, naming the metric or the definition", () => {
    for (const a of cases) {
      const json = JSON.parse(JSON.stringify(stateToJSON(a.metric, a.metric.init()))) as unknown;
      for (const b of cases) {
        if ((a.metric.init() as { definition: string }).definition === (b.metric.init() as { definition: string }).definition) continue;
        expect(() => stateFromJSON(b.metric, json)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
      }
    }
  });
});
