import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, readRows, rowReader, specFromHeader } from "cx-metrics";

describe("readRows conversions", () => {
  it("reads missing tokens, numeric strings, labels, booleans, durations and statuses", () => {
    const { contacts } = readRows(
      [
        { start: "2026-03-02T09:00:00Z", ok: "yes", talk: "245", hold: "00:01:05", acw: "1:30", answered: "N/A", team: " Billing " },
        { start: "2026-03-02T10:00:00+01:00", ok: "0", talk: "PT4M5S", hold: "20s", acw: "", answered: "2026-03-02T09:00:20Z", team: "-" },
      ],
      { kind: "contact", columns: { arrived: "start", resolved: "ok", talk: "talk", hold: "hold", afterCallWork: "acw", answered: "answered", team: "team" } },
      { durationUnit: "s" },
    );
    expect(contacts[0]).toEqual({ team: "Billing", arrived: Date.parse("2026-03-02T09:00:00Z"), answered: null, talk: 245_000, hold: 65_000, afterCallWork: 90_000, resolved: true });
    expect(contacts[1]).toEqual({ team: undefined, arrived: Date.parse("2026-03-02T09:00:00Z"), answered: Date.parse("2026-03-02T09:00:20Z"), talk: 245_000, hold: 20_000, afterCallWork: null, resolved: false });
  });

  it("never guesses a unit: plain numbers need durationUnit or epoch", () => {
    const r = readRows([{ t: 1772442000, d: "30" }], { kind: "contact", columns: { arrived: "t", talk: "d" } }, { onInvalid: "skip" });
    expect(r.rejections[0]!.reason).toMatch(/epoch/);
    const s = readRows([{ t: 1772442000, d: "30" }], { kind: "contact", columns: { arrived: "t", talk: "d" } }, { onInvalid: "skip", epoch: "s" });
    expect(s.rejections[0]!.reason).toMatch(/durationUnit/);
    const ok = readRows([{ t: 1772442000, d: "30" }], { kind: "contact", columns: { arrived: "t", talk: "d" } }, { epoch: "s", durationUnit: "min" });
    expect(ok.contacts[0]).toEqual({ arrived: 1772442000_000, talk: 1_800_000 });
  });

  it("reads scores from labels and values maps, and null for missing answers", () => {
    const npsRows = readRows([{ q: "10 - Extremely likely" }, { q: "0 – Not at all likely" }, { q: "7" }, { q: "" }, { q: "meh" }, { q: "Very likely" }], { kind: "survey", columns: { nps: { column: "q", values: { meh: null } } } }, { onInvalid: "skip" });
    expect(npsRows.surveys.map((s) => s.nps)).toEqual([10, 0, 7, null, null]);
    expect(npsRows.rejections.map((r) => r.value)).toEqual(["Very likely"]);
    // CSAT columns know the five satisfaction words; a values map adds or overrides labels.
    const csatRows = readRows([{ q: "Very satisfied" }, { q: "neutral" }, { q: "Dissatisfied" }, { q: "Great" }], { kind: "survey", columns: { csat: { column: "q", values: { great: 5 } } } });
    expect(csatRows.surveys.map((s) => s.csat)).toEqual([5, 3, 2, 5]);
  });

  it("lists every rejection with line, field, column, value and reason; throws by default", () => {
    const rows = [{ a: "9" }, { a: "nine" }, { a: "9.5" }];
    const r = readRows(rows, { kind: "survey", columns: { nps: "a" } }, { onInvalid: "skip", firstLine: 2 });
    expect(r.rejections.map((x) => [x.line, x.field, x.column, x.value])).toEqual([
      [3, "nps", "a", "nine"],
      [4, "nps", "a", "9.5"],
    ]);
    expect(() => readRows(rows, { kind: "survey", columns: { nps: "a" } })).toThrow(/survey\.nps \(column "a", line 2\) is "nine"/);
  });

  it("names a missing column and the columns found", () => {
    const reader = rowReader({ kind: "ticket", columns: { created: "Created", status: "State" } });
    expect(() => reader.header(["Created", "Status", "Id"])).toThrow(/columns\.status is "State"; expected a column of the input; columns found: Created, Status, Id/);
    // Arrays: the first array is the header.
    expect(() => readRows([["Created", "Status"]], { kind: "ticket", columns: { created: "Created", status: "State" } })).toThrow(CxMetricsError);
  });

  it("refuses bad options with the library's error, suggesting the nearest key", () => {
    expect(() => readRows([], { kind: "survey", columns: { npss: "a" } })).toThrow(/did you mean "nps"/);
    expect(() => readRows([], { kind: "surveys" as never, columns: {} })).toThrow(CxMetricsError);
    expect(() => readRows([], { kind: "survey", columns: {} }, { timeZone: "Mars/Olympus" })).toThrow(CxMetricsError);
    expect(() => readRows([], { kind: "survey", columns: { respondedAt: { column: "x", after: "nps" } } })).toThrow(CxMetricsError);
    expect(() => readRows(null as never, { kind: "survey", columns: {} })).toThrow(CxMetricsError);
    expect(() => readRows([], null as never)).toThrow(CxMetricsError);
  });
});

