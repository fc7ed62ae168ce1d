// npm run tour: a tour of the library's API (the demo before it became the command line), printed
// from the bundled sample data set: survey metrics
// from examples/data/survey-responses.json, operational metrics from contacts.json and tickets.json
// (all made by scripts/generate-sample.ts from fixed seeds).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  adjustPValues,
  agentCompanyNps,
  agentCompanyNpsMetric,
  decomposeChange,
  funnelLimits,
  groupStates,
  rankGroups,
  topPerformers,
  type LowScoreDrivers,
  ahtMetric,
  art,
  businessCalendar,
  cesMetric,
  combine,
  compareNps,
  contactCenterNpsBands,
  controlChart,
  csatMetric,
  fcr,
  fold,
  frt,
  groupBy,
  npsCategory,
  npsByKind,
  npsMetric,
  oneTouchResolution,
  periodOf,
  periodOverPeriod,
  queueMetric,
  repeatContactFcr,
  repeatContactFcrMetric,
  relationshipNps,
  series,
  seriesBy,
  seriesTrend,
  surveyComments,
  volume,
  type DurationStats,
  type Estimate,
  type Interval,
} from "cx-metrics";
import { parseContacts, parseSurveyResponses, parseTickets, type ParsedContact, type ParsedSurveyResponse } from "cx-metrics/schemas";

/** An estimate's value and interval, or null for an empty group. */
const val = (e: Estimate | null | undefined): number | null => e?.value ?? null;
const ci = (e: Estimate | null | undefined): Interval | null => e?.interval ?? null;

const file = resolve(import.meta.dirname, "..", "examples", "data", "survey-responses.json");
// Validate once at the boundary; the metrics then fold clean records with no schema work per record.
const responses = parseSurveyResponses(JSON.parse(readFileSync(file, "utf8")));
const transactional = responses.filter((r) => r.kind === "transactional");
const relationship = responses.filter((r) => r.kind === "relationship");

const scorecard = combine({
  nps: npsMetric({ value: "nps", bands: contactCenterNpsBands }),
  csat: csatMetric({ value: "csat" }),
  ces: cesMetric({ value: "ces" }),
});

// The center's time zone: every period below is local to it.
const TIME_ZONE = "Asia/Kolkata";
const month = (r: ParsedSurveyResponse): string => periodOf(r.respondedAt ?? 0, { period: "month", timeZone: TIME_ZONE }).label;
const localDate = (t: number | undefined): string => periodOf(t ?? 0, { period: "day", timeZone: TIME_ZONE }).label;

/** toFixed without "-0.0" for values that round to zero. */
const fixed = (x: number | null, digits = 1): string => (x === null ? "-" : (Number(x.toFixed(digits)) === 0 ? 0 : x).toFixed(digits));
const signed = (x: number | null, digits = 1): string => (x === null ? "-" : `${Number(x.toFixed(digits)) > 0 ? "+" : ""}${fixed(x, digits)}`);
const pValue = (p: number | null): string => (p === null ? "p n/a" : p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);
const range = (i: Interval | null, digits = 1): string => (i === null ? "" : `${fixed(i.lower, digits)} to ${fixed(i.upper, digits)}`);
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);
const int = (x: number): string => x.toLocaleString("en-US");

function row(label: string, card: ReturnType<typeof scorecard.result>): string {
  const { nps, csat, ces } = card;
  return (
    pad(label, 12) +
    lpad(signed(val(nps.score)), 7) +
    lpad(`(${range(ci(nps.score))})`, 17) +
    lpad(int(nps.total), 7) +
    lpad(`${fixed(val(csat.score))}%`, 9) +
    lpad(fixed(val(csat.mean), 2), 7) +
    lpad(fixed(val(ces.mean), 2), 7) +
    lpad(signed(val(ces.netEasy), 0), 8)
  );
}
const header = `${pad("", 12)}${lpad("NPS", 7)}${lpad("95% CI", 17)}${lpad("n", 7)}${lpad("CSAT", 9)}${lpad("mean", 7)}${lpad("CES", 7)}${lpad("net easy", 9)}`;

