import { CxMetricsError, describeValue } from "../core/errors.ts";
import { checkOptions } from "../core/options.ts";
import type { Contact, SurveyResponse, Ticket } from "../core/records.ts";
import { durationMs } from "../time/duration.ts";
import { toEpochMs } from "../time/instant.ts";
import { localTimeParser } from "../time/local.ts";
import { FIELDS, NULLABLE, REQUIRED, TYPE_EXPECTED, type FieldType, type RecordCounts, type RecordKind } from "./fields.ts";

/**
 * Where a field's value comes from: a column name (a dotted path such as `"Agent.Username"` reaches
 * into nested JSON), or several names, the first present and not missing winning. For `solves`,
 * every listed column that holds a time gives one solve.
 *
 * @category Ingest
 * @example
 * ```ts
 * const source: ColumnSource = ["Solved at", "Closed at"];
 * ```
 */
export type ColumnSource = string | readonly string[];

/**
 * A column with instructions: labels to map, a unit, a base time.
 *
 * @category Ingest
 * @example
 * ```ts
 * // Zendesk gives the first reply as minutes after creation.
 * const firstResponse: ColumnRule = { column: "First reply time in minutes", after: "created", unit: "min" };
 * ```
 */
export interface ColumnRule {
  /** The column (or columns); see {@link ColumnSource}. */
  readonly column?: ColumnSource;
  /** Picks the column from the header when its name varies (Qualtrics names the NPS question freely). */
  readonly detect?: (columns: readonly string[]) => string | undefined;
  /**
   * Cell labels and what they mean, matched after trimming and ignoring case: `{ good: 1, bad: 0,
   * offered: null }`. `null` means missing. Labels not listed go through the field's usual conversion.
   */
  readonly values?: Readonly<Record<string, string | number | boolean | null>>;
  /** The unit of plain numbers in a duration column, or of an `after` offset. Overrides `durationUnit`. */
  readonly unit?: DurationUnit;
  /** For instant fields: the cell is a duration after this other instant field of the record. */
  readonly after?: string;
  /** A column that may be absent from the header without an error (the field is then missing). */
  readonly optional?: boolean;
}

/**
 * How a field is mapped: a column (or columns) or a {@link ColumnRule}.
 *
 * @category Ingest
 * @example
 * ```ts
 * const mapping: ColumnMapping = { column: "Satisfaction Score", values: { good: 1, bad: 0 } };
 * ```
 */
export type ColumnMapping = ColumnSource | ColumnRule;

/**
 * Units of plain numbers in duration columns.
 *
 * @category Ingest
 * @example
 * ```ts
 * const unit: DurationUnit = "s";
 * ```
 */
export type DurationUnit = "ms" | "s" | "min" | "h";

/**
 * How rows become records of one kind: which column feeds which field, and which rows are not
 * records of this kind at all.
 *
 * @category Ingest
 * @example
 * ```ts
 * const spec: RowSpec = { kind: "survey", columns: { nps: "How likely...", respondedAt: "Date", team: "Team" } };
 * ```
 */
export interface RowSpec {
  /** The kind of record built. */
  readonly kind: RecordKind;
  /** Record field to column. Fields not named stay absent. */
  readonly columns: Readonly<Record<string, ColumnMapping>>;
  /**
   * A row that is not a record of this kind (a header repeated inside the file, an unsent survey)
   * returns the reason; it is counted under `skipped` with that reason, never silently dropped.
   */
  readonly skip?: (row: Readonly<Record<string, unknown>>) => string | null | undefined;
}

/**
 * Options of {@link readRows} and {@link rowReader}.
 *
 * @category Ingest
 * @example
 * ```ts
 * const options: ReadOptions = { timeZone: "Europe/Berlin", durationUnit: "s", onInvalid: "skip" };
 * ```
 */
export interface ReadOptions {
  /** The zone of local times (`"2026-03-02 09:41"`, no offset). Without it such cells are rejected. */
  readonly timeZone?: string;
  /** Whether numbers in time columns are epoch milliseconds or seconds. Without it they are rejected. */
  readonly epoch?: "ms" | "s";
  /** The unit of plain numbers in duration columns. Without it they are rejected (a unit is never guessed). */
  readonly durationUnit?: DurationUnit;
  /**
   * Cells meaning "no value", compared after trimming.
   * @defaultValue ["", "N/A", "n/a", "NA", "null", "NULL", "None", "-"]
   */
  readonly missing?: readonly string[];
  /**
   * `"throw"`: the first bad row throws. `"skip"`: bad rows are left out and each is listed in
   * `rejections` with its line, field, column, value and reason.
   * @defaultValue "throw"
   */
  readonly onInvalid?: "throw" | "skip";
  /**
   * The line number of the first row given, for messages: 2 for a CSV file whose header is line 1.
   * @defaultValue 1
   */
  readonly firstLine?: number;
}

/**
 * One row left out, and why.
 *
 * @category Ingest
 * @example
 * ```ts
 * const r: Rejection = { line: 7, kind: "survey", field: "nps", column: "Q1", value: "eleven", reason: "a whole-number answer" };
 * ```
 */
