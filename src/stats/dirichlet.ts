import { digamma, logGammaRatio, trigamma } from "./gamma.ts";

/**
 * How the prior of an empirical-Bayes fit is estimated from all groups:
 * - `"maximum-likelihood"` (default): the Dirichlet-multinomial (beta-binomial for two categories)
 *   marginal likelihood maximized by Newton's method, as `ebbr`'s default (`method = "mle"`).
 * - `"moments"`: the method of moments from the Pearson chi-square of the groups × categories table
 *   (intraclass correlation ρ = 1/(A + 1), unequal group sizes).
 *
 * @category Attribution
 * @example
 * ```ts
 * const method: PriorMethod = "moments";
 * ```
 */
export type PriorMethod = "maximum-likelihood" | "moments";

/** Every {@link PriorMethod}. */
export const PRIOR_METHODS: readonly PriorMethod[] = ["maximum-likelihood", "moments"];

/** A fitted Dirichlet prior: pseudo-counts per category, or `null` when no between-group variation is detectable (complete pooling). */
export interface DirichletFit {
  /** Pseudo-counts αc per category; with `pooled`, the category shares (summing to 1). */
  readonly alpha: Float64Array;
  /** No between-group variation detected: the concentration is infinite, every group shrinks fully to the mean. */
  readonly pooled: boolean;
}

/** Concentrations above this are treated as infinite (ρ below 1e-10: no between-group variation). */
const MAX_CONCENTRATION = 1e10;

/**
 * Fits a Dirichlet(α) prior to k groups of counts over C categories (`counts[i·C + c]`, real and
 * non-negative; groups without counts are ignored). Categories no group used keep α = 0.
 */
export function fitDirichlet(counts: Float64Array, k: number, categories: number, method: PriorMethod): DirichletFit {
  const C = categories;
  const totals = new Float64Array(C);
  const n = new Float64Array(k);
  let N = 0;
  let groups = 0;
  let sumN2 = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let c = 0; c < C; c++) s += counts[i * C + c] as number;
    n[i] = s;
    if (s > 0) {
      groups++;
      N += s;
      sumN2 += s * s;
      for (let c = 0; c < C; c++) totals[c] = (totals[c] as number) + (counts[i * C + c] as number);
    }
  }
  const mean = new Float64Array(C);
  const used: number[] = [];
  for (let c = 0; c < C; c++) {
    mean[c] = N > 0 ? (totals[c] as number) / N : 0;
    if ((totals[c] as number) > 0) used.push(c);
  }
  const pooled = (): DirichletFit => ({ alpha: mean, pooled: true });
  if (used.length < 2 || groups < 2) return pooled();
  // Method of moments: E[X²] = (C' - 1)·((k - 1) + ρ·(N - k + 1 - Σn²/N)), X² Pearson's chi-square.
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const ni = n[i] as number;
    if (ni === 0) continue;
    for (const c of used) {
      const e = ni * (mean[c] as number);
      const d = (counts[i * C + c] as number) - e;
      chi2 += (d * d) / e;
    }
  }
  const denominator = N - groups + 1 - sumN2 / N;
  const rho = denominator > 1e-12 ? (chi2 / (used.length - 1) - (groups - 1)) / denominator : 0;
  const A = rho > 0 ? Math.max((1 - Math.min(rho, 1 - 1e-9)) / Math.min(rho, 1 - 1e-9), 1e-6) : Number.POSITIVE_INFINITY;
  if (method === "moments") {
    if (!(A < MAX_CONCENTRATION)) return pooled();
    return { alpha: mean.map((m) => m * A), pooled: false };
  }
  if (denominator <= 1e-12) return pooled(); // every group has one answer: the concentration is not identifiable
  // Newton from the moment estimate, keeping the best end point when there are several starts.
  // Beyond 1e4 times the largest group, every group's credibility n/(n + A) is below 1e-4: the fit
  // stops there and the comparison with the limit A = ∞ below decides (Newton creeps towards infinity
  // otherwise, one unit of ln A per step, when the maximum is at the limit).
  let largest = 0;
  for (let i = 0; i < k; i++) largest = Math.max(largest, n[i] as number);
  const ceiling = Math.min(MAX_CONCENTRATION, 1e4 * largest);
  // From the moment estimate; with none (ρ ≤ 0), from the mean group size; near ρ = 1 also from A = 1
  // (a property test found data where a start at the clamped A = 10⁻⁶ ended at a worse point).
  const starts = rho > 0 && rho < 0.99 && A < ceiling ? [A] : rho <= 0 ? [N / groups] : [1, N / groups, ...(A < ceiling ? [A] : [])];
  let alpha = mean.map((m) => m * (starts[0] as number));
  let best = Number.NEGATIVE_INFINITY;
  for (const start of starts) {
    const trial = mean.map((m) => m * start);
    maximizeLikelihood(counts, n, k, C, used, trial, ceiling);
    const L = logLikelihood(counts, n, k, C, used, trial);
    if (L > best) {
      best = L;
      alpha = trial;
    }
  }
  let total = 0;
  for (const c of used) total += alpha[c] as number;
  if (!(total < ceiling)) return pooled();
  // The likelihood at A = ∞ (a common share vector: Σᵢ Σ_c x_ic ln μ_c): when it is within 1e-6 of the
  // maximum found, the data show no between-group variation (Newton creeps towards A = ∞ there).
  let limit = 0;
  for (let i = 0; i < k; i++) for (const c of used) limit += (counts[i * C + c] as number) * Math.log(mean[c] as number);
  if (limit >= logLikelihood(counts, n, k, C, used, alpha) - 1e-6) return pooled();
  return { alpha, pooled: false };
}

