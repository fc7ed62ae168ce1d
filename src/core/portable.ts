import { CxMetricsError, describeValue } from "./errors.ts";
import { checkMetric, type Metric } from "./metric.ts";

/**
 * A metric's state as a plain JSON value: what `JSON.stringify` can carry between workers,
 * processes and machines, and {@link stateFromJSON} reads back. `format` and `version` name the
 * layout; `metric` and `definition` say what was folded, so a state of another metric or another
 * definition is refused when read.
 *
 * @category Core
 * @example
 * ```ts
 * const json: PortableState = stateToJSON(npsMetric(), npsMetric().init());
 * json.format; // => "cx-metrics/state"
 * ```
 */
export interface PortableState {
  /** Always `"cx-metrics/state"`. */
  readonly format: "cx-metrics/state";
  /** The layout's version: 1. */
  readonly version: 1;
  /** The metric's name (`metric.name`). */
  readonly metric: string;
  /** The definition the state was folded under (`state.definition`), or `null` for states without one (`combine`). */
  readonly definition: string | null;
  /** The state, encoded (typed arrays, maps, non-finite numbers and null-prototype objects marked). */
  readonly state: unknown;
  /** FNV-1a (32-bit, hex) of the encoded state's JSON text: a state changed after it was written is refused. */
  readonly checksum: string;
}

/**
 * Grouped states (as from `groupStates`) as a plain JSON value: keys of any JSON type, each with
 * its state. Read back by {@link groupsFromJSON}.
 *
 * @category Core
 * @example
 * ```ts
 * const json: PortableGroups = groupsToJSON(npsMetric(), new Map());
 * json.groups; // => []
 * ```
 */
export interface PortableGroups {
  /** Always `"cx-metrics/groups"`. */
  readonly format: "cx-metrics/groups";
  /** The layout's version: 1. */
  readonly version: 1;
  /** The metric's name. */
  readonly metric: string;
  /** The definition every group's state was folded under, or `null`. */
  readonly definition: string | null;
  /** `[key, state]` pairs, in the map's order; keys and states encoded as in {@link PortableState}. */
  readonly groups: readonly (readonly [unknown, unknown])[];
  /** FNV-1a (32-bit, hex) of the encoded groups' JSON text. */
  readonly checksum: string;
}

/**
 * What the portable-state functions need of a metric: its name and its state's `init`, `merge` and
 * `result` (any {@link Metric} of that state).
 *
 * @category Core
 * @example
 * ```ts
 * const m: StateMetric<RatingState> = npsMetric();
 * ```
 */
export type StateMetric<S> = Pick<Metric<never, S, unknown>, "name" | "init" | "merge" | "result">;

// Every runtime cx-metrics supports has these (Node, Deno, Bun, browsers); the ES library types do not.
declare const TextEncoder: { new (): { encode(text: string): Uint8Array } };
declare const TextDecoder: { new (label: string, options: { fatal: boolean }): { decode(bytes: Uint8Array): string } };

const VERSION = 1;
const MAGIC = [0x43, 0x58, 0x4d, 0x53]; // "CXMS"
const MAX_DEPTH = 64;

type TypedArrayName = "Float64Array" | "Float32Array" | "Int32Array" | "Uint32Array" | "Int16Array" | "Uint16Array" | "Int8Array" | "Uint8Array";
type AnyTypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
const TYPED: { readonly [K in TypedArrayName]: { new (n: number): AnyTypedArray; new (buffer: ArrayBuffer, offset: number, length: number): AnyTypedArray; readonly BYTES_PER_ELEMENT: number } } = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
};

function typedName(v: unknown): TypedArrayName | null {
  for (const name of Object.keys(TYPED) as TypedArrayName[]) if (v instanceof TYPED[name]) return name;
  return null;
}

/** Where the binary form puts typed arrays: collected while encoding, laid out after the header. */
interface Blobs {
  readonly list: AnyTypedArray[];
}

