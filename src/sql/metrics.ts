/**
 * The metrics `sqlPlan` compiles: what each computes in SQL (its sufficient statistics) and how the
 * rows are read back into the library's own state, so results come from the metric's own `result`.
 *
 * @internal
 * @module
 */
import {
  ahtMetric,
  artMetric,
  cesMetric,
  csatMetric,
  CxMetricsError,
  fcrMetric,
  frtMetric,
  npsMetric,
  oneTouchResolutionMetric,
  queueMetric,
  type AhtOptions,
  type AhtResult,
  type AhtState,
  type ArtOptions,
  type ArtResult,
  type ArtState,
  type CesOptions,
  type CesResult,
  type CsatOptions,
  type CsatResult,
  type DurationState,
  type DurationStats,
  type ExclusionState,
  type FcrOptions,
  type FcrResult,
  type FcrState,
  type FrtOptions,
  type FrtResult,
  type FrtState,
  type Metric,
  type NpsOptions,
  type NpsResult,
  type OneTouchOptions,
  type OneTouchResult,
  type OneTouchState,
  type QueueOptions,
  type QueueResult,
  type QueueState,
  type RatingState,
} from "cx-metrics";

/**
 * One metric for `sqlPlan`: the library's metric (for the state's definition and the result), the
 * SQL that computes its sufficient statistics, and the reader of the returned row. Made by
 * {@link sqlNps} and its siblings; opaque.
 *
 * @category SQL
 * @example
 * ```ts
 * const m: SqlMetric<NpsResult> = sqlNps({ columns: { value: "ltr" } });
 * ```
 */
export interface SqlMetric<Result = unknown> {
  /** The metric's name, as the library's metric (`"nps"`, `"aht"`, ...). */
  readonly name: string;
  /** The library's metric the states belong to (percentiles by sketch for duration metrics): merge and read states with it. */
  readonly metric: Omit<Metric<never, unknown, Result>, "headline">;
  /** @internal */
  readonly compile: (ctx: SqlContext) => SqlReader<Result>;
}

/** What a metric's SQL is written with. @internal */
export interface SqlContext {
  /** The quoted column named by the option `columns.<field>` (or the record field's own name). */
  column(field: string): string;
  /** Epoch ms of an instant column. */
  instant(field: string): string;
  /** A duration column in ms. */
  duration(field: string): string;
  /** Adds an aggregate; returns its alias for `read`. */
  aggregate(expr: string): string;
  /** Counts rows where `condition` holds; returns its alias. */
  count(condition: string): string;
  /** Adds a duration part (an expression, NULL where a row has none): count, sum, spread, bounds, target count, exact percentiles and sketch bins; returns its number. */
  durations(value: string, target: number, alpha: number): number;
  /** The dialect's sorted list of `expr` where `condition` holds. */
  list(expr: string, condition: string): string;
  /** A finite number as SQL. */
  number(x: number): string;
}

/** Reads one row: values by alias, durations by part. @internal */
export interface SqlRowValues {
  /** The number in the aggregate `alias` (0 for NULL). */
  number(alias: string): number;
  /** The list in the aggregate `alias`, as numbers (empty for NULL). */
  list(alias: string): number[];
  /** Fills `state` (an empty sketch state) from duration part `part`; returns its exact percentiles. */
  durations(part: number, state: DurationState): ExactPercentiles;
}

/** Exact type-7 percentiles of a duration part, from SQL (`null` without durations). @internal */
export interface ExactPercentiles {
  readonly median: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
}

/** A compiled metric: reads a row into a state, and a state into the result with SQL's exact percentiles. @internal */
export interface SqlReader<Result> {
  read(row: SqlRowValues, invalid: (field: string, count: number) => void): { state: unknown; result: Result };
}

/**
 * Options of {@link sqlNps}: the definition options of {@link npsMetric} and the score's column.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlNpsOptions = { columns: { value: "likely_to_recommend" } };
 * ```
 */
export interface SqlNpsOptions extends Omit<NpsOptions<never>, "value" | "weight" | "onInvalid" | "bands"> {
  /** The score's column. */
  readonly columns?: SqlRatingColumns;
  /** Interpretation bands for the score, as in the core's npsMetric. */
  readonly bands?: NpsOptions<never>["bands"];
}

