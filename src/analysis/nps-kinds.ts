import { CxMetricsError } from "../core/errors.ts";
import type { Accessor, Reader } from "../core/metric.ts";
import { checkChoice, checkOptions, NOT_A_RECORD, readAccessor } from "../core/options.ts";
import type { Instant, SurveyResponse } from "../core/records.ts";
import { npsMetric, type NpsAnswer, type NpsDefinitionOptions, type NpsResult } from "../metrics/nps.ts";
import { instantOrNaN, INSTANT_FIELD_EXPECTED } from "../metrics/internal/instants.ts";
import type { Comparison } from "../stats/compare.ts";
import { series, type Series } from "./series.ts";
import { compareResults } from "./trends.ts";
import type { RatingState } from "../metrics/rating-types.ts";
import { PeriodScheme, type IsoWeekday, type PeriodUnit } from "../time/period.ts";

/**
 * One margin of the customer base to weight a survey to: the segment of each response and the known
 * share of each segment (shares are normalized to sum to 1).
 *
 * @category Survey
 * @example
 * ```ts
 * const margin: WeightingMargin<SurveyResponse> = { by: "channel", shares: { phone: 0.6, chat: 0.4 } };
 * ```
 */
export interface WeightingMargin<R> {
  /** The segment of a response, as a function or a field name. */
  readonly by: Reader<R, unknown>;
  /** Known share of each segment in the customer base, by the segment's string form. */
  readonly shares: Readonly<Record<string, number>>;
}

/**
 * Options of {@link relationshipNps}.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: RelationshipNpsOptions<SurveyResponse> = { wave: "wave", respondent: "customerId", weighting: [{ by: "region", shares: { north: 0.3, south: 0.7 } }] };
 * ```
 */
export interface RelationshipNpsOptions<R> extends NpsDefinitionOptions {
  /** The wave of a response (a field name such as `"wave"`, or a function of `respondedAt`). */
  readonly wave: Reader<R, unknown>;
  /**
   * The respondent: one answer per respondent per wave counts.
   * @defaultValue "customerId"
   */
  readonly respondent?: Reader<R, unknown>;
  /**
   * Which of a respondent's answers in a wave counts: the latest or the first, by `at` (ties: the
   * later or earlier in the input).
   * @defaultValue "latest"
   */
  readonly keep?: "latest" | "first";
  /**
   * When a response was given, to choose between duplicates.
   * @defaultValue "respondedAt"
   */
  readonly at?: Reader<R, Instant | null | undefined>;
  /**
   * The likelihood-to-recommend answer.
   * @defaultValue "nps"
   */
  readonly value?: Reader<R, NpsAnswer>;
  /**
   * Post-stratification weights so the sample matches the customer base: one margin weights each
   * segment to its share (cell weighting); two or more are raked (iterative proportional fitting).
   * Without it, answers are unweighted.
   */
  readonly weighting?: readonly WeightingMargin<R>[];
  /**
   * Confidence level of the intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
}

/**
 * The relationship NPS of one wave.
 *
 * @category Survey
 * @example
 * ```ts
 * const wave: WaveNps<string> = relationshipNps(responses, { wave: "wave" })[0]!;
 * ```
 */
export interface WaveNps<K> {
  /** The wave. */
  readonly wave: K;
  /** NPS over one answer per respondent (weighted when `weighting` is given: its `effectiveSize` is Kish's, and the interval uses it). */
  readonly nps: NpsResult;
  /** Responses in the wave, duplicates included. */
  readonly responses: number;
  /** Distinct respondents in the wave. */
  readonly respondents: number;
  /** Responses not counted because the respondent answered more than once: `responses - respondents`. */
  readonly duplicates: number;
  /** Kish's design effect of the weights, n/n_eff (1 without weights). */
  readonly designEffect: number;
}

const RELATIONSHIP_KEYS: readonly string[] = ["wave", "respondent", "keep", "at", "value", "weighting", "level", "scale", "promoterMin", "detractorMax"];

function readReader<R>(fn: string, field: string, value: unknown, fallback: string): Accessor<R, unknown> {
  return readAccessor<R, unknown>(fn, field, value ?? fallback) as Accessor<R, unknown>;
}

function checkMargins(fn: string, value: unknown): { by: Accessor<unknown, unknown>; shares: Map<string, number> }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "weighting", value, expected: "an array of margins { by, shares }, at least one" });
  return value.map((margin: unknown, i) => {
    const m = checkOptions(fn, margin, ["by", "shares"], `weighting[${i}]`);
    const by = readAccessor<unknown, unknown>(fn, `weighting[${i}].by`, m["by"]);
    const shares = m["shares"];
    const entries = shares !== null && typeof shares === "object" ? Object.entries(shares as Record<string, unknown>) : [];
    const sum = entries.reduce((s, [, v]) => s + (typeof v === "number" ? v : Number.NaN), 0);
    if (by === undefined || entries.length === 0 || !entries.every(([, v]) => typeof v === "number" && v > 0 && v < 1e100) || !(sum > 0)) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: `weighting[${i}]`, value: margin, expected: "{ by, shares } with by a function or field name and shares an object of positive numbers per segment" });
    }
    return { by, shares: new Map(entries.map(([k, v]) => [k, (v as number) / sum])) };
  });
}

