import { CxMetricsError } from "../core/errors.ts";
import { ADD_BINS, checkMetric, isArrayLike, type Accessor, type CountAdder, type Metric, type Reader } from "../core/metric.ts";
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

/**
 * One fold state per group from columns: `values[i]` belongs to group `keys[i]`, a small integer
 * (an index into `dictionary`, as Arrow dictionary columns and `factorize` give them). The column
 * form of {@link groupStates}, for data held as typed arrays.
 *
 * NPS, CSAT and CES over 8-bit answer columns (`Uint8Array`, `Int8Array`, `Uint8ClampedArray`) with
 * no accessor count into one dense counts array of groups x scale points, as a hand loop would, with
 * no call per value, and their states' arrays are views of one buffer, made in one go (each state
 * is still a state of its own; `structuredClone` or `postMessage` of one alone copies the whole
 * buffer, so send {@link stateToBytes} of it instead); other metrics and columns fold value by
 * value through `metric.add`. Groups come
 * in the order of their numbers (the dictionary's order), only those that hold a value; with a
 * dictionary the keys are its entries (one named twice is one group), without one the numbers.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` when `values` and `keys` are not array-likes of the
 * same length, or a key is not a whole number (within the dictionary when there is one), naming its
 * index; errors of `metric.add` carry the value's index.
 * @category Analysis
 * @example
 * ```ts
 * const metric = npsMetric();
 * const states = groupColumns(metric, Uint8Array.from([10, 9, 3, 10]), Uint16Array.from([0, 1, 1, 0]), ["ana", "ben"]);
 * metric.result(states.get("ben")!).score?.value;
 * // => 0
 * ```
 */
