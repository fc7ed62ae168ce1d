import { CxMetricsError } from "../core/errors.ts";
import type { Estimate } from "../core/estimate.ts";
import { headlineOf, type Metric } from "../core/metric.ts";
import { checkOptions } from "../core/options.ts";
import type { Contact, SurveyResponse, Ticket } from "../core/records.ts";
import type { EstimateUnit } from "../format/format.ts";
import type { RecordKind } from "../ingest/fields.ts";
import type { MetricDefinitions } from "../ingest/presets.ts";
import type { RowRecords } from "../ingest/reader.ts";
import { agentCompanyNpsMetric } from "../metrics/agent-company.ts";
import { ahtMetric } from "../metrics/aht.ts";
import { artMetric } from "../metrics/art.ts";
import { cesMetric } from "../metrics/ces.ts";
import { csatMetric } from "../metrics/csat.ts";
import { fcrMetric } from "../metrics/fcr.ts";
import { frtMetric } from "../metrics/frt.ts";
import { npsCategory, npsMetric } from "../metrics/nps.ts";
import { oneTouchResolutionMetric } from "../metrics/one-touch.ts";
import type { Exclusions } from "../metrics/ops-types.ts";
import { queueMetric } from "../metrics/queue.ts";
import type { RatingExclusions } from "../metrics/rating-types.ts";
import { volumeMetric } from "../metrics/volume.ts";
import { funnelLimits, rankGroups } from "../analysis/ranking.ts";
import { seriesStream, type SeriesStream } from "../analysis/series.ts";
import { periodOverPeriod, seriesTrend } from "../analysis/trends.ts";
import { epochMsOrNaN } from "../time/instant.ts";
import { periodOf, type PeriodUnit } from "../time/period.ts";
import type { Report, ReportAgents, ReportColumn, ReportComment, ReportRow, ReportScorecard, ReportTrend, ReportValue } from "./types.ts";

/**
 * Options of {@link reportBuilder} and {@link buildReport}.
 *
 * @category Report
 * @example
 * ```ts
 * const options: ReportOptions = { timeZone: "Europe/Berlin", period: "week", by: "team" };
 * ```
 */
export interface ReportOptions {
  /**
   * The report's title.
   * @defaultValue "Contact-center scorecard"
   */
  readonly title?: string;
  /**
   * The center's zone: periods, dates and the heatmap are local to it.
   * @defaultValue "UTC"
   */
  readonly timeZone?: string;
  /**
   * The trend period.
   * @defaultValue "month"
   */
  readonly period?: PeriodUnit;
  /** A record field to group the scorecards by (`"team"`, `"channel"`, `"queue"`). */
  readonly by?: string;
  /** Metric definitions (a preset's `definitions`, or your own). */
  readonly definitions?: MetricDefinitions;
  /**
   * Fewest answers for an agent to be ranked.
   * @defaultValue 30
   */
  readonly minN?: number;
  /**
   * How many of the latest detractor comments to keep.
   * @defaultValue 8
   */
  readonly comments?: number;
}

/**
 * A report folded from records one at a time (a stream, a file larger than memory): `add` each
 * record, `result` once. Memory holds the metrics' states (exact percentiles keep one number per
 * duration), not the records.
 *
 * @category Report
 * @example
 * ```ts
 * const builder = reportBuilder({ timeZone: "UTC" });
 * builder.add("survey", { nps: 10, respondedAt: "2026-03-02T09:00:00Z" });
 * builder.result().survey?.overall.count; // => 1
 * ```
 */
export interface ReportBuilder {
  /** Folds one record of the given kind. */
  add(kind: RecordKind, record: SurveyResponse | Contact | Ticket): void;
  /** Folds the records of a {@link RowReader}'s row. */
  addRow(records: RowRecords): void;
  /** The report so far. */
  result(): Report;
}

const REPORT_KEYS: readonly string[] = ["title", "timeZone", "period", "by", "definitions", "minN", "comments"];
const DEFINITION_KEYS: readonly string[] = ["nps", "csat", "ces", "queue", "frt", "art", "oneTouch"];

type AnyMetric<R> = Metric<R, unknown, unknown>;

/** One metric of the report: its overall state, its per-group states and its trend. */
class Tracked<R> {
  readonly state: unknown;
  readonly groups = new Map<string, unknown>();
  count = 0;

  constructor(
    readonly id: string,
    readonly title: string,
    readonly unit: EstimateUnit,
    readonly metric: AnyMetric<R>,
    readonly series: SeriesStream<R, unknown, unknown> | null,
  ) {
    this.state = metric.init();
  }

