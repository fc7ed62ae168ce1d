/**
 * A point in time as cx-metrics accepts it: a valid `Date`, epoch milliseconds, or an ISO 8601 string
 * with a UTC offset (`2026-03-01T09:30:00Z`, `2026-03-01T15:00:00+05:30`). Numbers are always epoch
 * milliseconds; one from 1e9 to 1e11 (January 1970 to March 1973 read as milliseconds, but 2001 to
 * 5138 read as seconds) is an epoch-seconds mistake and rejected (see {@link toEpochMs}).
 *
 * @category Time
 * @example
 * ```ts
 * const when: Instant = "2026-03-01T15:00:00+05:30";
 * ```
 */
export type Instant = Date | number | string;

/**
 * One survey response as cx-metrics models it: answers to any of the NPS, CSAT and CES questions,
 * the customer's "why" comment, and the fields you segment by. Only what you have needs to be there;
 * other fields of your own pass through the schemas untouched.
 *
 * - transactional surveys are asked right after an interaction (`kind: "transactional"`, usually with
 *   `agentId` and `channel`); relationship surveys periodically about the whole relationship
 *   (`kind: "relationship"`).
 * - a question that was not answered is `null` or absent: it is excluded and counted, never a zero.
 *
 * @example
 * ```ts
 * const response: SurveyResponse = {
 *   id: "r-1",
 *   respondedAt: "2026-03-01T15:00:00+05:30",
 *   kind: "transactional",
 *   agentId: "a-17",
 *   channel: "chat",
 *   nps: 9,
 *   csat: 5,
 *   comment: "Quick and friendly",
 * };
 * ```
 * @category Survey
 */
export interface SurveyResponse {
  /** Your id for the response. */
  readonly id?: string | number;
  /** When the customer answered. */
  readonly respondedAt?: Instant;
  /** Transactional (after an interaction) or relationship (periodic) survey. */
  readonly kind?: "transactional" | "relationship";
  /** The customer. */
  readonly customerId?: string | number;
  /** The agent who handled the interaction surveyed (transactional surveys). */
  readonly agentId?: string | number;
  /** The agent's team. */
  readonly team?: string;
  /** Channel of the interaction: phone, chat, email, ... */
  readonly channel?: string;
  /** The touchpoint or journey step surveyed. */
  readonly touchpoint?: string;
  /** Likelihood to recommend the company, 0-10; `null` when not answered. */
  readonly nps?: number | null;
  /** Likelihood to recommend the agent spoken with, 0-10 (two-question surveys); `null` when not answered. */
  readonly agentNps?: number | null;
  /** Satisfaction with the agent (1-5 by default; two-question surveys); `null` when not answered. */
  readonly agentCsat?: number | null;
  /** Satisfaction rating (1-5 by default); `null` when not answered. */
  readonly csat?: number | null;
  /** Effort rating (1-7 agreement for CES 2.0 by default); `null` when not answered. */
  readonly ces?: number | null;
  /** The customer's free-text "why". */
  readonly comment?: string | null;
  /** Survey weight (post-stratification, say), a number from 1e-100 to 1e100. */
  readonly weight?: number;
}

/**
 * One contact (interaction) with the center: a call, chat, email or message, as it went through the
 * queue to an agent. Instants are `Date`, epoch ms or ISO 8601 strings with an offset; durations are
 * milliseconds. Only what your system records needs to be there; other fields pass through.
 *
 * - answered: `answered` is set. Abandoned: not answered, `ended` set (when the customer left the
 *   queue), `abandoned` not `false`. A contact that left the queue unanswered without abandoning (a
 *   flow-out: voicemail, transfer to another queue) has `abandoned: false`. Neither answered nor
 *   ended: still waiting.
 * - `resolved` is the source system's own flag or the survey answer "was your issue resolved?";
 *   `null` when unknown.
 *
 * @category Operations
 * @example
 * ```ts
 * const contact: Contact = {
 *   id: "c-1",
 *   customerId: "cust-9",
 *   agentId: "a-17",
 *   channel: "phone",
 *   queue: "billing",
 *   reason: "refund",
 *   arrived: "2026-03-02T09:00:00Z",
 *   answered: "2026-03-02T09:00:25Z",
 *   ended: "2026-03-02T09:06:25Z",
 *   talk: 300_000,
 *   hold: 30_000,
 *   afterCallWork: 45_000,
 * };
 * ```
 */