export function groupColumns<I, S, O, K = number>(metric: Metric<I, S, O>, values: ArrayLike<I>, keys: ArrayLike<number>, dictionary?: readonly K[]): Map<K, S> {
  const fn = "groupColumns";
  checkMetric(fn, "metric", metric);
  if (!isArrayLike(values)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "values", value: values, expected: "an array or typed array of values" });
  if (!isArrayLike(keys) || keys.length !== values.length) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "keys", value: keys, expected: `an array or typed array of ${values.length} group numbers, one per value` });
  if (dictionary !== undefined && !Array.isArray(dictionary)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "dictionary", value: dictionary, expected: "an array of keys, indexed by the group numbers" });
  const n = values.length;
  const limit = dictionary === undefined ? 2 ** 32 : dictionary.length;
  const badKey = (i: number): CxMetricsError =>
    new CxMetricsError({ code: "INVALID_INPUT", fn, field: "keys", index: i, value: keys[i], expected: dictionary === undefined ? "a whole number, 0 or more" : `a whole number from 0 to ${limit - 1} (an index into the dictionary)` });
  const keyOf = (g: number): K => (dictionary === undefined ? g : dictionary[g]) as K;
  const out = new Map<K, S>();
  /** The state of group g, one per key (a key the dictionary names twice gets one state). */
  const stateOf = (g: number): S => {
    let state = out.get(keyOf(g));
    if (state === undefined) {
      state = metric.init();
      out.set(keyOf(g), state);
    }
    return state;
  };
  /**
   * Adds the counts of each group that has any (its row of `dense`: `width` slots a group, the
   * scale's from `from` on) into its state. The states are made in one go (`adder.states`: views of
   * one buffer, where three typed arrays of their own per state cost, at worst, as long as the count).
   */
  const addRows = (adder: CountAdder<S>, dense: Uint32Array, groups: number, width: number, from: number): void => {
    const points = adder.max - adder.min + 1;
    const held = new Uint8Array(groups);
    let count = 0;
    for (let g = 0; g < groups; g++) {
      const row = g * width + from;
      let total = 0;
      for (let j = 0; j < points; j++) total += dense[row + j]!;
      if (total > 0) {
        held[g] = 1;
        count++;
      }
    }
    const fresh = adder.states(count);
    let next = 0;
    for (let g = 0; g < groups; g++) {
      if (held[g] === 0) continue;
      const key = keyOf(g);
      let state = out.get(key);
      if (state === undefined) {
        state = fresh[next++]!;
        out.set(key, state);
      }
      adder.add(state, dense, g * width + from);
    }
  };
  const adder = (metric as { [ADD_BINS]?: CountAdder<S> })[ADD_BINS];
  const bytes = values instanceof Uint8Array || values instanceof Int8Array || values instanceof Uint8ClampedArray;
  // How many groups the keys can name without a pass over them: the dictionary's length, or all
  // that an 8- or 16-bit key column can hold.
  // Counts are Uint32: a column of 2^32 answers or more (runtimes after Node 20 allow it) folds value
  // by value below rather than risk a count wrapping.
  const groups = n >= 2 ** 32 ? -1 : dictionary !== undefined ? dictionary.length : keys instanceof Uint8Array ? 256 : keys instanceof Uint16Array ? 65_536 : -1;
  if (adder !== undefined && values instanceof Uint8Array && keys instanceof Uint16Array && groups >= 0 && adder.min >= 0 && adder.max < ROW - 1) {
    // The commonest columns (unsigned bytes, 16-bit keys, a scale within 0..14): a row of 16 per
    // group, a byte counted at its own value, so the loop has only constants (see countRows).
    const dense = new Uint32Array(groups * ROW);
    const bad = countRows(dense, keys, values, groups);
    if (bad >= 0) throw badKey(bad);
    let off = false;
    for (let g = 0; g < groups && !off; g++) {
      const row = g * ROW;
      for (let j = 0; j < adder.min; j++) off ||= dense[row + j]! > 0;
      for (let j = adder.max + 1; j < ROW; j++) off ||= dense[row + j]! > 0;
    }
    if (!off) {
      addRows(adder, dense, groups, ROW, adder.min);
      return out;
    }
    // A value off the scale: fold value by value below, so it throws (or is counted) at its index.
  } else if (adder !== undefined && bytes && groups >= 0 && groups * (adder.max - adder.min + 2) <= 2 ** 26) {
    // Each byte maps to its slot on the scale, or to one extra slot for values off it.
    const points = adder.max - adder.min + 1;
    const width = points + 1;
    const slot = new Uint32Array(256);
    const bias = values instanceof Int8Array ? 128 : 0;
    for (let b = 0; b < 256; b++) {
      const v = b - bias;
      slot[b] = v >= adder.min && v <= adder.max ? v - adder.min : points;
    }
    const dense = new Uint32Array(groups * width);
    const v = values as Uint8Array | Int8Array;
    const bad = keys instanceof Uint16Array || keys instanceof Uint8Array ? countTyped(dense, keys, v, slot, width, bias, groups) : countAny(dense, keys, v, slot, width, bias, groups);
    if (bad >= 0) throw badKey(bad);
    let off = false;
    for (let g = 0; g < groups && !off; g++) off = dense[g * width + points]! > 0;
    if (!off) {
      addRows(adder, dense, groups, width, 0);
      return out;
    }
    // A value off the scale: fold value by value below, so it throws (or is counted) at its index.
  }
  let top = -1;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (!(Number.isInteger(k) && k >= 0 && k < limit)) throw badKey(i);
    if (k > top) top = k;
  }
  const present = new Uint8Array(top + 1);
  for (let i = 0; i < n; i++) present[keys[i] as number] = 1;
  const states: (S | undefined)[] = new Array(top + 1);
  for (let g = 0; g <= top; g++) if (present[g] === 1) states[g] = stateOf(g);
  for (let i = 0; i < n; i++) metric.add(states[keys[i] as number] as S, values[i] as I, i);
  return out;
}

/** The dense count of `groupColumns` for typed keys: small and monomorphic, so V8 compiles it tight. Returns the first bad key's index, or -1. */
function countTyped(dense: Uint32Array, keys: Uint8Array | Uint16Array, v: Uint8Array | Int8Array, slot: Uint32Array, width: number, bias: number, groups: number): number {
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k >= groups) return i;
    dense[k * width + slot[v[i]! + bias]!]!++;
  }
  return -1;
}

/** As {@link countTyped}, for keys of any array-like: NaN, fractions and negatives are bad keys. */
function countAny(dense: Uint32Array, keys: ArrayLike<number>, v: Uint8Array | Int8Array, slot: Uint32Array, width: number, bias: number, groups: number): number {
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (!(k >= 0 && k < groups && k === Math.floor(k))) return i;
    dense[k * width + slot[v[i]! + bias]!]!++;
  }
  return -1;
}

/** The row width of {@link countRows}: 16 slots a group, one per byte value 0..14 and one for 15 and above. */
const ROW = 16;