/**
 * Options of {@link sqlCsat}: the definition options of {@link csatMetric} and the score's column.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlCsatOptions = { columns: { value: "csat" }, scale: { min: 1, max: 5 } };
 * ```
 */
export interface SqlCsatOptions extends Omit<CsatOptions<never>, "value" | "weight" | "onInvalid"> {
  /** The score's column. */
  readonly columns?: SqlRatingColumns;
}

/**
 * Options of {@link sqlCes}: the definition options of {@link cesMetric} and the score's column.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlCesOptions = { columns: { value: "effort" } };
 * ```
 */
export interface SqlCesOptions extends Omit<CesOptions<never>, "value" | "weight" | "onInvalid"> {
  /** The score's column. */
  readonly columns?: SqlRatingColumns;
}

/**
 * The column of a rating metric's score in SQL.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlRatingColumns = { value: "likely_to_recommend" };
 * ```
 */
export interface SqlRatingColumns {
  /** The score's column: a number on the metric's scale, NULL when unanswered. @defaultValue "value" */
  readonly value?: string;
}

/**
 * The column of {@link sqlFcr}'s answer.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlFcrColumns = { resolved: "resolved_first_time" };
 * ```
 */
export interface SqlFcrColumns {
  /** A boolean column, NULL when unknown. @defaultValue "resolved" */
  readonly resolved?: string;
}

/**
 * The columns of {@link sqlOneTouch}.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlOneTouchColumns = { agentReplies: "replies" };
 * ```
 */
export interface SqlOneTouchColumns {
  /** The status as text: `new`, `open`, `pending`, `on-hold`, `solved`, `closed`. @defaultValue "status" */
  readonly status?: string;
  /** The count of agent replies (a whole number, NULL when unknown), or `null` when the table has no such column. @defaultValue "agentReplies" */
  readonly agentReplies?: string | null;
}

/**
 * The columns of {@link sqlAht}: durations in the plan's `durationUnit`, NULL when missing.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlAhtColumns = { talk: "talk_ms", hold: "hold_ms", afterCallWork: "acw_ms" };
 * ```
 */
export interface SqlAhtColumns {
  /** The instant the contact was answered; NULL for a contact not handled. @defaultValue "answered" */
  readonly answered?: string;
  /** Talk time. @defaultValue "talk" */
  readonly talk?: string;
  /** Hold time. @defaultValue "hold" */
  readonly hold?: string;
  /** After-call work. @defaultValue "afterCallWork" */
  readonly afterCallWork?: string;
}

/**
 * The columns of {@link sqlQueue}: instants, NULL when it did not happen.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlQueueColumns = { arrived: "queued_at", abandoned: null };
 * ```
 */
export interface SqlQueueColumns {
  /** The instant the contact entered the queue. @defaultValue "arrived" */
  readonly arrived?: string;
  /** The instant it was answered. @defaultValue "answered" */
  readonly answered?: string;
  /** The instant it left the queue unanswered. @defaultValue "ended" */
  readonly ended?: string;
  /** A boolean (TRUE abandoned, FALSE flowed out, NULL not recorded), or `null` when the table has no such column. @defaultValue "abandoned" */
  readonly abandoned?: string | null;
}

/**
 * The columns of {@link sqlFrt}: instants.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlFrtColumns = { created: "created_at", firstResponse: "first_reply_at" };
 * ```
 */
export interface SqlFrtColumns {
  /** The ticket's creation. @defaultValue "created" */
  readonly created?: string;
  /** The first agent response, NULL while the ticket awaits one. @defaultValue "firstResponse" */
  readonly firstResponse?: string;
}

/**
 * The columns of {@link sqlArt}.
 *
 * @category SQL
 * @example
 * ```ts
 * const c: SqlArtColumns = { created: "created_at", solved: "solved_at", reopens: null };
 * ```
 */
export interface SqlArtColumns {
  /** The ticket's creation (an instant). @defaultValue "created" */
  readonly created?: string;
  /** The resolution's instant, NULL while open (first or last solve: the column's choice). @defaultValue "solved" */
  readonly solved?: string;
  /** Reopens (a whole number, NULL as 0), or `null` when the table has no such column. @defaultValue "reopens" */
  readonly reopens?: string | null;
}

const COLUMN_KEYS = new Set(["columns"]);