  add(record: R, index: number, group: string | null): void {
    this.count++;
    this.metric.add(this.state, record, index);
    if (group !== null) {
      let s = this.groups.get(group);
      if (s === undefined) {
        s = this.metric.init();
        this.groups.set(group, s);
      }
      this.metric.add(s, record, index);
    }
    this.series?.add(record, index);
  }
}

function compact(e: Estimate | null | undefined, n?: number): ReportValue | null {
  if (e === null || e === undefined) return null;
  return { value: e.value, lower: e.interval.lower, upper: e.interval.upper, n: n ?? e.n };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

class Builder implements ReportBuilder {
  private readonly title: string;
  private readonly timeZone: string;
  private readonly period: PeriodUnit;
  private readonly by: string | null;
  private readonly minN: number;
  private readonly keep: number;
  private readonly detractorMax: number;
  private readonly counts = { survey: 0, contact: 0, ticket: 0 };
  private readonly surveyMetrics: Tracked<SurveyResponse>[];
  private readonly contactMetrics: Tracked<Contact>[];
  private readonly ticketMetrics: Tracked<Ticket>[];
  private readonly relationship: Tracked<SurveyResponse>;
  private readonly agentMetric: AnyMetric<SurveyResponse>;
  private readonly agentStates = new Map<string, unknown>();
  private readonly pairs: AnyMetric<SurveyResponse>;
  private readonly pairState: unknown;
  private pairsSeen = 0;
  private invalidGroups = 0;
  private readonly contactVolume: AnyMetric<Contact>;
  private readonly contactVolumeState: unknown;
  private readonly ticketVolume: AnyMetric<Ticket>;
  private readonly ticketVolumeState: unknown;
  private comments: ReportComment[] = [];
  private commentCount = 0;
  /** Records per group of the survey scorecard, and of the operations one. */
  private readonly surveyGroups = new Map<string, number>();
  private readonly opsGroups = new Map<string, number>();

  constructor(options: unknown) {
    const fn = "reportBuilder";
    const o = checkOptions(fn, options, REPORT_KEYS);
    const title = o["title"] ?? "Contact-center scorecard";
    if (typeof title !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "title", value: title, expected: "a string" });
    this.title = title;
    const zone = o["timeZone"] ?? "UTC";
    const period = o["period"] ?? "month";
    // periodOf checks both (and names them) before anything is folded.
    periodOf(0, { timeZone: zone as string, period: period as PeriodUnit });
    this.timeZone = zone as string;
    this.period = period as PeriodUnit;
    const by = o["by"];
    if (by !== undefined && (typeof by !== "string" || by === "")) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "by", value: by, expected: 'a record field such as "team"' });
    this.by = (by as string | undefined) ?? null;
    const minN = o["minN"] ?? 30;
    if (!Number.isInteger(minN) || (minN as number) < 1) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "minN", value: minN, expected: "a whole number, 1 or more" });
    this.minN = minN as number;
    const keep = o["comments"] ?? 8;
    if (!Number.isInteger(keep) || (keep as number) < 0 || (keep as number) > 1000) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "comments", value: keep, expected: "a whole number from 0 to 1000" });
    this.keep = keep as number;
    const d = checkOptions(fn, o["definitions"], DEFINITION_KEYS, "definitions") as MetricDefinitions;
    const skip = { onInvalid: "skip" } as const;
    const series = <R>(metric: AnyMetric<R>, at: string): SeriesStream<R, unknown, unknown> =>
      seriesStream(metric, { at: at as never, period: this.period, timeZone: this.timeZone, onInvalid: "skip" }) as SeriesStream<R, unknown, unknown>;
    const s = <R>(id: string, title: string, unit: EstimateUnit, metric: AnyMetric<R>, at: string | null): Tracked<R> => new Tracked(id, title, unit, metric, at === null ? null : series(metric, at));

    const nps = npsMetric({ ...d.nps, value: "nps", ...skip }) as unknown as AnyMetric<SurveyResponse>;
    this.detractorMax = d.nps?.detractorMax ?? 6;
    this.surveyMetrics = [
      s("nps", "NPS", "score", nps, "respondedAt"),
      s("csat", "CSAT", "percent", csatMetric({ ...d.csat, value: "csat", ...skip }) as unknown as AnyMetric<SurveyResponse>, "respondedAt"),
      s("ces", "CES", "score", cesMetric({ ...d.ces, value: "ces", ...skip }) as unknown as AnyMetric<SurveyResponse>, "respondedAt"),
    ];
    this.relationship = s("rnps", "Relationship NPS", "score", npsMetric({ ...d.nps, value: "nps", ...skip }) as unknown as AnyMetric<SurveyResponse>, "respondedAt");
    this.agentMetric = npsMetric({ ...d.nps, value: "nps", ...skip }) as unknown as AnyMetric<SurveyResponse>;
    this.pairs = agentCompanyNpsMetric({ ...skip }) as unknown as AnyMetric<SurveyResponse>;
    this.pairState = this.pairs.init();
    this.contactMetrics = [
      s("serviceLevel", "Service level", "percent", queueMetric({ ...d.queue, ...skip }) as unknown as AnyMetric<Contact>, "arrived"),
      s("aht", "AHT", "duration", ahtMetric({ ...skip }) as unknown as AnyMetric<Contact>, "arrived"),
      s("fcr", "FCR", "percent", fcrMetric({ ...skip }) as unknown as AnyMetric<Contact>, null),
    ];
    this.ticketMetrics = [
      s("frt", "First reply", "duration", frtMetric({ ...d.frt, ...skip }) as unknown as AnyMetric<Ticket>, null),
      s("oneTouch", "One-touch", "percent", oneTouchResolutionMetric({ ...d.oneTouch, ...skip }) as unknown as AnyMetric<Ticket>, null),
      s("art", "Resolution", "duration", artMetric({ ...d.art, ...skip }) as unknown as AnyMetric<Ticket>, null),
    ];
    this.contactVolume = volumeMetric({ timeZone: this.timeZone, period: this.period, ...skip }) as unknown as AnyMetric<Contact>;
    this.contactVolumeState = this.contactVolume.init();
    this.ticketVolume = volumeMetric<Ticket>({ timeZone: this.timeZone, period: this.period, at: "created", ...skip } as never) as unknown as AnyMetric<Ticket>;
    this.ticketVolumeState = this.ticketVolume.init();
  }

  private groupOf(record: object): string | null {
    if (this.by === null) return null;
    const v = (record as Record<string, unknown>)[this.by];
    if (v === undefined || v === null || v === "") return "(none)";
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
    // An object or function is no group: grouped apart and counted in the notes.
    this.invalidGroups++;
    return "(invalid)";
  }

  add(kind: RecordKind, record: SurveyResponse | Contact | Ticket): void {
    if (typeof record !== "object" || record === null) {
      throw new CxMetricsError({ code: "INVALID_RECORD", fn: "reportBuilder", field: "record", value: record, expected: "a survey answer, contact or ticket object" });
    }
    const group = this.groupOf(record);
    // Relationship answers are not in the survey scorecard, so not in its groups' counts either.
    const scored = kind === "contact" || kind === "ticket" || (kind === "survey" && (record as SurveyResponse).kind !== "relationship");
    if (group !== null && scored) {
      const sizes = kind === "survey" ? this.surveyGroups : this.opsGroups;
      sizes.set(group, (sizes.get(group) ?? 0) + 1);
    }
    if (kind === "survey") {
      const r = record as SurveyResponse;
      const i = this.counts.survey++;
      if (r.kind === "relationship") {
        // Relationship NPS (a periodic survey of the customer base) is not mixed with answers given
        // right after a contact: it has its own figure and trend.
        this.relationship.add(r, i, null);
        this.comment(r, group);
        return;
      }
      for (const m of this.surveyMetrics) m.add(r, i, group);
      const agent = r.agentId;
      if (agent !== undefined && agent !== null && agent !== "") {
        const key = String(agent);
        let st = this.agentStates.get(key);
        if (st === undefined) {
          st = this.agentMetric.init();
          this.agentStates.set(key, st);
        }
        this.agentMetric.add(st, r, i);
      }
      if (r.agentNps !== undefined && r.agentNps !== null) {
        this.pairsSeen++;
        this.pairs.add(this.pairState, r, i);
      }
      this.comment(r, group);
    } else if (kind === "contact") {
      const c = record as Contact;
      const i = this.counts.contact++;
      for (const m of this.contactMetrics) m.add(c, i, group);
      this.contactVolume.add(this.contactVolumeState, c, i);
    } else if (kind === "ticket") {
      const t = record as Ticket;
      const i = this.counts.ticket++;
      for (const m of this.ticketMetrics) m.add(t, i, group);
      this.ticketVolume.add(this.ticketVolumeState, t, i);
    } else {
      throw new CxMetricsError({ code: "INVALID_INPUT", fn: "reportBuilder", field: "kind", value: kind, expected: '"survey", "contact" or "ticket"' });
    }
  }

  addRow(records: RowRecords): void {
    if (records.survey !== undefined) this.add("survey", records.survey);
    if (records.contact !== undefined) this.add("contact", records.contact);
    if (records.ticket !== undefined) this.add("ticket", records.ticket);
  }

  private comment(r: SurveyResponse, group: string | null): void {
    const text = r.comment;
    const score = r.nps;
    if (typeof text !== "string" || text.trim() === "" || typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > this.detractorMax) return;
    if (this.detractorMax === 6 && npsCategory(score) !== "detractor") return;
    this.commentCount++;
    if (this.keep === 0) return;
    const t = r.respondedAt === undefined ? Number.NaN : epochMsOrNaN(r.respondedAt);
    const at = Number.isFinite(t) ? t : null;
    let date = "";
    if (at !== null) {
      try {
        date = periodOf(at, { period: "day", timeZone: this.timeZone }).label;
      } catch (e) {
        // A time outside the calendar's range (year 1800 to 2400): the comment keeps no date.
        if (!(e instanceof CxMetricsError)) throw e;
      }
    }
    this.comments.push({ at: date === "" ? null : at, date, score, group, text: text.trim() });
    if (this.comments.length > 8 * this.keep + 64) this.trimComments();
  }

  private trimComments(): void {
    // Latest first; without a time, after those with one; ties in arrival order (stable sort).
    this.comments.sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
    this.comments.length = Math.min(this.comments.length, this.keep);
  }

  private scorecard(title: string, list: readonly Tracked<never>[], kinds: number, sizes: ReadonlyMap<string, number>): ReportScorecard | null {
    if (kinds === 0) return null;
    const columns: ReportColumn[] = list.map((m) => ({ id: m.id, title: m.title, unit: m.unit }));
    const value = (m: Tracked<never>, state: unknown): ReportValue | null => {
      const result = m.metric.result(state) as Record<string, unknown>;
      if (m.id === "frt" || m.id === "art") {
        const median = result["median"];
        return typeof median === "number" ? { value: median, lower: null, upper: null, n: result["count"] as number } : null;
      }
      return compact(headlineOf(m.metric as Metric<never, unknown, unknown>, result));
    };
    const overall: ReportRow = { key: "all", count: kinds, values: list.map((m) => value(m, m.state)) };
    const keys = new Set<string>();
    for (const m of list) for (const k of m.groups.keys()) keys.add(k);
    const groups: ReportRow[] = [...keys].sort((a, b) => a.localeCompare(b)).map((k) => ({
      key: k,
      count: sizes.get(k) ?? 0,
      values: list.map((m) => (m.groups.has(k) ? value(m, m.groups.get(k)) : null)),
    }));
    // Metrics with no data at all (no CES question in the survey) are left out of the table.
    const keep = columns.map((_, j) => overall.values[j] !== null || groups.some((g) => g.values[j] !== null));
    const pick = <T>(list: readonly T[]): T[] => list.filter((_, j) => keep[j]);
    return { title, columns: pick(columns), overall: { ...overall, values: pick(overall.values) }, groups: groups.map((g) => ({ ...g, values: pick(g.values) })) };
  }

  private trend(m: Tracked<never>): ReportTrend | null {
    if (m.series === null || m.count === 0) return null;
    const s = m.series.result();
    if (s.periods.length === 0) return null;
    const metric = m.metric as Metric<unknown, unknown, unknown>;
    const changes = periodOverPeriod(metric, s);
    const slope = seriesTrend(metric, s);
    return {
      id: m.id,
      title: m.title,
      unit: m.unit,
      periods: s.periods.map((p, j) => {
        const c = changes[j];
        return {
          label: p.label,
          start: p.start,
          value: compact(headlineOf(metric as Metric<never, unknown, unknown>, p.result)),
          change: c?.comparison?.difference ?? null,
          pValue: c?.comparison?.pValue ?? null,
          adjustedPValue: c?.adjustedPValue ?? null,
          significant: c?.significant ?? false,
        };
      }),
      slope: slope === null ? null : { perPeriod: slope.slope, lower: slope.interval.lower, upper: slope.interval.upper, pValue: slope.pValue, direction: slope.direction },
    };
  }

  private agents(): ReportAgents | null {
    const states = this.agentStates;
    if (states.size < 2) return null;
    const metric = this.agentMetric as Metric<never, unknown, unknown>;
    let total = 0;
    for (const st of states.values()) total += ((metric.result(st) as { total: number }).total);
    if (total === 0) return null;
    const ranking = rankGroups(metric, states as Map<string, never>, { minN: this.minN });
    const funnel = funnelLimits(metric, states as Map<string, never>);
    const flag = new Map(funnel.points.map((p) => [p.key, p.direction !== null && (p.beyond ?? 0) >= 99.8 ? p.direction : null]));
    return {
      metric: "NPS",
      minN: this.minN,
      center: funnel.center,
      agents: ranking.groups.map((g) => ({
        key: String(g.key),
        n: g.n,
        raw: compact(g.raw),
        shrunken: compact(g.shrunken) as ReportValue,
        rank: g.rank,
        lift: g.lift?.difference ?? null,
        significant: g.significant,
        funnel: flag.get(g.key) ?? null,
      })),
      funnel: funnel.curve.map((c) => {
        const at = (level: number): { lower: number; upper: number } => c.limits.find((l) => l.level === level) ?? { lower: Number.NaN, upper: Number.NaN };
        return { n: c.n, lower95: at(95).lower, upper95: at(95).upper, lower998: at(99.8).lower, upper998: at(99.8).upper };
      }).filter((c) => Number.isFinite(c.lower95) && Number.isFinite(c.lower998)),
    };
  }

  private notes(): string[] {
    const notes: string[] = [];
    const rating = (title: string, m: Tracked<never>): void => {
      const r = m.metric.result(m.state) as { excluded?: RatingExclusions };
      const e = r.excluded;
      if (e === undefined) return;
      if (e.missing > 0) notes.push(`${plural(e.missing, `survey answer without ${title}`, `survey answers without ${title}`)}: left out of ${title}, never counted as zero.`);
      const bad = e.invalidValue + e.invalidRecord + e.invalidWeight;
      if (bad > 0) notes.push(`${plural(bad, `${title} answer`)} outside the scale or unreadable: left out of ${title}.`);
    };
    if (this.counts.survey > 0) for (const m of [...this.surveyMetrics, this.relationship]) if (m.count > 0) rating(m.title, m as Tracked<never>);
    const ops = (m: Tracked<never>): void => {
      const e = (m.metric.result(m.state) as { excluded?: Exclusions }).excluded;
      if (e !== undefined && e.count > 0) {
        const fields = Object.entries(e.byField).map(([f, n]) => `${f} ${n.toLocaleString("en-US")}`).join(", ");
        notes.push(`${plural(e.count, "record")} left out of ${m.title} for a bad field (${fields}).`);
      }
    };
    if (this.invalidGroups > 0) notes.push(`${plural(this.invalidGroups, "record")} with a ${this.by ?? ""} that is not text or a number: grouped as "(invalid)".`);
    if (this.counts.contact > 0) for (const m of this.contactMetrics) ops(m as Tracked<never>);
    if (this.counts.ticket > 0) for (const m of this.ticketMetrics) ops(m as Tracked<never>);
    return notes;
  }

  result(): Report {
    const transactional = this.counts.survey - this.relationship.count;
    const surveyCard = this.scorecard("Survey", this.surveyMetrics as Tracked<never>[], transactional, this.surveyGroups);
    const opsList = [...(this.counts.contact > 0 ? this.contactMetrics : []), ...(this.counts.ticket > 0 ? this.ticketMetrics : [])] as Tracked<never>[];
    const opsCard = this.scorecard("Operations", opsList, this.counts.contact + this.counts.ticket, this.opsGroups);
    const trends: ReportTrend[] = [];
    for (const m of [...(transactional > 0 ? this.surveyMetrics : []), ...(this.relationship.count > 0 ? [this.relationship] : []), ...(this.counts.contact > 0 ? this.contactMetrics : [])] as Tracked<never>[]) {
      const t = this.trend(m);
      if (t !== null && t.periods.some((p) => p.value !== null)) trends.push(t);
    }
    this.trimComments();
    const pairs = this.pairsSeen > 0 ? (this.pairs.result(this.pairState) as { respondents: number; agent: { score: Estimate | null }; company: { score: Estimate | null }; gap: { difference: number; interval: { lower: number; upper: number }; pValue: number | null } | null; drivers: { low: number; agentDriven: number; companyDriven: number; both: number } }) : null;
    const useContacts = this.counts.contact > 0;
    const volume = useContacts || this.counts.ticket > 0 ? (useContacts ? this.contactVolume.result(this.contactVolumeState) : this.ticketVolume.result(this.ticketVolumeState)) as { heatmap: number[][]; peakHour: { hour: number } | null; peakWeekday: { weekday: string } | null; total: number } : null;
    return {
      title: this.title,
      timeZone: this.timeZone,
      period: this.period,
      by: this.by,
      records: { ...this.counts },
      survey: surveyCard,
      relationship: this.relationship.count === 0 ? null : compact(headlineOf(this.relationship.metric as Metric<never, unknown, unknown>, this.relationship.metric.result(this.relationship.state))),
      operations: opsCard,
      trends,
      agents: this.agents(),
      agentVsCompany:
        pairs === null || pairs.respondents === 0
          ? null
          : {
              respondents: pairs.respondents,
              agent: compact(pairs.agent.score),
              company: compact(pairs.company.score),
              gap: pairs.gap === null ? null : { value: pairs.gap.difference, lower: pairs.gap.interval.lower, upper: pairs.gap.interval.upper, n: pairs.respondents },
              pValue: pairs.gap?.pValue ?? null,
              detractors: pairs.drivers.low,
              agentDriven: pairs.drivers.agentDriven,
              companyDriven: pairs.drivers.companyDriven,
              both: pairs.drivers.both,
            },
      heatmap: volume === null || volume.total === 0 ? null : { of: useContacts ? "contacts" : "tickets", counts: volume.heatmap, peakHour: volume.peakHour?.hour ?? null, peakWeekday: volume.peakWeekday?.weekday ?? null },
      comments: this.comments.slice(),
      commentCount: this.commentCount,
      notes: this.notes(),
    };
  }
}

