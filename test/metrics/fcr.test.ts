import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { fcr, type Contact } from "../../src/index.ts";

describe("fcr from a flag or a survey answer", () => {
  it("counts resolved over answered, missing apart, with a Wilson interval", () => {
    const contacts: Contact[] = [{ resolved: true }, { resolved: true }, { resolved: false }, { resolved: null }, {}];
    const result = fcr(contacts);
    expect([result.resolved, result.total, result.missing]).toEqual([2, 3, 2]);
    expect(result.rate?.value).toBeCloseTo(200 / 3, 12);
    expect(result.rate?.interval.method).toBe("wilson");
  });

  it("reads a survey answer through an accessor", () => {
    const answers = [{ q: "yes" }, { q: "no" }, { q: "yes" }, { q: "yes" }];
    expect(fcr(answers, { resolved: (a) => a.q === "yes" }).rate?.value).toBe(75);
  });

  it("rejects a value that is not a boolean, or skips and counts it", () => {
    expect(() => fcr([{ resolved: "yes" as unknown as boolean }])).toThrow('fcr: resolved at index 0 is "yes"; expected true, false, or null when unknown');
    expect(() => fcr([true, "yes" as unknown as boolean])).toThrow('fcr: record at index 1 is "yes"; expected a record (an object), true, false, or null when unknown');
    expect({ ...fcr([true, 1 as unknown as boolean], { onInvalid: "skip" }).excluded.byField }).toEqual({ record: 1 });
  });

  test.prop([fc.array(fc.constantFrom(true, false, null))])("stays within 0..100 and ignores order", (answers) => {
    const result = fcr(answers);
    const reversed = fcr([...answers].reverse());
    expect(reversed).toEqual(result);
    if (result.rate !== null) expect(result.rate.value >= 0 && result.rate.value <= 100).toBe(true);
    expect(result.total + result.missing).toBe(answers.length);
  });
});

