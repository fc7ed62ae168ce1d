/**
 * Validation at the boundary: zod schemas for raw records, and parse helpers whose errors read like
 * every other cx-metrics error. The only part of cx-metrics that imports zod (an optional peer
 * dependency); import it as `cx-metrics/schemas`.
 *
 * @packageDocumentation
 * @module cx-metrics/schemas
 */
import * as z from "zod/mini";
import {
  CxMetricsError,
  toEpochMs,
  type Contact,
  type CxMetricsIssue,
  type IntegerRange,
  type SurveyResponse,
  type Ticket,
  type TicketReply,
} from "cx-metrics";

/**
 * A survey response after parsing: as {@link SurveyResponse}, with `respondedAt` normalised to epoch
 * milliseconds. Fields of your own that the schema does not know pass through unchanged.
 *
 * @category Schemas
 * @example
 * ```ts
 * const [response]: ParsedSurveyResponse[] = parseSurveyResponses([{ nps: 9, respondedAt: "2026-03-01T09:00:00Z" }]);
 * response.respondedAt; // => 1772355600000
 * ```
 */
export interface ParsedSurveyResponse extends Omit<SurveyResponse, "respondedAt"> {
  /** When the customer answered, in epoch milliseconds. */
  readonly respondedAt?: number;
  /** Your own fields, passed through. */
  readonly [key: string]: unknown;
}

/**
 * Options of every parse helper: the unit of numeric instants.
 *
 * @category Schemas
 * @example
 * ```ts
 * const options: ParseOptions = { epoch: "s" };
 * ```
 */
export interface ParseOptions {
  /**
   * The unit of numeric instants in the raw data: epoch milliseconds, or epoch seconds (as Unix tools
   * and many exports write them). Without `"s"`, a number from 1e9 to 1e11 is rejected as epoch
   * seconds given as milliseconds.
   * @defaultValue "ms"
   */
  readonly epoch?: "ms" | "s";
}

/**
 * Options of {@link surveyResponseSchema} and the parse helpers: the scale of each question, and the unit of numeric instants.
 *
 * @category Schemas
 * @example
 * ```ts
 * const options: SurveyResponseSchemaOptions = { csatScale: { min: 1, max: 7 }, epoch: "s" };
 * ```
 */
export interface SurveyResponseSchemaOptions extends ParseOptions {
  /**
   * Scale of the `nps` answer.
   * @defaultValue `{ min: 0, max: 10 }`
   */
  readonly npsScale?: IntegerRange;
  /**
   * Scale of the `csat` answer.
   * @defaultValue `{ min: 1, max: 5 }`
   */
  readonly csatScale?: IntegerRange;
  /**
   * Scale of the `ces` answer.
   * @defaultValue `{ min: 1, max: 7 }` (CES 2.0)
   */
  readonly cesScale?: IntegerRange;
}

const WEIGHT_EXPECTED = "a number from 1e-100 to 1e100";
const INSTANT_EXPECTED = "a valid Date, epoch milliseconds (not seconds: see the epoch option), or an ISO 8601 date-time with an offset, from 1800 to 2400";
const MIN_INSTANT = Date.UTC(1800, 0, 1);
const MAX_INSTANT = Date.UTC(2400, 0, 1);

function makeInstantSchema(epoch: "ms" | "s"): z.ZodMiniType<number, unknown> {
  return z.pipe(
    z.union([z.date(), z.number(), z.string()], { error: INSTANT_EXPECTED }),
    z.transform((value: Date | number | string, ctx) => {
      try {
        const t = toEpochMs(value, { epoch });
        if (t >= MIN_INSTANT && t < MAX_INSTANT) return t;
      } catch {
        // reported below
      }
      ctx.issues.push({ code: "custom", message: INSTANT_EXPECTED, input: value });
      return z.NEVER;
    }),
  );
}

