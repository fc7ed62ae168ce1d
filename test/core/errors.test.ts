import { describe, expect, it } from "vitest";
import { CxMetricsError, describeValue } from "../../src/index.ts";

describe("CxMetricsError", () => {
  it("builds the message from the template: fn, field, index, value, expected", () => {
    const error = new CxMetricsError({ code: "INVALID_VALUE", fn: "nps", field: "score", index: 12, value: 11, expected: "an integer from 0 to 10" });
    expect(error.message).toBe("nps: score at index 12 is 11; expected an integer from 0 to 10");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("CxMetricsError");
    expect([error.code, error.fn, error.index, error.field, error.value]).toEqual(["INVALID_VALUE", "nps", 12, "score", 11]);
    expect(error.issues).toEqual([{ index: 12, field: "score", value: 11, expected: "an integer from 0 to 10" }]);
  });

  it("names options as options and has a null index when no record is at fault", () => {
    const error = new CxMetricsError({ code: "INVALID_OPTION", fn: "nps", field: "level", value: 0.95, expected: "a percentage" });
    expect(error.message).toBe('nps: option "level" is 0.95; expected a percentage');
    expect(error.index).toBeNull();
  });

  it("says how many more issues there are", () => {
    const issues = [
      { index: 0, field: "nps", value: 11, expected: "x" },
      { index: 4, field: "csat", value: 0, expected: "y" },
    ];
    const error = new CxMetricsError({ code: "INVALID_RECORD", fn: "parse", field: "nps", index: 0, value: 11, expected: "x", issues });
    expect(error.message).toBe("parse: nps at index 0 is 11; expected x (and 1 more: see error.issues)");
    expect(error.issues).toBe(issues);
  });

  it("describes values readably", () => {
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue(-Infinity)).toBe("-Infinity");
    expect(describeValue("9")).toBe('"9"');
    expect(describeValue("x".repeat(50))).toBe(`"${"x".repeat(40)}"...`);
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue({ a: 1 })).toBe("an object");
    expect(describeValue(new Date(Number.NaN))).toBe("an invalid Date");
    expect(describeValue(new Date(0))).toBe("Date 1970-01-01T00:00:00.000Z");
    expect(describeValue(() => 1)).toBe("a function");
    expect(describeValue(Symbol("s"))).toBe("a symbol");
    expect(describeValue(10n)).toBe("10");
    expect(describeValue(true)).toBe("true");
  });
});
