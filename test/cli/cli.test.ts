// The built command line (dist/cli.js, as `npx cx-metrics` runs it) on the fixture files: terminal
// output, JSON, HTML, exit codes and messages. Figures are the ones worked out by hand in
// test/ingest/presets.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const cli = resolve(root, "dist", "cli.js");
const fixture = (name: string): string => resolve(root, "test", "fixtures", name);
const tmp = resolve(root, ".tmp", "cli");

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm test` builds before the tests; a lone `vitest run` builds here.
  if (!existsSync(cli)) spawnSync("npx", ["tsup"], { cwd: root, stdio: "ignore", timeout: 120_000 });
  mkdirSync(tmp, { recursive: true });
}, 180_000);

describe("cx-metrics report", () => {
  it("prints a Zendesk export's scorecard with the vendor's definitions, and summarises what it left out", () => {
    const r = run("report", fixture("zendesk-tickets.csv"), "--preset", "zendesk", "--zone", "UTC");
    expect(r.status).toBe(0);
    // CSAT good / (good + bad) = 3 / 5; one-touch (at most one reply) 3 of 5 solved; median first reply 45 min.
    expect(r.stdout).toMatch(/all\s+\d+\s+60\.0% \(/);
    expect(r.stdout).toContain("45 min 00 s");
    expect(r.stderr).toContain("zendesk-tickets.csv: 9 rows, 8 accepted (6 survey answers, 8 tickets), 1 rejected; skipped: 3 satisfaction survey not offered");
    expect(r.stderr).toContain('line 10: ticket created (column "Created at") is "yesterday"');
  });

  it("makes the output's folder, and says so when a path cannot be written", () => {
    const file = resolve(tmp, "new", "deeper", "report.html");
    expect(run("report", fixture("amazon-connect-records.jsonl"), "--preset", "amazon-connect", "--html", file, "--quiet").status).toBe(0);
    expect(readFileSync(file, "utf8").startsWith("<!doctype html>")).toBe(true);
    // A file where the folder should be: the path cannot be made.
    writeFileSync(resolve(tmp, "a-file"), "");
    const blocked = run("report", fixture("amazon-connect-records.jsonl"), "--preset", "amazon-connect", "--json-file", resolve(tmp, "a-file", "x.json"), "--quiet");
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain("cannot write it");
  });

  it("writes JSON for scripts", () => {
    const r = run("report", fixture("zendesk-tickets.csv"), "--preset", "zendesk", "--zone", "UTC", "--json", "--quiet");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const { report, inputs } = JSON.parse(r.stdout) as { report: { survey: { columns: { id: string }[]; overall: { values: { value: number }[] } }; operations: { columns: { id: string }[]; overall: { values: ({ value: number } | null)[] } } }; inputs: { summary: { rejected: number; rejections: { line: number }[] } }[] };
    const survey = report.survey;
    expect(survey.overall.values[survey.columns.findIndex((c) => c.id === "csat")]!.value).toBe(60);
    const ops = report.operations;
    expect(ops.overall.values[ops.columns.findIndex((c) => c.id === "oneTouch")]!.value).toBe(60);
    expect(ops.overall.values[ops.columns.findIndex((c) => c.id === "frt")]!.value).toBe(45 * 60_000);
    expect(inputs[0]!.summary.rejections.map((x) => x.line)).toEqual([10]);
  });

  it("reads Amazon Connect JSON lines: service level and AHT", () => {
    const r = run("report", fixture("amazon-connect-records.jsonl"), "--preset", "amazon-connect", "--by", "channel");
    expect(r.status).toBe(0);
    // 3 of 5 offered answered within 20 s; AHT 1700 s / 4 = 425 s.
    expect(r.stdout).toMatch(/all\s+5\s+60\.0% \(/);
    expect(r.stdout).toContain("7 min 05 s");
    expect(r.stdout).toMatch(/chat\s+1/);
    expect(r.stderr).toContain("skipped: 2 not queued");
  });

  it("writes a self-contained HTML report", () => {
    const file = resolve(tmp, "qualtrics.html");
    const r = run("report", fixture("qualtrics-responses.csv"), "--preset", "qualtrics", "--column", "csat=Q2", "--column", "comment=Q3", "--zone", "Europe/Berlin", "--html", file);
    expect(r.status).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("Charged twice, refund still missing");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    // NPS 12.5 of 8 answers; CSAT 5 of 9.
    expect(r.stdout).toMatch(/all\s+9\s+12\.5 \(.*55\.6% \(/);
  });

  it("reads files in the records' own shape with no preset (the demo)", () => {
    const r = run("report", "examples/data/survey-responses.json", "examples/data/contacts.json", "examples/data/tickets.json", "--zone", "Asia/Kolkata", "--by", "team", "--quiet");
    expect(r.status).toBe(0);
    const raw = JSON.parse(readFileSync(resolve(root, "examples/data/survey-responses.json"), "utf8")) as { kind: string; nps: number | null; team?: string }[];
    // Transactional NPS by brute force: 100 (P - D) / N over the answers.
    const bruteNps = (rows: typeof raw): string => {
      const a = rows.filter((x) => x.kind !== "relationship" && typeof x.nps === "number") as { nps: number }[];
      return ((100 * (a.filter((x) => x.nps >= 9).length - a.filter((x) => x.nps <= 6).length)) / a.length).toFixed(1);
    };
    expect(r.stdout).toMatch(new RegExp(`all\\s+[\\d,]+\\s+${bruteNps(raw)} \\(`));
    expect(r.stdout).toMatch(new RegExp(`Billing\\s+[\\d,]+\\s+${bruteNps(raw.filter((x) => x.team === "Billing"))} \\(`));
    expect(r.stdout).toContain("Relationship NPS");
    expect(r.stdout).toContain("Agents: NPS shrunken");
  });
});

describe("exit codes and messages a shell user can act on", () => {
  it("2 for usage errors", () => {
    const bad = run("report", fixture("zendesk-tickets.csv"), "--presett", "zendesk");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--presett'/);
    expect(bad.stderr).toContain('Run "cx-metrics --help"');
    expect(run("report", fixture("zendesk-tickets.csv"), "--preset", "freshdesk").stderr).toMatch(/unknown preset "freshdesk"; presets: qualtrics, zendesk, amazon-connect/);
    expect(run("report", "nope.csv").status).toBe(2);
    expect(run("report", "nope.csv").stderr).toContain("nope.csv: no such file");
    expect(run("report").status).toBe(2);
    expect(run("summarise", "x.csv").status).toBe(2);
    expect(run("report", fixture("zendesk-tickets.csv"), "--zone", "Mars/Base").stderr).toContain("--zone Mars/Base: not a time zone");
    expect(run("report", fixture("zendesk-tickets.csv"), "--period", "fortnight").status).toBe(2);
  });

  it("3 for a missing column, naming the columns found", () => {
    const file = resolve(tmp, "custom.csv");
    writeFileSync(file, "when,score,team\n2026-03-02T09:00:00Z,9,A\n");
    const r = run("report", file, "--kind", "survey", "--column", "respondedAt=when", "--column", "nps=Score");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('columns.nps is "Score"; expected a column of the input; columns found: when, score, team');
    const ok = run("report", file, "--kind", "survey", "--column", "respondedAt=when", "--column", "nps=score");
    expect(ok.status).toBe(0);
    expect(run("report", resolve(tmp, "custom.csv")).stderr).toContain("cannot tell what the rows are. Columns found: when, score, team");
  });

  it("3 when nothing can be read, with the hint that fixes it", () => {
    const r = run("report", fixture("qualtrics-responses.csv"), "--preset", "qualtrics");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("none of the 12 rows could be read");
    expect(r.stderr).toContain("--zone");
  });

  it("3 with --strict at the first bad row, naming its line", () => {
    const r = run("report", fixture("zendesk-tickets.csv"), "--preset", "zendesk", "--zone", "UTC", "--strict");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('ticket.created (column "Created at", line 10) is "yesterday"');
  });

  it("names the file's own line when quoted fields hold line breaks and blank lines are skipped", () => {
    const file = resolve(tmp, "lines.csv");
    // Line 1 header; line 2 a row; lines 3-5 one row whose comment spans three lines; line 6 blank;
    // line 7 a bad row.
    writeFileSync(file, 'respondedAt,nps,comment\n2026-03-02T09:00:00Z,9,ok\n2026-03-02T10:00:00Z,3,"first\nsecond\nthird"\n\n2026-03-02T11:00:00Z,eleven,x\n');
    const r = run("report", file);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("3 rows, 2 accepted");
    expect(r.stderr).toContain('line 7: survey nps (column "nps") is "eleven"');
  });

  it("--help and --version", () => {
    expect(run("--help").stdout).toContain("Usage: cx-metrics report <files...>");
    expect(run("--version").stdout.trim()).toBe((JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { version: string }).version);
  });
});
