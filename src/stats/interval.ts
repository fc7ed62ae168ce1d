/**
 * A confidence interval on the scale of the estimate it belongs to (0..100 for shares, -100..100 for
 * net scores such as NPS, the rating scale for means).
 *
 * `center` is the point the interval is built around. For Wald it is the estimate itself; Wilson,
 * Agresti-Coull and adjusted Wald pull it toward the middle of the scale, so with very few responses
 * the interval can sit beside the raw estimate. It always lies within `[lower, upper]`.
 *
 * @example
 * ```ts
 * const interval: Interval = { lower: 14.05, upper: 44.2, center: 29.13, level: 95, method: "adjusted-wald" };
 * ```
 */
export interface Interval<Method extends string = string> {
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** The point the interval is centred on. */
  readonly center: number;
  /** Confidence level in percent, e.g. 95. */
  readonly level: number;
  /** How the interval was computed. */
  readonly method: Method;
}

/** Clamps `x` into `[lo, hi]`. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
