// Folding shards in worker threads: each worker folds its share of the tickets into an ART state,
// sends it back as bytes (stateToBytes: the duration buffer as it is, no text), and the main thread
// merges them. The result equals one fold of all the tickets, to the bit. The same works across
// processes or machines: send stateToJSON's JSON or the bytes, read them with stateFromJSON or
// stateFromBytes (which refuse a state of another metric or definition, or one changed on the way).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { artMetric, fold, stateFromBytes, stateToBytes } from "cx-metrics";
import { parseTickets, type ParsedTicket } from "cx-metrics/schemas";

const metric = artMetric({ target: "24h" });

if (isMainThread) {
  const tickets = parseTickets(JSON.parse(readFileSync(resolve(import.meta.dirname, "data", "tickets.json"), "utf8")));
  const shards = 2;
  const size = Math.ceil(tickets.length / shards);
  // Each worker runs this same file. As TypeScript (this example) it is loaded through tsx's API;
  // compiled to JavaScript, `new Worker(new URL(import.meta.url), { workerData })` is all it takes.
  const start = (data: unknown): Worker =>
    import.meta.url.endsWith(".ts")
      ? new Worker(`import("tsx/esm/api").then((tsx) => tsx.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`, { eval: true, workerData: data })
      : new Worker(new URL(import.meta.url), { workerData: data });
  const states = await Promise.all(
    Array.from({ length: shards }, (_, i) => {
      const shard = tickets.slice(i * size, (i + 1) * size);
      return new Promise<Uint8Array>((done, fail) => {
        const worker = start(shard);
        worker.once("message", (bytes: Uint8Array) => done(bytes));
        worker.once("error", fail);
      });
    }),
  );
  const merged = metric.init();
  for (const bytes of states) metric.merge(merged, stateFromBytes(metric, bytes));
  const sharded = metric.result(merged);
  const single = metric.result(fold(metric, tickets));
  const same = JSON.stringify(sharded) === JSON.stringify(single);
  console.log(`${tickets.length} tickets in ${shards} workers: ${states.map((b) => `${b.length} bytes`).join(" + ")}`);
  console.log(`median resolution ${(sharded.median ?? 0) / 3_600_000} h, p90 ${((sharded.p90 ?? 0) / 3_600_000).toFixed(3)} h, within 24 h ${sharded.withinTarget?.value.toFixed(1)}%`);
  console.log(`sharded result equals one fold: ${same}`);
} else {
  const state = fold(metric, workerData as ParsedTicket[]);
  const bytes = stateToBytes(metric, state);
  // Transfer the buffer rather than copy it.
  parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}
