import { CxMetricsError } from "./errors.ts";
import type { Accessor } from "./metric.ts";

/**
 * What to do with an invalid observation: throw (the default) or skip it and count it.
 *
 * @category Core
 * @example
 * ```ts
 * const onInvalid: OnInvalid = "skip";
 * ```
 */
export type OnInvalid = "throw" | "skip";

/**
 * An inclusive range of integer scale points, e.g. `{ min: 0, max: 10 }`.
 *
 * @category Core
 * @example
 * ```ts
 * const scale: IntegerRange = { min: 1, max: 5 };
 * ```
 */
export interface IntegerRange {
  /** Lowest value, inclusive. */
  readonly min: number;
  /** Highest value, inclusive. */
  readonly max: number;
}

/**
 * The options every metric with uncertainty shares: the confidence level and the interval method.
 * Composed into each metric's options (`NpsOptions extends IntervalOptions<NetScoreIntervalMethod>`)
 * and checked by one function, so they mean and accept the same everywhere.
 *
 * @category Core
 * @example
 * ```ts
 * const options: IntervalOptions<"wilson" | "wald"> = { level: 90, interval: "wald" };
 * ```
 */
export interface IntervalOptions<Method extends string> {
  /**
   * Confidence level of the intervals, in percent: at least 50 and at most 99.9999 (so that z is finite).
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method; each metric documents its default (Wilson for shares, adjusted Wald for net
   * scores).
   */
  readonly interval?: Method;
}

/**
 * The option every fold shares: what to do with an invalid record or value.
 *
 * @category Core
 * @example
 * ```ts
 * const options: InvalidOptions = { onInvalid: "skip" };
 * ```
 */
export interface InvalidOptions {
  /**
   * Throw a {@link CxMetricsError} naming the record and field, or skip the record and count it in
   * the result's `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/** Largest scale cx-metrics accepts: 1,001 points is far more than any survey asks, and keeps state small. */
const MAX_SCALE_POINTS = 1001;

/**
 * Highest confidence level accepted: z stays finite and accurate (z = 4.89 at 99.9999).
 *
 * @category Core
 */
export const MAX_LEVEL = 99.9999;

/**
 * Checks a confidence level given as a percentage from 50 to {@link MAX_LEVEL}.
 *
 * @category Core
 */
export function checkLevel(fn: string, level: unknown): number {
  if (typeof level !== "number" || !(level >= 50 && level <= MAX_LEVEL)) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field: "level",
      value: level,
      expected: `a percentage from 50 to ${MAX_LEVEL}, e.g. 95`,
    });
  }
  return level;
}

/**
 * Checks that `options` is an object (or absent) whose keys are all in `known`, and returns it as a
 * record. A misspelt key is an error naming it and suggesting the nearest valid one, because a
 * silently ignored option silently changes a definition (`timezone` for `timeZone`).
 * @category Core
 */
export function checkOptions(fn: string, options: unknown, known: readonly string[], field = "options"): Readonly<Record<string, unknown>> {
  if (options === undefined) return EMPTY;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: options, expected: "an object of options, or undefined" });
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    const expected = near === null ? `one of the known options: ${known.join(", ")}` : `a known option: did you mean "${near}"?`;
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: field === "options" ? key : `${field}.${key}`, value: (options as Record<string, unknown>)[key], expected });
  }
  return options as Readonly<Record<string, unknown>>;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** The known key closest to `key` (case-insensitive edit distance), or null when none is close. */
function nearest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * Checks an integer scale `{ min, max }` with min < max.
 *
 * @category Core
 */
