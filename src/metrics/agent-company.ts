import type { Estimate } from "../core/estimate.ts";
import { CxMetricsError } from "../core/errors.ts";
import { fold, type Accessor, type FieldRecord, type Metric, type Reader } from "../core/metric.ts";
import { checkAnswer, checkOnInvalid, checkOptions, NOT_A_RECORD, readAccessor, type IntegerRange, type InvalidOptions } from "../core/options.ts";
import { checkDefinition, checkPart, definitionOf, incompatible, isCount } from "../core/state.ts";
import type { Comparison } from "../stats/compare.ts";
import { intervalSettings, NET_SCORE_METHODS, PROPORTION_METHODS, rateEstimate, shareEstimate, zForLevel, type NetScoreIntervalMethod, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { compensatedAdd } from "../stats/compensated.ts";
import { clamp } from "../stats/interval.ts";
import { cdf } from "../stats/normal.ts";
import { csatDefinition, csatMetric, type CsatDefinitionOptions, type CsatResult } from "./csat.ts";
import { npsDefinition, npsMetric, type NpsCategory, type NpsDefinitionOptions, type NpsResult } from "./nps.ts";
import { MAX_WEIGHT, MIN_WEIGHT } from "./internal/rating.ts";
import type { RatingAnswer, RatingState } from "./rating-types.ts";

/**
 * The state of a two-question survey fold ({@link agentCompanyNpsMetric}, {@link agentCompanyCsatMetric}):
 * the joint histogram of (agent answer, company answer) over the respondents who answered both, and
 * the counts of those who did not. Both answers are kept as scale points, so every definition
 * (cut-offs) is applied when the result is read, and merging is adding histograms, exactly.
 *
 * @category Attribution
 * @example
 * ```ts
 * const metric = agentCompanyNpsMetric();
 * const state: PairedRatingState = metric.init();
 * metric.add(state, { agentNps: 10, nps: 6 });
 * state.counts[10 * 11 + 6]; // => 1
 * ```
 */
export interface PairedRatingState {
  /** The metric and scale, e.g. `"agentCompanyNps(scale=0..10)"`. */
  readonly definition: string;
  /** The scale's lowest point. */
  readonly min: number;
  /** Unweighted respondents per (agent answer, company answer): slot (a - min)·points + (c - min). */
  readonly counts: Float64Array;
  /** Weighted respondents: the sum of weights per slot, then the sum of squared weights per slot (2·points² slots). */
  readonly weights: Float64Array;
  /** Compensation terms of `weights` (Neumaier summation). */
  readonly compensation: Float64Array;
  /** Weighted respondents folded in. */
  weighted: number;
  /** Respondents who answered the agent question only. */
  agentOnly: number;
  /** Respondents who answered the company question only. */
  companyOnly: number;
  /** Respondents who answered neither. */
  missing: number;
  /** Records skipped for an answer that is not on the scale (only with `onInvalid: "skip"`). */
  invalidValue: number;
  /** Respondents skipped for an invalid weight (only with `onInvalid: "skip"`). */
  invalidWeight: number;
  /** Records skipped because they were not objects, read by field names (only with `onInvalid: "skip"`). */
  invalidRecord: number;
}

/**
 * What a two-question survey fold left out, by reason: only respondents who answered both questions
 * are compared.
 *
 * @category Attribution
 * @example
 * ```ts
 * agentCompanyNps([{ agentNps: 9 }, { nps: 3 }, {}]).excluded;
 * // => { agentOnly: 1, companyOnly: 1, missing: 1, invalidValue: 0, invalidWeight: 0, invalidRecord: 0 }
 * ```
 */
export interface PairedExclusions {
  /** Answered the agent question only. */
  readonly agentOnly: number;
  /** Answered the company question only. */
  readonly companyOnly: number;
  /** Answered neither. */
  readonly missing: number;
  /** An answer was not on the scale (only with `onInvalid: "skip"`). */
  readonly invalidValue: number;
  /** Both answered, but the weight was not a number from 1e-100 to 1e100 (only with `onInvalid: "skip"`). */
  readonly invalidWeight: number;
  /** The record was not an object (only with `onInvalid: "skip"`). */
  readonly invalidRecord: number;
}

/**
 * Where the low answers come from (detractors for NPS, unsatisfied for CSAT), among the respondents
 * low on at least one of the two questions: agent-driven (low on the agent question only),
 * company-driven (low on the company question only) or both. The three shares add up to 100.
 *
 * @category Attribution
 * @example
 * ```ts
 * agentCompanyNps([{ agentNps: 3, nps: 9 }, { agentNps: 9, nps: 2 }, { agentNps: 1, nps: 0 }]).drivers.agentDriven;
 * // => 1
 * ```
 */
export interface LowScoreDrivers {
  /** Respondents low on at least one question: `agentDriven + companyDriven + both`. */
  readonly low: number;
  /** Low on the agent question, not on the company question. */
  readonly agentDriven: number;
  /** Low on the company question, not on the agent question. */
  readonly companyDriven: number;
  /** Low on both. */
  readonly both: number;
  /** `agentDriven` as a share of `low`, in percent, with a Wilson interval; `null` when `low` is 0. */
  readonly agentDrivenShare: Estimate<ProportionIntervalMethod> | null;
  /** `companyDriven` as a share of `low`. */
  readonly companyDrivenShare: Estimate<ProportionIntervalMethod> | null;
  /** `both` as a share of `low`. */
  readonly bothShare: Estimate<ProportionIntervalMethod> | null;
}

/**
 * Respondents by their NPS group on the agent question (rows) and on the company question (columns):
 * `crossTable.detractor.promoter` counts those who would not recommend the agent but would recommend
 * the company.
 *
 * @category Attribution
 * @example
 * ```ts
 * agentCompanyNps([{ agentNps: 3, nps: 10 }]).crossTable.detractor.promoter;
 * // => 1
 * ```
 */
export type NpsCrossTable = { readonly [A in NpsCategory]: { readonly [C in NpsCategory]: number } };

/**
 * Respondents by CSAT group on the agent question (rows) and the company question (columns).
 *
 * @category Attribution
 * @example
 * ```ts
 * agentCompanyCsat([{ agentCsat: 5, csat: 2 }]).crossTable.satisfied.unsatisfied;
 * // => 1
 * ```
 */
export type CsatCrossTable = { readonly [A in "satisfied" | "unsatisfied"]: { readonly [C in "satisfied" | "unsatisfied"]: number } };

/**
 * What {@link agentCompanyNpsMetric} and {@link agentCompanyCsatMetric} read: the two answers, and
 * what to do with invalid ones.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: AgentCompanyReaders<{ a: number; c: number }> = { agent: "a", company: "c" };
 * ```
 */
export interface AgentCompanyReaders<T> extends InvalidOptions {
  /**
   * The answer to the agent question ("How likely are you to recommend the agent you spoke with?"),
   * as a function or a field name.
   * @defaultValue "agentNps" (NPS), "agentCsat" (CSAT)
   */
  readonly agent?: Reader<T, RatingAnswer>;
  /**
   * The answer to the company question, as a function or a field name.
   * @defaultValue "nps" (NPS), "csat" (CSAT)
   */
  readonly company?: Reader<T, RatingAnswer>;
  /**
   * A survey weight per respondent (a function or a field name; a number from 1e-100 to 1e100): counts,
   * shares and the gap are weighted, and every interval uses Kish's effective sample size. Without it,
   * every respondent counts once.
   */
  readonly weight?: Reader<T, number>;
  /**
   * Confidence level of every interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
}

/**
 * Options of {@link agentCompanyNps} and {@link agentCompanyNpsMetric}: the NPS definition (applied
 * to both questions), the readers, and the interval method of the two NPS results.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: AgentCompanyNpsOptions<SurveyResponse> = { agent: "agentNps", company: "nps", level: 90 };
 * ```
 */
export interface AgentCompanyNpsOptions<T> extends AgentCompanyReaders<T>, NpsDefinitionOptions {
  /**
   * Interval method of `agent.score` and `company.score`.
   * @defaultValue "adjusted-wald"
   */
  readonly interval?: NetScoreIntervalMethod;
}

/**
 * Options of {@link agentCompanyCsat} and {@link agentCompanyCsatMetric}.
 *
 * @category Attribution
 * @example
 * ```ts
 * const options: AgentCompanyCsatOptions<SurveyResponse> = { satisfiedMin: 5 };
 * ```
 */
export interface AgentCompanyCsatOptions<T> extends AgentCompanyReaders<T>, CsatDefinitionOptions {
  /**
   * Interval method of `agent.score` and `company.score`.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
}

/**
 * The agent question against the company question, over the same respondents.
 *
 * @typeParam R - the result of one question (an {@link NpsResult} or a {@link CsatResult}).
 * @typeParam X - the cross-table type.
 * @category Attribution
 * @example
 * ```ts
 * const r: AgentCompanyResult<NpsResult, NpsCrossTable> = agentCompanyNps([{ agentNps: 10, nps: 6 }]);
 * ```
 */
export interface AgentCompanyResult<R, X> {
  /** Respondents who answered both questions: the sample of everything below. */
  readonly respondents: number;
  /** Kish's effective sample size of those respondents, (Σw)²/Σw² (`respondents` without weights). */
  readonly effectiveSize: number;
  /** The agent question's result over those respondents. */
  readonly agent: R;
  /** The company question's result over the same respondents. */
  readonly company: R;
  /**
   * Agent minus company (`before` = company, `after` = agent), a paired comparison (`test: "paired"`):
   * the mean of the per-respondent differences of their groups (+1/0/-1 for NPS, 1/0 for satisfied),
   * with the plug-in standard error of those differences, a z test and a Wald interval. `null` with no
   * respondents.
   */
  readonly gap: Comparison | null;
  /** Respondents by group on the agent question (rows) and the company question (columns). */
  readonly crossTable: X;
  /** Where the low answers come from: agent, company or both. */
  readonly drivers: LowScoreDrivers;
  /** What was left out, by reason. */
  readonly excluded: PairedExclusions;
}

/** The largest scale a two-question fold takes: its joint histogram has points² slots. */
const MAX_PAIRED_POINTS = 101;

interface PairedConfig<T> {
  readonly name: string;
  readonly scale: IntegerRange;
  readonly agent: Accessor<T, unknown>;
  readonly company: Accessor<T, unknown>;
  readonly agentField: string;
  readonly companyField: string;
  readonly weight: Accessor<T, unknown> | undefined;
  readonly skip: boolean;
}


/** The fold shared by the two-question metrics: one joint histogram, read by `read`. */
class PairedRatingMetric<T, O> implements Metric<T, PairedRatingState, O> {
  readonly name: string;
  readonly headline = null;
  private readonly definition: string;
  private readonly min: number;
  private readonly max: number;
  private readonly points: number;
  private readonly config: PairedConfig<T>;
  private readonly read: (state: PairedRatingState) => O;

  constructor(config: PairedConfig<T>, read: (state: PairedRatingState) => O) {
    this.config = config;
    this.name = config.name;
    this.min = config.scale.min;
    this.max = config.scale.max;
    this.points = this.max - this.min + 1;
    this.definition = definitionOf(config.name, { scale: `${this.min}..${this.max}` });
    this.read = read;
  }

  init(): PairedRatingState {
    const cells = this.points * this.points;
    return {
      definition: this.definition,
      min: this.min,
      counts: new Float64Array(cells),
      weights: new Float64Array(2 * cells),
      compensation: new Float64Array(2 * cells),
      weighted: 0,
      agentOnly: 0,
      companyOnly: 0,
      missing: 0,
      invalidValue: 0,
      invalidWeight: 0,
      invalidRecord: 0,
    };
  }

  add(state: PairedRatingState, record: T, index?: number): void {
    let definition: unknown;
    try {
      definition = state.definition;
    } catch {
      definition = undefined;
    }
    if (definition !== this.definition) throw incompatible(this.name, "state", state, this.definition);
    const i = index ?? seenPairs(state);
    const a = this.config.agent(record, i);
    const c = this.config.company(record, i);
    const min = this.min;
    const max = this.max;
    if (typeof a === "number" && typeof c === "number" && a >= min && a <= max && c >= min && c <= max && Number.isInteger(a) && Number.isInteger(c)) {
      const cell = (a - min) * this.points + (c - min);
      if (this.config.weight === undefined) state.counts[cell]! += 1;
      else this.addWeighted(state, record, cell, i);
      return;
    }
    this.other(state, a, c, i);
  }

  private addWeighted(state: PairedRatingState, record: T, cell: number, index: number): void {
    const w = (this.config.weight as Accessor<T, unknown>)(record, index);
    if (typeof w !== "number" || !(w >= MIN_WEIGHT && w <= MAX_WEIGHT)) {
      if (!this.config.skip) {
        throw new CxMetricsError({ code: "INVALID_WEIGHT", fn: this.name, field: "weight", index, value: w === NOT_A_RECORD ? "not an object" : w, expected: "a number from 1e-100 to 1e100" });
      }
      state.invalidWeight++;
      return;
    }
    compensatedAdd(state.weights, state.compensation, cell, w);
    compensatedAdd(state.weights, state.compensation, state.counts.length + cell, w * w);
    state.weighted++;
  }

  /** Everything but two valid answers. */
  private other(state: PairedRatingState, a: unknown, c: unknown, index: number): void {
    if (a === NOT_A_RECORD || c === NOT_A_RECORD) {
      if (!this.config.skip) throw new CxMetricsError({ code: "INVALID_VALUE", fn: this.name, field: "record", index, value: "not an object", expected: "an object (a survey response to read both answers from)" });
      state.invalidRecord++;
      return;
    }
    const aMissing = a === null || a === undefined;
    const cMissing = c === null || c === undefined;
    const bad = !aMissing && !this.valid(a) ? "agent" : !cMissing && !this.valid(c) ? "company" : null;
    if (bad !== null) {
      if (!this.config.skip) {
        throw new CxMetricsError({ code: "INVALID_VALUE", fn: this.name, field: bad === "agent" ? this.config.agentField : this.config.companyField, index, value: bad === "agent" ? a : c, expected: `an integer from ${this.min} to ${this.max}, or null when not answered` });
      }
      state.invalidValue++;
      return;
    }
    if (aMissing && cMissing) state.missing++;
    else if (aMissing) state.companyOnly++;
    else state.agentOnly++;
  }

  private valid(v: unknown): boolean {
    return typeof v === "number" && v >= this.min && v <= this.max && Number.isInteger(v);
  }

  merge(into: PairedRatingState, other: PairedRatingState): void {
    this.check(into, "into");
    this.check(other, "other");
    // Merging a state into itself reads copies of the arrays it writes.
    const self = other === into;
    const counts = self ? other.counts.slice() : other.counts;
    const weights = self ? other.weights.slice() : other.weights;
    const compensation = self ? other.compensation.slice() : other.compensation;
    for (let k = 0; k < counts.length; k++) into.counts[k]! += counts[k]!;
    for (let k = 0; k < weights.length; k++) {
      if (weights[k] === 0 && compensation[k] === 0) continue;
      compensatedAdd(into.weights, into.compensation, k, weights[k]!);
      into.compensation[k]! += compensation[k]!;
    }
    const { weighted, agentOnly, companyOnly, missing, invalidValue, invalidWeight, invalidRecord } = other;
    into.weighted += weighted;
    into.agentOnly += agentOnly;
    into.companyOnly += companyOnly;
    into.missing += missing;
    into.invalidValue += invalidValue;
    into.invalidWeight += invalidWeight;
    into.invalidRecord += invalidRecord;
  }

  result(state: PairedRatingState): O {
    this.check(state, "state");
    return this.read(state);
  }

  private check(state: PairedRatingState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const cells = this.points * this.points;
    const arrays =
      state.counts instanceof Float64Array && state.counts.length === cells && state.weights instanceof Float64Array && state.weights.length === 2 * cells && state.compensation instanceof Float64Array && state.compensation.length === 2 * cells;
    const counts = [state.weighted, state.agentOnly, state.companyOnly, state.missing, state.invalidValue, state.invalidWeight, state.invalidRecord].every(isCount) && state.min === this.min;
    checkPart(arrays && counts, this.name, this.definition, state, arrays ? "counters" : "joint histogram");
  }
}

function seenPairs(state: PairedRatingState): number {
  let n = state.weighted + state.agentOnly + state.companyOnly + state.missing + state.invalidValue + state.invalidWeight + state.invalidRecord;
  for (let k = 0; k < state.counts.length; k++) n += state.counts[k]!;
  return n;
}

const READER_KEYS = ["agent", "company", "weight", "level", "interval", "onInvalid"] as const;

function pairedConfig<T>(name: string, o: Readonly<Record<string, unknown>>, scale: IntegerRange, agentDefault: string, companyDefault: string): PairedConfig<T> {
  if (scale.max - scale.min + 1 > MAX_PAIRED_POINTS) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn: name, field: "scale", value: scale, expected: `a scale of at most ${MAX_PAIRED_POINTS} points (the joint histogram has points² slots)` });
  }
  const agentOption = o["agent"] ?? agentDefault;
  const companyOption = o["company"] ?? companyDefault;
  return {
    name,
    scale,
    agent: readAccessor<T, unknown>(name, "agent", agentOption) as Accessor<T, unknown>,
    company: readAccessor<T, unknown>(name, "company", companyOption) as Accessor<T, unknown>,
    agentField: typeof agentOption === "string" ? agentOption : "agent",
    companyField: typeof companyOption === "string" ? companyOption : "company",
    weight: readAccessor<T, unknown>(name, "weight", o["weight"]),
    skip: checkOnInvalid(name, o["onInvalid"]),
  };
}

