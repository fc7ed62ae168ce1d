import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { betaQuantile } from "../../src/stats/beta.ts";
import { regularizedBeta } from "../../src/stats/student-t.ts";
import { fitDirichlet } from "../../src/stats/dirichlet.ts";
import { digamma, logGamma, trigamma } from "../../src/stats/gamma.ts";
import { close } from "../helpers.ts";

describe("digamma and trigamma", () => {
  it("match closed forms: ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2, ψ'(1) = π²/6, ψ'(1/2) = π²/2", () => {
    const gamma = 0.5772156649015329;
    expect(close(digamma(1), -gamma, 1e-13)).toBe(true);
    expect(close(digamma(0.5), -gamma - 2 * Math.LN2, 1e-13)).toBe(true);
    expect(close(trigamma(1), Math.PI ** 2 / 6, 1e-13)).toBe(true);
    expect(close(trigamma(0.5), Math.PI ** 2 / 2, 1e-13)).toBe(true);
  });

  test.prop([fc.double({ min: 0.05, max: 5000, noNaN: true })])("are the derivatives of ln Γ (central differences of Σ ln(x + j) sums)", (x) => {
    // ln Γ(x + m) - ln Γ(x) = Σ_{j<m} ln(x + j): its derivative is Σ 1/(x + j), so ψ(x + m) - ψ(x) must equal it.
    const m = 7;
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < m; j++) {
      s1 += 1 / (x + j);
      s2 += 1 / (x + j) ** 2;
    }
    expect(close(digamma(x + m) - digamma(x), s1, 1e-10)).toBe(true);
    expect(close(trigamma(x) - trigamma(x + m), s2, 1e-10)).toBe(true);
    // ψ against a central difference of ln Γ.
    const h = 1e-5 * Math.max(1, x);
    expect(Math.abs(digamma(x) - (logGamma(x + h) - logGamma(x - Math.min(h, x / 2))) / (h + Math.min(h, x / 2)))).toBeLessThan(1e-5 * Math.max(1, 1 / x));
  });
});

/** ∫₀ˣ t^(a-1)(1-t)^(b-1) dt / B(a, b) by Simpson's rule on a fine grid (a, b ≥ 1). */
function simpsonBetaCdf(x: number, a: number, b: number): number {
  const steps = 20_000;
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const f = (t: number): number => Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t) - logBeta);
  const safe = (t: number): number => f(Math.min(1 - 1e-16, Math.max(1e-300, t)));
  const h = x / steps;
  let s = safe(0) + safe(x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * safe(i * h);
  return (s * h) / 3;
}

describe("betaQuantile", () => {
  it("matches R's qbeta", () => {
    expect(close(betaQuantile(0.025, 2, 3), 0.06758599, 1e-7)).toBe(true); // qbeta(0.025, 2, 3)
    expect(close(betaQuantile(0.5, 0.5, 0.5), 0.5, 1e-12)).toBe(true);
  });

  // Simpson's rule needs a smooth density: shapes from 2 (a = 1 and below are checked in closed form).
  test.prop([fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 2, max: 300, noNaN: true }), fc.double({ min: 2, max: 300, noNaN: true })], { numRuns: 30 })(
    "inverts the Beta CDF integrated by Simpson's rule",
    (p, a, b) => {
      const x = betaQuantile(p, a, b);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(1);
      expect(Math.abs(simpsonBetaCdf(x, a, b) - p)).toBeLessThan(1e-6);
    },
  );

  test.prop([fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.05, max: 500, noNaN: true })])("Beta(1, b) has the closed form 1 - (1 - p)^(1/b)", (p, b) => {
    expect(close(betaQuantile(p, 1, b), 1 - Math.pow(1 - p, 1 / b), 1e-9)).toBe(true);
    expect(close(betaQuantile(p, b, 1), Math.pow(p, 1 / b), 1e-9)).toBe(true);
  });

  test.prop([fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })])("keeps its order for any shapes, J-shaped ones included", (a, b) => {
    const lower = betaQuantile(0.025, a, b);
    const median = betaQuantile(0.5, a, b);
    const upper = betaQuantile(0.975, a, b);
    // To the last bits: a quantile within 1e-300 of an end is that end, up to rounding.
    expect(lower).toBeLessThanOrEqual(median * (1 + 1e-12));
    expect(median).toBeLessThanOrEqual(upper * (1 + 1e-12));
    expect(lower).toBeGreaterThanOrEqual(0);
    expect(upper).toBeLessThanOrEqual(1);
  });

  it("takes the Cornish-Fisher value for huge shapes, where it agrees with the normal limit", () => {
    const a = 3e8;
    const b = 7e8;
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    const t0 = performance.now();
    const x = betaQuantile(0.975, a, b);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(Math.abs(x - (0.3 + 1.959963984540054 * sd)) / sd).toBeLessThan(1e-3);
  });

  test.prop([fc.double({ min: 2e4, max: 1e6, noNaN: true }), fc.double({ min: 2e4, max: 1e6, noNaN: true }), fc.constantFrom(0.025, 0.975, 0.005, 0.5, 0.0005)], { numRuns: 40 })(
    "the Cornish-Fisher value of shapes above 2e4 is within 1e-6 SD of the quantile found by bisection",
    (a, b, p) => {
      const x = betaQuantile(p, a, b);
      const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
      let lo = Math.max(0, x - 20 * sd);
      let hi = Math.min(1, x + 20 * sd);
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (regularizedBeta(mid, a, b) < p) lo = mid;
        else hi = mid;
      }
      expect(Math.abs(x - lo) / sd).toBeLessThan(1e-6);
    },
  );

  it("is fast and accurate for large posteriors (n in the thousands)", () => {
    const x = betaQuantile(0.975, 4000.5, 1000.5);
    expect(Math.abs(simpsonBetaCdf(x, 4000.5, 1000.5) - 0.975)).toBeLessThan(1e-6);
  });
});

