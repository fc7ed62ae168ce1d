/**
 * Neumaier's compensated summation of `x` into slot `k`: `sums[k] + comps[k]` is the accurate sum.
 * Shared by every fold that sums non-integers over millions of records (weights, durations).
 *
 * Source: Neumaier, A. (1974), Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen, ZAMM 54(1).
 * @category Statistics
 */
export function compensatedAdd(sums: Float64Array, comps: Float64Array, k: number, x: number): void {
  const s = sums[k]!;
  const t = s + x;
  comps[k]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  sums[k] = t;
}
