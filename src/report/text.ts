import { CxMetricsError } from "../core/errors.ts";
import { checkOptions } from "../core/options.ts";
import { formatCount, formatDuration, formatPercent, formatPValue, formatScore, type EstimateUnit } from "../format/format.ts";
import { textTable, type Cell } from "../format/table.ts";
import type { Report, ReportScorecard, ReportValue } from "./types.ts";

/**
 * Options of {@link reportText} and `reportHtml`.
 *
 * @category Report
 * @example
 * ```ts
 * const options: ReportFormatOptions = { locale: "de-DE" };
 * ```
 */
export interface ReportFormatOptions {
  /**
   * The locale of numbers.
   * @defaultValue "en-US"
   */
  readonly locale?: string;
}

/** A value in its unit, as the report prints it. @internal */
export function valueText(v: number | null, unit: EstimateUnit, locale: string, signed = false): string {
  if (v === null) return "-";
  switch (unit) {
    case "percent":
      return formatPercent(v, { locale, signed });
    case "duration":
      return formatDuration(v, { locale });
    default:
      return formatScore(v, { locale, signed });
  }
}

/** A report value with its interval: `"12.3 (8.1 to 16.4)"`. @internal */
export function withInterval(v: ReportValue | null, unit: EstimateUnit, locale: string): string {
  if (v === null) return "-";
  const main = valueText(v.value, unit, locale);
  return v.lower === null || v.upper === null ? main : `${main} (${valueText(v.lower, unit, locale)} to ${valueText(v.upper, unit, locale)})`;
}

/** The locale option, checked. @internal */
export function readLocale(fn: string, options: unknown): string {
  const o = checkOptions(fn, options, ["locale"]);
  const locale = o["locale"] ?? "en-US";
  if (typeof locale !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "locale", value: locale, expected: "a BCP 47 locale string" });
  formatCount(0, { locale });
  return locale;
}

/** Throws unless `report` looks like a {@link Report}. @internal */
export function checkReport(fn: string, report: unknown): Report {
  const r = report as Partial<Report> | null;
  if (typeof r !== "object" || r === null || typeof r.title !== "string" || !Array.isArray(r.trends) || !Array.isArray(r.comments) || !Array.isArray(r.notes) || typeof r.records !== "object") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "report", value: report, expected: "a report from buildReport or reportBuilder().result()" });
  }
  return r as Report;
}

function scorecardText(card: ReportScorecard, by: string | null, locale: string): string {
  const cell = (text: string): Cell => ({ text, numeric: true });
  const header = [by ?? "", "n", ...card.columns.map((c) => c.title)];
  const rows = [card.overall, ...card.groups].map((row) => [{ text: row.key, numeric: false }, cell(formatCount(row.count, { locale })), ...row.values.map((v, j) => cell(withInterval(v, card.columns[j]?.unit ?? "score", locale)))]);
  return textTable(header, rows, "  ");
}

/**
 * A report as aligned plain text for a terminal: the scorecards with 95% intervals, the trends with
 * `*` on real changes, the agents with shrunken values and funnel flags, agent vs company, the
 * busiest hours, the detractors' comments and the notes on what was left out.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not a report; `INVALID_OPTION`
 * for bad options.
 * @category Report
 * @example
 * ```ts
 * reportText(buildReport({ surveys: [{ nps: 10 }, { nps: 3 }] })).split("\n")[0]; // => "Contact-center scorecard"
 * ```
 */
