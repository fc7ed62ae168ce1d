/**
 * `cx-metrics/report`: a report as one self-contained HTML file, charts drawn by Observable Plot
 * (bundled into the file, so it opens offline with no server and no network).
 *
 * @packageDocumentation
 * @module cx-metrics/report
 */
import { CxMetricsError, formatCount, formatDuration, formatPercent, formatPValue, formatScore, type EstimateUnit, type Report, type ReportScorecard, type ReportValue } from "cx-metrics";
import { plotScript, plotVersion } from "./vendor/plot.generated.ts";

/**
 * Options of {@link reportHtml}.
 *
 * @category Report
 * @example
 * ```ts
 * const options: ReportHtmlOptions = { locale: "de-DE" };
 * ```
 */
export interface ReportHtmlOptions {
  /**
   * The locale of numbers in tables (charts use the browser's).
   * @defaultValue "en-US"
   */
  readonly locale?: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

function valueText(v: number | null, unit: EstimateUnit, locale: string, signed = false): string {
  if (v === null) return "-";
  if (unit === "percent") return formatPercent(v, { locale, signed });
  if (unit === "duration") return formatDuration(v, { locale });
  return formatScore(v, { locale, signed });
}

function cell(v: ReportValue | null, unit: EstimateUnit, locale: string): string {
  if (v === null) return `<td class="num">-</td>`;
  const interval = v.lower === null || v.upper === null ? "" : `<span class="ci">${esc(valueText(v.lower, unit, locale))} to ${esc(valueText(v.upper, unit, locale))}</span>`;
  return `<td class="num"><strong>${esc(valueText(v.value, unit, locale))}</strong>${interval}</td>`;
}

function scorecard(card: ReportScorecard, by: string | null, locale: string): string {
  const head = `<tr><th>${esc(by ?? "")}</th><th class="num">n</th>${card.columns.map((c) => `<th class="num">${esc(c.title)}</th>`).join("")}</tr>`;
  const rows = [card.overall, ...card.groups]
    .map((row, i) => `<tr${i === 0 ? ' class="overall"' : ""}><th scope="row">${esc(row.key)}</th><td class="num">${esc(formatCount(row.count, { locale }))}</td>${row.values.map((v, j) => cell(v, card.columns[j]?.unit ?? "score", locale)).join("")}</tr>`)
    .join("");
  return `<table class="scorecard"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// The page's own script: reads the report data and draws each chart with Plot. Errors are logged to
// the console (the browser test fails on any console error) and shown in place of the chart.
const DRAW = String.raw`
(function () {
  var data = JSON.parse(document.getElementById("cx-data").textContent);
  var report = data.report;
  function place(id, draw) {
    var el = document.getElementById(id);
    if (!el) return;
    try {
      var chart = draw();
      chart.setAttribute("data-chart", id);
      el.appendChild(chart);
    } catch (e) {
      console.error("cx-metrics: chart " + id + " failed: " + (e && e.message));
      el.textContent = "This chart could not be drawn.";
    }
  }
  function fmt(unit) {
    if (unit === "percent") return function (v) { return v == null ? "-" : v.toFixed(1) + "%"; };
    if (unit === "duration") return function (v) { return v == null ? "-" : (v / 60000).toFixed(1) + " min"; };
    return function (v) { return v == null ? "-" : v.toFixed(1); };
  }
  report.trends.forEach(function (t, i) {
    place("trend-" + i, function () {
      var scale = t.unit === "duration" ? 1 / 60000 : 1;
      var rows = t.periods.filter(function (p) { return p.value !== null; }).map(function (p) {
        return { date: new Date(p.start), label: p.label, value: p.value.value * scale, lower: p.value.lower === null ? null : p.value.lower * scale, upper: p.value.upper === null ? null : p.value.upper * scale, n: p.value.n, significant: p.significant, change: p.change === null ? null : p.change * scale };
      });
      return Plot.plot({
        title: t.title,
        subtitle: "per " + report.period + ", 95% interval band; ringed points are real changes against the " + report.period + " before",
        width: 540, height: 230, marginLeft: 50,
        x: { type: "utc", label: null },
        y: { label: t.unit === "duration" ? t.title + " (min)" : t.unit === "percent" ? t.title + " (%)" : t.title, grid: true },
        marks: [
          Plot.areaY(rows, { x: "date", y1: "lower", y2: "upper", fill: "#4e79a7", fillOpacity: 0.18 }),
          Plot.lineY(rows, { x: "date", y: "value", stroke: "#4e79a7", strokeWidth: 2 }),
          Plot.dot(rows, { x: "date", y: "value", fill: "#4e79a7", r: 3 }),
          Plot.dot(rows.filter(function (r) { return r.significant; }), { x: "date", y: "value", stroke: "#e15759", strokeWidth: 2, r: 7, fill: "none" }),
          Plot.tip(rows, Plot.pointerX({ x: "date", y: "value", title: function (r) { return r.label + ": " + fmt(t.unit === "duration" ? "" : t.unit)(r.value) + (r.lower === null ? "" : " (" + fmt(t.unit === "duration" ? "" : t.unit)(r.lower) + " to " + fmt(t.unit === "duration" ? "" : t.unit)(r.upper) + ")") + ", n = " + r.n + (r.significant ? "\nreal change: " + (r.change > 0 ? "+" : "") + r.change.toFixed(1) : ""); } }))
        ]
      });
    });
  });
  if (report.agents) {
    var a = report.agents;
    place("agents", function () {
      var rows = a.agents.map(function (g) { return { key: g.key, n: g.n, raw: g.raw ? g.raw.value : null, value: g.shrunken.value, lower: g.shrunken.lower, upper: g.shrunken.upper, flag: g.funnel || g.significant || "within" }; });
      return Plot.plot({
        title: "Agents: " + a.metric + " shrunken towards everyone, with 95% credible intervals",
        subtitle: "hollow circles: the agent's own result; colour: outside the funnel or really different from the rest",
        width: 540, height: Math.max(160, 22 * rows.length + 60), marginLeft: 90,
        x: { label: a.metric, grid: true },
        y: { label: null, domain: rows.map(function (r) { return r.key; }) },
        color: { domain: ["above", "within", "below"], range: ["#59a14f", "#9c9c9c", "#e15759"], legend: true },
        marks: [
          Plot.ruleX([a.center], { stroke: "#555", strokeDasharray: "4,3" }),
          Plot.ruleY(rows, { y: "key", x1: "lower", x2: "upper", stroke: "flag", strokeWidth: 2 }),
          Plot.dot(rows, { y: "key", x: "raw", stroke: "#555", r: 3 }),
          Plot.dot(rows, { y: "key", x: "value", fill: "flag", r: 4, tip: true, title: function (r) { return r.key + ": " + r.value.toFixed(1) + " (" + r.lower.toFixed(1) + " to " + r.upper.toFixed(1) + "), raw " + (r.raw === null ? "-" : r.raw.toFixed(1)) + ", n = " + r.n; } })
        ]
      });
    });
    place("funnel", function () {
      var points = a.agents.filter(function (g) { return g.raw; }).map(function (g) { return { key: g.key, n: g.n, value: g.raw.value, flag: g.funnel || "within" }; });
      return Plot.plot({
        title: "Funnel plot: " + a.metric + " against the number of answers",
        subtitle: "dashed: 95% limits, solid: 99.8% limits around everyone's " + a.metric,
        width: 540, height: 300, marginLeft: 50,
        x: { label: "answers", grid: true },
        y: { label: a.metric, grid: true },
        color: { domain: ["above", "within", "below"], range: ["#59a14f", "#9c9c9c", "#e15759"] },
        marks: [
          Plot.ruleY([a.center], { stroke: "#555" }),
          Plot.lineY(a.funnel, { x: "n", y: "lower95", stroke: "#888", strokeDasharray: "4,3" }),
          Plot.lineY(a.funnel, { x: "n", y: "upper95", stroke: "#888", strokeDasharray: "4,3" }),
          Plot.lineY(a.funnel, { x: "n", y: "lower998", stroke: "#555" }),
          Plot.lineY(a.funnel, { x: "n", y: "upper998", stroke: "#555" }),
          Plot.dot(points, { x: "n", y: "value", fill: "flag", r: 4, tip: true, title: function (p) { return p.key + ": " + p.value.toFixed(1) + ", n = " + p.n; } })
        ]
      });
    });
  }
  if (report.heatmap) {
    place("heatmap", function () {
      var days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
      var cells = [];
      report.heatmap.counts.forEach(function (row, w) { row.forEach(function (c, h) { cells.push({ day: days[w], hour: h, count: c }); }); });
      return Plot.plot({
        title: "Busiest hours: " + report.heatmap.of + " per hour of the week (" + report.timeZone + ")",
        width: 560, height: 230, marginLeft: 40, padding: 0.05,
        x: { label: "hour", domain: Array.from({ length: 24 }, function (_, i) { return i; }), tickFormat: function (h) { return h % 3 === 0 ? String(h).padStart(2, "0") : ""; } },
        y: { label: null, domain: days },
        color: { scheme: "blues", legend: true, label: report.heatmap.of },
        marks: [Plot.cell(cells, { x: "hour", y: "day", fill: "count", tip: true, title: function (c) { return c.day + " " + String(c.hour).padStart(2, "0") + ":00: " + c.count; } })]
      });
    });
  }
  document.documentElement.setAttribute("data-charts-drawn", String(document.querySelectorAll("[data-chart]").length));
})();
`;

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; padding: 24px 32px 48px; max-width: 1240px; }
h1 { font-size: 24px; margin: 0 0 4px; }
section > h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
figure h2 { font-size: 15px; margin: 0; } figure h3 { font-size: 12px; font-weight: 400; color: var(--muted); margin: 0 0 6px; }
.meta, .note, .ci, figcaption { color: var(--muted); }
.grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 24px; align-items: start; }
.charts { display: flex; flex-wrap: wrap; gap: 24px 32px; }
.charts > figure { flex: 0 0 auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--bg); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.ci { display: block; font-size: 12px; }
tr.overall th, tr.overall td { font-weight: 600; background: #fbfcfd; }
.comments { list-style: none; padding: 0; margin: 0; }
.comments li { border-left: 3px solid #e15759; background: var(--bg); padding: 6px 10px; margin-bottom: 8px; }
.comments .who { color: var(--muted); font-size: 12px; display: block; }
figure { margin: 0; } .chart { min-height: 40px; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
`;

/**
 * A report as one self-contained HTML page: scorecards with 95% intervals (the latest detractor
 * comments beside them), a trend chart per metric with its interval band and real changes ringed,
 * the agents with their credible intervals and a funnel plot (uncertainty shown, not a bare
 * ranking), the hour-of-week heatmap, and the notes on what was left out. Charts are drawn by
 * Observable Plot, whose script is inside the page: it opens offline, from a file, with no network
 * request. The report's data is in the page as JSON (`<script id="cx-data">`).
 *
 * @throws {@link cx-metrics!CxMetricsError} `INVALID_INPUT` for a value that is not a report; `INVALID_OPTION`
 * for bad options.
 * @category Report
 * @example
 * ```ts
 * import { buildReport } from "cx-metrics";
 * import { reportHtml } from "cx-metrics/report";
 * const html = reportHtml(buildReport({ surveys: [{ nps: 10 }, { nps: 3 }] }));
 * html.startsWith("<!doctype html>"); // => true
 * ```
 */
export function reportHtml(report: Report, options?: ReportHtmlOptions): string {
  const fn = "reportHtml";
  const r = report as Partial<Report> | null;
  if (typeof r !== "object" || r === null || typeof r.title !== "string" || !Array.isArray(r.trends) || !Array.isArray(r.comments) || !Array.isArray(r.notes) || typeof r.records !== "object" || r.records === null) {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "report", value: report, expected: "a report from buildReport or reportBuilder().result()" });
  }
  if (options !== undefined && (typeof options !== "object" || options === null || Object.keys(options).some((k) => k !== "locale"))) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "options", value: options, expected: "{ locale? }" });
  }
  const locale = options?.locale ?? "en-US";
  if (typeof locale !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "locale", value: locale, expected: "a BCP 47 locale string" });
  formatCount(0, { locale });
  const rep = report;
  const n = (x: number): string => formatCount(x, { locale });
  const parts: string[] = [];
  const kinds = [rep.records.survey > 0 ? `${n(rep.records.survey)} survey answers` : "", rep.records.contact > 0 ? `${n(rep.records.contact)} contacts` : "", rep.records.ticket > 0 ? `${n(rep.records.ticket)} tickets` : ""].filter((x) => x !== "");
  parts.push(`<header><h1>${esc(rep.title)}</h1><p class="meta">${esc(kinds.join(", ") || "no records")}; periods by ${esc(rep.period)} in ${esc(rep.timeZone)}; every figure with its 95% interval.</p></header>`);
  const comments =
    rep.comments.length === 0
      ? ""
      : `<aside><h3>What detractors said most recently</h3><ul class="comments">${rep.comments.map((c) => `<li><span class="who">${esc(c.date || "-")}${c.group === null ? "" : ` · ${esc(c.group)}`} · NPS ${c.score}</span>${esc(c.text)}</li>`).join("")}</ul><p class="note">${n(rep.commentCount)} detractor comments in all.</p></aside>`;
  if (rep.survey !== null) {
    const rel = rep.relationship === null ? "" : `<p>Relationship NPS (periodic survey, kept apart): <strong>${esc(valueText(rep.relationship.value, "score", locale))}</strong> <span class="note">(${esc(valueText(rep.relationship.lower, "score", locale))} to ${esc(valueText(rep.relationship.upper, "score", locale))}), n = ${n(rep.relationship.n)}</span></p>`;
    parts.push(`<section id="survey"><h2>Survey</h2><div class="grid"><div>${scorecard(rep.survey, rep.by, locale)}${rel}</div>${comments}</div></section>`);
  } else if (comments !== "") {
    parts.push(`<section id="comments"><h2>Comments</h2>${comments}</section>`);
  }
  if (rep.operations !== null) parts.push(`<section id="operations"><h2>Operations</h2>${scorecard(rep.operations, rep.by, locale)}<p class="note">First reply and resolution: medians (no interval).</p></section>`);
  if (rep.trends.length > 0) parts.push(`<section id="trends"><h2>Trends</h2><div class="charts">${rep.trends.map((_, i) => `<figure class="chart" id="trend-${i}"></figure>`).join("")}</div></section>`);
  if (rep.agents !== null) {
    const a = rep.agents;
    const rows = a.agents
      .map((g) => `<tr><td class="num">${g.rank ?? "-"}</td><th scope="row">${esc(g.key)}</th><td class="num">${n(g.n)}</td><td class="num">${esc(valueText(g.raw?.value ?? null, "score", locale))}</td>${cell(g.shrunken, "score", locale)}<td class="num">${g.lift === null ? "-" : esc(valueText(g.lift, "score", locale, true)) + (g.significant === null ? "" : "*")}</td><td>${g.funnel ?? ""}</td></tr>`)
      .join("");
    parts.push(
      `<section id="agents-section"><h2>Agents</h2><div class="charts"><figure class="chart" id="agents"></figure><figure class="chart" id="funnel"></figure></div>` +
        `<details><summary>The table (ranked on the shrunken value, at least ${n(a.minN)} answers; * = really different from the rest after Holm's adjustment)</summary><table><thead><tr><th class="num">rank</th><th>agent</th><th class="num">n</th><th class="num">raw</th><th class="num">shrunken (95% credible)</th><th class="num">vs rest</th><th>funnel</th></tr></thead><tbody>${rows}</tbody></table></details></section>`,
    );
  }
  const p = rep.agentVsCompany;
  if (p !== null) {
    parts.push(
      `<section id="agent-vs-company"><h2>Agent vs company</h2><p>${n(p.respondents)} answered both questions: agent NPS <strong>${esc(valueText(p.agent?.value ?? null, "score", locale))}</strong>, company NPS <strong>${esc(valueText(p.company?.value ?? null, "score", locale))}</strong>, gap ${p.gap === null ? "-" : `<strong>${esc(valueText(p.gap.value, "score", locale, true))}</strong> (${esc(valueText(p.gap.lower, "score", locale))} to ${esc(valueText(p.gap.upper, "score", locale))}, ${esc(formatPValue(p.pValue))})`}.` +
        (p.detractors > 0 ? ` Of ${n(p.detractors)} detractors: ${n(p.agentDriven)} agent-driven, ${n(p.companyDriven)} company-driven, ${n(p.both)} both.` : "") +
        `</p></section>`,
    );
  }
  if (rep.heatmap !== null) parts.push(`<section id="volume"><h2>Volume</h2><figure class="chart" id="heatmap"></figure></section>`);
  if (rep.notes.length > 0) parts.push(`<section id="notes"><h2>Left out</h2><ul>${rep.notes.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></section>`);
  parts.push(`<footer><p class="note">Made with cx-metrics; charts by Observable Plot ${esc(plotVersion)}.</p></footer>`);
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(rep.title)}</title><style>${STYLE}</style></head><body>${parts.join("\n")}` +
    `<script id="cx-data" type="application/json">${scriptJson({ report: rep })}</script>` +
    `<script>${plotScript}</script><script>${DRAW}</script></body></html>\n`
  );
}
