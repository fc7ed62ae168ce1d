import { CxMetricsError } from "../core/errors.ts";
import type { Estimate, Interval } from "../core/estimate.ts";
import { checkOptions } from "../core/options.ts";

/**
 * Options shared by the formatting helpers.
 *
 * @category Format
 * @example
 * ```ts
 * const options: FormatOptions = { locale: "de-DE", digits: 2 };
 * ```
 */
export interface FormatOptions {
  /**
   * A BCP 47 locale for digits, separators and unit words where `Intl` has them.
   * @defaultValue "en-US"
   */
  readonly locale?: string;
  /**
   * Digits after the decimal point. The helper's own default is given with each helper.
   */
  readonly digits?: number;
  /**
   * What to print for a value that does not exist (`null`, an empty group's estimate).
   * @defaultValue "-"
   */
  readonly missing?: string;
}

/**
 * Options of {@link formatScore} and {@link formatNumber}: {@link FormatOptions} and the sign.
 *
 * @category Format
 * @example
 * ```ts
 * const options: ScoreFormatOptions = { signed: true };
 * ```
 */
export interface ScoreFormatOptions extends FormatOptions {
  /**
   * Show `+` on values above zero (for changes and net scores). Zero, and values that round to
   * zero, never carry a sign.
   * @defaultValue false
   */
  readonly signed?: boolean;
}

/**
 * How {@link formatEstimate} and {@link formatInterval} print the numbers of an estimate.
 *
 * @category Format
 * @example
 * ```ts
 * const unit: EstimateUnit = "percent";
 * ```
 */
export type EstimateUnit = "score" | "percent" | "duration" | "number";

/**
 * Options of {@link formatEstimate} and {@link formatInterval}.
 *
 * @category Format
 * @example
 * ```ts
 * const options: EstimateFormatOptions = { unit: "percent", interval: "brackets" };
 * ```
 */
export interface EstimateFormatOptions extends ScoreFormatOptions {
  /**
   * How the numbers read: `"score"` (one decimal, NPS and means), `"percent"` (one decimal and `%`:
   * CSAT, rates, service level), `"duration"` (milliseconds as {@link formatDuration}), `"number"`
   * (`digits`, default 2).
   * @defaultValue "score"
   */
  readonly unit?: EstimateUnit;
  /**
   * How {@link formatEstimate} shows the interval: `"ci"` (`12.3 (95% CI 8.1 to 16.4)`), `"brackets"`
   * (`12.3 [8.1, 16.4]`), `"none"`.
   * @defaultValue "ci"
   */
  readonly interval?: "ci" | "brackets" | "none";
}

const FORMAT_KEYS: readonly string[] = ["locale", "digits", "missing"];
const SCORE_KEYS: readonly string[] = [...FORMAT_KEYS, "signed"];
const ESTIMATE_KEYS: readonly string[] = [...SCORE_KEYS, "unit", "interval"];

interface Settings {
  readonly locale: string;
  readonly digits: number | undefined;
  readonly missing: string;
  readonly signed: boolean;
}

function settings(fn: string, options: unknown, keys: readonly string[]): Settings & { readonly raw: Readonly<Record<string, unknown>> } {
  const o = checkOptions(fn, options, keys);
  const locale = o["locale"] ?? "en-US";
  if (typeof locale !== "string" || !isLocale(locale)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "locale", value: locale, expected: 'a BCP 47 locale such as "en-US" or "de-DE"' });
  const digits = o["digits"];
  if (digits !== undefined && !(Number.isInteger(digits) && (digits as number) >= 0 && (digits as number) <= 10)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "digits", value: digits, expected: "an integer from 0 to 10" });
  }
  const missing = o["missing"] ?? "-";
  if (typeof missing !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "missing", value: missing, expected: "a string" });
  const signed = o["signed"] ?? false;
  if (typeof signed !== "boolean") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "signed", value: signed, expected: "true or false" });
  return { locale, digits: digits as number | undefined, missing, signed, raw: o };
}

const localeOk = new Map<string, boolean>();
function isLocale(locale: string): boolean {
  let ok = localeOk.get(locale);
  if (ok === undefined) {
    try {
      ok = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 || Intl.getCanonicalLocales(locale).length > 0;
    } catch {
      ok = false;
    }
    if (localeOk.size < 256) localeOk.set(locale, ok);
  }
  return ok;
}