/**
 * Weights that make the sample's margins match `margins`: one margin, cell weights share/(nₕ/n); more,
 * raking (iterative proportional fitting, Deming & Stephan 1940) to a relative change below 1e-10.
 * Weights are scaled to average 1.
 */
function rake(fn: string, wave: unknown, cells: string[][], margins: readonly { shares: Map<string, number> }[]): Float64Array {
  const n = cells.length;
  const w = new Float64Array(n).fill(1);
  for (let m = 0; m < margins.length; m++) {
    const shares = (margins[m] as { shares: Map<string, number> }).shares;
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const cell = (cells[i] as string[])[m] as string;
      if (!shares.has(cell)) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: `weighting[${m}].by`, index: i, value: cell, expected: `a segment with a known share (${[...shares.keys()].join(", ")})` });
      seen.add(cell);
    }
    for (const cell of shares.keys()) {
      if (!seen.has(cell)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: `weighting[${m}].shares`, value: `${String(wave)}: ${cell}`, expected: `at least one answer in every weighted segment of every wave (wave ${String(wave)} has none in "${cell}"): merge segments or drop the margin` });
    }
  }
  const iterations = margins.length === 1 ? 1 : 1000;
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let m = 0; m < margins.length; m++) {
      const shares = (margins[m] as { shares: Map<string, number> }).shares;
      const totals = new Map<string, number>();
      let all = 0;
      for (let i = 0; i < n; i++) {
        const cell = (cells[i] as string[])[m] as string;
        totals.set(cell, (totals.get(cell) ?? 0) + (w[i] as number));
        all += w[i] as number;
      }
      for (let i = 0; i < n; i++) {
        const cell = (cells[i] as string[])[m] as string;
        const factor = ((shares.get(cell) as number) * all) / (totals.get(cell) as number);
        change = Math.max(change, Math.abs(factor - 1));
        w[i] = (w[i] as number) * factor;
      }
    }
    if (change < 1e-10) break;
    if (it === iterations - 1 && margins.length > 1) {
      throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "weighting", value: `wave ${String(wave)}`, expected: "margins that raking can match (it did not converge in 1000 iterations: are the margins consistent with each other?)" });
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i] as number;
  for (let i = 0; i < n; i++) w[i] = ((w[i] as number) * n) / sum;
  return w;
}

/**
 * Relationship NPS (rNPS) by wave: the periodic survey about the whole relationship, often run by a
 * third party. One answer per respondent per wave counts (the latest by default); the duplicates are
 * counted in the result, never dropped silently. With `weighting`, answers are post-stratified to the
 * customer base's known shares (one margin: cell weights; several: raking), and Kish's effective
 * sample size (Σw)²/Σw² carries the weights' cost into the interval.
 *
 * Waves come back in the order their first response appears. Responses whose answer is missing count
 * as responses of the wave (and as `missing` in its NPS) but carry no weight.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing `wave` or bad options; `INVALID_VALUE`
 * naming the index and field for a record that is not an object, an invalid `at`, a segment without
 * a known share, or an invalid answer; `INVALID_INPUT` for a wave with no answer in a weighted segment.
 * @category Survey
 * @example
 * ```ts
 * const waves = relationshipNps([
 *   { wave: "2026-H1", customerId: "c1", respondedAt: "2026-03-01T10:00:00Z", nps: 3 },
 *   { wave: "2026-H1", customerId: "c1", respondedAt: "2026-03-05T10:00:00Z", nps: 9 },
 *   { wave: "2026-H1", customerId: "c2", respondedAt: "2026-03-02T10:00:00Z", nps: 10 },
 * ], { wave: "wave" });
 * [waves[0]!.nps.score?.value, waves[0]!.duplicates];
 * // => [100, 1]
 * ```
 */
