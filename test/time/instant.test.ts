import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, toEpochMs } from "../../src/index.ts";

describe("toEpochMs", () => {
  it("reads Dates, epoch ms and ISO strings with offsets", () => {
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs(new Date(86_400_000))).toBe(86_400_000);
    expect(toEpochMs("1970-01-01T00:00:00Z")).toBe(0);
    expect(toEpochMs("1970-01-01T05:30:00+05:30")).toBe(0);
    expect(toEpochMs("1969-12-31T19:00-05:00")).toBe(0);
    expect(toEpochMs("1970-01-01T00:00:01.5Z")).toBe(1500);
    expect(toEpochMs("1970-01-01T00:00:00.123456789Z")).toBe(123);
    expect(toEpochMs("2024-02-29T12:00:00+0100")).toBe(Date.UTC(2024, 1, 29, 11));
  });

  it.each([
    "2026-03-01T09:30:00", // no offset: its meaning would depend on the machine
    "2026-02-29T00:00Z", // not a leap year
    "2026-04-31T00:00Z",
    "2026-01-01T24:00Z",
    "2026-13-01T00:00Z",
    "2026-01-01",
    "yesterday",
    "",
  ])("rejects %j", (s) => {
    expect(() => toEpochMs(s)).toThrow(CxMetricsError);
  });

  it("rejects invalid Dates, non-finite numbers and other types, naming the field and index", () => {
    expect(() => toEpochMs(new Date(Number.NaN))).toThrow("toEpochMs: instant is an invalid Date");
    expect(() => toEpochMs(Number.NaN)).toThrow("toEpochMs: instant is NaN");
    expect(() => toEpochMs({} as never)).toThrow(CxMetricsError);
  });

  it("refuses epoch seconds given as milliseconds, and reads them with epoch: \"s\"", () => {
    // 1772442000 is 2026-03-02T09:00:00Z in seconds; as milliseconds it would be 21 January 1970.
    expect(() => toEpochMs(1772442000)).toThrow(/toEpochMs: instant is 1772442000; expected epoch milliseconds/);
    expect(toEpochMs(1772442000, { epoch: "s" })).toBe(Date.parse("2026-03-02T09:00:00Z"));
    expect(toEpochMs(1772442000000)).toBe(Date.parse("2026-03-02T09:00:00Z"));
    expect(toEpochMs(999_999_999)).toBe(999_999_999);
    expect(() => toEpochMs(0, { epoch: "us" as never })).toThrow(/option "epoch"/);
    expect(() => toEpochMs(0, { unit: "s" } as never)).toThrow(/option "unit" is "s"; expected a known option: did you mean "epoch"\?|option "unit"/);
  });

  test.prop([fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9998-12-31T23:59:59Z"), noInvalidDate: true }), fc.integer({ min: -14 * 60, max: 14 * 60 })])(
    "round-trips any instant written with any offset",
    (date, offsetMinutes) => {
      const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
      const sign = offsetMinutes < 0 ? "-" : "+";
      const abs = Math.abs(offsetMinutes);
      const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
      expect(toEpochMs(local + offset)).toBe(date.getTime());
      expect(toEpochMs(date.toISOString())).toBe(date.getTime());
    },
  );
});

describe("toEpochMs: the hand-read ISO shapes against Date.parse (a second implementation)", () => {
  const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, "0");
  test.prop([fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2399, 11, 31) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.boolean(), fc.boolean()])(
    "YYYY-MM-DDTHH:mm:ss[.sss](Z|±hh:mm) reads as Date.parse reads it",
    (t, offsetMinutes, withMs, zulu) => {
      const local = new Date(t + (zulu ? 0 : offsetMinutes) * 60_000);
      const body = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${withMs ? `.${pad(local.getUTCMilliseconds(), 3)}` : ""}`;
      const offset = zulu ? "Z" : `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
      const text = body + offset;
      expect(toEpochMs(text)).toBe(Date.parse(text));
    },
  );

  it("refuses impossible dates and times in the fast shape as the slow one does", () => {
    for (const bad of ["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+01:60", "2026-01-0xT00:00:00Z"]) {
      expect(() => toEpochMs(bad)).toThrow(CxMetricsError);
    }
    expect(toEpochMs("2024-02-29T23:59:59.999z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(toEpochMs("2026-03-02T09:00:00.5Z")).toBe(Date.UTC(2026, 2, 2, 9, 0, 0, 500));
  });
});
