// Exact p50, p90 and p95 of 1e7 durations: selection (percentiles) against a full sort of a
// Float64Array copy, in the same run. Run: npm run bench:quantile.
import { Bench } from "tinybench";
import { percentiles } from "cx-metrics";
import { medianMs, mulberry32, skewedDuration } from "./random.ts";

const n = process.argv.includes("--quick") ? 1e6 : 1e7;
const random = mulberry32(11);
const durations: number[] = [];
for (let i = 0; i < n; i++) durations.push(skewedDuration(random, 300_000));
const source = Float64Array.from(durations);
const ps = [50, 90, 95];

/** The baseline: copy, sort, interpolate (type 7). */
function sortCopy(): number[] {
  const copy = source.slice();
  copy.sort();
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const j = Math.floor(h);
    return (copy[j] as number) + (h - j) * ((copy[Math.min(j + 1, n - 1)] as number) - (copy[j] as number));
  });
}

const expected = sortCopy();
const got = percentiles(source, ps);
if (got.some((v, i) => v !== expected[i])) throw new Error(`selection and sort disagree: ${String(got)} vs ${String(expected)}`);

let sink = 0;
const bench = new Bench({ time: 4000, warmupTime: 500, iterations: 5 });
bench
  .add("sort a Float64Array copy", () => {
    sink += sortCopy()[0] as number;
  })
  .add("percentiles by selection", () => {
    sink += percentiles(source, ps)[0] as number;
  });
await bench.run();
const [sort, select] = bench.tasks.map((task) => medianMs(task.result, task.name)) as [number, number];
console.log(`p50, p90, p95 of ${n} durations (median of runs): selection / sort = ${(select / sort).toFixed(2)}x (${(sort / select).toFixed(1)}x faster)`);
if (Number.isNaN(sink)) console.log(sink);
