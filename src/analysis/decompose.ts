import { CxMetricsError } from "../core/errors.ts";
import { checkMetric, HEADLINE_COUNTS, headlineOf, type HeadlineCounts, type Metric } from "../core/metric.ts";
import { readEntries, type GroupedStates } from "./group-counts.ts";

/**
 * One segment of a {@link ChangeDecomposition}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const row: SegmentChange<string> = decomposeChange(metric, march, april).segments[0]!;
 * ```
 */
export interface SegmentChange<K> {
  /** The segment (channel, team, agent, touchpoint). */
  readonly key: K;
  /** Its share of the answers (or contacts) before, 0..1. */
  readonly weightBefore: number;
  /** Its share after, 0..1. */
  readonly weightAfter: number;
  /** Its value before on the metric's scale; `null` when it had no answers. */
  readonly valueBefore: number | null;
  /** Its value after; `null` when it had no answers. */
  readonly valueAfter: number | null;
  /** What its change of share contributed: (w₁ - w₀)·((v₀ + v₁)/2 - (V₀ + V₁)/2). */
  readonly mix: number;
  /** What its own change of value contributed: (v₁ - v₀)·(w₀ + w₁)/2. */
  readonly rate: number;
}

/**
 * Why a number moved between two periods: the change split into a mix effect (answers moved between
 * segments) and a rate effect (segments themselves got better or worse), summing to the change.
 *
 * @category Attribution
 * @example
 * ```ts
 * const why: ChangeDecomposition<string> = decomposeChange(metric, march, april);
 * ```
 */
export interface ChangeDecomposition<K> {
  /** The value before (all segments pooled). */
  readonly before: number;
  /** The value after. */
  readonly after: number;
  /** `after - before`. */
  readonly change: number;
  /** The mix effect: Σ mix. */
  readonly mix: number;
  /** The rate effect: Σ rate; `mix + rate = change` (to rounding). */
  readonly rate: number;
  /** Every segment of either period: first those of `before` in order, then new ones of `after`. */
  readonly segments: readonly SegmentChange<K>[];
}

interface Side {
  readonly weight: number;
  readonly value: number | null;
}

/** The denominator of a result's headline: its `total` when it has one (weighted counts), else the estimate's n. */
function sideOf(metric: Metric<never, unknown, unknown>, result: unknown): Side {
  const e = headlineOf(metric, result);
  if (e === null) return { weight: 0, value: null };
  const total = (result as { total?: unknown }).total;
  return { weight: typeof total === "number" && total > 0 ? total : e.n, value: e.value };
}

/**
 * Decomposes the change of NPS, a share, or a mean (any headline that is the answer-weighted average
 * of its segments' values) between two periods across one segment dimension into a mix effect and a
 * rate effect, with the symmetric (midpoint, Shapley) split, so that neither period is privileged:
 *
 * V = Σ wₛvₛ (wₛ the segment's share of the answers); ΔV = Σ (w₁ - w₀)·(v₀ + v₁)/2 + Σ (v₁ - v₀)·(w₀ + w₁)/2.
 * A segment's mix is centred on the average level, (w₁ - w₀)·(v̄ₛ - V̄), so that moving answers
 * towards a segment above average shows as a positive mix (Σ(w₁ - w₀) = 0, so the total is the same).
 * A segment present in only one period has no rate effect: its value in the other period is taken
 * equal to its own, so it enters through mix alone.
 *
 * Input: the grouped states of each period (of {@link groupStates}, or the period states of
 * {@link seriesBy}'s segments); segments are matched by key (SameValueZero). The pooled value of
 * each period is checked against the merged states, so a headline that is not such an average (a
 * percentile) is refused.
 *
 * Sources: Kitagawa, E. M. (1955), "Components of a difference between two rates", JASA 50,
 * 1168-1194 (the symmetric decomposition); Das Gupta, P. (1993), *Standardization and
 * Decomposition of Rates*, U.S. Census Bureau.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` when either period has no answers, or for a headline
 * that is not an answer-weighted average; errors of `metric.result` for states of another metric.
 * @category Attribution
 * @example
 * ```ts
 * const metric = npsMetric({ value: "nps" });
 * const why = decomposeChange(metric, groupStates(metric, march, "channel"), groupStates(metric, april, "channel"));
 * [why.change, why.mix, why.rate];
 * ```
 */
