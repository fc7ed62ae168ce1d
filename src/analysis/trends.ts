import type { Estimate } from "../core/estimate.ts";
import { checkMetric, headlineOf, type Metric } from "../core/metric.ts";
import { checkChoice, checkLevel, checkNumberIn, checkOptions } from "../core/options.ts";
import { compareEstimates, P_ADJUST_METHODS, adjustPValues, type Comparison, type PAdjustMethod } from "../stats/compare.ts";
import { PROPORTION_METHODS, netScoreVariance } from "../stats/estimates.ts";
import { compareNps } from "../stats/nps-compare.ts";
import { trendSlope, type Trend, type TrendOptions } from "../stats/trend.ts";
import { PeriodScheme } from "../time/period.ts";
import { checkSeries, type Series, type SeriesPoint } from "./series.ts";

/**
 * The periods of a series of `metric`: a series of another metric (or another definition) is refused
 * with `INCOMPATIBLE_STATE`, checked by merging each period's state into an empty one.
 */
function checkSeriesOf<O, S>(fn: string, metric: Metric<never, S, O>, input: unknown): readonly SeriesPoint<O, S>[] {
  const points = checkSeries<O, S>(fn, "series", input);
  const probe = metric.init();
  for (const p of points) metric.merge(probe, p.state);
  return points;
}

/** NPS counts of a result, when it has them (an {@link NpsResult}): promoters, passives, detractors, total, effective size. */
export interface NpsCountsOf {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly total: number;
  readonly effectiveSize: number;
}

/** Reads NPS counts from a result (`passives` defaults to the rest of the total, `effectiveSize` to the total); `null` when it has none. */
export function npsCountsOf(result: unknown): NpsCountsOf | null {
  const r = result as Partial<NpsCountsOf> | null;
  if (r === null || typeof r !== "object") return null;
  if (typeof r.promoters !== "number" || typeof r.detractors !== "number" || typeof r.total !== "number") return null;
  return {
    promoters: r.promoters,
    passives: typeof r.passives === "number" ? r.passives : r.total - r.promoters - r.detractors,
    detractors: r.detractors,
    total: r.total,
    effectiveSize: typeof r.effectiveSize === "number" ? r.effectiveSize : r.total,
  };
}

/**
 * Compares the headline of two results of `metric`: NPS results by {@link compareNps} (adjusted
 * Wald), other headlines by {@link compareEstimates} (Newcombe for shares, Welch for means).
 *
 * @category Trends
 */
export function compareResults<O>(metric: Metric<never, unknown, O>, before: O, after: O, level: number): Comparison | null {
  const a = npsCountsOf(before);
  const b = npsCountsOf(after);
  if (a !== null && b !== null && metric.headline === "score") {
    if (a.total === 0 || b.total === 0) return null;
    const c = compareNps(a, b, { level });
    if (c === null) return null;
    return { before: c.before, after: c.after, difference: c.difference, standardError: c.standardError, statistic: c.z, df: null, pValue: c.pValue, interval: { ...c.interval, method: "nps" }, test: "nps" };
  }
  return compareEstimates(headlineOf(metric, before), headlineOf(metric, after), { level });
}

/**
 * Options of {@link periodOverPeriod}.
 *
 * @category Trends
 * @example
 * ```ts
 * const options: PeriodOverPeriodOptions = { against: "year", adjust: "benjamini-hochberg" };
 * ```
 */
export interface PeriodOverPeriodOptions {
  /**
   * What each period is compared with: the previous period, or the same period a year earlier
   * (month - 12, quarter - 4, ISO week - 52, the same local date).
   * @defaultValue "previous"
   */
  readonly against?: "previous" | "year";
  /**
   * Confidence level of the intervals and of the flags, in percent: a change is flagged when its
   * adjusted p-value is below 1 - level/100.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * The multiple-testing correction across the series' comparisons ({@link PAdjustMethod}).
   * @defaultValue "holm"
   */
  readonly adjust?: PAdjustMethod;
}

