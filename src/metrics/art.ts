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
import { isSolved, STATUS_EXPECTED } from "./internal/tickets.ts";

/**
 * Which resolution ends the clock:
 * - `"full"` (default): the latest solve of a ticket that is solved now (Zendesk's full resolution
 *   time); a reopened ticket that is open again is open.
 * - `"first"`: the first solve, even if the ticket was reopened later (Zendesk's first resolution time).
 * @category Operations
 * @example
 * ```ts
 * const point: ResolutionPoint = "first";
 * ```
 */
export type ResolutionPoint = "full" | "first";

const ART_KEYS: readonly string[] = ["resolution", "businessHours", "target", "asOf", "level", "interval", "onInvalid", "percentiles", "relativeAccuracy"];

/**
 * Options of {@link art} and {@link artMetric}, with the shared `level`, `interval` (for the target share, default `"wilson"`) and `onInvalid`.
 *
 * @category Operations
 * @example
 * ```ts
 * const options: ArtOptions = { resolution: "first", target: "24h" };
 * ```
 */
export interface ArtOptions extends IntervalOptions<ProportionIntervalMethod>, InvalidOptions, PercentileOptions {
  /**
   * First or full resolution.
   * @defaultValue "full"
   */
  readonly resolution?: ResolutionPoint;
  /** Measure in business time on this calendar ({@link businessCalendar}); calendar time without it. */
  readonly businessHours?: BusinessCalendar;
  /** A resolution-time target: milliseconds or a string with a unit (`"24h"`, `"P1D"`); sets `withinTarget`. */
  readonly target?: number | string;
  /**
   * When open tickets are aged to.
   * @defaultValue the latest instant in the data (a creation or a solve)
   */
  readonly asOf?: Instant;
}

/**
 * The result of {@link art}: resolution times of resolved tickets (count, mean, median, p90, p95, min,
 * max, share within the target), open tickets with their ages, and reopens.
 *
 * @category Operations
 * @example
 * ```ts
 * const result: ArtResult = art(tickets, { resolution: "first" });
 * ```
 */
export interface ArtResult extends DurationStats {
  /** Which resolution the durations run to. */
  readonly resolution: ResolutionPoint;
  /** Tickets not resolved (per `resolution`), and their ages at `asOf`. */
  readonly open: OpenItems;
  /** Tickets reopened at least once, and all reopens. */
  readonly reopened: Reopens;
  /** Whether the durations are business time. */
  readonly businessTime: boolean;
  /** Tickets left out as invalid (`onInvalid: "skip"`), by field. */
  readonly excluded: Exclusions;
}

/**
 * Reopens in an {@link ArtResult}: a ticket solved k times has k - 1 reopens if it is solved now, k if
 * it is open again.
 *
 * @category Operations
 * @example
 * ```ts
 * const reopened: Reopens = art(tickets).reopened;
 * ```
 */
export interface Reopens {
  /** Tickets reopened at least once. */
  readonly tickets: number;
  /** All reopens. */
  readonly reopens: number;
}

/**
 * The fold state of {@link artMetric}.
 *
 * @category Operations
 * @example
 * ```ts
 * const state: ArtState = artMetric().init();
 * ```
 */
export interface ArtState {
  /** The definition the state was folded under: resolution point, calendar and target. */
  readonly definition: string;
  /** Resolution times of resolved tickets. */
  resolved: DurationState;
  /** Creation instants of open tickets, and the latest instant seen. */
  open: OpenState;
  /** Tickets reopened at least once. */
  reopenedTickets: number;
  /** All reopens. */
  reopens: number;
  /** Tickets skipped as invalid. */
  excluded: ExclusionState;
}

/** Shared by every ticket without `solves`, so none allocates an empty array. */
const NO_SOLVES: readonly Instant[] = Object.freeze([]);

class ArtMetric implements Metric<Ticket, ArtState, ArtResult> {
  readonly name = "art";
  readonly headline = "mean";
  private readonly definition: string;
  private readonly first: boolean;
  private readonly calendar: BusinessCalendar | undefined;
  private readonly target: number;
  private readonly asOf: number | undefined;
  private readonly rates: IntervalSettings<ProportionIntervalMethod>;
  private readonly skip: boolean;

  /** The sketch's α under `percentiles: "sketch"`, or `null` for exact percentiles. */
  private readonly sketch: number | null;

  constructor(options: ArtOptions | undefined) {
    const o = checkOptions(this.name, options, ART_KEYS);
    this.first = checkChoice(this.name, "resolution", o["resolution"], ["full", "first"], "full") === "first";
    ({ calendar: this.calendar, target: this.target, asOf: this.asOf, rates: this.rates, skip: this.skip } = timeOptions(this.name, o));
    this.sketch = readPercentileOptions(this.name, o).sketch;
    this.definition = definitionOf(this.name, {
      resolution: this.first ? "first" : "full",
      businessHours: this.calendar === undefined ? "none" : this.calendar.definition,
      target: this.target,
      ...(this.sketch === null ? {} : { percentiles: `sketch:${this.sketch}` }),
    });
  }

  init(): ArtState {
    return { definition: this.definition, resolved: durationState(this.sketch), open: openState(), reopenedTickets: 0, reopens: 0, excluded: exclusionState() };
  }

