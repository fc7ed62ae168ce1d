// SQL (issue 10): the same scorecard (NPS, AHT and the queue's service level, by team and local
// month in Europe/Berlin) over 1e7 calls in DuckDB, two ways: compiled by sqlPlan and run in DuckDB
// (the rows never leave it), against loading the rows into JavaScript and folding them with the
// library, as a user without cx-metrics/sql would. Per-group counts must be equal. Then the columns
// targets: NPS and NPS per agent over the same columns by the library (nps on a Uint8Array,
// groupColumns) against DuckDB's query alone over a table holding them.
// Alternating, worst and best of the runs, ratios reported; the columns runs after three warm-ups
// of both sides (the first calls measured the JIT and DuckDB's first plan, not the loops).
// Run: npm run bench:sql (add --quick for 1e6, --only=columns for the columns targets alone).
import { DuckDBInstance } from "@duckdb/node-api";
import { ahtMetric, groupColumns, nps, npsMetric, periodOf, queueMetric, type Contact } from "cx-metrics";
import { duckdbRunner, runSql, sqlAht, sqlNps, sqlPlan, sqlQueue } from "cx-metrics/sql";
import { mulberry32 } from "./random.ts";

const quick = process.argv.includes("--quick");
const N = quick ? 1e6 : 1e7;
const RUNS = quick ? 5 : 3;
const ZONE = "Europe/Berlin";
const columnsOnly = process.argv.includes("--only=columns");

const instance = await DuckDBInstance.create(":memory:");
const con = await instance.connect();
// A year of calls, 40 teams; a tenth abandoned after 5-65 s; components in ms; skewed scores.
await con.run(`SELECT setseed(0.2026)`);
await con.run(`CREATE TABLE calls AS SELECT
    'team-' || (i % 40) AS team,
    to_timestamp(1767225600 + (i * 31536000 // ${N})) AS arrived,
    CASE WHEN i % 10 = 0 THEN NULL ELSE to_timestamp(1767225600 + (i * 31536000 // ${N}) + (i % 97)) END AS answered,
    CASE WHEN i % 10 = 0 THEN to_timestamp(1767225600 + (i * 31536000 // ${N}) + 5 + (i % 61)) END AS ended,
    CAST(NULL AS BOOLEAN) AS abandoned,
    CAST(60000 + (i * 7919) % 600000 AS BIGINT) AS talk,
    CASE WHEN i % 3 = 0 THEN NULL ELSE CAST((i * 104729) % 120000 AS BIGINT) END AS hold,
    CAST(30000 + (i * 1299709) % 90000 AS BIGINT) AS acw,
    CAST(CASE WHEN random() < 0.45 THEN 9 + (i % 2) WHEN random() < 0.45 THEN 7 + (i % 2) ELSE i % 7 END AS INTEGER) AS ltr
  FROM range(${N}) t(i)`);

const plan = sqlPlan({
  dialect: "duckdb",
  from: "calls",
  by: ["team"],
  period: { column: "arrived", period: "month", timeZone: ZONE },
  metrics: { nps: sqlNps({ columns: { value: "ltr" } }), aht: sqlAht({ target: "10m", columns: { afterCallWork: "acw" } }), queue: sqlQueue({ target: "20s" }) },
});
const run = duckdbRunner(con);

async function bySql(): Promise<Map<string, number[]>> {
  const result = await runSql(plan, run);
  return new Map(result.groups.map((g) => [`${g.key[0]}|${g.period!.label}`, [g.results.nps.total, g.results.aht.handled, g.results.queue.answeredWithinTarget]]));
}

