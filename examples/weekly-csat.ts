// An app computing a weekly CSAT as survey answers arrive, one state per week, merged on demand.
// Run: npx tsx examples/weekly-csat.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { csatMetric, periodOf, type RatingState } from "cx-metrics";
import { parseSurveyResponses, type ParsedSurveyResponse } from "cx-metrics/schemas";

const TIME_ZONE = "Asia/Kolkata"; // the center's time zone: weeks are its local ISO weeks

/** The local ISO week of an instant, e.g. "2026-W14" (labels sort in time order). */
function weekOf(epochMs: number): string {
  return periodOf(epochMs, { period: "week", timeZone: TIME_ZONE }).label;
}

// The app keeps one fold state per week. Each answer is folded in as it arrives: no array of
// answers is kept, and a week's state can be stored, sent to another worker, or merged.
const metric = csatMetric({ value: "csat" });
const weeks = new Map<string, RatingState>();
function onResponse(response: ParsedSurveyResponse, index: number): void {
  if (response.respondedAt === undefined) return;
  const week = weekOf(response.respondedAt);
  let state = weeks.get(week);
  if (state === undefined) weeks.set(week, (state = metric.init()));
  metric.add(state, response, index);
}

const raw: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, "data", "survey-responses.json"), "utf8"));
parseSurveyResponses(raw)
  .filter((r) => r.kind === "transactional")
  .forEach(onResponse);

const ordered = [...weeks].sort(([a], [b]) => a.localeCompare(b));
console.log("week        CSAT   95% CI          n");
for (const [week, state] of ordered.slice(-6)) {
  const r = metric.result(state);
  console.log(`${week.padEnd(10)}  ${r.score?.value.toFixed(1).padStart(5)}%  ${r.score?.interval.lower.toFixed(1)} to ${r.score?.interval.upper.toFixed(1)}  ${String(r.total).padStart(4)}`);
}

// A quarter is the merge of its weeks' states: no second pass over the answers.
const q2 = metric.init();
for (const [week, state] of ordered) if (week >= "2026-W14") metric.merge(q2, state);
const quarter = metric.result(q2);
console.log(`Q2 2026 (weeks from 2026-W14, which starts on 30 March): ${quarter.score?.value.toFixed(1)}% satisfied, n = ${quarter.total}, ${quarter.excluded.missing} unanswered`);