export function reportText(report: Report, options?: ReportFormatOptions): string {
  const fn = "reportText";
  const r = checkReport(fn, report);
  const locale = readLocale(fn, options);
  const n = (x: number): string => formatCount(x, { locale });
  const out: string[] = [r.title];
  const kinds = [
    r.records.survey > 0 ? `${n(r.records.survey)} survey answers` : null,
    r.records.contact > 0 ? `${n(r.records.contact)} contacts` : null,
    r.records.ticket > 0 ? `${n(r.records.ticket)} tickets` : null,
  ].filter((x) => x !== null);
  out.push(`${kinds.join(", ") || "no records"}; periods by ${r.period} in ${r.timeZone}; 95% intervals in brackets`);
  if (r.survey !== null) out.push("", "Survey", scorecardText(r.survey, r.by, locale));
  if (r.relationship !== null) out.push("", `Relationship NPS (periodic survey, not mixed with the answers above): ${withInterval(r.relationship, "score", locale)}, n = ${n(r.relationship.n)}`);
  if (r.operations !== null) out.push("", "Operations (first reply and resolution: medians)", scorecardText(r.operations, r.by, locale));
  if (r.trends.length > 0) {
    out.push("", `Trends by ${r.period} (* = real change against the ${r.period} before, Holm-adjusted)`);
    // Trends may cover different periods (a quarterly survey, a queue that opened later): one column per period of any.
    const starts = new Map<string, number>();
    for (const t of r.trends) for (const p of t.periods) starts.set(p.label, p.start);
    const labels = [...starts].sort((a, b) => a[1] - b[1]).map(([label]) => label);
    const header = ["", ...labels, "trend"];
    const rows = r.trends.map((t) => [
      { text: t.title, numeric: false },
      ...labels.map((label) => {
        const p = t.periods.find((x) => x.label === label);
        return { text: p === undefined ? "" : `${valueText(p.value?.value ?? null, t.unit, locale)}${p.significant ? "*" : ""}`, numeric: true };
      }),
      { text: t.slope === null ? "-" : `${valueText(t.slope.perPeriod, t.unit === "duration" ? "duration" : "score", locale, t.unit !== "duration")}/${r.period}, ${t.slope.direction}`, numeric: false },
    ]);
    out.push(textTable(header, rows, "  "));
  }
  if (r.agents !== null) {
    const a = r.agents;
    out.push("", `Agents: ${a.metric} shrunken towards everyone (${valueText(a.center, "score", locale)}), ranked with at least ${n(a.minN)} answers; funnel = outside 99.8% limits`);
    const rows = a.agents.map((g) => [
      { text: g.rank === null ? "-" : String(g.rank), numeric: true },
      { text: g.key, numeric: false },
      { text: n(g.n), numeric: true },
      { text: valueText(g.raw?.value ?? null, "score", locale), numeric: true },
      { text: withInterval(g.shrunken, "score", locale), numeric: true },
      { text: g.lift === null ? "-" : `${valueText(g.lift, "score", locale, true)}${g.significant === null ? "" : "*"}`, numeric: true },
      { text: g.funnel ?? "", numeric: false },
    ]);
    out.push(textTable(["rank", "agent", "n", "raw", "shrunken (95% credible)", "vs rest", "funnel"], rows, "  "));
  }
  const p = r.agentVsCompany;
  if (p !== null) {
    out.push("", `Agent vs company (${n(p.respondents)} answered both questions)`);
    out.push(`  agent NPS ${withInterval(p.agent, "score", locale)}, company NPS ${withInterval(p.company, "score", locale)}, gap ${p.gap === null ? "-" : `${valueText(p.gap.value, "score", locale, true)} (${valueText(p.gap.lower, "score", locale)} to ${valueText(p.gap.upper, "score", locale)}), ${formatPValue(p.pValue, { locale })}`}`);
    if (p.detractors > 0) out.push(`  of ${n(p.detractors)} detractors: ${n(p.agentDriven)} agent-driven, ${n(p.companyDriven)} company-driven, ${n(p.both)} both`);
  }
  if (r.heatmap !== null) {
    const h = r.heatmap;
    const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let first = 24;
    let last = -1;
    h.counts.forEach((row) => row.forEach((c, hour) => {
      if (c > 0) {
        first = Math.min(first, hour);
        last = Math.max(last, hour);
      }
    }));
    out.push("", `Busiest hours: ${h.of} per hour of the week (peak ${h.peakWeekday === null ? "-" : h.peakWeekday.charAt(0).toUpperCase() + h.peakWeekday.slice(1)}, ${h.peakHour === null ? "-" : `${String(h.peakHour).padStart(2, "0")}:00`})`);
    if (last >= first) {
      const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      out.push(textTable(["", ...hours.map((x) => String(x).padStart(2, "0"))], days.map((d, w) => [{ text: d, numeric: false }, ...hours.map((x) => ({ text: n(h.counts[w]?.[x] ?? 0), numeric: true }))]), "  "));
    }
  }
  if (r.comments.length > 0) {
    out.push("", `What detractors said most recently (${n(r.commentCount)} comments in all)`);
    for (const c of r.comments) out.push(`  ${c.date || "-"}  ${c.group === null ? "" : `${c.group}  `}NPS ${c.score}  "${c.text}"`);
  }
  if (r.notes.length > 0) {
    out.push("", "Left out");
    for (const note of r.notes) out.push(`  ${note}`);
  }
  return out.join("\n");
}
