import { fold, type Metric } from "../core/metric.ts";
import { checkChoice, type OnInvalid } from "../core/options.ts";
import type { Ticket } from "../core/records.ts";
import type { Interval } from "../stats/interval.ts";
import type { ProportionIntervalMethod } from "../stats/proportion.ts";
import type { Exclusions } from "./duration-types.ts";
import { exclusionState, mergeExclusions, rateSettings, readExclusions, reject, shareOf, skips, type ExclusionState, type RateSettings } from "./internal/ops.ts";
import { isSolved, STATUS_EXPECTED } from "./internal/tickets.ts";

/**
 * Which solved tickets are one-touch:
 * - `"exactly-one"` (default): solved with exactly one agent reply (the usual one-touch definition).
 * - `"at-most-one"`: solved with one agent reply or none (Zendesk Explore's "One-touch tickets"
 *   formula, `Agent replies < 2`, which also counts tickets solved without a reply).
 */
export type OneTouchDefinition = "exactly-one" | "at-most-one";

/** Options of {@link oneTouchResolution} and {@link oneTouchResolutionMetric}. */
export interface OneTouchOptions {
  /**
   * Which solved tickets count as one-touch.
   * @defaultValue "exactly-one"
   */
  readonly touches?: OneTouchDefinition;
  /**
   * Confidence level of the interval, in percent.
   * @defaultValue 95
   */
  readonly level?: number;
  /**
   * Interval method.
   * @defaultValue "wilson"
   */
  readonly interval?: ProportionIntervalMethod;
  /**
   * Throw on an invalid ticket, or skip it and count it in `excluded`.
   * @defaultValue "throw"
   */
  readonly onInvalid?: OnInvalid;
}

/**
 * The result of {@link oneTouchResolution}.
 *
 * @example
 * ```ts
 * const result: OneTouchResult = oneTouchResolution(tickets);
 * ```
 */
export interface OneTouchResult {
  /** One-touch share of solved tickets, in percent; `null` when none is solved. */
  readonly rate: number | null;
  /** Solved tickets that are one-touch per `touches`. */
  readonly oneTouch: number;
  /** Solved tickets: the rate's base. */
  readonly solved: number;
  /** Solved tickets with no agent reply. */
  readonly zeroTouch: number;
  /** Solved tickets with two or more agent replies. */
  readonly multiTouch: number;
  /** Tickets not solved: not in the rate. */
  readonly unsolved: number;
  /** Solved tickets without a `replies` list, so their touches are unknown: not in the rate. */
  readonly missingReplies: number;
  /** Plug-in standard error of `rate`, in points; `null` when empty. */
  readonly standardError: number | null;
  /** Interval of `rate` (Wilson by default); `null` when empty. */
  readonly interval: Interval<ProportionIntervalMethod> | null;
  /** Tickets left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/** The fold state of {@link oneTouchResolutionMetric}. */
export interface OneTouchState {
  /** Solved tickets with no agent reply. */
  zero: number;
  /** Solved tickets with one agent reply. */
  one: number;
  /** Solved tickets with two or more. */
  many: number;
  /** Tickets not solved. */
  unsolved: number;
  /** Solved tickets without a `replies` list. */
  missingReplies: number;
  /** Tickets skipped as invalid. */
  excluded: ExclusionState;
}

class OneTouchMetric implements Metric<Ticket, OneTouchState, OneTouchResult> {
  readonly name = "oneTouchResolution";
  private readonly atMostOne: boolean;
  private readonly rates: RateSettings;
  private readonly skip: boolean;

  constructor(options: OneTouchOptions) {
    this.atMostOne = checkChoice(this.name, "touches", options.touches, ["exactly-one", "at-most-one"], "exactly-one") === "at-most-one";
    this.rates = rateSettings(this.name, options.level, options.interval);
    this.skip = skips(this.name, options.onInvalid);
  }

  init(): OneTouchState {
    return { zero: 0, one: 0, many: 0, unsolved: 0, missingReplies: 0, excluded: exclusionState() };
  }