function table(title: string, groups: Map<string, ReturnType<typeof scorecard.result>>): void {
  console.log(`\n${title}`);
  console.log(header);
  for (const [key, card] of [...groups].sort(([a], [b]) => a.localeCompare(b))) console.log(row(key, card));
}

const overall = scorecard.result(fold(scorecard, transactional));
const relationshipMetric = npsMetric({ value: "nps" });
const rel = relationshipMetric.result(fold(relationshipMetric, relationship));

console.log("cx-metrics demo: survey scorecard");
console.log(`${int(responses.length)} responses (${int(transactional.length)} transactional, ${int(relationship.length)} relationship), Jan-Jun 2026, ${TIME_ZONE}`);

console.log("\nOverall, transactional surveys");
const n = overall.nps;
console.log(
  `  NPS   ${signed(val(n.score))}  (95% CI ${range(ci(n.score))}, ${n.score?.interval.method})  ${n.band}  ` +
    `promoters ${fixed(n.promoterShare, 0)}% / passives ${fixed(n.passiveShare, 0)}% / detractors ${fixed(n.detractorShare, 0)}%, n = ${int(n.total)}`,
);
console.log(`  CSAT  ${fixed(val(overall.csat.score))}% satisfied (4-5 of 5; 95% CI ${range(ci(overall.csat.score))}, Wilson), mean ${fixed(val(overall.csat.mean), 2)}, n = ${int(overall.csat.total)}`);
console.log(
  `  CES   mean ${fixed(val(overall.ces.mean), 2)} of 7, easy ${fixed(val(overall.ces.easyShare), 0)}%, difficult ${fixed(overall.ces.difficultShare, 0)}%, ` +
    `net easy ${signed(val(overall.ces.netEasy), 0)}, n = ${int(overall.ces.total)}`,
);
console.log(
  `  Left out, never counted as zeros: ${n.excluded.missing} missing NPS, ${overall.csat.excluded.missing} missing CSAT, ${overall.ces.excluded.missing} missing CES answers`,
);
console.log(`\nRelationship NPS (quarterly survey)  ${signed(val(rel.score))}  (95% CI ${range(ci(rel.score))}), n = ${int(rel.total)}`);

table("By channel", groupBy(scorecard, transactional, (r) => r.channel ?? "?"));
table("By team", groupBy(scorecard, transactional, (r) => r.team ?? "?"));

console.log("\nNPS by month, change against the month before (flags adjusted for the number of tests, Holm)");
const npsByAnswer = npsMetric({ value: "nps" });
const monthly = series(npsByAnswer, transactional, { at: "respondedAt", period: "month", timeZone: TIME_ZONE });
const changes = periodOverPeriod(npsByAnswer, monthly);
monthly.periods.forEach((p, j) => {
  const c = changes[j]!.comparison;
  const flag = c === null ? "" : changes[j]!.significant ? "  * real change" : "  within noise";
  console.log(
    `  ${p.label}  ${lpad(signed(val(p.result.score)), 6)}  n = ${lpad(int(p.result.total), 3)}` +
      (c === null ? "" : `   ${lpad(signed(c.difference), 6)} (95% CI ${range(c.interval)}, ${pValue(c.pValue)}, adjusted ${pValue(changes[j]!.adjustedPValue)})${flag}`),
  );
});
const slope = seriesTrend(npsByAnswer, monthly);
if (slope !== null) console.log(`  trend ${signed(slope.slope)} points a month (95% CI ${range(slope.interval)}, ${pValue(slope.pValue)}): ${slope.direction}`);
const chart = controlChart(npsByAnswer, monthly);
if (chart !== null) console.log(`  control limits around ${signed(chart.center)}${chart.laney ? ` (Laney-widened, sigma_z ${fixed(chart.sigmaZ, 2)})` : ""}: ${chart.periods.filter((p) => p.signal !== null).map((p) => `${p.label} ${p.signal}`).join(", ") || "no month outside"}`);

