import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, display, formatCount, formatDuration, formatEstimate, formatInterval, formatNumber, formatPercent, formatPValue, formatScore, groupBy, jupyterDisplay, nps, npsMetric, type Estimate } from "cx-metrics";

const estimate = (value: number, lower: number, upper: number): Estimate => ({ value, standardError: 1, n: 10, interval: { lower, upper, center: value, level: 95, method: "wald" } });

describe("formatScore / formatNumber / formatPercent / formatCount", () => {
  it("prints what an analyst expects", () => {
    expect(formatScore(-20.666666666666668)).toBe("-20.7");
    expect(formatScore(estimate(41.25, 30, 50))).toBe("41.3");
    expect(formatScore(3.25, { signed: true })).toBe("+3.3");
    expect(formatScore(-3.25, { signed: true })).toBe("-3.3");
    expect(formatScore(0, { signed: true })).toBe("0.0");
    expect(formatScore(null)).toBe("-");
    expect(formatScore(undefined, { missing: "n/a" })).toBe("n/a");
    expect(formatNumber(1234.5)).toBe("1,234.50");
    expect(formatNumber(1234.5, { locale: "de-DE", digits: 1 })).toBe("1.234,5");
    expect(formatPercent(85.24)).toBe("85.2%");
    expect(formatPercent(85.24, { locale: "de-DE" })).toBe("85,2\u00a0%");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(12345, { locale: "de-DE" })).toBe("12.345");
  });

  it("never prints a negative zero", () => {
    expect(formatScore(-0.04)).toBe("0.0");
    expect(formatScore(-0.04, { signed: true })).toBe("0.0");
    expect(formatPercent(-0.004)).toBe("0.0%");
    expect(formatNumber(-0.001)).toBe("0.00");
    expect(formatScore(-0.05)).toBe("-0.1");
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 })])("agrees with toFixed on the digits (a second implementation)", (x, digits) => {
    const text = formatNumber(x, { digits }).replace(/,/g, "");
    // toFixed rounds the binary value, Intl the decimal one: they may differ by one unit in the last place.
    expect(Math.abs(Number(text) - x)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9 * Math.max(1, Math.abs(x)));
    expect(text.startsWith("-") && Number(text) === 0).toBe(false);
  });

  it("refuses what is not a number, and bad options", () => {
    for (const bad of [Number.NaN, Infinity, "9", {}, [1]]) {
      expect(() => formatScore(bad as never)).toThrow(CxMetricsError);
    }
    expect(() => formatScore(1, { digts: 2 } as never)).toThrow(/did you mean "digits"/);
    expect(() => formatScore(1, { digits: -1 })).toThrow(CxMetricsError);
    expect(() => formatScore(1, { locale: "not a locale!" })).toThrow(CxMetricsError);
    expect(() => formatCount(1, "x" as never)).toThrow(CxMetricsError);
  });
});

describe("formatDuration", () => {
  it("uses two units at most, the second padded", () => {
    const cases: [number, string][] = [
      [0, "0 ms"],
      [350, "350 ms"],
      [4_200, "4.2 s"],
      [45_000, "45 s"],
      [59_600, "1 min 00 s"],
      [245_000, "4 min 05 s"],
      [299_600, "5 min 00 s"],
      [3_720_000, "1 h 02 min"],
      [86_399_999, "1 d 00 h"],
      [90_000_000, "1 d 01 h"],
      [-245_000, "-4 min 05 s"],
    ];
    for (const [ms, text] of cases) expect(formatDuration(ms)).toBe(text);
    expect(formatDuration(null)).toBe("-");
  });

  test.prop([fc.integer({ min: 10_000, max: 1e9 })])("reads back to within the rounding of its smallest unit", (ms) => {
    const text = formatDuration(ms);
    const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000 };
    const parts = [...text.matchAll(/(\d+) (d|h|min|s)/g)].map((m) => [Number(m[1]), m[2] as string] as const);
    const back = parts.reduce((t, [n, u]) => t + n * (units[u] as number), 0);
    const smallest = units[parts[parts.length - 1]![1]] as number;
    expect(Math.abs(back - ms)).toBeLessThanOrEqual(smallest / 2);
  });
});

describe("formatEstimate / formatInterval / formatPValue", () => {
  it("prints value and interval in the unit", () => {
    const e = estimate(12.34, 8.12, 16.44);
    expect(formatEstimate(e, { signed: true })).toBe("+12.3 (95% CI 8.1 to 16.4)");
    expect(formatEstimate(e, { interval: "brackets" })).toBe("12.3 [8.1, 16.4]");
    expect(formatEstimate(e, { interval: "none", unit: "percent" })).toBe("12.3%");
    expect(formatEstimate(estimate(245_000, 230_000, 260_000), { unit: "duration" })).toBe("4 min 05 s (95% CI 3 min 50 s to 4 min 20 s)");
    expect(formatEstimate(null)).toBe("-");
    expect(formatInterval(e.interval)).toBe("8.1 to 16.4");
    expect(formatPValue(0.0321)).toBe("p = 0.032");
    expect(formatPValue(0.00001)).toBe("p < 0.001");
    expect(formatPValue(null)).toBe("p n/a");
    expect(() => formatPValue(2)).toThrow(CxMetricsError);
    expect(() => formatEstimate({ value: 1 } as never)).toThrow(CxMetricsError);
    expect(() => formatEstimate(e, { unit: "pct" } as never)).toThrow(CxMetricsError);
  });
});

describe("display", () => {
  it("shows a result as a field table, estimates with their interval, shares in percent", () => {
    const shown = display(nps([10, 9, 3, 7]));
    // (2 - 1)/4 = 25 points; promoter share 50%.
    expect(shown.text).toMatch(/score\s+25\.0 \(95% CI/);
    expect(shown.text).toMatch(/promoterShare\s+50\.0%/);
    expect(shown.html).toContain("<table");
    const bundle = shown[jupyterDisplay]();
    expect(bundle["text/html"]).toBe(shown.html);
    expect(jupyterDisplay).toBe(Symbol.for("Jupyter.display"));
  });

  it("shows a groupBy map as one row per group, and escapes HTML", () => {
    const shown = display(groupBy(npsMetric({ value: "nps" }), [{ team: "<b>A</b>", nps: 10 }, { team: "B", nps: 3 }], "team"), { title: "NPS by team" });
    expect(shown.text.split("\n")[0]).toBe("NPS by team");
    expect(shown.text).toMatch(/B\s+-100\.0/);
    expect(shown.html).toContain("&lt;b&gt;A&lt;/b&gt;");
    expect(shown.html).not.toContain("<b>A");
  });

  it("refuses what it cannot show", () => {
    for (const bad of [null, 3, "x", undefined]) expect(() => display(bad)).toThrow(CxMetricsError);
    expect(() => display({}, { units: { score: "pct" } } as never)).toThrow(CxMetricsError);
  });
});
