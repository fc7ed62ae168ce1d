import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";
import { checkChoice, checkLevel, checkNumberIn, checkOptions } from "../core/options.ts";
import { adjustPValues, compareEstimates, compareShares, P_ADJUST_METHODS, type Comparison, type PAdjustMethod } from "../stats/compare.ts";
import { zForLevel } from "../stats/estimates.ts";
import { logGamma } from "../stats/gamma.ts";
import { compareNps } from "../stats/nps-compare.ts";
import { groupData, valueOfShares, type GroupCounts, type GroupData, type GroupedStates, type GroupMeans } from "./group-counts.ts";
import { shrinkageSettings, shrinkData, type ShrinkagePrior, type ShrinkageIntervalMethod, type ShrinkageOptions } from "./shrinkage.ts";

/**
 * Options of {@link funnelLimits}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: FunnelOptions = { levels: [95, 99.8], overdispersion: "additive" };
 * ```
 */
export interface FunnelOptions {
  /**
   * Levels of the control limits, in percent (Spiegelhalter's 2 and 3 SD limits are 95 and 99.8).
   * @defaultValue [95, 99.8]
   */
  readonly levels?: readonly number[];
  /**
   * The value the funnel is centred on, on the metric's scale (a target: 0-100 for a share, -100-100
   * for NPS, any number for a mean); by default the pooled value of all groups.
   */
  readonly target?: number;
  /**
   * `"none"`: limits from sampling error alone. `"additive"`: widened by the between-group variance τ²
   * estimated from the groups' winsorized z-scores (Spiegelhalter 2005's random-effects funnel), for
   * when most groups fall outside the plain limits because they truly differ.
   * @defaultValue "none"
   */
  readonly overdispersion?: "none" | "additive";
  /**
   * Points of the limit curves returned for drawing (log-spaced over the groups' sizes).
   * @defaultValue 50
   */
  readonly curvePoints?: number;
}

/**
 * Control limits at one size and level.
 *
 * @category Attribution
 * @example
 * ```ts
 * const limit: FunnelLimit = { level: 95, lower: 12.3, upper: 47.7 };
 * ```
 */
export interface FunnelLimit {
  /** Level in percent. */
  readonly level: number;
  /** Lower limit, on the metric's scale. */
  readonly lower: number;
  /** Upper limit. */
  readonly upper: number;
}

/**
 * One group on the funnel plot.
 *
 * @category Attribution
 * @example
 * ```ts
 * const point: FunnelPoint<string> = funnelLimits(metric, states).points[0]!;
 * ```
 */
export interface FunnelPoint<K> {
  /** The group's key. */
  readonly key: K;
  /** Its (effective) number of answers. */
  readonly n: number;
  /** Its value on the metric's scale; `null` without answers. */
  readonly value: number | null;
  /** (value - center)/s(n), s including τ with additive overdispersion; `null` without answers or spread. */
  readonly z: number | null;
  /** The limits at its size, one per level. */
  readonly limits: readonly FunnelLimit[];
  /** The highest level whose limits the value lies outside (strictly), or `null` when inside all. */
  readonly beyond: number | null;
  /** Which side of those limits: `"above"`, `"below"`, or `null` when inside all. */
  readonly direction: "above" | "below" | null;
}

/**
 * A funnel plot's numbers: control limits that widen as n shrinks, so an agent is flagged for what
 * the data says, not for having few answers.
 *
 * @category Attribution
 * @example
 * ```ts
 * const funnel: Funnel<string> = funnelLimits(metric, states);
 * ```
 */
export interface Funnel<K> {
  /** `"nps"`, `"share"` or `"mean"`. */
  readonly kind: "nps" | "share" | "mean";
  /** The value the funnel is centred on. */
  readonly center: number;
  /** Mean squared winsorized z-score φ (about 1 without overdispersion). */
  readonly dispersion: number;
  /** Between-group SD τ added to the limits (0 with `overdispersion: "none"`), on the metric's scale. */
  readonly tau: number;
  /** Every group, in the order of the states. */
  readonly points: readonly FunnelPoint<K>[];
  /** The limit curves over n, for drawing. */
  readonly curve: readonly FunnelCurvePoint[];
}

