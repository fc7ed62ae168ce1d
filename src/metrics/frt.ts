import { fold, type Metric } from "../core/metric.ts";
import { checkChoice, checkOptions, type IntervalOptions, type InvalidOptions } from "../core/options.ts";
import type { Ticket } from "../core/records.ts";
import type { BusinessCalendar } from "../time/calendar.ts";
import type { Instant } from "../core/records.ts";
import type { DurationState, DurationStats, ExclusionState, Exclusions, OpenItems, OpenState, PercentileOptions } from "./ops-types.ts";
import { checkDefinition, checkPart, definitionOf, isCount } from "../core/state.ts";
import type { IntervalSettings, ProportionIntervalMethod } from "../stats/estimates.ts";
import { durationState, isDurationState, mergeDurations, pushDuration, readDurations, readPercentileOptions } from "./internal/durations.ts";
import { exclusionState, isExclusionState, mergeExclusions, readExclusions, RECORD_EXPECTED, reject } from "./internal/exclusions.ts";
import { elapsed, INSTANT_FIELD_EXPECTED, instantOrNaN } from "./internal/instants.ts";
import { isOpenState, mergeOpen, openState, readOpen } from "./internal/open-items.ts";
import { timeOptions } from "./internal/time-options.ts";

/**
 * What to do with automated replies (bots, triggers, auto-acknowledgements):
 * - `"ignore"` (default): only agent replies end the wait (Zendesk's first reply time: the first
 *   public agent comment; bot and automated actions are not considered).
 * - `"include"`: any reply ends it.
 * - `"separate"`: agent FRT as with `"ignore"`, and bot FRT (to the first automated reply) in `bot`.
 * @category Operations
 * @example
 * ```ts
 * const automated: AutomatedReplies = "separate";
 * ```
 */
export type AutomatedReplies = "ignore" | "include" | "separate";

const FRT_KEYS: readonly string[] = ["start", "automated", "businessHours", "target", "asOf", "level", "interval", "onInvalid", "percentiles", "relativeAccuracy"];

/**
 * Options of {@link frt} and {@link frtMetric}, with the shared `level`, `interval` (for the target share, default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: FrtOptions = { automated: "separate", target: "1h" };
 * ```
 */
export interface FrtOptions extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions, PercentileOptions {
  /**
   * Where the wait starts: ticket creation, or the customer's first message. Tickets without a first
   * customer message are then counted in `missingStart` and left out.
   * @defaultValue "created" (Zendesk's first reply time starts at ticket creation)
   */
  readonly start?: "created" | "firstCustomerMessage";
  /**
   * How automated replies count.
   * @defaultValue "ignore"
   */
  readonly automated?: AutomatedReplies;
  /** Measure in business time on this calendar ({@link businessCalendar}); calendar time without it. */
  readonly businessHours?: BusinessCalendar;
  /** A response-time target: milliseconds or a string with a unit (`"1h"`, `"PT4H"`); sets `withinTarget`. */
  readonly target?: number | string;
  /**
   * When tickets awaiting a response are aged to.
   * @defaultValue the latest instant in the data (a creation or a reply)
   */
  readonly asOf?: Instant;
}

/**
 * The result of {@link frt}: first response times of the responded tickets (count, mean, median, p90,
 * p95, min, max, share within the target), in calendar or business time.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: FrtResult = frt(tickets, { target: 3_600_000 });
 * ```
 */
export interface FrtResult extends DurationStats {
  /** Bot FRT (to the first automated reply) with `automated: "separate"`; otherwise `null`. */
  readonly bot: DurationStats | null;
  /** Tickets with no (agent) response yet, and how long they have waited at `asOf`. */
  readonly awaiting: OpenItems;
  /** Tickets left out because `start: "firstCustomerMessage"` and they have none. */
  readonly missingStart: number;
  /** Whether the durations are business time. */
  readonly businessTime: boolean;
  /** Tickets left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * The fold state of {@link frtMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: FrtState = frtMetric().init();
 * ```
 */
export interface FrtState {
  /** The definition the state was folded under: start, automated replies, calendar and target. */
  readonly definition: string;
  /** First (agent) response times. */
  agent: DurationState;
  /** First automated response times (`automated: "separate"`). */
  bot: DurationState;
  /** Starts of tickets awaiting a response, and the latest instant seen. */
  awaiting: OpenState;
  /** Tickets without the start `start` asks for. */
  missingStart: number;
  /** Tickets skipped as invalid. */
  excluded: ExclusionState;
}

class FrtMetric implements Metric<Ticket, FrtState, FrtResult> {
  readonly name = "frt";
  readonly headline = "mean";
  private readonly definition: string;
  private readonly fromCustomer: boolean;
  private readonly automated: AutomatedReplies;
  private readonly calendar: BusinessCalendar | undefined;
  private readonly target: number;
  private readonly asOf: number | undefined;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  /** The sketch's α under `percentiles: "sketch"`, or `null` for exact percentiles. */
  private readonly sketch: number | null;

