/**
 * `cx-metrics/sql`: the headline metrics compiled to SQL for DuckDB, PostgreSQL, BigQuery and
 * Snowflake. The SQL computes each metric's sufficient statistics per group and local period; the
 * rows come back into the library's states and results. No driver is loaded: run the text with
 * yours (`duckdbRunner` and `postgresRunner` adapt the usual ones without importing them).
 *
 * @module
 */
import { CxMetricsError } from "cx-metrics";
import type { SqlMetric } from "./metrics.ts";
import type { SqlPlan, SqlResultSet } from "./plan.ts";

export type { SqlDialect, SqlInstants, SqlPeriodUnit } from "./dialects.ts";
export {
  sqlAht,
  sqlArt,
  sqlCes,
  sqlCsat,
  sqlFcr,
  sqlFrt,
  sqlNps,
  sqlOneTouch,
  sqlQueue,
  type SqlAhtColumns,
  type SqlAhtOptions,
  type SqlArtColumns,
  type SqlArtOptions,
  type SqlCesOptions,
  type SqlCsatOptions,
  type SqlFcrColumns,
  type SqlFcrOptions,
  type SqlFrtColumns,
  type SqlFrtOptions,
  type SqlMetric,
  type SqlNpsOptions,
  type SqlOneTouchColumns,
  type SqlOneTouchOptions,
  type SqlQueueColumns,
  type SqlQueueOptions,
  type SqlRatingColumns,
} from "./metrics.ts";
export { sqlPlan, type SqlResultOf, type SqlGroup, type SqlKey, type SqlPeriod, type SqlPlan, type SqlPlanOptions, type SqlQuery, type SqlResultSet } from "./plan.ts";

/**
 * Runs one statement and returns its rows as objects by column name: what {@link runSql} calls.
 *
 * @category SQL
 * @example
 * ```ts
 * const run: SqlRunner = async (text) => [{ text }];
 * ```
 */
export type SqlRunner = (text: string) => Promise<readonly unknown[]> | readonly unknown[];

/**
 * Runs a plan's statements one after the other with `run` and reads the rows. For a table that
 * changes while it runs, run both in one transaction (or on a snapshot): `read` checks that the bins
 * add up to the stats query's counts and says so when they do not.
 *
 * @category SQL
 * @example
 * ```ts
 * const result = await runSql(plan, duckdbRunner(connection));
 * result.groups[0]?.results.nps.score?.value;
 * ```
 */
export async function runSql<M extends Readonly<Record<string, SqlMetric>>>(plan: SqlPlan<M>, run: SqlRunner): Promise<SqlResultSet<M>> {
  if (plan === null || typeof plan !== "object" || !Array.isArray(plan.queries) || typeof plan.read !== "function") {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "runSql", field: "plan", value: plan, expected: "a plan from sqlPlan" });
  }
  if (typeof run !== "function") throw new CxMetricsError({ code: "INVALID_VALUE", fn: "runSql", field: "run", value: run, expected: "a function from SQL text to rows" });
  const rows: (readonly unknown[])[] = [];
  for (const query of plan.queries) rows.push(await run(query.text));
  return plan.read(rows);
}

/**
 * The part of a `@duckdb/node-api` connection {@link duckdbRunner} uses.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: DuckDBConnectionLike = await (await DuckDBInstance.create()).connect();
 * ```
 */
export interface DuckDBConnectionLike {
  /** Runs a statement and reads all its rows. */
  runAndReadAll(sql: string): Promise<DuckDBReaderLike>;
}

/**
 * The part of a `@duckdb/node-api` result reader {@link duckdbRunner} uses.
 *
 * @category SQL
 * @example
 * ```ts
 * const reader: DuckDBReaderLike = { getRowObjectsJS: () => [] };
 * ```
 */
export interface DuckDBReaderLike {
  /** The rows as objects of JavaScript values (BIGINT as bigint, lists as arrays). */
  getRowObjectsJS(): readonly unknown[];
}

/**
 * A {@link SqlRunner} over a `@duckdb/node-api` connection (duck-typed: the package is not imported).
 *
 * @category SQL
 * @example
 * ```ts
 * const result = await runSql(plan, duckdbRunner(await instance.connect()));
 * ```
 */
export function duckdbRunner(connection: DuckDBConnectionLike): SqlRunner {
  if (connection === null || typeof connection !== "object" || typeof connection.runAndReadAll !== "function") {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "duckdbRunner", field: "connection", value: connection, expected: "a @duckdb/node-api connection (with runAndReadAll)" });
  }
  return async (text) => (await connection.runAndReadAll(text)).getRowObjectsJS();
}

/**
 * The part of a PostgreSQL client {@link postgresRunner} uses: `pg`'s `Client` and `Pool`, PGlite.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: PostgresClientLike = new PGlite();
 * ```
 */
export interface PostgresClientLike {
  /** Runs a statement; the rows come back as objects. */
  query(sql: string): Promise<PostgresResultLike>;
}

/**
 * The part of a PostgreSQL query result {@link postgresRunner} uses.
 *
 * @category SQL
 * @example
 * ```ts
 * const result: PostgresResultLike = { rows: [] };
 * ```
 */
export interface PostgresResultLike {
  /** The rows as objects by column name. */
  readonly rows: readonly unknown[];
}

/**
 * A {@link SqlRunner} over a PostgreSQL client (`pg`, PGlite; duck-typed: nothing is imported).
 *
 * @category SQL
 * @example
 * ```ts
 * const result = await runSql(plan, postgresRunner(new PGlite()));
 * ```
 */
export function postgresRunner(client: PostgresClientLike): SqlRunner {
  if (client === null || typeof client !== "object" || typeof client.query !== "function") {
    throw new CxMetricsError({ code: "INVALID_VALUE", fn: "postgresRunner", field: "client", value: client, expected: "a PostgreSQL client with query (pg, PGlite)" });
  }
  return async (text) => (await client.query(text)).rows;
}