function encode(fn: string, v: unknown, blobs: Blobs | null, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "state", value: v, expected: `a state nested at most ${MAX_DEPTH} levels deep` });
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (Number.isFinite(v)) return Object.is(v, -0) ? { $n: "-0" } : v;
    return { $n: v !== v ? "NaN" : v > 0 ? "Infinity" : "-Infinity" };
  }
  if (v === undefined) return { $undefined: true };
  if (typeof v !== "object") throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "state", value: v, expected: "a state of plain data (numbers, strings, arrays, objects, maps, typed arrays)" });
  const typed = typedName(v);
  if (typed !== null) {
    const a = v as AnyTypedArray;
    if (blobs !== null) {
      blobs.list.push(a);
      return { $ta: typed, blob: blobs.list.length - 1 };
    }
    const data: unknown[] = new Array(a.length);
    for (let i = 0; i < a.length; i++) data[i] = encode(fn, a[i], null, depth + 1);
    return { $ta: typed, data };
  }
  if (Array.isArray(v)) return v.map((x) => encode(fn, x, blobs, depth + 1));
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [encode(fn, k, blobs, depth + 1), encode(fn, x, blobs, depth + 1)]) };
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "state", value: v, expected: "a state of plain data (no class instances, dates or functions)" });
  }
  let marked = proto === null;
  const entries = Object.keys(v).map((key): [string, unknown] => {
    if (key.startsWith("$") || key === "__proto__") marked = true;
    return [key, encode(fn, (v as Record<string, unknown>)[key], blobs, depth + 1)];
  });
  // Null-prototype objects (states keyed by user values) and keys that look like markers are
  // wrapped; a key "__proto__" is always wrapped, since assigning it would set a prototype.
  return marked ? { $object: entries, proto: proto === null ? "null" : "object" } : Object.fromEntries(entries);
}

function bad(fn: string, field: string, value: unknown, expected: string): CxMetricsError {
  return new CxMetricsError({ code: "INVALID_INPUT", fn, field, value, expected });
}

