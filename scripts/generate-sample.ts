// Generates the bundled sample data set, examples/data/survey-responses.json, from a fixed seed.
// Run: npm run generate:sample. The output is committed; the same seed always writes the same file.
//
// A fictional contact center in India (UTC+05:30, no DST), January to June 2026: three teams of
// four agents answering phone, chat and email; a post-interaction (transactional) survey asking
// NPS, CSAT (1-5) and CES 2.0 (1-7); and a quarterly relationship NPS survey. Built-in effects the
// demo should find: agents differ in skill, email is harder than chat, and the Billing team improves
// from April after a (fictional) policy fix. A new agent joins in June.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20260101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const clampInt = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(x)));
/** Approximately normal noise (sum of uniforms). */
const noise = (): number => random() + random() + random() + random() - 2;

const teams = ["Billing", "Technical", "Onboarding"] as const;
const agents = teams.flatMap((team, t) =>
  [0, 1, 2, 3].map((k) => ({ agentId: `agent-${String(t * 4 + k + 1).padStart(2, "0")}`, team, skill: [0.6, 0.2, -0.1, -0.5][k]! + (t === 1 ? 0.2 : 0) })),
);
const channels = [
  { channel: "phone", effect: 0.1, weight: 0.45 },
  { channel: "chat", effect: 0.3, weight: 0.35 },
  { channel: "email", effect: -0.5, weight: 0.2 },
] as const;

const comments = {
  high: ["Solved on the first call", "Friendly and quick", "Explained everything clearly", "Great follow-up", "Agent went the extra mile"],
  mid: ["Fine, but took a while", "OK in the end", "Had to explain twice", "Resolved after a transfer"],
  low: ["Waited too long", "Transferred three times", "Issue still not fixed", "Nobody called back", "Billing error again", "Had to repeat my account number"],
} as const;

function isoLocal(year: number, month: number, day: number, hour: number, minute: number): string {
  const two = (x: number): string => String(x).padStart(2, "0");
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:00+05:30`;
}

const daysIn = [31, 28, 31, 30, 31, 30];
const responses: Record<string, unknown>[] = [];
let id = 0;

for (let month = 1; month <= 6; month++) {
  const count = 560 + Math.floor(random() * 120);
  for (let i = 0; i < count; i++) {
    // agent-12 is a new hire who starts in June: few responses, a wide interval.
    const agent = pick(month === 6 ? agents : agents.slice(0, 11));
    const r = random();
    const channel = r < channels[0].weight ? channels[0] : r < channels[0].weight + channels[1].weight ? channels[1] : channels[2];
    const billingFix = agent.team === "Billing" ? (month >= 4 ? 0.35 : -0.45) : 0;
    const latent = agent.skill + channel.effect + billingFix + 0.9 * noise();
    const npsScore = clampInt(7.4 + 2.1 * latent + 0.8 * noise(), 0, 10);
    const csat = clampInt(3.9 + 0.9 * latent + 0.5 * noise(), 1, 5);
    const ces = clampInt(4.7 + 1.4 * latent + 0.8 * noise(), 1, 7);
    const tone = npsScore >= 9 ? "high" : npsScore <= 6 ? "low" : "mid";
    responses.push({
      id: `t-${++id}`,
      respondedAt: isoLocal(2026, month, 1 + Math.floor(random() * daysIn[month - 1]!), 8 + Math.floor(random() * 12), Math.floor(random() * 60)),
      kind: "transactional",
      agentId: agent.agentId,
      team: agent.team,
      channel: channel.channel,
      nps: random() < 0.04 ? null : npsScore,
      csat: random() < 0.06 ? null : csat,
      ces: random() < 0.1 ? null : ces,
      comment: random() < (tone === "low" ? 0.55 : 0.25) ? pick(comments[tone]) : null,
    });
  }
}

// Relationship survey: a sample of customers once a quarter, about the whole relationship.
for (const [month, day] of [
  [1, 15],
  [4, 15],
] as const) {
  for (let i = 0; i < 300; i++) {
    const latent = (month === 4 ? 0.1 : -0.1) + noise();
    const npsScore = clampInt(7.4 + 2.2 * latent, 0, 10);
    const tone = npsScore >= 9 ? "high" : npsScore <= 6 ? "low" : "mid";
    responses.push({
      id: `r-${++id}`,
      respondedAt: isoLocal(2026, month, day + Math.floor(random() * 10), 9 + Math.floor(random() * 10), Math.floor(random() * 60)),
      kind: "relationship",
      customerId: `c-${1000 + Math.floor(random() * 4000)}`,
      nps: random() < 0.05 ? null : npsScore,
      comment: random() < 0.2 ? pick(comments[tone]) : null,
    });
  }
}

const out = resolve(import.meta.dirname, "..", "examples", "data", "survey-responses.json");
writeFileSync(out, JSON.stringify(responses, null, 0).replace(/\},\{/g, "},\n{") + "\n");
console.log(`wrote ${responses.length} responses to ${out}`);