export interface Rejection {
  /** The row's line (see `firstLine`; a CSV reader passes each record's own line). */
  readonly line: number;
  /** The kind of record the row failed to become. */
  readonly kind: RecordKind;
  /** The record field at fault. */
  readonly field: string;
  /** The column it was read from, when one was. */
  readonly column: string | null;
  /** The cell as read (an object or NaN as its description, such as `"NaN"`). */
  readonly value: unknown;
  /** What was expected. */
  readonly reason: string;
}

/**
 * What reading rows did: every row is accepted, rejected or skipped, so `rows = accepted +
 * rejected + skipped`.
 *
 * @category Ingest
 * @example
 * ```ts
 * const s: IngestSummary = rowReader({ kind: "survey", columns: { nps: "nps" } }).summary();
 * s.rows; // => 0
 * ```
 */
export interface IngestSummary {
  /** Rows read (header rows not counted). */
  readonly rows: number;
  /** Rows that gave at least one record and were rejected by none of the specs. */
  readonly accepted: number;
  /** Rows at least one spec rejected (their other records are kept). */
  readonly rejected: number;
  /** Rows every spec skipped. */
  readonly skipped: number;
  /** Records built, by kind. */
  readonly records: RecordCounts;
  /** Skips by reason (a row skipped by two specs counts under both reasons). */
  readonly skippedBy: Readonly<Record<string, number>>;
  /** Every rejection, in the order found. */
  readonly rejections: readonly Rejection[];
}

/**
 * The records of the last row read by a {@link RowReader}, one slot per kind (`undefined` when the
 * row gave none of that kind). The object is reused: read its slots before the next row.
 *
 * @category Ingest
 * @example
 * ```ts
 * const out: RowRecords = rowReader({ kind: "survey", columns: { nps: "nps" } }).read({ nps: "9" });
 * out.survey?.nps; // => 9
 * ```
 */
export interface RowRecords {
  /** The survey answer of the row, if any. */
  survey: SurveyResponse | undefined;
  /** The contact of the row, if any. */
  contact: Contact | undefined;
  /** The ticket of the row, if any. */
  ticket: Ticket | undefined;
}

/**
 * A compiled reader of rows, for streams: `header` once (when the source has one), `read` per row,
 * `summary` at the end. Columns are resolved once, so a row costs one conversion per mapped cell and
 * the record it builds.
 *
 * @category Ingest
 * @example
 * ```ts
 * const reader = rowReader({ kind: "survey", columns: { nps: "Score" } }, { onInvalid: "skip" });
 * reader.header(["Score"]);
 * reader.read({ Score: "10 - Extremely likely" }).survey?.nps; // => 10
 * reader.read({ Score: "eleven" }).survey; // => undefined
 * reader.summary().rejections[0]?.line; // => 3 (the header is line 1)
 * ```
 */
export interface RowReader {
  /** Checks the mapped columns against the header (throws naming the missing column and those found). */
  header(columns: readonly string[]): void;
  /** Reads one row (an object keyed by column, or an array in header order). */
  read(row: unknown, line?: number): RowRecords;
  /** Counts so far. */
  summary(): IngestSummary;
}

/**
 * The result of {@link readRows}: the records by kind and the {@link IngestSummary}.
 *
 * @category Ingest
 * @example
 * ```ts
 * const r: IngestResult = readRows([{ nps: "9" }], { kind: "survey", columns: { nps: "nps" } });
 * r.surveys.length; // => 1
 * ```
 */
export interface IngestResult extends IngestSummary {
  /** Survey answers read. */
  readonly surveys: SurveyResponse[];
  /** Contacts read. */
  readonly contacts: Contact[];
  /** Tickets read. */
  readonly tickets: Ticket[];
}

/**
 * Something rows can be read with: one {@link RowSpec}, several (one row giving records of several
 * kinds, as a helpdesk export gives a ticket and its satisfaction rating), or a preset.
 *
 * @category Ingest
 * @example
 * ```ts
 * const source: RowSource = { specs: [{ kind: "ticket", columns: { created: "Created at" } }] };
 * ```
 */
export type RowSource = RowSpec | readonly RowSpec[] | RowSpecs;

/**
 * Several specs under `specs`, as a {@link Preset} holds them (and, for a preset, its read options).
 *
 * @category Ingest
 * @example
 * ```ts
 * const specs: RowSpecs = { specs: [{ kind: "survey", columns: { nps: "nps" } }] };
 * ```
 */
export interface RowSpecs {
  /** The specs, each applied to every row. */
  readonly specs: readonly RowSpec[];
}

const READ_KEYS: readonly string[] = ["timeZone", "epoch", "durationUnit", "missing", "onInvalid", "firstLine"];
const RULE_KEYS: readonly string[] = ["column", "detect", "values", "unit", "after", "optional"];
const SPEC_KEYS: readonly string[] = ["kind", "columns", "skip"];
const DEFAULT_MISSING: readonly string[] = ["", "N/A", "n/a", "NA", "null", "NULL", "None", "-"];
const UNIT_MS: { readonly [U in DurationUnit]: number } = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };
const MAX_DURATION_MS = 100 * 365.25 * 86_400_000;

