// sqlPlan without a database where none is needed (options, the BigQuery and Snowflake text, read's
// checks), and against DuckDB and PGlite where the engine must answer (quoting, invalid rows).
import { describe, expect, it } from "vitest";
import { useEngines } from "./engines.ts";
import { cesMetric, csatMetric, CxMetricsError, fold, npsMetric, queueMetric } from "cx-metrics";
import { duckdbRunner, postgresRunner, runSql, sqlAht, sqlArt, sqlCes, sqlCsat, sqlFrt, sqlNps, sqlPlan, sqlQueue, type SqlRunner } from "cx-metrics/sql";

const nps = (): ReturnType<typeof sqlNps> => sqlNps({ columns: { value: "ltr" } });

describe("sqlPlan options", () => {
  it("refuses misspelt keys, unknown dialects, units and zones, and options SQL cannot compute", () => {
    const ok = { dialect: "duckdb", from: "t", metrics: { nps: nps() } } as const;
    expect(() => sqlPlan({ ...ok, dialekt: "duckdb" } as never)).toThrow(/sqlPlan: option "dialekt"/);
    expect(() => sqlPlan({ ...ok, dialect: "mysql" } as never)).toThrow(/dialect.*"duckdb", "postgres", "bigquery", "snowflake"/);
    expect(() => sqlPlan({ ...ok, period: { column: "at", period: "half" } } as never)).toThrow(/period.period/);
    expect(() => sqlPlan({ ...ok, period: { column: "at", period: "day", timezone: "UTC" } } as never)).toThrow(/period.timezone/);
    expect(() => sqlPlan({ ...ok, period: { column: "at", period: "day", timeZone: "Mars/Olympus" } })).toThrow(CxMetricsError);
    expect(() => sqlPlan({ ...ok, metrics: {} })).toThrow(/metrics/);
    expect(() => sqlPlan({ ...ok, metrics: { nps: npsMetric() as never } })).toThrow(/metrics.nps/);
    expect(() => sqlPlan({ ...ok, from: [] })).toThrow(/from/);
    expect(() => sqlPlan({ ...ok, instants: "seconds" as never })).toThrow(/instants/);
    expect(() => sqlNps({ columns: { valeu: "ltr" } } as never)).toThrow(/sqlNps: option "columns.valeu"/);
    expect(() => sqlNps({ columns: { value: 3 } } as never)).toThrow(/columns.value/);
    expect(() => sqlNps({ promoterMin: 11 } as never)).toThrow(CxMetricsError);
    expect(() => sqlAht({ percentiles: "exact" } as never)).toThrow(/percentiles/);
    expect(() => sqlFrt({ businessHours: {} } as never)).toThrow(/businessHours is not compiled/);
    expect(() => sqlArt({ resolution: "first" } as never)).toThrow(/resolution is not compiled/);
  });

  it("an own key \"__proto__\" in the options is a misspelt key, not a prototype (found by the fuzz suite: a TypeError)", () => {
    // JSON.parse makes "__proto__" an own key, as the fuzz suite's objects had it.
    const options = JSON.parse('{"__proto__": {"target": "1h"}, "toString": 0}') as never;
    for (const make of [sqlFrt, sqlArt, sqlAht, sqlNps, sqlCsat, sqlCes, sqlQueue]) {
      expect(() => (make as (o: unknown) => unknown)(options)).toThrow(CxMetricsError);
    }
    // fast-check's functions have a read-only toString: assigning over it through the prototype threw.
    const fn = Object.defineProperty(() => "x", "toString", { value: () => "fn", writable: false });
    const own = Object.defineProperty({}, "__proto__", { value: fn, enumerable: true, configurable: true, writable: true });
    expect(() => sqlFrt(Object.assign(own, { toString: 0 }) as never)).toThrow(CxMetricsError);
  });

  it("quotes every name, and refuses what no quoting holds", () => {
    const text = sqlPlan({ dialect: "duckdb", from: ["main", 'we"ird'], by: ['x"; DROP TABLE t; --'], metrics: { nps: nps() } }).queries[0]!.text;
    expect(text).toContain('FROM "main"."we""ird"');
    expect(text).toContain('"x""; DROP TABLE t; --" AS "__cx_k0"');
    expect(() => sqlPlan({ dialect: "duckdb", from: "t\u0000", metrics: { nps: nps() } })).toThrow(/control characters/);
    expect(() => sqlPlan({ dialect: "bigquery", from: "t`; DROP TABLE x; --", metrics: { nps: nps() } })).toThrow(/backticks/);
    expect(() => sqlPlan({ dialect: "bigquery", from: "t", by: ["a\\`b"], metrics: { nps: nps() } })).toThrow(/backticks or backslashes/);
    // A zone is the only text literal: it must be a zone the library knows, and is quoted too.
    expect(() => sqlPlan({ dialect: "postgres", from: "t", period: { column: "at", period: "day", timeZone: "UTC'; DROP TABLE t; --" }, metrics: { nps: nps() } })).toThrow(CxMetricsError);
  });
});