/**
 * Reads the joint histogram into the result. For scale point k, `value[k]` is what one answer adds
 * to the estimate (+1/0/-1 for NPS, 1/0 for satisfied) and `cls[k]` its row or column of the table
 * (0 high, 1 neutral, 2 low).
 */
function readPairs<R>(
  state: PairedRatingState,
  value: Int8Array,
  cls: Int8Array,
  single: Metric<number, RatingState, R>,
  level: number,
  range: number,
): { respondents: number; effectiveSize: number; agent: R; company: R; gap: Comparison | null; table: number[][]; drivers: LowScoreDrivers; excluded: PairedExclusions } {
  const points = value.length;
  const cells = points * points;
  const agentState = single.init();
  const companyState = single.init();
  const table = [0, 1, 2].map(() => [0, 0, 0]);
  // Σw² per table cell, for the effective size of any part (the drivers' shares).
  const tableSquares = [0, 1, 2].map(() => [0, 0, 0]);
  let total = 0;
  let squaresOfWeights = 0;
  let agentSum = 0;
  let companySum = 0;
  let squares = 0;
  let weightedSquares = 0;
  for (let a = 0; a < points; a++) {
    for (let c = 0; c < points; c++) {
      const k = a * points + c;
      const count = state.counts[k]!;
      const ws = state.weights[k]! + state.compensation[k]!;
      const w2 = state.weights[cells + k]! + state.compensation[cells + k]!;
      const weightSum = ws > 0 ? ws : 0;
      const weightSquares = w2 > 0 ? w2 : 0;
      const W = count + weightSum;
      if (W === 0) continue;
      agentState.counts[a]! += count;
      companyState.counts[c]! += count;
      agentState.weights[a]! += weightSum;
      companyState.weights[c]! += weightSum;
      weightedSquares += weightSquares;
      (table[cls[a]!] as number[])[cls[c]!]! += W;
      (tableSquares[cls[a]!] as number[])[cls[c]!]! += count + weightSquares;
      const d = value[a]! - value[c]!;
      total += W;
      squaresOfWeights += count + weightSquares;
      agentSum += W * value[a]!;
      companySum += W * value[c]!;
      squares += W * d * d;
    }
  }
  // Both single-question results are over the same weighted respondents.
  agentState.weights[points] = weightedSquares;
  companyState.weights[points] = weightedSquares;
  agentState.weighted = state.weighted;
  companyState.weighted = state.weighted;
  const agent = single.result(agentState);
  const company = single.result(companyState);
  let respondents = state.weighted;
  for (let k = 0; k < cells; k++) respondents += state.counts[k]!;
  const effectiveSize = total === 0 ? 0 : Math.max(1, Math.min(total * (total / squaresOfWeights), respondents));
  let gap: Comparison | null = null;
  if (total > 0) {
    const mean = (agentSum - companySum) / total;
    const variance = Math.max(0, squares / total - mean * mean);
    const se = Math.sqrt(variance / effectiveSize);
    const z = zForLevel(level);
    const statistic = se > 0 ? mean / se : null;
    // Values from the counts, exact for integer counts.
    const before = (100 * companySum) / total;
    const after = (100 * agentSum) / total;
    const difference = (100 * (agentSum - companySum)) / total;
    gap = {
      before,
      after,
      difference,
      standardError: 100 * se,
      statistic,
      df: null,
      pValue: statistic === null ? null : Math.min(1, 2 * cdf(-Math.abs(statistic))),
      interval: { lower: clamp(difference - 100 * z * se, -range, range), upper: clamp(difference + 100 * z * se, -range, range), center: difference, level, method: "paired" },
      test: "paired",
    };
  }
  const cell = (t: number[][], r: number, c: number): number => (t[r] as number[])[c] as number;
  const both = cell(table, 2, 2);
  const agentDriven = cell(table, 2, 0) + cell(table, 2, 1);
  const companyDriven = cell(table, 0, 2) + cell(table, 1, 2);
  const low = agentDriven + companyDriven + both;
  const lowSquares = cell(tableSquares, 2, 0) + cell(tableSquares, 2, 1) + cell(tableSquares, 2, 2) + cell(tableSquares, 0, 2) + cell(tableSquares, 1, 2);
  const settings = { z: zForLevel(level), level, method: "wilson" as const };
  // Unweighted: exact shares from the counts; weighted: the effective size of the low respondents.
  const lowSize = state.weighted === 0 ? low : low === 0 ? 0 : Math.max(1, (low * low) / lowSquares);
  const shareOfLow = (part: number): Estimate<ProportionIntervalMethod> | null => {
    if (low === 0) return null;
    if (state.weighted === 0) return rateEstimate(part, low, settings);
    return { ...shareEstimate(part / low, lowSize, settings), value: Math.min(100, (100 * part) / low) };
  };
  const drivers: LowScoreDrivers = {
    low,
    agentDriven,
    companyDriven,
    both,
    agentDrivenShare: shareOfLow(agentDriven),
    companyDrivenShare: shareOfLow(companyDriven),
    bothShare: shareOfLow(both),
  };
  const excluded = { agentOnly: state.agentOnly, companyOnly: state.companyOnly, missing: state.missing, invalidValue: state.invalidValue, invalidWeight: state.invalidWeight, invalidRecord: state.invalidRecord };
  return { respondents, effectiveSize, agent, company, gap, table, drivers, excluded };
}

