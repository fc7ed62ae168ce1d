import { CxMetricsError } from "./errors.ts";
import type { Estimate } from "./estimate.ts";

/**
 * A metric as a mergeable fold: the one shape every metric in cx-metrics has.
 *
 * - `init()` makes an empty state.
 * - `add(state, input, index?)` folds one observation in, mutating the state and allocating nothing.
 *   `index` is the record's position, used only in error messages; when omitted, the count of records
 *   this state has seen is used.
 * - `merge(into, other)` folds a second state into the first. It is associative and commutative, so
 *   partial states from shards, workers or days combine in any order. A state merged into itself
 *   doubles. States carry the definition they were built with (`state.definition`); merging a state
 *   of another metric or of another definition throws `INCOMPATIBLE_STATE`.
 * - `result(state)` reads the final, immutable result; the state can keep folding afterwards.
 * - `headline`, on every metric of cx-metrics: the name of the result field that holds the metric's
 *   headline {@link Estimate} (`"score"` for NPS, `"serviceLevel"` for queues), so generic code
 *   (comparisons, trends, rankings) can read any metric's headline without knowing which metric it
 *   is; see {@link headlineOf}.
 *
 * Laws (checked by one generic property test for every metric): for any split of the input into parts,
 * folding each part and merging the states in any order gives the result of one fold of the whole.
 *
 * @typeParam Input - one observation, e.g. a score or a record read through an accessor.
 * @typeParam State - the mutable partial state.
 * @typeParam Output - the result.
 * @category Core
 * @example
 * ```ts
 * const metric = npsMetric();
 * const monday = metric.init();
 * const tuesday = metric.init();
 * metric.add(monday, 10);
 * metric.add(tuesday, 3);
 * metric.merge(monday, tuesday);
 * metric.result(monday).score?.value;
 * // => 0
 * ```
 */
export interface Metric<Input, State, Output> {
  /** The metric's name, used in error messages. */
  readonly name: string;
  /** The result field holding the headline {@link Estimate}, or `null` when the metric has none (volume). */
  readonly headline?: (keyof Output & string) | null;
  /** Makes an empty state. */
  init(): State;
  /** Folds one observation into `state`. */
  add(state: State, input: Input, index?: number): void;
  /** Folds `other` into `into`; `other` is left unchanged (a state merged into itself doubles). */
  merge(into: State, other: State): void;
  /** Reads the result of a state. */
  result(state: State): Output;
}

/**
 * Reads one value from a record, e.g. `r => r.score`. The second argument is the record's index.
 *
 * @category Core
 * @example
 * ```ts
 * const score: Accessor<{ score: number }, number> = (r) => r.score;
 * ```
 */
export type Accessor<T, R> = (record: T, index: number) => R;

/**
 * The names of the fields of `T` whose values are `R`: what a field-name accessor may be
 * (`value: "nps"`).
 *
 * @category Core
 * @example
 * ```ts
 * const field: FieldName<{ nps: number; team: string }, number> = "nps";
 * ```
 */
export type FieldName<T, R> = { [K in keyof KnownFields<T>]: KnownFields<T>[K] extends R ? K : never }[keyof KnownFields<T>] & string;

/**
 * The declared fields of `T`, without index signatures: a record type with `[key: string]: unknown`
 * (the parsed records of `cx-metrics/schemas`) keeps its named fields for {@link FieldName}.
 *
 * @category Core
 * @example
 * ```ts
 * type Known = KnownFields<{ nps: number; [key: string]: unknown }>; // { nps: number }
 * ```
 */
export type KnownFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]-?: T[K] };

/**
 * How a metric reads a value from a record: a function, or the name of a field (`value: "nps"` reads
 * `record.nps`). A field name keeps definitions declarative and lets TypeScript infer the record type
 * from the data. A record that is not an object, read by field name, is an invalid record.
 *
 * @category Core
 * @example
 * ```ts
 * const byName: Reader<{ nps: number }, number> = "nps";
 * const byFunction: Reader<{ nps: number }, number> = (r) => r.nps;
 * ```
 */
export type Reader<T, R> = Accessor<T, R> | FieldName<T, R>;

/**
 * Records read by field names: `{ nps?: NpsAnswer }` for `value: "nps"`. What a metric built with
 * field names accepts, so any row with those fields fits.
 *
 * @category Core
 * @example
 * ```ts
 * const row: FieldRecord<"nps", number | null> = { nps: 9 };
 * ```
 */
export type FieldRecord<K extends string, V> = { readonly [P in K]?: V };

/**
 * The headline {@link Estimate} of a result of `metric`: NPS's score, CSAT's satisfied share, a
 * queue's service level, FRT's mean. `null` when the result has none (an empty group) or the metric
 * names no headline.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metric` is not a metric.
 * @category Core
 * @example
 * ```ts
 * const metric = csatMetric();
 * headlineOf(metric, metric.result(fold(metric, [5, 4, 2])))?.value;
 * // => 66.66...
 * ```
 */
export function headlineOf<O>(metric: Metric<never, unknown, O>, result: O): Estimate | null {
  checkMetric("headlineOf", "metric", metric);
  const field = metric.headline;
  if (field === undefined || field === null || result === null || typeof result !== "object") return null;
  const estimate = (result as Record<string, unknown>)[field];
  return estimate !== null && typeof estimate === "object" && typeof (estimate as Estimate).value === "number" ? (estimate as Estimate) : null;
}

