// The presets against their fixture files (written to each vendor's documented export columns),
// with every figure worked out by hand from the rows (the comments say how).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csat, nps, oneTouchResolution, frt, queue, aht, presets, presetNamed, readRows, CxMetricsError } from "cx-metrics";

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, "..", "fixtures", name), "utf8");
const csv = (name: string): string[][] => parse(fixture(name), { columns: false, relax_column_count: false }) as string[][];
const jsonl = (name: string): unknown[] => fixture(name).trim().split("\n").map((l) => JSON.parse(l) as unknown);

describe("qualtrics", () => {
  const read = readRows(csv("qualtrics-responses.csv"), { specs: [{ ...presets.qualtrics.specs[0]!, columns: { ...presets.qualtrics.specs[0]!.columns, csat: "Q2", comment: "Q3" } }] }, { timeZone: "Europe/Berlin", onInvalid: "skip" });

  it("skips the two extra header lines and rejects the US-style date, with its line", () => {
    // 12 lines after the header: 2 Qualtrics header rows, 10 responses, one of them dated 03/17/2026.
    expect([read.rows, read.skipped, read.rejected, read.accepted]).toEqual([12, 2, 1, 9]);
    expect(read.skippedBy).toEqual({ "Qualtrics header row": 2 });
    expect(read.rejections).toEqual([expect.objectContaining({ line: 12, field: "respondedAt", column: "RecordedDate", value: "03/17/2026 15:02" })]);
  });

  it("finds the NPS question from its _NPS_GROUP column and reads labels and local times", () => {
    // Q1 of the 9 accepted: 10, 9, 6, 8, 3, "10 - Extremely likely", missing, 9, 0.
    expect(read.surveys.map((s) => s.nps)).toEqual([10, 9, 6, 8, 3, 10, null, 9, 0]);
    // 4 promoters, 3 detractors of 8 answers: 100 * (4 - 3) / 8 = 12.5.
    expect(nps(read.surveys, { value: "nps" }).score?.value).toBe(12.5);
    // CSAT words: 5 4 2 4 1 5 3 4 1, satisfied (4-5) 5 of 9.
    expect(read.surveys.map((s) => s.csat)).toEqual([5, 4, 2, 4, 1, 5, 3, 4, 1]);
    expect(csat(read.surveys, { value: "csat" }).score?.value).toBeCloseTo((100 * 5) / 9, 12);
    // 09:41:13 in Berlin (CET, +01:00) is 08:41:13Z; 2026-03-29 03:20 is after the spring change (CEST, +02:00).
    expect(read.surveys[0]!.respondedAt).toBe(Date.parse("2026-03-02T08:41:13Z"));
    expect(read.surveys[8]!.respondedAt).toBe(Date.parse("2026-03-29T01:20:00Z"));
    expect(read.surveys[0]!.comment).toBe("Quick, friendly answer");
    expect(read.surveys[1]!.comment).toBeNull();
  });

  it("without a zone, local times are rejected with a reason that says what to give", () => {
    const r = readRows(csv("qualtrics-responses.csv"), presets.qualtrics, { onInvalid: "skip" });
    expect(r.accepted).toBe(0);
    expect(r.rejections[0]!.reason).toMatch(/local times need timeZone/);
  });
});

describe("zendesk", () => {
  const read = readRows(csv("zendesk-tickets.csv"), presets.zendesk, { timeZone: "UTC", onInvalid: "skip" });

  it("gives a ticket per row and a CSAT answer per rated row", () => {
    // 9 tickets; 1009's "Created at" is "yesterday": its ticket is rejected, its rating kept.
    expect([read.rows, read.accepted, read.rejected, read.skipped]).toEqual([9, 8, 1, 0]);
    expect(read.records).toEqual({ survey: 6, contact: 0, ticket: 8 });
    expect(read.skippedBy).toEqual({ "satisfaction survey not offered": 3 });
    expect(read.rejections).toEqual([expect.objectContaining({ line: 10, kind: "ticket", field: "created", column: "Created at", value: "yesterday" })]);
  });

  it("reads Good/Bad as 1/0 and Offered as missing; the preset's CSAT is good / (good + bad)", () => {
    expect(read.surveys.map((s) => s.csat)).toEqual([1, 0, null, 1, 1, 0]);
    // Good 1001, 1005, 1007; Bad 1002, 1009: 3 / 5 = 60%.
    const r = csat(read.surveys, { value: "csat", ...presets.zendesk.definitions.csat });
    expect([r.score?.value, r.total, r.excluded.missing]).toEqual([60, 5, 1]);
  });

  it("turns reply counts and first-reply minutes into one-touch and FRT", () => {
    // Solved or closed: 1001 (1 reply), 1002 (3), 1003 (1), 1005 (0), 1007 (2). At most one: 3 of 5.
    const touch = oneTouchResolution(read.tickets, presets.zendesk.definitions.oneTouch);
    expect([touch.rate?.value, touch.solved]).toEqual([60, 5]);
    expect(oneTouchResolution(read.tickets).rate?.value).toBe(40);
    // First replies 30, 240, 15, 60, 90, 45, 20 minutes (1005 never replied): median 45 min.
    const f = frt(read.tickets, presets.zendesk.definitions.frt);
    expect([f.count, f.median]).toEqual([7, 45 * 60_000]);
    expect(read.tickets[7]!.status).toBe("on-hold");
  });
});

describe("amazon connect", () => {
  const read = readRows(jsonl("amazon-connect-records.jsonl"), presets.amazonConnect, { onInvalid: "skip" });

  it("keeps queued contacts, skips the rest with a reason, rejects a bad time", () => {
    expect([read.rows, read.accepted, read.skipped, read.rejected]).toEqual([8, 5, 2, 1]);
    expect(read.skippedBy).toEqual({ "not queued": 2 });
    expect(read.rejections).toEqual([expect.objectContaining({ line: 8, field: "arrived", column: "Queue.EnqueueTimestamp", value: "not-a-time" })]);
    expect(read.contacts.map((c) => c.channel)).toEqual(["phone", "phone", "phone", "chat", "phone"]);
  });

  it("gives Connect's service level and handle time", () => {
    // Waits 12, 45, abandoned, 5, 19 s: 3 of 5 offered within 20 s (abandons count as missed).
    const q = queue(read.contacts, presets.amazonConnect.definitions.queue);
    expect([q.offered, q.answered, q.abandoned, q.serviceLevel?.value]).toEqual([5, 4, 1, 60]);
    // (300+20+40) + (420+0+60) + (600+0+30) + (200+10+20) = 1700 s over 4 handled contacts: 425 s.
    expect(aht(read.contacts).aht?.value).toBe(425_000);
  });

  it("is found by its command-line name", () => {
    expect(presetNamed("amazon-connect")).toBe(presets.amazonConnect);
    expect(presetNamed("nope")).toBeUndefined();
  });

  it("throws at the first bad row unless asked to skip", () => {
    expect(() => readRows(jsonl("amazon-connect-records.jsonl"), presets.amazonConnect)).toThrow(CxMetricsError);
    expect(() => readRows(jsonl("amazon-connect-records.jsonl"), presets.amazonConnect)).toThrow(/contact\.arrived \(column "Queue.EnqueueTimestamp", line 8\) is "not-a-time"/);
  });
});
