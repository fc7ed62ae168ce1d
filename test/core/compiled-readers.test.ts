// Field-name readers compile to one function per field where `new Function` is allowed, and fall
// back to a closure under a content-security policy that forbids it. Both must give the same results
// and the same errors (with the record's index), including in the two-histogram batch loop.
import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as api from "../../src/index.ts";
import { referenceNps } from "../helpers.ts";

type Api = typeof api;

/** The library loaded afresh, for a test that runs with `new Function` refused. */
async function freshLibrary(): Promise<Api> {
  vi.resetModules();
  // After resetModules, the import evaluates every module again: fresh caches, no compiled readers.
  return (await import("../../src/index.ts")) as Api;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const rowArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ nps: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(null, 11, 7.5, "9") }) }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 3, "x") },
);

describe("compiled field readers", () => {
  test.prop([fc.array(rowArb, { maxLength: 41 })])("count like the definition, odd and even records alike, under skip", (rows) => {
    const result = api.nps(rows as { nps?: number }[], { value: "nps", onInvalid: "skip" });
    const valid = rows.filter((r): r is { nps: number } => typeof r === "object" && r !== null && typeof r.nps === "number" && Number.isInteger(r.nps) && r.nps >= 0 && r.nps <= 10);
    const ref = referenceNps(valid.map((r) => r.nps));
    expect([result.promoters, result.passives, result.detractors]).toEqual([ref.promoters, ref.passives, ref.detractors]);
    const notObjects = rows.filter((r) => typeof r !== "object" || r === null).length;
    const missing = rows.filter((r) => typeof r === "object" && r !== null && (r.nps === null || r.nps === undefined)).length;
    expect(result.excluded).toEqual({ missing, invalidValue: rows.length - valid.length - notObjects - missing, invalidWeight: 0, invalidRecord: notObjects });
  });

  it("throw with the record's index at an odd and an even position, and keep the state up to it", () => {
    const rows = [{ nps: 10 }, { nps: 9 }, { nps: 3 }, { nps: 11 }];
    // The error names the record's own field, read by name.
    expect(() => api.nps(rows, { value: "nps" })).toThrow(/nps: nps at index 3 is 11/);
    expect(() => api.nps([{ nps: 1 }, { nps: 2 }, { nps: -1 }], { value: "nps" })).toThrow(/index 2 is -1/);
    const metric = api.npsMetric({ value: "nps" });
    const state = metric.init();
    expect(() => api.foldInto(metric, state, rows)).toThrow(api.CxMetricsError);
    expect(metric.result(state).total).toBe(3);
  });

  it("a field name is data, never code", () => {
    const key = 'x"]; globalThis.pwned = true; ["';
    const rows = [{ [key]: 10 }, { [key]: 0 }];
    expect(api.nps(rows, { value: key as never }).score?.value).toBe(0);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });
});

describe("addMany (arrays) equals add one record at a time (other iterables)", () => {
  const value = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, 11, -1, 2.5, "7") });
  const generator = <T>(xs: readonly T[]): Iterable<T> => ({ *[Symbol.iterator]() { yield* xs; } });
  test.prop([fc.array(value, { maxLength: 41 }), fc.constantFrom("nps", "csat", "ces")])("for plain values, field names and accessors, under skip", (values, kind) => {
    const scale = { min: 0, max: 10 };
    const make = (options: object): api.Metric<unknown, api.RatingState, unknown> =>
      (kind === "nps" ? api.npsMetric({ ...options, onInvalid: "skip" }) : kind === "csat" ? api.csatMetric({ ...options, scale, onInvalid: "skip" }) : api.cesMetric({ ...options, scale, easy: { min: 7, max: 10 }, difficult: { min: 0, max: 3 }, onInvalid: "skip" } as never)) as never;
    const records = values.map((v) => ({ v }));
    for (const [input, options] of [[values, {}], [records, { value: "v" }], [records, { value: (r: { v: unknown }) => r.v }]] as const) {
      const metric = make(options);
      expect(metric.result(api.fold(metric, input as unknown[]))).toEqual(metric.result(api.fold(metric, generator(input as unknown[]))));
    }
  });
});

describe("without eval (CSP)", () => {
  it("gives the same results and errors through closures", async () => {
    const csp = await freshLibrary();
    expect(csp.npsMetric).not.toBe(api.npsMetric);
    let refused = 0;
    // As under a content-security policy without 'unsafe-eval': constructing a function from a string throws.
    vi.stubGlobal("Function", new Proxy(Function, { construct: (): never => { refused++; throw new EvalError("Refused to evaluate a string as JavaScript"); } }));
    const rows = [{ nps: 10, team: "a" }, { nps: 3, team: "b" }, { nps: null, team: "a" }, { nps: 9, team: "a" }];
    expect(csp.nps(rows, { value: "nps" })).toEqual(api.nps(rows, { value: "nps" }));
    expect([...csp.groupBy(csp.npsMetric({ value: "nps" }), rows, "team")]).toEqual([...api.groupBy(api.npsMetric({ value: "nps" }), rows, "team")]);
    expect(() => csp.nps([{ nps: 1 }, { nps: 12 }], { value: "nps" })).toThrow(/index 1 is 12/);
    expect(csp.series(csp.npsMetric({ value: "nps" }), [{ at: Date.UTC(2026, 0, 5), nps: 10 }], { at: "at", period: "week" }).periods[0]?.label).toBe("2026-W02");
    // The fresh library did try to compile, and was refused.
    expect(refused).toBeGreaterThan(0);
  });
});