/** Dirichlet-multinomial log-likelihood as products: Σᵢ [Σ_c Σ_{j<x} ln(α_c + j) - Σ_{j<n} ln(A + j)], no ln Γ. */
function bruteLogLikelihood(groups: readonly (readonly number[])[], alpha: readonly number[]): number {
  const A = alpha.reduce((s, a) => s + a, 0);
  let L = 0;
  for (const counts of groups) {
    const n = counts.reduce((s, x) => s + x, 0);
    counts.forEach((x, c) => {
      for (let j = 0; j < x; j++) L += Math.log((alpha[c] as number) + j);
    });
    for (let j = 0; j < n; j++) L -= Math.log(A + j);
  }
  return L;
}

/** The maximum of the log-likelihood by a compass (pattern) search on ln α: no derivatives, no Newton. */
function bruteMaximum(groups: readonly (readonly number[])[], start: readonly number[]): number[] {
  let theta = start.map(Math.log);
  let best = bruteLogLikelihood(groups, theta.map(Math.exp));
  let step = 1;
  while (step > 1e-9) {
    let moved = false;
    for (let c = 0; c < theta.length; c++) {
      for (const sign of [1, -1]) {
        const trial = theta.slice();
        trial[c] = Math.max(Math.log(1e-8), Math.min(Math.log(1e8), (trial[c] as number) + sign * step));
        const L = bruteLogLikelihood(groups, trial.map(Math.exp));
        if (L > best) {
          best = L;
          theta = trial;
          moved = true;
        }
      }
    }
    if (!moved) step /= 2;
  }
  return theta.map(Math.exp);
}

const flat = (groups: readonly (readonly number[])[]): Float64Array => Float64Array.from(groups.flat());