/**
 * Starts a report folded record by record: see {@link ReportBuilder}. The report holds the survey
 * scorecard (NPS, CSAT, CES with intervals, overall and by `by`; answers of `kind: "relationship"`
 * apart, as relationship NPS), the operations scorecard (service
 * level, AHT, FCR from contacts; first reply, one-touch and resolution from tickets), trends per
 * `period` with period-over-period tests (Holm-adjusted) and slopes, agents ranked on shrunken NPS
 * with funnel limits, agent vs company NPS, the hour-of-week heatmap, the latest detractor comments
 * and notes on everything left out. Every metric runs with `onInvalid: "skip"`, and what it skipped
 * is in `notes`. `definitions` set each metric's options (a preset's vendor definitions).
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options; `add` throws `INVALID_RECORD` for
 * a record that is not an object and `INVALID_INPUT` for an unknown kind.
 * @category Report
 * @example
 * ```ts
 * const builder = reportBuilder({ by: "team" });
 * for (const r of [{ nps: 10, team: "A" }, { nps: 3, team: "B" }]) builder.add("survey", r);
 * builder.result().survey?.groups.map((g) => g.key); // => ["A", "B"]
 * ```
 */
export function reportBuilder(options?: ReportOptions): ReportBuilder {
  return new Builder(options);
}