// Five-point satisfaction wording, read as 1..5 in CSAT columns unless `values` says otherwise.
const CSAT_LABELS: Readonly<Record<string, number>> = {
  "very dissatisfied": 1,
  dissatisfied: 2,
  "neither satisfied nor dissatisfied": 3,
  neutral: 3,
  satisfied: 4,
  "very satisfied": 5,
};
const TRUE_WORDS = new Set(["true", "yes", "y", "1", "t"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "f"]);
const STATUS_WORDS: Readonly<Record<string, string>> = { new: "new", open: "open", pending: "pending", hold: "on-hold", "on-hold": "on-hold", "on hold": "on-hold", solved: "solved", closed: "closed" };
const LEADING_INTEGER = /^(-?\d+)(?:\s*[-–—:.)]\s*\D.*|\s+\D.*)?$/s;
const CLOCK = /^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/;
const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A cell that failed its conversion. */
const BAD: unique symbol = Symbol("bad cell");
/** A cell with no value. */
const MISSING: unique symbol = Symbol("missing cell");

interface Column {
  readonly field: string;
  readonly type: FieldType;
  /** Column names (alternatives), resolved at the header. */
  names: readonly string[];
  readonly detect: ((columns: readonly string[]) => string | undefined) | undefined;
  readonly values: ReadonlyMap<string, string | number | boolean | null> | undefined;
  readonly unit: number | undefined;
  /** Index in the spec's field list of the `after` base. */
  readonly after: number;
  readonly optional: boolean;
  /** Column positions for array rows. */
  positions: number[];
  /** Dotted names split into their parts (null for plain names), per alternative. */
  paths: (readonly string[] | null)[];
}

interface CompiledSpec {
  readonly kind: RecordKind;
  readonly fields: readonly string[];
  /** Per field of FIELDS[kind], its column or undefined. */
  readonly columns: readonly (Column | undefined)[];
  readonly required: number;
  readonly skip: ((row: Readonly<Record<string, unknown>>) => string | null | undefined) | undefined;
  records: number;
}

function optionError(fn: string, field: string, value: unknown, expected: string): CxMetricsError {
  return new CxMetricsError({ code: "INVALID_OPTION", fn, field, value, expected });
}

function specsOf(fn: string, source: unknown): readonly unknown[] {
  if (Array.isArray(source)) return source;
  if (typeof source === "object" && source !== null && Array.isArray((source as { specs?: unknown }).specs)) return (source as { specs: unknown[] }).specs;
  if (typeof source === "object" && source !== null && "kind" in source) return [source];
  throw optionError(fn, "source", source, "a row spec { kind, columns }, an array of them, or a preset");
}

function compileSpec(fn: string, raw: unknown, j: number): CompiledSpec {
  const where = `specs[${j}]`;
  const spec = checkOptions(fn, raw, SPEC_KEYS, where);
  const kind = spec["kind"];
  if (kind !== "survey" && kind !== "contact" && kind !== "ticket") throw optionError(fn, `${where}.kind`, kind, '"survey", "contact" or "ticket"');
  const table = FIELDS[kind];
  const names = table.map(([f]) => f);
  const columnsRaw = spec["columns"];
  if (typeof columnsRaw !== "object" || columnsRaw === null || Array.isArray(columnsRaw)) throw optionError(fn, `${where}.columns`, columnsRaw, "an object of record fields to columns");
  const columns = checkOptions(fn, columnsRaw, names, `${where}.columns`);
  const skip = spec["skip"];
  if (skip !== undefined && typeof skip !== "function") throw optionError(fn, `${where}.skip`, skip, "a function of the row returning a reason or null");
  const compiled: (Column | undefined)[] = table.map(([field, type]) => {
    const m = columns[field];
    if (m === undefined) return undefined;
    const at = `${where}.columns.${field}`;
    const isSource = (v: unknown): v is ColumnSource => typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string"));
    const rule = isSource(m) ? { column: m } : checkOptions(fn, m, RULE_KEYS, at);
    const column = rule["column"];
    if (column !== undefined && !isSource(column)) throw optionError(fn, `${at}.column`, column, "a column name or a non-empty array of names");
    const detect = rule["detect"];
    if (detect !== undefined && typeof detect !== "function") throw optionError(fn, `${at}.detect`, detect, "a function of the header returning a column name");
    if (column === undefined && detect === undefined) throw optionError(fn, `${at}.column`, column, "a column name (or detect)");
    const values = rule["values"];
    if (values !== undefined && (typeof values !== "object" || values === null || Array.isArray(values) || Object.values(values).some((v) => v !== null && !["string", "number", "boolean"].includes(typeof v)))) {
      throw optionError(fn, `${at}.values`, values, "an object of labels to values (strings, numbers, booleans or null)");
    }
    const unit = rule["unit"];
    if (unit !== undefined && !(typeof unit === "string" && unit in UNIT_MS)) throw optionError(fn, `${at}.unit`, unit, '"ms", "s", "min" or "h"');
    const after = rule["after"];
    let afterIndex = -1;
    if (after !== undefined) {
      afterIndex = names.indexOf(after as string);
      if (type !== "instant" || afterIndex < 0 || afterIndex >= names.indexOf(field) || table[afterIndex]?.[1] !== "instant") {
        throw optionError(fn, `${at}.after`, after, `an instant field before "${field}" (${table.filter(([f, t]) => t === "instant" && names.indexOf(f) < names.indexOf(field)).map(([f]) => f).join(", ") || "none"}), on an instant field`);
      }
    }
    const optional = rule["optional"] ?? false;
    if (typeof optional !== "boolean") throw optionError(fn, `${at}.optional`, optional, "true or false");
    let labels: Map<string, string | number | boolean | null> | undefined;
    if (field === "csat" || field === "agentCsat") labels = new Map(Object.entries(CSAT_LABELS));
    if (values !== undefined) {
      labels ??= new Map();
      for (const [k, v] of Object.entries(values as Record<string, string | number | boolean | null>)) labels.set(k.trim().toLowerCase(), v);
    }
    return {
      field,
      type,
      names: column === undefined ? [] : typeof column === "string" ? [column] : [...(column as string[])],
      detect: detect as Column["detect"],
      values: labels,
      unit: unit === undefined ? undefined : UNIT_MS[unit as DurationUnit],
      after: afterIndex,
      optional,
      positions: [],
      paths: (column === undefined ? [] : typeof column === "string" ? [column] : [...(column as string[])]).map((n) => (n.includes(".") ? n.split(".") : null)),
    };
  });
  const required = REQUIRED[kind];
  return { kind, fields: names, columns: compiled, required: required === null ? -1 : names.indexOf(required), skip: skip as CompiledSpec["skip"], records: 0 };
}