/**
 * One point of a funnel's limit curves: the limits at size n.
 *
 * @category Attribution
 * @example
 * ```ts
 * const point: FunnelCurvePoint = funnelLimits(metric, states).curve[0]!;
 * ```
 */
export interface FunnelCurvePoint {
  /** The (effective) number of answers. */
  readonly n: number;
  /** The limits at that size, one per level. */
  readonly limits: readonly FunnelLimit[];
}

const FUNNEL_KEYS: readonly string[] = ["levels", "target", "overdispersion", "curvePoints"];

interface FunnelSettings {
  readonly levels: readonly number[];
  readonly target: number | undefined;
  readonly additive: boolean;
  readonly curvePoints: number;
}

function funnelSettings(fn: string, o: Readonly<Record<string, unknown>>): FunnelSettings {
  const levels = o["levels"] ?? [95, 99.8];
  if (!Array.isArray(levels) || levels.length === 0) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "levels", value: levels, expected: "a non-empty array of levels in percent, e.g. [95, 99.8]" });
  const checked = levels.map((l: unknown) => checkLevel(fn, l)).sort((a, b) => a - b);
  // The target's range depends on the headline (0-100 for a share, -100-100 for NPS, any for a mean): checked once the kind is known.
  const target = o["target"] === undefined ? undefined : checkNumberIn(fn, "target", o["target"], -1e300, 1e300);
  const additive = checkChoice(fn, "overdispersion", o["overdispersion"], ["none", "additive"] as const, "none") === "additive";
  const curvePoints = o["curvePoints"] === undefined ? 50 : checkNumberIn(fn, "curvePoints", o["curvePoints"], 2, 10_000);
  if (!Number.isInteger(curvePoints)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "curvePoints", value: curvePoints, expected: "a whole number from 2 to 10000" });
  return { levels: checked, target, additive, curvePoints };
}

/**
 * Funnel-plot control limits for comparing agents (or teams, queues) on NPS or a share (Spiegelhalter
 * 2005). Each group's value is judged against limits at its own size n:
 *
 * center ± z_level·s(n), s(n) = 100·√(v₀/n), with v₀ = p₀(1 - p₀) for a share or
 * p₀ + d₀ - (p₀ - d₀)² for NPS from the pooled shares (the center's own when no target is given).
 * With `overdispersion: "additive"`, s(n)² + τ², τ² = max(0, (kφ - (k - 1))/(Σwᵢ - Σwᵢ²/Σwᵢ)) with
 * wᵢ = 1/sᵢ², φ the mean of the squared z-scores winsorized at their 10th and 90th percentiles.
 * Limits are clamped to the scale. Normal approximation: with very few answers (n·p₀ below about 5)
 * the limits are rough, which is where shrinkage ({@link shrinkage}) helps.
 *
 * `points` carry each group's limits and the highest level it lies beyond; `curve` the limits over a
 * range of n for drawing.
 *
 * Source: Spiegelhalter, D. J. (2005), "Funnel plots for comparing institutional performance",
 * Statistics in Medicine 24, 1185-1202; and "Handling over-dispersion of performance indicators",
 * Quality and Safety in Health Care 14, 347-351.
 *
 * @throws {@link CxMetricsError} as {@link shrinkage} for the metric and states; `INVALID_OPTION`
 * for bad options; `INVALID_INPUT` when no group has answers.
 * @category Attribution
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * const funnel = funnelLimits(metric, groupStates(metric, responses, "agentId"));
 * funnel.points.filter((p) => p.direction === "below" && p.beyond === 99.8);
 * ```
 */
export function funnelLimits<K, S, O>(metric: Metric<never, S, O>, states: GroupedStates<K, S>, options?: FunnelOptions): Funnel<K> {
  const fn = "funnelLimits";
  const settings = funnelSettings(fn, checkOptions(fn, options, FUNNEL_KEYS));
  return funnelOf(fn, groupData<K, S, O>(fn, metric, states), settings);
}

function funnelOf<K>(fn: string, g: GroupData<K>, settings: FunnelSettings): Funnel<K> {
  return g.kind === "mean" ? meansFunnel(fn, g, settings) : countsFunnel(fn, g, settings);
}