console.log("\nNPS by channel and month (* = real change against the month before, adjusted over all channels' tests, Holm)");
const byChannel = seriesBy(npsByAnswer, transactional, { at: "respondedAt", period: "month", timeZone: TIME_ZONE, by: (r) => r.channel ?? "?" });
// Every channel's month-on-month tests are corrected together: one family of tests, one correction.
const channelChanges = [...byChannel].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([channel, s]) => [channel, s, periodOverPeriod(npsByAnswer, s, { adjust: "none" })] as const);
const allP = channelChanges.flatMap(([, , c]) => c.map((x) => x.comparison?.pValue ?? null));
const adjustedAll = adjustPValues(allP);
console.log(`  ${pad("", 8)}${monthly.periods.map((p) => lpad(p.label, 10)).join("")}   trend`);
let k = 0;
for (const [channel, s] of channelChanges) {
  const cells = s.periods.map((p, j) => {
    const adj = adjustedAll[k + j];
    const mark = adj !== null && adj !== undefined && adj < 0.05 ? "*" : " ";
    return lpad(`${signed(val(p.result.score))}${mark}`, 10);
  });
  k += s.periods.length;
  const t = seriesTrend(npsByAnswer, s);
  console.log(`  ${pad(channel, 8)}${cells.join("")}   ${t === null ? "-" : `${signed(t.slope)}/month, ${t.direction}`}`);
}

console.log("\nTransactional vs relationship NPS by quarter (gap = tNPS - rNPS)");
for (const q of npsByKind(responses, { at: "respondedAt", period: "quarter", timeZone: TIME_ZONE }).periods) {
  console.log(
    `  ${q.label}  tNPS ${lpad(signed(val(q.transactional.score)), 6)} (n = ${int(q.transactional.total)})  rNPS ${lpad(signed(val(q.relationship.score)), 6)} (n = ${int(q.relationship.total)})` +
      (q.gap === null ? "" : `  gap ${signed(q.gap.difference)} (95% CI ${range(q.gap.interval)}, ${pValue(q.gap.pValue)})`),
  );
}
const waves = relationshipNps(relationship, { wave: (r) => periodOf(r.respondedAt ?? 0, { period: "quarter", timeZone: TIME_ZONE }).label, respondent: "customerId" });
for (const w of waves) console.log(`  rNPS wave ${w.wave}: ${signed(val(w.nps.score))} (95% CI ${range(ci(w.nps.score))}), ${int(w.respondents)} respondents, ${int(w.duplicates)} duplicate answers not counted`);

const billing = transactional.filter((r) => r.team === "Billing");
const q1 = npsMetric({ value: "nps" });
const beforeFix = q1.result(fold(q1, billing.filter((r) => month(r) < "2026-04")));
const afterFix = q1.result(fold(q1, billing.filter((r) => month(r) >= "2026-04")));
const fix = compareNps(beforeFix, afterFix)!;
console.log(
  `\nBilling team, Apr-Jun against Jan-Mar: ${signed(val(beforeFix.score))} -> ${signed(val(afterFix.score))}, ` +
    `change ${signed(fix.difference)} (95% CI ${range(fix.interval)}), ${pValue(fix.pValue)}`,
);

