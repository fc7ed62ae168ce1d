import { CxMetricsError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";

// `any` here only widens the constraint, so that metrics of any state and output fit; the mapped
// types below recover each one's exact types.
/** Any metric over records of type `T`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMetric<T> = Metric<T, any, any>;

/** The state type of a metric. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StateOf<M> = M extends Metric<any, infer S, any> ? S : never;

/** The input type of a metric. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputOf<M> = M extends Metric<infer I, any, any> ? I : never;

/**
 * The input a combination of metrics takes: a record every part accepts, the intersection of their
 * input types (computed through contravariance).
 */
export type CombinedInput<M> = { [K in keyof M]: (input: InputOf<M[K]>) => void }[keyof M] extends (input: infer I) => void ? I : never;

/** The result type of a metric. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputOf<M> = M extends Metric<any, any, infer O> ? O : never;

/**
 * Several metrics as one fold over the same records: one pass gives a whole scorecard, and
 * `groupBy(combine(...), records, key)` gives one per group.
 *
 * The state is an object of the metrics' states under the same keys, and so is the result. The
 * combined fold obeys the fold laws because each part does.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metrics` is empty or holds something that is
 * not a metric.
 * @example
 * ```ts
 * const scorecard = combine({
 *   nps: npsMetric<SurveyResponse>({ value: (r) => r.nps }),
 *   csat: csatMetric<SurveyResponse>({ value: (r) => r.csat }),
 * });
 * const result = scorecard.result(fold(scorecard, [{ nps: 10, csat: 5 }, { nps: 3, csat: null }]));
 * [result.nps.score, result.csat.score];
 * // => [0, 100]
 * ```
 */
export function combine<const M extends Readonly<Record<string, AnyMetric<never>>>>(
  metrics: M,
): Metric<CombinedInput<M>, { -readonly [K in keyof M]: StateOf<M[K]> }, { readonly [K in keyof M]: OutputOf<M[K]> }> {
  type T = CombinedInput<M>;
  const keys = Object.keys(metrics) as (keyof M & string)[];
  const ok = keys.length > 0 && keys.every((k) => ["init", "add", "merge", "result"].every((f) => typeof (metrics[k] as unknown as Record<string, unknown>)[f] === "function"));
  if (!ok) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: "combine", field: "metrics", value: metrics, expected: "an object of one or more metrics" });
  }
  type S = { -readonly [K in keyof M]: StateOf<M[K]> };
  type O = { readonly [K in keyof M]: OutputOf<M[K]> };
  const parts = keys.map((k) => [k, metrics[k] as unknown as AnyMetric<T>] as const);
  return {
    name: `combine(${keys.join(", ")})`,
    init(): S {
      const state = {} as Record<string, unknown>;
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
      for (const [k, m] of parts) m.merge((into as Record<string, unknown>)[k], (from as Record<string, unknown>)[k]);
    },
    result(state: S): O {
      const out = {} as Record<string, unknown>;
      for (const [k, m] of parts) out[k] = m.result((state as Record<string, unknown>)[k]);
      return out as O;
    },
  };
}
