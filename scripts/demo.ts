// npm run demo: a contact-center survey scorecard printed from the bundled sample data set
// (examples/data/survey-responses.json, made by scripts/generate-sample.ts from a fixed seed).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  cesMetric,
  combine,
  compareNps,
  contactCenterNpsBands,
  csatMetric,
  fold,
  groupBy,
  npsCategory,
  npsMetric,
  surveyComments,
  type Interval,
  type NpsResult,
} from "cx-metrics";
import { parseSurveyResponses, type ParsedSurveyResponse } from "cx-metrics/schemas";

const file = resolve(import.meta.dirname, "..", "examples", "data", "survey-responses.json");
// Validate once at the boundary; the metrics then fold clean records with no schema work per record.
const responses = parseSurveyResponses(JSON.parse(readFileSync(file, "utf8")));
const transactional = responses.filter((r) => r.kind === "transactional");
const relationship = responses.filter((r) => r.kind === "relationship");

const scorecard = combine({
  nps: npsMetric<ParsedSurveyResponse>({ value: (r) => r.nps, bands: contactCenterNpsBands }),
  csat: csatMetric<ParsedSurveyResponse>({ value: (r) => r.csat }),
  ces: cesMetric<ParsedSurveyResponse>({ value: (r) => r.ces }),
});

// The center works in UTC+05:30 (no DST), so a month is the local date's month.
const OFFSET_MS = 330 * 60_000;
const month = (r: ParsedSurveyResponse): string => new Date((r.respondedAt ?? 0) + OFFSET_MS).toISOString().slice(0, 7);

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
    lpad(signed(nps.score), 7) +
    lpad(`(${range(nps.interval)})`, 17) +
    lpad(int(nps.total), 7) +
    lpad(`${fixed(csat.score)}%`, 9) +
    lpad(fixed(csat.mean, 2), 7) +
    lpad(fixed(ces.mean, 2), 7) +
    lpad(signed(ces.netEasy, 0), 8)
  );
}
const header = `${pad("", 12)}${lpad("NPS", 7)}${lpad("95% CI", 17)}${lpad("n", 7)}${lpad("CSAT", 9)}${lpad("mean", 7)}${lpad("CES", 7)}${lpad("net easy", 9)}`;

function table(title: string, groups: Map<string, ReturnType<typeof scorecard.result>>): void {
  console.log(`\n${title}`);
  console.log(header);
  for (const [key, card] of [...groups].sort(([a], [b]) => a.localeCompare(b))) console.log(row(key, card));
}

const overall = scorecard.result(fold(scorecard, transactional));
const relationshipNps = npsMetric<ParsedSurveyResponse>({ value: (r) => r.nps });
const rel = relationshipNps.result(fold(relationshipNps, relationship));

console.log("cx-metrics demo: survey scorecard");
console.log(`${int(responses.length)} responses (${int(transactional.length)} transactional, ${int(relationship.length)} relationship), Jan-Jun 2026, UTC+05:30`);

console.log("\nOverall, transactional surveys");
const n = overall.nps;
console.log(
  `  NPS   ${signed(n.score)}  (95% CI ${range(n.interval)}, ${n.interval?.method})  ${n.band}  ` +
    `promoters ${fixed(n.promoterShare, 0)}% / passives ${fixed(n.passiveShare, 0)}% / detractors ${fixed(n.detractorShare, 0)}%, n = ${int(n.total)}`,
);
console.log(`  CSAT  ${fixed(overall.csat.score)}% satisfied (4-5 of 5; 95% CI ${range(overall.csat.interval)}, Wilson), mean ${fixed(overall.csat.mean, 2)}, n = ${int(overall.csat.total)}`);
console.log(
  `  CES   mean ${fixed(overall.ces.mean, 2)} of 7, easy ${fixed(overall.ces.easyShare, 0)}%, difficult ${fixed(overall.ces.difficultShare, 0)}%, ` +
    `net easy ${signed(overall.ces.netEasy, 0)}, n = ${int(overall.ces.total)}`,
);
console.log(
  `  Left out, never counted as zeros: ${n.excluded.missing} missing NPS, ${overall.csat.excluded.missing} missing CSAT, ${overall.ces.excluded.missing} missing CES answers`,
);
console.log(`\nRelationship NPS (quarterly survey)  ${signed(rel.score)}  (95% CI ${range(rel.interval)}), n = ${int(rel.total)}`);

table("By channel", groupBy(scorecard, transactional, (r) => r.channel ?? "?"));
table("By team", groupBy(scorecard, transactional, (r) => r.team ?? "?"));

console.log("\nNPS by month, change against the month before");
const byMonth = [...groupBy(npsMetric<ParsedSurveyResponse>({ value: (r) => r.nps }), transactional, month)].sort(([a], [b]) => a.localeCompare(b));
let previous: NpsResult | null = null;
for (const [m, result] of byMonth) {
  const change = previous === null ? null : compareNps(previous, result);
  const verdict = change === null || change.pValue === null ? "" : change.pValue < 0.05 ? "  real change (p < 0.05)" : "  within noise";
  console.log(
    `  ${m}  ${lpad(signed(result.score), 6)}  n = ${lpad(int(result.total), 3)}` +
      (change === null ? "" : `   ${lpad(signed(change.difference), 6)} (95% CI ${range(change.interval)}, ${pValue(change.pValue)})${verdict}`),
  );
  previous = result;
}
console.log(`  (${byMonth.length - 1} tests at p < 0.05: about one in twenty crosses the line by chance alone)`);

const billing = transactional.filter((r) => r.team === "Billing");
const q1 = npsMetric<ParsedSurveyResponse>({ value: (r) => r.nps });
const beforeFix = q1.result(fold(q1, billing.filter((r) => month(r) < "2026-04")));
const afterFix = q1.result(fold(q1, billing.filter((r) => month(r) >= "2026-04")));
const fix = compareNps(beforeFix, afterFix)!;
console.log(
  `\nBilling team, Apr-Jun against Jan-Mar: ${signed(beforeFix.score)} -> ${signed(afterFix.score)}, ` +
    `change ${signed(fix.difference)} (95% CI ${range(fix.interval)}), ${pValue(fix.pValue)}`,
);

console.log("\nAgents, NPS with 95% CI (few responses mean wide intervals: compare the intervals, not the points)");
const byAgent = [...groupBy(npsMetric<ParsedSurveyResponse>({ value: (r) => r.nps }), transactional, (r) => r.agentId ?? "?")].sort(
  ([a, x], [b, y]) => (y.score ?? -Infinity) - (x.score ?? -Infinity) || a.localeCompare(b),
);
for (const [agent, result] of byAgent) {
  const team = transactional.find((r) => r.agentId === agent)?.team ?? "";
  console.log(`  ${pad(agent, 9)} ${pad(team, 11)} ${lpad(signed(result.score), 6)}  (${range(result.interval)})  n = ${int(result.total)}`);
}

console.log("\nWhat detractors said most recently");
const detractorComments = surveyComments(transactional, {
  comment: (r) => r.comment,
  where: (r) => npsCategory(r.nps) === "detractor",
});
for (const c of detractorComments.sort((a, b) => (b.record.respondedAt ?? 0) - (a.record.respondedAt ?? 0) || a.index - b.index).slice(0, 4)) {
  console.log(`  ${new Date((c.record.respondedAt ?? 0) + OFFSET_MS).toISOString().slice(0, 10)}  ${c.record.channel}  NPS ${c.record.nps}  "${c.comment}"`);
}
console.log(`  (${detractorComments.length} detractor comments in all)`);
