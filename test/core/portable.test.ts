import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { artMetric, combine, csatMetric, CxMetricsError, fold, type AnyMetric, groupsFromJSON, groupsToJSON, groupStates, npsMetric, stateFromBytes, stateFromJSON, stateToBytes, stateToJSON, volumeMetric } from "cx-metrics";
import { hasNaN } from "../helpers.ts";

describe("stateToJSON / stateFromJSON", () => {
  it("keeps what plain JSON loses: typed arrays, maps, -Infinity, null-prototype keys", () => {
    const nps = npsMetric();
    const state = fold(nps, [10, 9, 3, 7, 10]);
    const json = stateToJSON(nps, state);
    expect(json).toMatchObject({ format: "cx-metrics/state", version: 1, metric: "nps" });
    // The histogram is a typed array in the state; in the JSON it is marked with its type.
    expect(JSON.stringify(json)).toContain('"$ta":"Float64Array"');
    const back = stateFromJSON(nps, JSON.parse(JSON.stringify(json)));
    // 3 promoters (10, 9, 10), 1 detractor of 5: 40.
    expect(nps.result(back).score?.value).toBe(40);
    expect(nps.result(back).total).toBe(5);
    // Plain JSON of the state, as issue 10 measured, is refused rather than read as empty.
    expect(() => nps.result(JSON.parse(JSON.stringify(state)))).toThrow(CxMetricsError);
  });

  it("keeps an ART state's durations and a volume state's periods", () => {
    const art = artMetric();
    const tickets = [
      { created: Date.UTC(2026, 2, 2, 9), solves: [Date.UTC(2026, 2, 2, 11)] },
      { created: Date.UTC(2026, 2, 2, 10), solves: [Date.UTC(2026, 2, 3, 10)] },
      { created: Date.UTC(2026, 2, 2, 12) },
    ];
    const back = stateFromJSON(art, JSON.parse(JSON.stringify(stateToJSON(art, fold(art, tickets)))));
    // 2 h and 24 h: median 13 h.
    expect(art.result(back).median).toBe(13 * 3_600_000);
    const volume = volumeMetric({ timeZone: "Europe/Berlin", period: "day" });
    const v = stateFromBytes(volume, stateToBytes(volume, fold(volume, [{ arrived: "2026-03-02T09:00:00Z" }, { arrived: "2026-03-02T23:30:00Z" }])));
    // 23:30Z is 00:30 on the 3rd in Berlin.
    expect(volume.result(v).periods.map((p) => [p.label, p.count])).toEqual([["2026-03-02", 1], ["2026-03-03", 1]]);
  });

  it("refuses another metric, another definition, another version, and tampering", () => {
    const nps = npsMetric();
    const json = JSON.parse(JSON.stringify(stateToJSON(nps, fold(nps, [10, 3])))) as { state: { counts: { data: unknown[] } }; version: number; definition: string };
    // Thresholds do not change what NPS folds (the histogram), a scale does.
    expect(nps.result(stateFromJSON(npsMetric({ promoterMin: 8 }), json)).total).toBe(2);
    expect(() => stateFromJSON(npsMetric({ scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 }), json)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE", field: "definition" }));
    const edited = structuredClone(json);
    (edited.state.counts.data as number[])[10] = 5;
    expect(() => stateFromJSON(nps, edited)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "checksum" }));
    expect(() => stateFromJSON(artMetric(), json)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE", field: "metric" }));
    expect(() => stateFromJSON(nps, { ...json, version: 2 })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "version" }));
    const tampered = structuredClone(json);
    tampered.state.counts.data[10] = -4;
    expect(() => stateFromJSON(nps, tampered)).toThrow(CxMetricsError);
    const shortened = structuredClone(json);
    shortened.state.counts.data.pop();
    expect(() => stateFromJSON(nps, shortened)).toThrow(CxMetricsError);
    for (const bad of [null, "{}", 3, [], {}, { format: "cx-metrics/state" }]) expect(() => stateFromJSON(nps, bad)).toThrow(CxMetricsError);
    expect(() => stateToJSON(nps, { definition: "nope" } as never)).toThrow(CxMetricsError);
  });

  it("keeps a key named __proto__ (a combine of metrics keyed by user names), and refuses one written outside $object", () => {
    const card = combine(JSON.parse('{"__proto__": 1, "nps": 2}', (k, v) => (k === "__proto__" ? npsMetric() : k === "nps" ? csatMetric() : v)) as Record<string, AnyMetric<number>>);
    const state = fold(card, [5, 4, 1]);
    const expected = JSON.stringify(card.result(state));
    expect(expected).toContain('"__proto__":{"score"');
    const json = JSON.parse(JSON.stringify(stateToJSON(card, state))) as { state: unknown; checksum: string };
    expect(JSON.stringify(card.result(stateFromJSON(card, json)))).toBe(expected);
    expect(JSON.stringify(card.result(stateFromBytes(card, stateToBytes(card, state))))).toBe(expected);
    // The same key unwrapped, with a checksum made to match (FNV-1a, 32 bits, written out here):
    // refused, never read as a prototype.
    const fnv = (text: string): string => {
      let h = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      return (h >>> 0).toString(16).padStart(8, "0");
    };
    expect(fnv(JSON.stringify(json.state))).toBe(json.checksum);
    const wrapped = json.state as { $object: [string, unknown][]; proto: string };
    const unwrapped = JSON.parse(`{${wrapped.$object.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`) as unknown;
    expect(Object.keys(unwrapped as object)).toEqual(["__proto__", "nps"]);
    const forged = { ...json, state: unwrapped, checksum: fnv(JSON.stringify(unwrapped)) };
    expect(() => stateFromJSON(card, forged)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "state.__proto__" }));
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }), fc.nat(), fc.oneof(fc.constant(null), fc.string(), fc.double(), fc.integer(), fc.constant(-1), fc.constant(1e300))])(
    "a state with any one value replaced loads and reads without NaN, or is refused with the library's error",
    (scores, at, replacement) => {
      const nps = npsMetric();
      const json = JSON.parse(JSON.stringify(stateToJSON(nps, fold(nps, scores)))) as Record<string, unknown>;
      // Every path to a leaf of the document; one of them gets the replacement.
      const paths: (string | number)[][] = [];
      const walk = (v: unknown, path: (string | number)[]): void => {
        if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
        else paths.push(path);
      };
      walk(json, []);
      const path = paths[at % paths.length] as (string | number)[];
      let parent = json as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      parent[path[path.length - 1] as string | number] = replacement;
      try {
        const result = nps.result(stateFromJSON(nps, json));
        expect(hasNaN(result)).toBe(false);
      } catch (e) {
        expect(e).toBeInstanceOf(CxMetricsError);
      }
    },
  );
});

