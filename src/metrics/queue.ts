import type { Estimate } from "../core/estimate.ts";
import { fold, type Metric } from "../core/metric.ts";
import { checkChoice, checkOnInvalid, checkOptions, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import { checkDefinition, checkPart, definitionOf, isCount } from "../core/state.ts";
import { intervalSettings, PROPORTION_METHODS, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { checkDurationOption } from "../time/duration.ts";
import { durationState, isDurationState, mergeDurations, pushDuration, readDurations, readPercentileOptions } from "./internal/durations.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import { INSTANT_FIELD_EXPECTED, instantOrNaN } from "./internal/instants.ts";
import type { DurationState, DurationStats, ExclusionState, Exclusions, PercentileOptions } from "./ops-types.ts";

/**
 * How service level treats abandoned contacts (T = the target):
 * - `"missed"` (default): abandons within T count against it: answered within T / (answered +
 *   abandoned) (Genesys Cloud's formula with abandons included; ICMI's first formula).
 * - `"met"`: abandons within T count as met: (answered within T + abandoned within T) / (answered +
 *   abandoned) (Amazon Connect's "service level X": contacts removed from the queue between 0 and X).
 * - `"excluded"`: abandons within T are left out of both sides: answered within T / (answered +
 *   abandoned after T) (the "ignore abandons within T" convention of Cisco and many ACDs).
 * - `"ignored"`: every abandon is left out: answered within T / answered (the second of the commonly
 *   listed formulas, reported by some ACDs, e.g. AltiGen's "service level since midnight").
 *
 * @category Operations
 * @example
 * ```ts
 * const treatment: AbandonTreatment = "excluded";
 * ```
 */
export type AbandonTreatment = "missed" | "met" | "excluded" | "ignored";

const TREATMENTS: readonly AbandonTreatment[] = ["missed", "met", "excluded", "ignored"];
const QUEUE_KEYS: readonly string[] = ["target", "shortAbandon", "abandons", "level", "interval", "onInvalid", "percentiles", "relativeAccuracy"];

/**
 * Options of {@link queue} and {@link queueMetric}, with the shared `level`, `interval` (default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: QueueOptions = { target: "20s", shortAbandon: "5s", abandons: "excluded" };
 * ```
 */
export interface QueueOptions extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions, PercentileOptions {
  /**
   * Service-level target: answered within this long (inclusive) is met. Milliseconds (at least 1000),
   * or a string with a unit (`"20s"`, `"PT20S"`).
   * @defaultValue 20_000 (the 80/20 convention; Genesys Cloud's default queue target is 80% in 20 s)
   */
  readonly target?: number | string;
  /**
   * Abandons with a wait under this long are *short abandons* (misdials, instant hang-ups): left out
   * of offered, service level and abandonment rate, and counted in `shortAbandoned`. 0 keeps them all.
   * Milliseconds or a string with a unit (`"5s"`).
   * @defaultValue 0
   */
  readonly shortAbandon?: number | string;
  /**
   * How abandons count in service level.
   * @defaultValue "missed"
   */
  readonly abandons?: AbandonTreatment;
}

/**
 * The result of {@link queue}.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: QueueResult = queue(contacts);
 * ```
 */
export interface QueueResult {
  /** Contacts that entered the queue and were answered or abandoned, short abandons excluded. */
  readonly offered: number;
  /** Answered by an agent. */
  readonly answered: number;
  /** Abandoned in the queue, short abandons excluded. */
  readonly abandoned: number;
  /** Abandoned before the short-abandon threshold; in no rate. */
  readonly shortAbandoned: number;
  /** Left the queue unanswered without abandoning (voicemail, overflow): in no rate. */
  readonly flowedOut: number;
  /** Still in the queue (neither answered nor ended): in no rate. */
  readonly waiting: number;
  /** The service-level target, ms. */
  readonly target: number;
  /** Answered within the target. */
  readonly answeredWithinTarget: number;
  /** Abandoned within the target (short abandons excluded). */
  readonly abandonedWithinTarget: number;
  /** How abandons were treated in `serviceLevel`. */
  readonly abandons: AbandonTreatment;
  /** Service level, in percent, per `abandons`, with its interval; `null` when its base is empty. The headline. */
  readonly serviceLevel: Estimate<ProportionIntervalMethod> | null;
  /** Abandoned / (answered + abandoned), in percent, with its interval; `null` when nothing was offered. */
  readonly abandonmentRate: Estimate<ProportionIntervalMethod> | null;
  /** Average speed of answer: the mean wait of answered contacts in ms, with its interval; `null` when none. */
  readonly asa: Estimate<"normal"> | null;
  /** Waits of answered contacts: mean (= ASA), median, p90, p95, share within the target. */
  readonly answerWait: DurationStats;
  /** Mean wait of abandoned contacts before they hung up (short abandons excluded), ms; `null` when none. */
  readonly averageAbandonTime: number | null;
  /** Records left out (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link queueMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: QueueState = queueMetric().init();
 * ```
 */
export interface QueueState {
  /** The definition the state was folded under: target and short-abandon threshold. */
  readonly definition: string;
  /** Abandoned contacts, short abandons excluded. */
  abandoned: number;
  /** Abandoned within the target, short abandons excluded. */
  abandonedWithin: number;
  /** Sum of the abandoned contacts' waits, ms. */
  abandonWaitSum: number;
  /** Short abandons. */
  shortAbandoned: number;
  /** Flow-outs. */
  flowedOut: number;
  /** Contacts still waiting. */
  waiting: number;
  /** Waits of answered contacts (its count is the number answered, its `met` those within the target). */
  answerWaits: DurationState;
  /** Records skipped as invalid. */
  excluded: ExclusionState;
}

class QueueMetric implements Metric<Contact, QueueState, QueueResult> {
  readonly name = "queue";
  readonly headline = "serviceLevel";
  private readonly definition: string;
  private readonly target: number;
  private readonly shortAbandon: number;
  private readonly abandons: AbandonTreatment;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  /** The sketch's α under `percentiles: "sketch"`, or `null` for exact percentiles. */
  private readonly sketch: number | null;

  constructor(options: QueueOptions | undefined) {
    const o = checkOptions(this.name, options, QUEUE_KEYS);
    this.target = checkDurationOption(this.name, "target", o["target"], 20_000);
    this.shortAbandon = checkDurationOption(this.name, "shortAbandon", o["shortAbandon"], 0);
    this.abandons = checkChoice(this.name, "abandons", o["abandons"], TREATMENTS, "missed");
    this.rates = intervalSettings(this.name, o, PROPORTION_METHODS, "wilson");
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
    const percentiles = readPercentileOptions(this.name, o);
    this.sketch = percentiles.sketch;
    this.definition = definitionOf(this.name, { target: this.target, shortAbandon: this.shortAbandon, ...(this.sketch === null ? {} : { percentiles: percentiles.definition }) });
  }

  init(): QueueState {
    return {
      definition: this.definition,
      abandoned: 0,
      abandonedWithin: 0,
      abandonWaitSum: 0,
      shortAbandoned: 0,
      flowedOut: 0,
      waiting: 0,
      answerWaits: durationState(this.sketch),
      excluded: exclusionState(),
    };
  }

  add(state: QueueState, contact: Contact, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? seen(state);
    if (typeof contact !== "object" || contact === null) return reject(this.name, this.skip, state.excluded, i, "record", contact, RECORD_EXPECTED);
    const arrived = instantOrNaN(contact.arrived);
    if (Number.isNaN(arrived)) return reject(this.name, this.skip, state.excluded, i, "arrived", contact.arrived, INSTANT_FIELD_EXPECTED);
    const flag = contact.abandoned;
    if (flag != null && typeof flag !== "boolean") return reject(this.name, this.skip, state.excluded, i, "abandoned", flag, "true, false, or absent");
    if (contact.answered != null) {
      const answered = instantOrNaN(contact.answered);
      if (Number.isNaN(answered)) return reject(this.name, this.skip, state.excluded, i, "answered", contact.answered, INSTANT_FIELD_EXPECTED);
      if (answered < arrived) return reject(this.name, this.skip, state.excluded, i, "answered", contact.answered, "an instant at or after arrived");
      if (flag === true) return reject(this.name, this.skip, state.excluded, i, "abandoned", true, "false or absent for an answered contact");
      pushDuration(state.answerWaits, answered - arrived, this.target);
      return;
    }
    if (contact.ended == null) {
      if (flag === true) return reject(this.name, this.skip, state.excluded, i, "ended", contact.ended, "the instant an abandoned contact left the queue");
      state.waiting++;
      return;
    }
    const ended = instantOrNaN(contact.ended);
    if (Number.isNaN(ended)) return reject(this.name, this.skip, state.excluded, i, "ended", contact.ended, INSTANT_FIELD_EXPECTED);
    if (ended < arrived) return reject(this.name, this.skip, state.excluded, i, "ended", contact.ended, "an instant at or after arrived");
    if (flag === false) {
      state.flowedOut++;
      return;
    }
    const wait = ended - arrived;
    if (wait < this.shortAbandon) {
      state.shortAbandoned++;
      return;
    }
    state.abandoned++;
    state.abandonWaitSum += wait;
    if (wait <= this.target) state.abandonedWithin++;
  }

  merge(into: QueueState, other: QueueState): void {
    this.check(into, "into");
    this.check(other, "other");
    // Scalars are read from a copy, so a state merged into itself doubles (durations and exclusions merge into themselves safely).
    const from = other === into ? { ...other } : other;
    into.abandoned += from.abandoned;
    into.abandonedWithin += from.abandonedWithin;
    into.abandonWaitSum += from.abandonWaitSum;
    into.shortAbandoned += from.shortAbandoned;
    into.flowedOut += from.flowedOut;
    into.waiting += from.waiting;
    mergeDurations(into.answerWaits, from.answerWaits);
    mergeExclusions(into.excluded, from.excluded);
  }

  result(state: QueueState): QueueResult {
    this.check(state, "state");
    const answered = state.answerWaits.count;
    const offered = answered + state.abandoned;
    const answeredWithin = state.answerWaits.met;
    let met = answeredWithin;
    let base = offered;
    if (this.abandons === "met") met += state.abandonedWithin;
    else if (this.abandons === "excluded") base -= state.abandonedWithin;
    else if (this.abandons === "ignored") base = answered;
    const answerWait = readDurations(state.answerWaits, this.target, this.rates);
    return {
      offered,
      answered,
      abandoned: state.abandoned,
      shortAbandoned: state.shortAbandoned,
      flowedOut: state.flowedOut,
      waiting: state.waiting,
      target: this.target,
      answeredWithinTarget: answeredWithin,
      abandonedWithinTarget: state.abandonedWithin,
      abandons: this.abandons,
      serviceLevel: rateEstimate(met, base, this.rates),
      abandonmentRate: rateEstimate(state.abandoned, offered, this.rates),
      asa: answerWait.mean,
      answerWait,
      averageAbandonTime: state.abandoned > 0 ? state.abandonWaitSum / state.abandoned : null,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: QueueState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const counts = [state.abandoned, state.abandonedWithin, state.shortAbandoned, state.flowedOut, state.waiting].every(isCount) && state.abandonedWithin <= state.abandoned;
    checkPart(counts && Number.isFinite(state.abandonWaitSum) && isDurationState(state.answerWaits, field !== "into") && isExclusionState(state.excluded), this.name, this.definition, state, "counts, waits or exclusions");
  }
}

function seen(state: QueueState): number {
  return state.answerWaits.count + state.abandoned + state.shortAbandoned + state.flowedOut + state.waiting + state.excluded.count;
}

/**
 * Queue metrics as a mergeable fold ({@link Metric}). See {@link queue} for the definitions. Its
 * headline is `serviceLevel`. States folded with another target or short-abandon threshold are
 * refused on merge.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for unknown or bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = queueMetric({ target: "30s" });
 * const state = metric.init();
 * metric.add(state, { arrived: 0, answered: 25_000 });
 * metric.add(state, { arrived: 0, ended: 90_000 });
 * metric.result(state).serviceLevel?.value;
 * // => 50
 * ```
 */
export function queueMetric(options?: QueueOptions): Metric<Contact, QueueState, QueueResult> {
  return new QueueMetric(options);
}

/**
 * Queue metrics from contact records: service level, ASA, abandonment, and the counts they rest on.
 *
 * Each contact's wait is `answered - arrived` when answered, `ended - arrived` when abandoned
 * (see {@link Contact} for how a contact is classed). With T = `target` and short abandons (wait
 * under `shortAbandon`) set aside:
 * - offered = answered + abandoned;
 * - service level = answered within T / (answered + abandoned), in percent, with abandons counted per
 *   `abandons` (within T missed by default; met; excluded from both sides; or all abandons ignored);
 * - abandonment rate = abandoned / offered;
 * - ASA = mean wait of answered contacts; its median, p90 and p95 come in `answerWait`.
 * "Within T" includes T. Flow-outs and contacts still waiting are counted but in no rate. Rates carry
 * Wilson intervals; every rate and ASA is an {@link Estimate}.
 *
 * Units: `target` is milliseconds or a string with its unit; `target: 20` (seconds meant) is refused.
 *
 * Bad input: a record that is not an object, an invalid instant, an `abandoned` flag that is not a
 * boolean, an answer or end before arrival, an answered contact flagged abandoned, or an abandoned one
 * without `ended` throws `INVALID_VALUE` naming the record and field, or with `onInvalid: "skip"` is
 * left out and counted in `excluded`.
 *
 * @category Operations
 * @example
 * ```ts
 * const result = queue([
 *   { arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T09:00:15Z" },
 *   { arrived: "2026-03-02T09:01:00Z", answered: "2026-03-02T09:01:45Z" },
 *   { arrived: "2026-03-02T09:02:00Z", ended: "2026-03-02T09:02:10Z" },
 *   { arrived: "2026-03-02T09:03:00Z", ended: "2026-03-02T09:04:00Z" },
 * ]);
 * [result.serviceLevel?.value, result.abandonmentRate?.value, result.asa?.value];
 * // => [25, 50, 30000]
 * ```
 */
export function queue(contacts: Iterable<Contact>, options?: QueueOptions): QueueResult {
  const metric = new QueueMetric(options);
  return metric.result(fold(metric, contacts));
}
