import type { EstimateUnit } from "../format/format.ts";
import type { RecordCounts } from "../ingest/fields.ts";

/**
 * A number of a report with its interval (`lower`/`upper` are `null` for figures without one, such
 * as a median) and the count it rests on.
 *
 * @category Report
 * @example
 * ```ts
 * const v: ReportValue = { value: 12.5, lower: -20.1, upper: 42.8, n: 8 };
 * ```
 */
export interface ReportValue {
  /** The figure. */
  readonly value: number;
  /** Lower end of its interval (95% unless the report says otherwise), or `null`. */
  readonly lower: number | null;
  /** Upper end of its interval, or `null`. */
  readonly upper: number | null;
  /** Answers, contacts or tickets behind it. */
  readonly n: number;
}

/**
 * A column of a scorecard: which metric, how its numbers read.
 *
 * @category Report
 * @example
 * ```ts
 * const c: ReportColumn = { id: "nps", title: "NPS", unit: "score" };
 * ```
 */
export interface ReportColumn {
  /** A stable id (`"nps"`, `"serviceLevel"`). */
  readonly id: string;
  /** The heading. */
  readonly title: string;
  /** How the numbers are formatted. */
  readonly unit: EstimateUnit;
}

/**
 * A row of a scorecard: one value per column (`null` where there is no data).
 *
 * @category Report
 * @example
 * ```ts
 * const r: ReportRow = { key: "Billing", count: 120, values: [null] };
 * ```
 */
export interface ReportRow {
  /** `"all"` or the group's key. */
  readonly key: string;
  /** Records in the row. */
  readonly count: number;
  /** Values, aligned with the columns. */
  readonly values: readonly (ReportValue | null)[];
}

/**
 * A scorecard: columns, the overall row and one row per group.
 *
 * @category Report
 * @example
 * ```ts
 * const s: ReportScorecard = { title: "Survey", columns: [], overall: { key: "all", count: 0, values: [] }, groups: [] };
 * ```
 */
export interface ReportScorecard {
  /** The heading. */
  readonly title: string;
  /** The metrics shown. */
  readonly columns: readonly ReportColumn[];
  /** Everyone. */
  readonly overall: ReportRow;
  /** One row per value of `by`, by key. */
  readonly groups: readonly ReportRow[];
}

/**
 * One period of a trend: the value with its interval and the test against the period before.
 *
 * @category Report
 * @example
 * ```ts
 * const p: ReportPeriod = { label: "2026-03", start: 0, value: null, change: null, pValue: null, adjustedPValue: null, significant: false };
 * ```
 */
export interface ReportPeriod {
  /** The period's label (`"2026-03"`, `"2026-W10"`). */
  readonly label: string;
  /** Its start, epoch ms. */
  readonly start: number;
  /** The headline in the period, or `null` without data. */
  readonly value: ReportValue | null;
  /** Change against the period before, or `null`. */
  readonly change: number | null;
  /** p-value of that change. */
  readonly pValue: number | null;
  /** The p-value adjusted over all the trend's periods (Holm). */
  readonly adjustedPValue: number | null;
  /** Whether the change is real at 95% after adjustment. */
  readonly significant: boolean;
}

/**
 * A metric per period with its changes and slope.
 *
 * @category Report
 * @example
 * ```ts
 * const t: ReportTrend = { id: "nps", title: "NPS", unit: "score", periods: [], slope: null };
 * ```
 */
export interface ReportTrend {
  /** The metric's id, as in the scorecard's columns. */
  readonly id: string;
  /** The heading. */
  readonly title: string;
  /** How the numbers are formatted. */
  readonly unit: EstimateUnit;
  /** Every period from the first to the last with data (empty ones included, `value: null`). */
  readonly periods: readonly ReportPeriod[];
  /** The weighted least-squares slope per period, or `null` with fewer than three periods. */
  readonly slope: ReportSlope | null;
}

/**
 * A trend's slope: change per period with its 95% interval.
 *
 * @category Report
 * @example
 * ```ts
 * const s: ReportSlope = { perPeriod: 2.1, lower: 0.4, upper: 3.8, pValue: 0.02, direction: "rising" };
 * ```
 */
export interface ReportSlope {
  /** Change per period, in the metric's unit. */
  readonly perPeriod: number;
  /** Lower end of its 95% interval. */
  readonly lower: number;
  /** Upper end. */
  readonly upper: number;
  /** p-value of "no trend". */
  readonly pValue: number;
  /** `"rising"`, `"falling"` or `"no clear trend"`. */
  readonly direction: string;
}

/**
 * An agent in the report's agent table: raw and shrunken results, the funnel flag and the lift.
 *
 * @category Report
 * @example
 * ```ts
 * const a: ReportAgent = { key: "a-1", n: 40, raw: null, shrunken: { value: 20, lower: 5, upper: 33, n: 40 }, rank: 1, lift: null, significant: null, funnel: null };
 * ```
 */
export interface ReportAgent {
  /** The agent. */
  readonly key: string;
  /** Answers. */
  readonly n: number;
  /** The agent's own result. */
  readonly raw: ReportValue | null;
  /** Shrunken towards everyone (empirical Bayes) with its 95% credible interval. */
  readonly shrunken: ReportValue;
  /** Rank on the shrunken value among agents with at least `minN` answers, or `null`. */
  readonly rank: number | null;
  /** Difference against everyone else, or `null`. */
  readonly lift: number | null;
  /** `"above"`/`"below"` when the lift is real after Holm's adjustment. */
  readonly significant: "above" | "below" | null;
  /** `"above"`/`"below"` when outside the 99.8% funnel limits. */
  readonly funnel: "above" | "below" | null;
}

