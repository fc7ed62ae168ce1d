// Runs every example and the demo as a user would, and checks what they print against values
// worked out independently (by hand, or by brute force over the raw sample data).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function run(file: string): string {
  const out = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(out.stderr.replace(/npm warn.*\n/g, "")).toBe("");
  expect(out.status).toBe(0);
  return out.stdout;
}

interface Raw {
  kind: string;
  respondedAt: string;
  channel?: string;
  nps?: number | null;
  csat?: number | null;
}
const raw: Raw[] = JSON.parse(readFileSync(resolve(root, "examples/data/survey-responses.json"), "utf8"));
const transactional = raw.filter((r) => r.kind === "transactional");
/** NPS by brute force, to one decimal. */
function bruteNps(rows: Raw[]): string {
  const answered = rows.filter((r) => typeof r.nps === "number") as { nps: number }[];
  const p = answered.filter((r) => r.nps >= 9).length;
  const d = answered.filter((r) => r.nps <= 6).length;
  return ((100 * (p - d)) / answered.length).toFixed(1);
}

describe("examples", () => {
  it("every example is covered by a test here", () => {
    expect(readdirSync(resolve(root, "examples")).filter((f) => f.endsWith(".ts")).sort()).toEqual(["explore.ts", "from-export.ts", "helpdesk-sla.ts", "quick-nps.ts", "tour.ts", "warehouse.ts", "weekly-csat.ts", "workers.ts"]);
  });

  it("helpdesk-sla prints the hand-worked business-hour values", () => {
    const out = run("examples/helpdesk-sla.ts");
    // Business FRTs: Thu 16:00-17:00 + Mon 09:00-10:00 (Friday a holiday) = 2 h; 0.5 h; 2 h.
    expect(out).toContain("first response, business hours: median 2 h, max 2 h, within 1 h: 33.3%");
    // Calendar: Thursday 16:00 to Monday 10:00 = 90 h.
    expect(out).toContain("first response, calendar time: max 90 h");
    // Resolutions: 1 h + 3 h = 4 h; 6 h; mean 5 h; one of two within 5 h; one open.
    expect(out).toContain("resolution, business hours: mean 5 h, within 5 h: 50%, open 1");
    expect(out).toContain("one-touch: 100% of 2 solved tickets");
  });

  it("from-export reads the Zendesk fixture with the preset's definitions", () => {
    const out = run("examples/from-export.ts");
    // 9 rows; 1009 has no real creation time; 3 of 5 rated good; 3 of 5 solved with at most one reply.
    expect(out).toContain("9 rows: 8 accepted, 1 rejected, 0 skipped");
    expect(out).toContain('line 10: created (column "Created at") is "yesterday"');
    expect(out).toContain("CSAT 60.0% of 5 rated, one-touch 60.0% of 5 solved");
    expect(out).toMatch(/team\s+n\s+CSAT/);
  });

  it("workers folds shards in worker threads and gets one fold's result", () => {
    const out = run("examples/workers.ts");
    expect(out).toContain("2369 tickets in 2 workers");
    expect(out).toContain("sharded result equals one fold: true");
    // The median of full resolution times by brute force over the raw tickets: last solve - created.
    const tickets = JSON.parse(readFileSync(resolve(root, "examples/data/tickets.json"), "utf8")) as { created: string; solves?: string[]; status?: string }[];
    const times = tickets.filter((t) => (t.status === "solved" || t.status === "closed") && (t.solves?.length ?? 0) > 0).map((t) => Math.max(...t.solves!.map((x) => Date.parse(x))) - Date.parse(t.created)).sort((a, b) => a - b);
    const mid = times.length / 2;
    const median = times.length % 2 === 1 ? times[Math.floor(mid)]! : (times[mid - 1]! + times[mid]!) / 2;
    expect(out).toContain(`median resolution ${median / 3_600_000} h`);
  });

  it("warehouse runs the plan in DuckDB and prints each team's brute-force figures", () => {
    const out = run("examples/warehouse.ts");
    interface RawContact { team: string; arrived: string; answered?: string | null; ended?: string | null; abandoned?: boolean; talk?: number | null; hold?: number | null; afterCallWork?: number | null; resolved?: boolean | null }
    const contacts = JSON.parse(readFileSync(resolve(root, "examples/data/contacts.json"), "utf8")) as RawContact[];
    const fmt = (ms: number): string => {
      const s = Math.round(ms / 1000);
      return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
    };
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
    const teams = [...new Set(contacts.map((c) => c.team))].sort();
    expect(out).toContain(`1 query, ${teams.length} teams`);
    const handle = (c: RawContact): number => (c.talk ?? 0) + (c.hold ?? 0) + (c.afterCallWork ?? 0);
    for (const team of teams) {
      const rows = contacts.filter((c) => c.team === team);
      const answered = rows.filter((c) => c.answered != null);
      // Service level with abandons as missed: answered within 20 s over answered + abandoned (ended unanswered, not a flow-out).
      const within = answered.filter((c) => Date.parse(c.answered!) - Date.parse(c.arrived) <= 20_000).length;
      const abandoned = rows.filter((c) => c.answered == null && c.ended != null && c.abandoned !== false).length;
      const known = rows.filter((c) => typeof c.resolved === "boolean");
      const line = `${team.padEnd(12)} ${String(rows.length).padStart(5)} contacts  AHT ${fmt(answered.reduce((s, c) => s + handle(c), 0) / answered.length)}`;
      expect(out).toContain(line);
      expect(out).toContain(`service level ${pct(within / (answered.length + abandoned))}  FCR ${pct(known.filter((c) => c.resolved === true).length / known.length)}`);
    }
    const all = contacts.filter((c) => c.answered != null);
    expect(out).toContain(`center AHT from the merged team states: ${fmt(all.reduce((s, c) => s + handle(c), 0) / all.length)}`);
    // Months in Asia/Kolkata: the data's instants carry +05:30, so the local month is the text's own.
    for (const month of [...new Set(contacts.map((c) => c.arrived.slice(0, 7)))]) {
      const known = contacts.filter((c) => c.arrived.startsWith(month) && typeof c.resolved === "boolean");
      expect(out).toContain(`${month} FCR ${pct(known.filter((c) => c.resolved).length / known.length)} of ${known.length}`);
    }
  });

  it("quick-nps prints the hand-worked values", () => {
    const out = run("examples/quick-nps.ts");
    // 6 promoters (10, 9, 9, 10, 9, 10), 3 passives (8, 7, 8), 2 detractors (6, 3) of 11: 400/11 = 36.36
    expect(out).toContain("NPS 36.4 (good)");
    expect(out).toContain("promoters 6, passives 3, detractors 2, missing 1");
    // Last week: (16 - 10)/40 = 15; change 36.36 - 15 = 21.4
    expect(out).toContain("change 21.4 points");
    // 1.95996² / 0.05² = 1536.6 -> 1537; with v = .65 - .15² = .6275: 964.2 -> 965
    expect(out).toContain("for ±5 points: 1537 answers (worst case), 965 at 40% / 25%");
  });

  it("weekly-csat merges weeks into the quarter's brute-force CSAT", () => {
    const out = run("examples/weekly-csat.ts");
    // Local (UTC+05:30) dates are the first 10 characters of the ISO strings in the data.
    const q2 = transactional.filter((r) => r.respondedAt.slice(0, 10) >= "2026-03-30" && typeof r.csat === "number") as { csat: number }[];
    const share = ((100 * q2.filter((r) => r.csat >= 4).length) / q2.length).toFixed(1);
    expect(out).toContain(`Q2 2026 (weeks from 2026-W14, which starts on 30 March): ${share}% satisfied, n = ${q2.length}`);
    expect(out.split("\n").filter((l) => /^2026-W\d\d /.test(l))).toHaveLength(6);
  });

  it("explore prints brute-force NPS per survey kind", () => {
    const out = run("examples/explore.ts");
    expect(out).toContain(`2. transactional NPS ${bruteNps(transactional)}`);
    expect(out).toContain(`2. relationship NPS ${bruteNps(raw.filter((r) => r.kind === "relationship"))}`);
    expect(out).toContain('6. skipping: score 100, excluded {"missing":1,"invalidValue":2,"invalidWeight":0,"invalidRecord":0}');
  });
});

