import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";
import { checkChoice, checkLevel, checkOptions } from "../core/options.ts";
import { betaQuantile } from "../stats/beta.ts";
import { fitDirichlet, PRIOR_METHODS, type PriorMethod } from "../stats/dirichlet.ts";
import { zForLevel } from "../stats/estimates.ts";
import { clamp } from "../stats/interval.ts";
import { groupData, valueOfShares, type GroupCounts, type GroupData, type GroupedStates, type GroupMeans } from "./group-counts.ts";

export type { PriorMethod } from "../stats/dirichlet.ts";

/**
 * How a shrunken estimate's interval was made:
 * - `"beta"`: a share's equal-tailed credible interval, the quantiles of its Beta posterior.
 * - `"dirichlet-normal"`: an NPS's posterior mean ± z·posterior SD (the Dirichlet posterior of the
 *   three shares), clamped to [-100, 100].
 * - `"normal"`: a mean's posterior mean ± z·posterior SD (normal-normal model).
 * - `"pooled"`: no between-group variation was detectable; every group gets the pooled value and its
 *   interval.
 *
 * @category Attribution
 * @example
 * ```ts
 * const method: ShrinkageIntervalMethod = "beta";
 * ```
 */
export type ShrinkageIntervalMethod = "beta" | "dirichlet-normal" | "normal" | "pooled";

/**
 * A prior given instead of estimated: pseudo-counts per category, `[successes, failures]` for a share
 * (Beta(α, β)) or `[promoters, passives, detractors]` for NPS (Dirichlet).
 *
 * @category Attribution
 * @example
 * ```ts
 * const prior: GivenPrior = { alpha: [81, 219] }; // Robinson's batting-average prior
 * ```
 */
export interface GivenPrior {
  /** Positive pseudo-counts, one per category. */
  readonly alpha: readonly number[];
}

/**
 * Options of {@link shrinkage} (and of {@link rankGroups}, which shrinks first).
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: ShrinkageOptions<string> = { method: "moments", parent: (agent) => teamOf.get(agent) };
 * ```
 */
