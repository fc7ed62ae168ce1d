import { CxMetricsError } from "../core/errors.ts";
import type { Band } from "./rating-types.ts";

/**
 * NPS bands often quoted for contact centers: below 30 poor, 30 up to 50 good, 50 and above excellent.
 * An interpretation aid, not a standard: pass your own industry's bands instead where you have them.
 * Nothing in cx-metrics applies bands unless you pass them (`nps(x, { bands: contactCenterNpsBands })`).
 *
 * @category Survey
 * @example
 * ```ts
 * nps([10, 10, 9, 7], { bands: contactCenterNpsBands }).band;
 * // => "excellent"
 * ```
 */
export const contactCenterNpsBands: readonly Band[] = Object.freeze([
  Object.freeze({ from: -100, label: "poor" }),
  Object.freeze({ from: 30, label: "good" }),
  Object.freeze({ from: 50, label: "excellent" }),
]);

/**
 * The label of the band `value` falls in: the band with the largest `from` that is ≤ `value`.
 *
 * Edge cases: `null` value, or a value below every band, gives `null`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bands that are not sorted `{ from, label }`
 * objects, `INVALID_VALUE` for a value that is neither a number nor `null`.
 *
 * @category Survey
 * @example
 * ```ts
 * bandOf(42, contactCenterNpsBands);
 * // => "good"
 * ```
 */
export function bandOf(value: number | null, bands: readonly Band[]): string | null {
  checkBands("bandOf", bands);
  if (value === null) return null;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "bandOf", field: "value", value, expected: "a number, or null" });
  }
  return labelOf(value, bands);
}

/**
 * The band label of a checked value in checked bands.
 *
 * @category Survey
 */
export function labelOf(value: number | null, bands: readonly Band[]): string | null {
  if (value === null) return null;
  let label: string | null = null;
  for (const band of bands) {
    if (band.from <= value) label = band.label;
    else break;
  }
  return label;
}

/** The `bands` option of a metric: `undefined` when absent, else checked as {@link checkBands} does. */
export function checkOptionalBands(fn: string, bands: unknown): readonly Band[] | undefined {
  return bands === undefined ? undefined : checkBands(fn, bands);
}

/**
 * Checks `bands` (sorted by strictly increasing finite `from`, string labels) and returns it.
 *
 * @category Survey
 */
export function checkBands(fn: string, bands: unknown): readonly Band[] {
  const ok =
    Array.isArray(bands) &&
    bands.every(
      (b: unknown, i: number) =>
        typeof b === "object" &&
        b !== null &&
        Number.isFinite((b as Band).from) &&
        typeof (b as Band).label === "string" &&
        (i === 0 || (bands[i - 1] as Band).from < (b as Band).from),
    );
  if (!ok) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "bands",
      value: bands,
      expected: "an array of { from: number, label: string } sorted by strictly increasing finite from",
    });
  }
  return bands as readonly Band[];
}
