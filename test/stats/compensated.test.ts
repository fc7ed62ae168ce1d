import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compensatedAdd } from "../../src/stats/compensated.ts";
import { close } from "../helpers.ts";

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
      expect(close(sum(ints.map((i) => i / scale)), exact, 1e-12)).toBe(true);
    },
  );
});