export interface ShrinkageOptions<K> {
  /**
   * How the prior is estimated from the groups ({@link PriorMethod}).
   * @defaultValue "maximum-likelihood"
   */
  readonly method?: PriorMethod;
  /** A prior to use as it is, instead of estimating one (last quarter's, say). */
  readonly prior?: GivenPrior;
  /**
   * The larger group each group shrinks towards (an agent's team): one prior is estimated per parent,
   * from that parent's groups (at least two with answers). Without it, every group shrinks towards
   * the prior of all groups.
   */
  readonly parent?: (key: K) => unknown;
  /**
   * Level of the credible intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
}

/**
 * The prior fitted to (or given for) a set of groups.
 *
 * @category Attribution
 * @example
 * ```ts
 * const prior: ShrinkagePrior = shrinkage(metric, states).priors[0]!;
 * ```
 */
export interface ShrinkagePrior {
  /** The parent the prior belongs to (`null` without `parent`). */
  readonly parent: unknown;
  /** The prior mean on the metric's scale (percent for shares, NPS points). */
  readonly mean: number;
  /**
   * The prior's concentration A = Σα, in answers: a group with n answers keeps n/(n + A) of its own
   * value. `null` when no between-group variation was detectable (A infinite: complete pooling).
   */
  readonly concentration: number | null;
  /** Pseudo-counts per category (`[successes, failures]` or `[promoters, passives, detractors]`); with complete pooling, the pooled shares; empty for means. */
  readonly alpha: readonly number[];
  /** The prior's standard deviation on the metric's scale: how much the groups' true values differ (0 with complete pooling). */
  readonly spread: number;
  /** How the prior was obtained. */
  readonly method: PriorMethod | "given";
  /** Groups with answers the prior was fitted from. */
  readonly groups: number;
}

/**
 * One group (agent) with its raw and its shrunken value, side by side.
 *
 * @category Attribution
 * @example
 * ```ts
 * const row: ShrunkenGroup<string> = shrinkage(metric, states).groups[0]!;
 * ```
 */
export interface ShrunkenGroup<K> {
  /** The group's key. */
  readonly key: K;
  /** Its (effective) number of answers. */
  readonly n: number;
  /** The metric's own headline estimate for the group; `null` when it has no answers. */
  readonly raw: Estimate | null;
  /** The posterior mean with its posterior SD as `standardError` and a credible interval. */
  readonly shrunken: Estimate<ShrinkageIntervalMethod>;
  /** n/(n + A): how much of the shrunken value is the group's own (0 with complete pooling). */
  readonly credibility: number;
  /** The prior it shrank towards. */
  readonly prior: ShrinkagePrior;
}

/**
 * The result of {@link shrinkage}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const s: Shrinkage<string> = shrinkage(npsMetric({ value: "nps" }), states);
 * ```
 */
export interface Shrinkage<K> {
  /** `"nps"` (Dirichlet-multinomial), `"share"` (beta-binomial) or `"mean"` (normal-normal). */
  readonly kind: "nps" | "share" | "mean";
  /** One prior, or one per parent in the order parents first appear. */
  readonly priors: readonly ShrinkagePrior[];
  /** Every group, in the order of the states. */
  readonly groups: readonly ShrunkenGroup<K>[];
}

const SHRINKAGE_KEYS: readonly string[] = ["method", "prior", "parent", "level"];

/** The checked options of {@link shrinkage}. */
export interface ShrinkageSettings<K> {
  readonly method: PriorMethod;
  readonly prior: readonly number[] | undefined;
  readonly parent: ((key: K) => unknown) | undefined;
  readonly level: number;
}

/** Checks the shrinkage options out of an options object (shared with {@link rankGroups}). */
export function shrinkageSettings<K>(fn: string, o: Readonly<Record<string, unknown>>): ShrinkageSettings<K> {
  const method = checkChoice(fn, "method", o["method"], PRIOR_METHODS, "maximum-likelihood");
  const level = checkLevel(fn, o["level"] ?? 95);
  const parent = o["parent"];
  if (parent !== undefined && typeof parent !== "function") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "parent", value: parent, expected: "a function from a group's key to its parent group (an agent's team)" });
  let prior: readonly number[] | undefined;
  if (o["prior"] !== undefined) {
    const p = checkOptions(fn, o["prior"], ["alpha"], "prior");
    const alpha = p["alpha"];
    if (!Array.isArray(alpha) || alpha.length < 2 || !alpha.every((a) => typeof a === "number" && a > 0 && a < 1e12)) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "prior.alpha", value: alpha, expected: "positive pseudo-counts below 1e12: [successes, failures] for a share, [promoters, passives, detractors] for NPS" });
    }
    prior = alpha as number[];
  }
  return { method, prior, parent: parent as ((key: K) => unknown) | undefined, level };
}

