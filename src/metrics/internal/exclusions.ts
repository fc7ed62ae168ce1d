import { CxMetricsError } from "../../core/errors.ts";
import { isCount } from "../../core/state.ts";
import type { ExclusionState, Exclusions } from "../ops-types.ts";

/** An empty {@link ExclusionState}; `byField` has no prototype, so field names from user data are plain keys. */
export function exclusionState(): ExclusionState {
  return { count: 0, byField: Object.create(null) as Record<string, number> };
}

/** Adds `other`'s exclusions to `into` (`other` may be `into`). */
export function mergeExclusions(into: ExclusionState, other: ExclusionState): void {
  const entries = Object.entries(other.byField);
  into.count += other.count;
  for (const [field, n] of entries) into.byField[field] = (into.byField[field] ?? 0) + n;
}

/** Whether `value` is an {@link ExclusionState} whose counts add up. */
export function isExclusionState(value: unknown): boolean {
  const e = value as ExclusionState | null;
  if (e === null || typeof e !== "object" || !isCount(e.count) || e.byField === null || typeof e.byField !== "object") return false;
  let sum = 0;
  for (const n of Object.values(e.byField)) {
    if (!isCount(n)) return false;
    sum += n;
  }
  return sum === e.count;
}

/** A copy of an {@link ExclusionState}, fields in name order, without prototype. */
export function readExclusions(state: ExclusionState): Exclusions {
  const byField = Object.create(null) as Record<string, number>;
  for (const field of Object.keys(state.byField).sort()) byField[field] = state.byField[field] as number;
  return { count: state.count, byField };
}

/**
 * The one way an operational metric handles a bad record: throw a {@link CxMetricsError} that names
 * the record and field, or, with `onInvalid: "skip"`, count it under the field.
 */
export function reject(fn: string, skip: boolean, excluded: ExclusionState, index: number, field: string, value: unknown, expected: string): void {
  if (!skip) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field, index, value, expected });
  excluded.count++;
  excluded.byField[field] = (excluded.byField[field] ?? 0) + 1;
}

/** What a record is expected to be when it is not an object. */
export const RECORD_EXPECTED = "an object (a record)";
