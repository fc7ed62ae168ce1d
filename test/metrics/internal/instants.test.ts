import { describe, expect, it } from "vitest";
import { instantOrNaN } from "../../../src/metrics/internal/instants.ts";
import { MAX_ZONED_MS, MIN_ZONED_MS } from "../../../src/time/zone.ts";

describe("instantOrNaN", () => {
  it("accepts exactly the zoned range, for numbers and for parsed instants alike", () => {
    expect(MIN_ZONED_MS).toBe(Date.UTC(1800, 0, 1));
    expect(MAX_ZONED_MS).toBe(Date.UTC(2400, 0, 1));
    for (const parse of [(t: number) => t, (t: number) => new Date(t), (t: number) => new Date(t).toISOString()]) {
      expect(instantOrNaN(parse(MIN_ZONED_MS))).toBe(MIN_ZONED_MS);
      expect(instantOrNaN(parse(MIN_ZONED_MS - 1))).toBeNaN();
      expect(instantOrNaN(parse(MAX_ZONED_MS - 1))).toBe(MAX_ZONED_MS - 1);
      expect(instantOrNaN(parse(MAX_ZONED_MS))).toBeNaN();
    }
    expect(instantOrNaN(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(instantOrNaN("2026-03-01T10:00:00")).toBeNaN();
    // Numbers are epoch ms in the metrics (offsets from 0 are common in folds); seconds are caught at the boundary.
    expect(instantOrNaN(20 * 86_400_000)).toBe(20 * 86_400_000);
  });
});
