/**
 * `sqlPlan`: compiles metrics to SQL that computes their sufficient statistics per group and local
 * period, and reads the rows back into the library's states and results.
 *
 * @internal
 * @module
 */
import { CxMetricsError, parseLocalTime, periodOf, type DurationState, type Period } from "cx-metrics";
import { dialectOf, numberLiteral, SQL_PERIOD_UNITS, type Dialect, type SqlDialect, type SqlInstants, type SqlPeriodUnit } from "./dialects.ts";
import { columnsFor, type ExactPercentiles, type SqlContext, type SqlMetric, type SqlReader, type SqlRowValues } from "./metrics.ts";

/**
 * Local periods for {@link sqlPlan}: which instant column places a row, the unit and the center's
 * zone, as `periodOf`'s options.
 *
 * @category SQL
 * @example
 * ```ts
 * const p: SqlPeriod = { column: "created_at", period: "week", timeZone: "Europe/Berlin" };
 * ```
 */
export interface SqlPeriod {
  /** The instant column that places each row in its period. */
  readonly column: string;
  /** The period unit (weeks are ISO weeks, Monday first). */
  readonly period: SqlPeriodUnit;
  /** The IANA zone the periods are local to, computed by the engine's own zone support. @defaultValue "UTC" */
  readonly timeZone?: string;
}

/**
 * Options of {@link sqlPlan}.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlPlanOptions = { dialect: "postgres", from: ["support", "calls"], by: ["team"], metrics: { aht: sqlAht() } };
 * ```
 */
export interface SqlPlanOptions<M extends Readonly<Record<string, SqlMetric>>> {
  /** The engine the SQL is written for. */
  readonly dialect: SqlDialect;
  /** The table or view: a name, or its path (`["schema", "table"]`, `["project", "dataset", "table"]`); quoted, never pasted. */
  readonly from: string | readonly string[];
  /** Columns to group by (agent, team, channel, ...), in order; their values come back as each group's `key`. */
  readonly by?: readonly string[];
  /** Local periods to group by. */
  readonly period?: SqlPeriod;
  /** The metrics, by the name their states and results are returned under. */
  readonly metrics: M;
  /** How instant columns are stored. @defaultValue "timestamp" */
  readonly instants?: SqlInstants;
  /** The unit of plain duration columns (AHT's components). @defaultValue "ms" */
  readonly durationUnit?: "ms" | "s";
  /** `"throw"`: a group with invalid values (an answer off the scale, an answer before arrival) is an error naming them; `"skip"`: they are counted in each result's `excluded`. @defaultValue "throw" */
  readonly onInvalid?: "throw" | "skip";
}

/**
 * One statement of a {@link SqlPlan}: run it as it is, and pass its rows to `read` in order.
 *
 * @category SQL
 * @example
 * ```ts
 * const q: SqlQuery = { name: "stats", text: "SELECT 1" };
 * ```
 */
export interface SqlQuery {
  /** `"stats"` (one row per group and period) or `"bins"` (the duration sketches' bins). */
  readonly name: "stats" | "bins";
  /** The SQL text: identifiers quoted, only numbers and the zone as literals. */
  readonly text: string;
}

/**
 * A group's key value as it comes back: the grouped column's value (a BIGINT as a number when it is a
 * safe integer).
 *
 * @category SQL
 * @example
 * ```ts
 * const key: SqlKey = "team-a";
 * ```
 */
export type SqlKey = string | number | boolean | null;

/**
 * The result type of a {@link SqlMetric}.
 *
 * @category SQL
 * @example
 * ```ts
 * type R = SqlResultOf<SqlMetric<NpsResult>>; // NpsResult
 * ```
 */
export type SqlResultOf<S> = S extends SqlMetric<infer R> ? R : never;

/**
 * One group and period of a {@link SqlResultSet}: its key values, period, rows, and each metric's
 * state (mergeable with states folded in JavaScript by the same metric) and result.
 *
 * @category SQL
 * @example
 * ```ts
 * const rows = (g: SqlGroup<{ nps: SqlMetric<NpsResult> }>) => g.rows;
 * ```
 */
