import { CxMetricsError } from "./errors.ts";

/**
 * What every state of a cx-metrics metric carries: the definition it was folded under, e.g.
 * `"queue(target=20000,shortAbandon=0)"`. Two states merge only when their definitions are equal, so
 * a state folded with other cut-offs, another calendar or another metric is refused, not mixed in.
 *
 * @category Core
 * @example
 * ```ts
 * queueMetric({ target: 30_000 }).init().definition;
 * // => "queue(target=30000,shortAbandon=0)"
 * ```
 */
export interface StateDefinition {
  /** The metric and the options that shape its state. */
  readonly definition: string;
}

/**
 * Throws `INCOMPATIBLE_STATE` unless `state` is an object folded under `definition`. Cheap: one
 * property read and a string comparison (the same string object when the state came from `init`).
 * @category Core
 */
export function checkDefinition(fn: string, field: string, definition: string, state: unknown): void {
  if (state === null || typeof state !== "object" || (state as { definition?: unknown }).definition !== definition) {
    throw incompatible(fn, field, state, definition);
  }
}

/**
 * The error for a state that is not one of this metric's, or whose parts are not what they must be.
 *
 * @category Core
 */
export function incompatible(fn: string, field: string, value: unknown, definition: string, detail?: string): CxMetricsError {
  const what = describeDefinition(value);
  return new CxMetricsError({
    code: "INCOMPATIBLE_STATE",
    fn,
    field,
    value: what === null ? value : `a state of ${what}`,
    expected: `a state made by this metric's init(), folded under ${definition}${detail === undefined ? "" : ` (${detail})`}`,
  });
}

function describeDefinition(value: unknown): string | null {
  if (value === null || typeof value !== "object") return null;
  const d = (value as { definition?: unknown }).definition;
  return typeof d === "string" ? d.slice(0, 120) : null;
}

/**
 * Throws `INCOMPATIBLE_STATE` naming `part` unless `ok`: for the structural checks of `merge` and `result`.
 *
 * @category Core
 */
export function checkPart(ok: boolean, fn: string, definition: string, state: unknown, part: string): void {
  if (!ok) throw incompatible(fn, "state", state, definition, `its ${part} is not what init() makes: a state that went through JSON is not a state`);
}

/**
 * A canonical rendering of a definition's parameters: `name(a=1,b=x)`, interned (see {@link intern}).
 *
 * @category Core
 */
export function definitionOf(name: string, params: Readonly<Record<string, string | number | boolean>>): string {
  const parts = Object.keys(params).map((k) => `${k}=${String(params[k])}`);
  return intern(`${name}(${parts.join(",")})`);
}

/**
 * The engine's interned copy of `s`: property keys are interned, so equal definitions are one string
 * object and `add`'s check `state.definition !== this.definition` compiles to a pointer comparison.
 * Measured: a built (non-interned) definition made that check cost nps 40% of its speed.
 * @category Core
 */
export function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0] as string;
}

/**
 * Whether `value` is a non-negative safe integer count.
 *
 * @category Core
 */
export function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Whether `value` is a finite number.
 *
 * @category Core
 */
export function isFiniteNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