console.log("\nAgents: raw NPS, shrunken towards the center (empirical Bayes), and each one against the rest (Holm)");
const agentNps = npsMetric({ value: "nps" });
const agentStates = groupStates(agentNps, transactional, (r) => String(r.agentId ?? "?"));
const teamOf = new Map(transactional.map((r) => [String(r.agentId), r.team ?? ""]));
const ranking = rankGroups(agentNps, agentStates, { minN: 30 });
const funnel = funnelLimits(agentNps, agentStates);
const funnelOf = new Map(funnel.points.map((p) => [p.key, p]));
const prior = ranking.priors[0]!;
console.log(`  prior: NPS ${signed(prior.mean)}, worth ${prior.concentration === null ? "infinitely many" : fixed(prior.concentration, 0)} answers (${prior.method}); ranked: at least 30 answers`);
console.log(`  ${pad("rank", 5)}${pad("agent", 10)}${pad("team", 11)}${lpad("n", 5)}${lpad("raw", 8)}${lpad("shrunken", 10)}  ${pad("95% credible", 16)}${lpad("vs rest", 9)}  funnel`);
for (const g of ranking.groups) {
  const f = funnelOf.get(g.key);
  const flag = f?.direction === null || f === undefined ? "" : `${f.direction} ${f.beyond}%`;
  const lift = g.lift === null ? "-" : `${signed(g.lift.difference, 0)}${g.significant === null ? "" : "*"}`;
  console.log(
    `  ${pad(g.rank === null ? "-" : String(g.rank), 5)}${pad(String(g.key), 10)}${pad(teamOf.get(String(g.key)) ?? "", 11)}${lpad(int(g.n), 5)}` +
      `${lpad(signed(val(g.raw)), 8)}${lpad(signed(g.shrunken.value), 10)}  ${pad(`(${range(g.shrunken.interval)})`, 16)}${lpad(lift, 9)}  ${flag}`,
  );
}
const champions = topPerformers(ranking, { top: 4, by: (agent) => teamOf.get(agent) });
console.log(`  top ${champions.top} by team: ${champions.departments.map((d) => `${d.department} ${d.top} (fair share ${fixed(d.expected, 1)}, p = ${d.pValue.toFixed(2)})`).join(", ")}`);

const pairs = agentCompanyNps(transactional);
console.log(`\nAgent vs company (two-question survey: ${int(pairs.respondents)} answered both)`);
console.log(
  `  agent NPS ${signed(val(pairs.agent.score))}, company NPS ${signed(val(pairs.company.score))}, ` +
    `gap ${signed(pairs.gap?.difference ?? null)} (95% CI ${range(pairs.gap?.interval ?? null)}, ${pValue(pairs.gap?.pValue ?? null)}, paired)`,
);
const driverLine = (d: LowScoreDrivers): string =>
  `${fixed(val(d.agentDrivenShare), 0)}% agent-driven, ${fixed(val(d.companyDrivenShare), 0)}% company-driven, ${fixed(val(d.bothShare), 0)}% both (of ${int(d.low)})`;
console.log(`  detractors: ${driverLine(pairs.drivers)}`);
const pairsByTeamQuarter = groupBy(agentCompanyNpsMetric(), transactional, (r) => `${r.team} ${month(r) < "2026-04" ? "Jan-Mar" : "Apr-Jun"}`);
for (const [key, r] of [...pairsByTeamQuarter].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${pad(key, 19)} gap ${lpad(signed(r.gap?.difference ?? null), 6)}  detractors ${driverLine(r.drivers)}`);
}

console.log("\nWhy did NPS move from Jan-Mar to Apr-Jun? Mix (contacts moved between teams) and rate (teams changed)");
const firstHalf = transactional.filter((r) => month(r) < "2026-04");
const secondHalf = transactional.filter((r) => month(r) >= "2026-04");
const why = decomposeChange(agentNps, groupStates(agentNps, firstHalf, (r) => r.team ?? "?"), groupStates(agentNps, secondHalf, (r) => r.team ?? "?"));
console.log(`  ${signed(why.before)} -> ${signed(why.after)}: change ${signed(why.change)} = mix ${signed(why.mix, 2)} + rate ${signed(why.rate, 2)}`);
for (const seg of why.segments) {
  console.log(`  ${pad(String(seg.key), 11)} share ${fixed(100 * seg.weightBefore, 0)}% -> ${fixed(100 * seg.weightAfter, 0)}%, NPS ${signed(seg.valueBefore)} -> ${signed(seg.valueAfter)}: mix ${signed(seg.mix, 2)}, rate ${signed(seg.rate, 2)}`);
}

console.log("\nWhat detractors said most recently");
const detractorComments = surveyComments(transactional, {
  comment: (r) => r.comment,
  where: (r) => npsCategory(r.nps) === "detractor",
});
for (const c of detractorComments.sort((a, b) => (b.record.respondedAt ?? 0) - (a.record.respondedAt ?? 0) || a.index - b.index).slice(0, 4)) {
  console.log(`  ${localDate(c.record.respondedAt)}  ${c.record.channel}  NPS ${c.record.nps}  "${c.comment}"`);
}
console.log(`  (${detractorComments.length} detractor comments in all)`);

// ---------------------------------------------------------------------------------------------
// Operations: queues, handle time, FCR three ways, response and resolution times, volume.
const data = (name: string): unknown => JSON.parse(readFileSync(resolve(import.meta.dirname, "..", "examples", "data", name), "utf8"));
const contacts = parseContacts(data("contacts.json"));
const tickets = parseTickets(data("tickets.json"));
const weekday = [["09:00", "18:00"]] as const;
const calendar = businessCalendar({
  timeZone: "Asia/Kolkata",
  hours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: [["10:00", "14:00"]] },
  holidays: ["2026-01-26", "2026-03-04", "2026-04-03"],
});

/** A duration in ms as h:mm:ss, or m:ss under an hour. */
const clock = (ms: number | null): string => {
  if (ms === null) return "-";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s % 60).padStart(2, "0")}`;
};
const hours = (ms: number | null): string => (ms === null ? "-" : `${(ms / 3_600_000).toFixed(1)} h`);
const spread = (d: DurationStats, show: (ms: number | null) => string): string => `mean ${show(val(d.mean))}, median ${show(d.median)}, p90 ${show(d.p90)}, p95 ${show(d.p95)}`;

