// Benchmarks of the trend issue (8), each against the hand-written loop a user would write for the
// same input, in the same process, alternating. Inputs are in random time order, with scores spread
// evenly over 0-10 and skewed (as real NPS answers are). Other metrics and accessors run first, as in
// a real scorecard, so call sites are as polymorphic as they get in an app.
// Run: npm run bench:trends (add --quick for 1e6 records). Prints ratios = library / hand loop.
import { Bench } from "tinybench";
import { cesMetric, csat, csatMetric, groupBy, nps, npsMetric, series, ces, fold } from "cx-metrics";
import { medianMs, mulberry32 } from "./random.ts";

interface Row {
  readonly at: number;
  readonly score: number;
  readonly agent: string;
}

const quick = process.argv.includes("--quick");
const N = quick ? 1e6 : 1e7;
const RUNS = quick ? 2 : 3;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const ZONE = "Europe/Berlin";

/** Scores: even over 0-10, or skewed like real answers (many 10s, 9s and 8s, few low ones). */
function score(random: () => number, skewed: boolean): number {
  if (!skewed) return Math.floor(random() * 11);
  const u = random();
  return u < 0.34 ? 10 : u < 0.52 ? 9 : u < 0.68 ? 8 : u < 0.78 ? 7 : u < 0.85 ? 5 : Math.floor(random() * 11);
}

function makeRows(n: number, skewed: boolean, seed: number): Row[] {
  const random = mulberry32(seed);
  const out: Row[] = [];
  for (let i = 0; i < n; i++) out.push({ at: FROM + Math.floor(random() * (TO - FROM)), score: score(random, skewed), agent: `agent-${Math.floor(random() * 2000)}` });
  return out;
}

// The hand loop's tables, built once outside the timing: the zone's offset per UTC hour (from Intl)
// and the local month of each local day.
const offsets = new Int32Array((TO - FROM) / HOUR + 48);
{
  const f = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric" });
  for (let h = 0; h < offsets.length; h++) {
    const t = FROM + h * HOUR;
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(t)) p[part.type] = Number(part.value);
    offsets[h] = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!) - t;
  }
}
const DAY0 = Math.floor(FROM / DAY) - 1;
const monthOfDay = new Int32Array((TO - FROM) / DAY + 4);
for (let d = 0; d < monthOfDay.length; d++) {
  const date = new Date((DAY0 + d) * DAY);
  monthOfDay[d] = (date.getUTCFullYear() - 2024) * 12 + date.getUTCMonth();
}

/** NPS per local month, the way a performance-minded user writes it: typed-array counters. */
function handMonthly(rows: readonly Row[]): Float64Array {
  const counts = new Float64Array(48 * 11);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const local = r.at + offsets[Math.floor((r.at - FROM) / HOUR)]!;
    const m = monthOfDay[Math.floor(local / DAY) - DAY0]!;
    const k = m * 11 + r.score;
    counts[k] = counts[k]! + 1;
  }
  return npsPerMonth(counts);
}

function npsPerMonth(counts: Float64Array): Float64Array {
  const out = new Float64Array(48);
  for (let m = 0; m < 48; m++) {
    let p = 0;
    let d = 0;
    let t = 0;
    for (let s = 0; s <= 10; s++) {
      const c = counts[m * 11 + s]!;
      t += c;
      if (s >= 9) p += c;
      else if (s <= 6) d += c;
    }
    out[m] = t === 0 ? Number.NaN : (100 * (p - d)) / t;
  }
  return out;
}

/**
 * NPS per local month with the month worked out per record from the local day (Hinnant's civil-date
 * arithmetic), reading only the precomputed per-hour offsets: the loop the issue describes.
 */
function handMonthlyArithmetic(rows: readonly Row[]): Float64Array {
  const counts = new Float64Array(48 * 11);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const local = r.at + offsets[Math.floor((r.at - FROM) / HOUR)]!;
    const z = Math.floor(local / DAY) + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const k = ((year - 2024) * 12 + month - 1) * 11 + r.score;
    counts[k] = counts[k]! + 1;
  }
  return npsPerMonth(counts);
}