/** Reads a cell of an object row by exact key, else by its dotted path (split once, at compile time) into nested objects. */
function cellOf(row: Record<string, unknown>, name: string, path: readonly string[] | null): unknown {
  const v = row[name];
  if (v !== undefined || path === null) return v;
  let cur: unknown = row;
  for (let i = 0; i < path.length; i++) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[path[i] as string];
  }
  return cur;
}

class Reader implements RowReader {
  private readonly fn: string;
  private readonly specs: CompiledSpec[];
  private readonly missing: ReadonlySet<string>;
  private readonly skipInvalid: boolean;
  private readonly epochUnit: "ms" | "s" | undefined;
  private readonly durationUnit: number | undefined;
  private readonly local: ((value: unknown, index?: number) => number) | undefined;
  private readonly firstLine: number;
  private headerNames: readonly string[] | undefined;
  private resolved = false;
  /** 1 once a header was read: data lines are numbered after it. */
  private headerLines = 0;
  private rows = 0;
  private accepted = 0;
  private rejected = 0;
  private skipped = 0;
  private readonly skippedBy: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly rejections: Rejection[] = [];
  private readonly out: RowRecords = { survey: undefined, contact: undefined, ticket: undefined };
  /** Values of the record being built, by field position (reused). */
  private values: unknown[] = [];
  /** Why the last conversion failed, when the type's usual text does not say enough. */
  private why: string | undefined;

  constructor(fn: string, source: unknown, options: unknown) {
    this.fn = fn;
    const given = checkOptions(fn, options, READ_KEYS);
    // A preset's own read options (the units of its numbers) apply unless the caller gives them.
    const own = typeof source === "object" && source !== null && !Array.isArray(source) ? (source as { options?: unknown }).options : undefined;
    const o = typeof own === "object" && own !== null ? { ...checkOptions(fn, own, READ_KEYS, "source.options"), ...given } : given;
    this.specs = specsOf(fn, source).map((s, j) => compileSpec(fn, s, j));
    if (this.specs.length === 0) throw optionError(fn, "source", source, "at least one row spec");
    const missing = o["missing"] ?? DEFAULT_MISSING;
    if (!Array.isArray(missing) || !missing.every((m) => typeof m === "string")) throw optionError(fn, "missing", missing, "an array of strings");
    this.missing = new Set((missing as string[]).map((m) => m.trim()));
    const onInvalid = o["onInvalid"] ?? "throw";
    if (onInvalid !== "throw" && onInvalid !== "skip") throw optionError(fn, "onInvalid", onInvalid, '"throw" or "skip"');
    this.skipInvalid = onInvalid === "skip";
    const epoch = o["epoch"];
    if (epoch !== undefined && epoch !== "ms" && epoch !== "s") throw optionError(fn, "epoch", epoch, '"ms" or "s"');
    this.epochUnit = epoch as "ms" | "s" | undefined;
    const unit = o["durationUnit"];
    if (unit !== undefined && !(typeof unit === "string" && unit in UNIT_MS)) throw optionError(fn, "durationUnit", unit, '"ms", "s", "min" or "h"');
    this.durationUnit = unit === undefined ? undefined : UNIT_MS[unit as DurationUnit];
    const zone = o["timeZone"];
    if (zone !== undefined && typeof zone !== "string") throw optionError(fn, "timeZone", zone, "an IANA time zone such as \"Europe/Berlin\"");
    try {
      this.local = zone === undefined ? undefined : localTimeParser({ timeZone: zone as string });
    } catch (e) {
      if (e instanceof CxMetricsError) throw optionError(fn, "timeZone", zone, "an IANA time zone such as \"Europe/Berlin\"");
      throw e;
    }
    const firstLine = o["firstLine"] ?? 1;
    if (!Number.isInteger(firstLine) || (firstLine as number) < 0) throw optionError(fn, "firstLine", firstLine, "a whole number, 0 or more");
    this.firstLine = firstLine as number;
  }