export interface SqlGroup<M extends Readonly<Record<string, SqlMetric>>> {
  /** The values of the `by` columns, in order. */
  readonly key: readonly SqlKey[];
  /** The local period, from `periodOf` on the period's start (`null` without `period`). */
  readonly period: Period | null;
  /** Rows of the table in this group. */
  readonly rows: number;
  /** Each metric's state: its `metric` merges and reads it. Duration states hold a sketch. */
  readonly states: { readonly [K in keyof M]: unknown };
  /** Each metric's result; duration metrics' percentiles are SQL's exact type-7 ones. */
  readonly results: { readonly [K in keyof M]: SqlResultOf<M[K]> };
}

/**
 * What {@link SqlPlan.read} returns: the groups in the engine's order.
 *
 * @category SQL
 * @example
 * ```ts
 * const count = (r: SqlResultSet<{}>) => r.groups.length;
 * ```
 */
export interface SqlResultSet<M extends Readonly<Record<string, SqlMetric>>> {
  /** One entry per group and period. */
  readonly groups: readonly SqlGroup<M>[];
}

/**
 * A compiled plan: the statements to run and the reader of their rows.
 *
 * @category SQL
 * @example
 * ```ts
 * const texts = (plan: SqlPlan<{}>) => plan.queries.map((q) => q.text);
 * ```
 */
export interface SqlPlan<M extends Readonly<Record<string, SqlMetric>>> {
  /** The dialect the text is written in. */
  readonly dialect: SqlDialect;
  /** The statements, in the order `read` takes their rows. */
  readonly queries: readonly SqlQuery[];
  /** Reads the rows of each query (objects by column name, as drivers return them) into states and results. */
  read(rows: readonly (readonly unknown[])[]): SqlResultSet<M>;
}

const PLAN_KEYS = ["dialect", "from", "by", "period", "metrics", "instants", "durationUnit", "onInvalid"];
const PERIOD_KEYS = ["column", "period", "timeZone"];
const PERCENTILES = [0.5, 0.9, 0.95] as const;
/** Durations up to this are zeros in a sketch (as in the library's sketch). */
const MIN_INDEXABLE = 1e-9;

function bad(field: string, value: unknown, expected: string): CxMetricsError {
  return new CxMetricsError({ code: "INVALID_OPTION", fn: "sqlPlan", field, value, expected });
}

function checkKeys(value: unknown, known: readonly string[], field: string): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw bad(field, value, "an object");
  for (const key of Object.keys(value)) if (!known.includes(key)) throw bad(field === "options" ? key : `${field}.${key}`, (value as Record<string, unknown>)[key], `one of the known options: ${known.join(", ")}`);
  return value as Readonly<Record<string, unknown>>;
}

/** A duration part: its base column and aggregates' aliases. */
interface Part {
  readonly column: string;
  readonly alpha: number;
  readonly aliases: {
    count: string;
    sum: string;
    m2: string;
    min: string;
    max: string;
    met: string;
    zeros: string;
    /** One alias per percentile, or one holding the list of all three. */
    percentiles: readonly string[] | { readonly list: string };
    /** The alias of the bins' map (DuckDB), or null when the bins come from the second query. */
    histogram: string | null;
  };
}

/**
 * Compiles metrics to SQL for a table: per group (`by`) and local period, each metric's sufficient
 * statistics (counts per scale point, counts of outcomes, sums, Σ(x - mean)² as `VAR_POP · COUNT`,
 * bounds, counts within target, type-7 percentiles by the engine's `percentile_cont`, DDSketch bins);
 * `read` turns the rows into the library's states and results, so intervals, comparisons, trends and
 * shrinkage run on them as on states folded in JavaScript. Identifiers are quoted and no value of
 * the caller's is pasted into the text but the validated zone, quoted.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({
 *   dialect: "duckdb",
 *   from: "answers",
 *   by: ["team"],
 *   period: { column: "answered_at", period: "month", timeZone: "Europe/Berlin" },
 *   metrics: { nps: sqlNps({ columns: { value: "ltr" } }) },
 * });
 * plan.queries[0]!.text.startsWith("WITH");
 * // => true
 * ```
 */