console.log(`\n\ncx-metrics demo: operations`);
console.log(`${int(contacts.length)} contacts (phone and chat), ${int(tickets.length)} tickets (email and web), Jan-Jun 2026, Asia/Kolkata`);
console.log(`Business hours: Mon-Fri 09:00-18:00, Sat 10:00-14:00, closed on 3 holidays`);

const queues = queueMetric({ target: "20s", shortAbandon: "5s" });
console.log("\nQueues (service level: answered within 20 s, abandons counted as missed; abandons under 5 s set apart)");
console.log(`${pad("", 8)}${lpad("offered", 8)}${lpad("SL", 8)}${lpad("95% CI", 15)}${lpad("ASA", 7)}${lpad("p90 wait", 10)}${lpad("abandoned", 11)}${lpad("short", 7)}`);
const queueRows = groupBy(queues, contacts, (c) => c.channel ?? "?");
queueRows.set("all", queues.result(fold(queues, contacts)));
for (const [channel, q] of queueRows) {
  console.log(
    pad(channel, 8) +
      lpad(int(q.offered), 8) +
      lpad(`${fixed(val(q.serviceLevel))}%`, 8) +
      lpad(range(ci(q.serviceLevel)), 15) +
      lpad(clock(val(q.asa)), 7) +
      lpad(clock(q.answerWait.p90), 10) +
      lpad(`${fixed(val(q.abandonmentRate))}%`, 11) +
      lpad(int(q.shortAbandoned), 7),
  );
}

const handle = ahtMetric<ParsedContact>();
const h = handle.result(fold(handle, contacts));
const parts = h.components;
console.log(
  `\nHandle time  AHT ${clock(val(h.aht))} = talk ${clock(parts.talk?.mean ?? null)} + hold ${clock(parts.hold?.mean ?? null)} + after-call work ${clock(parts.afterCallWork?.mean ?? null)}` +
    `  (median ${clock(h.handleTime.median)}, p90 ${clock(h.handleTime.p90)}); ${int(h.handled)} handled, ${int(h.unanswered)} unanswered not averaged in`,
);