const NPS_PAIRED_KEYS: readonly string[] = [...READER_KEYS, "scale", "promoterMin", "detractorMax"];
const CSAT_PAIRED_KEYS: readonly string[] = [...READER_KEYS, "scale", "satisfiedMin"];

/**
 * Agent NPS against company NPS from two-question surveys, as a mergeable fold ({@link Metric}), so
 * that `groupBy`, `series` and `seriesBy` give it per agent, team and period. See
 * {@link agentCompanyNps} for what it computes. It has no headline estimate (`headline: null`): its
 * result is a comparison and a breakdown.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Attribution
 * @example
 * ```ts
 * const metric = agentCompanyNpsMetric({ agent: "agentNps", company: "nps" });
 * const byAgent = groupBy(metric, responses, "agentId");
 * byAgent.get("a-17")?.drivers.agentDrivenShare?.value;
 * ```
 */
export function agentCompanyNpsMetric<const A extends string = "agentNps", const C extends string = "nps">(
  options?: AgentCompanyNpsOptions<FieldRecord<A, RatingAnswer> & FieldRecord<C, RatingAnswer>> & { readonly agent?: A; readonly company?: C },
): Metric<FieldRecord<A, RatingAnswer> & FieldRecord<C, RatingAnswer>, PairedRatingState, AgentCompanyResult<NpsResult, NpsCrossTable>>;
/** Agent NPS against company NPS, the answers read by functions. */
export function agentCompanyNpsMetric<T>(options: AgentCompanyNpsOptions<T>): Metric<T, PairedRatingState, AgentCompanyResult<NpsResult, NpsCrossTable>>;
export function agentCompanyNpsMetric<T>(options?: AgentCompanyNpsOptions<T>): Metric<T, PairedRatingState, AgentCompanyResult<NpsResult, NpsCrossTable>> {
  const name = "agentCompanyNps";
  const o = checkOptions(name, options, NPS_PAIRED_KEYS);
  const { scale, promoterMin, detractorMax } = npsDefinition(name, o);
  const { level, method } = intervalSettings(name, o, NET_SCORE_METHODS, "adjusted-wald");
  const config = pairedConfig<T>(name, o, scale, "agentNps", "nps");
  const single = npsMetric({ scale, promoterMin, detractorMax, level, interval: method });
  const value = new Int8Array(scale.max - scale.min + 1);
  const cls = new Int8Array(value.length);
  for (let k = 0; k < value.length; k++) {
    value[k] = scale.min + k >= promoterMin ? 1 : scale.min + k <= detractorMax ? -1 : 0;
    cls[k] = 1 - value[k]!;
  }
  return new PairedRatingMetric<T, AgentCompanyResult<NpsResult, NpsCrossTable>>(config, (state) => {
    const r = readPairs(state, value, cls, single, level, 200);
    const row = (g: number[]): { promoter: number; passive: number; detractor: number } => ({ promoter: g[0]!, passive: g[1]!, detractor: g[2]! });
    const crossTable = { promoter: row(r.table[0]!), passive: row(r.table[1]!), detractor: row(r.table[2]!) };
    return { respondents: r.respondents, effectiveSize: r.effectiveSize, agent: r.agent, company: r.company, gap: r.gap, crossTable, drivers: r.drivers, excluded: r.excluded };
  });
}