export function sqlPlan<const M extends Readonly<Record<string, SqlMetric>>>(options: SqlPlanOptions<M>): SqlPlan<M> {
  const o = checkKeys(options, PLAN_KEYS, "options");
  const d = dialectOf(o["dialect"]);
  const instants = o["instants"] ?? "timestamp";
  if (instants !== "timestamp" && instants !== "epoch-ms") throw bad("instants", instants, '"timestamp" or "epoch-ms"');
  const unit = o["durationUnit"] ?? "ms";
  if (unit !== "ms" && unit !== "s") throw bad("durationUnit", unit, '"ms" or "s"');
  const onInvalid = o["onInvalid"] ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "skip") throw bad("onInvalid", onInvalid, '"throw" or "skip"');
  const fromValue = o["from"];
  const path = typeof fromValue === "string" ? [fromValue] : fromValue;
  if (!Array.isArray(path) || path.length === 0) throw bad("from", fromValue, "a table name or a path of names");
  const from = path.map((name: unknown, i) => d.ident(name as string, "sqlPlan", `from[${i}]`)).join(".");
  const byValue = o["by"] ?? [];
  if (!Array.isArray(byValue)) throw bad("by", byValue, "an array of column names");
  const by = byValue.map((c: unknown, i) => d.ident(c as string, "sqlPlan", `by[${i}]`));
  let period: { expr: string; unit: SqlPeriodUnit; timeZone: string } | null = null;
  if (o["period"] !== undefined) {
    const p = checkKeys(o["period"], PERIOD_KEYS, "period");
    const u = p["period"];
    if (!SQL_PERIOD_UNITS.includes(u as SqlPeriodUnit)) throw bad("period.period", u, `one of ${SQL_PERIOD_UNITS.join(", ")} (half-years and other week starts are not compiled)`);
    const timeZone = p["timeZone"] ?? "UTC";
    if (typeof timeZone !== "string") throw bad("period.timeZone", timeZone, "an IANA time zone name");
    periodOf(0, { period: "day", timeZone }); // the zone is checked by the library's own validation
    period = { expr: d.localStart(d.ident(p["column"] as string, "sqlPlan", "period.column"), instants, u as SqlPeriodUnit, timeZone), unit: u as SqlPeriodUnit, timeZone };
  }
  const metrics = o["metrics"];
  if (metrics === null || typeof metrics !== "object" || Array.isArray(metrics) || Object.keys(metrics).length === 0) throw bad("metrics", metrics, "an object of one or more metrics from sqlNps, sqlAht, ...");

  // Each metric writes its aggregates through the context; aliases are positional, so the names of
  // the caller's metrics never reach the SQL text.
  const aggregates: string[] = [];
  const parts: Part[] = [];
  const alias = (expr: string, cast: boolean): string => {
    const name = `__cx_a${aggregates.length}`;
    aggregates.push(`${cast ? `CAST(${expr} AS ${d.double})` : expr} AS ${d.ident(name, "sqlPlan", "alias")}`);
    return name;
  };
  const readers: { name: string; spec: SqlMetric; reader: SqlReader<unknown> }[] = [];
  for (const name of Object.keys(metrics)) {
    const spec = (metrics as Record<string, unknown>)[name] as SqlMetric;
    if (spec === null || typeof spec !== "object" || typeof spec.compile !== "function") throw bad(`metrics.${name}`, spec, "a metric from sqlNps, sqlCsat, sqlCes, sqlFcr, sqlOneTouch, sqlAht, sqlQueue, sqlFrt or sqlArt");
    const columns = columnsFor(spec);
    // A field mapped to null has no column (an optional field: abandoned, reopens): it reads as NULL.
    const column = (field: string): string => (columns[field] === null ? "NULL" : d.ident(columns[field] ?? field, "sqlPlan", `metrics.${name}.columns.${field}`));
    const ctx: SqlContext = {
      column,
      instant: (field) => d.epochMs(column(field), instants),
      duration: (field) => (unit === "s" ? `(${column(field)} * 1000)` : column(field)),
      aggregate: (expr) => alias(expr, true),
      count: (condition) => alias(`COUNT(CASE WHEN ${condition} THEN 1 END)`, true),
      list: (expr, condition) => alias(d.list(`CAST(${expr} AS ${d.double})`, condition), false),
      number: (x) => numberLiteral(d, x),
      durations: (value, target, alpha) => {
        const col = d.ident(`__cx_d${parts.length}`, "sqlPlan", "alias");
        const c = `${col}`;
        const aliases = {
          count: alias(`COUNT(${c})`, true),
          sum: alias(`SUM(${c})`, true),
          m2: alias(`VAR_POP(${c}) * COUNT(${c})`, true),
          min: alias(`MIN(${c})`, true),
          max: alias(`MAX(${c})`, true),
          met: alias(`COUNT(CASE WHEN ${c} <= ${numberLiteral(d, Number.isFinite(target) ? target : Number.MAX_VALUE)} THEN 1 END)`, true),
          zeros: alias(`COUNT(CASE WHEN ${c} <= ${numberLiteral(d, MIN_INDEXABLE)} THEN 1 END)`, true),
          percentiles: d.windowPercentiles
            ? PERCENTILES.map((_, k) => alias(`ANY_VALUE(${d.ident(`__cx_d${parts.length}_p${k}`, "sqlPlan", "alias")})`, true))
            : d.percentileList(c, PERCENTILES) !== null
              ? { list: alias(d.percentileList(c, PERCENTILES) as string, false) }
              : PERCENTILES.map((q) => alias(d.percentile(c, q), true)),
          histogram: ((): string | null => {
            // LN's argument is kept positive for the rows the filter drops (DuckDB evaluates it before filtering).
            const h = d.histogram(`CAST(${binOf(d, `GREATEST(${c}, ${numberLiteral(d, MIN_INDEXABLE)})`, alpha)} AS INTEGER)`, `${c} > ${numberLiteral(d, MIN_INDEXABLE)}`);
            return h === null ? null : alias(h, false);
          })(),
        };
        parts.push({ column: value, alpha, aliases });
        return parts.length - 1;
      },
    };
    readers.push({ name, spec, reader: spec.compile(ctx) });
  }

  const keyCols = by.map((_, i) => d.ident(`__cx_k${i}`, "sqlPlan", "alias"));
  const periodCol = d.ident("__cx_period", "sqlPlan", "alias");
  const groupCols = [...keyCols, ...(period === null ? [] : [periodCol])];
  const baseCols = [
    ...by.map((c, i) => `${c} AS ${keyCols[i]}`),
    ...(period === null ? [] : [`${period.expr} AS ${periodCol}`]),
    ...parts.map((p, i) => `CAST(${p.column} AS ${d.double}) AS ${d.ident(`__cx_d${i}`, "sqlPlan", "alias")}`),
  ];
  let base = `WITH ${d.ident("__cx_base", "sqlPlan", "alias")} AS (SELECT *${baseCols.map((c) => `, ${c}`).join("")} FROM ${from})`;
  let source = d.ident("__cx_base", "sqlPlan", "alias");
  const statsBase = base;
  if (d.windowPercentiles && parts.length > 0) {
    const windows = parts.flatMap((_, i) => PERCENTILES.map((q, k) => `${d.percentileWindow(d.ident(`__cx_d${i}`, "sqlPlan", "alias"), q, groupCols.join(", "))} AS ${d.ident(`__cx_d${i}_p${k}`, "sqlPlan", "alias")}`));
    base = `${statsBase}, ${d.ident("__cx_windowed", "sqlPlan", "alias")} AS (SELECT *, ${windows.join(", ")} FROM ${source})`;
    source = d.ident("__cx_windowed", "sqlPlan", "alias");
  }
  const groupBy = groupCols.length === 0 ? "" : ` GROUP BY ${groupCols.join(", ")} ORDER BY ${groupCols.join(", ")}`;
  const stats = `${base} SELECT ${[...groupCols, `CAST(COUNT(*) AS ${d.double}) AS ${d.ident("__cx_rows", "sqlPlan", "alias")}`, ...aggregates].join(", ")} FROM ${source}${groupBy}`;
  const queries: SqlQuery[] = [{ name: "stats", text: stats }];
  if (parts.length > 0 && d.histogram("", "") === null) {
    const branches = parts.map((p, i) => {
      const c = d.ident(`__cx_d${i}`, "sqlPlan", "alias");
      // Grouped by the output alias (accepted by all four dialects), so the bin is written once.
      const bin = binOf(d, c, p.alpha);
      return `SELECT ${[...groupCols, `CAST(${i} AS ${d.double}) AS ${d.ident("__cx_part", "sqlPlan", "alias")}`, `CAST(${bin} AS ${d.double}) AS ${d.ident("__cx_bin", "sqlPlan", "alias")}`, `CAST(COUNT(*) AS ${d.double}) AS ${d.ident("__cx_n", "sqlPlan", "alias")}`].join(", ")} FROM ${d.ident("__cx_base", "sqlPlan", "alias")} WHERE ${c} > ${numberLiteral(d, MIN_INDEXABLE)} GROUP BY ${[...groupCols, d.ident("__cx_bin", "sqlPlan", "alias")].join(", ")}`;
    });
    queries.push({ name: "bins", text: `${statsBase} ${branches.join(" UNION ALL ")}` });
  }

  const read = (results: readonly (readonly unknown[])[]): SqlResultSet<M> => {
    if (!Array.isArray(results) || results.length !== queries.length) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", field: "rows", value: results, expected: `the rows of the plan's ${queries.length} queries, in order` });
    const statsRows = results[0] as readonly unknown[];
    const binRows = (results[1] ?? []) as readonly unknown[];
    if (!Array.isArray(statsRows) || !Array.isArray(binRows)) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", field: "rows", value: results, expected: "arrays of rows" });
    const groupKey = (row: Record<string, unknown>, index: number, q: string): { key: SqlKey[]; text: string | null; id: string } => {
      const key = by.map((_, i) => keyValue(row[`__cx_k${i}`], index, `${q}: by[${i}]`));
      const text = period === null ? null : (row["__cx_period"] as string | null);
      if (period !== null && typeof text !== "string") throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: `${q}: period`, value: text, expected: "the period's local start as text YYYY-MM-DD HH:MM:SS (a NULL period column?)" });
      return { key, text, id: JSON.stringify([key, text]) };
    };
    // Bins by group, then by part.
    const bins = new Map<string, { bin: number; n: number }[][]>();
    binRows.forEach((raw, index) => {
      const row = rowObject(raw, index, "bins");
      const { id } = groupKey(row, index, "bins");
      const part = numberOf(row["__cx_part"], index, "bins: part");
      let list = bins.get(id);
      if (list === undefined) bins.set(id, (list = parts.map(() => [])));
      const slot = list[part];
      if (slot === undefined) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "bins: part", value: part, expected: `a part from 0 to ${parts.length - 1}` });
      slot.push({ bin: numberOf(row["__cx_bin"], index, "bins: bin"), n: numberOf(row["__cx_n"], index, "bins: count") });
    });
    const groups = statsRows.map((raw, index): SqlGroup<M> => {
      const row = rowObject(raw, index, "stats");
      const { key, text, id } = groupKey(row, index, "stats");
      const own = bins.get(id);
      const values: SqlRowValues = {
        number: (a) => {
          const v = row[a];
          return v === null || v === undefined ? 0 : numberOf(v, index, `stats: ${a}`);
        },
        list: (a) => {
          const v = row[a];
          if (v === null || v === undefined) return [];
          const items = Array.isArray(v) ? v : typeof (v as { items?: unknown }).items === "object" ? (v as { items: unknown[] }).items : null;
          if (!Array.isArray(items)) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: `stats: ${a}`, value: v, expected: "a list of numbers" });
          return items.map((x) => numberOf(x, index, `stats: ${a}`));
        },
        durations: (p, state) => {
          const part = parts[p] as Part;
          return fillDurations(state, part, part.aliases.histogram === null ? (own?.[p] ?? []) : histogramOf(row[part.aliases.histogram], index), values, index);
        },
      };
      const states: Record<string, unknown> = {};
      const out: Record<string, unknown> = {};
      for (const { name, spec, reader } of readers) {
        const invalid = (field: string, count: number): void => {
          if (onInvalid === "skip") return;
          throw new CxMetricsError({
            code: "INVALID_VALUE",
            fn: `sqlPlan.read (${name})`,
            index,
            field: `${field}${key.length > 0 ? ` of group ${JSON.stringify(key)}` : ""}${text === null ? "" : ` in ${text}`}`,
            value: count,
            expected: `no invalid rows (${count} found by the SQL; onInvalid: "skip" counts them in excluded)`,
          });
        };
        const { state, result } = reader.read(values, invalid);
        // The library's own check of a state: merged into an empty one, as every state that arrives.
        spec.metric.merge(spec.metric.init() as never, state as never);
        states[name] = state;
        out[name] = result;
      }
      const periodValue = period === null || text === null ? null : periodOf(parseLocalTime(text, { timeZone: period.timeZone }), { period: period.unit, timeZone: period.timeZone });
      return { key, period: periodValue, rows: values.number("__cx_rows"), states: states as SqlGroup<M>["states"], results: out as SqlGroup<M>["results"] };
    });
    return { groups };
  };
  return Object.freeze({ dialect: d.name, queries: Object.freeze(queries), read });
}