  add(state: ArtState, ticket: Ticket, i?: number): void {
    if (state?.definition !== this.definition) checkDefinition(this.name, "state", this.definition, state);
    const index = i ?? state.resolved.count + state.open.starts.length + state.excluded.count;
    if (typeof ticket !== "object" || ticket === null) return reject(this.name, this.skip, state.excluded, index, "record", ticket, RECORD_EXPECTED);
    const created = instantOrNaN(ticket.created);
    if (Number.isNaN(created)) return reject(this.name, this.skip, state.excluded, index, "created", ticket.created, INSTANT_FIELD_EXPECTED);
    const solvedNow = isSolved(ticket);
    if (solvedNow === null) return reject(this.name, this.skip, state.excluded, index, "status", ticket.status, STATUS_EXPECTED);
    const solves = ticket.solves ?? NO_SOLVES;
    if (!Array.isArray(solves)) return reject(this.name, this.skip, state.excluded, index, "solves", solves, "an array of instants");
    let earliest = Infinity;
    let latest = -Infinity;
    for (let i = 0; i < solves.length; i++) {
      const t = instantOrNaN(solves[i]);
      if (Number.isNaN(t)) return reject(this.name, this.skip, state.excluded, index, `solves[${i}]`, solves[i], INSTANT_FIELD_EXPECTED);
      if (t < created) return reject(this.name, this.skip, state.excluded, index, `solves[${i}]`, solves[i], "an instant at or after the ticket's creation");
      if (t < earliest) earliest = t;
      if (t > latest) latest = t;
    }
    if (solvedNow && solves.length === 0) return reject(this.name, this.skip, state.excluded, index, "solves", ticket.solves, "at least one solve for a solved or closed ticket");
    const seenLatest = latest > created ? latest : created;
    if (seenLatest > state.open.latest) state.open.latest = seenLatest;
    const reopens = solves.length - (solvedNow ? 1 : 0);
    if (reopens > 0) {
      state.reopenedTickets++;
      state.reopens += reopens;
    }
    const end = this.first ? earliest : solvedNow ? latest : Infinity;
    if (end < Infinity) pushDuration(state.resolved, elapsed(this.calendar, created, end), this.target);
    else state.open.starts.push(created);
  }

  merge(into: ArtState, other: ArtState): void {
    this.check(into, "into");
    this.check(other, "other");
    const { reopenedTickets, reopens } = other;
    mergeDurations(into.resolved, other.resolved);
    mergeOpen(into.open, other.open);
    into.reopenedTickets += reopenedTickets;
    into.reopens += reopens;
    mergeExclusions(into.excluded, other.excluded);
  }

  result(state: ArtState): ArtResult {
    this.check(state, "state");
    return {
      ...readDurations(state.resolved, this.target, this.rates),
      resolution: this.first ? "first" : "full",
      open: readOpen(this.name, state.open, this.asOf, this.calendar, this.rates),
      reopened: { tickets: state.reopenedTickets, reopens: state.reopens },
      businessTime: this.calendar !== undefined,
      excluded: readExclusions(state.excluded),
    };
  }

  private check(state: ArtState, field: string): void {
    checkDefinition(this.name, field, this.definition, state);
    const ok = isDurationState(state.resolved, field !== "into") && isOpenState(state.open) && isCount(state.reopenedTickets) && isCount(state.reopens) && isExclusionState(state.excluded);
    checkPart(ok, this.name, this.definition, state, "durations, open tickets or exclusions");
  }
}

/**
 * ART as a mergeable fold ({@link Metric}). See {@link art}. Its headline is `mean`; states folded
 * with another resolution point, calendar or target are refused on merge.
 *
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options.
 * @category Operations
 * @example
 * ```ts
 * const metric = artMetric();
 * const state = metric.init();
 * metric.add(state, { created: 0, solves: [7_200_000], status: "solved" });
 * metric.result(state).mean?.value;
 * // => 7200000
 * ```
 */
export function artMetric(options?: ArtOptions): Metric<Ticket, ArtState, ArtResult> {
  return new ArtMetric(options);
}

/**
 * Average resolution time, with the median and tail: from ticket creation to resolution.
 *
 * Per ticket, `resolution time = resolution - created`, where resolution is the latest solve of a
 * ticket solved now (`resolution: "full"`, default) or its first solve (`"first"`). Reports count,
 * mean (the ART, an {@link Estimate}), median, p90, p95 (type 7), min, max and, with `target`, the share resolved within
 * it (inclusive), in calendar time or, with `businessHours`, in business time.
 *
 * Tickets not resolved are not dropped: they are counted in `open` with their ages at `asOf`.
 * Reopens: a ticket solved k times has k - 1 reopens if it is solved now, k if it is open again.
 *
 * Bad input: a record that is not an object, an invalid instant, a solve before creation, an unknown status, a solved ticket without
 * a solve throws `INVALID_VALUE` naming the ticket and field, or with `onInvalid: "skip"` is counted
 * in `excluded`.
 *
 * @category Operations
 * @example
 * ```ts
 * const result = art([
 *   { created: "2026-03-02T09:00:00Z", solves: ["2026-03-02T11:00:00Z"], status: "solved" },
 *   { created: "2026-03-02T09:00:00Z", solves: ["2026-03-02T10:00:00Z", "2026-03-02T15:00:00Z"], status: "closed" },
 *   { created: "2026-03-02T12:00:00Z", solves: ["2026-03-02T13:00:00Z"], status: "open" },
 * ]);
 * [result.count, result.mean?.value, result.open.count, result.reopened.reopens];
 * // => [2, 14400000, 1, 2]
 * ```
 */
export function art(tickets: Iterable<Ticket>, options?: ArtOptions): ArtResult {
  const metric = new ArtMetric(options);
  return metric.result(fold(metric, tickets));
}
