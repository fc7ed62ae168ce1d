// Workers (issue 10): ART over 2e6 tickets folded in one thread, against two worker_threads (a pool,
// started once) that each make and fold half (as each would read its own shard) and send back
// stateToBytes, transferred, merged in the main thread. Issue 10 measured no gain when states were
// cloned. Worst and best of 5 runs, alternating; the results must be equal.
// Run: npm run bench:workers (add --quick for 4e5).
import { Worker } from "node:worker_threads";
import { artMetric, fold, stateFromBytes, type Ticket } from "cx-metrics";
// @ts-expect-error: a plain JavaScript module without types, shared with the workers.
import { shard } from "./workers-shard.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 400_000 : 2_000_000;
const metric = artMetric({ target: "24h" });
const make = shard as (seed: number, n: number) => Ticket[];

const one = (): unknown => {
  const state = metric.init();
  metric.merge(state, fold(metric, make(1, N / 2)));
  metric.merge(state, fold(metric, make(2, N / 2)));
  return metric.result(state);
};
const pool = [1, 2].map(() => new Worker(new URL("./workers-shard.mjs", import.meta.url)));
const ask = (w: Worker, seed: number): Promise<Uint8Array> => new Promise((done) => {
  w.once("message", (b: Uint8Array) => done(b));
  w.postMessage({ seed, n: N / 2 });
});
const two = async (): Promise<unknown> => {
  const parts = await Promise.all([ask(pool[0]!, 1), ask(pool[1]!, 2)]);
  const state = metric.init();
  for (const b of parts) metric.merge(state, stateFromBytes(metric, b));
  return metric.result(state);
};
const a = one();
const b = await two();
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("two workers and one thread disagree");
const ratios: number[] = [];
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  one();
  const t1 = performance.now() - t;
  t = performance.now();
  await two();
  ratios.push((performance.now() - t) / t1);
}
const bytes = (await ask(pool[0]!, 1)).length;
console.log(`${N.toLocaleString("en-US")} tickets: two workers (states as bytes, ${(bytes / 1e6).toFixed(1)} MB each, transferred) / one thread: worst ${Math.max(...ratios).toFixed(2)}x, best ${Math.min(...ratios).toFixed(2)}x; results equal`);
for (const w of pool) await w.terminate();
