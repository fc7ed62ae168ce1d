// Independent reference implementations for tests. None of them calls the library's code.

/** True when `value` holds a NaN anywhere, however deeply nested. */
export function hasNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (value === null || typeof value !== "object") return false;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>).some(Number.isNaN);
  return Object.values(value).some(hasNaN);
}

/** |a - b| within an absolute-plus-relative tolerance. */
export function close(a: number | null, b: number | null, tolerance = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Φ(x) by composite Simpson integration of the density from 0 (brute force, ~1e-13 accurate). */
export function simpsonNormalCdf(x: number): number {
  const steps = 20_000;
  const h = x / steps;
  const f = (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 0.5 + (s * h) / 3;
}

/** NPS counted the obvious way: one if-chain per score. */
export interface ReferenceNps {
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
  missing: number;
  score: number | null;
}

export function referenceNps(scores: readonly (number | null | undefined)[], promoterMin = 9, detractorMax = 6): ReferenceNps {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  let missing = 0;
  for (const s of scores) {
    if (s === null || s === undefined) missing++;
    else if (s >= promoterMin) promoters++;
    else if (s <= detractorMax) detractors++;
    else passives++;
  }
  const total = promoters + passives + detractors;
  return { promoters, passives, detractors, total, missing, score: total === 0 ? null : (100 * (promoters - detractors)) / total };
}

/**
 * The Wilson interval found the slow way: the set of p for which |p̂ - p| ≤ z·√(p(1-p)/n)
 * (the inverted score test), its ends located by bisection.
 */
export function bisectWilson(successes: number, n: number, z: number): [number, number] {
  const phat = successes / n;
  const inside = (p: number): boolean => Math.abs(phat - p) <= z * Math.sqrt((p * (1 - p)) / n);
  const edge = (outside: number, inner: number): number => {
    let a = outside;
    let b = inner;
    for (let i = 0; i < 200; i++) {
      const m = (a + b) / 2;
      if (inside(m)) b = m;
      else a = m;
    }
    return b;
  };
  const lower = inside(0) ? 0 : edge(0, phat);
  const upper = inside(1) ? 1 : edge(1, phat);
  return [100 * lower, 100 * upper];
}

/** z for a two-sided level, by bisection on the Simpson CDF. */
export function referenceZ(level: number): number {
  const target = 1 - (1 - level / 100) / 2;
  let a = 0;
  let b = 10;
  for (let i = 0; i < 100; i++) {
    const m = (a + b) / 2;
    if (simpsonNormalCdf(m) < target) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** Type-7 percentile (p on 0..100) the textbook way: sort a copy, interpolate between order statistics. */
export function sortedType7(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const x = [...values].sort((a, b) => a - b);
  const h = ((x.length - 1) * p) / 100;
  const j = Math.floor(h);
  const lo = x[j] as number;
  const hi = x[Math.min(j + 1, x.length - 1)] as number;
  return lo + (h - j) * (hi - lo);
}

/** ln((n - 1)!) = ln Γ(n) for a whole n ≥ 1, as a plain sum of logarithms. */
export function logFactorialGamma(n: number): number {
  let s = 0;
  for (let j = 2; j < n; j++) s += Math.log(j);
  return s;
}

/** The Beta(a, b) CDF for whole a, b ≥ 2 by Simpson's rule, the normalising constant from sums of logarithms. */
export function simpsonBetaCdfWhole(x: number, a: number, b: number): number {
  const logBeta = logFactorialGamma(a) + logFactorialGamma(b) - logFactorialGamma(a + b);
  const f = (t: number): number => (t <= 0 || t >= 1 ? 0 : Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t) - logBeta));
  const steps = 20_000;
  const h = x / steps;
  let s = f(0) + f(x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}
