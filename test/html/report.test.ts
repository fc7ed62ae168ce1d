// The HTML report opened in a real browser (headless Chromium from the project's install): every
// chart drawn by Plot, no console error, no network request, and a screenshot for review.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildReport, CxMetricsError, type Report } from "cx-metrics";
import { reportHtml } from "cx-metrics/report";
import { parseContacts, parseSurveyResponses, parseTickets } from "cx-metrics/schemas";
import { launchBrowser } from "./browser.ts";

const root = resolve(import.meta.dirname, "..", "..");
const out = resolve(root, ".tmp", "html");
const data = (name: string): unknown => JSON.parse(readFileSync(resolve(root, "examples", "data", name), "utf8"));

let browser: Browser;
let report: Report;
let file: string;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  report = buildReport(
    { surveys: parseSurveyResponses(data("survey-responses.json")), contacts: parseContacts(data("contacts.json")), tickets: parseTickets(data("tickets.json")) },
    { timeZone: "Asia/Kolkata", by: "team", title: "Sample contact center, Jan-Jun 2026" },
  );
  file = resolve(out, "report.html");
  writeFileSync(file, reportHtml(report));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("reportHtml in headless Chromium", () => {
  it("draws every chart with no console error and no network request, offline", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("html[data-charts-drawn]", { timeout: 30_000 });
    // One chart per trend, the agents' intervals, the funnel plot and the heatmap.
    const expected = report.trends.length + 3;
    expect(report.trends.length).toBeGreaterThanOrEqual(5);
    expect(await page.getAttribute("html", "data-charts-drawn")).toBe(String(expected));
    // Each chart is Plot's figure holding an SVG with marks in it.
    const charts = await page.$$eval("[data-chart]", (els) => els.map((e) => ({ id: e.getAttribute("data-chart"), svg: e.querySelectorAll("svg").length, marks: e.querySelectorAll("svg g[aria-label] *").length })));
    expect(charts).toHaveLength(expected);
    for (const c of charts) {
      expect(c.svg, `chart ${c.id}`).toBeGreaterThan(0);
      expect(c.marks, `chart ${c.id}`).toBeGreaterThan(5);
    }
    // The agents chart has one interval per agent (and the centre line); the heatmap one cell per hour of the week.
    expect(await page.$$eval('[data-chart="agents"] g[aria-label="rule"] line', (l) => l.length)).toBe(report.agents!.agents.length + 1);
    expect(await page.$$eval('[data-chart="heatmap"] g[aria-label="cell"] rect', (r) => r.length)).toBe(7 * 24);
    // The tables are there with the numbers formatted for people.
    expect(await page.textContent("#survey table")).toContain(report.survey!.overall.count.toLocaleString("en-US"));
    expect(await page.$$eval(".comments li", (l) => l.length)).toBe(report.comments.length);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    mkdirSync(resolve(out, "screenshots"), { recursive: true });
    await page.screenshot({ path: resolve(out, "screenshots", "report.png"), fullPage: true });
    await page.close();
  }, 60_000);

  it("shows a data-less report without errors", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const empty = resolve(out, "empty.html");
    writeFileSync(empty, reportHtml(buildReport({ surveys: [{ nps: 10 }] })));
    await page.goto(pathToFileURL(empty).href);
    await page.waitForSelector("html[data-charts-drawn]", { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("reportHtml", () => {
  it("escapes what it prints and keeps the data script closed", () => {
    const r = buildReport({ surveys: [{ nps: 2, comment: "</script><script>alert(1)</script>", respondedAt: "2026-03-02T09:00:00Z", team: "<b>x</b>" }] }, { by: "team" });
    const html = reportHtml(r);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)");
    expect(html).not.toContain("<b>x</b>");
    // The embedded JSON reads back to the report.
    const json = /<script id="cx-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).report).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it("refuses what is not a report", () => {
    for (const bad of [null, {}, "x", { title: "t" }]) expect(() => reportHtml(bad as never)).toThrow(CxMetricsError);
    expect(() => reportHtml(buildReport({}), { locale: 3 } as never)).toThrow(CxMetricsError);
  });
});