/** The sketch bin of a duration column: ⌈ln x / ln γ⌉ with ln γ written to the last bit, as the library's sketch computes it. */
function binOf(d: Dialect, column: string, alpha: number): string {
  return `CEIL(LN(${column}) / ${numberLiteral(d, Math.log((1 + alpha) / (1 - alpha)))})`;
}

/** A row as an object of columns. */
function rowObject(raw: unknown, index: number, q: string): Record<string, unknown> {
  if (raw === null || typeof raw !== "object") throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: `${q}: row`, value: raw, expected: "a row object (column name to value), as drivers return" });
  return raw as Record<string, unknown>;
}

/** A number from a driver: a number, a safe bigint, or numeric text (PostgreSQL's numeric). */
function numberOf(v: unknown, index: number, field: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(-Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field, value: v, expected: "a finite number (a number, a safe BIGINT or numeric text)" });
}

/** DuckDB's histogram map as bins: `[{ key, value }]` entries (the node API's form), or a plain object. */
function histogramOf(v: unknown, index: number): { bin: number; n: number }[] {
  if (v === null || v === undefined) return [];
  const entries = Array.isArray(v) ? v : typeof v === "object" ? Object.entries(v as object).map(([key, value]) => ({ key, value })) : null;
  if (entries === null) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "bins", value: v, expected: "a map of bin to count" });
  return entries.map((e: unknown) => {
    const { key, value } = (e ?? {}) as { key?: unknown; value?: unknown };
    return { bin: numberOf(key, index, "bins: bin"), n: numberOf(value, index, "bins: count") };
  });
}