describe("BigQuery and Snowflake text", () => {
  const metrics = { nps: nps(), aht: sqlAht({ target: "5m" }), art: sqlArt() };
  it("BigQuery: backticks, UNIX_MILLIS, local periods by DATETIME_TRUNC in the zone, percentiles as windows read by ANY_VALUE", () => {
    const [stats, bins] = sqlPlan({ dialect: "bigquery", from: ["proj", "support", "calls"], by: ["team"], period: { column: "created", period: "week", timeZone: "America/New_York" }, metrics }).queries;
    const t = stats!.text;
    expect(t).toContain("FROM `proj`.`support`.`calls`");
    expect(t).toContain("FORMAT_DATETIME('%Y-%m-%d %H:%M:%S', DATETIME_TRUNC(DATETIME(`created`, 'America/New_York'), ISOWEEK)) AS `__cx_period`");
    expect(t).toContain("PERCENTILE_CONT(`__cx_d0`, 0.9) OVER (PARTITION BY `__cx_k0`, `__cx_period`) AS `__cx_d0_p1`");
    expect(t).toContain("CAST(ANY_VALUE(`__cx_d0_p1`) AS FLOAT64)");
    expect(t).toContain("UNIX_MILLIS(`solved`) - UNIX_MILLIS(`created`)");
    expect(t).toContain("ARRAY_AGG(IF(");
    expect(t).not.toMatch(/FILTER \(WHERE|quantile_cont|percentile_cont\(/);
    // ln γ for α = 1%, written to the last bit: γ = 1.01/0.99 rounded, then its logarithm, as the
    // library's sketch computes it (2·atanh(0.01) = 0.02000066670666952... before γ's rounding).
    const lnGamma = Number(/CEIL\(LN\(`__cx_d0`\) \/ CAST\(([0-9.e-]+) AS FLOAT64\)\)/.exec(bins!.text)![1]);
    expect(lnGamma).toBe(Math.log(1.01 / 0.99));
    expect(Math.abs(lnGamma - 0.02000066670666952)).toBeLessThan(2e-16);
    expect(t.endsWith("GROUP BY `__cx_k0`, `__cx_period` ORDER BY `__cx_k0`, `__cx_period`")).toBe(true);
  });

  it("Snowflake: double quotes, DATE_PART(EPOCH_MILLISECOND), CONVERT_TIMEZONE, PERCENTILE_CONT WITHIN GROUP", () => {
    const [stats] = sqlPlan({ dialect: "snowflake", from: ["SUPPORT", "CALLS"], period: { column: "CREATED", period: "month", timeZone: "Asia/Kolkata" }, metrics: { art: sqlArt({ columns: { created: "CREATED", solved: "SOLVED" } }) } }).queries;
    const t = stats!.text;
    expect(t).toContain('FROM "SUPPORT"."CALLS"');
    expect(t).toContain(`TO_CHAR(DATE_TRUNC('month', CONVERT_TIMEZONE('Asia/Kolkata', "CREATED")), 'YYYY-MM-DD HH24:MI:SS')`);
    expect(t).toContain('DATE_PART(EPOCH_MILLISECOND, "SOLVED") - DATE_PART(EPOCH_MILLISECOND, "CREATED")');
    expect(t).toContain('PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY "__cx_d0")');
    expect(t).toContain("ARRAY_AGG(CASE WHEN");
  });
});

describe("read's checks", () => {
  // PostgreSQL: the sketches' bins come from a second query (DuckDB returns them with the stats, as a map).
  const plan = sqlPlan({ dialect: "postgres", from: "t", by: ["team"], metrics: { nps: nps(), art: sqlArt() } });
  it("DuckDB needs one query, the others two", () => {
    expect(sqlPlan({ dialect: "duckdb", from: "t", metrics: { art: sqlArt() } }).queries.map((q) => q.name)).toEqual(["stats"]);
    expect(plan.queries.map((q) => q.name)).toEqual(["stats", "bins"]);
    expect(sqlPlan({ dialect: "duckdb", from: "t", metrics: { nps: nps() } }).queries.length).toBe(1);
  });
  it("refuses rows that are not the plan's", () => {
    expect(() => plan.read([[]])).toThrow(/2 queries/);
    expect(() => plan.read([[5], []])).toThrow(/row object/);
    expect(() => plan.read([[{ __cx_k0: "a", __cx_a0: "many" }], []])).toThrow(/finite number/);
    expect(() => plan.read([[{ __cx_k0: "a", __cx_a0: 1n << 60n }], []])).toThrow(/safe BIGINT/);
    expect(() => plan.read([[{ __cx_k0: { nested: 1 } }], []])).toThrow(/text, number or boolean key/);
    // Bins that do not add up to the stats' count (the table changed between the two queries).
    const stats = { __cx_k0: "a", __cx_rows: 1 } as Record<string, unknown>;
    const durations = plan.queries[0]!.text.match(/COUNT\("__cx_d0"\) AS DOUBLE PRECISION\) AS "(__cx_a\d+)"/)![1]!;
    stats[durations] = 2;
    expect(() => plan.read([[stats], [{ __cx_k0: "a", __cx_part: 0, __cx_bin: 5, __cx_n: 1 }]])).toThrow(/one snapshot/);
  });
});

describe("quoting and invalid rows in real engines", () => {
  const open = useEngines();

  const engines = (): [string, SqlRunner, (s: string) => Promise<unknown>][] => [
    ["duckdb", duckdbRunner(open.duck), (s) => open.duck.run(s)],
    ["postgres", postgresRunner(open.pg), (s) => open.pg.exec(s)],
  ];

  it("a column named like an injection is one column, and a table it names survives", async () => {
    const evil = `team"; DROP TABLE victims; --`;
    for (const [dialect, run, exec] of engines()) {
      await exec(`DROP TABLE IF EXISTS victims; DROP TABLE IF EXISTS answers`);
      await exec(`CREATE TABLE victims (x INTEGER); INSERT INTO victims VALUES (1)`);
      await exec(`CREATE TABLE answers ("team""; DROP TABLE victims; --" TEXT, "l'tr" INTEGER)`);
      await exec(`INSERT INTO answers VALUES ('a', 10), ('a', 0), ('b', 9)`);
      const plan = sqlPlan({ dialect: dialect as "duckdb", from: "answers", by: [evil], metrics: { nps: sqlNps({ columns: { value: "l'tr" } }) } });
      const groups = (await runSql(plan, run)).groups;
      // By hand: team a has a promoter and a detractor (NPS 0), team b one promoter (100).
      expect(groups.map((g) => [g.key[0], g.results.nps.score?.value])).toEqual([["a", 0], ["b", 100]]);
      // A name that is no column is the engine's error, not a statement of its own.
      await expect(runSql(sqlPlan({ dialect: dialect as "duckdb", from: "answers", by: [`x" FROM answers; DROP TABLE victims; --`], metrics: { nps: nps() } }), run)).rejects.toThrow();
      await expect(runSql(sqlPlan({ dialect: dialect as "duckdb", from: `answers; DROP TABLE victims; --`, metrics: { nps: nps() } }), run)).rejects.toThrow();
      const left = dialect === "duckdb" ? (await open.duck.runAndReadAll("SELECT count(*)::INTEGER AS n FROM victims")).getRowObjectsJS() : (await open.pg.query("SELECT count(*)::INTEGER AS n FROM victims")).rows;
      expect(left).toEqual([{ n: 1 }]);
    }
  });

  it("invalid rows throw naming the metric, column and group, or are counted with onInvalid: \"skip\" as the library's fold counts them", async () => {
    for (const [dialect, run, exec] of engines()) {
      await exec(`DROP TABLE IF EXISTS scores`);
      await exec(`CREATE TABLE scores (team TEXT, ltr DOUBLE PRECISION, csat INTEGER, effort INTEGER, arrived BIGINT, answered BIGINT, ended BIGINT)`);
      await exec(`INSERT INTO scores VALUES ('a', 10, 5, 7, 0, 1000, NULL), ('a', 11, 4, 1, 0, NULL, 30000), ('a', 9.5, NULL, 2, 5000, 1000, NULL), ('a', NULL, 1, 6, 0, NULL, NULL)`);
      // No abandoned column: mapped to null, it reads as NULL (abandoned unless flagged otherwise).
      const metrics = { nps: nps(), csat: sqlCsat({ columns: { value: "csat" } }), ces: sqlCes({ columns: { value: "effort" } }), queue: sqlQueue({ columns: { abandoned: null } }) };
      const strict = sqlPlan({ dialect: dialect as "duckdb", from: "scores", by: ["team"], instants: "epoch-ms", metrics });
      await expect(runSql(strict, run)).rejects.toThrow(/sqlPlan.read \(nps\).*value of group \["a"\].*2 found/);
      const lenient = sqlPlan({ dialect: dialect as "duckdb", from: "scores", by: ["team"], instants: "epoch-ms", metrics, onInvalid: "skip" });
      const r = (await runSql(lenient, run)).groups[0]!.results;
      const skip = { onInvalid: "skip" } as const;
      expect(r.nps).toEqual(npsMetric(skip).result(fold(npsMetric(skip), [10, 11, 9.5, null])));
      // CSAT 1-5 (default: 4 and 5 satisfied) and CES 1-7, by hand: 2 of 3 satisfied; CES mean 4.
      expect(r.csat).toEqual(csatMetric().result(fold(csatMetric(), [5, 4, null, 1])));
      expect([r.csat.satisfied, r.csat.total]).toEqual([2, 3]);
      expect(r.ces).toEqual(cesMetric().result(fold(cesMetric(), [7, 1, 2, 6])));
      const queue = queueMetric(skip);
      const js = queue.result(fold(queue, [{ arrived: 0, answered: 1000 }, { arrived: 0, ended: 30000 }, { arrived: 5000, answered: 1000 }, { arrived: 0 }]));
      expect(r.queue.excluded).toEqual(js.excluded);
      expect([r.queue.answered, r.queue.abandoned, r.queue.waiting]).toEqual([js.answered, js.abandoned, js.waiting]);
    }
  });
});
