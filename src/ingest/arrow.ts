import { CxMetricsError, describeValue } from "../core/errors.ts";

/**
 * What {@link arrowColumn} and {@link arrowDictionary} read of an Apache Arrow vector (`apache-arrow`'s
 * `Vector`, as `table.getChild(name)` returns it). Duck-typed, so cx-metrics needs no Arrow library.
 *
 * @category Ingest
 * @example
 * ```ts
 * const vector: ArrowVectorLike = table.getChild("nps")!;
 * ```
 */
export interface ArrowVectorLike {
  /** Values in the vector. */
  readonly length: number;
  /** Nulls in the vector. */
  readonly nullCount: number;
  /** The values as one array: a typed array for primitive types (nulls read as 0 there). */
  toArray(): ArrayLike<unknown>;
  /** Whether the value at `index` is not null. */
  isValid(index: number): boolean;
  /** The record batches' data, for dictionary vectors: each chunk's indices and dictionary. */
  readonly data?: readonly ArrowDataLike[];
}

/**
 * One record batch's data of an {@link ArrowVectorLike}: what {@link arrowDictionary} reads.
 *
 * @category Ingest
 * @example
 * ```ts
 * const chunk: ArrowDataLike = table.getChild("agent")!.data[0]!;
 * ```
 */
export interface ArrowDataLike {
  /** Values in the chunk. */
  readonly length: number;
  /** The chunk's dictionary indices (for a dictionary vector). */
  readonly values?: ArrayLike<number>;
  /** The chunk's dictionary. */
  readonly dictionary?: ArrowDictionaryValues | null;
}

/**
 * A dictionary of an {@link ArrowDataLike}: the values its indices name.
 *
 * @category Ingest
 * @example
 * ```ts
 * const values: ArrowDictionaryValues = table.getChild("agent")!.data[0]!.dictionary!;
 * ```
 */
export interface ArrowDictionaryValues {
  /** The dictionary's values, in index order. */
  toArray(): ArrayLike<unknown>;
}

/**
 * What {@link arrowDictionary} returns: a key column and the keys it indexes, as {@link groupColumns} takes them.
 *
 * @category Ingest
 * @example
 * ```ts
 * const { keys, dictionary }: ArrowKeys = arrowDictionary(table.getChild("agent")!);
 * ```
 */
export interface ArrowKeys {
  /** Per value, its index into `dictionary`. */
  readonly keys: Int32Array;
  /** The keys, the last one `null` when the column has nulls. */
  readonly dictionary: unknown[];
}

function checkVector(fn: string, v: unknown): ArrowVectorLike {
  const x = v as Partial<ArrowVectorLike> | null;
  if (typeof x !== "object" || x === null || !Number.isSafeInteger(x.length) || !Number.isSafeInteger(x.nullCount) || typeof x.toArray !== "function" || typeof x.isValid !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "vector", value: describeValue(v), expected: "an Apache Arrow vector (table.getChild(name))" });
  }
  return x as ArrowVectorLike;
}

/**
 * The values of an Arrow vector as the metrics take them: without nulls, the vector's own typed array
 * (no copy for a single chunk: `Uint8` answers go to the byte-column fast path); with nulls, an array
 * in which each null is `null`, so a missing answer stays missing. (Arrow's `toArray()` reads nulls as
 * 0: passed as it is, a missing NPS answer would count as a detractor.)
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not an Arrow vector.
 * @category Ingest
 * @example
 * ```ts
 * const table = tableFromArrays({ nps: Uint8Array.from([10, 9, 3]) }); // apache-arrow
 * nps(arrowColumn(table.getChild("nps")!)).score?.value; // => 33.33333333333333
 * ```
 */
export function arrowColumn(vector: ArrowVectorLike): ArrayLike<unknown> {
  const v = checkVector("arrowColumn", vector);
  const values = v.toArray();
  if (v.nullCount === 0) return values;
  const out: unknown[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.isValid(i) ? values[i] : null;
  return out;
}

/**
 * A dictionary-encoded Arrow vector (`Dictionary<Int32, Utf8>`, as `tableFromArrays` makes string
 * columns) as a key column and its dictionary, for {@link groupColumns}: `keys[i]` indexes
 * `dictionary`. Nulls get one more dictionary entry, `null`. Every record batch must share one
 * dictionary (Arrow's delta dictionaries are appended, which keeps earlier indices valid).
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a vector that is not dictionary-encoded, or
 * whose batches' dictionaries disagree.
 * @category Ingest
 * @example
 * ```ts
 * const table = tableFromArrays({ nps: Uint8Array.from([10, 3]), agent: ["ana", "ben"] }); // apache-arrow
 * const { keys, dictionary } = arrowDictionary(table.getChild("agent")!);
 * groupColumns(npsMetric(), arrowColumn(table.getChild("nps")!), keys, dictionary).size; // => 2
 * ```
 */
export function arrowDictionary(vector: ArrowVectorLike): ArrowKeys {
  const fn = "arrowDictionary";
  const v = checkVector(fn, vector);
  const chunks = v.data;
  if (!Array.isArray(chunks) || chunks.some((c) => c === null || typeof c !== "object" || c.values === undefined || c.dictionary == null)) {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "vector", value: describeValue(vector), expected: "a dictionary-encoded Arrow vector (strings from tableFromArrays are)" });
  }
  // The longest dictionary: delta dictionaries only append, so earlier batches' indices stay valid in it.
  let dictionary: unknown[] = [];
  for (const c of chunks) {
    const d = Array.from(c.dictionary!.toArray());
    if (d.length > dictionary.length) {
      if (dictionary.some((x, i) => x !== d[i])) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "vector", value: describeValue(vector), expected: "record batches that share one dictionary (or append to it)" });
      dictionary = d;
    } else if (d.some((x, i) => x !== dictionary[i])) {
      throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "vector", value: describeValue(vector), expected: "record batches that share one dictionary (or append to it)" });
    }
  }
  const keys = new Int32Array(v.length);
  const nullKey = dictionary.length;
  let at = 0;
  let nulls = false;
  for (const c of chunks) {
    // Arrow's `values` of a sliced chunk already start at the slice (its `offset` is for the null bitmap).
    const idx = c.values!;
    for (let i = 0; i < c.length; i++, at++) {
      if (v.nullCount > 0 && !v.isValid(at)) {
        keys[at] = nullKey;
        nulls = true;
      } else {
        keys[at] = idx[i] as number;
      }
    }
  }
  if (nulls) dictionary.push(null);
  return { keys, dictionary };
}