// Intl.NumberFormat is slow to build and fast to use: one per (locale, digits, sign, style), kept.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, digits: number, signed: boolean, percent: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${signed ? 1 : 0}|${percent ? 1 : 0}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      // Values that round to zero are made +0 before formatting (see `fmt`), so "auto" never
      // prints "-0.0" ("negative" would, but is newer than some runtimes we support).
      signDisplay: signed ? "exceptZero" : "auto",
      ...(percent ? { style: "percent" as const } : {}),
    });
    if (formatters.size > 512) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** Formats `x`, printing values that round to zero as zero (no "-0.0"). */
function fmt(f: Intl.NumberFormat, digits: number, x: number): string {
  return f.format(Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x);
}

function numberOf(fn: string, value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === "object" && isEstimateLike(value)) {
    return value.value;
  }
  throw new CxMetricsError({ code: "INVALID_INPUT", fn, field, value, expected: "a finite number, an Estimate or null" });
}

function isEstimateLike(value: object): value is Estimate {
  const v = value as Partial<Estimate>;
  return typeof v.value === "number" && Number.isFinite(v.value) && typeof v.interval === "object" && v.interval !== null;
}

/**
 * A number with a fixed number of decimals, grouped for the locale: `formatNumber(1234.5)` is
 * `"1,234.50"`.
 *
 * Rounding is `Intl.NumberFormat`'s (half away from zero on the decimal value printed); a value that
 * rounds to zero prints without a sign (`"0.00"`, never `"-0.00"`). `null` and `undefined` print
 * `missing`.
 *
 * @param value - A finite number, an {@link Estimate} (its `value`), or `null`.
 * @param options - `digits` (default 2), `locale`, `signed`, `missing`.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for anything else (NaN, a string); `INVALID_OPTION`
 * for a bad option.
 * @category Format
 * @example
 * ```ts
 * formatNumber(1234.5); // => "1,234.50"
 * formatNumber(-0.001, { digits: 1 }); // => "0.0"
 * ```
 */
export function formatNumber(value: number | Estimate | null | undefined, options?: ScoreFormatOptions): string {
  const fn = "formatNumber";
  const s = settings(fn, options, SCORE_KEYS);
  const x = numberOf(fn, value, "value");
  return x === null ? s.missing : fmt(formatter(s.locale, s.digits ?? 2, s.signed, false), s.digits ?? 2, x);
}

/**
 * A score (NPS, a mean rating, a net score) as people read it: one decimal by default,
 * `formatScore(-20.666666666666668)` is `"-20.7"`.
 *
 * @param value - A finite number, an {@link Estimate} (its `value`), or `null`.
 * @param options - `digits` (default 1), `signed` (default false: `+` on positive values for
 * changes), `locale`, `missing`.
 * @throws {@link CxMetricsError} as {@link formatNumber}.
 * @category Format
 * @example
 * ```ts
 * formatScore(-20.666666666666668); // => "-20.7"
 * formatScore(3.25, { signed: true }); // => "+3.3"
 * formatScore(null); // => "-"
 * ```
 */
export function formatScore(value: number | Estimate | null | undefined, options?: ScoreFormatOptions): string {
  const fn = "formatScore";
  const s = settings(fn, options, SCORE_KEYS);
  const x = numberOf(fn, value, "value");
  return x === null ? s.missing : fmt(formatter(s.locale, s.digits ?? 1, s.signed, false), s.digits ?? 1, x);
}

/**
 * A share given in percent (the library's shares run from 0 to 100) with its percent sign in the
 * locale's style: `formatPercent(85.24)` is `"85.2%"`, `"85,2 %"` in `de-DE`.
 *
 * @param value - A percentage (0..100, or any finite number), an {@link Estimate}, or `null`.
 * @param options - `digits` (default 1), `locale`, `signed`, `missing`.
 * @throws {@link CxMetricsError} as {@link formatNumber}.
 * @category Format
 * @example
 * ```ts
 * formatPercent(85.24); // => "85.2%"
 * formatPercent(85.24, { locale: "de-DE" }); // => "85,2 %"
 * ```
 */
export function formatPercent(value: number | Estimate | null | undefined, options?: ScoreFormatOptions): string {
  const fn = "formatPercent";
  const s = settings(fn, options, SCORE_KEYS);
  const x = numberOf(fn, value, "value");
  return x === null ? s.missing : fmt(formatter(s.locale, s.digits ?? 1, s.signed, true), (s.digits ?? 1) + 2, x / 100);
}