/** The options without `columns`, for the library's metric (which checks them). */
function metricOptions(options: object | undefined): Record<string, unknown> | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== "object" || Array.isArray(options)) return options as never;
  // fromEntries defines own properties: a key "__proto__" stays a key (refused by the metric's
  // option check as unknown), where assigning it would set the copy's prototype.
  return Object.fromEntries(Object.entries(options).filter(([k]) => !COLUMN_KEYS.has(k)));
}

/** A rating metric's SQL: one count per scale point, missing (NULL) and invalid (anything else) answers. */
function ratingSql<R>(name: string, metric: Metric<never, RatingState, R>): SqlMetric<R> {
  return {
    name,
    metric,
    compile(ctx) {
      const empty = metric.init();
      const v = ctx.column("value");
      const points = Array.from(empty.counts, (_, k) => empty.min + k);
      const counts = points.map((p) => ctx.count(`${v} = ${p}`));
      const missing = ctx.count(`${v} IS NULL`);
      const invalid = ctx.count(`${v} IS NOT NULL AND ${v} NOT IN (${points.join(", ")})`);
      return {
        read(row, reportInvalid) {
          const state = metric.init();
          counts.forEach((alias, k) => (state.counts[k] = row.number(alias)));
          state.missing = row.number(missing);
          const bad = row.number(invalid);
          if (bad > 0) reportInvalid("value", bad);
          state.invalidValue = bad;
          return { state, result: metric.result(state) };
        },
      };
    },
  };
}

/** The options `fn`'s columns name, checked; a misspelt field is an error; `optional` fields may be null (no such column). */
function columnsOf(fn: string, options: unknown, fields: readonly string[], optional: readonly string[] = []): Readonly<Record<string, string | null>> {
  const columns = (options as { columns?: unknown } | undefined)?.columns;
  if (columns === undefined) return {};
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "columns", value: columns, expected: `an object naming the column of ${fields.map((f) => `"${f}"`).join(", ")}` });
  }
  for (const [k, v] of Object.entries(columns)) {
    if (!fields.includes(k)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: `columns.${k}`, value: v, expected: `one of ${fields.map((f) => `"${f}"`).join(", ")}` });
    if (typeof v !== "string" && !(v === null && optional.includes(k))) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: `columns.${k}`, value: v, expected: optional.includes(k) ? "a column name (a string), or null when the table has none" : "a column name (a string)" });
    }
  }
  return columns as Readonly<Record<string, string | null>>;
}

/** Attaches the column map to a metric spec (read by the plan through `columnsFor`). */
const COLUMN_MAPS = new WeakMap<SqlMetric, Readonly<Record<string, string | null>>>();

/** The column map of a spec: a column name, or null for an optional field the table lacks. @internal */
export function columnsFor(spec: SqlMetric): Readonly<Record<string, string | null>> {
  return COLUMN_MAPS.get(spec) ?? {};
}

function withColumns<R>(spec: SqlMetric<R>, columns: Readonly<Record<string, string | null>>): SqlMetric<R> {
  COLUMN_MAPS.set(spec as SqlMetric, columns);
  return Object.freeze(spec);
}

/**
 * NPS in SQL: the count of each score from the scale's lowest to its highest point, NULL scores as
 * missing and anything else as invalid; read back into {@link npsMetric}'s state, so the score, its
 * interval and comparisons are the library's. Unweighted (weights stay in JavaScript).
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "answers", metrics: { nps: sqlNps({ columns: { value: "ltr" } }) } });
 * ```
 */
export function sqlNps(options?: SqlNpsOptions): SqlMetric<NpsResult> {
  const columns = columnsOf("sqlNps", options, ["value"]);
  return withColumns(ratingSql("nps", npsMetric(metricOptions(options) as never) as Metric<never, RatingState, NpsResult>), columns);
}

/**
 * CSAT in SQL: counts per scale point, as {@link sqlNps}, read into {@link csatMetric}'s state.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "answers", metrics: { csat: sqlCsat({ columns: { value: "csat" } }) } });
 * ```
 */
export function sqlCsat(options?: SqlCsatOptions): SqlMetric<CsatResult> {
  const columns = columnsOf("sqlCsat", options, ["value"]);
  return withColumns(ratingSql("csat", csatMetric(metricOptions(options) as never) as Metric<never, RatingState, CsatResult>), columns);
}