/**
 * Agent CSAT against company CSAT from two-question surveys ("How satisfied were you with the
 * agent?" and "... with the company?"), as a mergeable fold. See {@link agentCompanyCsat}.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Attribution
 * @example
 * ```ts
 * const metric = agentCompanyCsatMetric({ agent: "agentCsat", company: "csat" });
 * metric.result(fold(metric, [{ agentCsat: 5, csat: 3 }])).gap?.difference;
 * // => 100
 * ```
 */
export function agentCompanyCsatMetric<const A extends string = "agentCsat", const C extends string = "csat">(
  options?: AgentCompanyCsatOptions<FieldRecord<A, RatingAnswer> & FieldRecord<C, RatingAnswer>> & { readonly agent?: A; readonly company?: C },
): Metric<FieldRecord<A, RatingAnswer> & FieldRecord<C, RatingAnswer>, PairedRatingState, AgentCompanyResult<CsatResult, CsatCrossTable>>;
/** Agent CSAT against company CSAT, the answers read by functions. */
export function agentCompanyCsatMetric<T>(options: AgentCompanyCsatOptions<T>): Metric<T, PairedRatingState, AgentCompanyResult<CsatResult, CsatCrossTable>>;
export function agentCompanyCsatMetric<T>(options?: AgentCompanyCsatOptions<T>): Metric<T, PairedRatingState, AgentCompanyResult<CsatResult, CsatCrossTable>> {
  const name = "agentCompanyCsat";
  const o = checkOptions(name, options, CSAT_PAIRED_KEYS);
  const { scale, satisfiedMin } = csatDefinition(name, o);
  const { level, method } = intervalSettings(name, o, PROPORTION_METHODS, "wilson");
  const config = pairedConfig<T>(name, o, scale, "agentCsat", "csat");
  const single = csatMetric({ scale, satisfiedMin, level, interval: method });
  const value = new Int8Array(scale.max - scale.min + 1);
  const cls = new Int8Array(value.length);
  for (let k = 0; k < value.length; k++) {
    value[k] = scale.min + k >= satisfiedMin ? 1 : 0;
    cls[k] = value[k] === 1 ? 0 : 2;
  }
  return new PairedRatingMetric<T, AgentCompanyResult<CsatResult, CsatCrossTable>>(config, (state) => {
    const r = readPairs(state, value, cls, single, level, 100);
    const row = (g: number[]): { satisfied: number; unsatisfied: number } => ({ satisfied: g[0]!, unsatisfied: g[2]! });
    const crossTable = { satisfied: row(r.table[0]!), unsatisfied: row(r.table[2]!) };
    return { respondents: r.respondents, effectiveSize: r.effectiveSize, agent: r.agent, company: r.company, gap: r.gap, crossTable, drivers: r.drivers, excluded: r.excluded };
  });
}

