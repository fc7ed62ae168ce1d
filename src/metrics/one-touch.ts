import type { Estimate } from "../core/estimate.ts";
import { fold, type Metric } from "../core/metric.ts";
import { checkChoice, checkOnInvalid, checkOptions, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Ticket } from "../core/records.ts";
import { checkDefinition, checkPart, isCount } from "../core/state.ts";
import { intervalSettings, PROPORTION_METHODS, rateEstimate, type IntervalSettings, type ProportionIntervalMethod } from "../stats/estimates.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import { isSolved, STATUS_EXPECTED } from "./internal/tickets.ts";
import type { ExclusionState, Exclusions } from "./ops-types.ts";

/**
 * Which solved tickets are one-touch:
 * - `"exactly-one"` (default): solved with exactly one agent reply (the usual one-touch definition).
 * - `"at-most-one"`: solved with one agent reply or none (Zendesk Explore's "One-touch tickets"
 *   formula, `Agent replies < 2`, which also counts tickets solved without a reply).
 *
 * @category Operations
 * @example
 * ```ts
 * const touches: OneTouchDefinition = "at-most-one";
 * ```
 */
export type OneTouchDefinition = "exactly-one" | "at-most-one";

const ONE_TOUCH_KEYS: readonly string[] = ["touches", "level", "interval", "onInvalid"];

/**
 * Options of {@link oneTouchResolution} and {@link oneTouchResolutionMetric}, with the shared `level`, `interval` (default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: OneTouchOptions = { touches: "at-most-one" };
 * ```
 */
export interface OneTouchOptions extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions {
  /**
   * Which solved tickets count as one-touch.
   * @defaultValue "exactly-one"
   */
  readonly touches?: OneTouchDefinition;
}

/**
 * The result of {@link oneTouchResolution}.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: OneTouchResult = oneTouchResolution(tickets);
 * ```
 */
export interface OneTouchResult {
  /** One-touch share of solved tickets, in percent, with its interval (Wilson by default); `null` when none is solved. The headline. */
  readonly rate: Estimate<ProportionIntervalMethod> | null;
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
  /** Solved tickets with neither a `replies` list nor an `agentReplies` count, so their touches are unknown: not in the rate. */
  readonly missingReplies: number;
  /** Tickets left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link oneTouchResolutionMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: OneTouchState = oneTouchResolutionMetric().init();
 * ```
 */
export interface OneTouchState {
  /** Always `"oneTouchResolution()"`: what is folded does not depend on the options. */
  readonly definition: string;
  /** Solved tickets with no agent reply. */
  zero: number;
  /** Solved tickets with one agent reply. */
  one: number;
  /** Solved tickets with two or more. */
  many: number;
  /** Tickets not solved. */
  unsolved: number;
  /** Solved tickets with neither `replies` nor `agentReplies`. */
  missingReplies: number;
  /** Tickets skipped as invalid. */
  excluded: ExclusionState;
}

class OneTouchMetric implements Metric<Ticket, OneTouchState, OneTouchResult> {
  readonly name = "oneTouchResolution";
  readonly headline = "rate";
  private readonly definition = "oneTouchResolution()";
  private readonly atMostOne: boolean;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  constructor(options: OneTouchOptions | undefined) {
    const o = checkOptions(this.name, options, ONE_TOUCH_KEYS);
    this.atMostOne = checkChoice(this.name, "touches", o["touches"], ["exactly-one", "at-most-one"], "exactly-one") === "at-most-one";
    this.rates = intervalSettings(this.name, o, PROPORTION_METHODS, "wilson");
    this.skip = checkOnInvalid(this.name, o["onInvalid"]);
  }

  init(): OneTouchState {
    return { definition: this.definition, zero: 0, one: 0, many: 0, unsolved: 0, missingReplies: 0, excluded: exclusionState() };
  }