export interface Contact {
  /** Your id for the contact. */
  readonly id?: string | number;
  /** The customer, the usual key for repeat contacts. */
  readonly customerId?: string | number;
  /** The agent who handled it. */
  readonly agentId?: string | number;
  /** The agent's team. */
  readonly team?: string;
  /** phone, chat, email, message, ... */
  readonly channel?: string;
  /** The queue it waited in. */
  readonly queue?: string;
  /** The contact reason or category. */
  readonly reason?: string;
  /** When it entered the queue (or arrived, for channels without one). */
  readonly arrived?: Instant;
  /** When an agent answered it; absent or `null` when nobody did. */
  readonly answered?: Instant | null;
  /** When it ended: hung up, closed, or left the queue. */
  readonly ended?: Instant | null;
  /** Talk (or chat, or work) time with the customer, ms. */
  readonly talk?: number | null;
  /** Time the customer was on hold, ms. */
  readonly hold?: number | null;
  /** After-call work (wrap-up), ms. */
  readonly afterCallWork?: number | null;
  /** Whether the customer abandoned it in the queue (see above for what it is by default). */
  readonly abandoned?: boolean;
  /** Whether it was transferred to another agent or queue. */
  readonly transferred?: boolean;
  /** Resolved, per the source system's flag or the customer's survey answer; `null` when unknown. */
  readonly resolved?: boolean | null;
}

/**
 * One reply on a ticket: when it was sent and whether it was automated (a bot, a trigger, an
 * auto-acknowledgement).
 *
 * @category Operations
 * @example
 * ```ts
 * const reply: TicketReply = { at: "2026-03-02T09:40:00Z", agentId: "a-17" };
 * ```
 */
export interface TicketReply {
  /** When the reply was sent. */
  readonly at: Instant;
  /** True for an automated reply. */
  readonly automated?: boolean;
  /** The agent who sent it. */
  readonly agentId?: string | number;
}

/**
 * Where a ticket stands. `"solved"` and `"closed"` count as resolved; the others as open.
 *
 * @category Operations
 * @example
 * ```ts
 * const status: TicketStatus = "pending";
 * ```
 */
export type TicketStatus = "new" | "open" | "pending" | "on-hold" | "solved" | "closed";

/**
 * One ticket of a helpdesk (email, web form, messaging): created, replied to, solved, perhaps
 * reopened and solved again. Give `replies` when your system records them; `firstResponse` alone is
 * enough for response times when it does not.
 *
 * @category Operations
 * @example
 * ```ts
 * const ticket: Ticket = {
 *   id: "t-1",
 *   created: "2026-03-02T09:00:00Z",
 *   replies: [
 *     { at: "2026-03-02T09:00:05Z", automated: true },
 *     { at: "2026-03-02T09:40:00Z", agentId: "a-17" },
 *   ],
 *   solves: ["2026-03-02T11:00:00Z"],
 *   status: "solved",
 *   agentId: "a-17",
 *   channel: "email",
 * };
 * ```
 */
export interface Ticket {
  /** Your id for the ticket. */
  readonly id?: string | number;
  /** The requester. */
  readonly customerId?: string | number;
  /** The assignee. */
  readonly agentId?: string | number;
  /** The assignee's team. */
  readonly team?: string;
  /** email, web, chat, messaging, ... */
  readonly channel?: string;
  /** When the ticket was created. */
  readonly created: Instant;
  /** When the customer first wrote, if that was before or apart from creation. */
  readonly firstCustomerMessage?: Instant | null;
  /** The first reply, for systems that record only that (human unless `replies` says otherwise). */
  readonly firstResponse?: Instant | null;
  /** Every public reply to the customer, in any order. */
  readonly replies?: readonly TicketReply[];
  /**
   * How many public agent replies the ticket had, for exports that count replies instead of listing
   * them (Zendesk's "Replies" column). One-touch resolution reads it when `replies` is absent.
   */
  readonly agentReplies?: number | null;
  /** Every time the ticket was set solved, in any order; more than one means it was reopened. */
  readonly solves?: readonly Instant[];
  /** Current status; without it, a ticket with a solve counts as solved. */
  readonly status?: TicketStatus;
}
