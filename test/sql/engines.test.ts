// cx-metrics/sql against real engines: DuckDB through its Node package and PostgreSQL as PGlite (both
// in this process). Every figure the SQL gives is checked against the library's JavaScript fold of
// the same rows, grouped by hand with periodOf: the engines cut the local periods with their own zone
// data, so the periods are checked too.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { useEngines } from "./engines.ts";
import { ahtMetric, artMetric, fcrMetric, fold, frtMetric, npsMetric, oneTouchResolutionMetric, periodOf, queueMetric, type Contact, type DurationStats } from "cx-metrics";
import { duckdbRunner, postgresRunner, runSql, sqlAht, sqlArt, sqlFcr, sqlFrt, sqlNps, sqlOneTouch, sqlPlan, sqlQueue, type SqlDialect, type SqlRunner } from "cx-metrics/sql";

/** One row of the test table: a call with its survey answer, and a ticket. Instants in epoch ms. */
interface Row {
  team: string | null;
  arrived: number;
  answered: number | null;
  ended: number | null;
  abandoned: boolean | null;
  talk: number | null;
  hold: number | null;
  acw: number | null;
  ltr: number | null;
  resolved: boolean | null;
  created: number;
  firstResponse: number | null;
  solved: number | null;
  reopens: number | null;
  status: string;
  replies: number | null;
}

// Around Berlin's spring change (2026-03-29 02:00 → 03:00) and its week boundaries.
const T0 = Date.UTC(2026, 2, 22);
const SPAN = 14 * 86_400_000;
const team = fc.constantFrom("a", "b", "o'brien", 'say "hi"', null);
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null, freq: 4 });
const row: fc.Arbitrary<Row> = fc
  .record({
    team,
    arrived: fc.integer({ min: T0, max: T0 + SPAN }),
    outcome: fc.constantFrom("answered", "abandoned", "flowOut", "waiting"),
    wait: fc.integer({ min: 0, max: 120_000 }),
    talk: maybe(fc.integer({ min: 0, max: 900_000 })),
    hold: maybe(fc.integer({ min: 0, max: 300_000 })),
    acw: maybe(fc.integer({ min: 0, max: 120_000 })),
    ltr: maybe(fc.integer({ min: 0, max: 10 })),
    resolved: maybe(fc.boolean()),
    created: fc.integer({ min: T0, max: T0 + SPAN }),
    response: maybe(fc.integer({ min: 0, max: 3 * 86_400_000 })),
    resolution: maybe(fc.integer({ min: 0, max: 10 * 86_400_000 })),
    reopens: maybe(fc.integer({ min: 0, max: 3 })),
    status: fc.constantFrom("new", "open", "pending", "on-hold", "solved", "closed"),
    replies: maybe(fc.integer({ min: 0, max: 4 })),
  })
  .map((r): Row => ({
    team: r.team,
    arrived: r.arrived,
    answered: r.outcome === "answered" ? r.arrived + r.wait : null,
    ended: r.outcome === "abandoned" || r.outcome === "flowOut" ? r.arrived + r.wait : null,
    abandoned: r.outcome === "abandoned" ? true : r.outcome === "flowOut" ? false : null,
    talk: r.talk,
    hold: r.hold,
    acw: r.acw,
    ltr: r.ltr,
    resolved: r.resolved,
    created: r.created,
    firstResponse: r.response === null ? null : r.created + r.response,
    solved: r.resolution === null ? null : r.created + r.resolution,
    reopens: r.reopens,
    status: r.status,
    replies: r.replies,
  }));

const iso = (ms: number | null): string => (ms === null ? "NULL" : `CAST('${new Date(ms).toISOString()}' AS TIMESTAMPTZ)`);
const lit = (v: string | number | boolean | null): string => (v === null ? "NULL" : typeof v === "string" ? `'${v.replaceAll("'", "''")}'` : String(v));