  add(state: OneTouchState, ticket: Ticket, index?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const i = index ?? seen(state);
    if (typeof ticket !== "object" || ticket === null) return reject(this.name, this.skip, state.excluded, i, "record", ticket, RECORD_EXPECTED);
    const solved = isSolved(ticket);
    if (solved === null) return reject(this.name, this.skip, state.excluded, i, "status", ticket.status, STATUS_EXPECTED);
    if (!solved) {
      state.unsolved++;
      return;
    }
    const replies = ticket.replies;
    if (replies == null) {
      // Exports that count replies instead of listing them (Zendesk's "Replies").
      const count = (ticket as { agentReplies?: unknown }).agentReplies;
      if (count == null) {
        state.missingReplies++;
        return;
      }
      if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return reject(this.name, this.skip, state.excluded, i, "agentReplies", count, "a whole number of agent replies, 0 or more, or absent");
      if (count === 0) state.zero++;
      else if (count === 1) state.one++;
      else state.many++;
      return;
    }
    if (!Array.isArray(replies)) return reject(this.name, this.skip, state.excluded, i, "replies", replies, "an array of replies");
    let touches = 0;
    for (let r = 0; r < replies.length; r++) {
      const reply = replies[r] as { automated?: unknown } | null;
      if (typeof reply !== "object" || reply === null) return reject(this.name, this.skip, state.excluded, i, `replies[${r}]`, reply, "a reply { at, automated? }");
      const automated = reply.automated;
      if (automated !== undefined && typeof automated !== "boolean") {
        return reject(this.name, this.skip, state.excluded, i, `replies[${r}].automated`, automated, "true, false or absent");
      }
      if (automated !== true) touches++;
    }
    if (touches === 0) state.zero++;
    else if (touches === 1) state.one++;
    else state.many++;
  }

  merge(into: OneTouchState, other: OneTouchState): void {
    this.check(into, "into");
    this.check(other, "other");
    const { zero, one, many, unsolved, missingReplies } = other;
    into.zero += zero;
    into.one += one;
    into.many += many;
    into.unsolved += unsolved;
    into.missingReplies += missingReplies;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: OneTouchState): OneTouchResult {
    this.check(state, "state");
    const solved = state.zero + state.one + state.many;
    const oneTouch = this.atMostOne ? state.zero + state.one : state.one;
    return {
      rate: rateEstimate(oneTouch, solved, this.rates),
      oneTouch,
      solved,
      zeroTouch: state.zero,
      multiTouch: state.many,
      unsolved: state.unsolved,
      missingReplies: state.missingReplies,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: OneTouchState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    checkPart([state.zero, state.one, state.many, state.unsolved, state.missingReplies].every(isCount) && isExclusionState(state.excluded), this.name, this.definition, state, "counts");
  }
}

function seen(state: OneTouchState): number {
  return state.zero + state.one + state.many + state.unsolved + state.missingReplies + state.excluded.count;
}

/**
 * One-touch resolution as a mergeable fold ({@link Metric}). See {@link oneTouchResolution}. Its headline is `rate`.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = oneTouchResolutionMetric();
 * const state = metric.init();
 * metric.add(state, { created: 0, replies: [{ at: 1 }], solves: [2] });
 * metric.result(state).rate?.value;
 * // => 100
 * ```
 */
export function oneTouchResolutionMetric(options?: OneTouchOptions): Metric<Ticket, OneTouchState, OneTouchResult> {
  return new OneTouchMetric(options);
}

/**
 * First-contact resolution from tickets: the share of solved tickets solved with one agent reply.
 *
 * `rate = one-touch solved tickets / solved tickets`, in percent, an {@link Estimate} with a Wilson interval. Agent
 * replies are the `replies` not marked `automated`; bot and trigger replies are not touches. A
 * ticket is solved when its status is `"solved"` or `"closed"` (or, without a status, when it has a
 * solve). With `touches: "at-most-one"`, tickets solved without any reply count as one-touch too.
 * Unsolved tickets, and solved ones without a `replies` list, are counted but not in the rate.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` for an unknown status or malformed replies, unless
 * `onInvalid: "skip"`.
 * @category Operations
 * @example
 * ```ts
 * const result = oneTouchResolution([
 *   { created: "2026-03-02T09:00:00Z", replies: [{ at: "2026-03-02T09:30:00Z" }], status: "solved" },
 *   { created: "2026-03-02T10:00:00Z", replies: [{ at: "2026-03-02T10:05:00Z", automated: true }, { at: "2026-03-02T11:00:00Z" }], status: "closed" },
 *   { created: "2026-03-02T11:00:00Z", replies: [{ at: "2026-03-02T11:10:00Z" }, { at: "2026-03-03T09:00:00Z" }], status: "solved" },
 *   { created: "2026-03-02T12:00:00Z", replies: [], status: "solved" },
 *   { created: "2026-03-02T13:00:00Z", status: "open" },
 * ]);
 * [result.rate?.value, result.oneTouch, result.solved, result.unsolved];
 * // => [50, 2, 4, 1]
 * ```
 */
export function oneTouchResolution(tickets: Iterable<Ticket>, options?: OneTouchOptions): OneTouchResult {
  const metric = new OneTouchMetric(options);
  return metric.result(fold(metric, tickets));
}