const flagged = fcr(contacts);
const repeats = repeatContactFcr(contacts);
const oneTouch = oneTouchResolution(tickets);
console.log("\nFirst-contact resolution, three ways");
console.log(`  resolved flag (post-call question)     ${fixed(val(flagged.rate))}%  (95% CI ${range(ci(flagged.rate))}), n = ${int(flagged.total)}, ${int(flagged.missing)} not asked`);
console.log(
  `  no repeat contact within 7 days        ${fixed(val(repeats.rate))}%  (95% CI ${range(ci(repeats.rate))}), ${int(repeats.firstContacts)} first contacts, ` +
    `${int(repeats.repeats)} repeats, ${int(repeats.pending)} pending (window still open)`,
);
console.log(`  one-touch tickets (one agent reply)    ${fixed(val(oneTouch.rate))}%  (95% CI ${range(ci(oneTouch.rate))}), ${int(oneTouch.solved)} solved, ${int(oneTouch.unsolved)} unsolved`);
const billingRepeats = repeatContactFcrMetric<ParsedContact>();
const monthOf = (c: ParsedContact): string => periodOf(c.arrived ?? 0, { period: "month", timeZone: TIME_ZONE }).label;
const billingByHalf = groupBy(billingRepeats, contacts.filter((c) => c.team === "Billing"), (c) => (monthOf(c) < "2026-04" ? "Jan-Mar" : "Apr-Jun"));
console.log(
  `  Billing, repeat-contact FCR: Jan-Mar ${fixed(val(billingByHalf.get("Jan-Mar")?.rate))}% -> Apr-Jun ${fixed(val(billingByHalf.get("Apr-Jun")?.rate))}% (the policy fix shows here too)`,
);

const frtCalendar = frt(tickets, { target: "4h", automated: "separate" });
const frtBusiness = frt(tickets, { target: "4h", businessHours: calendar });
console.log("\nFirst response time, agent replies (automated acknowledgements reported apart)");
console.log(`  calendar time   ${spread(frtCalendar, hours)}; within 4 h: ${fixed(frtCalendar.withinTarget?.value ?? null)}%`);
console.log(`  business hours  ${spread(frtBusiness, hours)}; within 4 business hours: ${fixed(frtBusiness.withinTarget?.value ?? null)}%`);
console.log(`  bot acknowledgements: ${int(frtCalendar.bot?.count ?? 0)} tickets, median ${clock(frtCalendar.bot?.median ?? null)}; awaiting a first reply: ${int(frtCalendar.awaiting.count)}`);

const artCalendar = art(tickets, { target: "24h" });
const artBusiness = art(tickets, { businessHours: calendar, target: "24h" });
const artFirst = art(tickets, { resolution: "first" });
console.log("\nResolution time, full (to the last solve)");
console.log(`  calendar time   ${spread(artCalendar, hours)}; within 24 h: ${fixed(artCalendar.withinTarget?.value ?? null)}%`);
console.log(`  business hours  ${spread(artBusiness, hours)}; within 24 business hours: ${fixed(artBusiness.withinTarget?.value ?? null)}%`);
console.log(`  first resolution: median ${hours(artFirst.median)}; reopened ${int(artCalendar.reopened.tickets)} tickets (${int(artCalendar.reopened.reopens)} reopens)`);
console.log(`  open at ${periodOf(artCalendar.open.asOf ?? 0, { period: "hour", timeZone: TIME_ZONE }).label.replace("T", " ")}: ${int(artCalendar.open.count)} tickets, median age ${hours(artCalendar.open.age.median)}, oldest ${hours(artCalendar.open.age.max)}`);

const byMonth2 = volume(contacts, { timeZone: TIME_ZONE, period: "month" });
console.log("\nContact volume (Asia/Kolkata)");
console.log(`  by month: ${byMonth2.periods.map((p) => `${p.label} ${int(p.count)}`).join(", ")}`);
console.log(`  peak hour ${String(byMonth2.peakHour?.hour).padStart(2, "0")}:00 (${int(byMonth2.peakHour?.count ?? 0)}), peak day ${byMonth2.peakWeekday?.weekday} (${int(byMonth2.peakWeekday?.count ?? 0)})`);
console.log(`  heatmap, contacts per hour of the week:\n       ${Array.from({ length: 13 }, (_, i) => lpad(String(i + 8), 4)).join("")}`);
["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].forEach((day, w) => {
  console.log(`    ${day}${(byMonth2.heatmap[w] ?? []).slice(8, 21).map((n) => lpad(String(n), 4)).join("")}`);
});