/**
 * Fair per-group results for few answers: empirical-Bayes shrinkage of each group's (agent's) value
 * towards the prior all groups (or its parent's groups) imply. An agent with 4 answers and NPS 100 is
 * pulled far towards the center; an agent with 400 keeps nearly their own value.
 *
 * Model: each group's category shares θᵢ are drawn from a prior, Beta(α, β) for a share (CSAT, FCR,
 * one-touch, service level: beta-binomial) or Dirichlet(α_P, α_0, α_D) for NPS's promoters, passives
 * and detractors (Dirichlet-multinomial), and its answers are multinomial given θᵢ. The prior is
 * estimated from all groups (`method`: marginal maximum likelihood by Newton's method on ln α, or the
 * method of moments from the Pearson chi-square), then each group's posterior is the prior plus its
 * counts: Beta(α + x, β + n - x), Dirichlet(α + x).
 *
 * - shrunken value = posterior mean = credibility·raw + (1 - credibility)·prior mean, with
 *   credibility = n/(n + A), A = Σα.
 * - share: interval = the Beta posterior's equal-tailed quantiles (centred on the posterior mean,
 *   clamped into the interval for the J-shaped posteriors of shapes below 1, where the mean can lie
 *   outside it); standardError the posterior SD.
 * - NPS: posterior mean 100·(α'_P - α'_D)/A'; posterior variance
 *   (m_P(1 - m_P) + m_D(1 - m_D) + 2·m_P·m_D)/(A' + 1) with m = α'/A'; interval mean ± z·SD.
 * - A mean (AHT, CES, a rating mean, FRT, ART: normal-normal): yᵢ ~ N(θᵢ, σ²/nᵢ), θᵢ ~ N(μ, τ²),
 *   σ² = Σnᵢvᵢ/N the groups' pooled plug-in variance (vᵢ = SEᵢ²·nᵢ); τ² by DerSimonian-Laird
 *   (`"moments"`) or maximum likelihood; credibility τ²/(τ² + σ²/nᵢ) = nᵢ/(nᵢ + A) with A = σ²/τ²;
 *   posterior SD √(credibility·σ²/nᵢ); interval mean ± z·SD (not clamped to a scale). `prior` does
 *   not apply.
 * - When no between-group variation is detectable (the moment estimate of ρ = 1/(A + 1) or of τ² is
 *   not positive, or the likelihood is highest at A = ∞), every group gets the pooled value with the
 *   pooled interval (`concentration: null`, method `"pooled"`).
 *
 * The intervals are those of the posterior given the fitted prior; they do not include the
 * uncertainty of the prior itself (as `ebbr`'s `add_ebb_estimate`). Weighted groups count with their
 * effective sample size. Works from grouped states (of {@link groupStates}): no record is read again.
 *
 * Sources: Robinson, D. (2017), *Introduction to Empirical Bayes: Examples from Baseball Statistics*,
 * and the `ebbr` R package; Minka, T. (2000), "Estimating a Dirichlet distribution"; Efron, B. &
 * Morris, C. (1975), JASA 70 (normal shrinkage); DerSimonian, R. & Laird, N. (1986), Controlled
 * Clinical Trials 7; Viechtbauer, W. (2005), J. Educ. Behav. Stat. 30 (the ML iteration); Williams, D. A.
 * (1982), "Extra-binomial variation in logistic linear models", Applied Statistics 31 (the X²
 * dispersion moments, here with unequal n; derivation in docs/attribution.md).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a metric whose headline is not NPS, a share or a
 * mean, or bad options; `INVALID_INPUT` when fewer than two groups (of a parent) have answers.
 * @category Attribution
 * @example
 * ```ts
 * const metric = csatMetric({ value: "csat" });
 * const states = groupStates(metric, responses, "agentId");
 * for (const g of shrinkage(metric, states).groups) console.log(g.key, g.n, g.raw?.value, g.shrunken.value);
 * ```
 */
export function shrinkage<K, S, O>(metric: Metric<never, S, O>, states: GroupedStates<K, S>, options?: ShrinkageOptions<K>): Shrinkage<K> {
  const fn = "shrinkage";
  const settings = shrinkageSettings<K>(fn, checkOptions(fn, options, SHRINKAGE_KEYS));
  return shrinkData(fn, groupData<K, S, O>(fn, metric, states), settings);
}

/** {@link shrinkage} from grouped data already read: counts or means. */
export function shrinkData<K>(fn: string, g: GroupData<K>, settings: ShrinkageSettings<K>): Shrinkage<K> {
  return g.kind === "mean" ? shrinkMeans(fn, g, settings) : shrinkCounts(fn, g, settings);
}

/** Members of each parent (indices), in order of first appearance; one list without `parent`. */
function membersOf<K>(keys: readonly K[], parent: ((key: K) => unknown) | undefined): Map<unknown, number[]> {
  const members = new Map<unknown, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const p = parent === undefined ? null : parent(keys[i] as K);
    let list = members.get(p);
    if (list === undefined) members.set(p, (list = []));
    list.push(i);
  }
  return members;
}

function tooFew(fn: string, parent: unknown, grouped: boolean, withAnswers: number, given: boolean): CxMetricsError {
  return new CxMetricsError({
    code: "INVALID_INPUT",
    fn,
    field: "states",
    value: grouped ? `parent ${String(parent)}: ${withAnswers} group(s) with answers` : `${withAnswers} group(s) with answers`,
    expected: `at least two groups with answers to estimate a prior from${given ? " (or give one with `prior`)" : ""}`,
  });
}