/**
 * Schema of an instant (`Date`, epoch ms, or ISO 8601 with an offset), from 1800 to 2400 as the
 * metrics accept them, output as epoch milliseconds. Numbers from 1e9 to 1e11 are rejected as epoch
 * seconds (see `toEpochMs`); the parse helpers take `epoch: "s"` for data in seconds.
 *
 * @category Schemas
 * @example
 * ```ts
 * instantSchema.parse("1970-01-01T00:00:01Z");
 * // => 1000
 * ```
 */
export const instantSchema: z.ZodMiniType<number, unknown> = makeInstantSchema("ms");
const instantSecondsSchema: z.ZodMiniType<number, unknown> = makeInstantSchema("s");

const ID_EXPECTED = "a string or a finite number";
function id(): z.ZodMiniType<string | number | undefined, unknown> {
  return z.optional(z.union([z.string(), z.number()], { error: ID_EXPECTED }));
}

/** Checks the options of a parse helper: known keys, `epoch`, and each scale, with the library's own error. */
function readParseOptions(fn: string, options: unknown, scales: readonly string[]): { instants: z.ZodMiniType<number, unknown>; scales: Record<string, IntegerRange | undefined> } {
  if (options === undefined) return { instants: instantSchema, scales: {} };
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "options", value: options, expected: "an object of options, or undefined" });
  }
  const o = options as Record<string, unknown>;
  const known = ["epoch", ...scales];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: key, value: o[key], expected: `one of the known options: ${known.join(", ")}` });
  }
  if (o["epoch"] !== undefined && o["epoch"] !== "ms" && o["epoch"] !== "s") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "epoch", value: o["epoch"], expected: '"ms" or "s"' });
  }
  const out: Record<string, IntegerRange | undefined> = {};
  for (const key of scales) {
    const scale = o[key] as { min?: unknown; max?: unknown } | undefined;
    if (scale === undefined) continue;
    const ok =
      scale !== null &&
      typeof scale === "object" &&
      Object.keys(scale).every((k) => k === "min" || k === "max") &&
      Number.isSafeInteger(scale.min) &&
      Number.isSafeInteger(scale.max) &&
      (scale.min as number) < (scale.max as number) &&
      (scale.max as number) - (scale.min as number) < 1001;
    if (!ok) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: key, value: scale, expected: "{ min, max } with integers min < max and at most 1001 points" });
    out[key] = { min: scale.min as number, max: scale.max as number };
  }
  return { instants: o["epoch"] === "s" ? instantSecondsSchema : instantSchema, scales: out };
}

function answer(scale: IntegerRange): z.ZodMiniType<number | null | undefined, unknown> {
  const expected = `an integer from ${scale.min} to ${scale.max}, or null when not answered`;
  return z.optional(z.nullable(z.int({ error: expected }).check(z.minimum(scale.min, { error: expected }), z.maximum(scale.max, { error: expected }))));
}

function text(): z.ZodMiniType<string | undefined, unknown> {
  return z.optional(z.string({ error: "a string" }));
}

/**
 * The zod schema of one survey response, for the given scales. Unknown fields pass through.
 *
 * @category Schemas
 * @example
 * ```ts
 * const schema = surveyResponseSchema({ csatScale: { min: 1, max: 7 } });
 * schema.safeParse({ csat: 7 }).success;
 * // => true
 * ```
 */
export function surveyResponseSchema(options?: SurveyResponseSchemaOptions): z.ZodMiniType<ParsedSurveyResponse, unknown> {
  return makeSurveySchema("surveyResponseSchema", options);
}