/**
 * A count with the locale's thousands separators: `formatCount(12345)` is `"12,345"`.
 *
 * @param value - A finite number (rounded to an integer), or `null`.
 * @param options - `locale`, `missing` (`digits` is refused: counts have none).
 * @throws {@link CxMetricsError} `INVALID_INPUT` for anything else.
 * @category Format
 * @example
 * ```ts
 * formatCount(12345); // => "12,345"
 * formatCount(12345, { locale: "de-DE" }); // => "12.345"
 * ```
 */
export function formatCount(value: number | null | undefined, options?: Omit<FormatOptions, "digits">): string {
  const fn = "formatCount";
  const s = settings(fn, options, ["locale", "missing"]);
  if (value !== null && value !== undefined && typeof value !== "number") throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "value", value, expected: "a finite number or null" });
  const x = numberOf(fn, value, "value");
  return x === null ? s.missing : fmt(formatter(s.locale, 0, false, false), 0, Math.round(x));
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in milliseconds as people read it, two units at most, the second one padded:
 * `"4 min 05 s"`, `"1 h 02 min"`, `"3 d 04 h"`; `"45 s"`, `"4.2 s"` under ten seconds, `"350 ms"`
 * under a second. Rounded to the smallest unit shown (so 4 min 59.6 s is `"5 min 00 s"`).
 * Negative durations keep their sign.
 *
 * @param value - Milliseconds (a finite number), an {@link Estimate} of them, or `null`.
 * @param options - `locale` (the decimal separator under ten seconds), `missing`.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for anything else.
 * @category Format
 * @example
 * ```ts
 * formatDuration(245_000); // => "4 min 05 s"
 * formatDuration(3_720_000); // => "1 h 02 min"
 * formatDuration(4_200); // => "4.2 s"
 * ```
 */
export function formatDuration(value: number | Estimate | null | undefined, options?: Omit<FormatOptions, "digits">): string {
  const fn = "formatDuration";
  const s = settings(fn, options, ["locale", "missing"]);
  const x = numberOf(fn, value, "value");
  return x === null ? s.missing : durationText(x, s.locale);
}

function durationText(ms: number, locale: string): string {
  const sign = ms < 0 ? "-" : "";
  const a = Math.abs(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  if (a < SECOND) {
    const r = Math.round(a);
    if (r < SECOND) return `${r === 0 ? "" : sign}${r} ms`;
  }
  if (a < 10 * SECOND) {
    const tenths = Math.round(a / 100);
    if (tenths < 100) return `${sign}${fmt(formatter(locale, 1, false, false), 1, tenths / 10)} s`;
  }
  if (a < MINUTE) {
    const sec = Math.round(a / SECOND);
    if (sec < 60) return `${sign}${sec} s`;
  }
  if (a < HOUR) {
    const sec = Math.round(a / SECOND);
    if (sec < 3600) return `${sign}${Math.floor(sec / 60)} min ${pad(sec % 60)} s`;
  }
  if (a < DAY) {
    const min = Math.round(a / MINUTE);
    if (min < 1440) return `${sign}${Math.floor(min / 60)} h ${pad(min % 60)} min`;
  }
  const hours = Math.round(a / HOUR);
  return `${sign}${fmt(formatter(locale, 0, false, false), 0, Math.floor(hours / 24))} d ${pad(hours % 24)} h`;
}

function unitText(fn: string, x: number, unit: EstimateUnit, s: Settings): string {
  switch (unit) {
    case "percent":
      return fmt(formatter(s.locale, s.digits ?? 1, s.signed, true), (s.digits ?? 1) + 2, x / 100);
    case "duration":
      return durationText(x, s.locale);
    case "number":
      return fmt(formatter(s.locale, s.digits ?? 2, s.signed, false), s.digits ?? 2, x);
    case "score":
      return fmt(formatter(s.locale, s.digits ?? 1, s.signed, false), s.digits ?? 1, x);
    default:
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "unit", value: unit, expected: '"score", "percent", "duration" or "number"' });
  }
}

function readUnit(fn: string, raw: Readonly<Record<string, unknown>>): EstimateUnit {
  const unit = raw["unit"] ?? "score";
  if (unit !== "score" && unit !== "percent" && unit !== "duration" && unit !== "number") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "unit", value: unit, expected: '"score", "percent", "duration" or "number"' });
  }
  return unit;
}