/**
 * A report from records in memory: {@link reportBuilder} over each list. The result of `readRows`
 * can be given as it is.
 *
 * @throws {@link CxMetricsError} as {@link reportBuilder}; `INVALID_INPUT` for lists that are not arrays.
 * @category Report
 * @example
 * ```ts
 * const report = buildReport({ surveys: [{ nps: 10 }, { nps: 9 }, { nps: 3 }] });
 * report.survey?.overall.values[0]?.value; // => 33.33333333333333
 * ```
 */
export function buildReport(records: { readonly surveys?: readonly SurveyResponse[]; readonly contacts?: readonly Contact[]; readonly tickets?: readonly Ticket[] }, options?: ReportOptions): Report {
  const fn = "buildReport";
  if (typeof records !== "object" || records === null) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "records", value: records, expected: "{ surveys?, contacts?, tickets? }" });
  // An IngestResult from readRows works as it is: its counts are accepted and ignored.
  const o = checkOptions(fn, records, ["surveys", "contacts", "tickets", "rows", "accepted", "rejected", "skipped", "records", "skippedBy", "rejections"], "records");
  const builder = new Builder(options);
  const lists: [RecordKind, unknown][] = [["survey", o["surveys"]], ["contact", o["contacts"]], ["ticket", o["tickets"]]];
  for (const [kind, list] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: `${kind}s`, value: list, expected: "an array of records" });
    for (const r of list) builder.add(kind, r as SurveyResponse);
  }
  return builder.result();
}