function makeSurveySchema(fn: string, options: SurveyResponseSchemaOptions | undefined): z.ZodMiniType<ParsedSurveyResponse, unknown> {
  const { instants, scales } = readParseOptions(fn, options, ["npsScale", "csatScale", "cesScale"]);
  const schema = z.looseObject(
    {
      id: id(),
      respondedAt: z.optional(instants),
      kind: z.optional(z.enum(["transactional", "relationship"], { error: '"transactional" or "relationship"' })),
      customerId: id(),
      agentId: id(),
      team: text(),
      channel: text(),
      touchpoint: text(),
      nps: answer(scales["npsScale"] ?? { min: 0, max: 10 }),
      agentNps: answer(scales["npsScale"] ?? { min: 0, max: 10 }),
      csat: answer(scales["csatScale"] ?? { min: 1, max: 5 }),
      agentCsat: answer(scales["csatScale"] ?? { min: 1, max: 5 }),
      ces: answer(scales["cesScale"] ?? { min: 1, max: 7 }),
      comment: z.optional(z.nullable(z.string({ error: "a string or null" }))),
      weight: z.optional(z.number({ error: WEIGHT_EXPECTED }).check(z.minimum(1e-100, { error: WEIGHT_EXPECTED }), z.maximum(1e100, { error: WEIGHT_EXPECTED }))),
    },
    { error: "an object" },
  );
  return schema as unknown as z.ZodMiniType<ParsedSurveyResponse, unknown>;
}

/**
 * The outcome of {@link safeParseSurveyResponses}: the data, or the error that
 * {@link parseSurveyResponses} would have thrown.
 *
 * @category Schemas
 * @example
 * ```ts
 * const outcome: SafeParseSurveyResponsesResult = safeParseSurveyResponses([]);
 * ```
 */
export type SafeParseSurveyResponsesResult = SafeParseSuccess<ParsedSurveyResponse> | SafeParseFailure;

/**
 * A successful safe parse ({@link safeParseSurveyResponses}, {@link safeParseContacts},
 * {@link safeParseTickets}).
 *
 * @typeParam T - the parsed record.
 * @category Schemas
 * @example
 * ```ts
 * const ok: SafeParseSuccess<ParsedContact> = { success: true, data: [] };
 * ```
 */
export interface SafeParseSuccess<T = ParsedSurveyResponse> {
  /** Always `true`. */
  readonly success: true;
  /** The parsed records. */
  readonly data: T[];
}

/**
 * A failed safe parse ({@link safeParseSurveyResponses}, {@link safeParseContacts}, {@link safeParseTickets}).
 *
 * @category Schemas
 * @example
 * ```ts
 * const outcome = safeParseSurveyResponses([{ nps: 11 }]);
 * if (!outcome.success) console.log(outcome.error.issues);
 * ```
 */
export interface SafeParseFailure {
  /** Always `false`. */
  readonly success: false;
  /** The error the throwing parse would have thrown; `issues` lists every problem. */
  readonly error: CxMetricsError;
}

/**
 * Validates raw survey responses (parsed JSON, CSV rows made objects, ...) without throwing.
 *
 * @category Schemas
 * @example
 * ```ts
 * const outcome = safeParseSurveyResponses([{ nps: 11 }]);
 * if (!outcome.success) outcome.error.message;
 * // => 'parseSurveyResponses: nps at index 0 is 11; expected an integer from 0 to 10, or null when not answered'
 * ```
 */
export function safeParseSurveyResponses(raw: unknown, options?: SurveyResponseSchemaOptions): SafeParseSurveyResponsesResult {
  return safeParseArray("parseSurveyResponses", "survey responses", makeSurveySchema("parseSurveyResponses", options), raw);
}

/** Validates an array of records with `schema`, turning zod's issues into one {@link CxMetricsError}. */
function safeParseArray<T>(fn: string, what: string, schema: z.ZodMiniType<T, unknown>, raw: unknown): SafeParseSuccess<T> | SafeParseFailure {
  if (!Array.isArray(raw)) {
    return { success: false, error: new CxMetricsError({ code: "INVALID_INPUT", fn, field: "input", value: raw, expected: `an array of ${what}` }) };
  }
  const result = z.array(schema).safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const issues: CxMetricsIssue[] = result.error.issues.map((issue) => {
    const [index, ...path] = issue.path;
    const field = path.length > 0 ? path.map((key, i) => (typeof key === "number" ? `[${key}]` : i > 0 ? `.${String(key)}` : String(key))).join("") : "record";
    let value: unknown = typeof index === "number" ? raw[index] : raw;
    for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    return { index: typeof index === "number" ? index : null, field, value, expected: issue.message };
  });
  const first = issues[0] as CxMetricsIssue;
  return {
    success: false,
    error: new CxMetricsError({
      code: "INVALID_RECORD",
      fn,
      field: first.field,
      index: first.index ?? undefined,
      value: first.value,
      expected: first.expected,
      issues,
    }),
  };
}