/**
 * The agents section: who is really different, with the uncertainty shown.
 *
 * @category Report
 * @example
 * ```ts
 * const s: ReportAgents = { metric: "NPS", minN: 30, center: 20, agents: [], funnel: [] };
 * ```
 */
export interface ReportAgents {
  /** The metric ranked. */
  readonly metric: string;
  /** Fewest answers to be ranked. */
  readonly minN: number;
  /** Everyone's value (the funnel's centre). */
  readonly center: number;
  /** The agents, best shrunken value first. */
  readonly agents: readonly ReportAgent[];
  /** Funnel limits over n (95% and 99.8%), for drawing. */
  readonly funnel: readonly ReportFunnelPoint[];
}

/**
 * The funnel limits at one number of answers.
 *
 * @category Report
 * @example
 * ```ts
 * const p: ReportFunnelPoint = { n: 100, lower95: 2, upper95: 38, lower998: -8, upper998: 46 };
 * ```
 */
export interface ReportFunnelPoint {
  /** Answers. */
  readonly n: number;
  /** Lower 95% limit. */
  readonly lower95: number;
  /** Upper 95% limit. */
  readonly upper95: number;
  /** Lower 99.8% limit. */
  readonly lower998: number;
  /** Upper 99.8% limit. */
  readonly upper998: number;
}

/**
 * Agent vs company NPS in the report (two-question surveys).
 *
 * @category Report
 * @example
 * ```ts
 * const a: ReportAgentVsCompany = { respondents: 0, agent: null, company: null, gap: null, pValue: null, detractors: 0, agentDriven: 0, companyDriven: 0, both: 0 };
 * ```
 */
export interface ReportAgentVsCompany {
  /** Respondents who answered both questions. */
  readonly respondents: number;
  /** Agent NPS. */
  readonly agent: ReportValue | null;
  /** Company NPS. */
  readonly company: ReportValue | null;
  /** Agent minus company (paired), with its 95% interval. */
  readonly gap: ReportValue | null;
  /** p-value of the gap. */
  readonly pValue: number | null;
  /** Detractors on either question. */
  readonly detractors: number;
  /** Detractors of the agent only. */
  readonly agentDriven: number;
  /** Detractors of the company only. */
  readonly companyDriven: number;
  /** Detractors of both. */
  readonly both: number;
}

/**
 * Records per hour of the week.
 *
 * @category Report
 * @example
 * ```ts
 * const h: ReportHeatmap = { of: "contacts", counts: [], peakHour: null, peakWeekday: null };
 * ```
 */
export interface ReportHeatmap {
  /** What is counted. */
  readonly of: "contacts" | "tickets";
  /** 7 rows, Monday first, of 24 hourly counts in the report's zone. */
  readonly counts: readonly (readonly number[])[];
  /** The busiest hour of the day, or `null`. */
  readonly peakHour: number | null;
  /** The busiest weekday (`"monday"`...), or `null`. */
  readonly peakWeekday: string | null;
}

/**
 * A comment of a low-scoring respondent.
 *
 * @category Report
 * @example
 * ```ts
 * const c: ReportComment = { at: 0, date: "2026-03-02", score: 3, group: "Billing", text: "Waited 40 minutes" };
 * ```
 */
export interface ReportComment {
  /** When answered (epoch ms), or `null`. */
  readonly at: number | null;
  /** The local date, or `""`. */
  readonly date: string;
  /** The NPS answer. */
  readonly score: number;
  /** The respondent's group (`by`), or `null`. */
  readonly group: string | null;
  /** What they wrote. */
  readonly text: string;
}

/**
 * A whole report as data: what `reportText` prints and `reportHtml` draws, and what `--json`
 * writes. Sections without data are `null`.
 *
 * @category Report
 * @example
 * ```ts
 * const empty: Report = reportBuilder().result();
 * empty.survey; // => null
 * ```
 */
export interface Report {
  /** The title. */
  readonly title: string;
  /** The zone every period and date is local to. */
  readonly timeZone: string;
  /** The trend period. */
  readonly period: string;
  /** The field groups are made by, or `null`. */
  readonly by: string | null;
  /** Survey answers, contacts and tickets folded. */
  readonly records: RecordCounts;
  /** Survey scorecard (transactional and untyped answers), or `null` without them. */
  readonly survey: ReportScorecard | null;
  /** Relationship NPS (answers of `kind: "relationship"`, kept out of the survey scorecard), or `null`. */
  readonly relationship: ReportValue | null;
  /** Operations scorecard (contacts and tickets), or `null` without them. */
  readonly operations: ReportScorecard | null;
  /** Trends of every headline with data. */
  readonly trends: readonly ReportTrend[];
  /** The agents section, or `null` with fewer than two agents. */
  readonly agents: ReportAgents | null;
  /** Agent vs company NPS (two-question surveys), or `null` without agent answers. */
  readonly agentVsCompany: ReportAgentVsCompany | null;
  /** Contacts (or, without contacts, tickets) per hour of the week: 7 rows Monday first, 24 hours. */
  readonly heatmap: ReportHeatmap | null;
  /** The latest comments of detractors. */
  readonly comments: readonly ReportComment[];
  /** Detractor comments in all. */
  readonly commentCount: number;
  /** What was left out and why, one sentence each. */
  readonly notes: readonly string[];
}
