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
  const g = new GroupFold<T, K, S>(fn, metric as unknown as Metric<T, S, unknown>, keyOf);
  if (isArrayLike<T>(records)) {
    // An indexed loop: `for...of` over an array compiles the body inside the iterator's cleanup block.
    for (let i = 0; i < records.length; i++) g.add(records[i] as T, i);
    return g.states;
  }
  if (records === null || typeof records !== "object" || typeof (records as Iterable<T>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "records", value: records, expected: "an array or another iterable of records" });
  }
  let index = 0;
  for (const record of records) g.add(record, index++);
  return g.states;
}

/**
 * The fold behind {@link groupStates}: one `add` on a class, so the loop's call site is monomorphic
 * and V8 inlines it (a closure made per call measured slower).
 */
class GroupFold<T, K, S> {
  readonly states = new Map<K, S>();

  constructor(
    private readonly fn: string,
    private readonly metric: Metric<T, S, unknown>,
    private readonly keyOf: Accessor<T, K>,
  ) {}

  add(record: T, i: number): void {
    const k = this.keyOf(record, i);
    let state = this.states.get(k);
    if (state === undefined) {
      if ((k as unknown) === NOT_A_RECORD) {
        throw new CxMetricsError({ code: "INVALID_VALUE", fn: this.fn, field: "record", index: i, value: record, expected: "an object (a record to read the group key from)" });
      }
      state = this.metric.init();
      this.states.set(k, state);
    }
    this.metric.add(state, record, i);
  }
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
