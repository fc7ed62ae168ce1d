// The warehouse route: the metrics compiled to SQL and run where the data lives (DuckDB here, in this
// process; the same plan runs on PostgreSQL, BigQuery or Snowflake by its `dialect`). No contact comes
// to JavaScript: one row of sufficient statistics per team (and per month) does, read back into the
// library's own states, so intervals and merges are the library's, as if the rows had been folded here.
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { formatDuration, formatPercent } from "cx-metrics";
import { duckdbRunner, runSql, sqlAht, sqlFcr, sqlPlan, sqlQueue } from "cx-metrics/sql";

const db = await DuckDBInstance.create(":memory:");
const connection = await db.connect();
const file = resolve(import.meta.dirname, "data", "contacts.json").replaceAll("'", "''");
// Instants with their offsets, as TIMESTAMPTZ; durations in ms.
await connection.run(`CREATE TABLE contacts AS SELECT * FROM read_json('${file}', columns = {
  team: 'VARCHAR', arrived: 'TIMESTAMPTZ', answered: 'TIMESTAMPTZ', ended: 'TIMESTAMPTZ', abandoned: 'BOOLEAN',
  talk: 'BIGINT', hold: 'BIGINT', afterCallWork: 'BIGINT', resolved: 'BOOLEAN' })`);

const aht = sqlAht({ target: "10m" });
const plan = sqlPlan({ dialect: "duckdb", from: "contacts", by: ["team"], metrics: { aht, queue: sqlQueue({ target: "20s" }), fcr: sqlFcr() } });
const run = duckdbRunner(connection);
const { groups } = await runSql(plan, run);
console.log(`${plan.queries.length} query, ${groups.length} teams`);
for (const g of groups) {
  const { aht: a, queue: q, fcr: f } = g.results;
  const interval = a.aht === null ? "" : ` (95% ${formatDuration(a.aht.interval.lower)} to ${formatDuration(a.aht.interval.upper)})`;
  console.log(`${String(g.key[0]).padEnd(12)} ${String(g.rows).padStart(5)} contacts  AHT ${a.aht === null ? "-" : formatDuration(a.aht.value)}${interval}  service level ${formatPercent(q.serviceLevel?.value ?? null)}  FCR ${formatPercent(f.rate?.value ?? null)}`);
}

// The teams' states merge into the center's, as states folded in JavaScript would.
const center = aht.metric.init();
for (const g of groups) aht.metric.merge(center, g.states.aht);
console.log(`center AHT from the merged team states: ${formatDuration(aht.metric.result(center).aht?.value ?? null)}`);

// By month in the center's zone, cut by DuckDB's own time-zone support.
const monthly = sqlPlan({ dialect: "duckdb", from: "contacts", period: { column: "arrived", period: "month", timeZone: "Asia/Kolkata" }, metrics: { fcr: sqlFcr() } });
for (const g of (await runSql(monthly, run)).groups) console.log(`${g.period?.label} FCR ${formatPercent(g.results.fcr.rate?.value ?? null)} of ${g.results.fcr.total}`);
connection.closeSync();
