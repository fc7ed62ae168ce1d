import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, ces, cesCategory } from "../../src/index.ts";
import { close, hasNaN } from "../helpers.ts";

describe("ces", () => {
  it("CES 2.0 by hand: [7, 6, 4, 2] is 2 easy, 1 neutral, 1 difficult", () => {
    const r = ces([7, 6, 4, 2]);
    expect([r.version, r.higherIsEasier]).toEqual([2, true]);
    expect([r.easy, r.neutral, r.difficult, r.total]).toEqual([2, 1, 1, 4]);
    expect([r.easyShare?.value, r.neutralShare, r.difficultShare, r.netEasy?.value]).toEqual([50, 25, 25, 25]);
    expect(r.mean?.value).toBe(4.75);
    // net easy variance .5 + .25 - .25² = .6875
    expect(close(r.netEasy!.standardError, 100 * Math.sqrt(0.6875 / 4), 1e-12)).toBe(true);
  });

  it("CES 1.0 by hand: lower is easier, 1-2 easy, 4-5 difficult", () => {
    const r = ces([1, 2, 5], { version: 1 });
    expect([r.version, r.higherIsEasier]).toEqual([1, false]);
    expect([r.easy, r.neutral, r.difficult]).toEqual([2, 0, 1]);
    expect(r.easyShare?.value).toBeCloseTo(200 / 3, 12);
    expect(r.netEasy?.value).toBeCloseTo(100 / 3, 12);
    expect(r.mean?.value).toBeCloseTo(8 / 3, 12);
    expect(() => ces([6], { version: 1 })).toThrow("ces: rating at index 0 is 6; expected an integer from 1 to 5");
  });

  it("takes custom scales and ranges, and checks them", () => {
    const r = ces([10, 8, 3], { scale: { min: 1, max: 10 }, easy: { min: 8, max: 10 }, difficult: { min: 1, max: 4 } });
    expect([r.easy, r.difficult]).toEqual([2, 1]);
    expect(() => ces([], { easy: { min: 3, max: 7 } })).toThrow(/do not overlap/);
    expect(() => ces([], { version: 3 as never })).toThrow(/option "version"/);
    expect(() => ces([], { scale: { min: 1, max: 5 } })).toThrow(CxMetricsError);
  });

  it("Wald interval for net easy and bands on the mean, by hand", () => {
    // [7, 6, 4, 2]: e = .5, d = .25, v = .75 - .0625 = .6875; half-width 1.96·√(.6875/4), upper clamped at 100.
    const r = ces([7, 6, 4, 2], { interval: "wald", bands: [{ from: 1, label: "hard" }, { from: 5, label: "easy" }] });
    const half = 1.959963984540054 * Math.sqrt(0.6875 / 4);
    expect(close(r.netEasy!.interval.lower, 100 * (0.25 - half), 1e-12)).toBe(true);
    expect(r.netEasy!.interval.upper).toBe(100);
    expect(r.netEasy!.interval.method).toBe("wald");
    expect(r.band).toBe("hard"); // mean 4.75
    expect(ces([7, 6], { bands: [{ from: 1, label: "hard" }, { from: 5, label: "easy" }] }).band).toBe("easy");
    expect(() => ces([], { interval: "wilson" as never })).toThrow(/option "interval"/);
  });

  it("empty and missing input", () => {
    const r = ces([null, undefined]);
    expect([r.total, r.mean, r.netEasy, r.easyShare, r.band]).toEqual([0, null, null, null, null]);
    expect(r.excluded.missing).toBe(2);
    expect(hasNaN(r)).toBe(false);
  });

  it("classifies one rating", () => {
    expect([cesCategory(7), cesCategory(4), cesCategory(3)]).toEqual(["easy", "neutral", "difficult"]);
    expect([cesCategory(2, { version: 1 }), cesCategory(3, { version: 1 }), cesCategory(4, { version: 1 })]).toEqual(["easy", "neutral", "difficult"]);
    expect(cesCategory(undefined)).toBeNull();
  });
});

describe("ces properties", () => {
  const v1 = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 150 });

  test.prop([v1])("direction: CES 1.0 equals a higher-is-easier 1-5 scale on reversed answers", (xs) => {
    const native = ces(xs, { version: 1 });
    const reversed = ces(
      xs.map((x) => 6 - x),
      { scale: { min: 1, max: 5 }, easy: { min: 4, max: 5 }, difficult: { min: 1, max: 2 } },
    );
    expect(reversed.higherIsEasier).toBe(true);
    expect(close(native.easyShare?.value ?? null, reversed.easyShare?.value ?? null, 1e-12)).toBe(true);
    expect(close(native.netEasy?.value ?? null, reversed.netEasy?.value ?? null, 1e-12)).toBe(true);
    expect(close(native.mean?.value ?? null, 6 - reversed.mean!.value, 1e-12)).toBe(true);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 150 })])("shares add to 100, net easy within range, brute force agrees", (xs) => {
    const r = ces(xs);
    expect(r.easyShare!.value + r.neutralShare! + r.difficultShare!).toBeCloseTo(100, 9);
    expect(close(r.netEasy?.value ?? null, (100 * (xs.filter((x) => x >= 5).length - xs.filter((x) => x <= 3).length)) / xs.length, 1e-12)).toBe(true);
    expect(r.netEasy!.interval.lower).toBeGreaterThanOrEqual(-100);
    expect(r.netEasy!.interval.upper).toBeLessThanOrEqual(100);
    expect(r.easyShare!.interval.lower).toBeLessThanOrEqual(r.easyShare!.value + 1e-9);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 150 }), fc.nat()])("an easier answer never lowers net easy or the mean", (xs, at) => {
    const i = at % xs.length;
    const easier = xs.slice();
    easier[i] = Math.min(7, xs[i]! + 1);
    expect(ces(easier).netEasy!.value).toBeGreaterThanOrEqual(ces(xs).netEasy!.value);
    expect(ces(easier).mean!.value).toBeGreaterThanOrEqual(ces(xs).mean!.value - 1e-12);
  });

  test.prop([v1.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))])(
    "order does not matter; weights of 1 equal none",
    ([xs, ys]) => {
      expect(ces(ys, { version: 1 })).toEqual(ces(xs, { version: 1 }));
      expect(ces(xs, { version: 1, weight: () => 1 })).toEqual(ces(xs, { version: 1 }));
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 100 }), fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 100, maxLength: 100 })])(
    "weighted: easy, neutral and difficult are never negative and add up to total",
    (xs, ws) => {
      const r = ces(xs, { weight: (_, i) => ws[i]! });
      expect(r.neutral).toBeGreaterThanOrEqual(0);
      expect(r.easy + r.neutral + r.difficult).toBe(r.total);
      for (const share of [r.easyShare!.value, r.neutralShare!, r.difficultShare!]) expect(share >= 0 && share <= 100).toBe(true);
    },
  );
});