/**
 * Folds a whole input into a fresh state of `metric`.
 *
 * Arrays and typed arrays are walked by index; any other iterable (a Set, a generator) by `for...of`.
 * Cost: one `add` per element, no allocation per element.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metric` is not a metric, `INVALID_INPUT`
 * when `input` is not iterable.
 * @category Core
 * @example
 * ```ts
 * const metric = npsMetric();
 * metric.result(fold(metric, [10, 9, 7, 3])).score?.value;
 * // => 25
 * ```
 */
export function fold<Input, State, Output>(metric: Metric<Input, State, Output>, input: Iterable<Input>): State {
  checkMetric("fold", "metric", metric);
  const state = metric.init();
  foldInto(metric, state, input);
  return state;
}

/**
 * Folds a whole input into an existing state, e.g. the next batch of a stream.
 *
 * Indices in error messages count from `offset` (default 0): pass the number of records the stream
 * has already delivered to keep them global.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `metric` is not a metric or `offset` is not a
 * whole number, `INVALID_INPUT` when `input` is not iterable, `INCOMPATIBLE_STATE` when `state` is not
 * a state of `metric`.
 * @category Core
 * @example
 * ```ts
 * const metric = csatMetric();
 * const state = metric.init();
 * foldInto(metric, state, [5, 4]);
 * foldInto(metric, state, [1, 2], 2);
 * metric.result(state).score?.value;
 * // => 50
 * ```
 */
export function foldInto<Input, State, Output>(metric: Metric<Input, State, Output>, state: State, input: Iterable<Input>, offset = 0): State {
  checkMetric("foldInto", "metric", metric);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: "foldInto", field: "offset", value: offset, expected: "a whole number >= 0 (the index of the first record)" });
  }
  // Merging an empty state is a no-op that checks `state` (INCOMPATIBLE_STATE for a state of another
  // metric), even when the input is empty and `add` never runs.
  metric.merge(state, metric.init());
  if (isArrayLike<Input>(input)) {
    // A metric may fold a whole array itself (the rating metrics do), so its per-record work is
    // inlined into its own loop rather than called from this loop, which every metric shares.
    const many = (metric as { addMany?: unknown }).addMany;
    if (typeof many === "function") {
      (many as (state: State, input: ArrayLike<Input>, offset: number) => void).call(metric, state, input, offset);
      return state;
    }
    // An indexed loop: `for...of` over an array compiles the body inside the iterator's cleanup block.
    for (let i = 0; i < input.length; i++) metric.add(state, input[i] as Input, offset + i);
    return state;
  }
  if (input == null || typeof (input as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function" || typeof input === "string") {
    throw new CxMetricsError({
      code: "INVALID_INPUT",
      fn: metric.name,
      field: "input",
      value: input,
      expected: "an array or another iterable of records",
    });
  }
  let i = offset;
  for (const item of input) metric.add(state, item, i++);
  return state;
}

/**
 * Whether `input` is an array or a typed array, walked by index.
 *
 * @category Core
 */
export function isArrayLike<T>(input: unknown): input is ArrayLike<T> {
  return Array.isArray(input) || (ArrayBuffer.isView(input) && !(input instanceof DataView));
}

/**
 * Checks that `value` is a metric (an object with init, add, merge and result), for generic helpers.
 *
 * @category Core
 */
export function checkMetric(fn: string, field: string, value: unknown): void {
  const m = value as Record<string, unknown> | null;
  if (m === null || typeof m !== "object" || ["init", "add", "merge", "result"].some((k) => typeof m[k] !== "function")) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value,
      expected: typeof value === "function" ? "a metric such as npsMetric(...), not a batch function such as nps" : "a metric such as npsMetric(...)",
    });
  }
}

/**
 * The key of an optional method of a metric that reads a state's headline as category counts
 * (promoters, passives and detractors; or successes and failures) without building the whole result:
 * what code reading thousands of grouped states (shrinkage, rankings) uses when a metric has it.
 * Internal: not exported from the package.
 */
export const HEADLINE_COUNTS: unique symbol = Symbol("cx-metrics: headline counts");

/**
 * The key of an optional property of a metric over plain answers: `{ min, max, add(state, counts) }`,
 * where `add` adds counts of the answers min..max (`counts[v - min]`) to a state. What
 * `groupColumns` uses to fold a column per group without a call per value. Internal: not exported
 * from the package.
 */
export const ADD_BINS: unique symbol = Symbol("cx-metrics: add bins");

/** What a metric holds under {@link ADD_BINS}. Internal. */
export interface CountAdder<S> {
  readonly min: number;
  readonly max: number;
  /** Adds `counts[from + v - min]` for v = min..max to `state`, which must come from this metric's `init()` or `states()` (unchecked). */
  add(state: S, counts: ArrayLike<number>, from: number): void;
  /** `count` states as `init()` makes them, whose arrays may share one buffer. */
  states(count: number): S[];
}

/** What a {@link HEADLINE_COUNTS} method returns. Internal. */
export interface HeadlineCounts {
  /** `"nps"`: counts are promoters, passives, detractors; `"share"`: successes, failures. */
  readonly kind: "nps" | "share";
  /** Weighted counts per category. */
  readonly counts: readonly number[];
  /** Their sum (the weighted total). */
  readonly total: number;
  /** Kish's effective size (the total when unweighted). */
  readonly effectiveSize: number;
  /** The headline estimate, exactly as `result` reports it; `null` when empty. */
  readonly headline: Estimate | null;
}
