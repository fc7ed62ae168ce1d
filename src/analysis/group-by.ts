import { CxMetricsError } from "../core/errors.ts";
import { checkMetric, isArrayLike, type Accessor, type Metric, type Reader } from "../core/metric.ts";
import { NOT_A_RECORD, readAccessor } from "../core/options.ts";

/**
 * One fold state per key: the states behind {@link groupBy}, for callers that merge groups further
 * (across shards or periods) before reading results.
 *
 * Keys compare as `Map` keys do (SameValueZero). Groups appear in the order their first record does.
 * The key is a function or a field name (`"team"`). The record type is inferred from `records`
 * (any record the metric accepts), so a metric built with field names needs no type argument.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metric` is not a metric or `key` is neither a
 * function nor a field name; `INVALID_VALUE` for a record that is not an object when `key` is a field
 * name; errors of `metric.add` carry the record's index in `records`.
 * @category Analysis
 * @example
 * ```ts
 * const metric = npsMetric({ value: "score" });
 * const states = groupStates(metric, [{ team: "a", score: 10 }], "team");
 * metric.result(states.get("a")!).score?.value;
 * // => 100
 * ```
 */
export function groupStates<R extends I, I, S, O, const F extends keyof R & string>(metric: Metric<I, S, O>, records: Iterable<R>, key: F): Map<R[F], S>;
/** One fold state per key read by a function. */
export function groupStates<R extends I, I, S, O, K>(metric: Metric<I, S, O>, records: Iterable<R>, key: Accessor<R, K>): Map<K, S>;
export function groupStates<T, K, S, O>(metric: Metric<T, S, O>, records: Iterable<T>, key: Reader<T, K>): Map<K, S> {
  return statesByKey("groupStates", metric, records, key);
}

function statesByKey<T, K, S, O>(fn: string, metric: Metric<T, S, O>, records: Iterable<T>, key: unknown): Map<K, S> {
  checkMetric(fn, "metric", metric);
  if (key === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "key", value: key, expected: "a function from record to group key, or a field name" });
  const keyOf = readAccessor<T, K>(fn, "key", key) as Accessor<T, K>;
  const states = new Map<K, S>();
  if (isArrayLike<T>(records)) {
    // An indexed loop with the body written out (no closure per record): `for...of` over an array
    // compiles the body inside the iterator's cleanup block, and a closure call measured slower.
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as T;
      const k = keyOf(record, i);
      let state = states.get(k);
      if (state === undefined) {
        if ((k as unknown) === NOT_A_RECORD) throw notARecord(fn, record, i);
        state = metric.init();
        states.set(k, state);
      }
      metric.add(state, record, i);
    }
    return states;
  }
  if (records === null || typeof records !== "object" || typeof (records as Iterable<T>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "records", value: records, expected: "an array or another iterable of records" });
  }
  let index = 0;
  for (const record of records) {
    const i = index++;
    const k = keyOf(record, i);
    let state = states.get(k);
    if (state === undefined) {
      if ((k as unknown) === NOT_A_RECORD) throw notARecord(fn, record, i);
      state = metric.init();
      states.set(k, state);
    }
    metric.add(state, record, i);
  }
  return states;
}

function notARecord(fn: string, record: unknown, index: number): CxMetricsError {
  return new CxMetricsError({ code: "INVALID_VALUE", fn, field: "record", index, value: record, expected: "an object (a record to read the group key from)" });
}

/**
 * A metric per group: per agent, team, channel, touchpoint, survey kind, month label, ...
 *
 * Works with any {@link Metric}: `groupBy(npsMetric({ value: "score" }), responses, "team")`.
 * One pass, one state per key; a record's errors name its index in `records`.
 *
 * Cost: O(n) plus one `Map` lookup per record.
 *
 * @throws {@link CxMetricsError} as {@link groupStates}.
 * @category Analysis
 * @example
 * ```ts
 * const byTeam = groupBy(npsMetric({ value: "score" }), [
 *   { team: "billing", score: 10 },
 *   { team: "billing", score: 3 },
 *   { team: "tech", score: 9 },
 * ], "team");
 * byTeam.get("billing")!.score?.value; // => 0
 * byTeam.get("tech")!.score?.value; // => 100
 * ```
 */
export function groupBy<R extends I, I, S, O, const F extends keyof R & string>(metric: Metric<I, S, O>, records: Iterable<R>, key: F): Map<R[F], O>;
/** A metric per group, the key read by a function. */
export function groupBy<R extends I, I, S, O, K>(metric: Metric<I, S, O>, records: Iterable<R>, key: Accessor<R, K>): Map<K, O>;
export function groupBy<T, K, S, O>(metric: Metric<T, S, O>, records: Iterable<T>, key: Reader<T, K>): Map<K, O> {
  const results = new Map<K, O>();
  for (const [k, state] of statesByKey<T, K, S, O>("groupBy", metric, records, key)) results.set(k, metric.result(state));
  return results;
}
