import { fold, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { checkChoice, checkOnInvalid, checkOptions, NOT_A_RECORD, readAccessor, type InvalidOptions } from "../core/options.ts";
import type { Contact, Instant } from "../core/records.ts";
import { checkDefinition, checkPart, definitionOf, isCount } from "../core/state.ts";
import { listPeriods, PERIOD_UNITS, PeriodScheme, type PeriodUnit } from "../time/period.ts";
import { DAY_MS, HOUR_MS, isoWeekday, zoneOffsets, type ZoneOffsets } from "../time/zone.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import { INSTANT_FIELD_EXPECTED, instantOrNaN } from "./internal/instants.ts";
import type { ExclusionState, Exclusions } from "./ops-types.ts";

/**
 * A calendar period in the center's time zone.
 *
 * @category Operations
 * @example
 * ```ts
 * const period: VolumePeriod = "week";
 * ```
 */
export type VolumePeriod = PeriodUnit;

/**
 * Weekday names, Monday first (ISO 8601 order): the rows of the heatmap.
 *
 * @category Operations
 * @example
 * ```ts
 * const day: Weekday = "monday";
 * ```
 */
export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

const WEEKDAY_NAMES: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

const VOLUME_KEYS: readonly string[] = ["timeZone", "period", "weekStartsOn", "at", "onInvalid"];

/**
 * Options of {@link volume} and {@link volumeMetric}, with the shared `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: VolumeOptions = { timeZone: "Europe/Berlin", period: "week" };
 * ```
 */
export interface VolumeOptions<T = Contact> extends InvalidOptions {
  /**
   * The IANA time zone periods, hours and weekdays are read in: the center's.
   * @defaultValue "UTC"
   */
  readonly timeZone?: string;
  /**
   * The period of the series.
   * @defaultValue "day"
   */
  readonly period?: VolumePeriod;
  /**
   * First day of a week, for `period: "week"`: 1 = Monday (ISO 8601) ... 7 = Sunday.
   * @defaultValue 1
   */
  readonly weekStartsOn?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /**
   * When the contact happened: a function or a field name.
   * @defaultValue `"arrived"`
   */
  readonly at?: Reader<T, Instant | null | undefined>;
}

/**
 * The busiest local hour of the day in a {@link VolumeResult}.
 *
 * @category Operations
 * @example
 * ```ts
 * const peak: HourPeak = { hour: 10, count: 704 };
 * ```
 */
export interface HourPeak {
  /** Local hour, 0-23. */
  readonly hour: number;
  /** Contacts in that hour, over all days. */
  readonly count: number;
}

/**
 * The busiest local weekday in a {@link VolumeResult}.
 *
 * @category Operations
 * @example
 * ```ts
 * const peak: WeekdayPeak = { weekday: "monday", count: 1227 };
 * ```
 */
export interface WeekdayPeak {
  /** The weekday. */
  readonly weekday: Weekday;
  /** Contacts on that weekday, over all weeks. */
  readonly count: number;
}

/**
 * The busiest cell of the hour-of-week heatmap in a {@link VolumeResult}.
 *
 * @category Operations
 * @example
 * ```ts
 * const peak: HourOfWeekPeak = { weekday: "monday", hour: 10, count: 158 };
 * ```
 */
export interface HourOfWeekPeak {
  /** The weekday. */
  readonly weekday: Weekday;
  /** Local hour, 0-23. */
  readonly hour: number;
  /** Contacts in that hour of the week, over all weeks. */
  readonly count: number;
}

/**
 * One period of a {@link VolumeResult} series.
 *
 * @category Operations
 * @example
 * ```ts
 * const period: VolumeCount = { label: "2026-03", start: 1772319600000, count: 812 };
 * ```
 */
export interface VolumeCount {
  /** The period's local label (see {@link Period}): `2026-03-02T09:00`, `2026-03-02`, `2026-W10`, `2026-03`, `2026-Q1`, `2026-H1`, `2026`. */
  readonly label: string;
  /** The instant the period starts (epoch ms): local midnight, or the first instant after it in a DST gap. */
  readonly start: number;
  /** Contacts in the period. */
  readonly count: number;
}

/**
 * The result of {@link volume}.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: VolumeResult = volume(contacts, { timeZone: "Europe/Berlin" });
 * ```
 */
export interface VolumeResult {
  /** All contacts counted. */
  readonly total: number;
  /** Contacts per period, in time order, from the first period with a contact to the last, gaps as 0. */
  readonly periods: readonly VolumeCount[];
  /** Contacts per local weekday (rows, Monday first) and hour (columns, 0-23): the peak-time heatmap. */
  readonly heatmap: readonly (readonly number[])[];
  /** The busiest hour of the day (summed over weekdays); `null` when empty. Ties go to the earlier. */
  readonly peakHour: HourPeak | null;
  /** The busiest weekday; `null` when empty. Ties go to the earlier (Monday first). */
  readonly peakWeekday: WeekdayPeak | null;
  /** The busiest cell of the heatmap; `null` when empty. */
  readonly peakHourOfWeek: HourOfWeekPeak | null;
  /** The busiest period of the series; `null` when empty. */
  readonly peakPeriod: VolumeCount | null;
  /** The time zone used (canonical IANA name). */
  readonly timeZone: string;
  /** Contacts left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link volumeMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: VolumeState = volumeMetric().init();
 * ```
 */
export interface VolumeState {
  /** The definition the state was folded under: time zone, period and week start. */
  readonly definition: string;
  /** Contacts per period key, by `period`: local hours, days or weeks since 1970-01-01, or months, quarters, half-years or years since year 0. */
  counts: Map<number, number>;
  /** Contacts per hour of the week: index (ISO weekday - 1)·24 + hour. */
  heat: Float64Array;
  /** Contacts counted. */
  total: number;
  /** Contacts skipped as invalid. */
  excluded: ExclusionState;
}


class VolumeMetric<T> implements Metric<T, VolumeState, VolumeResult> {
  readonly name = "volume";
  /** Volume is a count: it has no estimate to headline. */
  readonly headline = null;
  private readonly definition: string;
  private readonly zone: ZoneOffsets;
  private readonly scheme: PeriodScheme;
  private readonly at: Accessor<T, unknown>;
  /** The field named in errors: `arrived` when read by default, `at` when read by your accessor. */
  private readonly atField: string;
  private readonly skip: boolean;

  constructor(options: VolumeOptions<T> | undefined) {
    const o = checkOptions(this.name, options, VOLUME_KEYS);
    this.zone = zoneOffsets(this.name, o["timeZone"] ?? "UTC");
    this.scheme = new PeriodScheme(this.name, { period: checkChoice(this.name, "period", o["period"], PERIOD_UNITS, "day"), weekStartsOn: o["weekStartsOn"] }, this.zone);
    this.at = readAccessor<T, unknown>(this.name, "at", o["at"] ?? "arrived") as Accessor<T, unknown>;
    this.atField = o["at"] === undefined ? "arrived" : typeof o["at"] === "string" ? o["at"] : "at";
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
    this.definition = definitionOf(this.name, { timeZone: this.zone.timeZone, period: this.scheme.unit, weekStartsOn: this.scheme.weekStartsOn });
  }

  init(): VolumeState {
    return { definition: this.definition, counts: new Map(), heat: new Float64Array(168), total: 0, excluded: exclusionState() };
  }

  add(state: VolumeState, contact: T, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? state.total + state.excluded.count;
    const raw = this.at(contact, i);
    if (raw === NOT_A_RECORD) return reject(this.name, this.skip, state.excluded, i, "record", contact, RECORD_EXPECTED);
    const t = instantOrNaN(raw);
    if (Number.isNaN(t)) return reject(this.name, this.skip, state.excluded, i, this.atField, raw, INSTANT_FIELD_EXPECTED);
    const local = t + this.zone.offsetAt(t);
    const day = Math.floor(local / DAY_MS);
    const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
    const weekday = isoWeekday(day);
    const cell = (weekday - 1) * 24 + hour;
    state.heat[cell] = (state.heat[cell] as number) + 1;
    const key = this.scheme.keyOfLocal(local);
    state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
    state.total++;
  }

  merge(into: VolumeState, other: VolumeState): void {
    this.check(into, "into");
    this.check(other, "other");
    const entries = [...other.counts];
    const heat = other.heat.slice();
    const total = other.total;
    for (const [key, n] of entries) into.counts.set(key, (into.counts.get(key) ?? 0) + n);
    for (let i = 0; i < 168; i++) into.heat[i] = (into.heat[i] as number) + (heat[i] as number);
    into.total += total;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: VolumeState): VolumeResult {
    this.check(state, "state");
    const periods: VolumeCount[] = [];
    if (state.counts.size > 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const key of state.counts.keys()) {
        if (key < lo) lo = key;
        if (key > hi) hi = key;
      }
      const list = listPeriods(this.name, this.scheme, lo, hi, this.atField);
      for (let k = 0; k < list.keys.length; k++) {
        const p = list.periods[k] as { label: string; start: number };
        periods.push({ label: p.label, start: p.start, count: state.counts.get(list.keys[k] as number) ?? 0 });
      }
    }
    const heatmap = WEEKDAY_NAMES.map((_, w) => Array.from(state.heat.subarray(w * 24, w * 24 + 24)));
    let peakHour: VolumeResult["peakHour"] = null;
    let peakWeekday: VolumeResult["peakWeekday"] = null;
    let peakHourOfWeek: VolumeResult["peakHourOfWeek"] = null;
    if (state.total > 0) {
      const byHour = Array.from({ length: 24 }, (_, h) => heatmap.reduce((sum, row) => sum + (row[h] as number), 0));
      const byWeekday = heatmap.map((row) => row.reduce((a, b) => a + b, 0));
      const h = argmax(byHour);
      const w = argmax(byWeekday);
      const cell = argmax(Array.from(state.heat));
      peakHour = { hour: h, count: byHour[h] as number };
      peakWeekday = { weekday: WEEKDAY_NAMES[w] as Weekday, count: byWeekday[w] as number };
      peakHourOfWeek = { weekday: WEEKDAY_NAMES[Math.floor(cell / 24)] as Weekday, hour: cell % 24, count: state.heat[cell] as number };
    }
    const peakPeriod = periods.length > 0 ? (periods[argmax(periods.map((p) => p.count))] as VolumeCount) : null;
    return { total: state.total, periods, heatmap, peakHour, peakWeekday, peakHourOfWeek, peakPeriod, timeZone: this.zone.timeZone, excluded: readExclusions(state.excluded) };
  }

  private check(state: VolumeState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const ok = state.counts instanceof Map && state.heat instanceof Float64Array && state.heat.length === 168 && isCount(state.total) && isExclusionState(state.excluded);
    checkPart(ok, this.name, this.definition, state, "counts or heatmap");
  }

}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * Contact volume as a mergeable fold ({@link Metric}). See {@link volume}.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options (an unknown time zone, say).
 * @category Operations
 * @example
 * ```ts
 * const metric = volumeMetric({ timeZone: "Asia/Kolkata" });
 * const state = metric.init();
 * metric.add(state, { arrived: "2026-03-02T20:00:00Z" }); // 01:30 on 3 March in Kolkata
 * metric.result(state).periods[0]?.label;
 * // => "2026-03-03"
 * ```
 */
export function volumeMetric<T = Contact>(options?: VolumeOptions<T>): Metric<T, VolumeState, VolumeResult> {
  return new VolumeMetric<T>(options);
}

/**
 * Contact volume per period and per hour of the week, in the center's time zone: the series for
 * staffing and trend charts, the heatmap for peak times, and the peak hour, weekday and period.
 *
 * Each contact is placed by its local wall-clock time in `timeZone` (offsets from `Intl`, resolved
 * once per day, not per record). The series runs from the first period with a contact to the last,
 * gaps filled with 0, so it can be charted as is. Heatmap cells are totals, not averages per week.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for an invalid instant, unless `onInvalid: "skip"`.
 * @category Operations
 * @example
 * ```ts
 * const result = volume(
 *   [
 *     { arrived: "2026-03-02T08:15:00Z" },
 *     { arrived: "2026-03-02T08:45:00Z" },
 *     { arrived: "2026-03-04T15:00:00Z" },
 *   ],
 *   { timeZone: "Europe/Berlin" },
 * );
 * [result.periods.map((p) => p.count), result.peakHour, result.peakWeekday?.weekday];
 * // => [[2, 0, 1], { hour: 9, count: 2 }, "monday"]
 * ```
 */
export function volume<T = Contact>(contacts: Iterable<T>, options?: VolumeOptions<T>): VolumeResult {
  const metric = new VolumeMetric<T>(options);
  return metric.result(fold(metric, contacts));
}
