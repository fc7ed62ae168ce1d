import { CxMetricsError } from "../core/errors.ts";
import { checkChoice, checkOptions } from "../core/options.ts";
import { epochMsOrNaN } from "./instant.ts";
import { DAY_MS, inZonedRange, zoneOffsets, type ZoneOffsets } from "./zone.ts";

/**
 * What to do with a local time that a DST change makes ambiguous, as Temporal's `disambiguation`:
 *
 * - `"compatible"` (default, the behaviour of `Date`, RFC 5545 and Temporal): a time in the hour that
 *   occurs twice (clocks go back) is the earlier instant; a time in the hour that does not exist
 *   (clocks go forward) is moved forward by the length of the gap (02:30 becomes 03:30).
 * - `"earlier"`: the earlier instant in both cases (a skipped 02:30 becomes 01:30).
 * - `"later"`: the later instant in both cases (a repeated 02:30 is the second one).
 * - `"reject"`: throw for both.
 *
 * @category Time
 * @example
 * ```ts
 * const choice: Disambiguation = "reject";
 * ```
 */
export type Disambiguation = "compatible" | "earlier" | "later" | "reject";

const DISAMBIGUATIONS: readonly Disambiguation[] = ["compatible", "earlier", "later", "reject"];

/**
 * Options of {@link parseLocalTime} and {@link localTimeParser}.
 *
 * @category Time
 * @example
 * ```ts
 * const options: LocalTimeOptions = { timeZone: "Europe/Berlin", disambiguation: "reject" };
 * ```
 */
export interface LocalTimeOptions {
  /** The IANA time zone the wall-clock times were written in. */
  readonly timeZone: string;
  /**
   * The instant a time in a DST gap or overlap stands for.
   * @defaultValue "compatible"
   */
  readonly disambiguation?: Disambiguation;
}

const LOCAL_KEYS: readonly string[] = ["timeZone", "disambiguation"];
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const EXPECTED = "a local date-time YYYY-MM-DD[ HH:mm[:ss[.sss]]] (or an ISO 8601 date-time with an offset)";

/**
 * Reads wall-clock strings of one time zone as instants.
 *
 * @category Time
 */
class LocalTimeReader {
  readonly zone: ZoneOffsets;
  private readonly disambiguation: Disambiguation;
  private readonly fn: string;

  constructor(fn: string, options: unknown) {
    const o = checkOptions(fn, options, LOCAL_KEYS);
    if (o["timeZone"] === undefined) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "timeZone", value: undefined, expected: 'the IANA time zone the times were written in, e.g. "Europe/Berlin"' });
    }
    this.fn = fn;
    this.zone = zoneOffsets(fn, o["timeZone"]);
    this.disambiguation = checkChoice(fn, "disambiguation", o["disambiguation"], DISAMBIGUATIONS, "compatible");
  }

  read(value: unknown, index?: number): number {
    if (typeof value === "string") {
      const m = LOCAL_TIME.exec(value);
      if (m !== null) return this.resolve(value, m, index);
      if (HAS_OFFSET.test(value)) {
        const t = epochMsOrNaN(value);
        if (inZonedRange(t)) return t;
      }
    }
    throw this.invalid(value, index, EXPECTED);
  }

  private invalid(value: unknown, index: number | undefined, expected: string): CxMetricsError {
    return new CxMetricsError({ code: "INVALID_VALUE", fn: this.fn, field: "value", ...(index === undefined ? {} : { index }), value, expected });
  }

  private resolve(value: string, m: RegExpExecArray, index: number | undefined): number {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const hour = m[4] === undefined ? 0 : Number(m[4]);
    const minute = m[5] === undefined ? 0 : Number(m[5]);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-7);
    const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    const check = new Date(local);
    if (
      month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 ||
      check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || !inZonedRange(local)
    ) {
      throw this.invalid(value, index, `${EXPECTED}: a real date and time from 1800 to 2400`);
    }
    const zone = this.zone;
    const before = zone.offsetAt(local - DAY_MS);
    const after = zone.offsetAt(local + DAY_MS);
    const t1 = local - before;
    const t2 = local - after;
    const ok1 = t1 + zone.offsetAt(t1) === local;
    const ok2 = t2 + zone.offsetAt(t2) === local;
    if (ok1 && ok2 && t1 !== t2) {
      // The hour that occurs twice: two instants show this wall-clock time.
      if (this.disambiguation === "reject") throw this.invalid(value, index, `a time that occurs once in ${zone.timeZone} (it occurs twice when clocks go back; choose disambiguation "earlier" or "later")`);
      return this.disambiguation === "later" ? Math.max(t1, t2) : Math.min(t1, t2);
    }
    if (ok1) return t1;
    if (ok2) return t2;
    // The hour that does not exist: clocks went forward past it. `before` is the offset before the gap.
    if (this.disambiguation === "reject") throw this.invalid(value, index, `a time that exists in ${zone.timeZone} (clocks go forward past it; choose disambiguation "compatible", "earlier" or "later")`);
    const small = Math.min(before, after);
    const large = Math.max(before, after);
    return this.disambiguation === "earlier" ? local - large : local - small;
  }
}

/**
 * Reads a local wall-clock time written without an offset (`"2026-03-08 02:30:00"`, the way most
 * exports write them) as the instant it names in `timeZone`, in epoch ms.
 *
 * Accepted: `YYYY-MM-DD`, then optionally `T` or a space and `HH:mm`, `:ss` and a fraction of up to 9
 * digits (kept to the millisecond, truncated). A date alone is local midnight. A string that carries
 * its own offset (`...Z`, `...+05:30`) is read as that instant: its offset is authoritative. Times in
 * the hour that a DST change skips or repeats follow `disambiguation` ({@link Disambiguation}).
 *
 * For many values, build the reader once with {@link localTimeParser}.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a string that is not a real local date-time from
 * 1800 to 2400 (or, with `"reject"`, a skipped or repeated time); `INVALID_OPTION` for a missing or
 * unknown time zone or a bad option.
 * @category Time
 * @example
 * ```ts
 * parseLocalTime("2026-03-08 02:30", { timeZone: "America/New_York" }); // the hour clocks skip
 * // => Date.parse("2026-03-08T03:30:00-04:00")
 * parseLocalTime("2026-11-01 01:30", { timeZone: "America/New_York", disambiguation: "later" });
 * // => Date.parse("2026-11-01T01:30:00-05:00")
 * ```
 */
export function parseLocalTime(value: string, options: LocalTimeOptions): number {
  return new LocalTimeReader("parseLocalTime", options).read(value);
}

/**
 * A reader of local wall-clock times in one zone: {@link parseLocalTime} with the zone's offsets cached
 * across calls (one `Intl` call per new UTC day, then a few arithmetic steps per value). The second
 * argument, a record index, is named in errors.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options; the reader throws as
 * {@link parseLocalTime} does.
 * @category Time
 * @example
 * ```ts
 * const read = localTimeParser({ timeZone: "Europe/Berlin" });
 * ["2026-03-01 09:00", "2026-07-01 09:00"].map((s) => read(s));
 * // => [Date.parse("2026-03-01T08:00:00Z"), Date.parse("2026-07-01T07:00:00Z")]
 * ```
 */
export function localTimeParser(options: LocalTimeOptions): (value: unknown, index?: number) => number {
  const reader = new LocalTimeReader("localTimeParser", options);
  return (value: unknown, index?: number): number => reader.read(value, index);
}