  constructor(options: FrtOptions | undefined) {
    const o = checkOptions(this.name, options, FRT_KEYS);
    this.fromCustomer = checkChoice(this.name, "start", o["start"], ["created", "firstCustomerMessage"], "created") === "firstCustomerMessage";
    this.automated = checkChoice(this.name, "automated", o["automated"], ["ignore", "include", "separate"], "ignore");
    ({ calendar: this.calendar, target: this.target, asOf: this.asOf, rates: this.rates, skip: this.skip } = timeOptions(this.name, o));
    this.sketch = readPercentileOptions(this.name, o).sketch;
    this.definition = definitionOf(this.name, {
      start: this.fromCustomer ? "firstCustomerMessage" : "created",
      automated: this.automated,
      businessHours: this.calendar === undefined ? "none" : this.calendar.definition,
      target: this.target,
      ...(this.sketch === null ? {} : { percentiles: `sketch:${this.sketch}` }),
    });
  }

  init(): FrtState {
    return { definition: this.definition, agent: durationState(this.sketch), bot: durationState(this.sketch), awaiting: openState(), missingStart: 0, excluded: exclusionState() };
  }

  add(state: FrtState, ticket: Ticket, i?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const index = i ?? state.agent.count + state.awaiting.starts.length + state.missingStart + state.excluded.count;
    if (typeof ticket !== "object" || ticket === null) return reject(this.name, this.skip, state.excluded, index, "record", ticket, RECORD_EXPECTED);
    const created = instantOrNaN(ticket.created);
    if (Number.isNaN(created)) return reject(this.name, this.skip, state.excluded, index, "created", ticket.created, INSTANT_FIELD_EXPECTED);
    let start = created;
    if (this.fromCustomer) {
      if (ticket.firstCustomerMessage == null) {
        state.missingStart++;
        return;
      }
      start = instantOrNaN(ticket.firstCustomerMessage);
      if (Number.isNaN(start)) return reject(this.name, this.skip, state.excluded, index, "firstCustomerMessage", ticket.firstCustomerMessage, INSTANT_FIELD_EXPECTED);
    }
    let human = Infinity;
    let bot = Infinity;
    let latest = created > start ? created : start;
    const replies = ticket.replies;
    if (replies != null) {
      if (!Array.isArray(replies)) return reject(this.name, this.skip, state.excluded, index, "replies", replies, "an array of replies");
      for (let i = 0; i < replies.length; i++) {
        const reply = replies[i] as { at?: unknown; automated?: unknown } | null;
        if (typeof reply !== "object" || reply === null) return reject(this.name, this.skip, state.excluded, index, `replies[${i}]`, reply, "a reply { at, automated? }");
        const at = instantOrNaN(reply.at);
        if (Number.isNaN(at)) return reject(this.name, this.skip, state.excluded, index, `replies[${i}].at`, reply.at, INSTANT_FIELD_EXPECTED);
        if (at < created) return reject(this.name, this.skip, state.excluded, index, `replies[${i}].at`, reply.at, "an instant at or after the ticket's creation");
        const automated = reply.automated;
        if (automated !== undefined && typeof automated !== "boolean") {
          return reject(this.name, this.skip, state.excluded, index, `replies[${i}].automated`, automated, "true, false or absent");
        }
        if (at > latest) latest = at;
        if (at < start) continue;
        if (automated === true && this.automated !== "include") {
          if (at < bot) bot = at;
        } else if (at < human) human = at;
      }
    } else if (ticket.firstResponse != null) {
      const at = instantOrNaN(ticket.firstResponse);
      if (Number.isNaN(at)) return reject(this.name, this.skip, state.excluded, index, "firstResponse", ticket.firstResponse, INSTANT_FIELD_EXPECTED);
      if (at < created) return reject(this.name, this.skip, state.excluded, index, "firstResponse", ticket.firstResponse, "an instant at or after the ticket's creation");
      if (at > latest) latest = at;
      if (at >= start) human = at;
    }
    if (latest > state.awaiting.latest) state.awaiting.latest = latest;
    if (human < Infinity) pushDuration(state.agent, elapsed(this.calendar, start, human), this.target);
    else state.awaiting.starts.push(start);
    if (bot < Infinity && this.automated === "separate") pushDuration(state.bot, elapsed(this.calendar, start, bot), this.target);
  }

