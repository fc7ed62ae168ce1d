import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { nps } from "../../src/index.ts";
import { close, hasNaN, referenceNps } from "../helpers.ts";

const score = fc.integer({ min: 0, max: 10 });
const answer = fc.oneof({ weight: 9, arbitrary: score }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
const answers = fc.array(answer, { maxLength: 200 });
const scores = fc.array(score, { minLength: 1, maxLength: 200 });
const method = fc.constantFrom("wald" as const, "adjusted-wald" as const);

describe("nps properties", () => {
  test.prop([answers])("agrees with a brute-force count", (xs) => {
    const r = nps(xs);
    const ref = referenceNps(xs);
    expect([r.promoters, r.passives, r.detractors, r.total, r.excluded.missing]).toEqual([ref.promoters, ref.passives, ref.detractors, ref.total, ref.missing]);
    expect(close(r.score?.value ?? null, ref.score, 1e-12)).toBe(true);
  });

  test.prop([answers, method])("score within -100..100, counts add up, no NaN", (xs, interval) => {
    const r = nps(xs, { interval });
    expect(r.promoters + r.passives + r.detractors).toBe(r.total);
    expect(r.total + r.excluded.missing).toBe(xs.length);
    expect(r.responses).toBe(r.total);
    if (r.total === 0) expect(r.score).toBeNull();
    else {
      expect(r.score!.value).toBeGreaterThanOrEqual(-100);
      expect(r.score!.value).toBeLessThanOrEqual(100);
      expect(r.promoterShare! + r.passiveShare! + r.detractorShare!).toBeCloseTo(100, 9);
    }
    expect(hasNaN(r)).toBe(false);
  });

  test.prop([answers.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))])(
    "the order of the input does not matter",
    ([xs, shuffled]) => {
      expect(nps(shuffled)).toEqual(nps(xs));
    },
  );

  test.prop([scores, fc.integer({ min: 2, max: 5 })])("duplicating every response keeps the score and narrows the interval", (xs, k) => {
    const once = nps(xs);
    const many = nps(xs.flatMap((x) => Array.from({ length: k }, () => x)));
    expect(many.score!.value).toBeCloseTo(once.score!.value, 9);
    expect(many.score!.standardError).toBeCloseTo(once.score!.standardError / Math.sqrt(k), 9);
    for (const interval of ["wald", "adjusted-wald"] as const) {
      const a = nps(xs, { interval }).score!.interval;
      const b = nps(xs.flatMap((x) => Array.from({ length: k }, () => x)), { interval }).score!.interval;
      expect(b.upper - b.lower).toBeLessThanOrEqual(a.upper - a.lower + 1e-9);
    }
  });

  test.prop([scores, fc.nat(), fc.integer({ min: 1, max: 10 })])("raising one score never lowers NPS", (xs, at, by) => {
    const i = at % xs.length;
    const raised = xs.slice();
    raised[i] = Math.min(10, xs[i]! + by);
    expect(nps(raised).score!.value).toBeGreaterThanOrEqual(nps(xs).score!.value);
  });

  test.prop([scores, method, fc.double({ min: 50, max: 99.9, noNaN: true })])("the interval holds its center and stays in range", (xs, interval, level) => {
    const r = nps(xs, { interval, level }).score!.interval;
    expect(r.lower).toBeLessThanOrEqual(r.center + 1e-9);
    expect(r.center).toBeLessThanOrEqual(r.upper + 1e-9);
    expect(r.lower).toBeGreaterThanOrEqual(-100);
    expect(r.upper).toBeLessThanOrEqual(100);
  });

  test.prop([scores, fc.double({ min: 95, max: 99.9, noNaN: true })])(
    "the interval holds the observed score (Wald always; adjusted Wald from 2 responses at 95% and above)",
    (xs, level) => {
      const wald = nps(xs, { interval: "wald", level });
      expect(wald.score!.interval.lower).toBeLessThanOrEqual(wald.score!.value + 1e-9);
      expect(wald.score!.value).toBeLessThanOrEqual(wald.score!.interval.upper + 1e-9);
      const adjusted = nps(xs, { level });
      if (xs.length >= 2) {
        expect(adjusted.score!.interval.lower).toBeLessThanOrEqual(adjusted.score!.value + 1e-9);
        expect(adjusted.score!.value).toBeLessThanOrEqual(adjusted.score!.interval.upper + 1e-9);
      }
    },
  );

  test.prop([scores])("a higher level gives a wider interval", (xs) => {
    const a = nps(xs, { level: 90 }).score!.interval;
    const b = nps(xs, { level: 99 }).score!.interval;
    expect(b.lower).toBeLessThanOrEqual(a.lower);
    expect(b.upper).toBeGreaterThanOrEqual(a.upper);
  });

  test.prop([answers])("weights of 1 equal no weights", (xs) => {
    expect(nps(xs, { weight: () => 1 })).toEqual(nps(xs));
  });

  test.prop([scores, fc.double({ min: 1e-3, max: 1e3, noNaN: true })])("scaling every weight by a constant changes no share or score", (xs, c) => {
    const ws = xs.map((_, i) => 1 + (i % 3));
    const a = nps(xs, { weight: (_, i) => ws[i]! });
    const b = nps(xs, { weight: (_, i) => c * ws[i]! });
    expect(close(a.score!.value, b.score!.value, 1e-9)).toBe(true);
    expect(close(a.effectiveSize, b.effectiveSize, 1e-9)).toBe(true);
    expect(close(a.score!.standardError, b.score!.standardError, 1e-9)).toBe(true);
  });

  test.prop([scores, fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 200, maxLength: 200 })])(
    "weighted NPS agrees with a brute-force weighted sum; 1 ≤ effective size ≤ responses",
    (xs, ws) => {
      const r = nps(xs, { weight: (_, i) => ws[i]! });
      let p = 0;
      let d = 0;
      let total = 0;
      let squares = 0;
      xs.forEach((x, i) => {
        const w = ws[i]!;
        total += w;
        squares += w * w;
        if (x >= 9) p += w;
        else if (x <= 6) d += w;
      });
      expect(close(r.score!.value, (100 * (p - d)) / total, 1e-9)).toBe(true);
      expect(close(r.effectiveSize, (total * total) / squares, 1e-9)).toBe(true);
      expect(r.effectiveSize).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(r.effectiveSize).toBeLessThanOrEqual(r.responses);
    },
  );

  test.prop([scores, fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 200, maxLength: 200 })])(
    "weighted: promoters + passives + detractors is exactly total, and every share is in 0..100",
    (xs, ws) => {
      const r = nps(xs, { weight: (_, i) => ws[i]! });
      expect(r.promoters + r.passives + r.detractors).toBe(r.total);
      for (const share of [r.promoterShare!, r.passiveShare!, r.detractorShare!]) expect(share >= 0 && share <= 100).toBe(true);
    },
  );
});
