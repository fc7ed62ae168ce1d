import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { intervalSettings, meanEstimate, NET_SCORE_METHODS, netScoreEstimate, PROPORTION_METHODS, rateEstimate } from "../../src/stats/estimates.ts";
import { close } from "../helpers.ts";

const z95 = 1.959963984540054;

describe("estimate builders", () => {
  it("a mean: SE √(variance/n), a normal interval clamped to its range, by hand", () => {
    const e = meanEstimate(3.2, 2.16, 5, z95, 95, 1, 5);
    expect(e.value).toBe(3.2);
    expect(close(e.standardError, Math.sqrt(2.16 / 5), 1e-15)).toBe(true);
    expect(e.interval).toEqual({ lower: 3.2 - z95 * Math.sqrt(2.16 / 5), upper: 3.2 + z95 * Math.sqrt(2.16 / 5), center: 3.2, level: 95, method: "normal" });
    // Clamped to the scale: a mean of 4.9 with a wide interval stops at 5.
    expect(meanEstimate(4.9, 4, 2, z95, 95, 1, 5).interval.upper).toBe(5);
    expect(e.n).toBe(5);
  });

  it("a rate: value exact from the counts, null on an empty base", () => {
    const settings = intervalSettings("t", {}, PROPORTION_METHODS, "wilson");
    expect(rateEstimate(1, 3, settings)?.value).toBe(100 / 3);
    expect(rateEstimate(0, 0, settings)).toBeNull();
    expect(rateEstimate(2, 3, settings)?.n).toBe(3);
  });

  it("a net score: 25 exactly for 2 promoters and 1 detractor of 4", () => {
    const settings = intervalSettings("t", { interval: "wald" }, NET_SCORE_METHODS, "adjusted-wald");
    const e = netScoreEstimate(2, 1, 4, 4, settings);
    expect(e.value).toBe(25);
    // p = .5, d = .25: variance .75 - .0625 = .6875
    expect(close(e.standardError, 100 * Math.sqrt(0.6875 / 4), 1e-15)).toBe(true);
    expect(e.interval.method).toBe("wald");
  });

  it("reads the shared options with their defaults", () => {
    expect(intervalSettings("t", {}, PROPORTION_METHODS, "wilson")).toMatchObject({ level: 95, method: "wilson" });
    expect(() => intervalSettings("t", { level: 100 }, PROPORTION_METHODS, "wilson")).toThrow(/option "level"/);
    expect(() => intervalSettings("t", { interval: "exact" }, PROPORTION_METHODS, "wilson")).toThrow(/option "interval"/);
  });

  test.prop([fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.constantFrom(...PROPORTION_METHODS), fc.double({ min: 50, max: 99.9999, noNaN: true })])(
    "every rate interval lies in 0..100 and holds its center",
    (x, extra, method, level) => {
      const settings = intervalSettings("t", { level, interval: method }, PROPORTION_METHODS, "wilson");
      const e = rateEstimate(x, x + extra, settings)!;
      expect(e.interval.lower).toBeGreaterThanOrEqual(0);
      expect(e.interval.upper).toBeLessThanOrEqual(100);
      expect(e.interval.lower).toBeLessThanOrEqual(e.interval.center + 1e-9);
      expect(e.interval.center).toBeLessThanOrEqual(e.interval.upper + 1e-9);
      expect(Number.isFinite(e.standardError)).toBe(true);
    },
  );
});
