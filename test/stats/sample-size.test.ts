import { describe, expect, it } from "vitest";
import { npsSampleSize } from "../../src/index.ts";

describe("npsSampleSize", () => {
  const z = 1.959963984540054;
  it("matches z²·v/E² by hand", () => {
    expect(npsSampleSize({ margin: 5 })).toBe(Math.ceil((z * z) / 0.05 ** 2));
    expect(npsSampleSize({ margin: 5 })).toBe(1537);
    expect(npsSampleSize({ margin: 5, promoterShare: 50, detractorShare: 20 })).toBe(Math.ceil((z * z * 0.61) / 0.0025));
    expect(npsSampleSize({ margin: 10, score: 60 })).toBe(Math.ceil((z * z * (1 - 0.36)) / 0.01));
  });

  it("applies the finite population correction", () => {
    const n0 = (z * z) / 0.0025;
    expect(npsSampleSize({ margin: 5, population: 1000 })).toBe(Math.ceil(n0 / (1 + (n0 - 1) / 1000)));
    expect(npsSampleSize({ margin: 1, population: 10 })).toBeLessThanOrEqual(10);
  });

  it("rejects impossible targets", () => {
    expect(() => npsSampleSize({ margin: 0 })).toThrow(/option "margin"/);
    expect(() => npsSampleSize({ margin: 5, promoterShare: 70, detractorShare: 40 })).toThrow(/detractorShare/);
    expect(() => npsSampleSize({ margin: 5, promoterShare: 70 })).toThrow(/detractorShare/);
    expect(() => npsSampleSize({ margin: 5, population: 0.5 })).toThrow(/population/);
  });
});
