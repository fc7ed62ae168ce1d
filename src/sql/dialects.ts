/**
 * The SQL dialects `sqlPlan` writes: quoting, types, instants, local periods and percentiles for
 * DuckDB, PostgreSQL, BigQuery and Snowflake. Internal to the `cx-metrics/sql` entry.
 *
 * @internal
 * @module
 */
import { CxMetricsError } from "cx-metrics";

/**
 * A SQL engine `sqlPlan` writes for: `"duckdb"` (the embedded default), `"postgres"` (PostgreSQL 14
 * or later, PGlite), `"bigquery"` (GoogleSQL) or `"snowflake"`.
 *
 * @category SQL
 * @example
 * ```ts
 * const dialect: SqlDialect = "postgres";
 * ```
 */
export type SqlDialect = "duckdb" | "postgres" | "bigquery" | "snowflake";

/** Every {@link SqlDialect}. @internal */
export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "postgres", "bigquery", "snowflake"];

/**
 * How instant columns are stored: `"timestamp"` (a timestamp with time zone: DuckDB and PostgreSQL
 * `TIMESTAMPTZ`, BigQuery `TIMESTAMP`, Snowflake `TIMESTAMP_TZ`/`TIMESTAMP_LTZ`) or `"epoch-ms"`
 * (numbers of milliseconds since 1970-01-01T00:00Z).
 *
 * @category SQL
 * @example
 * ```ts
 * const instants: SqlInstants = "epoch-ms";
 * ```
 */
export type SqlInstants = "timestamp" | "epoch-ms";

/**
 * The local periods SQL can cut in the center's zone: the period units of `periodOf` but `"half"`,
 * weeks being ISO weeks (Monday to Sunday).
 *
 * @category SQL
 * @example
 * ```ts
 * const unit: SqlPeriodUnit = "week";
 * ```
 */
export type SqlPeriodUnit = "hour" | "day" | "week" | "month" | "quarter" | "year";

/** Every {@link SqlPeriodUnit}. @internal */
export const SQL_PERIOD_UNITS: readonly SqlPeriodUnit[] = ["hour", "day", "week", "month", "quarter", "year"];

/** What differs between engines, as functions from SQL text to SQL text. @internal */
export interface Dialect {
  readonly name: SqlDialect;
  /** A quoted identifier (a column, table or alias name). */
  ident(name: string, fn: string, field: string): string;
  /** A quoted string literal. */
  string(value: string): string;
  /** The double-precision type's name. */
  readonly double: string;
  /** Epoch milliseconds of an instant column (a number, exact for whole milliseconds). */
  epochMs(column: string, instants: SqlInstants): string;
  /** The local start of the period holding an instant column, as text `YYYY-MM-DD HH:MM:SS`. */
  localStart(column: string, instants: SqlInstants, unit: SqlPeriodUnit, zone: string): string;
  /** Whether type-7 percentiles are window functions only (BigQuery): computed in a CTE, read by ANY_VALUE. */
  readonly windowPercentiles: boolean;
  /** The type-7 percentile aggregate of `expr` (not for window dialects). */
  percentile(expr: string, p: number): string;
  /** The type-7 percentile window of `expr` over `partition` (window dialects). */
  percentileWindow(expr: string, p: number, partition: string): string;
  /** The sorted list of non-null values of `expr` where `condition` holds. */
  list(expr: string, condition: string): string;
  /** The type-7 percentiles `ps` of `expr` as one list from one sort, where the engine has that form; else null. */
  percentileList(expr: string, ps: readonly number[]): string | null;
  /** Counts per distinct value of `expr` where `condition` holds as one map (DuckDB's `histogram`), so the sketch's bins come with the stats; else null (a second query). */
  histogram(expr: string, condition: string): string | null;
}

/** A finite number as a SQL literal of the double type (shortest round-trip text: the same double). @internal */
export function numberLiteral(d: Dialect, x: number): string {
  if (!Number.isFinite(x)) throw new CxMetricsError({ code: "INVALID_OPTION", fn: "sqlPlan", field: "number", value: x, expected: "a finite number" });
  return `CAST(${String(x)} AS ${d.double})`;
}

/** Refuses names SQL cannot hold safely in any quoting: empty, NUL or other control characters. */
function checkName(name: string, fn: string, field: string, extra?: RegExp): void {
  // eslint-disable-next-line no-control-regex
  if (typeof name !== "string" || name.length === 0 || /[\u0000-\u001f\u007f]/.test(name) || (extra !== undefined && extra.test(name))) {
    throw new CxMetricsError({
      code: "INVALID_OPTION",
      fn,
      field,
      value: name,
      expected: extra === undefined ? "a column or table name: a non-empty string without control characters" : "a column or table name: a non-empty string without control characters, backticks or backslashes (BigQuery)",
    });
  }
}

/** `"name"` with inner quotes doubled: the SQL standard's delimited identifier. */
function doubleQuoted(name: string, fn: string, field: string): string {
  checkName(name, fn, field);
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'` with inner quotes doubled (standard strings: backslashes are ordinary characters). */
function standardString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `'text'` for engines where a backslash escapes (BigQuery, Snowflake): backslashes and quotes escaped, control characters as \u escapes. */
function escapedString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => (c === "\\" ? "\\\\" : c === "'" ? "\\'" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))}'`;
}

