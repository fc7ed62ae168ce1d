// A notebook-style exploration of the sample survey data: look, segment, compare, read comments.
// Run: npx tsx examples/explore.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ces, compareNps, csat, groupBy, nps, npsCategory, npsMetric, surveyComments } from "cx-metrics";
import { parseSurveyResponses, safeParseSurveyResponses } from "cx-metrics/schemas";

const responses = parseSurveyResponses(JSON.parse(readFileSync(resolve(import.meta.dirname, "data", "survey-responses.json"), "utf8")));
const byNps = { value: "nps" } as const;

// 1. What does the NPS answer distribution look like?
const all = nps(responses, byNps);
console.log("1. NPS answers by score:", all.distribution.map((d) => `${d.value}:${d.count}`).join(" "));

// 2. Transactional and relationship NPS answer different questions: keep them apart.
for (const [kind, result] of groupBy(npsMetric(byNps), responses, "kind")) {
  console.log(`2. ${kind} NPS ${result.score?.value.toFixed(1)} (n = ${result.total})`);
}

// 3. Chat against email: is the gap real?
const transactional = responses.filter((r) => r.kind === "transactional");
const chat = nps(transactional.filter((r) => r.channel === "chat"), byNps);
const email = nps(transactional.filter((r) => r.channel === "email"), byNps);
const gap = compareNps(email, chat)!;
console.log(`3. chat minus email: ${gap.difference.toFixed(1)} points, 95% CI ${gap.interval.lower.toFixed(1)} to ${gap.interval.upper.toFixed(1)}, p = ${gap.pValue?.toExponential(1)}`);

// 4. CSAT two ways: top-two-box share and mean; CES 2.0 net easy.
const c = csat(transactional, { value: "csat" });
const e = ces(transactional, { value: "ces" });
console.log(`4. CSAT ${c.score?.value.toFixed(1)}% (mean ${c.mean?.value.toFixed(2)}), CES mean ${e.mean?.value.toFixed(2)}, net easy ${e.netEasy?.value.toFixed(0)}`);

// 5. Survey weights: give relationship answers from a small segment more weight.
const weighted = nps(
  responses.filter((r) => r.kind === "relationship"),
  { value: "nps", weight: (r) => (Number(String(r.customerId).slice(2)) % 5 === 0 ? 3 : 1) },
);
console.log(`5. weighted relationship NPS ${weighted.score?.value.toFixed(1)}, effective n ${weighted.effectiveSize.toFixed(0)} of ${weighted.responses}`);

// 6. Messy raw data: the parser names every bad record; or skip and count bad values.
const messy = [{ nps: 9 }, { nps: "ten" }, { nps: 11 }, { nps: null }];
const outcome = safeParseSurveyResponses(messy);
if (!outcome.success) console.log(`6. ${outcome.error.message}`);
const lenient = nps(messy.map((r) => r.nps) as number[], { onInvalid: "skip" });
console.log(`6. skipping: score ${lenient.score?.value}, excluded ${JSON.stringify(lenient.excluded)}`);

// 7. Why: the newest comments from email detractors.
const why = surveyComments(transactional, { comment: (r) => r.comment, where: (r) => r.channel === "email" && npsCategory(r.nps) === "detractor" });
console.log(`7. ${why.length} email detractor comments, e.g. "${why[0]?.comment}"`);
