export type { Estimate, Interval } from "../core/estimate.ts";

/**
 * Clamps `x` into `[lo, hi]`.
 *
 * @category Statistics
 */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
