import type { Instant } from "../time/instant.ts";

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
 */
export interface SurveyResponse {
  /** Your id for the response. */
  readonly id?: string;
  /** When the customer answered. */
  readonly respondedAt?: Instant;
  /** Transactional (after an interaction) or relationship (periodic) survey. */
  readonly kind?: "transactional" | "relationship";
  /** The customer. */
  readonly customerId?: string;
  /** The agent who handled the interaction surveyed (transactional surveys). */
  readonly agentId?: string;
  /** The agent's team. */
  readonly team?: string;
  /** Channel of the interaction: phone, chat, email, ... */
  readonly channel?: string;
  /** The touchpoint or journey step surveyed. */
  readonly touchpoint?: string;
  /** Likelihood to recommend, 0-10; `null` when not answered. */
  readonly nps?: number | null;
  /** Satisfaction rating (1-5 by default); `null` when not answered. */
  readonly csat?: number | null;
  /** Effort rating (1-7 agreement for CES 2.0 by default); `null` when not answered. */
  readonly ces?: number | null;
  /** The customer's free-text "why". */
  readonly comment?: string | null;
  /** Survey weight (post-stratification, say), a number from 1e-100 to 1e100. */
  readonly weight?: number;
}
