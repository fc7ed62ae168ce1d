import { fold, type Metric } from "../core/metric.ts";
import { checkChoice, type OnInvalid } from "../core/options.ts";
import type { Contact } from "../core/records.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";
import type { DurationStats, Exclusions, Share } from "./duration-types.ts";
import {
  checkDurationOption,
  durationState,
  exclusionState,
  INSTANT_FIELD_EXPECTED,
  instantOrNaN,
  mergeDurations,
  mergeExclusions,
  pushDuration,
  rateSettings,
  readDurations,
  readExclusions,
  reject,
  shareOf,
  skips,
  type DurationState,
  type ExclusionState,
  type RateSettings,
} from "./internal/ops.ts";

/**
 * How service level treats contacts abandoned within the target:
 * - `"missed"` (default): they count against it: met = answered within T, over answered + abandoned
 *   (Genesys Cloud's formula with abandons included).
 * - `"met"`: they count as met: any contact that left the queue within T (Amazon Connect's
 *   "service level X": contacts removed from the queue between 0 and X).
 * - `"excluded"`: they are left out of both sides: answered within T over answered + abandoned after T
 *   (the "ignore abandons within T" convention of Cisco and many ACDs).
 */
export type AbandonedWithinTarget = "missed" | "met" | "excluded";

/** Options of {@link queue} and {@link queueMetric}. */
export interface QueueOptions {
  /**
   * Service-level target: answered within this many ms (inclusive) is met.
   * @defaultValue 20_000 (the 80/20 convention; Genesys Cloud's default queue target is 80% in 20 s)
   */
  readonly target?: number;
  /**
   * Abandons with a wait under this many ms are *short abandons* (misdials, instant hang-ups): left out
   * of offered, service level and abandonment rate, and counted in `shortAbandoned`. 0 keeps them all.
   * @defaultValue 0
   */
  readonly shortAbandon?: number;
  /**
   * How abandons within the target count in service level.
   * @defaultValue "missed"
   */
  readonly abandonedWithinTarget?: AbandonedWithinTarget;
  /**
   * Confidence level of the intervals, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method of the rates.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
  /**
   * Throw on an invalid record, or skip it and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/**
 * The result of {@link queue}.
 *
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
  /** Service level, in percent, per `abandonedWithinTarget`. */
  readonly serviceLevel: Share;
  /** Abandoned / (answered + abandoned), in percent. */
  readonly abandonmentRate: Share;
  /** Average speed of answer: the mean wait of answered contacts, ms; `null` when none. */
  readonly asa: number | null;
  /** Waits of answered contacts: mean (= ASA), median, p90, p95, share within the target. */
  readonly answerWait: DurationStats;
  /** Mean wait of abandoned contacts before they hung up (short abandons excluded), ms; `null` when none. */
  readonly averageAbandonTime: number | null;
  /** Records left out (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/** The fold state of {@link queueMetric}. */
export interface QueueState {
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
  private readonly target: number;
  private readonly shortAbandon: number;
  private readonly abandonedWithinTarget: AbandonedWithinTarget;
  private readonly rates: RateSettings;
  private readonly skip: boolean;

  constructor(options: QueueOptions) {
    this.target = checkDurationOption(this.name, "target", options.target, 20_000);
    this.shortAbandon = checkDurationOption(this.name, "shortAbandon", options.shortAbandon, 0);
    this.abandonedWithinTarget = checkChoice(this.name, "abandonedWithinTarget", options.abandonedWithinTarget, ["missed", "met", "excluded"], "missed");
    this.rates = rateSettings(this.name, options.level, options.interval);
    this.skip = skips(this.name, options.onInvalid);
  }

  init(): QueueState {
    return {
      abandoned: 0,
      abandonedWithin: 0,
      abandonWaitSum: 0,
      shortAbandoned: 0,
      flowedOut: 0,
      waiting: 0,
      answerWaits: durationState(),
      excluded: exclusionState(),
    };
  }