/**
 * Normal-normal shrinkage of means: yᵢ ~ N(θᵢ, σ²/nᵢ), θᵢ ~ N(μ, τ²), σ² the groups' pooled plug-in
 * variance Σnᵢvᵢ/N. τ² by moments (DerSimonian-Laird) or maximum likelihood (the fixed-point
 * iteration of Viechtbauer 2005); credibility Bᵢ = τ²/(τ² + σ²/nᵢ) = nᵢ/(nᵢ + σ²/τ²).
 */
function shrinkMeans<K>(fn: string, g: GroupMeans<K>, settings: ShrinkageSettings<K>): Shrinkage<K> {
  if (settings.prior !== undefined) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "prior", value: settings.prior, expected: "no prior for a mean headline: `prior.alpha` gives pseudo-counts for NPS and shares; the normal prior of means is estimated" });
  }
  const k = g.keys.length;
  const z = zForLevel(settings.level);
  const groups = new Array<ShrunkenGroup<K>>(k);
  const priors: ShrinkagePrior[] = [];
  for (const [parent, list] of membersOf(g.keys, settings.parent)) {
    const used = list.filter((i) => (g.n[i] as number) > 0);
    if (used.length < 2) throw tooFew(fn, parent, settings.parent !== undefined, used.length, false);
    let N = 0;
    let within = 0;
    let sum = 0;
    for (const i of used) {
      N += g.n[i] as number;
      within += (g.n[i] as number) * (g.variance[i] as number);
      sum += (g.n[i] as number) * (g.mean[i] as number);
    }
    const sigma2 = within / N;
    const s2 = (i: number): number => sigma2 / (g.n[i] as number);
    // σ² = 0 with every group at one answer says nothing about the spread within groups: the
    // variance cannot be split into within and between (pooled, as for counts); with larger groups
    // it means every group's answers are identical, and each keeps its own mean.
    const identifiable = used.some((i) => (g.n[i] as number) > 1);
    const tau2 = sigma2 > 0 ? betweenVariance(used, g, s2, settings.method) : identifiable ? variance(used.map((i) => g.mean[i] as number)) : 0;
    const pooled = !(tau2 > 1e-12 * Math.max(sigma2, 1e-300));
    // The random-effects mean Σwᵢyᵢ/Σwᵢ, wᵢ = 1/(τ² + sᵢ²); with complete pooling, the answer-weighted mean.
    let mu = sum / N;
    if (!pooled && sigma2 > 0) {
      let sw = 0;
      let swy = 0;
      for (const i of used) {
        const w = 1 / (tau2 + s2(i));
        sw += w;
        swy += w * (g.mean[i] as number);
      }
      mu = swy / sw;
    }
    const prior: ShrinkagePrior = { parent, mean: mu, concentration: pooled ? null : sigma2 / tau2, alpha: [], spread: pooled ? 0 : Math.sqrt(tau2), method: settings.method, groups: used.length };
    priors.push(prior);
    for (const i of list) {
      const n = g.n[i] as number;
      let shrunken: Estimate<ShrinkageIntervalMethod>;
      let credibility: number;
      if (pooled) {
        const se = Math.sqrt(sigma2 / N);
        shrunken = { value: mu, standardError: se, interval: { lower: mu - z * se, upper: mu + z * se, center: mu, level: settings.level, method: "pooled" }, n };
        credibility = 0;
      } else {
        const sample = n > 0 ? s2(i) : Number.POSITIVE_INFINITY;
        credibility = n > 0 ? (sample > 0 ? tau2 / (tau2 + sample) : 1) : 0;
        const value = n > 0 ? credibility * (g.mean[i] as number) + (1 - credibility) * mu : mu;
        const sd = Math.sqrt(n > 0 ? (sample > 0 ? (tau2 * sample) / (tau2 + sample) : 0) : tau2);
        shrunken = { value, standardError: sd, interval: { lower: value - z * sd, upper: value + z * sd, center: value, level: settings.level, method: "normal" }, n };
      }
      groups[i] = { key: g.keys[i] as K, n, raw: g.raw[i] ?? null, shrunken, credibility, prior };
    }
  }
  return { kind: "mean", priors, groups };
}

