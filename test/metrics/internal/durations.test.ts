import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { durationState, mergeDurations, pushDuration, readDurations } from "../../../src/metrics/internal/durations.ts";
import { intervalSettings, PROPORTION_METHODS } from "../../../src/stats/estimates.ts";
import { close, sortedType7 } from "../../helpers.ts";

const rates = intervalSettings("t", {}, PROPORTION_METHODS, "wilson");

describe("duration buffers", () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 86_400_000 }), { maxLength: 100 }), fc.integer({ min: 0, max: 86_400_000 })])(
    "count, total, mean with its standard error, percentiles and target share agree with a direct computation",
    (xs, target) => {
      const state = durationState();
      for (const x of xs) pushDuration(state, x, target);
      const r = readDurations(state, target, rates);
      expect(r.count).toBe(xs.length);
      if (xs.length === 0) {
        expect(r.mean).toBeNull();
        return;
      }
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(r.totalMs).toBe(xs.reduce((a, b) => a + b, 0));
      expect(close(r.mean!.value, mean, 1e-12)).toBe(true);
      expect(close(r.mean!.standardError, Math.sqrt(variance / xs.length), 1e-9)).toBe(true);
      expect(r.median).toBe(sortedType7(xs, 50));
      expect(r.metTarget).toBe(xs.filter((x) => x <= target).length);
      expect(r.withinTarget!.n).toBe(xs.length);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 50 })])("a buffer merged into itself holds every duration twice", (xs) => {
    const state = durationState();
    for (const x of xs) pushDuration(state, x, 1000);
    mergeDurations(state, state);
    const twice = durationState();
    for (const x of [...xs, ...xs]) pushDuration(twice, x, 1000);
    expect(readDurations(state, 1000, rates)).toEqual(readDurations(twice, 1000, rates));
  });
});