  header(columns: readonly string[]): void {
    if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string")) {
      throw new CxMetricsError({ code: "INVALID_INPUT", fn: this.fn, field: "header", value: columns, expected: "an array of column names" });
    }
    this.headerNames = columns;
    this.headerLines = 1;
    this.resolve(columns, true);
  }

  /** Resolves detected columns and array positions; with a real header, checks every mapped column is there. */
  private resolve(columns: readonly string[], check: boolean): void {
    this.resolved = true;
    const present = new Set(columns);
    for (const spec of this.specs) {
      for (const c of spec.columns) {
        if (c === undefined) continue;
        if (c.detect !== undefined) {
          const found = c.detect(columns);
          if (typeof found === "string" && present.has(found)) c.names = [found, ...c.names.filter((n) => n !== found)];
        }
        c.positions = c.names.map((n) => columns.indexOf(n));
        c.paths = c.names.map((n) => (n.includes(".") ? n.split(".") : null));
        if (check && !c.optional && c.names.length > 0 && !c.names.some((n) => present.has(n) || (n.includes(".") && present.has(n.split(".")[0] as string)))) {
          const shown = columns.length > 12 ? `${columns.slice(0, 12).join(", ")}, ... (${columns.length} in all)` : columns.join(", ");
          throw new CxMetricsError({
            code: "INVALID_INPUT",
            fn: this.fn,
            field: `columns.${c.field}`,
            value: c.names.length === 1 ? c.names[0] : c.names,
            expected: `a column of the input; columns found: ${shown || "none"}`,
          });
        }
        if (check && c.names.length === 0 && !c.optional) {
          throw new CxMetricsError({ code: "INVALID_INPUT", fn: this.fn, field: `columns.${c.field}`, value: undefined, expected: `a column the detect rule finds; columns found: ${columns.join(", ") || "none"}` });
        }
      }
    }
  }

  read(row: unknown, line?: number): RowRecords {
    const out = this.out;
    out.survey = undefined;
    out.contact = undefined;
    out.ticket = undefined;
    if (line !== undefined && !(Number.isInteger(line) && line >= 0)) throw new CxMetricsError({ code: "INVALID_INPUT", fn: this.fn, field: "line", value: line, expected: "a whole number, 0 or more" });
    let object: Record<string, unknown> | undefined;
    let array: readonly unknown[] | undefined;
    if (Array.isArray(row)) {
      if (this.headerNames === undefined) {
        // An array before any header is the header.
        this.header(row.map((c: unknown) => (typeof c === "number" ? String(c) : c)) as string[]);
        return out;
      }
      array = row;
    } else if (typeof row === "object" && row !== null) {
      object = row as Record<string, unknown>;
      if (!this.resolved) this.resolve(Object.keys(object), false);
    }
    const at = line ?? this.rows + this.firstLine + this.headerLines;
    this.rows++;
    if (object === undefined && array === undefined) {
      this.rejected++;
      const rejection: Rejection = { line: at, kind: this.specs[0]!.kind, field: "row", column: null, value: describeValue(row), reason: "a row: an object of cells or an array in header order" };
      if (!this.skipInvalid) this.throwRejection(rejection);
      this.rejections.push(rejection);
      return out;
    }
    let gave = false;
    let bad = false;
    let skips = 0;
    for (const spec of this.specs) {
      if (spec.skip !== undefined) {
        const reason = spec.skip(object ?? this.asObject(array as readonly unknown[]));
        if (typeof reason === "string" && reason !== "") {
          this.skippedBy[reason] = (this.skippedBy[reason] ?? 0) + 1;
          skips++;
          continue;
        }
      }
      const rejection = this.build(spec, object, array, at);
      if (rejection === null) {
        gave = true;
        spec.records++;
      } else {
        bad = true;
        if (!this.skipInvalid) this.throwRejection(rejection);
        this.rejections.push(rejection);
      }
    }
    if (bad) this.rejected++;
    else if (gave) this.accepted++;
    else if (skips > 0) this.skipped++;
    else this.accepted++;
    return out;
  }

  private asObject(array: readonly unknown[]): Record<string, unknown> {
    const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    (this.headerNames ?? []).forEach((n, j) => (o[n] = array[j]));
    return o;
  }

  private throwRejection(r: Rejection): never {
    const where = r.column === null ? `line ${r.line}` : `column "${r.column}", line ${r.line}`;
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: this.fn, field: `${r.kind}.${r.field} (${where})`, value: r.value, expected: r.reason });
  }

  /** Builds the spec's record into `out`, or returns why the row is rejected. */
  private build(spec: CompiledSpec, object: Record<string, unknown> | undefined, array: readonly unknown[] | undefined, line: number): Rejection | null {
    const values = this.values;
    const n = spec.fields.length;
    for (let f = 0; f < n; f++) {
      const c = spec.columns[f];
      if (c === undefined) {
        values[f] = undefined;
        continue;
      }
      if (c.type === "instants") {
        const list: number[] = [];
        for (let k = 0; k < c.names.length; k++) {
          const cell = this.cell(c, k, object, array);
          // A JSON array in one cell gives several instants.
          const cells: readonly unknown[] = Array.isArray(cell) ? cell : [cell];
          for (const one of cells) {
            const v = one === MISSING || one === null || one === undefined ? MISSING : this.convert(c, typeof one === "string" ? one.trim() : one, values);
            if (v === BAD) return this.reject(spec, c, c.names[k] ?? null, one, line);
            if (v !== MISSING) list.push(v as number);
          }
        }
        values[f] = list;
        continue;
      }
      let v: unknown = MISSING;
      for (let k = 0; k < c.names.length; k++) {
        const raw = this.cell(c, k, object, array);
        if (raw === MISSING) continue;
        v = this.convert(c, raw, values);
        if (v === BAD) return this.reject(spec, c, c.names[k] ?? null, raw, line);
        if (v !== MISSING) break;
      }
      values[f] = v === MISSING ? (NULLABLE.has(c.field) ? null : undefined) : v;
    }
    if (spec.required >= 0 && values[spec.required] == null) {
      const c = spec.columns[spec.required];
      this.why = undefined;
      return { line, kind: spec.kind, field: spec.fields[spec.required] as string, column: c?.names[0] ?? null, value: undefined, reason: `${spec.fields[spec.required] as string}, which a ${spec.kind} cannot do without` };
    }
    const record: Record<string, unknown> = {};
    for (let f = 0; f < n; f++) {
      const v = values[f];
      // Fields left unmapped stay absent; mapped ones are always set, so records share one shape.
      if (spec.columns[f] !== undefined) record[spec.fields[f] as string] = v;
    }
    this.out[spec.kind] = record as never;
    return null;
  }

  private reject(spec: CompiledSpec, c: Column, column: string | null, value: unknown, line: number): Rejection {
    const reason = this.why ?? TYPE_EXPECTED[c.type];
    this.why = undefined;
    // Cells are kept as read; objects and NaN are described instead, so a rejection is plain data.
    const shown = (typeof value === "object" && value !== null) || (typeof value === "number" && Number.isNaN(value)) ? describeValue(value) : value;
    return { line, kind: spec.kind, field: c.field, column, value: shown, reason };
  }

  /** The k-th alternative's cell, MISSING for an absent or missing-token cell, strings trimmed. */
  private cell(c: Column, k: number, object: Record<string, unknown> | undefined, array: readonly unknown[] | undefined): unknown {
    let v: unknown;
    if (array !== undefined) {
      const p = c.positions[k] as number;
      v = p < 0 ? undefined : array[p];
    } else {
      v = cellOf(object as Record<string, unknown>, c.names[k] as string, c.paths[k] ?? null);
    }
    if (v === undefined || v === null) return MISSING;
    if (typeof v === "string") {
      const t = v.trim();
      return this.missing.has(t) ? MISSING : t;
    }
    return v;
  }

  private convert(c: Column, raw: unknown, values: readonly unknown[]): unknown {
    let v = raw;
    if (c.values !== undefined) {
      const key = typeof v === "string" ? v.toLowerCase() : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
      if (key !== undefined) {
        const mapped = c.values.get(key);
        if (mapped === null) return MISSING;
        if (mapped !== undefined) v = mapped;
      }
    }
    switch (c.type) {
      case "id":
        return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? v : BAD;
      case "text":
        return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : BAD;
      case "instant":
      case "instants":
        if (c.after >= 0) {
          const base = values[c.after];
          const d = this.duration(v, c.unit ?? UNIT_MS.min);
          if (d === BAD) return BAD;
          return typeof base === "number" ? base + (d as number) : MISSING;
        }
        return this.instant(v);
      case "duration":
        return this.duration(v, c.unit ?? this.durationUnit);
      case "replies":
        return this.replies(v);
      case "score":
        return score(v);
      case "number":
        return number(v);
      case "count": {
        const x = number(v);
        return typeof x === "number" && Number.isInteger(x) && x >= 0 ? x : BAD;
      }
      case "boolean":
        if (typeof v === "boolean") return v;
        if (typeof v === "number") return v === 1 ? true : v === 0 ? false : BAD;
        if (typeof v === "string") {
          const w = v.toLowerCase();
          return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : BAD;
        }
        return BAD;
      case "status":
        return typeof v === "string" ? (STATUS_WORDS[v.toLowerCase()] ?? BAD) : BAD;
      case "surveyKind": {
        const w = typeof v === "string" ? v.toLowerCase() : "";
        return w === "transactional" || w === "relationship" ? w : BAD;
      }
    }
  }

  private replies(v: unknown): unknown {
    if (!Array.isArray(v)) return BAD;
    const out: { at: number; automated?: boolean; agentId?: string | number }[] = [];
    for (const reply of v) {
      if (typeof reply !== "object" || reply === null) return BAD;
      const { at, automated, agentId } = reply as Record<string, unknown>;
      const t = this.instant(typeof at === "string" ? at.trim() : at);
      if (t === BAD) return BAD;
      if (automated !== undefined && typeof automated !== "boolean") return BAD;
      if (agentId !== undefined && typeof agentId !== "string" && !(typeof agentId === "number" && Number.isFinite(agentId))) return BAD;
      out.push({ at: t, ...(automated === undefined ? {} : { automated }), ...(agentId === undefined ? {} : { agentId }) });
    }
    return out;
  }

  private instant(v: unknown): number | typeof BAD {
    try {
      if (v instanceof Date) return toEpochMs(v);
      let x = v;
      if (typeof x === "string" && NUMERIC.test(x)) x = Number(x);
      if (typeof x === "number") {
        if (this.epochUnit === undefined) {
          this.why = 'a date-time; numbers in time columns need epoch ("ms" or "s")';
          return BAD;
        }
        return toEpochMs(x, { epoch: this.epochUnit });
      }
      if (typeof x !== "string") return BAD;
      // A time with its offset needs no zone: read it directly (the common "...Z" by hand, fast).
      if (this.local !== undefined && !hasOffset(x)) return this.local(x);
      if (!hasOffset(x)) {
        this.why = "a date-time with an offset (Z, +02:00); local times need timeZone";
        return BAD;
      }
      return toEpochMs(x);
    } catch (e) {
      if (e instanceof CxMetricsError) return BAD;
      throw e;
    }
  }

  private duration(v: unknown, unit: number | undefined): number | typeof BAD {
    let ms: number;
    if (typeof v === "number" || (typeof v === "string" && NUMERIC.test(v))) {
      if (unit === undefined) {
        this.why = 'a duration with its unit; plain numbers need durationUnit ("ms", "s", "min" or "h")';
        return BAD;
      }
      ms = Number(v) * unit;
    } else if (typeof v === "string") {
      const clock = CLOCK.exec(v);
      if (clock !== null) {
        ms = (Number(clock[1]) * (clock[3] === undefined ? 60 : 3600) + Number(clock[2]) * (clock[3] === undefined ? 1 : 60) + Number(clock[3] ?? 0)) * 1000;
      } else {
        try {
          ms = durationMs(v);
        } catch (e) {
          if (e instanceof CxMetricsError) return BAD;
          throw e;
        }
      }
    } else {
      return BAD;
    }
    if (!(ms >= 0 && ms <= MAX_DURATION_MS)) return BAD;
    return Math.round(ms * 1000) / 1000;
  }

  summary(): IngestSummary {
    const records = { survey: 0, contact: 0, ticket: 0 };
    for (const s of this.specs) records[s.kind] += s.records;
    return { rows: this.rows, accepted: this.accepted, rejected: this.rejected, skipped: this.skipped, records, skippedBy: { ...this.skippedBy }, rejections: this.rejections.slice() };
  }
}

