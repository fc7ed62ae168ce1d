/**
 * Validation at the boundary: zod schemas for raw records, and parse helpers whose errors read like
 * every other cx-metrics error. The only part of cx-metrics that imports zod (an optional peer
 * dependency); import it as `cx-metrics/schemas`.
 *
 * @packageDocumentation
 * @module cx-metrics/schemas
 */
import * as z from "zod";
import { CxMetricsError, toEpochMs, type CxMetricsIssue, type IntegerRange, type SurveyResponse } from "cx-metrics";

/**
 * A survey response after parsing: as {@link SurveyResponse}, with `respondedAt` normalised to epoch
 * milliseconds. Fields of your own that the schema does not know pass through unchanged.
 *
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

/** Options of {@link surveyResponseSchema} and the parse helpers: the scale of each question. */
export interface SurveyResponseSchemaOptions {
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
const INSTANT_EXPECTED = "a valid Date, finite epoch milliseconds, or an ISO 8601 date-time with an offset";

/**
 * Schema of an instant (`Date`, epoch ms, or ISO 8601 with an offset), output as epoch milliseconds.
 *
 * @example
 * ```ts
 * instantSchema.parse("1970-01-01T00:00:01Z");
 * // => 1000
 * ```
 */
export const instantSchema: z.ZodType<number, unknown> = z
  .union([z.date(), z.number(), z.string()], { error: INSTANT_EXPECTED })
  .transform((value, ctx) => {
    try {
      return toEpochMs(value);
    } catch {
      ctx.addIssue({ code: "custom", message: INSTANT_EXPECTED, input: value });
      return z.NEVER;
    }
  });

function answer(scale: IntegerRange): z.ZodType<number | null | undefined, unknown> {
  const expected = `an integer from ${scale.min} to ${scale.max}, or null when not answered`;
  return z
    .number({ error: expected })
    .int({ error: expected })
    .min(scale.min, { error: expected })
    .max(scale.max, { error: expected })
    .nullable()
    .optional();
}

function text(): z.ZodType<string | undefined, unknown> {
  return z.string({ error: "a string" }).optional();
}

/**
 * The zod schema of one survey response, for the given scales. Unknown fields pass through.
 *
 * @example
 * ```ts
 * const schema = surveyResponseSchema({ csatScale: { min: 1, max: 7 } });
 * schema.safeParse({ csat: 7 }).success;
 * // => true
 * ```
 */
export function surveyResponseSchema(options: SurveyResponseSchemaOptions = {}): z.ZodType<ParsedSurveyResponse, unknown> {
  const schema = z.looseObject(
    {
      id: text(),
      respondedAt: instantSchema.optional(),
      kind: z.enum(["transactional", "relationship"], { error: '"transactional" or "relationship"' }).optional(),
      customerId: text(),
      agentId: text(),
      team: text(),
      channel: text(),
      touchpoint: text(),
      nps: answer(options.npsScale ?? { min: 0, max: 10 }),
      csat: answer(options.csatScale ?? { min: 1, max: 5 }),
      ces: answer(options.cesScale ?? { min: 1, max: 7 }),
      comment: z.string({ error: "a string or null" }).nullable().optional(),
      weight: z.number({ error: WEIGHT_EXPECTED }).min(1e-100, { error: WEIGHT_EXPECTED }).max(1e100, { error: WEIGHT_EXPECTED }).optional(),
    },
    { error: "an object" },
  );
  return schema as unknown as z.ZodType<ParsedSurveyResponse, unknown>;
}

/**
 * The outcome of {@link safeParseSurveyResponses}: the data, or the error that
 * {@link parseSurveyResponses} would have thrown.
 *
 * @example
 * ```ts
 * const outcome: SafeParseSurveyResponsesResult = safeParseSurveyResponses([]);
 * ```
 */
export type SafeParseSurveyResponsesResult = SafeParseSuccess | SafeParseFailure;

/**
 * A successful {@link safeParseSurveyResponses}.
 *
 * @example
 * ```ts
 * const ok: SafeParseSuccess = { success: true, data: [] };
 * ```
 */
export interface SafeParseSuccess {
  /** Always `true`. */
  readonly success: true;
  /** The parsed records. */
  readonly data: ParsedSurveyResponse[];
}

/**
 * A failed {@link safeParseSurveyResponses}.
 *
 * @example
 * ```ts
 * const outcome = safeParseSurveyResponses([{ nps: 11 }]);
 * if (!outcome.success) console.log(outcome.error.issues);
 * ```
 */
export interface SafeParseFailure {
  /** Always `false`. */
  readonly success: false;
  /** The error {@link parseSurveyResponses} would have thrown; `issues` lists every problem. */
  readonly error: CxMetricsError;
}

/**
 * Validates raw survey responses (parsed JSON, CSV rows made objects, ...) without throwing.
 *
 * @example
 * ```ts
 * const outcome = safeParseSurveyResponses([{ nps: 11 }]);
 * if (!outcome.success) outcome.error.message;
 * // => 'parseSurveyResponses: nps at index 0 is 11; expected an integer from 0 to 10, or null when not answered'
 * ```
 */
export function safeParseSurveyResponses(raw: unknown, options: SurveyResponseSchemaOptions = {}): SafeParseSurveyResponsesResult {
  const fn = "parseSurveyResponses";
  if (!Array.isArray(raw)) {
    return { success: false, error: new CxMetricsError({ code: "INVALID_INPUT", fn, field: "input", value: raw, expected: "an array of survey responses" }) };
  }
  const result = z.array(surveyResponseSchema(options)).safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const issues: CxMetricsIssue[] = result.error.issues.map((issue) => {
    const [index, ...path] = issue.path;
    const field = path.length > 0 ? path.map(String).join(".") : "record";
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
 * @example
 * ```ts
 * const responses = parseSurveyResponses(JSON.parse(body));
 * nps(responses, { value: (r) => r.nps }).score;
 * ```
 */
export function parseSurveyResponses(raw: unknown, options: SurveyResponseSchemaOptions = {}): ParsedSurveyResponse[] {
  const outcome = safeParseSurveyResponses(raw, options);
  if (!outcome.success) throw outcome.error;
  return outcome.data;
}