/**
 * Agent NPS against company NPS from two-question surveys: does a low score come from the agent or
 * from the company as a whole? Over the respondents who answered both questions:
 *
 * - `agent` and `company`: the two NPS results (same respondents, same definition).
 * - `gap`: agent NPS - company NPS as a paired comparison. Each respondent's difference is
 *   dᵢ = gᵢ(agent) - gᵢ(company) with g = +1 promoter, 0 passive, -1 detractor; gap = 100·d̄ (exactly
 *   agent NPS - company NPS); SE = 100·√(v/n) with the plug-in variance v = mean(d²) - d̄²;
 *   z = d̄/(SE/100), p = 2·(1 - Φ(|z|)), interval gap ± z₁₋α/₂·SE clamped to [-200, 200]. Pairing
 *   removes what the two answers share (the customer's mood, the issue), so it is much narrower than
 *   comparing two independent NPS values.
 * - `crossTable`: respondents by agent group (rows) and company group (columns).
 * - `drivers`: each detractor (on either question) is agent-driven (an agent detractor who is not a
 *   company detractor), company-driven (the reverse) or both; counts and shares of the detractors.
 *
 * With `weight`, every count, share and the gap are weighted (d̄ = Σwᵢdᵢ/Σwᵢ, v the weighted plug-in
 * variance) and SE = 100·√(v/n_eff) with Kish's n_eff = (Σw)²/Σw², as for `nps`; the drivers' shares
 * use the effective size of the low respondents.
 *
 * Edge cases: respondents who answered one question or neither are counted in `excluded`, not
 * compared; with no respondents `gap` is `null` and the results are empty. With n = 1, or every
 * difference equal, SE = 0 and the z and p-value are `null`.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` naming the index and field for an answer off the
 * scale, `INVALID_WEIGHT` for a bad weight of a respondent who answered both (unless
 * `onInvalid: "skip"`, which counts them), `INVALID_OPTION` for bad options.
 * @category Attribution
 * @example
 * ```ts
 * const r = agentCompanyNps([
 *   { agentNps: 10, nps: 6 },
 *   { agentNps: 9, nps: 9 },
 *   { agentNps: 3, nps: 2 },
 *   { agentNps: 10, nps: 8 },
 * ]);
 * [r.agent.score?.value, r.company.score?.value, r.gap?.difference];
 * // => [50, -25, 75]
 * r.drivers.companyDriven; // => 1 (the 10 / 6 respondent)
 * ```
 */