/** Plug-in variance of numbers (population form). */
function variance(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) * (b - m), 0) / xs.length;
}

/**
 * τ² of the groups' means: DerSimonian-Laird (moments) with wᵢ = 1/sᵢ²,
 * τ² = max(0, (Q - (k - 1))/(Σw - Σw²/Σw)), Q = Σwᵢ(yᵢ - ȳ_w)²; or maximum likelihood, iterating
 * τ² ← max(0, Σwᵢ²((yᵢ - μ)² - sᵢ²)/Σwᵢ²) with wᵢ = 1/(τ² + sᵢ²) from the moment estimate.
 */
function betweenVariance<K>(used: readonly number[], g: GroupMeans<K>, s2: (i: number) => number, method: PriorMethod): number {
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  for (const i of used) {
    const w = 1 / s2(i);
    sw += w;
    sw2 += w * w;
    swy += w * (g.mean[i] as number);
  }
  const ybar = swy / sw;
  let q = 0;
  for (const i of used) q += (1 / s2(i)) * ((g.mean[i] as number) - ybar) ** 2;
  let tau2 = Math.max(0, (q - (used.length - 1)) / (sw - sw2 / sw));
  if (method === "moments") return tau2;
  if (tau2 === 0) tau2 = variance(used.map((i) => g.mean[i] as number));
  for (let it = 0; it < 500; it++) {
    let a = 0;
    let b = 0;
    let c = 0;
    for (const i of used) {
      const w = 1 / (tau2 + s2(i));
      a += w;
      b += w * (g.mean[i] as number);
    }
    const mu = b / a;
    let d = 0;
    for (const i of used) {
      const w = 1 / (tau2 + s2(i));
      c += w * w * (((g.mean[i] as number) - mu) ** 2 - s2(i));
      d += w * w;
    }
    const next = Math.max(0, c / d);
    const done = Math.abs(next - tau2) <= 1e-12 * Math.max(tau2, 1e-300) || next === 0;
    tau2 = next;
    if (done) break;
  }
  return tau2;
}

