/**
 * A confidence interval on the scale of the estimate it belongs to (0..100 for shares, -100..100 for
 * net scores such as NPS, milliseconds for mean durations, the rating scale for mean ratings).
 *
 * `center` is the point the interval is built around. For Wald and normal intervals it is the
 * estimate itself; Wilson, Agresti-Coull and adjusted Wald pull it toward the middle of the scale, so
 * with very few answers the interval can sit beside the raw estimate. It always lies within
 * `[lower, upper]`.
 *
 * @category Statistics
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
  /** How the interval was computed, e.g. `"wilson"`, `"adjusted-wald"`, `"normal"`. */
  readonly method: Method;
}

/**
 * One number with its uncertainty: the shape of every headline estimate in cx-metrics (NPS score,
 * CSAT share and mean, CES mean, easy share and net easy, FCR and one-touch rates, service level,
 * abandonment, SLA attainment, mean durations).
 *
 * - `value`: the estimate itself, on its own scale (0..100 for shares, -100..100 for net scores, the
 *   rating scale for mean ratings, milliseconds for mean durations).
 * - `standardError`: the plug-in standard error on the same scale.
 * - `interval`: the confidence interval, with its `level` (percent) and `method`.
 * - `n`: the sample size the uncertainty rests on: the number of observations, or Kish's effective
 *   sample size (Σw)²/Σw² for weighted data.
 *
 * A result field holding an estimate is `null` when there is nothing to estimate from (no
 * observations), never an estimate of NaN. Generic code reads any metric's headline estimate through
 * {@link Metric.headline} without knowing which metric it is.
 *
 * @category Statistics
 * @example
 * ```ts
 * const { value, standardError, interval, n } = nps([10, 9, 7, 3]).score!;
 * [value, n, interval.method];
 * // => [25, 4, "adjusted-wald"]
 * ```
 */
export interface Estimate<Method extends string = string> {
  /** The estimate. */
  readonly value: number;
  /** Plug-in standard error, on the scale of `value`. */
  readonly standardError: number;
  /** Confidence interval, on the scale of `value`. */
  readonly interval: Interval<Method>;
  /** Sample size behind the uncertainty (effective size for weighted data). */
  readonly n: number;
}