describe("fitDirichlet", () => {
  it("method of moments by hand: 2/10, 5/10, 8/10 give ρ = 13/45 and α = β = 16/13", () => {
    // X² = Σ n(p - μ)²/(μ(1 - μ)) = 10·0.18/0.25 = 7.2; D = N - k + 1 - Σn²/N = 18; ρ = (7.2 - 2)/18.
    const fit = fitDirichlet(flat([[2, 8], [5, 5], [8, 2]]), 3, 2, "moments");
    expect(fit.pooled).toBe(false);
    expect(close(fit.alpha[0]!, 16 / 13, 1e-12)).toBe(true);
    expect(close(fit.alpha[1]!, 16 / 13, 1e-12)).toBe(true);
  });

  it("maximum likelihood equals a derivative-free search of the product-form likelihood (beta-binomial)", () => {
    const groups = [[2, 18], [5, 15], [9, 11], [1, 9], [14, 26], [3, 3], [20, 30], [0, 12], [7, 5]];
    const fit = fitDirichlet(flat(groups), groups.length, 2, "maximum-likelihood");
    const brute = bruteMaximum(groups, [1, 1]);
    expect(fit.pooled).toBe(false);
    expect(close(fit.alpha[0]!, brute[0]!, 1e-5)).toBe(true);
    expect(close(fit.alpha[1]!, brute[1]!, 1e-5)).toBe(true);
    expect(bruteLogLikelihood(groups, [...fit.alpha])).toBeGreaterThanOrEqual(bruteLogLikelihood(groups, brute) - 1e-9);
  });

  it("maximum likelihood equals the search for three categories (Dirichlet-multinomial, NPS)", () => {
    const groups = [[5, 3, 2], [1, 4, 5], [12, 5, 3], [0, 2, 8], [7, 7, 6], [20, 6, 4], [2, 2, 1]];
    const fit = fitDirichlet(flat(groups), groups.length, 3, "maximum-likelihood");
    const brute = bruteMaximum(groups, [1, 1, 1]);
    for (let c = 0; c < 3; c++) expect(close(fit.alpha[c]!, brute[c]!, 1e-5)).toBe(true);
  });

  it("does not jump past the maximum to A = ∞ from a moment start near 0 (found by the property below)", () => {
    // Two groups pulling apart: the moment estimate is A ≈ 0.018, the maximum near α = (2.11, 1.08);
    // the fit used to leap to A ≈ 2·10¹¹ (better than its start, worse than the maximum) and pool.
    const groups = [[20, 2], [2, 4]];
    const fit = fitDirichlet(flat(groups), 2, 2, "maximum-likelihood");
    expect(fit.pooled).toBe(false);
    const brute = bruteMaximum(groups, [1, 1]);
    for (let c = 0; c < 2; c++) expect(close(fit.alpha[c]!, brute[c]!, 1e-5)).toBe(true);
  });

  it("pools completely when the groups vary less than sampling error, or have one answer each", () => {
    const same = [[5, 5], [5, 5], [5, 5], [5, 5]];
    expect(fitDirichlet(flat(same), 4, 2, "moments").pooled).toBe(true);
    const ml = fitDirichlet(flat(same), 4, 2, "maximum-likelihood");
    expect(ml.pooled).toBe(true);
    expect([...ml.alpha]).toEqual([0.5, 0.5]);
    expect(fitDirichlet(flat([[1, 0], [0, 1], [1, 0]]), 3, 2, "maximum-likelihood").pooled).toBe(true);
    // A category nobody used keeps α = 0; one group alone cannot give a prior.
    const unused = fitDirichlet(flat([[3, 0, 1], [1, 0, 5], [6, 0, 0]]), 3, 3, "maximum-likelihood");
    expect(unused.alpha[1]).toBe(0);
    expect(fitDirichlet(flat([[3, 4]]), 1, 2, "moments").pooled).toBe(true);
  });

  test.prop([fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 })), { minLength: 2, maxLength: 12 })], { numRuns: 40 })(
    "the maximum-likelihood fit is never beaten by the moment fit, the pooled limit or a grid",
    (groups) => {
      const ml = fitDirichlet(flat(groups), groups.length, 2, "maximum-likelihood");
      const mom = fitDirichlet(flat(groups), groups.length, 2, "moments");
      if (ml.alpha.some((a) => a === 0)) return; // one category unused: nothing to fit
      // The likelihood at A = ∞ with the pooled share (the binomial likelihood, by products).
      const N = groups.reduce((s, [x, y]) => s + x + y, 0);
      const X = groups.reduce((s, [x]) => s + x, 0);
      const limit = X * Math.log(X / N) + (N - X) * Math.log((N - X) / N);
      const best = ml.pooled ? limit : bruteLogLikelihood(groups, [...ml.alpha]);
      // ln Γ differences lose about 1e-8 at concentrations near 1e8 (cancellation): compare to 1e-6.
      expect(best).toBeGreaterThanOrEqual(limit - 1e-6);
      if (!mom.pooled) expect(best).toBeGreaterThanOrEqual(bruteLogLikelihood(groups, [...mom.alpha]) - 1e-6);
      // A grid over ln α, ln β from -8 to 8: its best point can only be below the maximum.
      let grid = Number.NEGATIVE_INFINITY;
      for (let la = -8; la <= 8; la += 0.5) for (let lb = -8; lb <= 8; lb += 0.5) grid = Math.max(grid, bruteLogLikelihood(groups, [Math.exp(la), Math.exp(lb)]));
      expect(best).toBeGreaterThanOrEqual(grid - 1e-6);
    },
  );
});
