/**
 * What went wrong, as a stable machine-readable code.
 *
 * - `INVALID_VALUE`: an observation (a score, a rating) is not a valid answer.
 * - `INVALID_WEIGHT`: a weight is not a number from 1e-100 to 1e100.
 * - `INVALID_OPTION`: an option is out of its range or of the wrong type.
 * - `INVALID_INPUT`: the input as a whole is unusable (not iterable, say).
 * - `INVALID_RECORD`: a raw record failed schema validation (`cx-metrics/schemas`).
 * - `INCOMPATIBLE_STATE`: two fold states of different shapes were merged.
 * @category Core
 * @example
 * ```ts
 * const code: CxMetricsErrorCode = "INCOMPATIBLE_STATE";
 * ```
 */
export type CxMetricsErrorCode =
  | "INVALID_VALUE"
  | "INVALID_WEIGHT"
  | "INVALID_OPTION"
  | "INVALID_INPUT"
  | "INVALID_RECORD"
  | "INCOMPATIBLE_STATE";

/**
 * The parts a {@link CxMetricsError} is built from; the message is made from them.
 *
 * @category Core
 * @example
 * ```ts
 * const details: CxMetricsErrorDetails = { code: "INVALID_VALUE", fn: "nps", field: "score", index: 12, value: 11, expected: "an integer from 0 to 10" };
 * ```
 */
export interface CxMetricsErrorDetails {
  /** Stable code for programs to branch on. */
  readonly code: CxMetricsErrorCode;
  /** The public function or metric that found the problem, e.g. `"nps"`. */
  readonly fn: string;
  /** The field or option at fault, e.g. `"score"`, `"weight"`, `"level"`. */
  readonly field: string;
  /** What was expected, phrased to follow "expected", e.g. `"an integer from 0 to 10"`. */
  readonly expected: string;
  /** The zero-based index of the record at fault, when a record is at fault. */
  readonly index?: number | undefined;
  /** The offending value, as received. */
  readonly value?: unknown;
  /** Every problem found, when a validation found several (the first is the one the message names). */
  readonly issues?: readonly CxMetricsIssue[];
}

/**
 * One problem found while validating many records at once (`cx-metrics/schemas`).
 *
 * @category Core
 * @example
 * ```ts
 * const issue: CxMetricsIssue = { index: 3, field: "nps", value: 11, expected: "an integer from 0 to 10" };
 * ```
 */
export interface CxMetricsIssue {
  /** Index of the record, or `null` when the input as a whole is at fault. */
  readonly index: number | null;
  /** The field at fault, dotted for nested fields. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What was expected. */
  readonly expected: string;
}

/**
 * The one error type cx-metrics throws, for bad data and bad options alike.
 *
 * The message follows one template (see CONTRIBUTING.md):
 * `fn: field at index i is value; expected what`, for example
 * `nps: score at index 12 is 11; expected an integer from 0 to 10`.
 * Options read `nps: option "level" is 0.95; expected a number from 50 to 100 (exclusive), e.g. 95`.
 *
 * @category Core
 * @example
 * ```ts
 * try {
 *   nps([10, 11]);
 * } catch (error) {
 *   if (error instanceof CxMetricsError) console.log(error.code, error.index, error.field);
 *   // => INVALID_VALUE 1 score
 * }
 * ```
 */
export class CxMetricsError extends Error {
  /** Stable code for programs to branch on. */
  readonly code: CxMetricsErrorCode;
  /** The public function or metric that found the problem. */
  readonly fn: string;
  /** The zero-based index of the record at fault, or `null` when no single record is at fault. */
  readonly index: number | null;
  /** The field or option at fault. */
  readonly field: string;
  /** The offending value, as received. */
  readonly value: unknown;
  /** What was expected. */
  readonly expected: string;
  /** Every problem found; a single entry for errors about one value. */
  readonly issues: readonly CxMetricsIssue[];

  /** Builds the error and its message from its parts. */
  constructor(details: CxMetricsErrorDetails) {
    super(formatErrorMessage(details));
    this.name = "CxMetricsError";
    this.code = details.code;
    this.fn = details.fn;
    this.index = details.index ?? null;
    this.field = details.field;
    this.value = details.value;
    this.expected = details.expected;
    this.issues = details.issues ?? [{ index: this.index, field: this.field, value: this.value, expected: this.expected }];
  }
}

function formatErrorMessage(details: CxMetricsErrorDetails): string {
  const subject = details.code === "INVALID_OPTION" ? `option "${details.field}"` : details.field;
  const where = details.index === undefined ? "" : ` at index ${details.index}`;
  const more = details.issues !== undefined && details.issues.length > 1 ? ` (and ${details.issues.length - 1} more: see error.issues)` : "";
  return `${details.fn}: ${subject}${where} is ${describeValue(details.value)}; expected ${details.expected}${more}`;
}

/**
 * A short, readable rendering of any value for an error message.
 *
 * @category Core
 * @example
 * ```ts
 * describeValue(Number.NaN);
 * // => "NaN"
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : `Date ${value.toISOString()}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  return "an object";
}