/**
 * One period compared with its reference period.
 *
 * @category Trends
 * @example
 * ```ts
 * const row: PeriodChange = { label: "2026-03", against: "2026-02", comparison: null, adjustedPValue: null, significant: false };
 * ```
 */
export interface PeriodChange {
  /** The period. */
  readonly label: string;
  /** The period it is compared with; `null` when there is none in the series (the first period). */
  readonly against: string | null;
  /** The comparison (this period minus the reference); `null` when either side has no estimate. */
  readonly comparison: Comparison | null;
  /** The p-value adjusted across all comparisons of the call; `null` when there is no p-value. */
  readonly adjustedPValue: number | null;
  /** Whether the adjusted p-value is below 1 - level/100. */
  readonly significant: boolean;
}

/**
 * Each period of a series against the previous one (or the same period a year earlier): the change
 * of the metric's headline with its interval and p-value, the p-values adjusted for the number of
 * comparisons (Holm by default), and a flag at the chosen level. A scorecard that tests twenty cells
 * at 5% flags one by chance; the adjusted flag does not.
 *
 * NPS is compared by {@link compareNps} (adjusted Wald), shares by Newcombe's interval and a
 * two-proportion z test, means by Welch's t (see {@link compareEstimates}).
 *
 * To correct across several series at once (every channel's monthly changes), collect the raw
 * `comparison.pValue`s and pass them to {@link adjustPValues} together.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `input` is not a series, for bad options.
 * @category Trends
 * @example
 * ```ts
 * const metric = csatMetric({ value: "csat" });
 * const monthly = series(metric, rows, { at: "respondedAt", period: "month", timeZone: "Europe/Berlin" });
 * periodOverPeriod(metric, monthly).filter((c) => c.significant).map((c) => c.label);
 * ```
 */
export function periodOverPeriod<I, S, O>(metric: Metric<I, S, O>, input: Series<O, S>, options?: PeriodOverPeriodOptions): PeriodChange[] {
  const fn = "periodOverPeriod";
  checkMetric(fn, "metric", metric);
  const o = checkOptions(fn, options, ["against", "level", "adjust"]);
  const against = checkChoice(fn, "against", o["against"], ["previous", "year"] as const, "previous");
  const level = checkLevel(fn, o["level"] ?? 95);
  const adjust = checkChoice(fn, "adjust", o["adjust"], P_ADJUST_METHODS, "holm");
  const points = checkSeriesOf<O, S>(fn, metric, input);
  let reference: (j: number) => number;
  if (against === "previous") {
    reference = (j) => j - 1;
  } else {
    const scheme = new PeriodScheme(fn, { period: input.period, timeZone: input.timeZone, weekStartsOn: input.weekStartsOn });
    const byKey = new Map<number, number>();
    const keys = points.map((p, j) => {
      const key = scheme.keyOf(p.start);
      byKey.set(key, j);
      return key;
    });
    reference = (j) => byKey.get(scheme.yearBefore(keys[j] as number)) ?? -1;
  }
  const rows = points.map((p, j) => {
    const r = reference(j);
    const before = r >= 0 ? (points[r] as SeriesPoint<O, S>) : null;
    return { label: p.label, against: before === null ? null : before.label, comparison: before === null ? null : compareResults(metric as Metric<never, unknown, O>, before.result, p.result, level) };
  });
  const adjusted = adjustPValues(rows.map((row) => row.comparison?.pValue ?? null), { method: adjust });
  const alpha = 1 - level / 100;
  return rows.map((row, j) => {
    const p = adjusted[j] as number | null;
    return { ...row, adjustedPValue: p, significant: p !== null && p < alpha };
  });
}

/**
 * The trend of a metric's headline over a series: {@link trendSlope} on each period's headline
 * estimate (slope per period by weighted least squares, its interval and p-value, and "rising",
 * "falling" or "no clear trend"). Empty periods keep their place on the x axis.
 *
 * @throws {@link CxMetricsError} as {@link trendSlope}; `INVALID_OPTION` when `input` is not a series.
 * @category Trends
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * seriesTrend(metric, series(metric, rows, { at: "respondedAt", period: "month" }))?.direction;
 * ```
 */