export function relationshipNps<R = SurveyResponse, K = unknown>(responses: Iterable<R>, options: RelationshipNpsOptions<R>): WaveNps<K>[] {
  const fn = "relationshipNps";
  const o = checkOptions(fn, options, RELATIONSHIP_KEYS);
  if (o["wave"] === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "wave", value: undefined, expected: 'the wave of a response, a function or a field name such as "wave"' });
  const wave = readReader<R>(fn, "wave", o["wave"], "wave");
  const respondent = readReader<R>(fn, "respondent", o["respondent"], "customerId");
  const at = readReader<R>(fn, "at", o["at"], "respondedAt");
  const value = readReader<R>(fn, "value", o["value"], "nps");
  const keepLatest = checkChoice(fn, "keep", o["keep"], ["latest", "first"] as const, "latest") === "latest";
  const margins = checkMargins(fn, o["weighting"]);
  // Checks the NPS definition and level once, before reading records.
  const definition = { scale: o["scale"], promoterMin: o["promoterMin"], detractorMax: o["detractorMax"], level: o["level"] } as Record<string, unknown>;
  for (const key of Object.keys(definition)) if (definition[key] === undefined) delete definition[key];
  npsMetric(definition);
  if (responses === null || typeof responses !== "object" || typeof (responses as Iterable<R>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "responses", value: responses, expected: "an array or another iterable of survey responses" });
  }
  interface Kept { record: R; index: number; t: number }
  const waves = new Map<unknown, { kept: Map<unknown, Kept>; responses: number }>();
  let index = 0;
  for (const record of responses) {
    const i = index++;
    const w = wave(record, i);
    if (w === NOT_A_RECORD) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "record", index: i, value: record, expected: "an object (a survey response)" });
    const who = respondent(record, i);
    if (who === undefined || who === null) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: typeof o["respondent"] === "string" ? o["respondent"] : o["respondent"] === undefined ? "customerId" : "respondent", index: i, value: who, expected: "the respondent's id (a string or number)" });
    const t = instantOrNaN(at(record, i));
    if (Number.isNaN(t)) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: typeof o["at"] === "string" ? o["at"] : o["at"] === undefined ? "respondedAt" : "at", index: i, value: at(record, i), expected: INSTANT_FIELD_EXPECTED });
    let entry = waves.get(w);
    if (entry === undefined) {
      entry = { kept: new Map(), responses: 0 };
      waves.set(w, entry);
    }
    entry.responses++;
    const previous = entry.kept.get(who);
    if (previous === undefined || (keepLatest ? t >= previous.t : t < previous.t)) entry.kept.set(who, { record, index: i, t });
  }
  const out: WaveNps<K>[] = [];
  for (const [w, { kept, responses: count }] of waves) {
    const rows = [...kept.values()].sort((a, b) => a.index - b.index);
    const answered = rows.filter((r) => {
      const v = value(r.record, r.index);
      return v !== null && v !== undefined;
    });
    let weightOf: ((r: Kept) => number) | undefined;
    if (margins.length > 0) {
      const cells = answered.map((r) => margins.map((m) => String(m.by(r.record, r.index))));
      const weights = rake(fn, w, cells, margins);
      const byIndex = new Map(answered.map((r, j) => [r.index, weights[j] as number]));
      weightOf = (r) => byIndex.get(r.index) ?? 1;
    }
    const metric = npsMetric<Kept>({
      ...(definition as NpsDefinitionOptions & { level?: number }),
      value: (r: Kept) => value(r.record, r.index) as NpsAnswer,
      ...(weightOf === undefined ? {} : { weight: weightOf }),
    });
    const state = metric.init();
    for (const r of rows) metric.add(state, r, r.index);
    const result = metric.result(state);
    out.push({ wave: w as K, nps: result, responses: count, respondents: kept.size, duplicates: count - kept.size, designEffect: result.effectiveSize > 0 ? result.responses / result.effectiveSize : 1 });
  }
  return out;
}

/**
 * Options of {@link npsByKind}.
 *
 * @category Survey
 * @example
 * ```ts
 * const options: NpsByKindOptions<SurveyResponse> = { at: "respondedAt", period: "quarter", timeZone: "Europe/Berlin" };
 * ```
 */