/** The CREATE and INSERT of the rows (written here by hand, independent of the library's quoting). */
function tableSql(name: string, rows: readonly Row[]): string[] {
  const create = `CREATE TABLE ${name} (team TEXT, arrived TIMESTAMPTZ, answered TIMESTAMPTZ, ended TIMESTAMPTZ, abandoned BOOLEAN, talk BIGINT, hold BIGINT, acw BIGINT, ltr INTEGER, resolved BOOLEAN, created TIMESTAMPTZ, first_response TIMESTAMPTZ, solved TIMESTAMPTZ, reopens INTEGER, status TEXT, replies INTEGER, created_ms BIGINT, solved_ms BIGINT)`;
  const values = rows.map(
    (r) =>
      `(${[lit(r.team), iso(r.arrived), iso(r.answered), iso(r.ended), lit(r.abandoned), lit(r.talk), lit(r.hold), lit(r.acw), lit(r.ltr), lit(r.resolved), iso(r.created), iso(r.firstResponse), iso(r.solved), lit(r.reopens), lit(r.status), lit(r.replies), lit(r.created), lit(r.solved)].join(", ")})`,
  );
  return [`DROP TABLE IF EXISTS ${name}`, create, ...(values.length > 0 ? [`INSERT INTO ${name} VALUES ${values.join(", ")}`] : [])];
}

const ZONE = "Europe/Berlin";
const options = {
  nps: { value: "ltr" },
  aht: { target: "5m" },
  queue: { target: "20s", shortAbandon: "5s" },
  frt: { target: "4h" },
  art: { target: "24h" },
} as const;

function planFor(dialect: SqlDialect, table: string) {
  return sqlPlan({
    dialect,
    from: table,
    by: ["team"],
    period: { column: "arrived", period: "week", timeZone: ZONE },
    metrics: {
      nps: sqlNps({ columns: { value: "ltr" } }),
      fcr: sqlFcr(),
      oneTouch: sqlOneTouch({ columns: { agentReplies: "replies" } }),
      aht: sqlAht({ target: options.aht.target, columns: { afterCallWork: "acw" } }),
      queue: sqlQueue(options.queue),
      frt: sqlFrt({ target: options.frt.target, columns: { firstResponse: "first_response" } }),
      art: sqlArt({ target: options.art.target, columns: { reopens: "reopens" } }),
    },
  });
}

/** Rows as the library's contacts for AHT (`acw` is the table's name for after-call work). */
const contacts = (rows: readonly Row[]): Contact[] => rows.map((r) => ({ arrived: r.arrived, answered: r.answered, talk: r.talk, hold: r.hold, afterCallWork: r.acw }) as Contact);

/** The same rows as the library's records, folded by the library with exact percentiles. */
function foldByHand(rows: readonly Row[]) {
  const metrics = {
    nps: npsMetric({ value: "ltr" }),
    fcr: fcrMetric({ resolved: (r: Row) => r.resolved }),
    oneTouch: oneTouchResolutionMetric(),
    aht: ahtMetric({ target: options.aht.target }),
    queue: queueMetric(options.queue),
    frt: frtMetric({ target: options.frt.target }),
    art: artMetric({ target: options.art.target }),
  };
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const id = JSON.stringify([[r.team], periodOf(r.arrived, { period: "week", timeZone: ZONE }).label]);
    const list = groups.get(id);
    if (list === undefined) groups.set(id, [r]);
    else list.push(r);
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const [id, list] of groups) {
    const tickets = list.map((r) => {
      const solvedNow = r.solved !== null;
      // Earlier solves (at creation, so they move no instant the SQL sees), then the last one:
      // reopens = solves - 1 for a solved ticket, solves for an open one.
      const earlier = Array.from({ length: r.reopens ?? 0 }, () => r.created);
      return { created: r.created, firstResponse: r.firstResponse, status: solvedNow ? ("solved" as const) : ("open" as const), solves: solvedNow ? [...earlier, r.solved as number] : earlier };
    });
    out.set(id, {
      rows: list.length,
      nps: fold(metrics.nps, list as never),
      fcr: fold(metrics.fcr, list),
      oneTouch: fold(metrics.oneTouch, list.map((r) => ({ created: r.created, status: r.status, agentReplies: r.replies })) as never),
      aht: fold(metrics.aht, contacts(list)),
      queue: fold(metrics.queue, list.map((r) => ({ arrived: r.arrived, answered: r.answered, ended: r.ended, abandoned: r.abandoned })) as never),
      frt: fold(metrics.frt, tickets),
      art: fold(metrics.art, tickets),
    });
  }
  return out;
}

const close = (a: number | null | undefined, b: number | null | undefined, rel = 1e-9): boolean => (a == null || b == null ? a == b : Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)));