/**
 * Validates raw survey responses and returns them typed, with `respondedAt` as epoch milliseconds.
 * Run it once at the boundary; the metrics then fold the clean records with no schema work per record.
 *
 * @throws {@link cx-metrics!CxMetricsError} `INVALID_RECORD` naming the first bad record and field; `issues` lists
 * every problem. `INVALID_INPUT` when `raw` is not an array.
 * @category Schemas
 * @example
 * ```ts
 * const responses = parseSurveyResponses(JSON.parse(body));
 * nps(responses, { value: "nps" }).score?.value;
 * ```
 */
export function parseSurveyResponses(raw: unknown, options?: SurveyResponseSchemaOptions): ParsedSurveyResponse[] {
  const outcome = safeParseSurveyResponses(raw, options);
  if (!outcome.success) throw outcome.error;
  return outcome.data;
}

const DURATION_EXPECTED = "a duration in milliseconds from 0 to 100 years, or null";
const MAX_DURATION_MS = 100 * 365.25 * 86_400_000;

function duration(): z.ZodMiniType<number | null | undefined, unknown> {
  return z.optional(z.nullable(z.number({ error: DURATION_EXPECTED }).check(z.minimum(0, { error: DURATION_EXPECTED }), z.maximum(MAX_DURATION_MS, { error: DURATION_EXPECTED }))));
}

function flag(expected: string): z.ZodMiniType<boolean | undefined, unknown> {
  return z.optional(z.boolean({ error: expected }));
}

/**
 * A contact after parsing: as {@link cx-metrics!Contact}, with its instants as epoch milliseconds.
 * Fields of your own pass through unchanged.
 *
 * @category Schemas
 * @example
 * ```ts
 * const [contact]: ParsedContact[] = parseContacts([{ arrived: "2026-03-02T09:00:00Z" }]);
 * contact.arrived; // => 1772442000000
 * ```
 */
export interface ParsedContact extends Omit<Contact, "arrived" | "answered" | "ended"> {
  /** When it entered the queue, epoch ms. */
  readonly arrived?: number;
  /** When an agent answered, epoch ms; `null` when nobody did. */
  readonly answered?: number | null;
  /** When it ended, epoch ms. */
  readonly ended?: number | null;
  /** Your own fields, passed through. */
  readonly [key: string]: unknown;
}

/**
 * The zod schema of one contact. Instants become epoch ms; an answer or end before arrival is an
 * issue on that field. Unknown fields pass through.
 *
 * @category Schemas
 * @example
 * ```ts
 * contactSchema.safeParse({ arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T08:59:00Z" }).success;
 * // => false
 * ```
 */
export const contactSchema: z.ZodMiniType<ParsedContact, unknown> = makeContactSchema(instantSchema);

/** The fields contacts and tickets share: ids (strings or numbers, as Zendesk's are) and segments. */
function commonFields(): { id: ReturnType<typeof id>; customerId: ReturnType<typeof id>; agentId: ReturnType<typeof id>; team: ReturnType<typeof text>; channel: ReturnType<typeof text> } {
  return { id: id(), customerId: id(), agentId: id(), team: text(), channel: text() };
}