/**
 * CES in SQL: counts per scale point, as {@link sqlNps}, read into {@link cesMetric}'s state.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "answers", metrics: { ces: sqlCes({ columns: { value: "effort" } }) } });
 * ```
 */
export function sqlCes(options?: SqlCesOptions): SqlMetric<CesResult> {
  const columns = columnsOf("sqlCes", options, ["value"]);
  return withColumns(ratingSql("ces", cesMetric(metricOptions(options) as never) as Metric<never, RatingState, CesResult>), columns);
}

/**
 * Options of {@link sqlFcr}: {@link fcrMetric}'s interval options and the column of the answer.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlFcrOptions = { columns: { resolved: "resolved_first_time" } };
 * ```
 */
export interface SqlFcrOptions extends Omit<FcrOptions<never>, "resolved" | "onInvalid"> {
  /** The answer's column. */
  readonly columns?: SqlFcrColumns;
}

/**
 * First-contact resolution in SQL from a boolean column (a survey's "was it resolved?" or an agent's
 * flag): resolved, unresolved and NULL (missing) counts, read into {@link fcrMetric}'s state. The
 * repeat-contact FCR (`repeatContactFcr`) needs each customer's contacts in order within a window:
 * it is not compiled, compute it from the rows.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "contacts", metrics: { fcr: sqlFcr() } });
 * ```
 */
export function sqlFcr(options?: SqlFcrOptions): SqlMetric<FcrResult> {
  const columns = columnsOf("sqlFcr", options, ["resolved"]);
  const metric = fcrMetric(metricOptions(options) as never) as unknown as Metric<never, FcrState, FcrResult>;
  return withColumns(
    {
      name: "fcr",
      metric,
      compile(ctx) {
        const r = ctx.column("resolved");
        const yes = ctx.count(`${r} = TRUE`);
        const no = ctx.count(`${r} = FALSE`);
        const missing = ctx.count(`${r} IS NULL`);
        return {
          read(row) {
            const state = metric.init();
            state.resolved = row.number(yes);
            state.unresolved = row.number(no);
            state.missing = row.number(missing);
            return { state, result: metric.result(state) };
          },
        };
      },
    },
    columns,
  );
}

/**
 * Options of {@link sqlOneTouch}: {@link oneTouchResolutionMetric}'s options and the columns of the
 * status and the count of agent replies.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlOneTouchOptions = { columns: { status: "status", agentReplies: "replies" } };
 * ```
 */
export interface SqlOneTouchOptions extends Omit<OneTouchOptions, "onInvalid"> {
  /** The status and reply-count columns. */
  readonly columns?: SqlOneTouchColumns;
}

const SOLVED = "('solved', 'closed')";
const NOT_SOLVED = "('new', 'open', 'pending', 'on-hold')";

/**
 * One-touch resolution in SQL: solved tickets (status `solved` or `closed`) by their count of agent
 * replies (0, 1, 2 or more, NULL as missing) and unsolved tickets, read into
 * {@link oneTouchResolutionMetric}'s state. Other statuses and negative or fractional counts are invalid.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "tickets", metrics: { oneTouch: sqlOneTouch() } });
 * ```
 */
export function sqlOneTouch(options?: SqlOneTouchOptions): SqlMetric<OneTouchResult> {
  const columns = columnsOf("sqlOneTouch", options, ["status", "agentReplies"], ["agentReplies"]);
  const metric = oneTouchResolutionMetric(metricOptions(options) as never) as unknown as Metric<never, OneTouchState, OneTouchResult>;
  return withColumns(
    {
      name: "oneTouchResolution",
      metric,
      compile(ctx) {
        const s = ctx.column("status");
        const n = ctx.column("agentReplies");
        const solved = `${s} IN ${SOLVED}`;
        const zero = ctx.count(`${solved} AND ${n} = 0`);
        const one = ctx.count(`${solved} AND ${n} = 1`);
        const many = ctx.count(`${solved} AND ${n} >= 2 AND ${n} = FLOOR(${n})`);
        const missing = ctx.count(`${solved} AND ${n} IS NULL`);
        const unsolved = ctx.count(`${s} IN ${NOT_SOLVED}`);
        const badStatus = ctx.count(`${s} IS NULL OR NOT (${s} IN ${SOLVED} OR ${s} IN ${NOT_SOLVED})`);
        const badReplies = ctx.count(`${solved} AND (${n} < 0 OR ${n} <> FLOOR(${n}))`);
        return {
          read(row, invalid) {
            const state = metric.init();
            state.zero = row.number(zero);
            state.one = row.number(one);
            state.many = row.number(many);
            state.missingReplies = row.number(missing);
            state.unsolved = row.number(unsolved);
            exclude(state.excluded, "status", row.number(badStatus), invalid);
            exclude(state.excluded, "agentReplies", row.number(badReplies), invalid);
            return { state, result: metric.result(state) };
          },
        };
      },
    },
    columns,
  );
}