/** NPS per agent with a Map of counters. */
function handPerAgent(rows: readonly Row[]): Map<string, number> {
  const counts = new Map<string, { p: number; d: number; t: number }>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let c = counts.get(r.agent);
    if (c === undefined) counts.set(r.agent, (c = { p: 0, d: 0, t: 0 }));
    c.t++;
    if (r.score >= 9) c.p++;
    else if (r.score <= 6) c.d++;
  }
  const out = new Map<string, number>();
  for (const [k, c] of counts) out.set(k, (100 * (c.p - c.d)) / c.t);
  return out;
}

function handNps(rows: readonly Row[]): number {
  let p = 0;
  let d = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]!.score;
    if (s >= 9) p++;
    else if (s <= 6) d++;
  }
  return (100 * (p - d)) / rows.length;
}

function handNpsNumbers(scores: readonly number[]): number {
  let p = 0;
  let d = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s >= 9) p++;
    else if (s <= 6) d++;
  }
  return (100 * (p - d)) / scores.length;
}

/** CES as a user reports it: the mean and the easy share (5-7 of 7, CES 2.0). */
function handCesRecords(rows: readonly { readonly ces: number }[]): number {
  let sum = 0;
  let easy = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]!.ces;
    sum += v;
    if (v >= 5) easy++;
  }
  return sum / rows.length + easy / rows.length;
}

function handCsatRecords(rows: readonly { readonly csat: number }[]): number {
  let ok = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.csat >= 4) ok++;
  return (100 * ok) / rows.length;
}

function handCsat(scores: readonly number[]): number {
  let ok = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= 4) ok++;
  return (100 * ok) / scores.length;
}

function handMean(values: readonly number[]): number {
  let sum = 0;
  let easy = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    if (v >= 5) easy++;
  }
  return sum / values.length + easy / values.length;
}

let sink = 0;

/** Pollutes the shared call sites the way a scorecard app does: several metrics, accessors and shapes. */
function pollute(rows: readonly Row[]): void {
  const small = rows.slice(0, 20_000);
  const shapes = small.map((r) => ({ nps: r.score, csat: 1 + (r.score % 5), ces: 1 + (r.score % 7), team: r.agent.slice(-1), when: r.at }));
  sink += nps(small, { value: (r) => r.score }).total;
  sink += nps(shapes, { value: "nps" }).total;
  sink += csat(shapes, { value: (r) => r.csat }).total;
  sink += ces(shapes, { value: "ces" }).total;
  sink += groupBy(csatMetric({ value: "csat" }), shapes, "team").size;
  sink += series(cesMetric({ value: "ces" }), shapes, { at: "when", period: "week", timeZone: "America/New_York" }).total;
  sink += series(npsMetric({ value: (r: Row) => r.score }), small, { at: (r) => r.at, period: "day" }).total;
  const m = npsMetric({ value: "nps" });
  sink += m.result(fold(m, shapes)).total;
}

interface Case {
  readonly name: string;
  readonly hand: () => void;
  readonly lib: () => void;
  readonly target: number;
}

async function measure(cases: readonly Case[]): Promise<Map<string, number[]>> {
  const ratios = new Map<string, number[]>();
  for (let run = 0; run < RUNS; run++) {
    for (const c of cases) {
      const bench = new Bench({ time: quick ? 600 : 2000, warmupTime: 300, iterations: 4 });
      bench.add("hand", c.hand).add("lib", c.lib);
      await bench.run();
      const hand = medianMs(bench.tasks[0]!.result, `${c.name} hand`);
      const lib = medianMs(bench.tasks[1]!.result, `${c.name} lib`);
      const list = ratios.get(c.name) ?? [];
      list.push(lib / hand);
      ratios.set(c.name, list);
    }
  }
  return ratios;
}