function makeContactSchema(instant: z.ZodMiniType<number, unknown>): z.ZodMiniType<ParsedContact, unknown> {
  return z
    .looseObject(
      {
        ...commonFields(),
        queue: text(),
        reason: text(),
        arrived: z.optional(instant),
        answered: z.optional(z.nullable(instant)),
        ended: z.optional(z.nullable(instant)),
        talk: duration(),
        hold: duration(),
        afterCallWork: duration(),
        abandoned: flag("true or false"),
        transferred: flag("true or false"),
        resolved: z.optional(z.nullable(z.boolean({ error: "true, false or null" }))),
      },
      { error: "an object" },
    )
    .check(z.superRefine((contact, ctx) => {
      if (contact.answered != null && contact.abandoned === true) {
        ctx.addIssue({ code: "custom", path: ["abandoned"], message: "false or absent for an answered contact", input: true });
      }
      const arrived = contact.arrived;
      if (arrived === undefined) return;
      for (const field of ["answered", "ended"] as const) {
        const t = contact[field];
        if (t != null && t < arrived) ctx.addIssue({ code: "custom", path: [field], message: "an instant at or after arrived", input: t });
      }
    })) as unknown as z.ZodMiniType<ParsedContact, unknown>;
}

/**
 * A ticket reply after parsing: as {@link cx-metrics!TicketReply}, `at` in epoch milliseconds.
 *
 * @category Schemas
 * @example
 * ```ts
 * const reply: ParsedTicketReply = { at: 1772442000000, automated: true };
 * ```
 */
export interface ParsedTicketReply extends Omit<TicketReply, "at"> {
  /** When the reply was sent, epoch ms. */
  readonly at: number;
}

/**
 * A ticket after parsing: as {@link cx-metrics!Ticket}, with its instants as epoch milliseconds.
 * Fields of your own pass through unchanged.
 *
 * @category Schemas
 * @example
 * ```ts
 * const [ticket]: ParsedTicket[] = parseTickets([{ created: "2026-03-02T09:00:00Z" }]);
 * ticket.created; // => 1772442000000
 * ```
 */
export interface ParsedTicket extends Omit<Ticket, "created" | "firstCustomerMessage" | "firstResponse" | "replies" | "solves"> {
  /** When the ticket was created, epoch ms. */
  readonly created: number;
  /** When the customer first wrote, epoch ms. */
  readonly firstCustomerMessage?: number | null;
  /** The first reply, epoch ms. */
  readonly firstResponse?: number | null;
  /** Every reply. */
  readonly replies?: readonly ParsedTicketReply[];
  /** Every solve, epoch ms. */
  readonly solves?: readonly number[];
  /** Your own fields, passed through. */
  readonly [key: string]: unknown;
}

const STATUS_EXPECTED = '"new", "open", "pending", "on-hold", "solved" or "closed"';

/**
 * The zod schema of one ticket. Instants become epoch ms; a reply, solve or first response before
 * creation is an issue on that field, and so is a solved or closed ticket without a solve. Unknown
 * fields pass through.
 *
 * @category Schemas
 * @example
 * ```ts
 * ticketSchema.safeParse({ created: 0, replies: [{ at: -1 }] }).success;
 * // => false
 * ```
 */
export const ticketSchema: z.ZodMiniType<ParsedTicket, unknown> = makeTicketSchema(instantSchema);

