import { CxMetricsError } from "../../core/errors.ts";
import { isFiniteNumber } from "../../core/state.ts";
import type { IntervalSettings, ProportionIntervalMethod } from "../../stats/estimates.ts";
import type { BusinessCalendar } from "../../time/calendar.ts";
import type { OpenItems, OpenState } from "../ops-types.ts";
import { durationState, pushDuration, readDurations } from "./durations.ts";
import { elapsed } from "./instants.ts";

/** An empty {@link OpenState}. */
export function openState(): OpenState {
  return { starts: [], latest: -Infinity };
}

/** Appends `other`'s open items to `into` (`other` may be `into`: its length is read first). */
export function mergeOpen(into: OpenState, other: OpenState): void {
  const n = other.starts.length;
  for (let i = 0; i < n; i++) into.starts.push(other.starts[i] as number);
  if (other.latest > into.latest) into.latest = other.latest;
}

/** Whether `value` is an {@link OpenState}. */
export function isOpenState(value: unknown): boolean {
  const o = value as OpenState | null;
  return o !== null && typeof o === "object" && Array.isArray(o.starts) && (o.latest === -Infinity || isFiniteNumber(o.latest)) && o.starts.every((t) => isFiniteNumber(t) && t <= o.latest);
}

/**
 * Reads open items' ages at `asOf` (the option, else the latest instant seen).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `asOf` is before an open item's start.
 */
export function readOpen(fn: string, state: OpenState, asOfOption: number | undefined, calendar: BusinessCalendar | undefined, rates: IntervalSettings<ProportionIntervalMethod>): OpenItems {
  const asOf = asOfOption ?? (Number.isFinite(state.latest) ? state.latest : null);
  const ages = durationState();
  for (const start of state.starts) {
    if (start > (asOf as number)) {
      throw new CxMetricsError({
        code: "INVALID_OPTION",
        fn,
        field: "asOf",
        value: new Date(asOf as number),
        expected: `an instant at or after every open item's start (one starts at ${new Date(start).toISOString()})`,
      });
    }
    pushDuration(ages, elapsed(calendar, start, asOf as number), Number.NaN);
  }
  return { count: state.starts.length, age: readDurations(ages, Number.NaN, rates), asOf };
}