/**
 * Means: centred on the answer-weighted mean (or the target), s(n) = σ/√n with σ² the variance of all
 * answers around it, Σnᵢ(vᵢ + (yᵢ - ȳ)²)/N (each group's if the groups did not differ); no clamping.
 */
function meansFunnel<K>(fn: string, g: GroupMeans<K>, settings: FunnelSettings): Funnel<K> {
  const k = g.keys.length;
  let N = 0;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    N += g.n[i] as number;
    sum += (g.n[i] as number) * (g.mean[i] as number);
  }
  if (!(N > 0)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "states", value: `${k} group(s), none with answers`, expected: "at least one group with answers" });
  const ybar = sum / N;
  let total = 0;
  for (let i = 0; i < k; i++) total += (g.n[i] as number) * ((g.variance[i] as number) + ((g.mean[i] as number) - ybar) ** 2);
  const values: (number | null)[] = [];
  for (let i = 0; i < k; i++) values.push((g.n[i] as number) > 0 ? (g.raw[i]?.value ?? (g.mean[i] as number)) : null);
  return funnelFrom(g.kind, g.keys, g.n, values, settings.target ?? ybar, total / N, 1, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, settings);
}

function countsFunnel<K>(fn: string, g: GroupCounts<K>, settings: FunnelSettings): Funnel<K> {
  const C = g.categories;
  const k = g.keys.length;
  const pooled = new Float64Array(C);
  let N = 0;
  for (let i = 0; i < k; i++) {
    for (let c = 0; c < C; c++) pooled[c] = (pooled[c] as number) + (g.counts[i * C + c] as number);
    N += g.n[i] as number;
  }
  if (!(N > 0)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "states", value: `${k} group(s), none with answers`, expected: "at least one group with answers" });
  for (let c = 0; c < C; c++) pooled[c] = (pooled[c] as number) / N;
  if (settings.target !== undefined && (settings.target < (g.kind === "share" ? 0 : -100) || settings.target > 100)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "target", value: settings.target, expected: g.kind === "share" ? "a share from 0 to 100 (the metric's headline is a share)" : "an NPS from -100 to 100" });
  }
  const center = settings.target ?? valueOfShares(g.kind, pooled);
  const p0 = pooled[0] as number;
  const v0 = g.kind === "share" ? (settings.target === undefined ? p0 * (1 - p0) : (settings.target / 100) * (1 - settings.target / 100)) : Math.max(0, p0 + (pooled[2] as number) - (p0 - (pooled[2] as number)) ** 2);
  const values: (number | null)[] = [];
  for (let i = 0; i < k; i++) {
    const n = g.n[i] as number;
    if (!(n > 0)) {
      values.push(null);
      continue;
    }
    const value = g.kind === "nps" ? (100 * ((g.counts[i * C] as number) - (g.counts[i * C + 2] as number))) / n : (100 * (g.counts[i * C] as number)) / n;
    values.push(g.raw[i]?.value ?? value);
  }
  return funnelFrom(g.kind, g.keys, g.n, values, center, v0, 100, g.kind === "share" ? 0 : -100, 100, settings);
}

/**
 * The funnel of values with sizes n around `center`, s(n) = unit·√(v₀/n) (unit 100 for shares and
 * NPS, whose v₀ is on the 0-1 scale), limits clamped to [lowBound, highBound].
 */
