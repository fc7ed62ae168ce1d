// npm run screenshot: the README's picture of the HTML report (docs/report.png), made from the
// bundled sample data by the command line's own path and photographed in the tests' headless Chromium.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReport } from "cx-metrics";
import { reportHtml } from "cx-metrics/report";
import { parseContacts, parseSurveyResponses, parseTickets } from "cx-metrics/schemas";
import { launchBrowser } from "../test/html/browser.ts";

const root = resolve(import.meta.dirname, "..");
const data = (name: string): unknown => JSON.parse(readFileSync(resolve(root, "examples", "data", name), "utf8"));
const report = buildReport(
  { surveys: parseSurveyResponses(data("survey-responses.json")), contacts: parseContacts(data("contacts.json")), tickets: parseTickets(data("tickets.json")) },
  { timeZone: "Asia/Kolkata", by: "team", title: "Sample contact center, Jan-Jun 2026" },
);
mkdirSync(resolve(root, ".tmp"), { recursive: true });
const file = resolve(root, ".tmp", "screenshot-report.html");
writeFileSync(file, reportHtml(report));
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1240, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(file).href);
await page.waitForSelector("html[data-charts-drawn]");
await page.screenshot({ path: resolve(root, "docs", "report.png"), clip: { x: 0, y: 0, width: 1240, height: 1500 } });
await browser.close();
console.log("wrote docs/report.png");
