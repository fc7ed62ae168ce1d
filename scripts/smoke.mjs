// Smoke test of the packed tarball: what a user installs, loaded with `import` and with `require`.
// Run after `npm run build` (npm test does). Uses only the repo's own node_modules: no network.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const work = join(root, ".tmp", "smoke");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" }));
const tarball = join(work, packed[0].filename);
console.log(`smoke: packed ${packed[0].filename} (${packed[0].entryCount} files, ${packed[0].size} bytes)`);

/** A project with cx-metrics installed from the tarball, and zod only when asked. */
function project(name, withZod) {
  const dir = join(work, name);
  const modules = join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  cpSync(join(dir, "package"), join(modules, "cx-metrics"), { recursive: true });
  rmSync(join(dir, "package"), { recursive: true });
  if (withZod) symlinkSync(join(root, "node_modules", "zod"), join(modules, "zod"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true }));
  return dir;
}

const checks = `
  const scored = nps([10, 9, 7, 3]);
  if (scored.score?.value !== 25 || scored.score.interval.method !== "adjusted-wald") throw new Error("nps([10, 9, 7, 3]).score is " + JSON.stringify(scored.score));
  let caught;
  try { nps([11]); } catch (e) { caught = e; }
  if (!(caught instanceof CxMetricsError) || caught.index !== 0) throw new Error("expected a CxMetricsError at index 0");
  const calendar = businessCalendar({ timeZone: "America/New_York", hours: { sunday: [["00:00", "24:00"]] } });
  if (calendar.elapsed("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z") !== 23 * 3600000) throw new Error("the DST day must last 23 business hours");
  if (frt([{ created: 0, firstResponse: 60000 }], { businessHours: calendar }).count !== 1) throw new Error("frt in business hours failed");
  let misspelt;
  try { nps([9], { levle: 90 }); } catch (e) { misspelt = e; }
  if (!(misspelt instanceof CxMetricsError) || !misspelt.message.includes('did you mean "level"')) throw new Error("a misspelt option must be refused");
  const weekly = series(npsMetric({ value: "nps" }), [{ at: "2026-03-02T10:00:00Z", nps: 10 }, { at: "2026-03-16T10:00:00Z", nps: 0 }], { at: "at", period: "week", timeZone: "Europe/Berlin" });
  if (weekly.periods.map((p) => p.label + ":" + p.count).join(",") !== "2026-W10:1,2026-W11:0,2026-W12:1") throw new Error("series by ISO week failed: " + JSON.stringify(weekly.periods.map((p) => p.label)));
  if (parseLocalTime("2026-03-08 02:30", { timeZone: "America/New_York" }) !== Date.parse("2026-03-08T03:30:00-04:00")) throw new Error("a skipped local time must move forward");
`;
const schemaChecks = `
  let parseError;
  try { parseSurveyResponses([{ nps: 12 }]); } catch (e) { parseError = e; }
  if (!(parseError instanceof CxMetricsError)) throw new Error("schemas must throw the same CxMetricsError class as the core");
  const [row] = parseSurveyResponses([{ nps: 9, respondedAt: "1970-01-01T00:00:01Z" }]);
  if (row.respondedAt !== 1000 || nps([row], { value: "nps" }).score?.value !== 100) throw new Error("parsed rows do not fold");
  const contacts = parseContacts([{ arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T09:00:10Z" }]);
  if (contacts[0].answered - contacts[0].arrived !== 10000) throw new Error("parseContacts must normalise instants");
`;