function funnelFrom<K>(kind: "nps" | "share" | "mean", keys: readonly K[], sizes: Float64Array, values: readonly (number | null)[], center: number, v0: number, unit: number, lowBound: number, highBound: number, settings: FunnelSettings): Funnel<K> {
  const k = keys.length;
  const sOf = (n: number): number => unit * Math.sqrt(v0 / n);
  const zs: number[] = [];
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const value = values[i];
    if (value === null || value === undefined || !(v0 > 0)) continue;
    const n = sizes[i] as number;
    zs.push((value - center) / sOf(n));
    const w = n / (v0 * unit * unit);
    sumW += w;
    sumW2 += w * w;
  }
  // Winsorized dispersion (10% each side).
  let dispersion = 1;
  let tau2 = 0;
  if (zs.length > 0) {
    const sorted = [...zs].sort((a, b) => a - b);
    const lo = sorted[Math.floor(0.1 * (sorted.length - 1))] as number;
    const hi = sorted[Math.ceil(0.9 * (sorted.length - 1))] as number;
    let s = 0;
    for (const z of zs) {
      const w = Math.min(hi, Math.max(lo, z));
      s += w * w;
    }
    dispersion = s / zs.length;
    const m = zs.length;
    if (settings.additive && m * dispersion > m - 1 && sumW - sumW2 / sumW > 0) tau2 = (m * dispersion - (m - 1)) / (sumW - sumW2 / sumW);
  }
  const zOf = settings.levels.map((l) => zForLevel(l));
  const limitsAt = (n: number): FunnelLimit[] => {
    const s = Math.sqrt(sOf(n) ** 2 + tau2);
    return settings.levels.map((level, j) => ({ level, lower: Math.max(lowBound, center - (zOf[j] as number) * s), upper: Math.min(highBound, center + (zOf[j] as number) * s) }));
  };
  const points: FunnelPoint<K>[] = [];
  for (let i = 0; i < k; i++) {
    const n = sizes[i] as number;
    const value = values[i] ?? null;
    if (value === null) {
      points.push({ key: keys[i] as K, n, value: null, z: null, limits: [], beyond: null, direction: null });
      continue;
    }
    const limits = limitsAt(n);
    let beyond: number | null = null;
    let direction: "above" | "below" | null = null;
    for (const l of limits) {
      if (value > l.upper || value < l.lower) {
        beyond = l.level;
        direction = value > l.upper ? "above" : "below";
      }
    }
    const s = Math.sqrt(sOf(n) ** 2 + tau2);
    points.push({ key: keys[i] as K, n, value, z: s > 0 ? (value - center) / s : null, limits, beyond, direction });
  }
  let nMin = Number.POSITIVE_INFINITY;
  let nMax = 0;
  for (let i = 0; i < k; i++) {
    const n = sizes[i] as number;
    if (n > 0) {
      nMin = Math.min(nMin, n);
      nMax = Math.max(nMax, n);
    }
  }
  const curve: FunnelCurvePoint[] = [];
  const from = Math.max(1, nMin);
  const to = Math.max(from * 1.0001, nMax);
  for (let j = 0; j < settings.curvePoints; j++) {
    const n = from * Math.pow(to / from, j / (settings.curvePoints - 1));
    curve.push({ n, limits: limitsAt(n) });
  }
  return { kind, center, dispersion, tau: Math.sqrt(tau2), points, curve };
}

/**
 * Options of {@link rankGroups}: the shrinkage options, and who is ranked.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: RankOptions<string> = { minN: 30, adjust: "benjamini-hochberg" };
 * ```
 */
export interface RankOptions<K> extends ShrinkageOptions<K> {
  /**
   * Groups with fewer (effective) answers are listed but not ranked (`rank: null`); groups without
   * answers are never ranked.
   * @defaultValue 1
   */
  readonly minN?: number;
  /**
   * The multiple-testing correction over the groups' lift tests ({@link PAdjustMethod}).
   * @defaultValue "holm"
   */
  readonly adjust?: PAdjustMethod;
}

/**
 * One ranked group: raw and shrunken value, its lift over everyone else, and its rank.
 *
 * @category Attribution
 * @example
 * ```ts
 * const row: RankedGroup<string> = rankGroups(metric, states).groups[0]!;
 * ```
 */
export interface RankedGroup<K> {
  /** The group's key. */
  readonly key: K;
  /** 1 for the highest shrunken value; `null` below `minN`. Ties share the better rank. */
  readonly rank: number | null;
  /** Its (effective) number of answers. */
  readonly n: number;
  /** The metric's own estimate for the group; `null` without answers. */
  readonly raw: Estimate | null;
  /** The shrunken estimate (see {@link shrinkage}). */
  readonly shrunken: Estimate<ShrinkageIntervalMethod>;
  /** n/(n + A). */
  readonly credibility: number;
  /**
   * The group against everyone else in the states (`before` = the others pooled, `after` = the
   * group): {@link compareNps} for NPS, {@link compareShares} for shares; `null` when either side has
   * no answers.
   */
  readonly lift: Comparison | null;
  /** The lift's p-value adjusted over all groups' lift tests; `null` when `lift` or its p-value is. */
  readonly adjustedPValue: number | null;
  /** `"above"` or `"below"` the others when the adjusted p-value is below 1 - level/100, else `null`. */
  readonly significant: "above" | "below" | null;
}

