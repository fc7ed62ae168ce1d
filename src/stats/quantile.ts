import { CxMetricsError } from "../core/errors.ts";

/**
 * The p-th percentile of `values` (p from 0 to 100), by linear interpolation between order
 * statistics: Hyndman & Fan's type 7, the default of R, NumPy, Excel `PERCENTILE.INC` and d3.
 *
 * With the values sorted as x₀ ≤ … ≤ xₙ₋₁, h = (n - 1)·p/100 and j = ⌊h⌋:
 * `percentile = x_j + (h - j)·(x_{j+1} - x_j)`.
 *
 * Exact, without sorting: a copy is partitioned around the wanted rank (Floyd-Rivest selection),
 * expected O(n); see {@link percentiles} for several at once. `values` is not modified.
 *
 * Edge cases: an empty input gives `null`; one value is every percentile of itself. Any iterable of
 * numbers works (a `Set`, a generator).
 *
 * Source: Hyndman, R. J. & Fan, Y. (1996), Sample quantiles in statistical packages, The American
 * Statistician 50(4); Floyd, R. W. & Rivest, R. L. (1975), Algorithm 489, CACM 18(3).
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a value that is not a finite number,
 * `INVALID_OPTION` for p outside 0..100.
 * @category Statistics
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 90);
 * // => 3.7
 * ```
 */
export function percentile(values: ArrayLike<number> | Iterable<number>, p: number): number | null {
  return percentilesOf("percentile", values, [p], "p")[0] ?? null;
}

/**
 * Several percentiles of `values` at once (each p from 0 to 100), type 7 as in {@link percentile}.
 *
 * The ranks are selected in increasing order, each selection working only on the part of the copy
 * above the previous rank, so p50, p90 and p95 of 10 million values cost about two passes, not a sort.
 * The results come in the order of `ps`; with no values, every entry is `null`.
 *
 * @throws {@link CxMetricsError} as {@link percentile}.
 * @category Statistics
 * @example
 * ```ts
 * percentiles([15, 20, 35, 40, 50], [50, 90]);
 * // => [35, 46]
 * ```
 */
export function percentiles(values: ArrayLike<number> | Iterable<number>, ps: readonly number[]): (number | null)[] {
  return percentilesOf("percentiles", values, ps, "ps");
}

function percentilesOf(fn: string, values: unknown, ps: unknown, psField: string): (number | null)[] {
  if (!Array.isArray(ps)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: psField, value: ps, expected: "an array of percentages from 0 to 100" });
  for (let i = 0; i < ps.length; i++) checkPercent(fn, psField === "p" ? "p" : `ps[${i}]`, ps[i]);
  let source: ArrayLike<unknown>;
  if (Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView))) source = values as ArrayLike<unknown>;
  else if (values !== null && typeof values === "object" && typeof (values as Iterable<unknown>)[Symbol.iterator] === "function") source = Array.from(values as Iterable<unknown>);
  else throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "values", value: values, expected: "an array, a typed array or another iterable of finite numbers" });
  // One validation pass, then one bulk copy (no per-value copy loop with checks).
  for (let i = 0; i < source.length; i++) {
    const v = source[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "value", index: i, value: v, expected: "a finite number" });
    }
  }
  const copy = source instanceof Float64Array ? source.slice() : Float64Array.from(source as ArrayLike<number>);
  return selectPercentiles(copy, copy.length, ps as readonly number[]);
}

/**
 * Checks a percentage in [0, 100].
 *
 * @category Statistics
 */
export function checkPercent(fn: string, field: string, p: unknown): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 100)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field, value: p, expected: "a percentage from 0 to 100" });
  }
  return p;
}

/**
 * Type-7 percentiles of the first `n` values of `data`, which is reordered in place (pass a copy).
 * Values must be finite (checked by the caller).
 * @category Statistics
 */
export function selectPercentiles(data: Float64Array, n: number, ps: readonly number[]): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(ps.length).fill(null);
  if (n === 0) return out;
  const order = ps.map((_, i) => i).sort((a, b) => (ps[a] as number) - (ps[b] as number));
  let left = 0;
  for (const i of order) {
    const h = ((n - 1) * (ps[i] as number)) / 100;
    const j = Math.floor(h);
    if (j >= left) {
      select(data, j, left, n - 1);
      left = j;
    }
    const low = data[j] as number;
    if (h === j) {
      out[i] = low;
      continue;
    }
    // x_{j+1} is the least value above rank j; after the selection all of them sit to the right of j.
    let high = Infinity;
    for (let k = j + 1; k < n; k++) if ((data[k] as number) < high) high = data[k] as number;
    out[i] = low + (h - j) * (high - low);
  }
  return out;
}

/**
 * Floyd-Rivest selection: reorders `a[left..right]` so that `a[k]` holds the value of rank k, every
 * value before it is ≤ and every value after it ≥. Expected O(n). On adversarial input that defeats
 * the sampling (more passes than a sort would need), the range is sorted instead, so the worst case
 * is O(n log n).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let passes = 0;
  const limit = 16 + 2 * Math.ceil(Math.log2(right - left + 2));
  while (right > left) {
    if (++passes > limit) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(a, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * The type-7 percentile at fraction q (0..1) of values already sorted ascending (n ≥ 1):
 * x₍ₕ₎ + (h - ⌊h⌋)·(x₍ₕ₊₁₎ - x₍ₕ₎) with h = (n - 1)·q, 0-based.
 * @category Statistics
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  return lo + 1 < sorted.length ? a + (h - lo) * ((sorted[lo + 1] as number) - a) : a;
}
