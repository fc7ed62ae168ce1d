import { CxMetricsError } from "../core/errors.ts";
import type { Estimate } from "../core/estimate.ts";
import { checkOptions } from "../core/options.ts";
import { formatCount, formatEstimate, formatNumber, type EstimateUnit } from "./format.ts";
import { escapeHtml, htmlTable, textTable, type Cell } from "./table.ts";

/**
 * The symbol notebooks look for to show a value richly: `Symbol.for("Jupyter.display")`, which is
 * `Deno.jupyter.$display` in Deno's Jupyter kernel.
 *
 * @category Format
 * @example
 * ```ts
 * typeof display({ total: 3 })[jupyterDisplay]; // => "function"
 * ```
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/**
 * A result ready to show: as aligned text, as an HTML table, and as a notebook MIME bundle.
 *
 * @category Format
 * @example
 * ```ts
 * const shown: Displayable = display(nps([10, 9, 3]));
 * shown.text.split("\n")[0]; // => "field  value"
 * ```
 */
export interface Displayable {
  /** Aligned plain text, for terminals and logs. */
  readonly text: string;
  /** An HTML fragment (a `<table>`, with a `<caption>` when `title` is given). */
  readonly html: string;
  /** The MIME bundle a Jupyter kernel (Deno's among them) renders. */
  [jupyterDisplay](): MimeBundle;
  /** The text. */
  toString(): string;
}

/**
 * What a notebook renders: the same table as text and as HTML.
 *
 * @category Format
 * @example
 * ```ts
 * const bundle: MimeBundle = display({ total: 3 })[jupyterDisplay]();
 * ```
 */
export interface MimeBundle {
  /** The aligned text. */
  readonly "text/plain": string;
  /** The HTML table. */
  readonly "text/html": string;
}

/**
 * Options of {@link display}.
 *
 * @category Format
 * @example
 * ```ts
 * const options: DisplayOptions = { title: "NPS by team", units: { score: "score" } };
 * ```
 */
export interface DisplayOptions {
  /** A title: the HTML table's caption and the text's first line. */
  readonly title?: string;
  /**
   * A BCP 47 locale for numbers.
   * @defaultValue "en-US"
   */
  readonly locale?: string;
  /** How fields print, by field name; overrides the guesses described at {@link display}. */
  readonly units?: Readonly<Record<string, EstimateUnit>>;
}

const DISPLAY_KEYS: readonly string[] = ["title", "locale", "units"];
const MAX_ROWS = 500;

// Field names whose estimates and numbers are shares in percent, or durations in ms.
const PERCENT_FIELDS = new Set(["serviceLevel", "abandonmentRate", "rate", "withinTarget", "easyShare", "difficultShare", "promoterShare", "passiveShare", "detractorShare", "share", "agentDrivenShare", "companyDrivenShare", "bothShare"]);
const DURATION_FIELDS = new Set(["aht", "asa", "averageAbandonTime", "handleTime", "median", "p50", "p90", "p95", "p99", "min", "max", "totalMs"]);

function isEstimate(v: unknown): v is Estimate {
  return typeof v === "object" && v !== null && typeof (v as Estimate).value === "number" && typeof (v as Estimate).interval === "object" && (v as Estimate).interval !== null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

interface Context {
  readonly locale: string;
  readonly units: Readonly<Record<string, EstimateUnit>>;
  /** The object holding the field: durations and CSAT are told apart by their siblings. */
  readonly parent: Record<string, unknown> | null;
}

function unitOf(field: string, ctx: Context): EstimateUnit {
  const given = ctx.units[field];
  if (given !== undefined) return given;
  const parent = ctx.parent;
  if (PERCENT_FIELDS.has(field)) return "percent";
  // CSAT's score is a share; NPS's is points. A CSAT result is the one with `satisfiedMin`.
  if (field === "score" && parent !== null && "satisfiedMin" in parent) return "percent";
  if (DURATION_FIELDS.has(field)) return "duration";
  // `mean` of duration statistics (they have percentiles) is a duration.
  if (field === "mean" && parent !== null && "p90" in parent && "median" in parent) return "duration";
  return "score";
}

function cell(field: string, v: unknown, ctx: Context): Cell {
  if (v === null || v === undefined) return { text: "-", numeric: true };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { text: String(v), numeric: true };
    const unit = unitOf(field, ctx);
    if (unit === "score" && Number.isInteger(v) && !(field === "score" || field === "value")) return { text: formatCount(v, { locale: ctx.locale }), numeric: true };
    return { text: formatEstimate({ value: v, standardError: 0, n: 0, interval: { lower: v, upper: v, center: v, level: 95, method: "" } }, { unit, interval: "none", locale: ctx.locale }), numeric: true };
  }
  if (isEstimate(v)) return { text: formatEstimate(v, { unit: unitOf(field, ctx), locale: ctx.locale }), numeric: true };
  if (typeof v === "string") return { text: v, numeric: false };
  if (typeof v === "boolean") return { text: v ? "yes" : "no", numeric: false };
  if (Array.isArray(v)) return { text: `${formatCount(v.length)} items`, numeric: false };
  if (v instanceof Map) return { text: `${formatCount(v.size)} groups`, numeric: false };
  if (isPlainObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => typeof x === "number" || typeof x === "string" || typeof x === "boolean" || x === null);
    if (entries.length > 0 && entries.length <= 6 && entries.length === Object.keys(v).length) {
      return { text: entries.map(([k, x]) => `${k} ${cell(k, x, { ...ctx, parent: v }).text}`).join(", "), numeric: false };
    }
    return { text: `{${Object.keys(v).length} fields}`, numeric: false };
  }
  return { text: typeof v === "bigint" ? formatNumber(Number(v), { digits: 0 }) : String(v), numeric: false };
}