/** Whether an ISO-looking string ends with its offset: `Z`, `±hh:mm`, `±hhmm` or `±hh`. */
function hasOffset(x: string): boolean {
  const n = x.length;
  const last = x.charCodeAt(n - 1);
  if (last === 90 || last === 122) return true;
  const sign = (at: number): boolean => {
    const c = x.charCodeAt(at);
    return (c === 43 || c === 45) && at > 10;
  };
  return sign(n - 6) ? x.charCodeAt(n - 3) === 58 : sign(n - 5) || sign(n - 3);
}

function number(v: unknown): number | typeof BAD {
  if (typeof v === "number") return Number.isFinite(v) ? v : BAD;
  if (typeof v === "string" && NUMERIC.test(v)) {
    const x = Number(v);
    return Number.isFinite(x) ? x : BAD;
  }
  return BAD;
}

function score(v: unknown): number | typeof BAD {
  if (typeof v === "number") return Number.isInteger(v) ? v : BAD;
  if (typeof v !== "string") return BAD;
  if (NUMERIC.test(v)) {
    const x = Number(v);
    return Number.isInteger(x) ? x : BAD;
  }
  const m = LEADING_INTEGER.exec(v);
  return m === null ? BAD : Number(m[1]);
}

/**
 * Compiles a reader of rows for streams: see {@link RowReader}. The same conversions as
 * {@link readRows}.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a bad spec or option (an unknown field names
 * the nearest one); `header` throws `INVALID_INPUT` naming a mapped column the header lacks and the
 * columns it has; `read` with `onInvalid: "throw"` throws `INVALID_VALUE` for the first bad row.
 * @category Ingest
 * @example
 * ```ts
 * const reader = rowReader({ kind: "contact", columns: { arrived: "start", talk: "talk_s" } }, { durationUnit: "s", timeZone: "UTC" });
 * reader.read({ start: "2026-03-02 09:00", talk: "245" }).contact?.talk; // => 245000
 * ```
 */
