/**
 * The gamma-function family the empirical-Bayes fits need: ln Γ, the digamma ψ = (ln Γ)' and the
 * trigamma ψ' = (ln Γ)''. Internal (not exported from the package).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error below 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x + 1) - 1/x up to x ≥ 10, then the
 * asymptotic series ln x - 1/(2x) - Σ B₂ₖ/(2k·x²ᵏ) (absolute error below 1e-14).
 */
export function digamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}

/**
 * ψ'(x) for x > 0: the recurrence ψ'(x) = ψ'(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
 * 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (relative error below 1e-13).
 */
export function trigamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  return r + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30 - f * (5 / 66)))));
}

/** The Stirling remainder ln Γ(z) - [(z - ½)ln z - z + ½ln 2π] for z ≥ 10 (error below 1e-16). */
function stirlingRemainder(z: number): number {
  const f = 1 / (z * z);
  return (1 / z) * (1 / 12 - f * (1 / 360 - f * (1 / 1260 - f * (1 / 1680))));
}

/**
 * ln Γ(a + x) - ln Γ(a) for a > 0, x ≥ 0, without the cancellation of subtracting two large ln Γ
 * values: for a ≥ 10 by Stirling's series written as (a - ½)·ln(1 + x/a) + x·ln(a + x) - x plus the
 * difference of the remainders (accurate to about 1e-15 relative at any a).
 */
export function logGammaRatio(a: number, x: number): number {
  if (x === 0) return 0;
  if (a < 10) return logGamma(a + x) - logGamma(a);
  return (a - 0.5) * Math.log1p(x / a) + x * Math.log(a + x) - x + stirlingRemainder(a + x) - stirlingRemainder(a);
}
