import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, durationMs } from "../../src/index.ts";
import { checkDurationOption, MAX_DURATION_MS } from "../../src/time/duration.ts";

describe("durationMs", () => {
  it("reads units and ISO 8601 durations, worked by hand", () => {
    expect(durationMs("250ms")).toBe(250);
    expect(durationMs("20s")).toBe(20_000);
    expect(durationMs("5min")).toBe(300_000);
    expect(durationMs("5m")).toBe(300_000);
    expect(durationMs("1.5h")).toBe(5_400_000);
    expect(durationMs("7d")).toBe(604_800_000);
    expect(durationMs("2w")).toBe(1_209_600_000);
    expect(durationMs("PT20S")).toBe(20_000);
    expect(durationMs("PT1H30M")).toBe(5_400_000);
    expect(durationMs("P7D")).toBe(604_800_000);
    expect(durationMs("P1DT2H")).toBe(26 * 3_600_000);
    expect(durationMs("PT0.5S")).toBe(500);
  });

  it.each(["", "20", "20 seconds", "-5s", "P", "PT", "P1Y", "1e3s", "s20", "PT1H30"])("refuses %j", (text) => {
    expect(() => durationMs(text)).toThrow(CxMetricsError);
  });

  it("refuses more than 100 years", () => {
    expect(() => durationMs("36525d")).not.toThrow();
    expect(() => durationMs("36526d")).toThrow(CxMetricsError);
  });

  test.prop([fc.integer({ min: 0, max: 10_000 }), fc.constantFrom<[string, number]>(["ms", 1], ["s", 1000], ["min", 60_000], ["h", 3_600_000], ["d", 86_400_000])])(
    "n<unit> is n times the unit, and ISO 8601 agrees",
    (n, [unit, ms]) => {
      expect(durationMs(`${n}${unit}`)).toBe(n * ms);
      if (unit === "s") expect(durationMs(`PT${n}S`)).toBe(n * ms);
      if (unit === "h") expect(durationMs(`PT${n}H`)).toBe(n * ms);
      if (unit === "d") expect(durationMs(`P${n}D`)).toBe(n * ms);
    },
  );
});

describe("duration options", () => {
  it("take milliseconds of at least a second, 0, or a string with a unit; refuse 1-999", () => {
    expect(checkDurationOption("f", "target", undefined, 7)).toBe(7);
    expect(checkDurationOption("f", "target", 0, 7)).toBe(0);
    expect(checkDurationOption("f", "target", 1000, 7)).toBe(1000);
    expect(checkDurationOption("f", "target", "20s", 7)).toBe(20_000);
    expect(() => checkDurationOption("f", "target", 20, 7)).toThrow('f: option "target" is 20; expected milliseconds (0, or at least 1000');
    expect(() => checkDurationOption("f", "target", MAX_DURATION_MS + 1, 7)).toThrow(CxMetricsError);
    expect(() => checkDurationOption("f", "target", Number.NaN, 7)).toThrow(CxMetricsError);
    expect(() => checkDurationOption("f", "target", "soon", 7)).toThrow(CxMetricsError);
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true })])("a number is accepted exactly when it is 0 or from 1000 to 100 years", (x) => {
    const ok = x === 0 || (x >= 1000 && x <= MAX_DURATION_MS);
    if (ok) expect(checkDurationOption("f", "t", x, 0)).toBe(x);
    else expect(() => checkDurationOption("f", "t", x, 0)).toThrow(CxMetricsError);
  });
});