const duckdb: Dialect = {
  name: "duckdb",
  ident: doubleQuoted,
  string: standardString,
  double: "DOUBLE",
  epochMs: (c, instants) => (instants === "epoch-ms" ? c : `epoch_ms(${c})`),
  localStart: (c, instants, unit, zone) => `strftime(date_trunc('${unit}', timezone(${standardString(zone)}, ${instants === "epoch-ms" ? `to_timestamp(${c} / 1000.0)` : c})), '%Y-%m-%d %H:%M:%S')`,
  windowPercentiles: false,
  percentile: (e, p) => `quantile_cont(${e}, ${p})`,
  percentileWindow: () => "",
  list: (e, cond) => `list(${e} ORDER BY ${e}) FILTER (WHERE ${cond})`,
  percentileList: (e, ps) => `quantile_cont(${e}, [${ps.join(", ")}])`,
  histogram: (e, cond) => `histogram(${e}) FILTER (WHERE ${cond})`,
};

const postgres: Dialect = {
  name: "postgres",
  ident: doubleQuoted,
  string: standardString,
  double: "DOUBLE PRECISION",
  epochMs: (c, instants) => (instants === "epoch-ms" ? c : `(EXTRACT(EPOCH FROM ${c}) * 1000)`),
  localStart: (c, instants, unit, zone) => `to_char(date_trunc('${unit}', (${instants === "epoch-ms" ? `to_timestamp(${c} / 1000.0)` : c}) AT TIME ZONE ${standardString(zone)}), 'YYYY-MM-DD HH24:MI:SS')`,
  windowPercentiles: false,
  percentile: (e, p) => `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${e})`,
  percentileWindow: () => "",
  list: (e, cond) => `array_agg(${e} ORDER BY ${e}) FILTER (WHERE ${cond})`,
  percentileList: (e, ps) => `percentile_cont(ARRAY[${ps.join(", ")}]::DOUBLE PRECISION[]) WITHIN GROUP (ORDER BY ${e})`,
  histogram: () => null,
};

const BIGQUERY_UNITS: Readonly<Record<SqlPeriodUnit, string>> = { hour: "HOUR", day: "DAY", week: "ISOWEEK", month: "MONTH", quarter: "QUARTER", year: "YEAR" };

const bigquery: Dialect = {
  name: "bigquery",
  ident: (name, fn, field) => {
    checkName(name, fn, field, /[`\\]/);
    return `\`${name}\``;
  },
  string: escapedString,
  double: "FLOAT64",
  epochMs: (c, instants) => (instants === "epoch-ms" ? c : `UNIX_MILLIS(${c})`),
  localStart: (c, instants, unit, zone) =>
    `FORMAT_DATETIME('%Y-%m-%d %H:%M:%S', DATETIME_TRUNC(DATETIME(${instants === "epoch-ms" ? `TIMESTAMP_MILLIS(CAST(${c} AS INT64))` : c}, ${escapedString(zone)}), ${BIGQUERY_UNITS[unit]}))`,
  windowPercentiles: true,
  percentile: () => "",
  percentileWindow: (e, p, partition) => `PERCENTILE_CONT(${e}, ${p}) OVER (${partition === "" ? "" : `PARTITION BY ${partition}`})`,
  list: (e, cond) => `ARRAY_AGG(IF(${cond}, ${e}, NULL) IGNORE NULLS ORDER BY ${e})`,
  percentileList: () => null,
  histogram: () => null,
};

const snowflake: Dialect = {
  name: "snowflake",
  ident: doubleQuoted,
  string: escapedString,
  double: "DOUBLE",
  epochMs: (c, instants) => (instants === "epoch-ms" ? c : `DATE_PART(EPOCH_MILLISECOND, ${c})`),
  localStart: (c, instants, unit, zone) => `TO_CHAR(DATE_TRUNC('${unit}', CONVERT_TIMEZONE(${escapedString(zone)}, ${instants === "epoch-ms" ? `TO_TIMESTAMP_TZ(${c}, 3)` : c})), 'YYYY-MM-DD HH24:MI:SS')`,
  windowPercentiles: false,
  percentile: (e, p) => `PERCENTILE_CONT(${p}) WITHIN GROUP (ORDER BY ${e})`,
  percentileWindow: () => "",
  list: (e, cond) => `ARRAY_AGG(CASE WHEN ${cond} THEN ${e} END) WITHIN GROUP (ORDER BY ${e})`,
  percentileList: () => null,
  histogram: () => null,
};

/** The dialect named `name`. @internal */
export function dialectOf(name: unknown): Dialect {
  switch (name) {
    case "duckdb":
      return duckdb;
    case "postgres":
      return postgres;
    case "bigquery":
      return bigquery;
    case "snowflake":
      return snowflake;
    default:
      throw new CxMetricsError({ code: "INVALID_OPTION", fn: "sqlPlan", field: "dialect", value: name, expected: `one of ${SQL_DIALECTS.map((d) => `"${d}"`).join(", ")}` });
  }
}
