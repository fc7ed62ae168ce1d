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
    expect(readdirSync(resolve(root, "examples")).filter((f) => f.endsWith(".ts")).sort()).toEqual(["explore.ts", "quick-nps.ts", "weekly-csat.ts"]);
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
    expect(out).toContain(`Q2 2026 (weeks from 2026-03-30): ${share}% satisfied, n = ${q2.length}`);
    expect(out.split("\n").filter((l) => /^2026-\d\d-\d\d /.test(l))).toHaveLength(6);
  });

  it("explore prints brute-force NPS per survey kind", () => {
    const out = run("examples/explore.ts");
    expect(out).toContain(`2. transactional NPS ${bruteNps(transactional)}`);
    expect(out).toContain(`2. relationship NPS ${bruteNps(raw.filter((r) => r.kind === "relationship"))}`);
    expect(out).toContain('6. skipping: score 100, excluded {"missing":1,"invalidValue":2,"invalidWeight":0}');
  });
});

describe("demo", () => {
  it("prints the scorecard with brute-force NPS by channel and six months", () => {
    const out = run("scripts/demo.ts");
    expect(out).toContain("cx-metrics demo: survey scorecard");
    expect(out).toContain(`  NPS   +${bruteNps(transactional)}`);
    for (const channel of ["chat", "email", "phone"]) {
      const score = bruteNps(transactional.filter((r) => r.channel === channel));
      expect(out).toMatch(new RegExp(`\\n${channel}\\s+\\+?${score.replace(".", "\\.")}\\s`));
    }
    expect(out.split("\n").filter((l) => /^ {2}2026-0[1-6] /.test(l))).toHaveLength(6);
  });
});
