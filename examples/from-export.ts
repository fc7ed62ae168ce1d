// From a helpdesk export to a scorecard in a few lines: a Zendesk ticket export (CSV) read with
// csv-parse, mapped by the Zendesk preset (its columns and its metric definitions), folded into a
// report. The command line does the same: npx cx-metrics report tickets.csv --preset zendesk.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { buildReport, csat, formatPercent, oneTouchResolution, presets, readRows, reportText } from "cx-metrics";

const file = resolve(import.meta.dirname, "..", "test", "fixtures", "zendesk-tickets.csv");
const rows = parse(readFileSync(file, "utf8")) as string[][];

// Rows as arrays: the first is the header, so line numbers in rejections match the file's.
const read = readRows(rows, presets.zendesk, { timeZone: "Europe/Berlin", onInvalid: "skip" });
console.log(`${read.rows} rows: ${read.accepted} accepted, ${read.rejected} rejected, ${read.skipped} skipped`);
for (const r of read.rejections) console.log(`  line ${r.line}: ${r.field} (column "${r.column}") is ${JSON.stringify(r.value)}; expected ${r.reason}`);

// Zendesk's own definitions: CSAT = good / (good + bad); one-touch = at most one agent reply.
const satisfaction = csat(read.surveys, { value: "csat", ...presets.zendesk.definitions.csat });
const touch = oneTouchResolution(read.tickets, presets.zendesk.definitions.oneTouch);
console.log(`CSAT ${formatPercent(satisfaction.score)} of ${satisfaction.total} rated, one-touch ${formatPercent(touch.rate)} of ${touch.solved} solved`);

// The whole scorecard, as the command line prints it.
console.log(reportText(buildReport({ surveys: read.surveys, tickets: read.tickets }, { timeZone: "Europe/Berlin", by: "team", definitions: presets.zendesk.definitions })));