export function agentCompanyNps<R extends FieldRecord<"agentNps" | "nps", RatingAnswer>>(responses: Iterable<R>, options?: AgentCompanyNpsOptions<R> & { readonly agent?: undefined; readonly company?: undefined }): AgentCompanyResult<NpsResult, NpsCrossTable>;
/** Agent NPS against company NPS, the answers read by `options.agent` and `options.company`. */
export function agentCompanyNps<R>(responses: Iterable<R>, options: AgentCompanyNpsOptions<R>): AgentCompanyResult<NpsResult, NpsCrossTable>;
export function agentCompanyNps<R>(responses: Iterable<R>, options?: AgentCompanyNpsOptions<R>): AgentCompanyResult<NpsResult, NpsCrossTable> {
  const metric = agentCompanyNpsMetric<R>((options ?? {}) as AgentCompanyNpsOptions<R>);
  return metric.result(fold(metric, responses));
}

/**
 * Agent CSAT against company CSAT from two-question surveys, as {@link agentCompanyNps} does for NPS:
 * the satisfied share (CSAT's `score`) of each question over the same respondents, the paired gap
 * (dᵢ = sᵢ(agent) - sᵢ(company) with s = 1 satisfied, 0 not; gap = 100·d̄; SE = 100·√(v/n), v the
 * plug-in variance of d; interval clamped to [-100, 100]), the 2×2 cross-table, and the unsatisfied
 * answers split into agent-driven, company-driven and both.
 *
 * The gap's z test is the Wald form of McNemar's test (its variance estimated from the differences
 * rather than under the null).
 *
 * @throws {@link CxMetricsError} as {@link agentCompanyNps}.
 * @category Attribution
 * @example
 * ```ts
 * const r = agentCompanyCsat([{ agentCsat: 5, csat: 3 }, { agentCsat: 4, csat: 4 }]);
 * [r.agent.score?.value, r.company.score?.value, r.gap?.difference];
 * // => [100, 50, 50]
 * ```
 */