function decode(fn: string, v: unknown, blobs: readonly AnyTypedArray[] | null, depth: number, path: string): unknown {
  if (depth > MAX_DEPTH) throw bad(fn, path, v, `a value nested at most ${MAX_DEPTH} levels deep`);
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw bad(fn, path, v, 'a finite number (non-finite numbers are written { "$n": "NaN" })');
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => decode(fn, x, blobs, depth + 1, `${path}[${i}]`));
  if (typeof v !== "object") throw bad(fn, path, v, "JSON data");
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === "$n") {
    const n = o["$n"];
    if (n === "NaN") return Number.NaN;
    if (n === "Infinity") return Infinity;
    if (n === "-Infinity") return -Infinity;
    if (n === "-0") return -0;
    throw bad(fn, path, v, '{ "$n": "NaN" | "Infinity" | "-Infinity" | "-0" }');
  }
  if (keys.length === 1 && keys[0] === "$undefined" && o["$undefined"] === true) return undefined;
  if ("$ta" in o) {
    const name = o["$ta"];
    if (typeof name !== "string" || !(name in TYPED)) throw bad(fn, `${path}.$ta`, name, `a typed array name: ${Object.keys(TYPED).join(", ")}`);
    const Ctor = TYPED[name as TypedArrayName];
    if (keys.length === 2 && Array.isArray(o["data"])) {
      const data = o["data"] as unknown[];
      const out = new Ctor(data.length);
      for (let i = 0; i < data.length; i++) {
        const x = decode(fn, data[i], null, depth + 1, `${path}.data[${i}]`);
        if (typeof x !== "number") throw bad(fn, `${path}.data[${i}]`, data[i], "a number");
        out[i] = x;
        // Integer arrays would wrap or truncate a value that does not fit: refuse it instead.
        if (name !== "Float64Array" && !Object.is(out[i], x) && !(name === "Float32Array" && Math.fround(x) === out[i])) throw bad(fn, `${path}.data[${i}]`, x, `a value a ${name} holds`);
      }
      return out;
    }
    if (keys.length === 2 && blobs !== null && Number.isInteger(o["blob"]) && (o["blob"] as number) >= 0 && (o["blob"] as number) < blobs.length) {
      const blob = blobs[o["blob"] as number] as AnyTypedArray;
      if (!(blob instanceof Ctor)) throw bad(fn, `${path}.blob`, o["blob"], `a ${name} section`);
      return blob;
    }
    throw bad(fn, path, v, '{ "$ta": name, "data": [numbers] }');
  }
  if ("$map" in o) {
    const entries = o["$map"];
    if (keys.length !== 1 || !Array.isArray(entries)) throw bad(fn, path, v, '{ "$map": [[key, value], ...] }');
    const m = new Map<unknown, unknown>();
    entries.forEach((e, i) => {
      if (!Array.isArray(e) || e.length !== 2) throw bad(fn, `${path}.$map[${i}]`, e, "a [key, value] pair");
      m.set(decode(fn, e[0], blobs, depth + 1, `${path}.$map[${i}][0]`), decode(fn, e[1], blobs, depth + 1, `${path}.$map[${i}][1]`));
    });
    return m;
  }
  if ("$object" in o) {
    const entries = o["$object"];
    const proto = o["proto"];
    if (keys.length !== 2 || !Array.isArray(entries) || (proto !== "null" && proto !== "object")) throw bad(fn, path, v, '{ "$object": [[key, value], ...], "proto": "null" | "object" }');
    const out = (proto === "null" ? Object.create(null) : {}) as Record<string, unknown>;
    entries.forEach((e, i) => {
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== "string") throw bad(fn, `${path}.$object[${i}]`, e, "a [key, value] pair with a string key");
      Object.defineProperty(out, e[0], { value: decode(fn, e[1], blobs, depth + 1, `${path}.${e[0]}`), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }
  for (const key of keys) {
    if (key.startsWith("$")) throw bad(fn, `${path}.${key}`, o[key], "no other marker than $n, $undefined, $ta, $map, $object");
    if (key === "__proto__") throw bad(fn, `${path}.${key}`, o[key], 'no key "__proto__" outside $object (stateToJSON writes it only there)');
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decode(fn, o[key], blobs, depth + 1, `${path}.${key}`);
  return out;
}

/** FNV-1a, 32 bits, over a string's UTF-16 code units and then over bytes: a check against changes, not a signature. */
function fnv1a(text: string, bytes?: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  if (bytes !== undefined) {
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i] as number;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function checkChecksum(fn: string, o: Record<string, unknown>, sum: string): void {
  if (o["checksum"] !== sum) {
    throw bad(fn, "checksum", o["checksum"], `${sum}, the checksum of the state as read: the state was changed after it was written, or cut short`);
  }
}

function definitionOf(state: unknown): string | null {
  const d = typeof state === "object" && state !== null ? (state as { definition?: unknown }).definition : undefined;
  return typeof d === "string" ? d : null;
}

/** Checks a decoded state against the metric and returns a state of the metric's own holding it. */
function adopt<S>(fn: string, metric: StateMetric<S>, decoded: unknown, field: string): S {
  const fresh = metric.init();
  try {
    metric.merge(fresh, decoded as S);
    // `result` reads every part, so a state that merges but cannot be read is refused here too.
    metric.result(fresh);
  } catch (e) {
    if (e instanceof CxMetricsError) {
      throw new CxMetricsError({ code: "INCOMPATIBLE_STATE", fn, field, value: describeValue(decoded), expected: `a state of ${metric.name} as stateToJSON writes it (${e.message})` });
    }
    throw e;
  }
  return fresh;
}

function checkHeader(fn: string, metric: StateMetric<unknown>, value: unknown, format: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(fn, "value", value, `a ${format} object (parse the JSON text first)`);
  const o = value as Record<string, unknown>;
  if (o["format"] !== format) throw bad(fn, "format", o["format"], `"${format}"`);
  if (o["version"] !== VERSION) throw bad(fn, "version", o["version"], `version ${VERSION} (this cx-metrics reads version ${VERSION})`);
  if (o["metric"] !== metric.name) throw new CxMetricsError({ code: "INCOMPATIBLE_STATE", fn, field: "metric", value: o["metric"], expected: `a state of ${metric.name}` });
  const mine = definitionOf(metric.init());
  if (o["definition"] !== mine) {
    throw new CxMetricsError({ code: "INCOMPATIBLE_STATE", fn, field: "definition", value: o["definition"], expected: `a state folded under the metric's definition ${mine === null ? "null" : JSON.stringify(mine)}` });
  }
  return o;
}

/**
 * Writes a metric's state as a plain JSON value ({@link PortableState}), so it survives
 * `JSON.stringify`, `postMessage`, a queue or a file, and {@link stateFromJSON} reads it back
 * exactly: typed arrays, maps, non-finite numbers, `-0` and null-prototype objects are marked, so
 * every count and sum comes back to the bit.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a metric that is not one or a state holding
 * something that is not data (a function, a class instance); `INCOMPATIBLE_STATE` for a state of
 * another metric or definition.
 * @category Core
 * @example
 * ```ts
 * const metric = npsMetric();
 * const state = fold(metric, [10, 9, 3]);
 * const text = JSON.stringify(stateToJSON(metric, state));
 * metric.result(stateFromJSON(metric, JSON.parse(text))).score?.value; // => 33.33333333333333
 * ```
 */
export function stateToJSON<S>(metric: StateMetric<S>, state: S): PortableState {
  const fn = "stateToJSON";
  checkMetric(fn, "metric", metric);
  // merge checks the state is the metric's (definition, parts) before anything is written; the
  // merged copy is written (its buffers sized to what they hold, not to their spare capacity).
  const own = adopt(fn, metric, state, "state");
  const encoded = encode(fn, own, null, 0);
  return { format: "cx-metrics/state", version: VERSION, metric: metric.name, definition: definitionOf(own), state: encoded, checksum: fnv1a(JSON.stringify(encoded)) };
}

/**
 * Reads a state written by {@link stateToJSON} (after `JSON.parse`), for this metric: the format,
 * version, metric and definition must match, and the state must pass the metric's own checks
 * (merge and result), and the checksum must match the state as read, so a malformed, cut or
 * edited state is an error, never a silently wrong result. (The checksum catches changes, not an
 * adversary who recomputes it: sign the text where that matters.)
 * The state returned is a new one of the metric's own.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not a portable state (naming
 * the path at fault); `INCOMPATIBLE_STATE` for a state of another metric or definition, or one the
 * metric's checks refuse.
 * @category Core
 * @example
 * ```ts
 * stateFromJSON(npsMetric(), stateToJSON(csatMetric(), csatMetric().init()));
 * // throws CxMetricsError INCOMPATIBLE_STATE: a state of nps
 * ```
 */
export function stateFromJSON<S>(metric: StateMetric<S>, value: unknown): S {
  const fn = "stateFromJSON";
  checkMetric(fn, "metric", metric);
  const o = checkHeader(fn, metric as StateMetric<unknown>, value, "cx-metrics/state");
  checkChecksum(fn, o, fnv1a(JSON.stringify(o["state"]) ?? ""));
  return adopt(fn, metric, decode(fn, o["state"], null, 0, "state"), "state");
}

/**
 * Writes grouped states (a `Map` from `groupStates`, or one you built) as a plain JSON value
 * ({@link PortableGroups}). Keys may be any JSON value (strings, numbers, booleans, `null`, arrays
 * and plain objects) and come back equal, in order (object keys as new objects).
 *
 * @throws {@link CxMetricsError} as {@link stateToJSON}, naming the group; `INVALID_INPUT` for a
 * value that is not a `Map`.
 * @category Core
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * const groups = groupStates(metric, [{ team: "A", nps: 10 }], "team");
 * groupsFromJSON(metric, JSON.parse(JSON.stringify(groupsToJSON(metric, groups)))).get("A") !== undefined; // => true
 * ```
 */
export function groupsToJSON<K, S>(metric: StateMetric<S>, groups: ReadonlyMap<K, S>): PortableGroups {
  const fn = "groupsToJSON";
  checkMetric(fn, "metric", metric);
  if (!(groups instanceof Map)) throw bad(fn, "groups", groups, "a Map of keys to states, as groupStates returns");
  const out: (readonly [unknown, unknown])[] = [];
  let i = 0;
  for (const [k, s] of groups) {
    out.push([encode(fn, k, null, 0), encode(fn, adopt(fn, metric, s, `groups[${i}]`), null, 0)]);
    i++;
  }
  return { format: "cx-metrics/groups", version: VERSION, metric: metric.name, definition: definitionOf(metric.init()), groups: out, checksum: fnv1a(JSON.stringify(out)) };
}

/**
 * Reads grouped states written by {@link groupsToJSON}: each state checked as {@link stateFromJSON}
 * checks one; a key that appears twice is refused.
 *
 * @throws {@link CxMetricsError} as {@link stateFromJSON}, naming the group.
 * @category Core
 * @example
 * ```ts
 * groupsFromJSON(npsMetric(), { format: "cx-metrics/groups", version: 1, metric: "nps", definition: null, groups: [] });
 * // throws CxMetricsError INCOMPATIBLE_STATE: the definition does not match
 * ```
 */
export function groupsFromJSON<K, S>(metric: StateMetric<S>, value: unknown): Map<K, S> {
  const fn = "groupsFromJSON";
  checkMetric(fn, "metric", metric);
  const o = checkHeader(fn, metric as StateMetric<unknown>, value, "cx-metrics/groups");
  const groups = o["groups"];
  if (!Array.isArray(groups)) throw bad(fn, "groups", groups, "an array of [key, state] pairs");
  checkChecksum(fn, o, fnv1a(JSON.stringify(groups)));
  const out = new Map<K, S>();
  groups.forEach((g, i) => {
    if (!Array.isArray(g) || g.length !== 2) throw bad(fn, `groups[${i}]`, g, "a [key, state] pair");
    const key = decode(fn, g[0], null, 0, `groups[${i}][0]`) as K;
    if (out.has(key)) throw bad(fn, `groups[${i}][0]`, g[0], "a key that appears once");
    out.set(key, adopt(fn, metric, decode(fn, g[1], null, 0, `groups[${i}][1]`), `groups[${i}]`));
  });
  return out;
}

/**
 * Writes a state in a compact binary form: a small JSON header (as {@link stateToJSON}'s, typed
 * arrays replaced by references) followed by the typed arrays' bytes, 8-byte aligned. For large
 * states (exact duration buffers hold 8 bytes per duration; JSON text takes about 18): the bytes are
 * the arrays' own, so writing and reading cost a copy, not a number-to-text conversion per value.
 * Layout: `"CXMS"`, a version byte, three zero bytes, the header's byte length (uint32, little
 * endian), the header (UTF-8 JSON), zero padding to a multiple of 8, then each array's bytes
 * (little-endian, as typed arrays are on every platform cx-metrics runs on), each padded to 8.
 *
 * @throws {@link CxMetricsError} as {@link stateToJSON}.
 * @category Core
 * @example
 * ```ts
 * const metric = artMetric();
 * const bytes = stateToBytes(metric, metric.init());
 * stateFromBytes(metric, bytes).resolved.count; // => 0
 * ```
 */
export function stateToBytes<S>(metric: StateMetric<S>, state: S): Uint8Array {
  const fn = "stateToBytes";
  checkMetric(fn, "metric", metric);
  const own = adopt(fn, metric, state, "state");
  const blobs: Blobs = { list: [] };
  const body = encode(fn, own, blobs, 0);
  const sections = blobs.list.map((a) => ({ type: typedName(a) as TypedArrayName, length: a.length }));
  const raw = blobs.list.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const checksum = fnv1a(JSON.stringify(body), concat(raw));
  const header = new TextEncoder().encode(JSON.stringify({ format: "cx-metrics/state", version: VERSION, metric: metric.name, definition: definitionOf(own), sections, state: body, checksum }));
  const pad8 = (n: number): number => (n + 7) & ~7;
  let size = pad8(12 + header.length);
  for (const a of blobs.list) size += pad8(a.byteLength);
  const out = new Uint8Array(size);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  let at = pad8(12 + header.length);
  for (const r of raw) {
    out.set(r, at);
    at += pad8(r.byteLength);
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reads a state written by {@link stateToBytes}, with the checks of {@link stateFromJSON}. The
 * typed arrays are copied out of `bytes`, so the buffer may be reused afterwards.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for bytes that are not a cx-metrics state (wrong
 * magic, version, lengths beyond the end); as {@link stateFromJSON} otherwise.
 * @category Core
 * @example
 * ```ts
 * stateFromBytes(npsMetric(), new Uint8Array([1, 2, 3]));
 * // throws CxMetricsError INVALID_INPUT: not a cx-metrics state
 * ```
 */
export function stateFromBytes<S>(metric: StateMetric<S>, bytes: Uint8Array): S {
  const fn = "stateFromBytes";
  checkMetric(fn, "metric", metric);
  if (!(bytes instanceof Uint8Array)) throw bad(fn, "bytes", bytes, "a Uint8Array written by stateToBytes");
  if (bytes.length < 12 || MAGIC.some((m, i) => bytes[i] !== m)) throw bad(fn, "bytes", describeValue(bytes), 'bytes that start with "CXMS": not a cx-metrics state');
  if (bytes[4] !== VERSION) throw bad(fn, "version", bytes[4], `version ${VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw bad(fn, "bytes", bytes.length, `at least ${12 + headerLength} bytes (the header's length)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    throw bad(fn, "header", "(unreadable)", "UTF-8 JSON");
  }
  const o = checkHeader(fn, metric as StateMetric<unknown>, header, "cx-metrics/state");
  const sections = o["sections"];
  if (!Array.isArray(sections)) throw bad(fn, "sections", sections, "an array of { type, length }");
  const pad8 = (n: number): number => (n + 7) & ~7;
  let at = pad8(12 + headerLength);
  const blobs: AnyTypedArray[] = sections.map((s: unknown, i: number) => {
    const sec = s as { type?: unknown; length?: unknown };
    if (typeof sec !== "object" || sec === null || typeof sec.type !== "string" || !(sec.type in TYPED) || !Number.isSafeInteger(sec.length) || (sec.length as number) < 0) {
      throw bad(fn, `sections[${i}]`, s, "{ type: a typed array name, length: a whole number }");
    }
    const Ctor = TYPED[sec.type as TypedArrayName];
    const byteLength = (sec.length as number) * Ctor.BYTES_PER_ELEMENT;
    if (at + byteLength > bytes.length) throw bad(fn, `sections[${i}]`, s, `a section inside the ${bytes.length} bytes`);
    // Copied into an aligned buffer of its own: `bytes` may start anywhere and may be reused.
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(at, at + byteLength));
    at += pad8(byteLength);
    return new Ctor(copy.buffer, 0, sec.length as number);
  });
  checkChecksum(fn, o, fnv1a(JSON.stringify(o["state"]) ?? "", concat(blobs.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)))));
  return adopt(fn, metric, decode(fn, o["state"], blobs, 0, "state"), "state");
}