function checkInterval(fn: string, value: unknown, field: string): Interval | null {
  if (value === null || value === undefined) return null;
  const i = value as Partial<Interval>;
  if (typeof value === "object" && typeof i.lower === "number" && typeof i.upper === "number" && Number.isFinite(i.lower) && Number.isFinite(i.upper)) return value as Interval;
  throw new CxMetricsError({ code: "INVALID_INPUT", fn, field, value, expected: "an Interval { lower, upper, level, ... } or null" });
}

/**
 * An interval's bounds in the estimate's unit: `"8.1 to 16.4"`.
 *
 * @param interval - An {@link Interval} (as in every {@link Estimate}) or `null`.
 * @param options - `unit` (default `"score"`), `digits`, `locale`, `signed`, `missing`.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not an interval.
 * @category Format
 * @example
 * ```ts
 * formatInterval({ lower: 8.12, upper: 16.44, center: 12.3, level: 95, method: "wald" }); // => "8.1 to 16.4"
 * ```
 */
export function formatInterval(interval: Interval | null | undefined, options?: Omit<EstimateFormatOptions, "interval">): string {
  const fn = "formatInterval";
  const s = settings(fn, options, ESTIMATE_KEYS.filter((k) => k !== "interval"));
  const unit = readUnit(fn, s.raw);
  const i = checkInterval(fn, interval, "interval");
  return i === null ? s.missing : `${unitText(fn, i.lower, unit, s)} to ${unitText(fn, i.upper, unit, s)}`;
}

/**
 * An estimate with its interval, as a report prints it: `"+12.3 (95% CI 8.1 to 16.4)"`.
 *
 * @param estimate - An {@link Estimate} or `null` (an empty group prints `missing`).
 * @param options - `unit` (default `"score"`), `interval` (`"ci"`, `"brackets"`, `"none"`),
 * `digits`, `locale`, `signed`, `missing`.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not an estimate.
 * @category Format
 * @example
 * ```ts
 * const e = { value: 12.34, standardError: 2.1, n: 400, interval: { lower: 8.12, upper: 16.44, center: 12.34, level: 95, method: "wald" } };
 * formatEstimate(e, { signed: true }); // => "+12.3 (95% CI 8.1 to 16.4)"
 * formatEstimate(e, { interval: "brackets" }); // => "12.3 [8.1, 16.4]"
 * ```
 */
export function formatEstimate(estimate: Estimate | null | undefined, options?: EstimateFormatOptions): string {
  const fn = "formatEstimate";
  const s = settings(fn, options, ESTIMATE_KEYS);
  const unit = readUnit(fn, s.raw);
  const style = s.raw["interval"] ?? "ci";
  if (style !== "ci" && style !== "brackets" && style !== "none") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "interval", value: style, expected: '"ci", "brackets" or "none"' });
  if (estimate === null || estimate === undefined) return s.missing;
  if (typeof estimate !== "object" || !isEstimateLike(estimate)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "estimate", value: estimate, expected: "an Estimate { value, interval, ... } or null" });
  const i = checkInterval(fn, estimate.interval, "estimate.interval") as Interval;
  const value = unitText(fn, estimate.value, unit, s);
  if (style === "none") return value;
  const bounds = { ...s, signed: false };
  const lower = unitText(fn, i.lower, unit, bounds);
  const upper = unitText(fn, i.upper, unit, bounds);
  if (style === "brackets") return `${value} [${lower}, ${upper}]`;
  const level = typeof i.level === "number" && Number.isFinite(i.level) ? `${Number(i.level.toPrecision(6))}% CI ` : "";
  return `${value} (${level}${lower} to ${upper})`;
}

/**
 * A p-value as reports print it: `"p < 0.001"` below a thousandth, else `"p = 0.032"`.
 *
 * @param value - A p-value from 0 to 1, or `null` (no test possible).
 * @param options - `missing` (default `"p n/a"`), `locale`.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a number outside 0..1 or not a number.
 * @category Format
 * @example
 * ```ts
 * formatPValue(0.0321); // => "p = 0.032"
 * formatPValue(0.00001); // => "p < 0.001"
 * ```
 */
export function formatPValue(value: number | null | undefined, options?: Omit<FormatOptions, "digits">): string {
  const fn = "formatPValue";
  const s = settings(fn, options, ["locale", "missing"]);
  if (value === null || value === undefined) return s.raw["missing"] === undefined ? "p n/a" : s.missing;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "value", value, expected: "a p-value from 0 to 1 or null" });
  const f = formatter(s.locale, 3, false, false);
  return value < 0.001 ? `p < ${f.format(0.001)}` : `p = ${f.format(value)}`;
}