export function agentCompanyCsat<R extends FieldRecord<"agentCsat" | "csat", RatingAnswer>>(responses: Iterable<R>, options?: AgentCompanyCsatOptions<R> & { readonly agent?: undefined; readonly company?: undefined }): AgentCompanyResult<CsatResult, CsatCrossTable>;
/** Agent CSAT against company CSAT, the answers read by `options.agent` and `options.company`. */
export function agentCompanyCsat<R>(responses: Iterable<R>, options: AgentCompanyCsatOptions<R>): AgentCompanyResult<CsatResult, CsatCrossTable>;
export function agentCompanyCsat<R>(responses: Iterable<R>, options?: AgentCompanyCsatOptions<R>): AgentCompanyResult<CsatResult, CsatCrossTable> {
  const metric = agentCompanyCsatMetric<R>((options ?? {}) as AgentCompanyCsatOptions<R>);
  return metric.result(fold(metric, responses));
}

/**
 * Who a low answer of one respondent points at: `"agent"` (a detractor on the agent question, not on
 * the company question), `"company"` (the reverse), `"both"`, or `null` when neither answer is a
 * detractor or either is missing. For tagging comments and records one by one; the shares over many
 * respondents are {@link agentCompanyNps}'s `drivers`.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a score off the scale, `INVALID_OPTION` for bad options.
 * @category Attribution
 * @example
 * ```ts
 * detractorDriver(3, 9); // => "agent"
 * detractorDriver(8, 9); // => null
 * ```
 */
