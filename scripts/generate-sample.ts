// Generates the bundled sample data set from fixed seeds: examples/data/survey-responses.json,
// contacts.json (calls and chats through the queues) and tickets.json (email and web tickets).
// Run: npm run generate:sample. The output is committed; the same seeds always write the same files.
//
// A fictional contact center in India (UTC+05:30, no DST), January to June 2026: three teams of
// four agents answering phone, chat and email; a post-interaction (transactional) survey asking
// NPS, CSAT (1-5) and CES 2.0 (1-7); and a quarterly relationship NPS survey. Built-in effects the
// demo should find: agents differ in skill, email is harder than chat, and the Billing team improves
// from April after a (fictional) policy fix. A new agent joins in June.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { mulberry32 } from "../bench/random.ts";


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

// The agent question of the two-question survey ("How likely are you to recommend the agent you
// spoke with?"), from a third seed so the answers above never change: it follows the customer's
// company answer (the same mood, the same issue) and the agent's skill, but not Billing's policy
// problem, so Billing's detractors before April are mostly company-driven.
const pair = mulberry32(20260303);
const pairNoise = (): number => pair() + pair() + pair() + pair() - 2;
const skillOf = new Map(agents.map((a) => [a.agentId, a.skill]));
for (const r of responses) {
  if (r["kind"] !== "transactional" || pair() < 0.12) continue; // not everyone answers both
  const company = r["nps"] as number | null;
  const month = Number(String(r["respondedAt"]).slice(5, 7));
  // Billing's company answers were pulled down by the policy until the April fix; the agent answer was not.
  const policy = r["team"] === "Billing" && month < 4 ? -0.45 : 0;
  const base = company === null ? 7.4 : company - 2.1 * policy;
  r["agentNps"] = clampInt(base + 1.2 * (skillOf.get(String(r["agentId"])) ?? 0) + 0.3 + 0.9 * pairNoise(), 0, 10);
}

const dataDir = resolve(import.meta.dirname, "..", "examples", "data");
const write = (name: string, rows: readonly unknown[]): void => {
  const out = resolve(dataDir, name);
  writeFileSync(out, JSON.stringify(rows, null, 0).replace(/\},\{"id"/g, '},\n{"id"') + "\n");
  console.log(`wrote ${rows.length} records to ${out}`);
};
write("survey-responses.json", responses);