/**
 * The result of {@link rankGroups}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const ranking: Ranking<string> = rankGroups(metric, states, { minN: 20 });
 * ```
 */
export interface Ranking<K> {
  /** `"nps"`, `"share"` or `"mean"`. */
  readonly kind: "nps" | "share" | "mean";
  /** The priors of the shrinkage. */
  readonly priors: readonly ShrinkagePrior[];
  /** Every group, ranked ones first by rank (ties by n, larger first), then the unranked in input order. */
  readonly groups: readonly RankedGroup<K>[];
}

const RANK_KEYS: readonly string[] = ["method", "prior", "parent", "level", "minN", "adjust"];

/**
 * Agents (or any groups) ranked on their shrunken value, with a minimum n, and each one's lift over
 * the rest of the center with significance adjusted for the number of agents tested. Ranking on
 * shrunken values keeps an agent with three perfect answers from topping the list; the lift test says
 * whether an agent differs from the others at all.
 *
 * Lift: NPS by {@link compareNps} (adjusted Wald), shares by {@link compareShares} (Newcombe's
 * interval, pooled z test), each group against the pooled counts of all other groups; p-values
 * adjusted by `adjust` (Holm by default) over the groups tested.
 *
 * @throws {@link CxMetricsError} as {@link shrinkage}; `INVALID_OPTION` for a bad `minN` or `adjust`.
 * @category Attribution
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * const ranking = rankGroups(metric, groupStates(metric, responses, "agentId"), { minN: 10 });
 * ranking.groups.slice(0, 5).map((g) => [g.rank, g.key, g.shrunken.value, g.n]);
 * ```
 */
export function rankGroups<K, S, O>(metric: Metric<never, S, O>, states: GroupedStates<K, S>, options?: RankOptions<K>): Ranking<K> {
  const fn = "rankGroups";
  const o = checkOptions(fn, options, RANK_KEYS);
  const settings = shrinkageSettings<K>(fn, o);
  const minN = o["minN"] === undefined ? 1 : checkNumberIn(fn, "minN", o["minN"], 0, 1e15);
  const adjust = checkChoice(fn, "adjust", o["adjust"], P_ADJUST_METHODS, "holm");
  const g = groupData<K, S, O>(fn, metric, states);
  const shrunk = shrinkData(fn, g, settings);
  const k = g.keys.length;
  const lifts: (Comparison | null)[] = [];
  if (g.kind === "mean") {
    let N = 0;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < k; i++) {
      const n = g.n[i] as number;
      N += n;
      sum += n * (g.mean[i] as number);
      squares += n * ((g.variance[i] as number) + (g.mean[i] as number) ** 2);
    }
    for (let i = 0; i < k; i++) lifts.push(meanLiftOf(g, i, N, sum, squares, settings.level));
  } else {
    const C = g.categories;
    const totals = new Float64Array(C);
    for (let i = 0; i < k; i++) for (let c = 0; c < C; c++) totals[c] = (totals[c] as number) + (g.counts[i * C + c] as number);
    for (let i = 0; i < k; i++) lifts.push(liftOf(g, i, totals, settings.level));
  }
  const adjusted = adjustPValues(lifts.map((l) => l?.pValue ?? null), { method: adjust });
  const alpha = 1 - settings.level / 100;
  const rows = shrunk.groups.map((s, i) => {
    const lift = lifts[i] as Comparison | null;
    const p = adjusted[i] ?? null;
    const significant: "above" | "below" | null = lift !== null && p !== null && p < alpha ? (lift.difference > 0 ? "above" : lift.difference < 0 ? "below" : null) : null;
    return { key: s.key, rank: null as number | null, n: s.n, raw: s.raw, shrunken: s.shrunken, credibility: s.credibility, lift, adjustedPValue: p, significant, index: i };
  });
  const eligible = rows.filter((r) => r.n > 0 && r.n >= minN);
  eligible.sort((a, b) => b.shrunken.value - a.shrunken.value || b.n - a.n || a.index - b.index);
  eligible.forEach((r, j) => {
    const previous = eligible[j - 1];
    r.rank = previous !== undefined && previous.shrunken.value === r.shrunken.value ? (previous.rank as number) : j + 1;
  });
  const unranked = rows.filter((r) => r.rank === null);
  const groups: RankedGroup<K>[] = [...eligible, ...unranked].map((r) => ({ key: r.key, rank: r.rank, n: r.n, raw: r.raw, shrunken: r.shrunken, credibility: r.credibility, lift: r.lift, adjustedPValue: r.adjustedPValue, significant: r.significant }));
  return { kind: g.kind, priors: shrunk.priors, groups };
}

