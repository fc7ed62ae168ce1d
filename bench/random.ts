// Deterministic pseudo-random numbers (mulberry32) so every benchmark run measures the same data,
// and scripts/generate-sample.ts writes the same sample files every time.

/** A generator of uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A skewed duration in ms, like resolution times: log-normal with the given median. */
export function skewedDuration(random: () => number, medianMs: number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(medianMs * Math.exp(z));
}

/** Median of the latencies of a finished tinybench task. */
export function medianMs(result: object, name: string): number {
  if (!("latency" in result)) throw new Error(`task ${name} did not complete`);
  return (result as { latency: { p50: number } }).latency.p50;
}