/** Count fields equal, every float within 1e-9 relative, percentiles exact (SQL's percentile_cont against the library's type 7). */
function expectDurations(sql: DurationStats, js: DurationStats, where: string): void {
  expect([sql.count, sql.totalMs, sql.min, sql.max, sql.metTarget], where).toEqual([js.count, js.totalMs, js.min, js.max, js.metTarget]);
  for (const k of ["median", "p90", "p95"] as const) expect(close(sql[k], js[k]), `${where} ${k}: ${sql[k]} vs ${js[k]}`).toBe(true);
  expect(close(sql.mean?.value, js.mean?.value, 1e-12), where).toBe(true);
  expect(close(sql.mean?.standardError, js.mean?.standardError, 1e-9), `${where} se`).toBe(true);
  expect(sql.withinTarget, where).toEqual(js.withinTarget);
}

async function compare(dialect: SqlDialect, run: SqlRunner, exec: (sql: string) => Promise<unknown>, rows: readonly Row[]): Promise<void> {
  for (const s of tableSql("calls", rows)) await exec(s);
  const result = await runSql(planFor(dialect, "calls"), run);
  const expected = foldByHand(rows);
  expect(result.groups.length).toBe(expected.size);
  for (const g of result.groups) {
    const id = JSON.stringify([g.key, g.period?.label]);
    const js = expected.get(id);
    expect(js, `${dialect}: group ${id} from SQL is not in the rows`).toBeDefined();
    const where = `${dialect} ${id}`;
    expect(g.rows).toBe(js!["rows"]);
    expect(g.period).toEqual(periodOf(g.period!.start, { period: "week", timeZone: ZONE }));
    const r = g.results;
    const nps = npsMetric().result(js!["nps"] as never);
    expect([r.nps.promoters, r.nps.passives, r.nps.detractors, r.nps.excluded.missing], where).toEqual([nps.promoters, nps.passives, nps.detractors, nps.excluded.missing]);
    expect(r.nps.score, where).toEqual(nps.score);
    expect(r.fcr, where).toEqual(fcrMetric().result(js!["fcr"] as never));
    expect(r.oneTouch, where).toEqual(oneTouchResolutionMetric().result(js!["oneTouch"] as never));
    const aht = ahtMetric({ target: options.aht.target }).result(js!["aht"] as never);
    expect([r.aht.handled, r.aht.unanswered], where).toEqual([aht.handled, aht.unanswered]);
    expect(Object.values(r.aht.components).map((c) => [c.totalMs, c.missing]), where).toEqual(Object.values(aht.components).map((c) => [c.totalMs, c.missing]));
    expectDurations(r.aht.handleTime, aht.handleTime, `${where} aht`);
    const queue = queueMetric(options.queue).result(js!["queue"] as never);
    const { answerWait: sqlWait, asa: sqlAsa, ...sqlQueueRest } = r.queue;
    const { answerWait, asa, ...queueRest } = queue;
    expect(sqlQueueRest, where).toEqual(queueRest);
    expectDurations(sqlWait, answerWait, `${where} queue`);
    expect(close(sqlAsa?.value, asa?.value, 1e-12)).toBe(true);
    const frt = frtMetric({ target: options.frt.target }).result(js!["frt"] as never);
    expectDurations(r.frt, frt, `${where} frt`);
    expect(r.frt.awaiting.count, where).toBe(frt.awaiting.count);
    expect(r.frt.awaiting.asOf, where).toBe(frt.awaiting.asOf);
    expectDurations(r.frt.awaiting.age, frt.awaiting.age, `${where} frt awaiting`);
    const art = artMetric({ target: options.art.target }).result(js!["art"] as never);
    expectDurations(r.art, art, `${where} art`);
    expect([r.art.open.count, r.art.open.asOf, r.art.reopened], where).toEqual([art.open.count, art.open.asOf, art.reopened]);
  }
  // The states merge with states folded in JavaScript (sketch percentiles): merging every group gives
  // the counts of one JavaScript fold of all rows, and its sketch's bins.
  const ahtSketch = ahtMetric({ target: options.aht.target, percentiles: "sketch" });
  const merged = ahtSketch.init();
  for (const g of result.groups) ahtSketch.merge(merged, g.states.aht as never);
  const all = fold(ahtSketch, contacts(rows));
  expect([merged.handleTimes.count, merged.handleTimes.met, merged.unanswered, merged.handleTimes.sum]).toEqual([all.handleTimes.count, all.handleTimes.met, all.unanswered, all.handleTimes.sum]);
  const bins = (s: typeof all): number[] => {
    const sk = s.handleTimes.sketch!;
    return [sk.zeros, ...Array.from(sk.bins.entries()).filter(([, c]) => c > 0).flatMap(([i, c]) => [sk.offset + i, c])];
  };
  expect(bins(merged)).toEqual(bins(all));
}