/**
 * A mean group against all the others pooled, by Welch's test: the others' mean and plug-in variance
 * from the groups' sums, each side's variance s²/n with s² = v·n/(n - 1) (as `compareEstimates`).
 */
function meanLiftOf<K>(g: GroupMeans<K>, i: number, N: number, sum: number, squares: number, level: number): Comparison | null {
  const n = g.n[i] as number;
  const rest = N - n;
  if (!(n >= 2) || !(rest >= 2) || g.raw[i] === null || g.raw[i] === undefined) return null;
  const mean = (g.mean[i] as number);
  const restMean = (sum - n * mean) / rest;
  const restVariance = Math.max(0, (squares - n * ((g.variance[i] as number) + mean * mean)) / rest - restMean * restMean);
  const others: Estimate = { value: restMean, standardError: Math.sqrt(restVariance / rest), interval: { lower: restMean, upper: restMean, center: restMean, level, method: "normal" }, n: rest };
  return compareEstimates(others, g.raw[i] as Estimate, { level });
}

function liftOf<K>(g: GroupCounts<K>, i: number, totals: Float64Array, level: number): Comparison | null {
  const C = g.categories;
  const n = g.n[i] as number;
  let rest = 0;
  for (let c = 0; c < C; c++) rest += (totals[c] as number) - (g.counts[i * C + c] as number);
  if (!(n > 0) || !(rest > 1e-9)) return null;
  if (g.kind === "share") {
    const x = g.counts[i * C] as number;
    const restX = Math.max(0, (totals[0] as number) - x);
    // Effective counts below 1 are not a sample compareShares accepts.
    if (n < 1 || rest < 1) return null;
    return compareShares({ successes: restX, total: rest }, { successes: Math.min(x, n), total: n }, { level });
  }
  if (n < 1 || rest < 1) return null;
  const restP = Math.max(0, (totals[0] as number) - (g.counts[i * C] as number));
  const restD = Math.max(0, (totals[2] as number) - (g.counts[i * C + 2] as number));
  const c = compareNps({ promoters: restP, detractors: restD, total: rest }, { promoters: g.counts[i * C] as number, detractors: g.counts[i * C + 2] as number, total: n }, { level });
  if (c === null) return null;
  return { before: c.before, after: c.after, difference: c.difference, standardError: c.standardError, statistic: c.z, df: null, pValue: c.pValue, interval: { ...c.interval, method: "nps" }, test: "nps" };
}

/**
 * Options of {@link topPerformers}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: TopPerformersOptions<string> = { top: 10, by: (agent) => teamOf.get(agent) };
 * ```
 */
export interface TopPerformersOptions<K> {
  /** How many of the best-ranked groups count as top performers. */
  readonly top: number;
  /** The department (team, site) of a ranked group's key. */
  readonly by: (key: K) => unknown;
  /**
   * The multiple-testing correction over the departments' tests.
   * @defaultValue "holm"
   */
  readonly adjust?: PAdjustMethod;
}

/**
 * One department in {@link topPerformers}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const row: TopPerformersRow = topPerformers(ranking, { top: 10, by: teamOf }).departments[0]!;
 * ```
 */
export interface TopPerformersRow {
  /** The department. */
  readonly department: unknown;
  /** Its ranked agents. */
  readonly agents: number;
  /** Its agents among the top N. */
  readonly top: number;
  /** What its share of the ranked agents would give: N·agents/ranked. */
  readonly expected: number;
  /** `top / expected` (1 = its fair share; `null` when expected is 0). */
  readonly ratio: number | null;
  /** P(at least `top` of its agents among the top N) if the top N were drawn at random: hypergeometric upper tail. */
  readonly pValue: number;
  /** `pValue` adjusted over the departments. */
  readonly adjustedPValue: number;
}

