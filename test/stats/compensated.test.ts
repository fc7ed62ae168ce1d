import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compensatedAdd } from "../../src/stats/compensated.ts";

const sum = (xs: readonly number[]): number => {
  const sums = new Float64Array(1);
  const comps = new Float64Array(1);
  for (const x of xs) compensatedAdd(sums, comps, 0, x);
  return sums[0]! + comps[0]!;
};

describe("compensatedAdd (Neumaier)", () => {
  it("keeps what a plain sum loses, by hand", () => {
    // Plain: 1e100 + 1 = 1e100, then - 1e100 = 0. Neumaier carries the 1.
    expect(1e100 + 1 - 1e100).toBe(0);
    expect(sum([1e100, 1, -1e100])).toBe(1);
    expect(Math.abs(sum(Array.from({ length: 10 }, () => 0.1)) - 1)).toBeLessThan(1e-16);
  });

  test.prop([fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 200 }), fc.integer({ min: 1, max: 1000 })])(
    "sums of scaled integers agree with the exact BigInt sum",
    (ints, scale) => {
      const exact = Number(ints.reduce((a, b) => a + BigInt(b), 0n)) / scale;
      const terms = ints.map((i) => i / scale);
      // Each term i/scale is itself rounded (up to half an ulp, 2^-53 relative) before it is summed:
      // that input error, up to n·2^-53·max|term|, is no summation error and can dwarf a result that
      // cancels to near 0. Beyond it, the compensated sum must be exact to 1e-12.
      const inputError = terms.length * 2 ** -53 * Math.max(0, ...terms.map(Math.abs));
      expect(Math.abs(sum(terms) - exact)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(exact)) + inputError);
    },
  );
});
