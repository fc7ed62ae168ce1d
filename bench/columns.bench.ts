// Columns (issue 10): NPS over a Uint8Array of 1e7 answers, against the hand loops a user would
// write for the same column (a branchless count into one histogram, and four interleaved ones);
// and NPS per agent (2,000 agents) from a value column and a Uint16Array key column by groupColumns,
// against a hand loop over a dense counts array. Three warm-up pairs (so both sides are measured
// compiled, as a long-running process runs them), then 5 runs alternating, the worst ratio
// reported, and the rows per second of each.
// Run: npm run bench:columns (add --quick for 1e6).
import { groupColumns, nps, npsMetric } from "cx-metrics";
import { mulberry32 } from "./random.ts";

const quick = process.argv.includes("--quick");
const N = quick ? 1e6 : 1e7;
const RUNS = 5;
const WARM_UPS = 3;
const AGENTS = 2000;
const random = mulberry32(20261202);
const scores = new Uint8Array(N);
const agents = new Uint16Array(N);
for (let i = 0; i < N; i++) {
  // Skewed as survey data is: many 9s and 10s, few middling answers.
  const u = random();
  scores[i] = u < 0.45 ? 9 + Math.floor(random() * 2) : u < 0.7 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
  agents[i] = Math.floor(random() * AGENTS);
}
const dictionary = Array.from({ length: AGENTS }, (_, a) => `agent-${a}`);

let sink = 0;
function time(f: () => number): number {
  const t = performance.now();
  sink += f();
  return performance.now() - t;
}

const library = (): number => nps(scores).score?.value ?? 0;
const branchless = (): number => {
  const counts = new Float64Array(256);
  for (let i = 0; i < N; i++) counts[scores[i]!]!++;
  let d = 0;
  for (let v = 0; v <= 6; v++) d += counts[v]!;
  const p = counts[9]! + counts[10]!;
  return (100 * (p - d)) / N;
};
const four = (): number => {
  const c = new Float64Array(1024);
  let i = 0;
  for (; i + 3 < N; i += 4) {
    c[scores[i]!]!++;
    c[256 + scores[i + 1]!]!++;
    c[512 + scores[i + 2]!]!++;
    c[768 + scores[i + 3]!]!++;
  }
  for (; i < N; i++) c[scores[i]!]!++;
  const at = (v: number): number => c[v]! + c[256 + v]! + c[512 + v]! + c[768 + v]!;
  let d = 0;
  for (let v = 0; v <= 6; v++) d += at(v);
  return (100 * (at(9) + at(10) - d)) / N;
};
const metric = npsMetric();
const perAgent = (): number => {
  const states = groupColumns(metric, scores, agents, dictionary);
  let s = 0;
  for (const state of states.values()) s += metric.result(state).score?.value ?? 0;
  return s;
};
const perAgentHand = (): number => {
  const dense = new Uint32Array(AGENTS * 11);
  for (let i = 0; i < N; i++) dense[agents[i]! * 11 + scores[i]!]!++;
  let s = 0;
  for (let a = 0; a < AGENTS; a++) {
    let n = 0;
    let d = 0;
    for (let v = 0; v <= 10; v++) n += dense[a * 11 + v]!;
    for (let v = 0; v <= 6; v++) d += dense[a * 11 + v]!;
    const p = dense[a * 11 + 9]! + dense[a * 11 + 10]!;
    s += n === 0 ? 0 : (100 * (p - d)) / n;
  }
  return s;
};

// The same hand loop as a function of its columns (as code that receives them would be written):
// V8 cannot treat parameters as constants, as it does the module-level arrays above.
function denseCounts(values: Uint8Array, keys: Uint16Array, groups: number): number {
  const dense = new Uint32Array(groups * 11);
  const n = values.length;
  for (let i = 0; i < n; i++) dense[keys[i]! * 11 + values[i]!]!++;
  let s = 0;
  for (let a = 0; a < groups; a++) {
    let total = 0;
    let d = 0;
    for (let v = 0; v <= 10; v++) total += dense[a * 11 + v]!;
    for (let v = 0; v <= 6; v++) d += dense[a * 11 + v]!;
    const p = dense[a * 11 + 9]! + dense[a * 11 + 10]!;
    s += total === 0 ? 0 : (100 * (p - d)) / total;
  }
  return s;
}
const perAgentHandFn = (): number => denseCounts(scores, agents, AGENTS);

if (Math.abs(library() - branchless()) > 1e-9 || Math.abs(perAgent() - perAgentHand()) > 1e-6) throw new Error("the library and the hand loops disagree");
const pairs: [string, () => number, string, () => number][] = [
  ["nps(Uint8Array)", library, "branchless hand loop", branchless],
  ["nps(Uint8Array)", library, "four-histogram hand loop", four],
  ["groupColumns + result per agent", perAgent, "dense counts hand loop", perAgentHand],
  ["groupColumns + result per agent", perAgent, "the same hand loop as a function of its columns", perAgentHandFn],
];
console.log(`${N.toLocaleString("en-US")} answers, ${AGENTS.toLocaleString("en-US")} agents; ${RUNS} runs alternating after ${WARM_UPS} warm-ups; worst ratio`);
for (const [an, a, bn, b] of pairs) {
  for (let w = 0; w < WARM_UPS; w++) {
    time(a);
    time(b);
  }
  const ratios: number[] = [];
  let best = Infinity;
  let bestHand = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const ta = time(a);
    const tb = time(b);
    ratios.push(ta / tb);
    best = Math.min(best, ta);
    bestHand = Math.min(bestHand, tb);
  }
  const rate = (ms: number): string => `${((N / ms) * 1e-3).toFixed(0)} M rows/s`;
  console.log(`${an} / ${bn}: worst ${Math.max(...ratios).toFixed(2)}x, best ${Math.min(...ratios).toFixed(2)}x (${rate(best)} against ${rate(bestHand)})`);
}
if (sink === 42) console.log("");