const reportChecks = `
  const page = reportHtml(buildReport({ surveys: [{ nps: 10 }, { nps: 3 }] }));
  if (!page.startsWith("<!doctype html>") || !page.includes("Plot")) throw new Error("reportHtml must write the page with its charts' script");
  let reportError;
  try { reportHtml(null); } catch (e) { reportError = e; }
  if (!(reportError instanceof CxMetricsError)) throw new Error("cx-metrics/report must throw the core's CxMetricsError class");
`;
// cx-metrics/sql needs no driver: a client is anything with query(); here one that answers the
// stats query with a row by hand (scores 10, 10, 3 and one missing: NPS (2 - 1)/3).
const sqlChecks = `
  const plan = sqlPlan({ dialect: "postgres", from: "answers", metrics: { nps: sqlNps({ columns: { value: "ltr" } }) } });
  const client = { query: async (text) => ({ rows: text.includes('"ltr" = 10') ? [{ __cx_rows: 4, __cx_a10: "2", __cx_a3: 1, __cx_a11: 1n }] : [] }) };
  const sqlResult = await runSql(plan, postgresRunner(client));
  if (Math.abs(sqlResult.groups[0].results.nps.score.value - 100 / 3) > 1e-12) throw new Error("cx-metrics/sql read the row wrongly: " + JSON.stringify(sqlResult.groups[0].results.nps.score));
  let sqlError;
  try { sqlPlan({ dialect: "mysql", from: "t", metrics: { nps: sqlNps() } }); } catch (e) { sqlError = e; }
  if (!(sqlError instanceof CxMetricsError)) throw new Error("cx-metrics/sql must throw the core's CxMetricsError class");
`;
const full = project("full", true);
writeFileSync(
  join(full, "esm.mjs"),
  `import { nps, npsMetric, series, parseLocalTime, businessCalendar, frt, buildReport, CxMetricsError } from "cx-metrics";\nimport { parseContacts, parseSurveyResponses } from "cx-metrics/schemas";\nimport { reportHtml } from "cx-metrics/report";\nimport { sqlPlan, sqlNps, runSql, postgresRunner } from "cx-metrics/sql";\n${checks}${schemaChecks}${reportChecks}${sqlChecks}console.log("smoke: import ok");\n`,
);
writeFileSync(
  join(full, "cjs.cjs"),
  `const { nps, npsMetric, series, parseLocalTime, businessCalendar, frt, buildReport, CxMetricsError } = require("cx-metrics");\nconst { parseContacts, parseSurveyResponses } = require("cx-metrics/schemas");\nconst { reportHtml } = require("cx-metrics/report");\nconst { sqlPlan, sqlNps, runSql, postgresRunner } = require("cx-metrics/sql");\n(async () => {\n${checks}${schemaChecks}${reportChecks}${sqlChecks}console.log("smoke: require ok");\n})().catch((e) => { console.error(e); process.exit(1); });\n`,
);
// Without zod installed, the core still loads: only cx-metrics/schemas needs it.
const bare = project("bare", false);
writeFileSync(join(bare, "esm.mjs"), `import { nps, npsMetric, series, parseLocalTime, businessCalendar, frt, CxMetricsError } from "cx-metrics";\n${checks}console.log("smoke: import without zod ok");\n`);
writeFileSync(join(bare, "cjs.cjs"), `const { nps, npsMetric, series, parseLocalTime, businessCalendar, frt, CxMetricsError } = require("cx-metrics");\n${checks}console.log("smoke: require without zod ok");\n`);

for (const [dir, file] of [
  [full, "esm.mjs"],
  [full, "cjs.cjs"],
  [bare, "esm.mjs"],
  [bare, "cjs.cjs"],
]) {
  process.stdout.write(execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" }));
}
// The command as `npx cx-metrics` runs it from the installed package, with no zod and no csv-parse
// installed (csv-parse is bundled into it).
const cli = join(bare, "node_modules", "cx-metrics", "dist", "cli.js");
const json = JSON.parse(execFileSync(process.execPath, [cli, "report", join(root, "test", "fixtures", "zendesk-tickets.csv"), "--preset", "zendesk", "--zone", "UTC", "--json", "--quiet"], { cwd: bare, encoding: "utf8" }));
if (json.inputs[0].summary.accepted !== 8 || json.report.records.ticket !== 8) throw new Error("the packed command line read the Zendesk fixture wrongly: " + JSON.stringify(json.inputs[0].summary));
let usage;
try { execFileSync(process.execPath, [cli, "report", "--nope"], { cwd: bare, encoding: "utf8", stdio: "pipe" }); } catch (e) { usage = e; }
if (usage?.status !== 2) throw new Error("a bad flag must exit with 2");
console.log("smoke: cx-metrics report ok");
rmSync(work, { recursive: true, force: true });