const cell = fc.oneof(fc.constantFrom("", "N/A", "9", "10", "x", " 7 ", "-1", "3.5"), fc.integer({ min: -2, max: 12 }), fc.constant(null));
const row = fc.record({ a: cell, b: cell });
const spec = { kind: "survey", columns: { nps: "a", ces: "b" } } as const;

describe("readRows properties", () => {
  test.prop([fc.array(row, { maxLength: 40 })])("every row is counted once: rows = accepted + rejected + skipped", (rows) => {
    const r = readRows(rows, spec, { onInvalid: "skip" });
    expect(r.rows).toBe(rows.length);
    expect(r.accepted + r.rejected + r.skipped).toBe(r.rows);
    expect(r.surveys.length).toBe(r.accepted);
    expect(r.rejections.length).toBe(r.rejected);
  });

  test.prop([fc.array(row, { maxLength: 40 })])("rows as arrays give what rows as objects give", (rows) => {
    const objects = readRows(rows, spec, { onInvalid: "skip" });
    const arrays = readRows([["a", "b"], ...rows.map((r) => [r.a, r.b])], spec, { onInvalid: "skip" });
    expect(arrays.surveys).toEqual(objects.surveys);
    expect(arrays.rejections.map((x) => x.line)).toEqual(objects.rejections.map((x) => x.line + 1));
  });

  test.prop([fc.array(row, { maxLength: 40 })])("a row's record depends on that row alone (a brute-force reading of each cell)", (rows) => {
    const r = readRows(rows, spec, { onInvalid: "skip" });
    const read = (v: unknown): number | null | "bad" => {
      if (v === null || v === undefined) return null;
      if (typeof v === "number") return v;
      const t = String(v).trim();
      if (t === "" || t === "N/A") return null;
      const x = Number(t);
      return Number.isInteger(x) ? x : "bad";
    };
    const expected = rows.map((x) => [read(x.a), read(x.b)]).filter(([a, b]) => a !== "bad" && b !== "bad");
    expect(r.surveys.map((s) => [s.nps, s.ces])).toEqual(expected);
  });
});

describe("specFromHeader", () => {
  it("reads files written with the records' own field names", () => {
    expect(specFromHeader(["id", "nps", "respondedAt", "extra"])).toEqual({ kind: "survey", columns: { id: "id", respondedAt: "respondedAt", nps: "nps" } });
    expect(specFromHeader(["arrived", "talk"])?.kind).toBe("contact");
    expect(specFromHeader(["created", "replies", "solves"])).toEqual({ kind: "ticket", columns: { created: "created", replies: "replies", solves: "solves" } });
    expect(specFromHeader(["a", "b"])).toBeNull();
    expect(() => specFromHeader("x" as never)).toThrow(CxMetricsError);
  });

  it("reads native JSON tickets, replies and solves included", () => {
    const rows = [{ created: "2026-03-02T09:00:00Z", replies: [{ at: "2026-03-02T10:00:00Z", agentId: "a" }, { at: "2026-03-02T09:01:00Z", automated: true }], solves: ["2026-03-02T12:00:00Z"], status: "solved" }];
    const { tickets } = readRows(rows, specFromHeader(Object.keys(rows[0]!))!);
    expect(tickets[0]).toEqual({ created: Date.parse("2026-03-02T09:00:00Z"), replies: [{ at: Date.parse("2026-03-02T10:00:00Z"), agentId: "a" }, { at: Date.parse("2026-03-02T09:01:00Z"), automated: true }], solves: [Date.parse("2026-03-02T12:00:00Z")], status: "solved" });
  });
});