export function seriesTrend<I, S, O>(metric: Metric<I, S, O>, input: Series<O, S>, options?: TrendOptions): Trend | null {
  const fn = "seriesTrend";
  checkMetric(fn, "metric", metric);
  const points = checkSeriesOf<O, S>(fn, metric, input);
  return trendSlope(points.map((p) => headlineOf(metric as Metric<never, unknown, O>, p.result)), options);
}

/**
 * Options of {@link controlChart}.
 *
 * @category Trends
 * @example
 * ```ts
 * const options: ControlChartOptions = { sigma: 3, overdispersion: "laney" };
 * ```
 */
export interface ControlChartOptions {
  /**
   * Width of the limits in standard deviations.
   * @defaultValue 3
   */
  readonly sigma?: number;
  /**
   * Laney's correction for over-dispersion (p' and u' charts): with large samples, period-to-period
   * variation beyond sampling error puts every point of a plain p-chart outside its limits. `"auto"`
   * applies it when the periods scatter more than sampling predicts (σ_z > 1), `"laney"` always,
   * `"none"` never.
   * @defaultValue "auto"
   */
  readonly overdispersion?: "auto" | "laney" | "none";
}

/**
 * One period of a {@link ControlChart}.
 *
 * @category Trends
 * @example
 * ```ts
 * const point: ControlPoint = { label: "2026-03", value: 42, n: 310, lower: 31.5, upper: 52.5, signal: null };
 * ```
 */
export interface ControlPoint {
  /** The period. */
  readonly label: string;
  /** The headline value; `null` for a period without data. */
  readonly value: number | null;
  /** The sample size (effective size for weighted data); 0 when empty. */
  readonly n: number;
  /** Lower control limit for this period's n; `null` when empty. */
  readonly lower: number | null;
  /** Upper control limit for this period's n; `null` when empty. */
  readonly upper: number | null;
  /** `"above"` or `"below"` when the value falls outside the limits, else `null`. */
  readonly signal: "above" | "below" | null;
}

/**
 * Control limits for a metric series, as contact-center quality teams draw them.
 *
 * @category Trends
 * @example
 * ```ts
 * const chart: ControlChart | null = controlChart(metric, monthly);
 * ```
 */
export interface ControlChart {
  /** The long-run centre line: the pooled value over all periods. */
  readonly center: number;
  /** Which chart: `"p"` (shares), `"nps"` (net scores from counts), `"mean"` (means with varying n). */
  readonly chart: "p" | "nps" | "mean";
  /** Laney's σ_z: the spread of the standardized values (1 when sampling explains it all). */
  readonly sigmaZ: number;
  /** Whether Laney's correction was applied (limits widened by σ_z). */
  readonly laney: boolean;
  /** The periods with their limits. */
  readonly periods: readonly ControlPoint[];
}

/**
 * Control limits for each period of a series with varying sample sizes: the expected band around the
 * long-run centre, wider where n is small, and which periods fall outside it.
 *
 * Formulas (σ = `sigma`, default 3): for shares (a p-chart) p̄ = Σxᵢ/Σnᵢ and limits p̄ ± σ·√(p̄(1 -
 * p̄)/nᵢ); for NPS, from the pooled promoter and detractor shares, centre 100(p̄ - d̄) and σᵢ =
 * 100·√((p̄ + d̄ - (p̄ - d̄)²)/nᵢ); for means, the n-weighted grand mean and the pooled within-period
 * variance s², σᵢ = s/√nᵢ. Laney's correction: zᵢ = (yᵢ - centre)/σᵢ, σ_z = mean moving range of the
 * zᵢ / 1.128, limits centre ± σ·σᵢ·σ_z. Limits are clamped to the metric's scale.
 *
 * Edge cases: fewer than one period with data gives `null`; σ_z needs two periods (1 otherwise).
 *
 * Sources: Montgomery, Introduction to Statistical Quality Control, ch. 7 (p-chart with variable
 * sample size); NIST/SEMATECH e-Handbook 6.3.3.2; Laney, D. B. (2002), "Improved control charts for
 * attributes", Quality Engineering 14(4), 531-537.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `input` is not a series, for bad options.
 * @category Trends
 * @example
 * ```ts
 * const metric = fcrMetric();
 * const weekly = series(metric, contacts, { at: "arrived", period: "week" });
 * controlChart(metric, weekly)?.periods.filter((p) => p.signal !== null);
 * ```
 */