export function decomposeChange<K, S, O>(metric: Metric<never, S, O>, before: GroupedStates<K, S>, after: GroupedStates<K, S>): ChangeDecomposition<K> {
  const fn = "decomposeChange";
  checkMetric(fn, "metric", metric);
  const m = metric as unknown as Metric<never, S, unknown>;
  const b = readEntries<K, S>(fn, "before", before);
  const a = readEntries<K, S>(fn, "after", after);
  // Segments by key: an index into flat arrays (one Map lookup per state, no object per side).
  const keys: K[] = [];
  const index = new Map<K, number>();
  const seen = [new Set<number>(), new Set<number>()] as const;
  const weights: number[][] = [[], []];
  const values: (number | null)[][] = [[], []];
  const pooled = [m.init(), m.init()] as const;
  // NPS and CSAT read their counts without building whole results (see HEADLINE_COUNTS).
  const fast = (m as { [HEADLINE_COUNTS]?: (state: S) => HeadlineCounts | undefined })[HEADLINE_COUNTS];
  for (const [which, entries] of [[0, b], [1, a]] as const) {
    for (const [key, state] of entries) {
      const counts = typeof fast === "function" ? fast.call(m, state) : undefined;
      const side = counts === undefined ? sideOf(m, m.result(state)) : { weight: counts.headline === null ? 0 : counts.total, value: counts.headline?.value ?? null };
      m.merge(pooled[which], state);
      let i = index.get(key);
      if (i === undefined) {
        i = keys.length;
        index.set(key, i);
        keys.push(key);
        weights[0]!.push(0);
        weights[1]!.push(0);
        values[0]!.push(null);
        values[1]!.push(null);
      } else if (seen[which]!.has(i)) {
        throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: which === 0 ? "before" : "after", value: key, expected: "each segment once per period" });
      }
      seen[which]!.add(i);
      weights[which]![i] = side.weight;
      values[which]![i] = side.value;
    }
  }
  let W0 = 0;
  let W1 = 0;
  for (let i = 0; i < keys.length; i++) {
    W0 += weights[0]![i]!;
    W1 += weights[1]![i]!;
  }
  if (!(W0 > 0) || !(W1 > 0)) throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: W0 > 0 ? "after" : "before", value: "no answers", expected: "answers in both periods" });
  let V0 = 0;
  let V1 = 0;
  for (let i = 0; i < keys.length; i++) {
    const v0 = values[0]![i];
    const v1 = values[1]![i];
    if (v0 !== null && v0 !== undefined) V0 += (weights[0]![i]! / W0) * v0;
    if (v1 !== null && v1 !== undefined) V1 += (weights[1]![i]! / W1) * v1;
  }
  // The pooled headline must be the weighted average of the segments' values.
  const pooledValues: number[] = [];
  for (const [which, V] of [[0, V0], [1, V1]] as const) {
    const e = headlineOf(m, m.result(pooled[which]));
    if (e === null || Math.abs(e.value - V) > 1e-7 * Math.max(1, Math.abs(V))) {
      throw new CxMetricsError({
        code: "INVALID_INPUT",
        fn,
        field: which === 0 ? "before" : "after",
        value: `${metric.name}: pooled ${e?.value ?? "none"}, weighted segments ${V}`,
        expected: "a metric whose headline is the answer-weighted average of its segments' values (NPS, a share, a mean)",
      });
    }
    pooledValues.push(e.value);
  }
  const level = (V0 + V1) / 2;
  const segments: SegmentChange<K>[] = [];
  let mix = 0;
  let rate = 0;
  for (let i = 0; i < keys.length; i++) {
    const value0 = values[0]![i] ?? null;
    const value1 = values[1]![i] ?? null;
    const w0 = weights[0]![i]! / W0;
    const w1 = weights[1]![i]! / W1;
    const v0 = value0 ?? value1 ?? 0;
    const v1 = value1 ?? value0 ?? 0;
    const segmentMix = (w1 - w0) * ((v0 + v1) / 2 - level);
    const segmentRate = (v1 - v0) * ((w0 + w1) / 2);
    mix += segmentMix;
    rate += segmentRate;
    segments.push({ key: keys[i] as K, weightBefore: w0, weightAfter: w1, valueBefore: value0, valueAfter: value1, mix: segmentMix, rate: segmentRate });
  }
  const [resultBefore, resultAfter] = pooledValues as [number, number];
  return { before: resultBefore, after: resultAfter, change: resultAfter - resultBefore, mix, rate, segments };
}
