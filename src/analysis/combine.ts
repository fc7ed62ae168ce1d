import { CxMetricsError } from "../core/errors.ts";
import { checkMetric, type Metric } from "../core/metric.ts";

// `any` here only widens the constraint, so that metrics of any state and output fit; the mapped
// types below recover each one's exact types.
/**
 * Any metric over records of type `T`.
 *
 * @category Analysis
 * @example
 * ```ts
 * const metric: AnyMetric<number> = npsMetric();
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMetric<T> = Metric<T, any, any>;

/**
 * The state type of a metric.
 *
 * @category Analysis
 * @example
 * ```ts
 * type S = StateOf<ReturnType<typeof queueMetric>>; // QueueState
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StateOf<M> = M extends Metric<any, infer S, any> ? S : never;

/**
 * The input type of a metric.
 *
 * @category Analysis
 * @example
 * ```ts
 * type I = InputOf<ReturnType<typeof queueMetric>>; // Contact
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputOf<M> = M extends Metric<infer I, any, any> ? I : never;

/**
 * The input a combination of metrics takes: a record every part accepts, the intersection of their
 * input types (computed through contravariance).
 * @category Analysis
 * @example
 * ```ts
 * type Row = CombinedInput<{ nps: Metric<{ nps?: number }, unknown, unknown>; csat: Metric<{ csat?: number }, unknown, unknown> }>; // { nps?: number } & { csat?: number }
 * ```
 */
export type CombinedInput<M> = { [K in keyof M]: (input: InputOf<M[K]>) => void }[keyof M] extends (input: infer I) => void ? I : never;

/**
 * The result type of a metric.
 *
 * @category Analysis
 * @example
 * ```ts
 * type R = OutputOf<ReturnType<typeof queueMetric>>; // QueueResult
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputOf<M> = M extends Metric<any, any, infer O> ? O : never;

/**
 * Several metrics as one fold over the same records: one pass gives a whole scorecard, and
 * `groupBy(combine(...), records, key)` gives one per group.
 *
 * The state is an object of the metrics' states under the same keys, and so is the result (objects
 * without prototype, so any key, even `__proto__`, is an ordinary key). The combined fold obeys the
 * fold laws because each part does. It has no headline of its own: read each part's.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metrics` is empty or holds something that is
 * not a metric.
 * @category Analysis
 * @example
 * ```ts
 * const scorecard = combine({
 *   nps: npsMetric({ value: "nps" }),
 *   csat: csatMetric({ value: "csat" }),
 * });
 * const result = scorecard.result(fold(scorecard, [{ nps: 10, csat: 5 }, { nps: 3, csat: null }]));
 * [result.nps.score?.value, result.csat.score?.value];
 * // => [0, 100]
 * ```
 */
export function combine<const M extends Readonly<Record<string, AnyMetric<never>>>>(
  metrics: M,
): Metric<CombinedInput<M>, { -readonly [K in keyof M]: StateOf<M[K]> }, { readonly [K in keyof M]: OutputOf<M[K]> }> {
  type T = CombinedInput<M>;
  if (metrics === null || typeof metrics !== "object" || Array.isArray(metrics) || Object.keys(metrics).length === 0) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: "combine", field: "metrics", value: metrics, expected: "an object of one or more metrics" });
  }
  const keys = Object.keys(metrics) as (keyof M & string)[];
  for (const k of keys) checkMetric("combine", `metrics.${k}`, metrics[k]);
  type S = { -readonly [K in keyof M]: StateOf<M[K]> };
  type O = { readonly [K in keyof M]: OutputOf<M[K]> };
  const parts = keys.map((k) => [k, metrics[k] as unknown as AnyMetric<T>] as const);
  const definition = `combine(${keys.map((k) => JSON.stringify(k)).join(",")})`;
  // States and results have no prototype: a key named "__proto__" or "toString" is an ordinary key.
  const check = (fn: string, state: unknown): void => {
    if (state === null || typeof state !== "object" || keys.some((k) => !Object.prototype.hasOwnProperty.call(state, k))) {
      throw new CxMetricsError({ code: "INCOMPATIBLE_STATE", fn, field: "state", value: state, expected: `a state of ${definition} with one state per key` });
    }
  };
  return {
    name: `combine(${keys.join(", ")})`,
    headline: null,
    init(): S {
      const state = Object.create(null) as Record<string, unknown>;
      for (const [k, m] of parts) state[k] = m.init();
      return state as S;
    },
    add(state: S, record: T, index?: number): void {
      for (let i = 0; i < parts.length; i++) {
        const [k, m] = parts[i]!;
        m.add((state as Record<string, unknown>)[k], record, index);
      }
    },
    merge(into: S, from: S): void {
      check("combine.merge", into);
      check("combine.merge", from);
      for (const [k, m] of parts) m.merge((into as Record<string, unknown>)[k], (from as Record<string, unknown>)[k]);
    },
    result(state: S): O {
      check("combine.result", state);
      const out = Object.create(null) as Record<string, unknown>;
      for (const [k, m] of parts) out[k] = m.result((state as Record<string, unknown>)[k]);
      return out as O;
    },
  };
}
