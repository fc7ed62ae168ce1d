import { CxMetricsError } from "../core/errors.ts";
import type { Accessor } from "../core/metric.ts";
import { checkOptions } from "../core/options.ts";

/**
 * A customer's free-text "why", with the record it came from and that record's index.
 *
 * @category Analysis
 * @example
 * ```ts
 * const c: SurveyComment<{ why: string }> = { index: 0, comment: "Fast and kind", record: { why: "Fast and kind" } };
 * ```
 */
export interface SurveyComment<T> {
  /** Index of the record in the input. */
  readonly index: number;
  /** The comment, trimmed. */
  readonly comment: string;
  /** The record itself, so the score, agent and date travel with the comment. */
  readonly record: T;
}

/**
 * Options of {@link surveyComments}.
 *
 * @category Analysis
 * @example
 * ```ts
 * const options: SurveyCommentsOptions<{ why: string; nps: number }> = { comment: (r) => r.why, where: (r) => r.nps <= 6, limit: 20 };
 * ```
 */
export interface SurveyCommentsOptions<T> {
  /** Reads the comment from a record; `null`, `undefined` or blank means no comment. */
  readonly comment: Accessor<T, string | null | undefined>;
  /** Keeps only records for which this returns true, e.g. detractors. Without it, all records. */
  readonly where?: Accessor<T, boolean>;
  /**
   * At most this many comments, in input order.
   * @defaultValue Infinity
   */
  readonly limit?: number;
}

/**
 * The comments of a segment, e.g. what detractors wrote, to show beside the number.
 *
 * Records without a comment (absent, `null`, blank) are passed over; the rest come back in input order,
 * trimmed, with their record and index.
 *
 * @throws {@link CxMetricsError} `INVALID_VALUE` when a comment is neither a string nor missing;
 * `INVALID_OPTION` for bad options.
 * @category Analysis
 * @example
 * ```ts
 * const responses = [
 *   { score: 2, why: "Waited 40 minutes" },
 *   { score: 10, why: "Solved at once" },
 *   { score: 5, why: "  " },
 * ];
 * surveyComments(responses, { comment: (r) => r.why, where: (r) => npsCategory(r.score) === "detractor" })
 *   .map((c) => c.comment);
 * // => ["Waited 40 minutes"]
 * ```
 */
export function surveyComments<T>(records: Iterable<T>, options: SurveyCommentsOptions<T>): SurveyComment<T>[] {
  const fn = "surveyComments";
  if (options === undefined) throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "comment", value: undefined, expected: "a function from record to comment" });
  const o = checkOptions(fn, options, ["comment", "where", "limit"]);
  const comment = o["comment"] as SurveyCommentsOptions<T>["comment"];
  const where = o["where"] as SurveyCommentsOptions<T>["where"];
  const limit = (o["limit"] ?? Infinity) as number;
  if (typeof comment !== "function") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "comment", value: comment, expected: "a function from record to comment" });
  }
  if (where !== undefined && typeof where !== "function") {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "where", value: where, expected: "a function from record to boolean" });
  }
  if (typeof limit !== "number" || !(limit >= 0)) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "limit", value: limit, expected: "a number >= 0" });
  }
  if (records === null || typeof records !== "object" || typeof (records as Iterable<T>)[Symbol.iterator] !== "function") {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "records", value: records, expected: "an array or another iterable of records" });
  }
  const out: SurveyComment<T>[] = [];
  let index = 0;
  for (const record of records) {
    if (out.length >= limit) break;
    const i = index++;
    if (where !== undefined) {
      const keep = where(record, i);
      if (keep === false) continue;
      if (keep !== true) throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "where", index: i, value: keep, expected: "true or false from the where function" });
    }
    const text = comment(record, i);
    if (text === null || text === undefined) continue;
    if (typeof text !== "string") {
      throw new CxMetricsError({ code: "INVALID_VALUE", fn, field: "comment", index: i, value: text, expected: "a string, null or undefined" });
    }
    const trimmed = text.trim();
    if (trimmed.length > 0) out.push({ index: i, comment: trimmed, record });
  }
  return out;
}
