// Every public function called with arbitrary values: it may return a result (with no NaN anywhere in
// it) or throw a CxMetricsError; never a TypeError, never NaN, never a hang (each property has a
// time limit through vitest's test timeout).
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import * as api from "../src/index.ts";
import * as schemas from "../src/schemas/index.ts";
import { reportHtml } from "../src/html/index.ts";
import * as sql from "../src/sql/index.ts";
import { hasNaN } from "./helpers.ts";

// FUZZ_RUNS=20000 npx vitest run test/fuzz.test.ts for a longer search; CI runs 1500 per function.
const RUNS = Number(globalThis.process?.env["FUZZ_RUNS"] ?? 1500);

/** Keys the library reads, and near-misses of them, so objects hit real code paths. */
const KEYS = [
  "value", "weight", "scale", "min", "max", "promoterMin", "detractorMax", "satisfiedMin", "version", "easy", "difficult", "level", "interval",
  "onInvalid", "bands", "from", "label", "components", "handled", "target", "shortAbandon", "abandons", "resolved", "touches", "key", "at",
  "window", "asOf", "openWindows", "start", "automated", "businessHours", "resolution", "timeZone", "period", "weekStartsOn", "hours", "holidays",
  "monday", "arrived", "answered", "ended", "talk", "hold", "afterCallWork", "abandoned", "created", "replies", "solves", "status",
  "firstResponse", "firstCustomerMessage", "customerId", "nps", "csat", "ces", "respondedAt", "comment", "where", "limit", "epoch",
  "promoters", "detractors", "total", "effectiveSize", "positive", "negative", "margin", "population", "score", "promoterShare", "definition",
  "counts", "weights", "toString", "__proto__", "timezone", "promoterMIn",
  "disambiguation", "by", "to", "trailing", "days", "against", "adjust", "sigma", "overdispersion", "dispersion", "percentile", "successes",
  "mean", "standardDeviation", "n", "standardError", "wave", "respondent", "keep", "weighting", "shares", "kind", "method",
  "dialect", "columns", "instants", "durationUnit", "metrics", "column", "agentReplies", "solved", "reopens",
  "agent", "company", "agentNps", "agentCsat", "prior", "alpha", "parent", "minN", "top", "levels", "curvePoints", "groups", "rank",
];

const leaf = fc.oneof(
  fc.constantFrom(null, undefined, 0, -0, 1, -1, 5, 9, 10, 11, 0.5, 1e9, 1772442000, 1e300, -1e300, Number.NaN, Infinity, -Infinity, 20_000, 86_400_000),
  fc.constantFrom("", "x", "9", "skip", "throw", "wilson", "wald", "adjusted-wald", "UTC", "Europe/Berlin", "day", "hour", "week", "month", "ms", "s", "20s", "PT1H"),
  fc.constantFrom("quarter", "half", "year", "Pacific/Apia", "Asia/Kathmandu", "2026-03-29 02:30", "2026-10-25 02:30:00", "earlier", "later", "reject", "holm", "benjamini-hochberg", "previous", "laney", "latest", "transactional", "relationship"),
  fc.constantFrom("2026-03-02T09:00:00Z", "2026-03-02T09:00:00", "2400-01-01T00:00:00Z", "solved", "open", "met", "first", "nps", "09:00", "2026-12-25"),
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
  fc.date({ noInvalidDate: false }),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 5 }),
    fc.func(leaf),
    fc.constant(new Set([1, 2])),
    fc.constant(new Map([[1, 2]])),
    fc.constant(new Float64Array([1, 2, 3])),
    fc.constant(Object.create(null) as unknown),
  ),
})).v;