/**
 * The result of {@link topPerformers}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const spread: TopPerformers = topPerformers(ranking, { top: 10, by: teamOf });
 * ```
 */
export interface TopPerformers {
  /** N: the top groups considered (at most the number ranked). */
  readonly top: number;
  /** Ranked groups. */
  readonly ranked: number;
  /** Per department, by `top` descending, then by `expected` descending. */
  readonly departments: readonly TopPerformersRow[];
}

/**
 * Where the top performers sit: of the N best-ranked agents, how many each department has against
 * the number its share of agents would give, and whether a cluster is more than chance. Call-center
 * practice is to spread "champions" over teams when they cluster.
 *
 * Formula: with M ranked agents, Kⱼ of them in department j and xⱼ in the top N, expected = N·Kⱼ/M;
 * p = P(X ≥ xⱼ) for X hypergeometric(M, Kⱼ, N), the chance of a cluster at least that large if the
 * top N were a random draw; adjusted over the departments (Holm by default). Ties at the N-th rank
 * are broken as in the ranking's order.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a `top` that is not a whole number from 1, a
 * missing `by`, or a ranking that is not one of {@link rankGroups}.
 * @category Attribution
 * @example
 * ```ts
 * const spread = topPerformers(ranking, { top: 10, by: (agent) => teamOf.get(agent) });
 * spread.departments[0]; // => { department: "billing", agents: 12, top: 6, expected: 2.4, ratio: 2.5, ... }
 * ```
 */
export function topPerformers<K>(ranking: Ranking<K>, options: TopPerformersOptions<K>): TopPerformers {
  const fn = "topPerformers";
  const o = checkOptions(fn, options, ["top", "by", "adjust"]);
  if (ranking === null || typeof ranking !== "object" || !Array.isArray((ranking as Ranking<K>).groups)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "ranking", value: ranking, expected: "a ranking made by rankGroups" });
  }
  const topOption = o["top"];
  if (typeof topOption !== "number" || !Number.isInteger(topOption) || topOption < 1) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "top", value: topOption, expected: "a whole number of top performers, at least 1" });
  const by = o["by"];
  if (typeof by !== "function") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "by", value: by, expected: "a function from a group's key to its department" });
  const adjust = checkChoice(fn, "adjust", o["adjust"], P_ADJUST_METHODS, "holm");
  const ranked = ranking.groups.filter((g) => g !== null && typeof g === "object" && typeof g.rank === "number");
  const M = ranked.length;
  const N = Math.min(topOption, M);
  const departments = new Map<unknown, { agents: number; top: number }>();
  ranked.forEach((g, j) => {
    const d = (by as (key: K) => unknown)(g.key);
    let entry = departments.get(d);
    if (entry === undefined) departments.set(d, (entry = { agents: 0, top: 0 }));
    entry.agents++;
    if (j < N) entry.top++;
  });
  const rows = [...departments].map(([department, { agents, top }]) => {
    const expected = M > 0 ? (N * agents) / M : 0;
    return { department, agents, top, expected, ratio: expected > 0 ? top / expected : null, pValue: hypergeometricUpper(top, M, agents, N), adjustedPValue: 1 };
  });
  const adjusted = adjustPValues(rows.map((r) => r.pValue), { method: adjust });
  rows.forEach((r, j) => (r.adjustedPValue = adjusted[j] as number));
  rows.sort((a, b) => b.top - a.top || b.expected - a.expected);
  return { top: N, ranked: M, departments: rows };
}

/** P(X ≥ x) for X ~ hypergeometric: N draws from M items of which K are marked. */
function hypergeometricUpper(x: number, M: number, K: number, N: number): number {
  if (x <= 0) return 1;
  const lc = (n: number, r: number): number => logGamma(n + 1) - logGamma(r + 1) - logGamma(n - r + 1);
  const total = lc(M, N);
  let p = 0;
  for (let j = x; j <= Math.min(K, N); j++) {
    if (N - j > M - K) continue;
    p += Math.exp(lc(K, j) + lc(M - K, N - j) - total);
  }
  return Math.min(1, p);
}