/** The fields of a result that a table shows: everything but states and functions. */
function fieldsOf(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((k) => k !== "state" && typeof record[k] !== "function");
}

function keyText(k: unknown): string {
  if (typeof k === "string") return k;
  if (typeof k === "number" || typeof k === "boolean" || typeof k === "bigint") return String(k);
  if (k === null || k === undefined) return String(k);
  try {
    return JSON.stringify(k) ?? String(k);
  } catch {
    return String(k);
  }
}

/**
 * Shows a result as a table in a notebook, a terminal or a page: any metric result, a `groupBy`
 * map, a series' periods or an array of rows, with numbers formatted for people.
 *
 * - A `Map` (as from `groupBy`) or an array of `[key, result]` pairs: one row per group, one column
 *   per field of the first result.
 * - An array of objects (a series' `periods`, a ranking's `groups`): one row per object.
 * - Any other object (one result): a `field | value` table, nested small objects on one line.
 *
 * Formatting: estimates as `value (95% CI lower to upper)`; percent for share and rate fields (and
 * CSAT's `score`), durations for AHT, ASA, percentiles and the `mean` of duration statistics, one
 * decimal for other scores, thousands separators for counts. `units` overrides by field name.
 * States are left out. At most 500 rows are shown (the text says how many were left out).
 *
 * In Deno's Jupyter kernel, the returned object renders as the HTML table when it is a cell's last
 * value (`Symbol.for("Jupyter.display")`); elsewhere use `.html` or `.text`.
 *
 * @throws {@link CxMetricsError} `INVALID_INPUT` for a value that is not an object, a `Map` or an
 * array; `INVALID_OPTION` for bad options.
 * @category Format
 * @example
 * ```ts
 * const shown = display(groupBy(npsMetric({ value: "nps" }), [{ team: "A", nps: 10 }, { team: "B", nps: 3 }], "team"));
 * shown.html.startsWith("<table"); // => true
 * ```
 */
export function display(value: unknown, options?: DisplayOptions): Displayable {
  const fn = "display";
  const o = checkOptions(fn, options, DISPLAY_KEYS);
  const title = o["title"];
  if (title !== undefined && typeof title !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "title", value: title, expected: "a string" });
  const locale = o["locale"] ?? "en-US";
  if (typeof locale !== "string") throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "locale", value: locale, expected: "a BCP 47 locale string" });
  formatCount(0, { locale }); // checks the locale
  const units = o["units"] ?? {};
  if (!isPlainObject(units) || Object.values(units).some((u) => u !== "score" && u !== "percent" && u !== "duration" && u !== "number")) {
    throw new CxMetricsError({ code: "INVALID_OPTION", fn, field: "units", value: units, expected: 'an object of field names to "score", "percent", "duration" or "number"' });
  }
  const base: Context = { locale, units: units as Record<string, EstimateUnit>, parent: null };

  let header: string[];
  let rows: Cell[][];
  let total: number;
  const pairs = value instanceof Map ? [...value.entries()] : Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2) && value.length > 0 ? (value as [unknown, unknown][]) : null;
  if (pairs !== null) {
    const first = pairs.find(([, r]) => isPlainObject(r))?.[1] as Record<string, unknown> | undefined;
    const fields = first === undefined ? ["value"] : fieldsOf(first);
    header = ["key", ...fields];
    total = pairs.length;
    rows = pairs.slice(0, MAX_ROWS).map(([k, r]) => [{ text: keyText(k), numeric: false }, ...(isPlainObject(r) ? fields.map((f) => cell(f, r[f], { ...base, parent: r })) : [cell("value", r, base)])]);
  } else if (Array.isArray(value)) {
    const first = value.find((r) => isPlainObject(r)) as Record<string, unknown> | undefined;
    const fields = first === undefined ? ["value"] : fieldsOf(first);
    header = fields;
    total = value.length;
    rows = value.slice(0, MAX_ROWS).map((r: unknown) => (isPlainObject(r) ? fields.map((f) => cell(f, r[f], { ...base, parent: r })) : [cell("value", r, base)]));
  } else if (isPlainObject(value)) {
    header = ["field", "value"];
    const fields = fieldsOf(value);
    total = fields.length;
    rows = fields.map((f) => [{ text: f, numeric: false }, cell(f, value[f], { ...base, parent: value })]);
  } else {
    throw new CxMetricsError({ code: "INVALID_INPUT", fn, field: "value", value, expected: "a result object, a Map of results or an array" });
  }
  const more = total > rows.length ? `\n(${formatCount(total - rows.length)} more rows not shown)` : "";
  const text = `${title === undefined ? "" : `${title}\n`}${textTable(header, rows)}${more}`;
  const html = htmlTable(header, rows, title as string | undefined) + (more === "" ? "" : `<p>${escapeHtml(more.trim())}</p>`);
  return {
    text,
    html,
    [jupyterDisplay]: () => ({ "text/plain": text, "text/html": html }),
    toString: () => text,
  };
}
