import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";
import { checkChoice, checkLevel, checkOptions } from "../core/options.ts";
import { betaQuantile } from "../stats/beta.ts";
import { fitDirichlet, PRIOR_METHODS, type PriorMethod } from "../stats/dirichlet.ts";
import { zForLevel } from "../stats/estimates.ts";
import { clamp } from "../stats/interval.ts";
import { groupCounts, valueOfShares, type GroupCounts, type GroupedStates } from "./group-counts.ts";

export type { PriorMethod } from "../stats/dirichlet.ts";

/**
 * How a shrunken estimate's interval was made:
 * - `"beta"`: a share's equal-tailed credible interval, the quantiles of its Beta posterior.
 * - `"dirichlet-normal"`: an NPS's posterior mean ± z·posterior SD (the Dirichlet posterior of the
 *   three shares), clamped to [-100, 100].
 * - `"pooled"`: no between-group variation was detectable; every group gets the pooled value and its
 *   interval.
 *
 * @category Attribution
 * @example
 * ```ts
 * const method: ShrinkageIntervalMethod = "beta";
 * ```
 */
export type ShrinkageIntervalMethod = "beta" | "dirichlet-normal" | "pooled";

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
  /** Pseudo-counts per category (`[successes, failures]` or `[promoters, passives, detractors]`); with complete pooling, the pooled shares. */
  readonly alpha: readonly number[];
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
  /** `"nps"` (Dirichlet-multinomial) or `"share"` (beta-binomial). */
  readonly kind: "nps" | "share";
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
 * - When no between-group variation is detectable (the moment estimate of ρ = 1/(A + 1) is not
 *   positive, or the likelihood is highest at A = ∞), every group gets the pooled value with the
 *   pooled interval (`concentration: null`, method `"pooled"`).
 *
 * The intervals are those of the posterior given the fitted prior; they do not include the
 * uncertainty of the prior itself (as `ebbr`'s `add_ebb_estimate`). Weighted groups count with their
 * effective sample size. Works from grouped states (of {@link groupStates}): no record is read again.
 *
 * Sources: Robinson, D. (2017), *Introduction to Empirical Bayes: Examples from Baseball Statistics*,
 * and the `ebbr` R package; Minka, T. (2000), "Estimating a Dirichlet distribution"; Williams, D. A.
 * (1982), "Extra-binomial variation in logistic linear models", Applied Statistics 31 (the X²
 * dispersion moments, here with unequal n; derivation in docs/attribution.md).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a metric whose headline is neither NPS nor a
 * share, or bad options; `INVALID_INPUT` when fewer than two groups (of a parent) have answers.
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
  return shrinkCounts(fn, groupCounts<K, S, O>(fn, metric, states), settings);
}

/** {@link shrinkage} from counts already read. */
export function shrinkCounts<K>(fn: string, g: GroupCounts<K>, settings: ShrinkageSettings<K>): Shrinkage<K> {
  const C = g.categories;
  const k = g.keys.length;
  if (settings.prior !== undefined && settings.prior.length !== C) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "prior.alpha", value: settings.prior, expected: `${C} pseudo-counts (${C === 3 ? "[promoters, passives, detractors]" : "[successes, failures]"})` });
  }
  // Members of each parent, in order of first appearance.
  const members = new Map<unknown, number[]>();
  for (let i = 0; i < k; i++) {
    const p = settings.parent === undefined ? null : settings.parent(g.keys[i] as K);
    let list = members.get(p);
    if (list === undefined) members.set(p, (list = []));
    list.push(i);
  }
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
      if (withAnswers < 2) {
        throw new CxMetricsError({
          code: "INVALID_INPUT",
          fn,
          field: "states",
          value: settings.parent === undefined ? `${withAnswers} group(s) with answers` : `parent ${String(parent)}: ${withAnswers} group(s) with answers`,
          expected: "at least two groups with answers to estimate a prior from (or give one with `prior`)",
        });
      }
      ({ alpha, pooled } = fitDirichlet(counts, list.length, C, settings.method));
    }
    let A = 0;
    for (let c = 0; c < C; c++) A += alpha[c] as number;
    const mean = pooled ? valueOfShares(g.kind, alpha) : valueOfShares(g.kind, alpha.map((a) => a / A));
    const prior: ShrinkagePrior = { parent, mean, concentration: pooled ? null : A, alpha: [...alpha], method: settings.prior !== undefined ? "given" : settings.method, groups: withAnswers };
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