/**
 * The Dirichlet-multinomial log-likelihood (without the multinomial coefficients, which do not depend
 * on α): Σᵢ [Σ_c ln Γ(α_c + x_ic)/Γ(α_c) - ln Γ(A + nᵢ)/Γ(A)], each ratio computed without
 * cancellation so that values near A = ∞ compare with the limit.
 */
function logLikelihood(counts: Float64Array, n: Float64Array, k: number, C: number, used: readonly number[], alpha: Float64Array): number {
  let A = 0;
  for (const c of used) A += alpha[c] as number;
  let L = 0;
  for (let i = 0; i < k; i++) {
    const ni = n[i] as number;
    if (ni === 0) continue;
    L -= logGammaRatio(A, ni);
    for (const c of used) L += logGammaRatio(alpha[c] as number, counts[i * C + c] as number);
  }
  return L;
}

/**
 * Newton's method on θ = ln α (so α stays positive), with step halving so that every step raises the
 * likelihood (steps below 1e-4, where the Hessian is negative definite, are taken without the check)
 * and a trust region of a factor 10 per step in α;
 * stops when the predicted gain ½·G·δ is below 1e-10, at a relative step below 1e-9, or when the
 * concentration passes the ceiling.
 */
function maximizeLikelihood(counts: Float64Array, n: Float64Array, k: number, C: number, used: readonly number[], alpha: Float64Array, ceiling: number): void {
  const m = used.length;
  const g = new Float64Array(m);
  const h = new Float64Array(m * m);
  const trial = new Float64Array(alpha.length);
  let L = logLikelihood(counts, n, k, C, used, alpha);
  for (let iteration = 0; iteration < 200; iteration++) {
    let A = 0;
    for (const c of used) A += alpha[c] as number;
    if (!(A < ceiling)) return;
    const psiA = digamma(A);
    const triA = trigamma(A);
    let gShared = 0;
    let hShared = 0;
    g.fill(0);
    h.fill(0);
    // ψ(α) and ψ'(α) are the same for every group: counted once per group that has the category.
    const present = new Float64Array(m);
    for (let i = 0; i < k; i++) {
      const ni = n[i] as number;
      if (ni === 0) continue;
      gShared += psiA - digamma(A + ni);
      hShared += triA - trigamma(A + ni);
      for (let j = 0; j < m; j++) {
        const x = counts[i * C + (used[j] as number)] as number;
        if (x === 0) continue;
        const a = alpha[used[j] as number] as number;
        g[j] = (g[j] as number) + digamma(a + x);
        h[j * m + j] = (h[j * m + j] as number) + trigamma(a + x);
        present[j] = (present[j] as number) + 1;
      }
    }
    for (let j = 0; j < m; j++) {
      const a = alpha[used[j] as number] as number;
      g[j] = (g[j] as number) - (present[j] as number) * digamma(a);
      h[j * m + j] = (h[j * m + j] as number) - (present[j] as number) * trigamma(a);
    }
    // Gradient and Hessian in θ = ln α: Gⱼ = αⱼgⱼ, Hⱼₗ = αⱼαₗHⱼₗ + δⱼₗαⱼgⱼ.
    const G = new Float64Array(m);
    const H = new Float64Array(m * m);
    for (let j = 0; j < m; j++) {
      const aj = alpha[used[j] as number] as number;
      G[j] = aj * ((g[j] as number) + gShared);
      for (let l = 0; l < m; l++) {
        const al = alpha[used[l] as number] as number;
        H[j * m + l] = aj * al * ((h[j * m + l] as number) + hShared) + (j === l ? (G[j] as number) : 0);
      }
    }
    // Damped Newton (Levenberg-Marquardt): where -H is not positive definite (a flat ridge, the
    // concentration barely determined), -H + λI for the smallest λ that is, so steps turn towards the
    // gradient smoothly instead of zig-zagging (plain gradient steps took 177 iterations there).
    let scale = 0;
    for (let j = 0; j < m; j++) scale = Math.max(scale, Math.abs(H[j * m + j] as number));
    let step = solveNegative(H, G, m, 0);
    const solved = step !== null;
    for (let j = -8; step === null && j <= 4; j += 2) step = solveNegative(H, G, m, scale * Math.pow(10, j) + 1e-300);
    if (step === null) {
      let norm = 0;
      for (let j = 0; j < m; j++) norm = Math.max(norm, Math.abs(G[j] as number));
      step = G.map((x) => (norm > 0 ? x / norm : 0));
    }
    let largestStep = 0;
    for (let j = 0; j < m; j++) largestStep = Math.max(largestStep, Math.abs(step[j] as number));
    // Close to the maximum a Newton step is safe and the line search's likelihood is not needed: the
    // step is taken as it is (the last two or three iterations).
    // The gain the quadratic model predicts for this step, ½·G·step: below 1e-10 (log-likelihood
    // units) nothing is left to gain, and the gradient itself is rounding noise (ψ(A) - ψ(A + n)
    // summed over thousands of groups at large A): without this the steps wandered at 1e-7 for 170
    // iterations.
    let gain = 0;
    for (let j = 0; j < m; j++) gain += 0.5 * (G[j] as number) * (step[j] as number);
    if (solved && Math.abs(gain) < 1e-10) {
      for (let j = 0; j < m; j++) alpha[used[j] as number] = (alpha[used[j] as number] as number) * Math.exp(step[j] as number);
      return;
    }
    if (largestStep < 1e-4 && solved) {
      for (let j = 0; j < m; j++) alpha[used[j] as number] = (alpha[used[j] as number] as number) * Math.exp(step[j] as number);
      if (largestStep < 1e-9) return;
      L = Number.NaN; // recomputed if a later step needs the line search
      continue;
    }
    // A trust region of ln 10 in θ: far from the maximum the quadratic model says little, and a long
    // step that merely improves can jump past the peak to the limit A = ∞ (a property test found
    // groups [[20, 2], [2, 4]] where the step from the moment start A ≈ 0.018 landed at A ≈ 2·10¹¹,
    // better than the start but worse than the maximum at A ≈ 3.2, and the fit stopped there).
    if (largestStep > MAX_STEP) {
      for (let j = 0; j < m; j++) step[j] = ((step[j] as number) * MAX_STEP) / largestStep;
    }
    if (Number.isNaN(L)) L = logLikelihood(counts, n, k, C, used, alpha);
    let t = 1;
    let improved = false;
    for (let half = 0; half < 60; half++) {
      trial.set(alpha);
      for (let j = 0; j < m; j++) trial[used[j] as number] = (alpha[used[j] as number] as number) * Math.exp(Math.max(-30, Math.min(30, t * (step[j] as number))));
      const Lt = logLikelihood(counts, n, k, C, used, trial);
      if (Lt >= L) {
        improved = Lt > L || t === 1;
        L = Lt;
        alpha.set(trial);
        break;
      }
      t /= 2;
    }
    let largest = 0;
    for (let j = 0; j < m; j++) largest = Math.max(largest, Math.abs(t * (step[j] as number)));
    if (!improved || largest < 1e-10) return;
  }
}

/** The longest Newton step in ln α: a factor of 10 per iteration. */
const MAX_STEP = Math.LN10;

/** Solves (-H + λI)·x = G by Gaussian elimination when -H + λI is positive definite (checked by its pivots); otherwise null. */
function solveNegative(H: Float64Array, G: Float64Array, m: number, lambda: number): Float64Array | null {
  const a = H.map((x) => -x);
  for (let j = 0; j < m; j++) a[j * m + j] = (a[j * m + j] as number) + lambda;
  const b = Float64Array.from(G);
  for (let p = 0; p < m; p++) {
    const pivot = a[p * m + p] as number;
    if (!(pivot > 0)) return null;
    for (let r = p + 1; r < m; r++) {
      const f = (a[r * m + p] as number) / pivot;
      for (let c = p; c < m; c++) a[r * m + c] = (a[r * m + c] as number) - f * (a[p * m + c] as number);
      b[r] = (b[r] as number) - f * (b[p] as number);
    }
  }
  const x = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let c = r + 1; c < m; c++) s -= (a[r * m + c] as number) * (x[c] as number);
    x[r] = s / (a[r * m + r] as number);
  }
  return x;
}
