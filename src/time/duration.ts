import { CxMetricsError } from "../core/errors.ts";

/**
 * Largest duration accepted: 100 years in ms. Keeps sums of millions of durations exact-ish and finite.
 *
 * @category Time
 */
export const MAX_DURATION_MS: number = 100 * 365.25 * 86_400_000;

/**
 * What a duration field of a record is expected to be.
 *
 * @category Time
 */
export const DURATION_EXPECTED = "a duration in milliseconds from 0 to 100 years";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const WITH_UNIT = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d|w)$/;
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * What a duration option is expected to be.
 *
 * @category Time
 */
export const DURATION_OPTION_EXPECTED =
  'milliseconds (0, or at least 1000: a smaller number is surely seconds or minutes by mistake), or a string with its unit such as "20s", "5min", "24h", "7d" or ISO 8601 "PT20S", up to 100 years';

/**
 * Milliseconds of a duration written with its unit: `"250ms"`, `"20s"`, `"5m"` or `"5min"`, `"1.5h"`,
 * `"7d"`, `"2w"`, or ISO 8601 `"PT20S"`, `"PT1H30M"`, `"P7D"` (days and weeks as 24-hour days).
 * Every duration option of cx-metrics accepts these strings as well as plain milliseconds, so that a
 * target never depends on remembering the unit.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for anything else, or a duration over 100 years.
 * @category Time
 * @example
 * ```ts
 * durationMs("20s");
 * // => 20000
 * durationMs("PT1H30M");
 * // => 5400000
 * ```
 */
export function durationMs(text: string): number {
  const ms = parseDurationText(text);
  if (Number.isNaN(ms)) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "durationMs", field: "duration", value: text, expected: 'a duration such as "20s", "5min", "24h", "7d" or ISO 8601 "PT20S", up to 100 years' });
  }
  return ms;
}

/** Milliseconds of a duration string, or NaN. */
function parseDurationText(text: unknown): number {
  if (typeof text !== "string") return Number.NaN;
  const s = text.trim();
  let ms = Number.NaN;
  const unit = WITH_UNIT.exec(s);
  if (unit !== null) ms = Number(unit[1]) * (UNIT_MS[unit[2] as string] as number);
  else {
    const iso = ISO_DURATION.exec(s);
    if (iso !== null && s !== "P" && !s.endsWith("T")) {
      const [, w = "0", d = "0", h = "0", m = "0", sec = "0"] = iso as unknown as string[];
      ms = Number(w) * 604_800_000 + Number(d) * 86_400_000 + Number(h) * 3_600_000 + Number(m) * 60_000 + Math.round(Number(sec) * 1000);
    }
  }
  return ms >= 0 && ms <= MAX_DURATION_MS ? Math.round(ms) : Number.NaN;
}

/**
 * Checks a duration option (a target, a threshold, a window): milliseconds or a string with a unit.
 * A number from 1 to 999 is refused: no contact-center target or window is under a second, so it can
 * only be seconds or minutes given as milliseconds (`target: 20` for 20 s). Absent: `fallback`.
 * @category Time
 */
export function checkDurationOption(fn: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = typeof value === "number" ? (value === 0 || (value >= 1000 && value <= MAX_DURATION_MS) ? value : Number.NaN) : parseDurationText(value);
  if (Number.isNaN(ms)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: DURATION_OPTION_EXPECTED });
  return ms;
}