/** A key value from a driver: text, a number, a boolean or NULL. */
function keyValue(v: unknown, index: number, field: string): SqlKey {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number" || typeof v === "bigint") return numberOf(v, index, field);
  throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field, value: v, expected: "a text, number or boolean key (cast other types to text in a view)" });
}

/** Fills an empty sketch {@link DurationState} from a part's aggregates and bins; returns the exact percentiles. */
function fillDurations(state: DurationState, part: Part, bins: readonly { bin: number; n: number }[], row: SqlRowValues, index: number): ExactPercentiles {
  const a = part.aliases;
  const n = row.number(a.count);
  const sketch = state.sketch;
  if (sketch === null) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "durations", value: state, expected: "a sketch duration state" });
  state.count = n;
  state.sum = row.number(a.sum);
  state.compensation = 0;
  state.met = row.number(a.met);
  if (n === 0) return { median: null, p90: null, p95: null };
  sketch.zeros = row.number(a.zeros);
  sketch.min = row.number(a.min);
  sketch.max = row.number(a.max);
  sketch.mean = state.sum / n;
  sketch.m2 = Math.max(0, row.number(a.m2));
  let lo = Infinity;
  let hi = -Infinity;
  let total = sketch.zeros;
  for (const b of bins) {
    if (!Number.isSafeInteger(b.bin)) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "bins: bin", value: b.bin, expected: "a whole bin index" });
    lo = Math.min(lo, b.bin);
    hi = Math.max(hi, b.bin);
    total += b.n;
  }
  if (total !== n) {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "bins", value: total, expected: `bins adding up to the ${n} durations of the stats query (run both queries on one snapshot: in one transaction, or on a table that does not change between them)` });
  }
  if (bins.length > 0) {
    sketch.offset = lo;
    sketch.bins = new Float64Array(hi - lo + 1);
    for (const b of bins) sketch.bins[b.bin - lo]! += b.n;
  }
  const ps = Array.isArray(a.percentiles) ? a.percentiles.map((p) => row.number(p)) : row.list((a.percentiles as { list: string }).list);
  if (ps.length !== 3) throw new CxMetricsError({ code: "INVALID_VALUE", fn: "sqlPlan.read", index, field: "percentiles", value: ps, expected: "the median, p90 and p95" });
  return { median: ps[0] as number, p90: ps[1] as number, p95: ps[2] as number };
}

export type { Dialect };
