/**
 * DDSketch bins (Masson, Rim and Lee, VLDB 2019), shared by `quantileSketch` and the duration
 * metrics' `percentiles: "sketch"`: bin i counts values in (γ^(i-1), γ^i], stored densely from
 * `offset`; values up to {@link MIN_INDEXABLE} are counted as zeros. Internal.
 *
 * @internal
 * @module
 */
import { isCount } from "../../core/state.ts";

/** The bins of a sketch: any object with these fields (a state holds them directly). @internal */
export interface SketchBins {
  offset: number;
  bins: Float64Array;
  zeros: number;
}

/** Values at or below this are zeros (a nanosecond of a duration is none). @internal */
export const MIN_INDEXABLE = 1e-9;

/** γ = (1 + α)/(1 - α) and its logarithm. @internal */
export function sketchGamma(alpha: number): { gamma: number; logGamma: number } {
  const gamma = (1 + alpha) / (1 - alpha);
  return { gamma, logGamma: Math.log(gamma) };
}

/** Makes room for bin k (doubling, centred on the span in use); returns its position. */
function grow(s: SketchBins, k: number): number {
  const old = s.bins;
  if (old.length === 0) {
    s.bins = new Float64Array(64);
    s.offset = k - 32;
    return 32;
  }
  const lo = Math.min(s.offset, k);
  const hi = Math.max(s.offset + old.length - 1, k);
  const size = Math.max(hi - lo + 1, old.length * 2);
  const start = lo - Math.floor((size - (hi - lo + 1)) / 2);
  const bins = new Float64Array(size);
  bins.set(old, s.offset - start);
  s.bins = bins;
  s.offset = start;
  return k - start;
}

/** Counts one value x ≥ 0 (checked by the caller). @internal */
export function sketchAdd(s: SketchBins, x: number, logGamma: number): void {
  if (x <= MIN_INDEXABLE) {
    s.zeros++;
    return;
  }
  const k = Math.ceil(Math.log(x) / logGamma);
  let j = k - s.offset;
  if (j < 0 || j >= s.bins.length) j = grow(s, k);
  s.bins[j]! += 1;
}

/** Adds `other`'s bins to `into` (`other` may be `into`). @internal */
export function sketchMerge(into: SketchBins, other: SketchBins): void {
  const counts = other.bins.slice();
  const oo = other.offset;
  const zeros = other.zeros;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j]!;
    if (c === 0) continue;
    const k = oo + j;
    let p = k - into.offset;
    if (p < 0 || p >= into.bins.length) p = grow(into, k);
    into.bins[p]! += c;
  }
  into.zeros += zeros;
}

/**
 * The value of rank ⌊q (count - 1)⌋ (0-based) within α: its bin read as 2γ^i/(γ + 1), clamped to
 * [min, max]. `count` > 0. @internal
 */
export function sketchQuantile(s: SketchBins, count: number, q: number, gamma: number, min: number, max: number): number {
  const rank = Math.floor(q * (count - 1));
  if (rank < s.zeros) return Math.max(0, min);
  let seen = s.zeros;
  const bins = s.bins;
  for (let j = 0; j < bins.length; j++) {
    seen += bins[j]!;
    if (seen > rank) return Math.min(max, Math.max(min, (2 * Math.pow(gamma, s.offset + j)) / (gamma + 1)));
  }
  return max;
}

/** Whether the bins are whole non-negative counts adding up, with the zeros, to `count`. @internal */
export function sketchOk(s: SketchBins, count: number): boolean {
  if (!(s.bins instanceof Float64Array) || !Number.isSafeInteger(s.offset) || !isCount(s.zeros)) return false;
  let total = s.zeros;
  for (let j = 0; j < s.bins.length; j++) {
    const c = s.bins[j]!;
    if (!(Number.isSafeInteger(c) && c >= 0)) return false;
    total += c;
  }
  return total === count;
}

/** Bins holding a value (the zeros counting as one). @internal */
export function sketchSize(s: SketchBins): number {
  let n = s.zeros > 0 ? 1 : 0;
  for (let j = 0; j < s.bins.length; j++) if (s.bins[j]! > 0) n++;
  return n;
}