/** Counts `count` invalid values of `field` into `excluded` (after `invalid` had its say). */
function exclude(excluded: ExclusionState, field: string, count: number, invalid: (field: string, count: number) => void): void {
  if (count === 0) return;
  invalid(field, count);
  excluded.count += count;
  excluded.byField[field] = (excluded.byField[field] ?? 0) + count;
}

/** The number after `key=` in a state definition (`"queue(target=20000,shortAbandon=0,...)"`). */
function definitionNumber(definition: string, key: string): number {
  const m = new RegExp(`[(,]${key}=([^,)]*)`).exec(definition);
  return m === null ? Number.NaN : Number(m[1]);
}

/** The relative accuracy of a sketch duration state. */
function alphaOf(state: DurationState): number {
  return state.sketch?.alpha ?? 0.01;
}

/** Replaces a duration result's percentiles by SQL's exact ones (the state's sketch only serves merging). */
function exact(stats: DurationStats, p: ExactPercentiles): DurationStats {
  return { ...stats, median: p.median, p90: p.p90, p95: p.p95 };
}

/** Sketch percentiles for the states: exact ones cannot be merged from sufficient statistics. */
function sketchOptions(options: object | undefined, fn: string, refused: readonly string[]): Record<string, unknown> {
  const o = metricOptions(options) ?? {};
  if (o === null || typeof o !== "object") return o;
  for (const key of refused) {
    if (o[key] !== undefined) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: key, value: o[key], expected: `nothing: ${key} is not compiled to SQL (compute it from the rows in JavaScript)` });
    }
  }
  if (o["percentiles"] !== undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "percentiles", value: o["percentiles"], expected: "nothing: results carry SQL's exact percentiles, states a sketch (set relativeAccuracy)" });
  return { ...o, percentiles: "sketch" };
}

/**
 * Options of {@link sqlAht}: {@link ahtMetric}'s options (`target`, interval and sketch
 * `relativeAccuracy`), with the component and `answered` columns.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlAhtOptions = { columns: { answered: "answered_at", talk: "talk_ms", hold: "hold_ms", afterCallWork: "acw_ms" }, target: "6m" };
 * ```
 */
export interface SqlAhtOptions extends Omit<AhtOptions<never>, "components" | "handled" | "onInvalid" | "percentiles"> {
  /** The answered instant's and each component's column. */
  readonly columns?: SqlAhtColumns;
}

/**
 * Average handle time in SQL: handled contacts (`answered` not NULL), each component's sum and
 * missing count, and the handle time (the sum of the components present) as a duration part (count,
 * sum, spread, bounds, target count, exact percentiles, sketch bins); read into {@link ahtMetric}'s
 * state with `percentiles: "sketch"`, the result carrying SQL's exact percentiles.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "calls", metrics: { aht: sqlAht({ target: "6m" }) } });
 * ```
 */