const lines: string[] = [];
for (const skewed of [false, true]) {
  const rows = makeRows(N, skewed, skewed ? 7 : 42);
  const scores = rows.map((r) => r.score);
  const ratings = rows.map((r) => 1 + (r.score % 5));
  const efforts = rows.map((r) => 1 + (r.score % 7));
  const answers = rows.map((r) => ({ csat: 1 + (r.score % 5), ces: 1 + (r.score % 7) }));
  pollute(rows);
  // Check both sides agree before timing.
  const monthly = series(npsMetric({ value: "score" }), rows, { at: "at", period: "month", timeZone: ZONE });
  const hand = handMonthly(rows);
  const hand2 = handMonthlyArithmetic(rows);
  if (hand.some((x, m) => !(Number.isNaN(x) && Number.isNaN(hand2[m]!)) && x !== hand2[m])) throw new Error("the two hand loops disagree");
  for (const p of monthly.periods) {
    const m = monthOfDay[Math.floor((p.start + DAY / 2 + offsets[Math.floor((p.start - FROM) / HOUR)]!) / DAY) - DAY0]!;
    if (Math.abs((p.result.score?.value ?? Number.NaN) - hand[m]!) > 1e-9) throw new Error(`series and the hand loop disagree in ${p.label}`);
  }
  const cases: Case[] = [
    { name: "NPS per month, Berlin (series) / hand, month arithmetic", hand: () => (sink += handMonthlyArithmetic(rows)[20]!), lib: () => (sink += series(npsMetric({ value: "score" }), rows, { at: "at", period: "month", timeZone: ZONE }).total), target: 1.5 },
    { name: "NPS per month, Berlin (series) / hand, month table", hand: () => (sink += handMonthly(rows)[20]!), lib: () => (sink += series(npsMetric({ value: "score" }), rows, { at: "at", period: "month", timeZone: ZONE }).total), target: 1.5 },
    { name: "NPS per agent (groupBy, 2,000 agents)", hand: () => (sink += handPerAgent(rows).size), lib: () => (sink += groupBy(npsMetric({ value: "score" }), rows, "agent").size), target: 1.5 },
    { name: "nps, records, inline accessor", hand: () => (sink += handNps(rows)), lib: () => (sink += nps(rows, { value: (r) => r.score }).total), target: 1.3 },
    { name: "nps, records, field name", hand: () => (sink += handNps(rows)), lib: () => (sink += nps(rows, { value: "score" }).total), target: 1.3 },
    { name: "nps, numbers", hand: () => (sink += handNpsNumbers(scores)), lib: () => (sink += nps(scores).total), target: 1.3 },
    { name: "csat, numbers", hand: () => (sink += handCsat(ratings)), lib: () => (sink += csat(ratings).total), target: 1.3 },
    { name: "csat, records, inline accessor", hand: () => (sink += handCsatRecords(answers)), lib: () => (sink += csat(answers, { value: (r) => r.csat }).total), target: 1.3 },
    { name: "ces, numbers (mean and easy share)", hand: () => (sink += handMean(efforts)), lib: () => (sink += ces(efforts).total), target: 1.3 },
    { name: "ces, records, field name (mean, easy)", hand: () => (sink += handCesRecords(answers)), lib: () => (sink += ces(answers, { value: "ces" }).total), target: 1.3 },
  ];
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const chosen = only === undefined ? cases : cases.filter((c) => c.name.includes(only));
  const ratios = await measure(chosen);
  for (const c of chosen) {
    const r = ratios.get(c.name)!;
    lines.push(`${skewed ? "skewed" : "even  "}  ${c.name.padEnd(56)} worst ${Math.max(...r).toFixed(2)}x (runs ${r.map((x) => x.toFixed(2)).join(", ")}), target ${c.target}x`);
  }
}
console.log(`trends and polluted call sites, n = ${N.toExponential(0)} (ratio = library time / hand loop time, worst of ${RUNS} runs)`);
for (const line of lines) console.log(line);
if (Number.isNaN(sink)) console.log(sink);
