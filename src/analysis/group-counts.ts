import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { checkMetric, HEADLINE_COUNTS, headlineOf, type HeadlineCounts, type Metric } from "../core/metric.ts";
import { PROPORTION_METHODS } from "../stats/estimates.ts";
import { npsCountsOf, type NpsCountsOf } from "./trends.ts";

/**
 * Grouped states of NPS or a share read once into category counts: what shrinkage, funnel limits and
 * rankings work from, so none of them reads a record again.
 *
 * - `"nps"`: three categories (promoters, passives, detractors); the value is 100·(P - D)/n.
 * - `"share"`: two categories (successes, failures); the value is 100·successes/n.
 *
 * Counts are effective counts: a weighted group's counts are scaled to its effective sample size
 * (Kish), so a group's evidence is what its interval rests on.
 */
export interface GroupCounts<K> {
  readonly kind: "nps" | "share";
  readonly categories: 2 | 3;
  readonly keys: K[];
  readonly raw: (Estimate | null)[];
  /** counts[i·categories + c] */
  readonly counts: Float64Array;
  /** Effective size of each group (0 when empty). */
  readonly n: Float64Array;
}

/**
 * Grouped states whose headline is a mean (AHT, CES, a rating mean, FRT, ART): each group's mean, its
 * (effective) n and its plug-in variance SE²·n, read from the headline estimate.
 */
export interface GroupMeans<K> {
  readonly kind: "mean";
  readonly keys: K[];
  readonly raw: (Estimate | null)[];
  /** Each group's mean (0 when empty). */
  readonly mean: Float64Array;
  /** Each group's plug-in variance of one observation, SE²·n (0 when empty). */
  readonly variance: Float64Array;
  /** Effective size of each group (0 when empty). */
  readonly n: Float64Array;
}

/** Grouped states read once: counts for NPS and shares, means for mean headlines. */
export type GroupData<K> = GroupCounts<K> | GroupMeans<K>;

/** What the functions built on grouped states accept: the map of {@link groupStates}, or any iterable of [key, state] pairs. */
export type GroupedStates<K, S> = Iterable<readonly [K, S]>;

/** Reads grouped states (a `Map` or [key, state] pairs) into entries, refusing anything else. */
export function readEntries<K, S>(fn: string, field: string, states: unknown): (readonly [K, S])[] {
  if (states === null || typeof states !== "object" || typeof (states as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field, value: states, expected: "grouped states: the Map of groupStates, or an iterable of [key, state] pairs" });
  }
  const out: (readonly [K, S])[] = [];
  let i = 0;
  for (const entry of states as Iterable<unknown>) {
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new CxMetricsError({ code: "INVALID_INPUT", fn, field, index: i, value: entry, expected: "a [key, state] pair (grouped states: the Map of groupStates)" });
    }
    out.push(entry as unknown as readonly [K, S]);
    i++;
  }
  return out;
}

/** A count read back from a share (value·n/100): snapped to the nearest integer when it is one up to rounding. */
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : x;
}

const SHARE_OR_MEAN_EXPECTED = "a metric whose headline is NPS, a share (csat, fcr, ...) or a mean (aht, ces, frt, art)";

/** Reads every group's result into counts (NPS, shares) or means (see {@link GroupCounts}, {@link GroupMeans}). */
export function groupData<K, S, O>(fn: string, metric: Metric<never, S, O>, states: unknown): GroupData<K> {
  checkMetric(fn, "metric", metric);
  const entries = readEntries<K, S>(fn, "states", states);
  const k = entries.length;
  const keys: K[] = new Array<K>(k);
  const raw: (Estimate | null)[] = new Array<Estimate | null>(k);
  const fast = (metric as { [HEADLINE_COUNTS]?: (state: S) => HeadlineCounts | undefined })[HEADLINE_COUNTS];
  // The metric's own counts reader (NPS, CSAT): no whole result per group.
  if (typeof fast === "function") {
    const read: (HeadlineCounts | undefined)[] = entries.map(([, state]) => fast.call(metric, state));
    const first = read[0];
    if (first !== undefined && read.every((r) => r !== undefined && r.kind === first.kind)) {
      const categories = first.kind === "nps" ? 3 : 2;
      const counts = new Float64Array(k * categories);
      const n = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        const r = read[i] as HeadlineCounts;
        keys[i] = (entries[i] as readonly [K, S])[0];
        raw[i] = r.headline;
        const f = r.total > 0 ? r.effectiveSize / r.total : 0;
        let sum = 0;
        for (let c = 0; c < categories; c++) {
          const x = snap((r.counts[c] as number) * f);
          counts[i * categories + c] = x;
          sum += x;
        }
        n[i] = sum;
      }
      return { kind: first.kind, categories, keys, raw, counts, n };
    }
  }
  const results: O[] = [];
  for (let i = 0; i < k; i++) {
    const [key, state] = entries[i] as readonly [K, S];
    keys[i] = key;
    const result = metric.result(state);
    results.push(result);
    raw[i] = headlineOf(metric, result);
  }
  const isNps = metric.headline === "score" && results.length > 0 && results.every((r) => npsCountsOf(r) !== null);
  if (!isNps) {
    const first = raw.find((e) => e !== null);
    if (first !== undefined && first !== null && first.interval.method === "normal") {
      const mean = new Float64Array(k);
      const variance = new Float64Array(k);
      const n = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        const e = raw[i];
        if (e === null || e === undefined) continue;
        if (e.interval.method !== "normal") {
          throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "states", index: i, value: e.interval.method, expected: "every group's headline of one kind (a mean)" });
        }
        mean[i] = e.value;
        variance[i] = e.standardError * e.standardError * e.n;
        n[i] = e.n;
      }
      return { kind: "mean", keys, raw, mean, variance, n };
    }
    for (const e of raw) {
      if (e !== null && !(PROPORTION_METHODS as readonly string[]).includes(e.interval.method)) {
        throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "metric", value: metric.name, expected: `${SHARE_OR_MEAN_EXPECTED}; ${metric.name}'s headline is a ${e.interval.method} estimate` });
      }
    }
    if (metric.headline === null || metric.headline === undefined) {
      throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "metric", value: metric.name, expected: `${SHARE_OR_MEAN_EXPECTED}; ${metric.name} has no headline estimate` });
    }
  }
  const categories = isNps ? 3 : 2;
  const counts = new Float64Array(k * categories);
  const n = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    if (isNps) {
      const r = npsCountsOf(results[i]) as NpsCountsOf;
      const f = r.total > 0 ? r.effectiveSize / r.total : 0;
      counts[3 * i] = snap(r.promoters * f);
      counts[3 * i + 1] = snap(r.passives * f);
      counts[3 * i + 2] = snap(r.detractors * f);
      n[i] = counts[3 * i]! + counts[3 * i + 1]! + counts[3 * i + 2]!;
    } else {
      const e = raw[i];
      if (e === null || e === undefined) continue;
      const x = snap((e.value / 100) * e.n);
      counts[2 * i] = x;
      counts[2 * i + 1] = snap(e.n - x);
      n[i] = e.n;
    }
  }
  return { kind: isNps ? "nps" : "share", categories, keys, raw, counts, n };
}

/** The value (on the metric's scale) of category shares m: NPS 100·(m₀ - m₂), a share 100·m₀. */
export function valueOfShares(kind: "nps" | "share", m: ArrayLike<number>): number {
  return kind === "nps" ? 100 * ((m[0] as number) - (m[2] as number)) : 100 * (m[0] as number);
}
