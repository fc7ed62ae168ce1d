import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { compareNps, nps } from "../../src/index.ts";
import { hasNaN } from "../helpers.ts";

const answer = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
const answers = fc.array(answer, { maxLength: 200 });
const method = fc.constantFrom("wald" as const, "adjusted-wald" as const);

describe("compareNps properties", () => {
  test.prop([answers, answers, method])("compareNps: no NaN, p in [0, 1], swapping sides flips the sign", (a, b, m) => {
    const ab = compareNps(nps(a), nps(b), { interval: m });
    const ba = compareNps(nps(b), nps(a), { interval: m });
    if (nps(a).total === 0 || nps(b).total === 0) {
      expect(ab).toBeNull();
      return;
    }
    expect(hasNaN(ab)).toBe(false);
    expect(ab!.difference).toBeCloseTo(-ba!.difference, 9);
    if (ab!.pValue !== null) {
      expect(ab!.pValue).toBeGreaterThanOrEqual(0);
      expect(ab!.pValue).toBeLessThanOrEqual(1);
      expect(ab!.pValue).toBeCloseTo(ba!.pValue!, 12);
    }
    expect(ab!.interval.lower).toBeLessThanOrEqual(ab!.interval.upper);
  });
});