export interface NpsByKindOptions<R> extends NpsDefinitionOptions {
  /** The instant that places a response in a period. */
  readonly at: Reader<R, Instant | null | undefined>;
  /** The period unit. */
  readonly period: PeriodUnit;
  /**
   * The center's IANA time zone.
   * @defaultValue "UTC"
   */
  readonly timeZone?: string;
  /**
   * First day of a week.
   * @defaultValue 1
   */
  readonly weekStartsOn?: IsoWeekday;
  /**
   * The survey kind of a response: `"transactional"` or `"relationship"`.
   * @defaultValue "kind"
   */
  readonly kind?: Reader<R, unknown>;
  /**
   * The likelihood-to-recommend answer.
   * @defaultValue "nps"
   */
  readonly value?: Reader<R, NpsAnswer>;
  /**
   * Confidence level of the intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
}

/**
 * One period of {@link npsByKind}.
 *
 * @category Survey
 * @example
 * ```ts
 * const row: NpsKindsPeriod = npsByKind(responses, { at: "respondedAt", period: "quarter" }).periods[0]!;
 * ```
 */
export interface NpsKindsPeriod {
  /** The period's label. */
  readonly label: string;
  /** First instant of the period. */
  readonly start: number;
  /** First instant after it. */
  readonly end: number;
  /** Transactional NPS in the period. */
  readonly transactional: NpsResult;
  /** Relationship NPS in the period. */
  readonly relationship: NpsResult;
  /** tNPS minus rNPS (`before` = rNPS, `after` = tNPS), with its interval and p-value; `null` when either is empty. */
  readonly gap: Comparison | null;
}

/**
 * The result of {@link npsByKind}.
 *
 * @category Survey
 * @example
 * ```ts
 * const side: NpsByKindResult = npsByKind(responses, { at: "respondedAt", period: "month" });
 * ```
 */
export interface NpsByKindResult {
  /** tNPS, rNPS and their gap per period, over the range of all responses of either kind. */
  readonly periods: readonly NpsKindsPeriod[];
  /** Responses whose kind is neither "transactional" nor "relationship" (or missing): not counted on either side. */
  readonly otherKinds: number;
}

/**
 * Transactional and relationship NPS side by side over the same local periods, and the gap between
 * them (tNPS - rNPS) with its uncertainty. tNPS measures service touchpoints right after they happen;
 * rNPS the relationship as a whole (product, price, brand as well as service); a wide positive gap
 * says customers like the service more than the company. See docs/trends.md.
 *
 * Responses of another kind (or none) are counted in `otherKinds`. For rNPS by wave with one answer
 * per respondent and weights, use {@link relationshipNps}.
 *
 * @throws {@link CxMetricsError} as {@link series}.
 * @category Survey
 * @example
 * ```ts
 * const side = npsByKind([
 *   { kind: "transactional", respondedAt: "2026-01-10T10:00:00Z", nps: 10 },
 *   { kind: "relationship", respondedAt: "2026-01-12T10:00:00Z", nps: 6 },
 * ], { at: "respondedAt", period: "quarter" });
 * side.periods[0]!.gap?.difference;
 * // => 200
 * ```
 */
export function npsByKind<R = SurveyResponse>(responses: Iterable<R>, options: NpsByKindOptions<R>): NpsByKindResult {
  const fn = "npsByKind";
  const o = checkOptions(fn, options, ["at", "period", "timeZone", "weekStartsOn", "kind", "value", "level", "scale", "promoterMin", "detractorMax"]);
  // Checked here, so a missing option is reported under this function's name, not the series'.
  if (o["at"] === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "at", value: undefined, expected: 'the instant that places a response, a function or a field name such as "respondedAt"' });
  new PeriodScheme(fn, o);
  const kind = readReader<R>(fn, "kind", o["kind"], "kind");
  const valueReader = readReader<R>(fn, "value", o["value"], "nps");
  const definition: Record<string, unknown> = { scale: o["scale"], promoterMin: o["promoterMin"], detractorMax: o["detractorMax"], level: o["level"] };
  for (const key of Object.keys(definition)) if (definition[key] === undefined) delete definition[key];
  const metric = npsMetric<R>({ ...(definition as NpsDefinitionOptions), value: (r: R, i: number) => valueReader(r, i) as NpsAnswer });
  if (responses === null || typeof responses !== "object" || typeof (responses as Iterable<R>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "responses", value: responses, expected: "an array or another iterable of survey responses" });
  }
  const rows = Array.isArray(responses) ? (responses as R[]) : [...responses];
  const t: R[] = [];
  const rel: R[] = [];
  let otherKinds = 0;
  rows.forEach((r, i) => {
    const k = kind(r, i);
    if (k === "transactional") t.push(r);
    else if (k === "relationship") rel.push(r);
    else otherKinds++;
  });
  const at = o["at"] as Reader<R, Instant | null | undefined>;
  const periodOptions = { at, period: o["period"] as PeriodUnit, ...(o["timeZone"] === undefined ? {} : { timeZone: o["timeZone"] as string }), ...(o["weekStartsOn"] === undefined ? {} : { weekStartsOn: o["weekStartsOn"] as IsoWeekday }) };
  // Both series over the range of all responses of either kind, so the periods line up.
  const all = series(metric, [...t, ...rel], periodOptions) as Series<NpsResult, RatingState>;
  const range = all.periods.length === 0 ? {} : { from: (all.periods[0] as { start: number }).start, to: (all.periods[all.periods.length - 1] as { end: number }).end };
  const ts = series(metric, t, { ...periodOptions, ...range });
  const rs = series(metric, rel, { ...periodOptions, ...range });
  const level = (o["level"] as number | undefined) ?? 95;
  const periods = ts.periods.map((p, j) => {
    const r = rs.periods[j] as (typeof rs.periods)[number];
    return { label: p.label, start: p.start, end: p.end, transactional: p.result, relationship: r.result, gap: compareResults(metric as never, r.result, p.result, level) };
  });
  return { periods, otherKinds };
}