/** A field that is usually plausible and sometimes anything: reaches the deep checks of each fold. */
const wrong = fc.oneof(fc.constantFrom(null, undefined, "x", Number.NaN, -1, {}, [], true, "false"), value);
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: wrong });
const instant = fc.oneof(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 1, 1) }), fc.constantFrom("2026-03-02T09:00:00Z", "2026-03-02T09:00:00+05:30"));
const duration = fc.integer({ min: 0, max: 3_600_000 });
const contact = fc.record(
  { arrived: mostly(instant), answered: mostly(instant), ended: mostly(instant), abandoned: mostly(fc.boolean()), talk: mostly(duration), hold: mostly(duration), afterCallWork: mostly(duration), customerId: mostly(fc.constantFrom("a", "b", 7)), resolved: mostly(fc.boolean()) },
  { requiredKeys: [] },
);
const reply = fc.record({ at: mostly(instant), automated: mostly(fc.boolean()) }, { requiredKeys: [] });
const ticket = fc.record(
  {
    created: mostly(instant),
    replies: mostly(fc.array(mostly(reply), { maxLength: 3 })),
    solves: mostly(fc.array(mostly(instant), { maxLength: 3 })),
    status: mostly(fc.constantFrom("new", "open", "pending", "on-hold", "solved", "closed")),
    firstResponse: mostly(instant),
    firstCustomerMessage: mostly(instant),
  },
  { requiredKeys: [] },
);
const survey = fc.record({ agentNps: mostly(fc.integer({ min: 0, max: 10 })), agentCsat: mostly(fc.integer({ min: 1, max: 5 })), agent: mostly(fc.constantFrom("x", "y", "z")), nps: mostly(fc.integer({ min: 0, max: 10 })), csat: mostly(fc.integer({ min: 1, max: 5 })), ces: mostly(fc.integer({ min: 1, max: 7 })), respondedAt: mostly(instant), team: mostly(fc.constantFrom("a", "b")) }, { requiredKeys: [] });
const records = fc.oneof(
  fc.array(value, { maxLength: 8 }),
  fc.array(mostly(contact), { maxLength: 8 }),
  fc.array(mostly(ticket), { maxLength: 8 }),
  fc.array(mostly(survey), { maxLength: 8 }),
  fc.array(mostly(fc.integer({ min: 0, max: 10 })), { maxLength: 8 }),
  value,
);
// Mostly valid options, so that the records reach the folds; sometimes anything at all.
const options = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, {}, { onInvalid: "skip" }, { onInvalid: "skip", value: "nps" }, { value: "csat" }, { at: "created" }, { key: "team" }) },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 3 }) },
  { weight: 1, arbitrary: value },
);

/**
 * Calls `f`; fails unless it returns a value without NaN, or throws a CxMetricsError. Parsed records
 * are the caller's own data, passed through (a field of theirs may hold NaN): only the throw is checked.
 */
function check(f: () => unknown, data = false): void {
  let result: unknown;
  try {
    result = f();
  } catch (error) {
    if (!(error instanceof api.CxMetricsError)) throw error;
    expect(typeof error.message).toBe("string");
    return;
  }
  // A safe parse's failure carries the offending value (NaN, say) in its error: that is not a result.
  if (result !== null && typeof result === "object" && (result as { success?: unknown }).success === false) {
    expect((result as { error?: unknown }).error).toBeInstanceOf(api.CxMetricsError);
    return;
  }
  expect(result).not.toBeUndefined();
  if (!data) expect(hasNaN(result)).toBe(false);
}

type Call = readonly [string, (a: unknown, b: unknown, c: unknown) => unknown];
/** A group key from any record (as a string: a NaN key would be the caller's own NaN, passed through). */
const safeString = (v: unknown): string => {
  try {
    return String(v);
  } catch {
    return "unprintable";
  }
};
const agentKey = (r: unknown): string => safeString(r !== null && typeof r === "object" ? (r as { agent?: unknown }).agent : r);
const any = api as unknown as Record<string, (...args: unknown[]) => unknown>;
const anySchemas = schemas as unknown as Record<string, (...args: unknown[]) => unknown>;