describe("cx-metrics/sql in real engines", () => {
  const engines = useEngines();

  const rows = fc.array(row, { minLength: 0, maxLength: 60 });

  test.prop([rows], { numRuns: 40 })("DuckDB: every group's results equal the library's fold of the same rows", async (list) => {
    await compare("duckdb", duckdbRunner(engines.duck), (s) => engines.duck.run(s), list);
  });

  test.prop([rows], { numRuns: 25 })("PostgreSQL (PGlite): every group's results equal the library's fold of the same rows", async (list) => {
    await compare("postgres", postgresRunner(engines.pg), (s) => engines.pg.exec(s), list);
  });

  it("puts rows either side of Berlin's spring change in the local weeks and days the library gives", async () => {
    // 2026-03-29 is a Sunday: 00:30 local (23:30Z on the 28th) belongs to week 13 and the 29th; 01:59Z
    // is 03:59 local; 22:30Z is 00:30 on Monday the 30th, week 14.
    const instants = [Date.UTC(2026, 2, 28, 22, 59), Date.UTC(2026, 2, 28, 23, 30), Date.UTC(2026, 2, 29, 1, 59), Date.UTC(2026, 2, 29, 21, 59), Date.UTC(2026, 2, 29, 22, 30)];
    const base: Omit<Row, "arrived"> = { team: "a", answered: null, ended: null, abandoned: null, talk: null, hold: null, acw: null, ltr: 9, resolved: null, created: T0, firstResponse: null, solved: null, reopens: null, status: "open", replies: null };
    for (const [dialect, run, exec] of [
      ["duckdb", duckdbRunner(engines.duck), (s: string) => engines.duck.run(s)],
      ["postgres", postgresRunner(engines.pg), (s: string) => engines.pg.exec(s)],
    ] as const) {
      for (const s of tableSql("dst", instants.map((arrived) => ({ ...base, arrived })))) await exec(s);
      for (const period of ["day", "week", "hour"] as const) {
        const plan = sqlPlan({ dialect, from: "dst", period: { column: "arrived", period, timeZone: ZONE }, metrics: { nps: sqlNps({ columns: { value: "ltr" } }) } });
        const got = (await runSql(plan, run)).groups.map((g) => [g.period!.label, g.rows]);
        const byHand = new Map<string, number>();
        for (const t of instants) {
          const label = periodOf(t, { period, timeZone: ZONE }).label;
          byHand.set(label, (byHand.get(label) ?? 0) + 1);
        }
        expect(got, `${dialect} ${period}`).toEqual([...byHand].sort(([a], [b]) => (a < b ? -1 : 1)));
      }
    }
    // By hand: the 28th has one row, the 29th three (00:30, 03:59, 23:59 local), the 30th one.
    const plan = sqlPlan({ dialect: "duckdb", from: "dst", period: { column: "arrived", period: "day", timeZone: ZONE }, metrics: { nps: sqlNps({ columns: { value: "ltr" } }) } });
    expect((await runSql(plan, duckdbRunner(engines.duck))).groups.map((g) => [g.period!.label, g.rows])).toEqual([["2026-03-28", 1], ["2026-03-29", 3], ["2026-03-30", 1]]);
  });

  it("reads epoch-ms columns as instants", async () => {
    const list: Row[] = [0, 1, 2].map((k) => ({ team: "a", arrived: T0, answered: null, ended: null, abandoned: null, talk: null, hold: null, acw: null, ltr: null, resolved: null, created: T0 + k * 1000, firstResponse: null, solved: k === 0 ? null : T0 + k * 61_000, reopens: null, status: "open", replies: null }));
    for (const s of tableSql("epochs", list)) await engines.duck.run(s);
    const plan = sqlPlan({ dialect: "duckdb", from: "epochs", instants: "epoch-ms", metrics: { art: sqlArt({ columns: { created: "created_ms", solved: "solved_ms" } }) } });
    const r = (await runSql(plan, duckdbRunner(engines.duck))).groups[0]!.results.art;
    // By hand: resolutions of 61 s - 1 s = 60 s and 122 s - 2 s = 120 s; one open ticket.
    expect([r.count, r.min, r.max, r.median, r.open.count]).toEqual([2, 60_000, 120_000, 90_000, 1]);
  });
});