// Operations, from a second seed so the survey data above never changes with this part.
// Opening hours: Monday to Friday 09:00-18:00, Saturday 10:00-14:00 (the demo's business calendar);
// calls and chats arrive mostly then, peaking mid-morning and mid-afternoon, Mondays busiest.
// Built-in effects: waits and abandons grow with the hour's load; Billing's repeat contacts drop
// from April with the policy fix; some email tickets get an automated acknowledgement.
const ops = mulberry32(20260202);
const opsPick = <T>(xs: readonly T[]): T => xs[Math.floor(ops() * xs.length)]!;
/** Log-normal with the given median (seconds), sigma about 0.6: skewed like handle and wait times. */
const skewed = (median: number, sigma = 0.6): number => {
  const u = Math.max(ops(), 1e-9);
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * ops()));
};
const IST = 330 * 60_000;
const HOUR = 3_600_000;
const iso = (t: number): string => new Date(t + IST).toISOString().replace("Z", "+05:30");
const hourWeight = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 1.4, 1.8, 1.6, 1.1, 1.0, 1.4, 1.6, 1.2, 0.9, 0.5, 0.3, 0.2, 0.1, 0, 0];
const dayWeight = [1.3, 1.1, 1.0, 1.0, 0.9, 0.4, 0.15]; // Monday .. Sunday
const reasons = { Billing: ["refund", "invoice", "payment failed"], Technical: ["login", "outage", "bug"], Onboarding: ["setup", "plan change"] } as const;
const customers = Array.from({ length: 1800 }, (_, i) => `c-${String(i + 1).padStart(4, "0")}`);
const contacts: Record<string, unknown>[] = [];
const tickets: Record<string, unknown>[] = [];
const start = Date.UTC(2026, 0, 1) - IST;
const lastDay = Date.UTC(2026, 6, 1) - IST;
let contactId = 0;
let ticketId = 0;
/** Customers with an open problem, by team, who will come back within a few days. */
const comeBack: { customerId: string; team: (typeof teams)[number]; reason: string; at: number }[] = [];
for (let day = start; day < lastDay; day += 24 * HOUR) {
  const weekday = (new Date(day + IST).getUTCDay() + 6) % 7;
  const month = new Date(day + IST).getUTCMonth() + 1;
  for (let hour = 0; hour < 24; hour++) {
    const load = hourWeight[hour]! * dayWeight[weekday]!;
    const arrivals = Math.floor(load * 2.6 + ops());
    for (let k = 0; k < arrivals; k++) {
      const arrived = day + hour * HOUR + Math.floor(ops() * HOUR);
      const due = comeBack.findIndex((c) => c.at <= arrived);
      const repeat = due >= 0 ? comeBack.splice(due, 1)[0]! : null;
      const team = repeat?.team ?? opsPick(teams);
      const agent = opsPick(agents.filter((a) => a.team === team));
      const channel = ops() < 0.6 ? "phone" : "chat";
      const wait = skewed(5 + 4 * load, 0.9) * 1000;
      const patience = skewed(150, 0.8) * 1000;
      const base = {
        id: `k-${++contactId}`,
        customerId: repeat?.customerId ?? opsPick(customers),
        agentId: agent.agentId,
        team,
        channel,
        queue: team.toLowerCase(),
        reason: repeat?.reason ?? opsPick(reasons[team]),
        arrived: iso(arrived),
      };
      if (wait > patience) {
        // Abandoned before an agent was assigned: no agentId.
        contacts.push({ ...base, agentId: undefined, ended: iso(arrived + Math.round(patience)), abandoned: true });
        continue;
      }
      const answered = arrived + Math.round(wait);
      const talk = Math.round(skewed(channel === "phone" ? 330 : 520) * 1000);
      const hold = ops() < 0.35 ? Math.round(skewed(60) * 1000) : 0;
      const afterCallWork = Math.round(skewed(45, 0.5) * 1000);
      const billingFix = team === "Billing" ? (month >= 4 ? -0.12 : 0.12) : 0;
      const unresolved = ops() < 0.2 + billingFix - 0.1 * agent.skill;
      if (unresolved) comeBack.push({ customerId: base.customerId, team, reason: base.reason, at: arrived + Math.floor((0.5 + ops() * 6) * 24 * HOUR) });
      contacts.push({
        ...base,
        answered: iso(answered),
        ended: iso(answered + talk + hold),
        talk,
        hold,
        afterCallWork,
        transferred: ops() < 0.06,
        resolved: ops() < 0.6 ? !unresolved : null,
      });
    }
    // Email and web tickets arrive around the clock, more in the day.
    const ticketArrivals = Math.floor((0.25 + 0.6 * hourWeight[hour]!) * dayWeight[weekday]! * 1.1 + ops());
    for (let k = 0; k < ticketArrivals; k++) {
      const created = day + hour * HOUR + Math.floor(ops() * HOUR);
      const team = opsPick(teams);
      const agent = opsPick(agents.filter((a) => a.team === team));
      const replies: { at: string; automated?: boolean; agentId?: string }[] = [];
      if (ops() < 0.7) replies.push({ at: iso(created + Math.round(20_000 + ops() * 40_000)), automated: true });
      const firstReply = created + Math.round(skewed(3.5 * 3600, 0.9) * 1000);
      const touches = ops() < 0.55 ? 1 : ops() < 0.7 ? 2 : 3;
      let at = firstReply;
      for (let r = 0; r < touches; r++) {
        replies.push({ at: iso(at), agentId: agent.agentId });
        at += Math.round(skewed(8 * 3600, 0.8) * 1000);
      }
      const solves: string[] = [];
      let solvedAt = at - Math.round(ops() * 3600_000);
      const reopened = ops() < 0.08;
      if (solvedAt < lastDay) solves.push(iso(solvedAt));
      if (reopened) {
        solvedAt += Math.round(skewed(30 * 3600) * 1000);
        if (solvedAt < lastDay) solves.push(iso(solvedAt));
      }
      const solvedNow = solves.length > 0 && !(reopened && solves.length === 1);
      const visible = replies.filter((r) => Date.parse(r.at) < lastDay);
      tickets.push({
        id: `e-${++ticketId}`,
        customerId: opsPick(customers),
        agentId: agent.agentId,
        team,
        channel: ops() < 0.7 ? "email" : "web",
        created: iso(created),
        replies: visible,
        solves: solvedNow || solves.length > 0 ? solves : [],
        status: solvedNow ? (ops() < 0.5 ? "closed" : "solved") : opsPick(["open", "pending", "open"]),
      });
    }
  }
}
write("contacts.json", contacts);
write("tickets.json", tickets);
