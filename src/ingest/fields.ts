/**
 * What each record field is, per record kind: the reader's conversions follow these types, so a
 * mapping names columns only. Internal.
 *
 * @internal
 * @module
 */

/**
 * The kinds of records rows are read into: survey answers ({@link SurveyResponse}), contacts
 * ({@link Contact}: calls, chats) and tickets ({@link Ticket}).
 *
 * @category Ingest
 * @example
 * ```ts
 * const kind: RecordKind = "ticket";
 * ```
 */
export type RecordKind = "survey" | "contact" | "ticket";

/**
 * Records by kind.
 *
 * @category Ingest
 * @example
 * ```ts
 * const c: RecordCounts = { survey: 3, contact: 0, ticket: 1 };
 * ```
 */
export interface RecordCounts {
  /** Survey answers. */
  readonly survey: number;
  /** Contacts. */
  readonly contact: number;
  /** Tickets. */
  readonly ticket: number;
}

/** How a field's cells are converted. @internal */
export type FieldType = "id" | "text" | "instant" | "instants" | "replies" | "duration" | "score" | "number" | "count" | "boolean" | "status" | "surveyKind";

/** Fields in the order records are built (an `after` base comes before the fields that use it). @internal */
export const FIELDS: { readonly [K in RecordKind]: readonly (readonly [string, FieldType])[] } = {
  survey: [
    ["id", "id"],
    ["respondedAt", "instant"],
    ["kind", "surveyKind"],
    ["customerId", "id"],
    ["agentId", "id"],
    ["team", "text"],
    ["channel", "text"],
    ["touchpoint", "text"],
    ["nps", "score"],
    ["agentNps", "score"],
    ["csat", "score"],
    ["agentCsat", "score"],
    ["ces", "score"],
    ["comment", "text"],
    ["weight", "number"],
  ],
  contact: [
    ["id", "id"],
    ["customerId", "id"],
    ["agentId", "id"],
    ["team", "text"],
    ["channel", "text"],
    ["queue", "text"],
    ["reason", "text"],
    ["arrived", "instant"],
    ["answered", "instant"],
    ["ended", "instant"],
    ["talk", "duration"],
    ["hold", "duration"],
    ["afterCallWork", "duration"],
    ["abandoned", "boolean"],
    ["transferred", "boolean"],
    ["resolved", "boolean"],
  ],
  ticket: [
    ["id", "id"],
    ["customerId", "id"],
    ["agentId", "id"],
    ["team", "text"],
    ["channel", "text"],
    ["created", "instant"],
    ["firstCustomerMessage", "instant"],
    ["firstResponse", "instant"],
    ["replies", "replies"],
    ["solves", "instants"],
    ["status", "status"],
    ["agentReplies", "count"],
  ],
};

/** The field each kind cannot do without. @internal */
export const REQUIRED: { readonly [K in RecordKind]: string | null } = { survey: null, contact: "arrived", ticket: "created" };

/** Fields whose missing value is `null` (the record types allow it) rather than absent. @internal */
export const NULLABLE: ReadonlySet<string> = new Set(["nps", "agentNps", "csat", "agentCsat", "ces", "comment", "answered", "ended", "talk", "hold", "afterCallWork", "resolved", "firstCustomerMessage", "firstResponse", "agentReplies"]);

/** What each type expects, for rejections. @internal */
export const TYPE_EXPECTED: { readonly [T in FieldType]: string } = {
  id: "an id (text or a number)",
  text: "text",
  instant: "a date-time: ISO 8601 with an offset, a local time with timeZone, or epoch numbers with epoch",
  instants: "date-times (see instant), one per column or a JSON array",
  replies: "an array of replies { at, automated?, agentId? } (JSON input)",
  duration: 'a duration: a number in durationUnit, "hh:mm:ss", or with its unit ("245s", "PT4M5S")',
  score: 'a whole-number answer, or a label that starts with one ("10 - Extremely likely")',
  number: "a finite number",
  count: "a whole number, 0 or more",
  boolean: "true/false, yes/no, y/n or 1/0",
  status: "a ticket status: new, open, pending, on-hold (hold), solved or closed",
  surveyKind: '"transactional" or "relationship"',
};
