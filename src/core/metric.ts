import { CxMetricsError } from "./errors.ts";

/**
 * A metric as a mergeable fold: the one shape every metric in cx-metrics has.
 *
 * - `init()` makes an empty state.
 * - `add(state, input, index?)` folds one observation in, mutating the state and allocating nothing.
 *   `index` is the record's position, used only in error messages; when omitted, the count of records
 *   this state has seen is used.
 * - `merge(into, other)` folds a second state into the first. It is associative and commutative, so
 *   partial states from shards, workers or days combine in any order.
 * - `result(state)` reads the final, immutable result; the state can keep folding afterwards.
 *
 * Laws (checked by one generic property test for every metric): for any split of the input into parts,
 * folding each part and merging the states in any order gives the result of one fold of the whole.
 *
 * @typeParam Input - one observation, e.g. a score or a record read through an accessor.
 * @typeParam State - the mutable partial state.
 * @typeParam Output - the result.
 * @example
 * ```ts
 * const metric = npsMetric();
 * const monday = metric.init();
 * const tuesday = metric.init();
 * metric.add(monday, 10);
 * metric.add(tuesday, 3);
 * metric.merge(monday, tuesday);
 * metric.result(monday).score;
 * // => 0
 * ```
 */
export interface Metric<Input, State, Output> {
  /** The metric's name, used in error messages. */
  readonly name: string;
  /** Makes an empty state. */
  init(): State;
  /** Folds one observation into `state`. */
  add(state: State, input: Input, index?: number): void;
  /** Folds `other` into `into`; `other` is left unchanged. */
  merge(into: State, other: State): void;
  /** Reads the result of a state. */
  result(state: State): Output;
}

/**
 * Reads one value from a record, e.g. `r => r.score`. The second argument is the record's index.
 *
 * @example
 * ```ts
 * const score: Accessor<{ score: number }, number> = (r) => r.score;
 * ```
 */
export type Accessor<T, R> = (record: T, index: number) => R;

/**
 * Folds a whole input into a fresh state of `metric`.
 *
 * Arrays and typed arrays are walked by index; any other iterable (a Set, a generator) by `for...of`.
 * Cost: one `add` per element, no allocation per element.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` when `input` is not iterable.
 * @example
 * ```ts
 * const metric = npsMetric();
 * metric.result(fold(metric, [10, 9, 7, 3])).score;
 * // => 25
 * ```
 */
export function fold<Input, State, Output>(metric: Metric<Input, State, Output>, input: Iterable<Input>): State {
  const state = metric.init();
  foldInto(metric, state, input);
  return state;
}

/**
 * Folds a whole input into an existing state, e.g. the next batch of a stream.
 *
 * Indices in error messages continue from the number of records the state has already seen only when
 * you pass `offset`; by default they count from 0 within `input`.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` when `input` is not iterable.
 * @example
 * ```ts
 * const metric = csatMetric();
 * const state = metric.init();
 * foldInto(metric, state, [5, 4]);
 * foldInto(metric, state, [1, 2], 2);
 * metric.result(state).score;
 * // => 50
 * ```
 */
export function foldInto<Input, State, Output>(
  metric: Metric<Input, State, Output>,
  state: State,
  input: Iterable<Input>,
  offset = 0,
): State {
  if (isArrayLike<Input>(input)) {
    for (let i = 0; i < input.length; i++) metric.add(state, input[i] as Input, offset + i);
    return state;
  }
  if (input == null || typeof (input as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
    throw new CxMetricsError({
      code: "INVALID_INPUT",
      fn: metric.name,
      field: "input",
      value: input,
      expected: "an array or another iterable",
    });
  }
  let i = offset;
  for (const item of input) metric.add(state, item, i++);
  return state;
}

function isArrayLike<T>(input: unknown): input is ArrayLike<T> {
  return Array.isArray(input) || (ArrayBuffer.isView(input) && !(input instanceof DataView));
}