export function rowReader(source: RowSource, options?: ReadOptions): RowReader {
  return new Reader("rowReader", source, options);
}

/**
 * Reads tabular rows (from a CSV parser, JSON lines, a database driver, a spreadsheet) into survey
 * answers, contacts and tickets.
 *
 * Each mapped cell is converted by its field's type: `""`, `"N/A"` and the other `missing` tokens
 * are missing (scores become `null`, never 0); numeric strings are numbers; scores take labels that
 * start with the number (`"10 - Extremely likely"`) and, in CSAT columns, the five satisfaction
 * words; times take ISO 8601 with an offset, local times in `timeZone` (DST handled as
 * {@link parseLocalTime} does), epoch numbers only with `epoch`; durations take `"hh:mm:ss"`,
 * `"245s"`/`"PT4M5S"`, and plain numbers only with a unit. Rows given as arrays take the first array
 * as the header.
 *
 * Every row is counted: accepted, rejected (with `onInvalid: "skip"`, listed with line, field,
 * column, value and reason) or skipped by a spec's `skip` (counted by reason).
 *
 * @throws {@link CxMetricsError} as {@link rowReader}; `INVALID_INPUT` when `rows` is not iterable.
 * @category Ingest
 * @example
 * ```ts
 * const { surveys, rejections } = readRows(
 *   [{ Score: "10 - Extremely likely", Date: "2026-03-02 09:41" }, { Score: "N/A", Date: "2026-03-02 10:00" }, { Score: "eleven", Date: "x" }],
 *   { kind: "survey", columns: { nps: "Score", respondedAt: "Date" } },
 *   { timeZone: "Europe/Berlin", onInvalid: "skip", firstLine: 2 },
 * );
 * surveys.map((s) => s.nps); // => [10, null]
 * rejections[0]?.line; // => 4
 * ```
 */
