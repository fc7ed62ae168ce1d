import { checkOnInvalid } from "../../core/options.ts";
import { intervalSettings, PROPORTION_METHODS, type IntervalSettings, type ProportionIntervalMethod } from "../../stats/estimates.ts";
import type { BusinessCalendar } from "../../time/calendar.ts";
import { checkDurationOption } from "../../time/duration.ts";
import { checkAsOf, checkBusinessHours } from "./instants.ts";

/** The options FRT and ART share, checked once: calendar, target, `asOf`, interval settings, `onInvalid`. */
export interface TimeOptions {
  readonly calendar: BusinessCalendar | undefined;
  /** The target in ms, NaN when none. */
  readonly target: number;
  readonly asOf: number | undefined;
  readonly rates: IntervalSettings<ProportionIntervalMethod>;
  readonly skip: boolean;
}

/** Reads the options FRT and ART share from checked options. */
export function timeOptions(fn: string, o: Readonly<Record<string, unknown>>): TimeOptions {
  return {
    calendar: checkBusinessHours(fn, o["businessHours"]),
    target: checkDurationOption(fn, "target", o["target"], Number.NaN),
    asOf: checkAsOf(fn, o["asOf"]),
    rates: intervalSettings(fn, o, PROPORTION_METHODS, "wilson"),
    skip: checkOnInvalid(fn, o["onInvalid"]),
  };
}