  add(state: OneTouchState, ticket: Ticket, index: number = seen(state)): void {
    const solved = isSolved(ticket);
    if (solved === null) return reject(this.name, this.skip, state.excluded, index, "status", ticket.status, STATUS_EXPECTED);
    if (!solved) {
      state.unsolved++;
      return;
    }
    const replies = ticket.replies;
    if (replies == null) {
      state.missingReplies++;
      return;
    }
    if (!Array.isArray(replies)) return reject(this.name, this.skip, state.excluded, index, "replies", replies, "an array of replies");
    let touches = 0;
    for (let i = 0; i < replies.length; i++) {
      const automated = (replies[i] as { automated?: unknown } | null)?.automated;
      if (automated !== undefined && typeof automated !== "boolean") {
        return reject(this.name, this.skip, state.excluded, index, `replies[${i}].automated`, automated, "true, false or absent");
      }
      if (automated !== true) touches++;
    }
    if (touches === 0) state.zero++;
    else if (touches === 1) state.one++;
    else state.many++;
  }

  merge(into: OneTouchState, other: OneTouchState): void {
    into.zero += other.zero;
    into.one += other.one;
    into.many += other.many;
    into.unsolved += other.unsolved;
    into.missingReplies += other.missingReplies;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: OneTouchState): OneTouchResult {
    const solved = state.zero + state.one + state.many;
    const oneTouch = this.atMostOne ? state.zero + state.one : state.one;
    const share = shareOf(oneTouch, solved, this.rates);
    return {
      rate: share.share,
      oneTouch,
      solved,
      zeroTouch: state.zero,
      multiTouch: state.many,
      unsolved: state.unsolved,
      missingReplies: state.missingReplies,
      standardError: share.standardError,
      interval: share.interval,
      excluded: readExclusions(state.excluded),
    };
  }
}

function seen(state: OneTouchState): number {
  return state.zero + state.one + state.many + state.unsolved + state.missingReplies + state.excluded.count;
}

/**
 * One-touch resolution as a mergeable fold ({@link Metric}). See {@link oneTouchResolution}.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @example
 * ```ts
 * const metric = oneTouchResolutionMetric();
 * const state = metric.init();
 * metric.add(state, { created: 0, replies: [{ at: 1 }], solves: [2] });
 * metric.result(state).rate;
 * // => 100
 * ```
 */
export function oneTouchResolutionMetric(options: OneTouchOptions = {}): Metric<Ticket, OneTouchState, OneTouchResult> {
  return new OneTouchMetric(options);
}

/**
 * First-contact resolution from tickets: the share of solved tickets solved with one agent reply.
 *
 * `rate = one-touch solved tickets / solved tickets`, in percent, with a Wilson interval. Agent
 * replies are the `replies` not marked `automated`; bot and trigger replies are not touches. A
 * ticket is solved when its status is `"solved"` or `"closed"` (or, without a status, when it has a
 * solve). With `touches: "at-most-one"`, tickets solved without any reply count as one-touch too.
 * Unsolved tickets, and solved ones without a `replies` list, are counted but not in the rate.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for an unknown status or malformed replies, unless
 * `onInvalid: "skip"`.
 * @example
 * ```ts
 * const result = oneTouchResolution([
 *   { created: "2026-03-02T09:00:00Z", replies: [{ at: "2026-03-02T09:30:00Z" }], status: "solved" },
 *   { created: "2026-03-02T10:00:00Z", replies: [{ at: "2026-03-02T10:05:00Z", automated: true }, { at: "2026-03-02T11:00:00Z" }], status: "closed" },
 *   { created: "2026-03-02T11:00:00Z", replies: [{ at: "2026-03-02T11:10:00Z" }, { at: "2026-03-03T09:00:00Z" }], status: "solved" },
 *   { created: "2026-03-02T12:00:00Z", replies: [], status: "solved" },
 *   { created: "2026-03-02T13:00:00Z", status: "open" },
 * ]);
 * [result.rate, result.oneTouch, result.solved, result.unsolved];
 * // => [50, 2, 4, 1]
 * ```
 */
export function oneTouchResolution(tickets: Iterable<Ticket>, options: OneTouchOptions = {}): OneTouchResult {
  const metric = new OneTouchMetric(options);
  return metric.result(fold(metric, tickets));
}
