// Benchmark of nps() against a hand-written loop doing the same counting, in the same run.
// Run: npm run bench. Reports ratios (library time / loop time); absolute times on a shared
// machine are noise. Target: within 1.3x of the loop.
import { Bench } from "tinybench";
import { nps } from "cx-metrics";
import { mulberry32 } from "./random.ts";

interface Row {
  readonly id: number;
  readonly score: number;
}

/** Deterministic scores 0..10 (mulberry32), so every run measures the same data. */
function makeScores(n: number, seed = 42): number[] {
  const random = mulberry32(seed);
  // Packed (push), as arrays from JSON.parse or map are; `new Array(n)` would be holey and slow both sides.
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.floor(random() * 11));
  return out;
}

/** The hand-written loop: counts promoters and detractors, checks nothing. */
function handLoop(scores: readonly number[]): number {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / scores.length;
}

function handLoopRecords(rows: readonly Row[]): number {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]!.score;
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / rows.length;
}

const sizes = process.argv.includes("--quick") ? [1e6] : [1e6, 1e7];
let sink = 0;
const lines: string[] = [];

for (const n of sizes) {
  const scores = makeScores(n);
  const rows: Row[] = scores.map((score, id) => ({ id, score }));
  const expected = handLoop(scores);
  if (nps(scores).score?.value !== expected || nps(rows, { value: (r) => r.score }).score?.value !== expected) {
    throw new Error("nps and the hand-written loop disagree");
  }
  const bench = new Bench({ time: n >= 1e7 ? 3000 : 1500, warmupTime: 500, iterations: 8 });
  bench
    .add(`hand loop, numbers, ${n}`, () => {
      sink += handLoop(scores);
    })
    .add(`nps, numbers, ${n}`, () => {
      sink += nps(scores).score!.value;
    })
    .add(`hand loop, records, ${n}`, () => {
      sink += handLoopRecords(rows);
    })
    .add(`nps, records via accessor, ${n}`, () => {
      sink += nps(rows, { value: (r) => r.score }).score!.value;
    });
  await bench.run();
  const median = (i: number): number => {
    const result = bench.tasks[i]!.result;
    if (!("latency" in result)) throw new Error(`task ${bench.tasks[i]!.name} did not complete`);
    return result.latency.p50;
  };
  const [loop, lib, loopRows, libRows] = [median(0), median(1), median(2), median(3)];
  const rate = (ms: number): string => `${((n / ms) * 1e3 / 1e6).toFixed(1)}M/s`;
  lines.push(
    `n = ${n.toExponential(0)}  numbers: nps ${rate(lib)} vs loop ${rate(loop)}, ratio ${(lib / loop).toFixed(2)}x` +
      `  |  records: nps ${rate(libRows)} vs loop ${rate(loopRows)}, ratio ${(libRows / loopRows).toFixed(2)}x`,
  );
}

console.log("nps vs a hand-written loop (median of runs; ratio = nps time / loop time, target <= 1.3x)");
for (const line of lines) console.log(line);
if (Number.isNaN(sink)) console.log(sink);