function makeTicketSchema(instant: z.ZodMiniType<number, unknown>): z.ZodMiniType<ParsedTicket, unknown> {
  return z
    .looseObject(
      {
        ...commonFields(),
        created: instant,
        firstCustomerMessage: z.optional(z.nullable(instant)),
        firstResponse: z.optional(z.nullable(instant)),
        replies: z.optional(z.array(z.looseObject({ at: instant, automated: flag("true, false or absent"), agentId: id() }, { error: "a reply { at, automated?, agentId? }" }), { error: "an array of replies" })),
        agentReplies: z.optional(z.nullable(z.int({ error: "a whole number of replies, 0 or more" }).check(z.minimum(0, { error: "a whole number of replies, 0 or more" })))),
        solves: z.optional(z.array(instant, { error: "an array of instants" })),
        status: z.optional(z.enum(["new", "open", "pending", "on-hold", "solved", "closed"], { error: STATUS_EXPECTED })),
      },
      { error: "an object" },
    )
    .check(z.superRefine((ticket, ctx) => {
      const created = ticket.created;
      const before = (t: number | null | undefined, path: (string | number)[]): void => {
        if (t != null && t < created) ctx.addIssue({ code: "custom", path, message: "an instant at or after the ticket's creation", input: t });
      };
      before(ticket.firstCustomerMessage, ["firstCustomerMessage"]);
      before(ticket.firstResponse, ["firstResponse"]);
      ticket.replies?.forEach((reply, i) => before(reply.at, ["replies", i, "at"]));
      ticket.solves?.forEach((t, i) => before(t, ["solves", i]));
      if ((ticket.status === "solved" || ticket.status === "closed") && (ticket.solves === undefined || ticket.solves.length === 0)) {
        ctx.addIssue({ code: "custom", path: ["solves"], message: "at least one solve for a solved or closed ticket", input: ticket.solves });
      }
    })) as unknown as z.ZodMiniType<ParsedTicket, unknown>;
}

/**
 * Validates raw contacts without throwing.
 *
 * @category Schemas
 * @example
 * ```ts
 * const outcome = safeParseContacts([{ arrived: "2026-03-02T09:00:00Z", talk: -1 }]);
 * if (!outcome.success) outcome.error.message;
 * // => 'parseContacts: talk at index 0 is -1; expected a duration in milliseconds from 0 to 100 years, or null'
 * ```
 */
export function safeParseContacts(raw: unknown, options?: ParseOptions): SafeParseSuccess<ParsedContact> | SafeParseFailure {
  const { instants } = readParseOptions("parseContacts", options, []);
  return safeParseArray("parseContacts", "contacts", instants === instantSchema ? contactSchema : makeContactSchema(instants), raw);
}

/**
 * Validates raw contacts and returns them typed, instants as epoch ms, ready for the metrics.
 *
 * @throws {@link cx-metrics!CxMetricsError} `INVALID_RECORD` naming the first bad record and field;
 * `issues` lists every problem. `INVALID_INPUT` when `raw` is not an array.
 * @category Schemas
 * @example
 * ```ts
 * const contacts = parseContacts(JSON.parse(body));
 * queue(contacts).serviceLevel?.value;
 * const fromSeconds = parseContacts([{ arrived: 1772442000 }], { epoch: "s" });
 * ```
 */
export function parseContacts(raw: unknown, options?: ParseOptions): ParsedContact[] {
  const outcome = safeParseContacts(raw, options);
  if (!outcome.success) throw outcome.error;
  return outcome.data;
}

/**
 * Validates raw tickets without throwing.
 *
 * @category Schemas
 * @example
 * ```ts
 * const outcome = safeParseTickets([{ created: "2026-03-02T09:00:00Z", status: "done" }]);
 * outcome.success;
 * // => false
 * ```
 */
export function safeParseTickets(raw: unknown, options?: ParseOptions): SafeParseSuccess<ParsedTicket> | SafeParseFailure {
  const { instants } = readParseOptions("parseTickets", options, []);
  return safeParseArray("parseTickets", "tickets", instants === instantSchema ? ticketSchema : makeTicketSchema(instants), raw);
}

/**
 * Validates raw tickets and returns them typed, instants as epoch ms, ready for the metrics.
 *
 * @throws {@link cx-metrics!CxMetricsError} `INVALID_RECORD` naming the first bad record and field;
 * `issues` lists every problem. `INVALID_INPUT` when `raw` is not an array.
 * @category Schemas
 * @example
 * ```ts
 * const tickets = parseTickets(JSON.parse(body));
 * frt(tickets, { target: "1h" }).withinTarget?.value;
 * ```
 */
export function parseTickets(raw: unknown, options?: ParseOptions): ParsedTicket[] {
  const outcome = safeParseTickets(raw, options);
  if (!outcome.success) throw outcome.error;
  return outcome.data;
}