export function sqlAht(options?: SqlAhtOptions): SqlMetric<AhtResult> {
  const names = ["talk", "hold", "afterCallWork"];
  const columns = columnsOf("sqlAht", options, ["answered", ...names]);
  const metric = ahtMetric(sketchOptions(options, "sqlAht", []) as never) as unknown as Metric<never, AhtState, AhtResult>;
  const target = definitionNumber(metric.init().definition, "target");
  return withColumns(
    {
      name: "aht",
      metric,
      compile(ctx) {
        const handled = `${ctx.column("answered")} IS NOT NULL`;
        const parts = names.map((n) => ctx.duration(n));
        const bad = parts.map((p) => `(${p} < 0)`).join(" OR ");
        const ok = `${handled} AND NOT (${parts.map((p) => `COALESCE(${p} < 0, FALSE)`).join(" OR ")})`;
        const sums = parts.map((p) => ctx.aggregate(`SUM(CASE WHEN ${ok} THEN ${p} END)`));
        const missing = parts.map((p) => ctx.count(`${ok} AND ${p} IS NULL`));
        const unanswered = ctx.count(`NOT (${handled})`);
        const invalid = ctx.count(`${handled} AND (${bad})`);
        const handle = ctx.durations(`CASE WHEN ${ok} THEN ${parts.map((p) => `COALESCE(${p}, 0)`).join(" + ")} END`, target, alphaOf(metric.init().handleTimes));
        return {
          read(row, report) {
            const state = metric.init();
            state.unanswered = row.number(unanswered);
            sums.forEach((a, k) => (state.sums[k] = row.number(a)));
            missing.forEach((a, k) => (state.missing[k] = row.number(a)));
            const p = row.durations(handle, state.handleTimes);
            exclude(state.excluded, "components", row.number(invalid), report);
            const r = metric.result(state);
            return { state, result: { ...r, handleTime: exact(r.handleTime, p) } };
          },
        };
      },
    },
    columns,
  );
}

/**
 * Options of {@link sqlQueue}: {@link queueMetric}'s options (`target`, `shortAbandon`, `abandoned`
 * treatment, intervals, sketch `relativeAccuracy`) with the instant columns.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlQueueOptions = { columns: { arrived: "queued_at", answered: "answered_at", ended: "ended_at" }, target: "20s" };
 * ```
 */
export interface SqlQueueOptions extends Omit<QueueOptions, "onInvalid" | "percentiles"> {
  /** The instants' and the abandon flag's columns. */
  readonly columns?: SqlQueueColumns;
}

/**
 * Service level, abandonment and speed of answer in SQL, by {@link queueMetric}'s rules: an answered
 * contact's wait (answered - arrived) as a duration part; a contact that ended unanswered is a
 * flow-out when `abandoned` is FALSE, a short abandon when its wait is under `shortAbandon`, else
 * abandoned (within the target or not); no end and no answer is still waiting. Rows breaking the
 * rules (an answer before arrival, answered and flagged abandoned, ...) are invalid.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "calls", metrics: { queue: sqlQueue({ target: "20s" }) } });
 * ```
 */
