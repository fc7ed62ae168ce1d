/**
 * Plain-text and HTML tables for the display helper and the report. Internal.
 *
 * @internal
 * @module
 */

/** A table cell: its text and whether it reads as a number (right-aligned). @internal */
export interface Cell {
  readonly text: string;
  readonly numeric: boolean;
}

/** Width of a string in terminal columns (code points; the report prints no wide characters). */
function width(s: string): number {
  return [...s].length;
}

/**
 * Rows as aligned plain text: columns separated by two spaces, numbers right-aligned, a rule under
 * the header.
 *
 * @internal
 */
export function textTable(header: readonly string[], rows: readonly (readonly Cell[])[], indent = ""): string {
  const widths = header.map((h) => width(h));
  for (const row of rows) row.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, width(c.text))));
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => r[j]?.numeric !== false));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((t, j) => {
        const w = widths[j] ?? 0;
        const pad = " ".repeat(Math.max(0, w - width(t)));
        return numeric[j] ? pad + t : t + pad;
      })
      .join("  ")
      .trimEnd();
  const out = [line(header), indent + widths.map((w) => "-".repeat(w)).join("  ")];
  for (const row of rows) out.push(line(row.map((c) => c.text)));
  return out.join("\n");
}

/** Text escaped for HTML element content and attribute values. @internal */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/** Rows as an HTML `<table>` with a header row; numeric cells get `class="num"`. @internal */
export function htmlTable(header: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => (c.numeric ? `<td class="num">${escapeHtml(c.text)}</td>` : `<td>${escapeHtml(c.text)}</td>`)).join("")}</tr>`).join("");
  return `<table class="cx-table">${caption === undefined ? "" : `<caption>${escapeHtml(caption)}</caption>`}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