  add(state: QueueState, contact: Contact, index: number = seen(state)): void {
    const arrived = instantOrNaN(contact.arrived);
    if (Number.isNaN(arrived)) return reject(this.name, this.skip, state.excluded, index, "arrived", contact.arrived, INSTANT_FIELD_EXPECTED);
    if (contact.answered != null) {
      const answered = instantOrNaN(contact.answered);
      if (Number.isNaN(answered)) return reject(this.name, this.skip, state.excluded, index, "answered", contact.answered, INSTANT_FIELD_EXPECTED);
      if (answered < arrived) return reject(this.name, this.skip, state.excluded, index, "answered", contact.answered, "an instant at or after arrived");
      if (contact.abandoned === true) return reject(this.name, this.skip, state.excluded, index, "abandoned", true, "false or absent for an answered contact");
      pushDuration(state.answerWaits, answered - arrived, this.target);
      return;
    }
    if (contact.ended == null) {
      if (contact.abandoned === true) return reject(this.name, this.skip, state.excluded, index, "ended", contact.ended, "the instant an abandoned contact left the queue");
      state.waiting++;
      return;
    }
    const ended = instantOrNaN(contact.ended);
    if (Number.isNaN(ended)) return reject(this.name, this.skip, state.excluded, index, "ended", contact.ended, INSTANT_FIELD_EXPECTED);
    if (ended < arrived) return reject(this.name, this.skip, state.excluded, index, "ended", contact.ended, "an instant at or after arrived");
    if (contact.abandoned === false) {
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
    into.abandoned += other.abandoned;
    into.abandonedWithin += other.abandonedWithin;
    into.abandonWaitSum += other.abandonWaitSum;
    into.shortAbandoned += other.shortAbandoned;
    into.flowedOut += other.flowedOut;
    into.waiting += other.waiting;
    mergeDurations(into.answerWaits, other.answerWaits);
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: QueueState): QueueResult {
    const answered = state.answerWaits.count;
    const offered = answered + state.abandoned;
    let met = state.answerWaits.met;
    let total = offered;
    if (this.abandonedWithinTarget === "met") met += state.abandonedWithin;
    else if (this.abandonedWithinTarget === "excluded") total -= state.abandonedWithin;
    const answerWait = readDurations(state.answerWaits, this.target, this.rates);
    return {
      offered,
      answered,
      abandoned: state.abandoned,
      shortAbandoned: state.shortAbandoned,
      flowedOut: state.flowedOut,
      waiting: state.waiting,
      target: this.target,
      serviceLevel: shareOf(met, total, this.rates),
      abandonmentRate: shareOf(state.abandoned, offered, this.rates),
      asa: answerWait.mean,
      answerWait,
      averageAbandonTime: state.abandoned > 0 ? state.abandonWaitSum / state.abandoned : null,
      excluded: readExclusions(state.excluded),
    };
  }
}

function seen(state: QueueState): number {
  return state.answerWaits.count + state.abandoned + state.shortAbandoned + state.flowedOut + state.waiting + state.excluded.count;
}

/**
 * Queue metrics as a mergeable fold ({@link Metric}). See {@link queue} for the definitions.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = queueMetric({ target: 30_000 });
 * const state = metric.init();
 * metric.add(state, { arrived: 0, answered: 25_000 });
 * metric.add(state, { arrived: 0, ended: 90_000 });
 * metric.result(state).serviceLevel.share;
 * // => 50
 * ```
 */
export function queueMetric(options: QueueOptions = {}): Metric<Contact, QueueState, QueueResult> {
  return new QueueMetric(options);
}

/**
 * Queue metrics from contact records: service level, ASA, abandonment, and the counts they rest on.
 *
 * Each contact's wait is `answered - arrived` when answered, `ended - arrived` when abandoned
 * (see {@link Contact} for how a contact is classed). With T = `target` and short abandons (wait
 * under `shortAbandon`) set aside:
 * - offered = answered + abandoned;
 * - service level = answered within T / (answered + abandoned), in percent, with abandons within T
 *   counted per `abandonedWithinTarget` (missed by default; met; or excluded from both sides);
 * - abandonment rate = abandoned / offered;
 * - ASA = mean wait of answered contacts; its median, p90 and p95 come in `answerWait`.
 * "Within T" includes T. Flow-outs and contacts still waiting are counted but in no rate. Rates carry
 * Wilson intervals.
 *
 * Bad input: an invalid instant, an answer or end before arrival, an answered contact flagged
 * abandoned, or an abandoned one without `ended` throws `INVALID_VALUE` naming the record and field,
 * or with `onInvalid: "skip"` is left out and counted in `excluded`.
 *
 * @example
 * ```ts
 * const result = queue([
 *   { arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T09:00:15Z" },
 *   { arrived: "2026-03-02T09:01:00Z", answered: "2026-03-02T09:01:45Z" },
 *   { arrived: "2026-03-02T09:02:00Z", ended: "2026-03-02T09:02:10Z" },
 *   { arrived: "2026-03-02T09:03:00Z", ended: "2026-03-02T09:04:00Z" },
 * ]);
 * [result.serviceLevel.share, result.abandonmentRate.share, result.asa];
 * // => [25, 50, 30000]
 * ```
 */
export function queue(contacts: Iterable<Contact>, options: QueueOptions = {}): QueueResult {
  const metric = queueMetric(options);
  return metric.result(fold(metric, contacts));
}