/** Whether this platform stores numbers little-endian (every engine JavaScript runs on does today). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * {@link countTyped} for the commonest columns (16-bit keys, unsigned bytes, a scale within 0..14):
 * `dense[16k + min(v, 15)]` counts, with the row width and the cap as literals, so V8 compiles it
 * with no variable in the index (a width or an offset held in variables measured 1.2x-1.4x slower).
 * Slots off the scale are read afterwards. Where both columns can be read as 32-bit words from one
 * position on, eight values a turn come from two words of answers and four of keys
 * ({@link countKeyedWords}): one load a value where two were, 1.4x faster than two values a turn.
 */
function countRows(dense: Uint32Array, keys: Uint16Array, v: Uint8Array, groups: number): number {
  const n = keys.length;
  let i = 0;
  // The first value both columns can be read as words from: the answers' byte offset a multiple of
  // 4 there, and the keys' too (so the two start the same number of values from an aligned word).
  const head = (4 - (v.byteOffset & 3)) & 3;
  if (LITTLE_ENDIAN && n - head >= 64 && (((keys.byteOffset >>> 1) + head) & 1) === 0) {
    for (; i < head; i++) {
      const k = keys[i]!;
      if (k >= groups) return i;
      const u = v[i]!;
      dense[k * 16 + (u < 15 ? u : 15)]!++;
    }
    const turns = (n - head) >>> 3;
    const words = new Uint32Array(v.buffer, v.byteOffset + head, 2 * turns);
    const keyWords = new Uint32Array(keys.buffer, keys.byteOffset + 2 * head, 4 * turns);
    const bad = countKeyedWords(dense, keyWords, words, groups);
    if (bad >= 0) {
      // The turn that holds a bad key: its first bad key's index.
      for (let j = head + 8 * bad; ; j++) if (keys[j]! >= groups) return j;
    }
    i = head + 8 * turns;
  }
  for (; i + 1 < n; i += 2) {
    const k0 = keys[i]!;
    const k1 = keys[i + 1]!;
    if (k0 >= groups || k1 >= groups) return k0 >= groups ? i : i + 1;
    const u0 = v[i]!;
    const u1 = v[i + 1]!;
    dense[k0 * 16 + (u0 < 15 ? u0 : 15)]!++;
    dense[k1 * 16 + (u1 < 15 ? u1 : 15)]!++;
  }
  if (i < n) {
    const k = keys[i]!;
    if (k >= groups) return i;
    const u = v[i]!;
    dense[k * 16 + (u < 15 ? u : 15)]!++;
  }
  return -1;
}

/**
 * The word loop of {@link countRows}: turn t counts the answers in `words[2t]`, `words[2t + 1]`
 * (four bytes each, the lowest first on a little-endian platform) under the keys in
 * `keyWords[4t]..keyWords[4t + 3]` (two 16-bit keys each). Returns the first turn with a key of
 * `groups` or more, counting nothing of it, or -1.
 */
function countKeyedWords(dense: Uint32Array, keyWords: Uint32Array, words: Uint32Array, groups: number): number {
  const turns = words.length >>> 1;
  for (let t = 0; t < turns; t++) {
    const a = keyWords[4 * t]!;
    const b = keyWords[4 * t + 1]!;
    const c = keyWords[4 * t + 2]!;
    const d = keyWords[4 * t + 3]!;
    const k0 = a & 0xffff;
    const k1 = a >>> 16;
    const k2 = b & 0xffff;
    const k3 = b >>> 16;
    const k4 = c & 0xffff;
    const k5 = c >>> 16;
    const k6 = d & 0xffff;
    const k7 = d >>> 16;
    if (k0 >= groups || k1 >= groups || k2 >= groups || k3 >= groups || k4 >= groups || k5 >= groups || k6 >= groups || k7 >= groups) return t;
    const w = words[2 * t]!;
    const x = words[2 * t + 1]!;
    let u = w & 255;
    dense[k0 * 16 + (u < 15 ? u : 15)]!++;
    u = (w >>> 8) & 255;
    dense[k1 * 16 + (u < 15 ? u : 15)]!++;
    u = (w >>> 16) & 255;
    dense[k2 * 16 + (u < 15 ? u : 15)]!++;
    u = w >>> 24;
    dense[k3 * 16 + (u < 15 ? u : 15)]!++;
    u = x & 255;
    dense[k4 * 16 + (u < 15 ? u : 15)]!++;
    u = (x >>> 8) & 255;
    dense[k5 * 16 + (u < 15 ? u : 15)]!++;
    u = (x >>> 16) & 255;
    dense[k6 * 16 + (u < 15 ? u : 15)]!++;
    u = x >>> 24;
    dense[k7 * 16 + (u < 15 ? u : 15)]!++;
  }
  return -1;
}