describe("the metrics' own checks of what arrives", () => {
  it("refuse negative or fractional counts and negative durations, which no fold makes", () => {
    const nps = npsMetric();
    const s = fold(nps, [10, 3]);
    s.counts[0] = -4;
    expect(() => nps.merge(nps.init(), s)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
    s.counts[0] = 0.5;
    expect(() => nps.result(s)).toThrow(CxMetricsError);
    const art = artMetric();
    const t = fold(art, [{ created: 0, solves: [3_600_000] }]);
    t.resolved.values[0] = -1;
    expect(() => art.merge(art.init(), t)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
    t.resolved.values[0] = Number.NaN;
    expect(() => art.result(t)).toThrow(CxMetricsError);
  });
});

describe("stateToBytes / stateFromBytes", () => {
  it("is compact for large duration buffers: about 8 bytes a duration", () => {
    const art = artMetric();
    const tickets = Array.from({ length: 10_000 }, (_, i) => ({ created: Date.UTC(2026, 0, 1) + i * 60_000, solves: [Date.UTC(2026, 0, 1) + i * 60_000 + ((i * 7919) % 86_400_000) + 1] }));
    const state = fold(art, tickets);
    const bytes = stateToBytes(art, state);
    const json = JSON.stringify(stateToJSON(art, state));
    // The buffer as sized by merging (what it holds), 8 bytes a duration, plus the header.
    expect(bytes.length).toBeLessThan(8 * 10_000 + 2_000);
    expect(bytes.length).toBeLessThan(json.length);
    expect(art.result(stateFromBytes(art, bytes))).toEqual(art.result(state));
    // A copy at an odd offset (a network buffer) reads the same.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(art.result(stateFromBytes(art, shifted.subarray(3)))).toEqual(art.result(state));
  });

  it("refuses bytes that are not a state, or are cut short", () => {
    const nps = npsMetric();
    const bytes = stateToBytes(nps, fold(nps, [1, 2, 10]));
    expect(() => stateFromBytes(nps, new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => stateFromBytes(nps, bytes.subarray(0, bytes.length - 8))).toThrow(CxMetricsError);
    expect(() => stateFromBytes(nps, "CXMS" as never)).toThrow(CxMetricsError);
    expect(() => stateFromBytes(artMetric(), bytes)).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_STATE" }));
  });
});

describe("groupsToJSON / groupsFromJSON", () => {
  it("keeps keys of any JSON type and every group's state", () => {
    const nps = npsMetric({ value: "nps" });
    const rows = [
      { key: "a", nps: 10 },
      { key: 7, nps: 3 },
      { key: null, nps: 9 },
      { key: true, nps: 0 },
      { key: "a", nps: 2 },
    ];
    const groups = groupStates(nps, rows, (r) => r.key);
    const back = groupsFromJSON<unknown, ReturnType<typeof nps.init>>(nps, JSON.parse(JSON.stringify(groupsToJSON(nps, groups))));
    expect([...back.keys()]).toEqual(["a", 7, null, true]);
    // "a": 10 and 2: (1 - 1) / 2 = 0.
    expect(nps.result(back.get("a")!).score?.value).toBe(0);
    expect(nps.result(back.get(7)!).score?.value).toBe(-100);
  });

  it("refuses a repeated key and a bad group, naming it", () => {
    const nps = npsMetric();
    const json = JSON.parse(JSON.stringify(groupsToJSON(nps, new Map([["x", fold(nps, [9])]])))) as { groups: unknown[][]; checksum: string };
    json.groups.push(json.groups[0]!);
    // Edited without its checksum: refused as changed.
    expect(() => groupsFromJSON(nps, json)).toThrow(expect.objectContaining({ field: "checksum" }));
    // With the checksum recomputed (FNV-1a written again here), the repeated key itself is refused.
    let h = 0x811c9dc5;
    const text = JSON.stringify(json.groups);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    json.checksum = (h >>> 0).toString(16).padStart(8, "0");
    expect(() => groupsFromJSON(nps, json)).toThrow(/groups\[1\]\[0\]/);
    expect(() => groupsToJSON(nps, { x: 1 } as never)).toThrow(CxMetricsError);
    expect(() => groupsToJSON(nps, new Map([["x", { bad: true }]]) as never)).toThrow(/groups\[0\]/);
  });
});
