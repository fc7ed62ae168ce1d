// The worker of bench/workers.bench.ts, in plain JavaScript (no loader to start): makes its shard
// from a seed, as a worker would read its own file, folds ART, and sends stateToBytes back,
// transferred. Stays up for more shards (a pool).
import { parentPort } from "node:worker_threads";
import { artMetric, fold, stateToBytes } from "cx-metrics";

const metric = artMetric({ target: "24h" });

// The generator of bench/random.ts, again: a worker started without a TypeScript loader cannot import that file.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shard(seed, n) {
  const random = mulberry32(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const created = Date.UTC(2026, 0, 1) + Math.floor(random() * 180 * 86_400_000);
    out.push({ created, solves: [created + Math.floor(random() * 5 * 86_400_000)], status: "solved" });
  }
  return out;
}

parentPort?.on("message", ({ seed, n }) => {
  const bytes = stateToBytes(metric, fold(metric, shard(seed, n)));
  parentPort.postMessage(bytes, [bytes.buffer]);
});