export function sqlQueue(options?: SqlQueueOptions): SqlMetric<QueueResult> {
  const columns = columnsOf("sqlQueue", options, ["arrived", "answered", "ended", "abandoned"], ["abandoned"]);
  const metric = queueMetric(sketchOptions(options, "sqlQueue", []) as never) as unknown as Metric<never, QueueState, QueueResult>;
  const definition = metric.init().definition;
  const target = definitionNumber(definition, "target");
  const shortAbandon = definitionNumber(definition, "shortAbandon");
  return withColumns(
    {
      name: "queue",
      metric,
      compile(ctx) {
        const arrived = ctx.instant("arrived");
        const answered = ctx.instant("answered");
        const ended = ctx.instant("ended");
        const flag = ctx.column("abandoned");
        const wait = `(${ended} - ${arrived})`;
        const invalidArrived = `${arrived} IS NULL`;
        const invalidAnswer = `${arrived} IS NOT NULL AND ${answered} < ${arrived}`;
        const invalidFlag = `${arrived} IS NOT NULL AND ${answered} >= ${arrived} AND COALESCE(${flag} = TRUE, FALSE)`;
        const invalidEnd = `NOT (${invalidArrived}) AND ${answered} IS NULL AND ((${ended} IS NULL AND COALESCE(${flag} = TRUE, FALSE)) OR ${ended} < ${arrived})`;
        const unanswered = `${arrived} IS NOT NULL AND ${answered} IS NULL AND ${ended} IS NOT NULL AND ${ended} >= ${arrived}`;
        const abandonedCase = `${unanswered} AND NOT COALESCE(${flag} = FALSE, FALSE) AND ${wait} >= ${ctx.number(shortAbandon)}`;
        const part = ctx.durations(`CASE WHEN ${arrived} IS NOT NULL AND ${answered} >= ${arrived} AND NOT COALESCE(${flag} = TRUE, FALSE) THEN ${answered} - ${arrived} END`, target, alphaOf(metric.init().answerWaits));
        const a = {
          waiting: ctx.count(`${arrived} IS NOT NULL AND ${answered} IS NULL AND ${ended} IS NULL AND NOT COALESCE(${flag} = TRUE, FALSE)`),
          flowedOut: ctx.count(`${unanswered} AND COALESCE(${flag} = FALSE, FALSE)`),
          shortAbandoned: ctx.count(`${unanswered} AND NOT COALESCE(${flag} = FALSE, FALSE) AND ${wait} < ${ctx.number(shortAbandon)}`),
          abandoned: ctx.count(abandonedCase),
          abandonedWithin: ctx.count(`${abandonedCase} AND ${wait} <= ${ctx.number(Number.isFinite(target) ? target : Number.MAX_VALUE)}`),
          abandonWaitSum: ctx.aggregate(`SUM(CASE WHEN ${abandonedCase} THEN ${wait} END)`),
          badArrived: ctx.count(invalidArrived),
          badAnswer: ctx.count(invalidAnswer),
          badFlag: ctx.count(invalidFlag),
          badEnd: ctx.count(invalidEnd),
        };
        return {
          read(row, report) {
            const state = metric.init();
            state.waiting = row.number(a.waiting);
            state.flowedOut = row.number(a.flowedOut);
            state.shortAbandoned = row.number(a.shortAbandoned);
            state.abandoned = row.number(a.abandoned);
            state.abandonedWithin = row.number(a.abandonedWithin);
            state.abandonWaitSum = row.number(a.abandonWaitSum);
            const p = row.durations(part, state.answerWaits);
            exclude(state.excluded, "arrived", row.number(a.badArrived), report);
            exclude(state.excluded, "answered", row.number(a.badAnswer), report);
            exclude(state.excluded, "abandoned", row.number(a.badFlag), report);
            exclude(state.excluded, "ended", row.number(a.badEnd), report);
            const r = metric.result(state);
            return { state, result: { ...r, answerWait: exact(r.answerWait, p) } };
          },
        };
      },
    },
    columns,
  );
}

/**
 * Options of {@link sqlFrt}: {@link frtMetric}'s `target`, intervals and sketch `relativeAccuracy`,
 * with the `created` and `firstResponse` columns.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlFrtOptions = { columns: { created: "created_at", firstResponse: "first_reply_at" }, target: "1h" };
 * ```
 */
export interface SqlFrtOptions extends Omit<FrtOptions, "onInvalid" | "percentiles" | "start" | "automated" | "businessHours"> {
  /** The instants' columns. */
  readonly columns?: SqlFrtColumns;
}

/**
 * First response time in SQL, in calendar time, by {@link frtMetric}'s rules from the first
 * response's instant: responded tickets' times as a duration part, the creation instants of tickets
 * still awaiting one (a list: the open ages need them), and the latest instant seen. Business hours,
 * a start at the customer's first message and separate automated replies are not compiled (they
 * need each ticket's calendar or replies): compute those from the rows.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "tickets", metrics: { frt: sqlFrt({ target: "1h" }) } });
 * ```
 */
export function sqlFrt(options?: SqlFrtOptions): SqlMetric<FrtResult> {
  const columns = columnsOf("sqlFrt", options, ["created", "firstResponse"]);
  const metric = frtMetric(sketchOptions(options, "sqlFrt", ["start", "automated", "businessHours"]) as never) as unknown as Metric<never, FrtState, FrtResult>;
  const target = definitionNumber(metric.init().definition, "target");
  return withColumns(
    {
      name: "frt",
      metric,
      compile(ctx) {
        const created = ctx.instant("created");
        const first = ctx.instant("firstResponse");
        const valid = `${created} IS NOT NULL AND (${first} IS NULL OR ${first} >= ${created})`;
        const part = ctx.durations(`CASE WHEN ${valid} THEN ${first} - ${created} END`, target, alphaOf(metric.init().agent));
        const awaiting = ctx.list(created, `${valid} AND ${first} IS NULL`);
        const latest = ctx.aggregate(`MAX(CASE WHEN ${valid} THEN COALESCE(${first}, ${created}) END)`);
        const badCreated = ctx.count(`${created} IS NULL`);
        const badFirst = ctx.count(`${created} IS NOT NULL AND ${first} < ${created}`);
        return {
          read(row, report) {
            const state = metric.init();
            const p = row.durations(part, state.agent);
            state.awaiting.starts = row.list(awaiting);
            const seen = row.number(latest);
            if (state.agent.count + state.awaiting.starts.length > 0) state.awaiting.latest = seen;
            exclude(state.excluded, "created", row.number(badCreated), report);
            exclude(state.excluded, "firstResponse", row.number(badFirst), report);
            const r = metric.result(state);
            return { state, result: { ...r, ...exact(r, p) } };
          },
        };
      },
    },
    columns,
  );
}