describe("tour (the API tour that was the demo)", () => {
  it("prints the scorecard with brute-force NPS by channel and six months", () => {
    const out = run("examples/tour.ts");
    expect(out).toContain("cx-metrics demo: survey scorecard");
    expect(out).toContain(`  NPS   +${bruteNps(transactional)}`);
    for (const channel of ["chat", "email", "phone"]) {
      const score = bruteNps(transactional.filter((r) => r.channel === channel));
      expect(out).toMatch(new RegExp(`\\n${channel}\\s+\\+?${score.replace(".", "\\.")}\\s`));
    }
    expect(out.split("\n").filter((l) => /^ {2}2026-0[1-6] /.test(l))).toHaveLength(6);
  });

  it("prints monthly NPS in the center's zone, tNPS against rNPS, and rNPS waves without duplicates, matching brute force", () => {
    const out = run("examples/tour.ts");
    // The sample's timestamps carry +05:30, so their first 7 characters are the local (Asia/Kolkata) month.
    for (const m of ["2026-01", "2026-04"]) {
      const score = bruteNps(transactional.filter((r) => r.respondedAt.slice(0, 7) === m));
      expect(out).toMatch(new RegExp(`\\n {2}${m} +[+-]?${score.replace(".", "\\.").replace(/^-/, "")}\\s`));
    }
    expect(out).toMatch(/trend [+-][0-9.]+ points a month \(95% CI .*\): (rising|falling|no clear trend)/);
    // rNPS waves: one answer per customer per local quarter, the latest.
    const rel = raw.filter((r) => r.kind === "relationship") as (Raw & { customerId: string })[];
    const q1 = rel.filter((r) => r.respondedAt.slice(0, 7) <= "2026-03");
    const latest = new Map<string, Raw>();
    for (const r of [...q1].sort((a, b) => Date.parse(a.respondedAt) - Date.parse(b.respondedAt))) latest.set(r.customerId, r);
    const wave = bruteNps([...latest.values()]);
    expect(out).toContain(`rNPS wave 2026-Q1: ${Number(wave) > 0 ? "+" : ""}${wave} (95% CI`);
    expect(out).toContain(`${latest.size} respondents, ${q1.length - latest.size} duplicate answers not counted`);
    const tq1 = bruteNps(transactional.filter((r) => r.respondedAt.slice(0, 7) <= "2026-03"));
    expect(out).toMatch(new RegExp(`2026-Q1  tNPS +[+-]?${tq1.replace(".", "\\.").replace(/^-/, "")} `));
  });

  it("prints the agent table and the agent-vs-company breakdown, matching brute force over the raw answers", () => {
    const out = run("examples/tour.ts");
    type Pair = Raw & { agentId?: string; agentNps?: number | null };
    const rows = transactional as Pair[];
    // Raw NPS of the best agent, and the count of its answers.
    const agent05 = rows.filter((r) => r.agentId === "agent-05");
    expect(out).toMatch(new RegExp(`\\n {2}1 +agent-05 +Technical +${agent05.filter((r) => typeof r.nps === "number").length} +\\+${bruteNps(agent05).replace(".", "\\.")} `));
    // Agent and company NPS over the respondents who answered both, and their gap.
    const both = rows.filter((r) => typeof r.nps === "number" && typeof r.agentNps === "number") as { nps: number; agentNps: number }[];
    const net = (xs: number[]): number => (100 * (xs.filter((x) => x >= 9).length - xs.filter((x) => x <= 6).length)) / xs.length;
    const agentScore = net(both.map((r) => r.agentNps));
    const companyScore = net(both.map((r) => r.nps));
    expect(out).toContain(`two-question survey: ${both.length.toLocaleString("en-US")} answered both`);
    expect(out).toContain(`agent NPS +${agentScore.toFixed(1)}, company NPS +${companyScore.toFixed(1)}, gap +${(agentScore - companyScore).toFixed(1)}`);
    // Detractor drivers, counted one respondent at a time.
    const low = both.filter((r) => r.nps <= 6 || r.agentNps <= 6);
    const companyDriven = low.filter((r) => r.nps <= 6 && r.agentNps > 6).length;
    expect(out).toContain(`${((100 * companyDriven) / low.length).toFixed(0)}% company-driven`);
    expect(out).toContain(`(of ${low.length})`);
    // The decomposition's parts add up to the change.
    const m = out.match(/change ([+-][0-9.]+) = mix ([+-][0-9.]+) \+ rate ([+-][0-9.]+)/)!;
    expect(Math.abs(Number(m[1]) - Number(m[2]) - Number(m[3]))).toBeLessThan(0.06);
  });

  it("prints queue, handle-time and first-response figures that match brute force over the raw records", () => {
    interface RawContact {
      arrived: string;
      answered?: string;
      ended?: string;
      abandoned?: boolean;
      talk?: number;
      hold?: number;
      afterCallWork?: number;
    }
    interface RawTicket {
      created: string;
      replies: { at: string; automated?: boolean }[];
    }
    const contacts: RawContact[] = JSON.parse(readFileSync(resolve(root, "examples/data/contacts.json"), "utf8"));
    const tickets: RawTicket[] = JSON.parse(readFileSync(resolve(root, "examples/data/tickets.json"), "utf8"));
    const out = run("examples/tour.ts");
    // Service level over all contacts: answered within 20 s over answered + abandoned, abandons under 5 s set apart.
    const wait = (c: RawContact, end: string): number => Date.parse(end) - Date.parse(c.arrived);
    const answered = contacts.filter((c) => c.answered !== undefined);
    const abandoned = contacts.filter((c) => c.answered === undefined && c.abandoned === true && wait(c, c.ended as string) >= 5000);
    const sl = ((100 * answered.filter((c) => wait(c, c.answered as string) <= 20_000).length) / (answered.length + abandoned.length)).toFixed(1);
    expect(out).toMatch(new RegExp(`\\nall\\s+${(answered.length + abandoned.length).toLocaleString("en-US")}\\s+${sl.replace(".", "\\.")}%`));
    // AHT as m:ss.
    const handle = answered.reduce((s, c) => s + (c.talk ?? 0) + (c.hold ?? 0) + (c.afterCallWork ?? 0), 0) / answered.length / 1000;
    const aht = `${Math.floor(Math.round(handle) / 60)}:${String(Math.round(handle) % 60).padStart(2, "0")}`;
    expect(out).toContain(`Handle time  AHT ${aht} =`);
    // Median calendar FRT over tickets with an agent reply, in hours.
    const frts = tickets
      .map((t) => t.replies.filter((r) => r.automated !== true).map((r) => Date.parse(r.at) - Date.parse(t.created)))
      .filter((x) => x.length > 0)
      .map((x) => Math.min(...x))
      .sort((a, b) => a - b);
    const mid = (frts.length - 1) / 2;
    const median = ((frts[Math.floor(mid)] as number) + (frts[Math.ceil(mid)] as number)) / 2 / 3_600_000;
    expect(out).toMatch(new RegExp(`calendar time\\s+mean [0-9.]+ h, median ${median.toFixed(1).replace(".", "\\.")} h`));
  });
});