export function checkScale(fn: string, scale: unknown, field = "scale"): IntegerRange {
  const s = scale as Partial<IntegerRange> | null | undefined;
  const ok =
    s !== null &&
    typeof s === "object" &&
    Object.keys(s).every((k) => k === "min" || k === "max") &&
    Number.isSafeInteger(s.min) &&
    Number.isSafeInteger(s.max) &&
    (s.min as number) < (s.max as number) &&
    (s.max as number) - (s.min as number) + 1 <= MAX_SCALE_POINTS;
  if (!ok) {
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

/**
 * Checks that `value` is an integer inside `scale`.
 *
 * @category Core
 */
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

/**
 * What a field accessor returns for a record that is not an object: the metric then reports the
 * record itself as invalid (field `"record"`), instead of reading a field of `null`.
 * @category Core
 */
export const NOT_A_RECORD: unique symbol = Symbol("cx-metrics: not a record");

/**
 * Reads field `key` of an object record, or {@link NOT_A_RECORD} when the record is not an object.
 *
 * Where the platform allows `new Function` (Node, Deno, Bun, and browsers without a content-security
 * policy against it), each field name gets its own small function, compiled once and cached, so the
 * property read inside it sees one key and one record shape and V8 compiles it like `r.score`.
 * Closures made from one function literal share their inline caches: a single generic
 * `(r) => r[key]` read with many keys and shapes in one app goes megamorphic and measured 1.4x-1.7x a
 * hand loop. The key is embedded as a JSON string literal (JSON is a subset of JavaScript string
 * syntax), so no field name can inject code. Under a CSP that forbids eval, the closure is used.
 * @category Core
 */
export function fieldAccessor(key: string): Accessor<unknown, unknown> {
  let accessor = FIELD_ACCESSORS.get(key);
  if (accessor === undefined) {
    accessor = compiledAccessor(key) ?? ((record: unknown): unknown => (typeof record === "object" && record !== null ? (record as Record<string, unknown>)[key] : NOT_A_RECORD));
    if (FIELD_ACCESSORS.size < 1000) FIELD_ACCESSORS.set(key, accessor);
  }
  return accessor;
}

const FIELD_ACCESSORS = new Map<string, Accessor<unknown, unknown>>();
const COUNT_LOOPS = new Map<string, CountLoop>();

/**
 * A histogram loop over records reading field `key`: for each record, an integer from `min` to `max`
 * adds 1 to `counts[v - min]`; anything else goes to `other(v, index)`. Compiled per field name like
 * {@link fieldAccessor}, so the read is monomorphic and nothing is called per valid answer.
 * @category Core
 */
export type CountLoop = (counts: Float64Array, input: ArrayLike<unknown>, offset: number, min: number, max: number, other: (value: unknown, index: number) => void) => void;

/**
 * The compiled {@link CountLoop} of field `key`, or `undefined` where `new Function` is not allowed
 * (the caller then reads through {@link fieldAccessor}). Cached per field name.
 * @category Core
 */
export function countLoop(key: string): CountLoop | undefined {
  let loop = COUNT_LOOPS.get(key);
  if (loop === undefined && canCompile !== false) {
    try {
      const field = JSON.stringify(key);
      loop = new Function(
        "NOT_A_RECORD",
        // Two interleaved histograms (even and odd records): runs of one answer would otherwise wait
        // on the store of the previous increment to the same slot. Added up in \`finally\`, so a
        // state is complete up to a record that throws.
        `"use strict"; return function (counts, input, offset, min, max, other) {
          const points = max - min + 1;
          const odd = new Float64Array(points);
          try {
            const n = input.length;
            let i = 0;
            for (; i + 1 < n; i += 2) {
              const a = input[i];
              const va = typeof a === "object" && a !== null ? a[${field}] : NOT_A_RECORD;
              if (typeof va === "number" && va >= min && va <= max && Number.isInteger(va)) counts[va - min] += 1;
              else other(va, offset + i);
              const b = input[i + 1];
              const vb = typeof b === "object" && b !== null ? b[${field}] : NOT_A_RECORD;
              if (typeof vb === "number" && vb >= min && vb <= max && Number.isInteger(vb)) odd[vb - min] += 1;
              else other(vb, offset + i + 1);
            }
            if (i < n) {
              const a = input[i];
              const va = typeof a === "object" && a !== null ? a[${field}] : NOT_A_RECORD;
              if (typeof va === "number" && va >= min && va <= max && Number.isInteger(va)) counts[va - min] += 1;
              else other(va, offset + i);
            }
          } finally {
            for (let k = 0; k < points; k++) counts[k] += odd[k];
          }
        };`,
      )(NOT_A_RECORD) as CountLoop;
      canCompile = true;
      if (COUNT_LOOPS.size < 1000) COUNT_LOOPS.set(key, loop);
    } catch {
      canCompile = false;
      return undefined;
    }
  }
  return loop;
}
let canCompile: boolean | undefined;

function compiledAccessor(key: string): Accessor<unknown, unknown> | undefined {
  if (canCompile === false) return undefined;
  try {
    const make = new Function("NOT_A_RECORD", `"use strict"; return function (record) { return typeof record === "object" && record !== null ? record[${JSON.stringify(key)}] : NOT_A_RECORD; };`) as (marker: symbol) => Accessor<unknown, unknown>;
    canCompile = true;
    return make(NOT_A_RECORD);
  } catch {
    canCompile = false;
    return undefined;
  }
}

/**
 * Checks an optional accessor option: a function `(record, index) => value`, or a field name read from
 * each record (`value: "nps"`). Returns the function to call, or `undefined` when absent.
 * @category Core
 */
export function readAccessor<T, R>(fn: string, field: string, value: unknown): Accessor<T, R> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "function") return value as Accessor<T, R>;
  if (typeof value === "string" && value.length > 0) return fieldAccessor(value) as Accessor<T, R>;
  throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: "a function (record, index) => value, a field name, or undefined" });
}

/**
 * Checks `onInvalid` (absent means `"throw"`) and returns whether to skip.
 *
 * @category Core
 */
export function checkOnInvalid(fn: string, value: unknown): boolean {
  return checkChoice(fn, "onInvalid", value, ["throw", "skip"], "throw") === "skip";
}

/**
 * Checks a finite number inside [min, max].
 *
 * @category Core
 */
export function checkNumberIn(fn: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: `a number from ${min} to ${max}` });
  }
  return value;
}

/**
 * Checks one answer outside a fold (the category helpers): `null` for a missing answer, the answer
 * itself when it is an integer on the scale; otherwise throws `INVALID_VALUE`, as the metrics do.
 * @category Core
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
 * @category Core
 */
export function checkChoice<C extends string>(fn: string, field: string, value: unknown, choices: readonly C[], fallback: C): C {
  const chosen = value === undefined ? fallback : value;
  if ((choices as readonly unknown[]).includes(chosen)) return chosen as C;
  throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected: listChoices(choices) });
}

/**
 * `"a", "b" or "c"`.
 *
 * @category Core
 */
function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => JSON.stringify(c));
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? "");
}