const batch = ["nps", "csat", "ces", "aht", "queue", "fcr", "oneTouchResolution", "repeatContactFcr", "frt", "art", "volume", "surveyComments", "agentCompanyNps", "agentCompanyCsat"];
const factories = ["npsMetric", "csatMetric", "cesMetric", "ahtMetric", "queueMetric", "fcrMetric", "oneTouchResolutionMetric", "repeatContactFcrMetric", "frtMetric", "artMetric", "volumeMetric", "agentCompanyNpsMetric", "agentCompanyCsatMetric"];
const calls: Call[] = [
  ...batch.map((name): Call => [name, (a, b) => any[name]!(a, b)]),
  ...factories.map((name): Call => [`${name} fold`, (a, b) => {
    const metric = any[name]!(b) as api.Metric<unknown, unknown, unknown>;
    return metric.result(api.fold(metric, a as unknown[]));
  }]),
  ...factories.map((name): Call => [`${name} methods on foreign states`, (a, b, c) => {
    const metric = any[name]!() as api.Metric<unknown, unknown, unknown>;
    const state = metric.init();
    try {
      metric.add(a as never, b);
    } catch (error) {
      if (!(error instanceof api.CxMetricsError)) throw error;
    }
    try {
      metric.merge(state, c as never);
    } catch (error) {
      if (!(error instanceof api.CxMetricsError)) throw error;
    }
    return metric.result(a as never);
  }]),
  ...["npsCategory", "csatCategory", "cesCategory", "compareNps", "npsSampleSize", "proportionInterval", "netScoreInterval", "percentile", "percentiles", "toEpochMs", "bandOf", "describeValue", "businessCalendar", "durationMs", "normalCdf", "normalPdf", "normalQuantile", "combine", "headlineOf"].map(
    (name): Call => [name, (a, b, c) => any[name]!(a, b, c)],
  ),
  ...["detractorDriver", "unsatisfiedDriver", "shrinkage", "funnelLimits", "rankGroups", "topPerformers", "decomposeChange"].map((name): Call => [name, (a, b, c) => any[name]!(a, b, c)]),
  // The grouped-state functions on real states of records that are mostly valid, with any options.
  ...["shrinkage", "funnelLimits", "rankGroups"].map((name): Call => [`${name} of grouped states`, (a, b) => {
    const metric = api.npsMetric({ value: "nps", onInvalid: "skip" });
    return any[name]!(metric, api.groupStates(metric, a as never[], agentKey), b);
  }]),
  ["shrinkage of csat states", (a, b) => {
    const metric = api.csatMetric({ value: "csat", onInvalid: "skip" });
    return api.shrinkage(metric, api.groupStates(metric, a as never[], agentKey), b as never);
  }],
  ...["shrinkage", "funnelLimits", "rankGroups"].map((name): Call => [`${name} of mean states (ces)`, (a, b) => {
    const metric = api.cesMetric({ value: "ces", onInvalid: "skip" });
    return any[name]!(metric, api.groupStates(metric, a as never[], agentKey), b);
  }]),
  ["topPerformers of a ranking", (a, b) => {
    const metric = api.csatMetric({ value: "csat", onInvalid: "skip" });
    const ranking = api.rankGroups(metric, api.groupStates(metric, a as never[], agentKey));
    return api.topPerformers(ranking, b as never);
  }],
  ["decomposeChange of grouped states", (a, b) => {
    const metric = api.npsMetric({ value: "nps", onInvalid: "skip" });
    const key = (r: unknown): string => safeString(r !== null && typeof r === "object" ? (r as { team?: unknown }).team : r);
    return api.decomposeChange(metric, api.groupStates(metric, a as never[], key), api.groupStates(metric, (Array.isArray(b) ? b : a) as never[], key));
  }],
  ...["periodOf", "periodsBetween", "parseLocalTime", "compareShares", "compareMeans", "compareMedians", "compareEstimates", "adjustPValues", "trendSlope", "relationshipNps", "npsByKind"].map(
    (name): Call => [name, (a, b, c) => any[name]!(a, b, c)],
  ),
  ["localTimeParser", (a, b) => api.localTimeParser(b as never)(a)],
  ...["formatNumber", "formatScore", "formatPercent", "formatCount", "formatDuration", "formatEstimate", "formatInterval", "formatPValue", "display"].map(
    (name): Call => [name, (a, b, c) => any[name]!(Array.isArray(a) ? (a[0] ?? c) : a, b)],
  ),
  ["readRows", (a, b, c) => api.readRows(a as never, b as never, c as never)],
  ["readRows survey", (a, b) => api.readRows(a as never, { kind: "survey", columns: { nps: "nps", respondedAt: "respondedAt", csat: { column: "csat", values: { good: 1 } }, weight: "weight" } }, b as never)],
  ["readRows preset", (a, b) => api.readRows(a as never, api.presets.zendesk, b as never)],
  ["rowReader", (a, b, c) => {
    const reader = api.rowReader({ kind: "ticket", columns: { created: "created", solves: ["solves", "at"], firstResponse: { column: "firstResponse", after: "created" }, agentReplies: "replies", status: "status" } }, b as never);
    if (Array.isArray(c)) reader.header(c as never);
    for (const row of Array.isArray(a) ? a : [a]) reader.read(row);
    return reader.summary();
  }],
  ["specFromHeader", (a, b) => api.specFromHeader(a as never, b as never)],
  ["buildReport", (a, b) => api.buildReport(a as never, b as never)],
  ["buildReport of records", (a, b) => api.buildReport({ surveys: (Array.isArray(a) ? a : []) as never, contacts: (Array.isArray(b) ? b : []) as never }, { by: "team", timeZone: "Asia/Kathmandu", period: "week" })],
  ["reportBuilder", (a, b, c) => {
    const builder = api.reportBuilder(b as never);
    for (const r of Array.isArray(a) ? a : [a]) builder.add((typeof c === "string" ? c : "ticket") as never, r as never);
    return builder.result();
  }],
  ["reportText", (a, b) => api.reportText(a as never, b as never)],
  ["reportHtml", (a, b) => reportHtml(a as never, b as never)],
  ["reportHtml of a report", (a, b) => reportHtml(api.buildReport({ tickets: (Array.isArray(a) ? a : []) as never }), b as never).length],
  ["reportText of a report", (a, b) => api.reportText(api.buildReport({ surveys: (Array.isArray(a) ? a : []) as never }, { by: "channel" }), b as never)],
  ["stateToJSON", (a, b) => api.stateToJSON(a as never, b as never)],
  ["stateFromJSON nps", (a) => api.npsMetric().result(api.stateFromJSON(api.npsMetric(), a))],
  ["stateFromJSON art", (a) => api.artMetric().result(api.stateFromJSON(api.artMetric(), a))],
  ["stateFromBytes", (a, b) => api.stateFromBytes(api.volumeMetric(), (a instanceof Uint8Array ? a : b) as never)],
  ["groupsFromJSON", (a) => api.groupsFromJSON(api.queueMetric(), a)],
  ["groupsToJSON", (a, b) => api.groupsToJSON(a as never, b as never)],
  ["groupColumns", (a, b, c) => api.groupColumns(api.npsMetric({ onInvalid: "skip" }), a as never, b as never, c as never)],
  ["groupColumns bytes", (a, b) => api.groupColumns(api.csatMetric(), Uint8Array.from(Array.isArray(a) ? a.map((x) => (typeof x === "number" ? x : 0)) : []), (Array.isArray(a) ? a.map(() => (typeof b === "number" ? b : 0)) : []) as never, Array.isArray(b) ? (b as never) : undefined)],
  ["quantileSketch", (a, b) => api.quantileSketch(a as never, b as never)],
  ["quantileSketch merge", (a, b) => {
    const m = api.quantileSketchMetric({ onInvalid: "skip" });
    const s = api.fold(m, (Array.isArray(a) ? a : []) as never);
    m.merge(s, (b ?? m.init()) as never);
    return m.result(s);
  }],
  ["sqlPlan", (a, b) => sql.sqlPlan((typeof b === "object" && b !== null ? b : a) as never).queries],
  ["sqlPlan of metrics", (a, b) => sql.sqlPlan({ dialect: typeof a === "string" ? a : "duckdb", from: "t", by: Array.isArray(b) ? b : ["team"], metrics: { nps: sql.sqlNps(b as never), aht: sql.sqlAht(a as never) } } as never).queries],
  ...(["sqlNps", "sqlCsat", "sqlCes", "sqlFcr", "sqlOneTouch", "sqlAht", "sqlQueue", "sqlFrt", "sqlArt"] as const).map((name): Call => [name, (a, b) => sql.sqlPlan({ dialect: "bigquery", from: ["p", "d", "t"], period: { column: "at", period: "week", timeZone: "Asia/Kathmandu" }, metrics: { m: (sql[name] as (o: unknown) => sql.SqlMetric)(b ?? a) } }).queries]),
  ["sqlPlan read", (a, b) => {
    const plan = sql.sqlPlan({ dialect: "duckdb", from: "t", by: ["team"], period: { column: "at", period: "day" }, metrics: { nps: sql.sqlNps(), art: sql.sqlArt() }, onInvalid: b === "skip" ? "skip" : "throw" });
    return plan.read((Array.isArray(a) ? [a, Array.isArray(b) ? b : []] : a) as never).groups;
  }],
  ["duckdbRunner", (a) => sql.duckdbRunner(a as never)],
  ["postgresRunner", (a) => sql.postgresRunner(a as never)],
  ["arrowColumn", (a) => api.arrowColumn(a as never)],
  ["arrowDictionary", (a) => api.arrowDictionary(a as never)],
  ["art sketch", (a, b) => api.art(a as never, { percentiles: "sketch", ...(typeof b === "object" && b !== null && !Array.isArray(b) ? b : {}) } as never)],
  ["aht sketch merge", (a, b) => {
    const m = api.ahtMetric({ percentiles: "sketch", onInvalid: "skip" });
    const s = api.fold(m, (Array.isArray(a) ? a : []) as never);
    m.merge(s, (b ?? m.init()) as never);
    return m.result(s);
  }],
  ["display of a result", (a, b) => api.display(api.nps(a as never, { onInvalid: "skip" }), b as never)],
  ["series nps", (a, b) => api.series(api.npsMetric({ value: "nps", onInvalid: "skip" }), a as never, b as never)],
  ["series any", (a, b, c) => api.series(a as never, b as never, c as never)],
  ["seriesBy csat", (a, b) => api.seriesBy(api.csatMetric({ value: "csat" }), a as never, b as never)],
  ["rolling", (a, b) => {
    const metric = api.npsMetric({ value: "nps" });
    return api.rolling(metric, api.series(metric, a as never[], { at: "respondedAt" as never, period: "day", onInvalid: "skip" }), b as never);
  }],
  ["rolling foreign", (a, b, c) => api.rolling(api.npsMetric(), a as never, (b ?? c) as never)],
  ...["periodOverPeriod", "seriesTrend", "controlChart"].map((name): Call => [`${name} of a series`, (a, b) => {
    const metric = api.csatMetric({ value: "csat", onInvalid: "skip" });
    return any[name]!(metric, api.series(metric, a as never[], { at: "respondedAt" as never, period: "week", onInvalid: "skip" }), b);
  }]),
  ...["periodOverPeriod", "seriesTrend", "controlChart"].map((name): Call => [`${name} foreign`, (a, b, c) => any[name]!(a, b, c)]),
  ["fold", (a, b) => api.fold(a as never, b as never)],
  ["foldInto", (a, b, c) => api.foldInto(api.npsMetric(), a as never, b as never, c as never)],
  ["groupBy", (a, b, c) => api.groupBy(a as never, b as never, c as never)],
  ["groupBy nps", (a, b) => api.groupBy(api.npsMetric(), a as never, b as never)],
  ["groupStates csat", (a, b) => api.groupStates(api.csatMetric({ value: "csat" }), a as never, b as never)],
  ["calendar elapsed", (a, b) => api.businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } }).elapsed(a as never, b as never)],
  ["calendar isOpen", (a) => api.businessCalendar({ timeZone: "UTC", hours: { friday: [["09:00", "17:00"]] } }).isOpen(a as never)],
  ...["parseSurveyResponses", "safeParseSurveyResponses", "parseContacts", "safeParseContacts", "parseTickets", "safeParseTickets", "surveyResponseSchema"].map(
    (name): Call => [`schemas ${name}`, (a, b) => anySchemas[name]!(a, b)],
  ),
];

describe("fuzz: any input gives a result without NaN or a CxMetricsError", () => {
  for (const [name, call] of calls) {
    test.prop([records, options, value], { numRuns: RUNS })(name, (a, b, c) => {
      check(() => call(a, b, c), name.startsWith("schemas parse") || name.startsWith("schemas safeParse"));
    });
  }
});