  merge(into: FrtState, other: FrtState): void {
    this.check(into, "into");
    this.check(other, "other");
    const missingStart = other.missingStart;
    mergeDurations(into.agent, other.agent);
    mergeDurations(into.bot, other.bot);
    mergeOpen(into.awaiting, other.awaiting);
    into.missingStart += missingStart;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: FrtState): FrtResult {
    this.check(state, "state");
    return {
      ...readDurations(state.agent, this.target, this.rates),
      bot: this.automated === "separate" ? readDurations(state.bot, this.target, this.rates) : null,
      awaiting: readOpen(this.name, state.awaiting, this.asOf, this.calendar, this.rates),
      missingStart: state.missingStart,
      businessTime: this.calendar !== undefined,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: FrtState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const ok = isDurationState(state.agent, field !== "into") && isDurationState(state.bot, field !== "into") && isOpenState(state.awaiting) && isCount(state.missingStart) && isExclusionState(state.excluded);
    checkPart(ok, this.name, this.definition, state, "durations, waiting tickets or exclusions");
  }
}

/**
 * FRT as a mergeable fold ({@link Metric}). See {@link frt}. Its headline is `mean`; states folded
 * with another start, automated-reply rule, calendar or target are refused on merge.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = frtMetric();
 * const state = metric.init();
 * metric.add(state, { created: 0, firstResponse: 90_000 });
 * metric.result(state).median;
 * // => 90000
 * ```
 */
export function frtMetric(options?: FrtOptions): Metric<Ticket, FrtState, FrtResult> {
  return new FrtMetric(options);
}

/**
 * First response time: how long customers wait for the first reply.
 *
 * Per ticket, `FRT = first agent reply - start`, where start is the ticket's creation (default) or
 * the customer's first message, and the first reply is the earliest of `replies` at or after the
 * start (or `firstResponse` when the ticket has no `replies` list). Automated replies are ignored by
 * default; `automated: "include"` lets them end the wait, `"separate"` reports them as bot FRT.
 * Reports count, mean (an {@link Estimate}), median, p90, p95 (type 7), min, max and, with `target`,
 * the share answered within it (inclusive, an {@link Estimate}), in calendar time or, with `businessHours`, in business time.
 *
 * Tickets not yet answered are not dropped: they are counted in `awaiting`, with how long they have
 * waited at `asOf`.
 *
 * Bad input: a record that is not an object, an invalid instant, a reply before the ticket's creation, a non-boolean `automated`
 * throws `INVALID_VALUE` naming the ticket and field, or with `onInvalid: "skip"` is counted in
 * `excluded`.
 *
 * @category Operations
 * @example
 * ```ts
 * const result = frt(
 *   [
 *     { created: "2026-03-02T09:00:00Z", replies: [{ at: "2026-03-02T09:00:10Z", automated: true }, { at: "2026-03-02T09:30:00Z" }] },
 *     { created: "2026-03-02T10:00:00Z", firstResponse: "2026-03-02T12:00:00Z" },
 *     { created: "2026-03-02T11:00:00Z" },
 *   ],
 *   { target: 3_600_000 },
 * );
 * [result.count, result.mean?.value, result.withinTarget?.value, result.awaiting.count];
 * // => [2, 4500000, 50, 1]
 * ```
 */
export function frt(tickets: Iterable<Ticket>, options?: FrtOptions): FrtResult {
  const metric = new FrtMetric(options);
  return metric.result(fold(metric, tickets));
}