/** {@link shrinkage} from counts already read. */
function shrinkCounts<K>(fn: string, g: GroupCounts<K>, settings: ShrinkageSettings<K>): Shrinkage<K> {
  const C = g.categories;
  const k = g.keys.length;
  if (settings.prior !== undefined && settings.prior.length !== C) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "prior.alpha", value: settings.prior, expected: `${C} pseudo-counts (${C === 3 ? "[promoters, passives, detractors]" : "[successes, failures]"})` });
  }
  const members = membersOf(g.keys, settings.parent);
  const priorOf = new Array<ShrinkagePrior>(k);
  const alphaOf = new Array<Float64Array>(k);
  const pooledOf = new Array<boolean>(k);
  const answersOf = new Float64Array(k);
  const priors: ShrinkagePrior[] = [];
  for (const [parent, list] of members) {
    const counts = new Float64Array(list.length * C);
    list.forEach((i, j) => counts.set(g.counts.subarray(i * C, i * C + C), j * C));
    const withAnswers = list.filter((i) => (g.n[i] as number) > 0).length;
    let alpha: Float64Array;
    let pooled: boolean;
    if (settings.prior !== undefined) {
      alpha = Float64Array.from(settings.prior);
      pooled = false;
    } else {
      if (withAnswers < 2) throw tooFew(fn, parent, settings.parent !== undefined, withAnswers, true);
      ({ alpha, pooled } = fitDirichlet(counts, list.length, C, settings.method));
    }
    let A = 0;
    for (let c = 0; c < C; c++) A += alpha[c] as number;
    const mean = pooled ? valueOfShares(g.kind, alpha) : valueOfShares(g.kind, alpha.map((a) => a / A));
    const m = pooled ? alpha : alpha.map((a) => a / A);
    const shareVariance = g.kind === "share" ? (m[0] as number) * (1 - (m[0] as number)) : (m[0] as number) * (1 - (m[0] as number)) + (m[2] as number) * (1 - (m[2] as number)) + 2 * (m[0] as number) * (m[2] as number);
    const spread = pooled ? 0 : 100 * Math.sqrt(Math.max(0, shareVariance) / (A + 1));
    const prior: ShrinkagePrior = { parent, mean, concentration: pooled ? null : A, alpha: [...alpha], spread, method: settings.prior !== undefined ? "given" : settings.method, groups: withAnswers };
    priors.push(prior);
    let answers = 0;
    for (const i of list) answers += g.n[i] as number;
    for (const i of list) {
      priorOf[i] = prior;
      alphaOf[i] = alpha;
      pooledOf[i] = pooled;
      answersOf[i] = answers;
    }
  }
  const z = zForLevel(settings.level);
  const lowerP = (1 - settings.level / 100) / 2;
  const zLower = -z;
  const groups: ShrunkenGroup<K>[] = [];
  for (let i = 0; i < k; i++) {
    const alpha = alphaOf[i] as Float64Array;
    const prior = priorOf[i] as ShrinkagePrior;
    const n = g.n[i] as number;
    let shrunken: Estimate<ShrinkageIntervalMethod>;
    let credibility: number;
    if (pooledOf[i]) {
      shrunken = pooledEstimate(g.kind, prior, answersOf[i] as number, z, settings.level, n);
      credibility = 0;
    } else {
      let A = 0;
      for (let c = 0; c < C; c++) A += alpha[c] as number;
      const a1 = (alpha[0] as number) + (g.counts[i * C] as number);
      const post = A + n;
      credibility = n / post;
      if (g.kind === "share") {
        const b1 = post - a1;
        const m = a1 / post;
        const sd = Math.sqrt((m * (1 - m)) / (post + 1));
        const lower = 100 * betaQuantile(lowerP, a1, b1, zLower);
        // Quantiles within 1e-300 of an end agree only to rounding: kept in order.
        const upper = Math.max(lower, 100 * betaQuantile(1 - lowerP, a1, b1, z));
        shrunken = {
          value: 100 * m,
          standardError: 100 * sd,
          // A J-shaped posterior (a shape below 1) can put its mean outside its central interval.
          interval: { lower, upper, center: clamp(100 * m, lower, upper), level: settings.level, method: "beta" },
          n,
        };
      } else {
        const mP = a1 / post;
        const mD = ((alpha[2] as number) + (g.counts[i * C + 2] as number)) / post;
        const sd = Math.sqrt(Math.max(0, mP * (1 - mP) + mD * (1 - mD) + 2 * mP * mD) / (post + 1));
        const value = 100 * (mP - mD);
        shrunken = {
          value,
          standardError: 100 * sd,
          interval: { lower: clamp(value - 100 * z * sd, -100, 100), upper: clamp(value + 100 * z * sd, -100, 100), center: value, level: settings.level, method: "dirichlet-normal" },
          n,
        };
      }
    }
    groups.push({ key: g.keys[i] as K, n, raw: g.raw[i] ?? null, shrunken, credibility, prior });
  }
  return { kind: g.kind, priors, groups };
}

/** Complete pooling: the pooled value of the parent's groups (N answers), with the pooled plug-in interval. */
function pooledEstimate(kind: "nps" | "share", prior: ShrinkagePrior, N: number, z: number, level: number, n: number): Estimate<ShrinkageIntervalMethod> {
  const m = prior.alpha;
  const variance = kind === "share" ? (m[0] as number) * (1 - (m[0] as number)) : Math.max(0, (m[0] as number) + (m[2] as number) - ((m[0] as number) - (m[2] as number)) ** 2);
  const se = N > 0 ? 100 * Math.sqrt(variance / N) : 0;
  const lo = kind === "share" ? 0 : -100;
  return { value: prior.mean, standardError: se, interval: { lower: clamp(prior.mean - z * se, lo, 100), upper: clamp(prior.mean + z * se, lo, 100), center: prior.mean, level, method: "pooled" }, n };
}
