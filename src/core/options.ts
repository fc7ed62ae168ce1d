import { CxMetricsError } from "./errors.ts";

/** What to do with an invalid observation: throw (the default) or skip it and count it. */
export type OnInvalid = "throw" | "skip";

/** An inclusive range of integer scale points, e.g. `{ min: 0, max: 10 }`. */
export interface IntegerRange {
  /** Lowest value, inclusive. */
  readonly min: number;
  /** Highest value, inclusive. */
  readonly max: number;
}

/** Largest scale cx-metrics accepts: 1,001 points is far more than any survey asks, and keeps state small. */
const MAX_SCALE_POINTS = 1001;

/** Checks a confidence level given as a percentage in [50, 100). */
export function checkLevel(fn: string, level: unknown): number {
  if (typeof level !== "number" || !(level >= 50 && level < 100)) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "level",
      value: level,
      expected: "a percentage from 50 up to (not including) 100, e.g. 95",
    });
  }
  return level;
}

/** Checks an integer scale `{ min, max }` with min < max. */
export function checkScale(fn: string, scale: unknown, field = "scale"): IntegerRange {
  const s = scale as Partial<IntegerRange> | null | undefined;
  if (
    s == null ||
    typeof s !== "object" ||
    !Number.isSafeInteger(s.min) ||
    !Number.isSafeInteger(s.max) ||
    (s.min as number) >= (s.max as number) ||
    (s.max as number) - (s.min as number) + 1 > MAX_SCALE_POINTS
  ) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value: scale,
      expected: `{ min, max } with integers min < max and at most ${MAX_SCALE_POINTS} points`,
    });
  }
  return { min: s.min as number, max: s.max as number };
}

/** Checks that `value` is an integer inside `scale`. */
export function checkScalePoint(fn: string, field: string, value: unknown, scale: IntegerRange): number {
  if (!Number.isInteger(value) || (value as number) < scale.min || (value as number) > scale.max) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value,
      expected: `an integer from ${scale.min} to ${scale.max} (the scale)`,
    });
  }
  return value as number;
}

/** Checks an optional accessor. */
export function checkFunction(fn: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: "a function or undefined" });
  }
}

/** Checks `onInvalid`. */
export function checkOnInvalid(fn: string, value: unknown): OnInvalid {
  if (value !== "throw" && value !== "skip") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "onInvalid", value, expected: '"throw" or "skip"' });
  }
  return value;
}

/** Checks a finite number inside [min, max]. */
export function checkNumberIn(fn: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: `a number from ${min} to ${max}` });
  }
  return value;
}

/**
 * Checks one answer outside a fold (the category helpers): `null` for a missing answer, the answer
 * itself when it is an integer on the scale; otherwise throws `INVALID_VALUE`, as the metrics do.
 */
export function checkAnswer(fn: string, field: string, value: unknown, scale: IntegerRange): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < scale.min || (value as number) > scale.max) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, value, expected: `an integer from ${scale.min} to ${scale.max}` });
  }
  return value as number;
}

/**
 * Checks an option that takes one of a few strings, filling in `fallback` when it is absent. The error
 * lists the choices: `expected "full" or "first"`.
 */
export function checkChoice<C extends string>(fn: string, field: string, value: unknown, choices: readonly C[], fallback: C): C {
  const chosen = value === undefined ? fallback : value;
  if ((choices as readonly unknown[]).includes(chosen)) return chosen as C;
  const quoted = choices.map((c) => JSON.stringify(c));
  const expected = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? "");
  throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected });
}