/**
 * Options of {@link sqlArt}: {@link artMetric}'s `target`, intervals and sketch `relativeAccuracy`,
 * with the columns of creation, resolution and the count of reopens.
 *
 * @category SQL
 * @example
 * ```ts
 * const o: SqlArtOptions = { columns: { created: "created_at", solved: "solved_at", reopens: "reopens" }, target: "24h" };
 * ```
 */
export interface SqlArtOptions extends Omit<ArtOptions, "onInvalid" | "percentiles" | "resolution" | "businessHours"> {
  /** The creation, resolution and reopens columns. */
  readonly columns?: SqlArtColumns;
}

/**
 * Average resolution time in SQL, in calendar time: resolved tickets' times (solved - created) as a
 * duration part, the creation instants of open tickets (a list), reopened tickets and reopens, and
 * the latest instant seen; read into {@link artMetric}'s state. The resolution point is the `solved`
 * column's (a warehouse keeps one instant per ticket: the first solve or the last); business hours
 * are not compiled.
 *
 * @category SQL
 * @example
 * ```ts
 * const plan = sqlPlan({ dialect: "duckdb", from: "tickets", metrics: { art: sqlArt({ target: "24h" }) } });
 * ```
 */
export function sqlArt(options?: SqlArtOptions): SqlMetric<ArtResult> {
  const columns = columnsOf("sqlArt", options, ["created", "solved", "reopens"], ["reopens"]);
  const metric = artMetric(sketchOptions(options, "sqlArt", ["resolution", "businessHours"]) as never) as unknown as Metric<never, ArtState, ArtResult>;
  const target = definitionNumber(metric.init().definition, "target");
  return withColumns(
    {
      name: "art",
      metric,
      compile(ctx) {
        const created = ctx.instant("created");
        const solved = ctx.instant("solved");
        const reopens = ctx.column("reopens");
        const validReopens = `COALESCE(${reopens} >= 0 AND ${reopens} = FLOOR(${reopens}), TRUE)`;
        const valid = `${created} IS NOT NULL AND (${solved} IS NULL OR ${solved} >= ${created}) AND ${validReopens}`;
        const part = ctx.durations(`CASE WHEN ${valid} THEN ${solved} - ${created} END`, target, alphaOf(metric.init().resolved));
        const open = ctx.list(created, `${valid} AND ${solved} IS NULL`);
        const latest = ctx.aggregate(`MAX(CASE WHEN ${valid} THEN COALESCE(${solved}, ${created}) END)`);
        const reopened = ctx.count(`${valid} AND ${reopens} > 0`);
        const reopenSum = ctx.aggregate(`SUM(CASE WHEN ${valid} THEN COALESCE(${reopens}, 0) END)`);
        const badCreated = ctx.count(`${created} IS NULL`);
        const badSolved = ctx.count(`${created} IS NOT NULL AND ${solved} < ${created}`);
        const badReopens = ctx.count(`${created} IS NOT NULL AND NOT COALESCE(${solved} < ${created}, FALSE) AND NOT ${validReopens}`);
        return {
          read(row, report) {
            const state = metric.init();
            const p = row.durations(part, state.resolved);
            state.open.starts = row.list(open);
            if (state.resolved.count + state.open.starts.length > 0) state.open.latest = row.number(latest);
            state.reopenedTickets = row.number(reopened);
            state.reopens = row.number(reopenSum);
            exclude(state.excluded, "created", row.number(badCreated), report);
            exclude(state.excluded, "solved", row.number(badSolved), report);
            exclude(state.excluded, "reopens", row.number(badReopens), report);
            const r = metric.result(state);
            return { state, result: { ...r, ...exact(r, p) } };
          },
        };
      },
    },
    columns,
  );
}