export function controlChart<I, S, O>(metric: Metric<I, S, O>, input: Series<O, S>, options?: ControlChartOptions): ControlChart | null {
  const fn = "controlChart";
  checkMetric(fn, "metric", metric);
  const o = checkOptions(fn, options, ["sigma", "overdispersion"]);
  const sigma = checkNumberIn(fn, "sigma", o["sigma"] ?? 3, 0.5, 10);
  const mode = checkChoice(fn, "overdispersion", o["overdispersion"], ["auto", "laney", "none"] as const, "auto");
  const points = checkSeriesOf<O, S>(fn, metric, input);
  const m = metric as Metric<never, unknown, O>;
  const estimates = points.map((p) => headlineOf(m, p.result));
  const used = estimates.map((e, j) => (e === null ? -1 : j)).filter((j) => j >= 0);
  if (used.length === 0) return null;
  const first = estimates[used[0] as number] as Estimate;
  const counts = metric.headline === "score" ? points.map((p) => npsCountsOf(p.result)) : [];
  const chart: ControlChart["chart"] = counts.length > 0 && counts.every((c) => c !== null) ? "nps" : (PROPORTION_METHODS as readonly string[]).includes(first.interval.method) ? "p" : "mean";
  let sn = 0;
  let center = 0;
  let unitVariance = 0;
  let lo = -Infinity;
  let hi = Infinity;
  if (chart === "nps") {
    let sp = 0;
    let sd = 0;
    for (const j of used) {
      const c = counts[j] as NpsCountsOf;
      if (c.total === 0) continue;
      sn += c.effectiveSize;
      sp += (c.promoters / c.total) * c.effectiveSize;
      sd += (c.detractors / c.total) * c.effectiveSize;
    }
    const p = sp / sn;
    const d = sd / sn;
    center = 100 * (p - d);
    unitVariance = 10_000 * netScoreVariance(p, d);
    lo = -100;
    hi = 100;
  } else if (chart === "p") {
    let sx = 0;
    for (const j of used) {
      const e = estimates[j] as Estimate;
      sn += e.n;
      sx += (e.value / 100) * e.n;
    }
    const p = sx / sn;
    center = 100 * p;
    unitVariance = 10_000 * p * (1 - p);
    lo = 0;
    hi = 100;
  } else {
    let sx = 0;
    let sv = 0;
    for (const j of used) {
      const e = estimates[j] as Estimate;
      sn += e.n;
      sx += e.value * e.n;
      sv += e.standardError * e.standardError * e.n * e.n;
    }
    center = sx / sn;
    unitVariance = sv / sn;
  }
  const sd = (j: number): number => Math.sqrt(unitVariance / (estimates[j] as Estimate).n);
  const zs = used.map((j) => {
    const s = sd(j);
    return s > 0 ? ((estimates[j] as Estimate).value - center) / s : 0;
  });
  let sigmaZ = 1;
  if (zs.length >= 2) {
    let mr = 0;
    for (let i = 1; i < zs.length; i++) mr += Math.abs((zs[i] as number) - (zs[i - 1] as number));
    sigmaZ = mr / (zs.length - 1) / 1.128;
  }
  const laney = mode === "laney" || (mode === "auto" && sigmaZ > 1);
  const widen = laney ? sigmaZ : 1;
  const out: ControlPoint[] = points.map((p, j) => {
    const e = estimates[j];
    if (e === null || e === undefined) return { label: p.label, value: null, n: 0, lower: null, upper: null, signal: null };
    const half = sigma * sd(j) * widen;
    const lower = Math.max(lo, center - half);
    const upper = Math.min(hi, center + half);
    return { label: p.label, value: e.value, n: e.n, lower, upper, signal: e.value > upper ? "above" : e.value < lower ? "below" : null };
  });
  return { center, chart, sigmaZ, laney, periods: out };
}