export function detractorDriver(agent: RatingAnswer, company: RatingAnswer, options?: NpsDefinitionOptions): "agent" | "company" | "both" | null {
  const fn = "detractorDriver";
  const { scale, detractorMax } = npsDefinition(fn, checkOptions(fn, options, ["scale", "promoterMin", "detractorMax"]));
  const a = checkAnswer(fn, "agent", agent, scale);
  const c = checkAnswer(fn, "company", company, scale);
  if (a === null || c === null) return null;
  return driverOf(a <= detractorMax, c <= detractorMax);
}

/**
 * {@link detractorDriver} for CSAT: who an unsatisfied answer points at.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for a rating off the scale, `INVALID_OPTION` for bad options.
 * @category Attribution
 * @example
 * ```ts
 * unsatisfiedDriver(5, 2); // => "company"
 * ```
 */
export function unsatisfiedDriver(agent: RatingAnswer, company: RatingAnswer, options?: CsatDefinitionOptions): "agent" | "company" | "both" | null {
  const fn = "unsatisfiedDriver";
  const { scale, satisfiedMin } = csatDefinition(fn, checkOptions(fn, options, ["scale", "satisfiedMin"]));
  const a = checkAnswer(fn, "agent", agent, scale);
  const c = checkAnswer(fn, "company", company, scale);
  if (a === null || c === null) return null;
  return driverOf(a < satisfiedMin, c < satisfiedMin);
}

function driverOf(agentLow: boolean, companyLow: boolean): "agent" | "company" | "both" | null {
  return agentLow ? (companyLow ? "both" : "agent") : companyLow ? "company" : null;
}