export function readRows(rows: Iterable<unknown>, source: RowSource, options?: ReadOptions): IngestResult {
  const fn = "readRows";
  const reader = new Reader(fn, source, options);
  if (rows === null || typeof rows !== "object" || typeof (rows as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "rows", value: rows, expected: `an array or another iterable of rows, not ${describeValue(rows)}` });
  }
  const surveys: SurveyResponse[] = [];
  const contacts: Contact[] = [];
  const tickets: Ticket[] = [];
  for (const row of rows) {
    const out = reader.read(row);
    if (out.survey !== undefined) surveys.push(out.survey);
    if (out.contact !== undefined) contacts.push(out.contact);
    if (out.ticket !== undefined) tickets.push(out.ticket);
  }
  return { surveys, contacts, tickets, ...reader.summary() };
}

const KIND_SIGNS: readonly (readonly [RecordKind, readonly string[]])[] = [
  ["survey", ["nps", "csat", "ces", "agentNps", "agentCsat"]],
  ["contact", ["arrived"]],
  ["ticket", ["created"]],
];

/**
 * A spec for rows whose columns already carry the record fields' names (`nps`, `respondedAt`,
 * `arrived`, `talk`...), as files written from cx-metrics records do: every field found in the
 * header is read from the column of that name. Without `kind`, the kind is told from the header:
 * survey answers have `nps`, `csat`, `ces`, `agentNps` or `agentCsat`; contacts `arrived`; tickets
 * `created`. Numbers in such files are in the library's units: give `{ epoch: "ms", durationUnit:
 * "ms" }` when reading them.
 *
 * @returns The spec, or `null` when the header names no field that tells the kind.
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a header that is not an array of strings;
 * `INVALID_OPTION` for an unknown kind.
 * @category Ingest
 * @example
 * ```ts
 * specFromHeader(["id", "nps", "respondedAt", "extra"]);
 * // => { kind: "survey", columns: { id: "id", respondedAt: "respondedAt", nps: "nps" } }
 * ```
 */
export function specFromHeader(header: readonly string[], kind?: RecordKind): RowSpec | null {
  const fn = "specFromHeader";
  if (!Array.isArray(header) || !header.every((h) => typeof h === "string")) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "header", value: header, expected: "an array of column names" });
  if (kind !== undefined && kind !== "survey" && kind !== "contact" && kind !== "ticket") throw optionError(fn, "kind", kind, '"survey", "contact" or "ticket"');
  const present = new Set(header);
  const k = kind ?? KIND_SIGNS.find(([, signs]) => signs.some((s) => present.has(s)))?.[0];
  if (k === undefined) return null;
  const columns: Record<string, string> = {};
  for (const [field] of FIELDS[k]) if (present.has(field)) columns[field] = field;
  return { kind: k, columns };
}
