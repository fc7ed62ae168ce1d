import { CxMetricsError } from "../core/errors.ts";
import type { Accessor, Metric } from "../core/metric.ts";

/**
 * One fold state per key: the states behind {@link groupBy}, for callers that merge groups further
 * (across shards or periods) before reading results.
 *
 * Keys compare as `Map` keys do (SameValueZero). Groups appear in the order their first record does.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `key` is not a function; errors of `metric.add`
 * carry the record's index in `records`.
 * @example
 * ```ts
 * const metric = npsMetric<{ team: string; score: number }>({ value: (r) => r.score });
 * const states = groupStates(metric, [{ team: "a", score: 10 }], (r) => r.team);
 * metric.result(states.get("a")!).score;
 * // => 100
 * ```
 */
export function groupStates<T, K, S, O>(metric: Metric<T, S, O>, records: Iterable<T>, key: Accessor<T, K>): Map<K, S> {
  if (typeof key !== "function") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: "groupBy", field: "key", value: key, expected: "a function from record to group key" });
  }
  const states = new Map<K, S>();
  let index = 0;
  for (const record of records) {
    const k = key(record, index);
    let state = states.get(k);
    if (state === undefined) {
      state = metric.init();
      states.set(k, state);
    }
    metric.add(state, record, index);
    index++;
  }
  return states;
}

/**
 * A metric per group: per agent, team, channel, touchpoint, survey kind, month label, ...
 *
 * Works with any {@link Metric}: `groupBy(npsMetric({ value: r => r.score }), responses, r => r.team)`.
 * One pass, one state per key; a record's errors name its index in `records`.
 *
 * Cost: O(n) plus one `Map` lookup per record.
 *
 * @example
 * ```ts
 * const byTeam = groupBy(npsMetric<{ team: string; score: number }>({ value: (r) => r.score }), [
 *   { team: "billing", score: 10 },
 *   { team: "billing", score: 3 },
 *   { team: "tech", score: 9 },
 * ], (r) => r.team);
 * byTeam.get("billing")!.score; // => 0
 * byTeam.get("tech")!.score; // => 100
 * ```
 */
export function groupBy<T, K, S, O>(metric: Metric<T, S, O>, records: Iterable<T>, key: Accessor<T, K>): Map<K, O> {
  const results = new Map<K, O>();
  for (const [k, state] of groupStates(metric, records, key)) results.set(k, metric.result(state));
  return results;
}