const npsM = npsMetric();
const ahtM = ahtMetric({ target: "10m" });
const queueM = queueMetric({ target: "20s" });
async function byJs(): Promise<Map<string, number[]>> {
  // The rows as a user loads them: objects, instants as epoch ms.
  const reader = await con.runAndReadAll(`SELECT team, epoch_ms(arrived) AS arrived, epoch_ms(answered) AS answered, epoch_ms(ended) AS ended, talk, hold, acw, ltr FROM calls`);
  const rows = reader.getRowObjectsJS() as { team: string; arrived: bigint; answered: bigint | null; ended: bigint | null; talk: bigint; hold: bigint | null; acw: bigint; ltr: number }[];
  const groups = new Map<string, { nps: ReturnType<typeof npsM.init>; aht: ReturnType<typeof ahtM.init>; queue: ReturnType<typeof queueM.init> }>();
  const months = new Map<number, string>(); // a month label per UTC hour seen, so periodOf runs once an hour
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const arrived = Number(r.arrived);
    const hour = Math.floor(arrived / 3_600_000);
    let month = months.get(hour);
    if (month === undefined) months.set(hour, (month = periodOf(arrived, { period: "month", timeZone: ZONE }).label));
    const key = `${r.team}|${month}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { nps: npsM.init(), aht: ahtM.init(), queue: queueM.init() }));
    const contact: Contact = { arrived, answered: r.answered === null ? null : Number(r.answered), ended: r.ended === null ? null : Number(r.ended), talk: Number(r.talk), hold: r.hold === null ? null : Number(r.hold), afterCallWork: Number(r.acw) } as Contact;
    npsM.add(g.nps, r.ltr, i);
    ahtM.add(g.aht, contact, i);
    queueM.add(g.queue, contact, i);
  }
  return new Map([...groups].map(([k, g]) => [k, [npsM.result(g.nps).total, ahtM.result(g.aht).handled, queueM.result(g.queue).answeredWithinTarget]]));
}

async function time<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

const ratios: number[] = [];
for (let r = 0; r < (columnsOnly ? 0 : RUNS); r++) {
  const [tSql, a] = await time(bySql);
  const [tJs, b] = await time(byJs);
  if (a.size !== b.size || [...a].some(([k, v]) => JSON.stringify(b.get(k)) !== JSON.stringify(v))) throw new Error("SQL and JavaScript disagree on a group's counts");
  ratios.push(tSql / tJs);
  console.log(`run ${r + 1}: SQL in DuckDB ${tSql.toFixed(0)} ms, rows to JavaScript and fold ${tJs.toFixed(0)} ms (${a.size} groups)`);
}
if (!columnsOnly) console.log(`scorecard, ${N} calls, ${plan.queries.length} queries: SQL / JavaScript worst ${Math.max(...ratios).toFixed(2)}x, best ${Math.min(...ratios).toFixed(2)}x`);

// The columns targets: the library over typed arrays against DuckDB's query alone over the same columns.
const scores = new Uint8Array(N);
const agents = new Uint16Array(N);
const random = mulberry32(20261202);
for (let i = 0; i < N; i++) {
  const u = random();
  scores[i] = u < 0.45 ? 9 + Math.floor(random() * 2) : u < 0.7 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
  agents[i] = Math.floor(random() * 2000);
}
await con.run(`CREATE OR REPLACE TABLE answers (score UTINYINT, agent USMALLINT)`);
const app = await con.createAppender("answers");
for (let i = 0; i < N; i++) {
  app.appendUTinyInt(scores[i]!);
  app.appendUSmallInt(agents[i]!);
  app.endRow();
}
app.closeSync();
const dictionary = Array.from({ length: 2000 }, (_, a) => `agent-${a}`);
const npsSql = `SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps FROM answers`;
const perAgentSql = `SELECT agent, 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps FROM answers GROUP BY agent`;
const overall: number[] = [];
const perAgent: number[] = [];
const WARM_UPS = 3;
for (let r = 0; r < WARM_UPS + 5; r++) {
  const [tLib, v] = await time(() => nps(scores).score?.value ?? 0);
  const [tDuck, rows] = await time(async () => (await con.runAndReadAll(npsSql)).getRowObjectsJS());
  if (Math.abs(Number((rows[0] as { nps: number }).nps) - v) > 1e-9) throw new Error("NPS differs");
  if (r >= WARM_UPS) overall.push(tLib / tDuck);
  const [tGroup, states] = await time(() => {
    const s = groupColumns(npsM, scores, agents, dictionary);
    let sum = 0;
    for (const state of s.values()) sum += npsM.result(state).score?.value ?? 0;
    return sum;
  });
  const [tDuckGroup, groupRows] = await time(async () => (await con.runAndReadAll(perAgentSql)).getRowObjectsJS());
  if (groupRows.length !== 2000 || !(states > -Infinity)) throw new Error("per-agent results missing");
  if (r >= WARM_UPS) perAgent.push(tGroup / tDuckGroup);
}
console.log(`NPS over ${N} answers, library / DuckDB query alone: worst ${Math.max(...overall).toFixed(2)}x, best ${Math.min(...overall).toFixed(2)}x`);
console.log(`NPS per agent (2,000), groupColumns + results / DuckDB query alone: worst ${Math.max(...perAgent).toFixed(2)}x, best ${Math.min(...perAgent).toFixed(2)}x`);
con.closeSync();
