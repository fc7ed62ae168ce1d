/**
 * The `cx-metrics` command line: `cx-metrics report <files...>` reads exports (CSV, TSV, JSON lines,
 * JSON), folds them row by row into a report, prints it, and writes JSON and HTML. The only part of
 * the package that does I/O; it runs on Node.
 *
 * Exit codes: 0 the report was made (rejected rows are summarised on stderr); 2 a usage error (bad
 * flag, missing file, unknown preset); 3 a data error (a mapped column missing, no readable rows,
 * `--strict` and a bad row); 1 anything unexpected.
 *
 * @module
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse";
import {
  CxMetricsError,
  presetNamed,
  presets,
  reportBuilder,
  reportText,
  rowReader,
  specFromHeader,
  type ColumnMapping,
  type IngestSummary,
  type MetricDefinitions,
  type PeriodUnit,
  type Preset,
  type ReadOptions,
  type RecordKind,
  type RowReader,
  type RowSpec,
} from "cx-metrics";
import { reportHtml } from "cx-metrics/report";

const USAGE = `Usage: cx-metrics report <files...> [options]

Reads survey answers, contacts and tickets from CSV, TSV, JSON lines or JSON files and prints a
scorecard with 95% intervals, trends, agents and comments.

Options:
  --preset <name>        the export's vendor: ${Object.values(presets).map((p) => p.name).join(", ")}
                         (without it, columns must carry the record fields' names)
  --kind <kind>          survey, contact or ticket (without a preset; told from the header otherwise)
  --column <f=Column>    map a record field to a column, e.g. --column csat=Q2 (repeatable;
                         kind.field=Column for one kind only)
  --zone <zone>          the center's time zone, for local times in the files and for periods
                         (default UTC)
  --period <unit>        day, week, month, quarter or year (default month)
  --by <field>           group the scorecards by a record field, e.g. team, channel, queue
  --duration-unit <u>    unit of plain numbers in duration columns: ms, s, min, h
  --epoch <unit>         unit of numbers in time columns: ms or s
  --strict               stop at the first bad row (default: leave bad rows out and list them)
  --html <file>          write a self-contained HTML report
  --json                 print the report as JSON instead of text
  --json-file <file>     write the report as JSON to a file (the text still prints)
  --title <text>         the report's title
  --locale <locale>      number formatting, e.g. de-DE (default en-US)
  --quiet                no progress or summaries on stderr
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 report made; 2 usage error; 3 data error (missing column, nothing readable, --strict);
1 unexpected error.`;

/** A failure with the exit code and message a shell user gets. */
class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

const usage = (message: string): CliError => new CliError(2, `${message}\nRun "cx-metrics --help" for the options.`);

interface Input {
  readonly file: string;
  readonly summary: IngestSummary;
  readonly preset: string | null;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Applies --column overrides to the specs of the kinds that have the field. */
function withColumns(specs: readonly RowSpec[], columns: readonly string[]): RowSpec[] {
  const overrides = columns.map((c) => {
    const eq = c.indexOf("=");
    if (eq <= 0 || eq === c.length - 1) throw usage(`--column ${c}: expected field=Column, e.g. --column csat=Q2`);
    const target = c.slice(0, eq).trim();
    const column = c.slice(eq + 1).trim();
    const dot = target.indexOf(".");
    const kind = dot > 0 ? target.slice(0, dot) : null;
    return { kind, field: dot > 0 ? target.slice(dot + 1) : target, column };
  });
  return specs.map((spec) => {
    const next: Record<string, ColumnMapping> = { ...spec.columns };
    for (const o of overrides) if (o.kind === null || o.kind === spec.kind) next[o.field] = o.column;
    return { ...spec, columns: next };
  });
}

function formatOf(file: string): "csv" | "tsv" | "jsonl" | "json" {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".tsv" || ext === ".tab") return "tsv";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".json") return "json";
  throw usage(`${file}: unknown file type "${ext}"; expected .csv, .tsv, .jsonl, .ndjson or .json`);
}

/** Progress on stderr, at most four times a second, only on a terminal. */
class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly label: string,
    private readonly size: number,
    private readonly on: boolean,
  ) {}

  tick(bytes: number, rows: number): void {
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const share = this.size > 0 ? Math.min(1, bytes / this.size) : 0;
    const width = 24;
    const filled = Math.round(share * width);
    process.stderr.write(`\r${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(100 * share).toFixed(0).padStart(3)}%  ${rows.toLocaleString("en-US")} rows`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) process.stderr.write("\r\x1b[K");
  }
}

interface Settings {
  readonly preset: Preset | null;
  readonly kind: RecordKind | undefined;
  readonly columns: readonly string[];
  readonly read: ReadOptions;
  readonly progress: boolean;
}

/** Builds the reader for a file once its header (or first object) is known. */
function readerFor(file: string, header: readonly string[], s: Settings): RowReader {
  let specs: RowSpec[];
  if (s.preset !== null) {
    specs = [...s.preset.specs];
  } else {
    const spec = specFromHeader(header, s.kind);
    if (spec === null) {
      throw new CliError(3, `${file}: cannot tell what the rows are. Columns found: ${header.slice(0, 20).join(", ")}${header.length > 20 ? ", ..." : ""}\nGive --preset (${Object.values(presets).map((p) => p.name).join(", ")}), or --kind with --column field=Column mappings.`);
    }
    specs = [spec];
  }
  specs = withColumns(specs, s.columns);
  // Files in the records' own shape use the library's units (epoch ms, durations in ms).
  const native = s.preset === null ? { epoch: "ms" as const, durationUnit: "ms" as const } : {};
  const reader = rowReader(s.preset === null ? specs : { ...s.preset, specs }, { ...native, ...s.read });
  return reader;
}

async function readFile(file: string, s: Settings, add: (reader: RowReader, row: unknown, line: number) => void): Promise<IngestSummary> {
  if (!existsSync(file)) throw usage(`${file}: no such file`);
  const size = statSync(file).size;
  const format = formatOf(file);
  const progress = new Progress(basename(file), size, s.progress && size > 4_000_000);
  let reader: RowReader | undefined;
  let rows = 0;
  try {
    if (format === "csv" || format === "tsv") {
      const stream = createReadStream(file);
      // Line numbers are counted here rather than asked of the parser (its `info` records cost more
      // than the rest of the work): a record starts on the line after the last one ended and spans
      // one line more per line break inside its quoted fields. Blank lines are no rows.
      const parser = stream.pipe(parseCsv({ delimiter: format === "tsv" ? "\t" : ",", bom: true, relax_column_count: true, skip_empty_lines: false }));
      let line = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        const start = line + 1;
        line = start + breaksIn(record);
        if (record.length === 1 && record[0] === "") continue;
        if (reader === undefined) {
          reader = readerFor(file, record, s);
          reader.header(record);
          continue;
        }
        add(reader, record, start);
        if ((++rows & 1023) === 0) progress.tick(stream.bytesRead, rows);
      }
    } else if (format === "jsonl") {
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      let line = 0;
      let bytes = 0;
      for await (const text of lines) {
        line++;
        bytes += text.length + 1;
        if (text.trim() === "") continue;
        let row: unknown;
        try {
          row = JSON.parse(text);
        } catch {
          throw new CliError(3, `${file}: line ${line} is not JSON`);
        }
        reader ??= readerFor(file, typeof row === "object" && row !== null ? Object.keys(row) : [], s);
        add(reader, row, line);
        if ((++rows & 1023) === 0) progress.tick(bytes, rows);
      }
    } else {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        throw new CliError(3, `${file}: not valid JSON`);
      }
      if (!Array.isArray(data)) throw new CliError(3, `${file}: expected a JSON array of rows`);
      const first = data.find((r) => typeof r === "object" && r !== null) as object | undefined;
      reader = readerFor(file, first === undefined ? [] : Object.keys(first), s);
      data.forEach((row, i) => add(reader as RowReader, row, i + 1));
    }
  } finally {
    progress.done();
  }
  return reader?.summary() ?? { rows: 0, accepted: 0, rejected: 0, skipped: 0, records: { survey: 0, contact: 0, ticket: 0 }, skippedBy: {}, rejections: [] };
}

/** Line breaks inside a record's fields (quoted fields may hold them). */
function breaksIn(record: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < record.length; i++) {
    const f = record[i] as string;
    for (let j = f.indexOf("\n"); j >= 0; j = f.indexOf("\n", j + 1)) n++;
  }
  return n;
}

/** Writes an output file, making its folder; a path that cannot be written is a usage error. */
function writeOut(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw usage(`${file}: cannot write it (${e instanceof Error ? e.message : String(e)})`);
  }
}

function summaryLine(input: Input): string {
  const s = input.summary;
  const kinds = Object.entries(s.records).filter(([, n]) => n > 0).map(([k, n]) => `${n.toLocaleString("en-US")} ${k === "survey" ? "survey answers" : `${k}s`}`);
  const skipped = Object.entries(s.skippedBy).map(([why, n]) => `${n.toLocaleString("en-US")} ${why}`);
  return `${input.file}: ${s.rows.toLocaleString("en-US")} rows, ${s.accepted.toLocaleString("en-US")} accepted (${kinds.join(", ") || "no records"}), ${s.rejected.toLocaleString("en-US")} rejected${skipped.length > 0 ? `; skipped: ${skipped.join(", ")}` : ""}`;
}

function rejectionLines(input: Input, max = 5): string[] {
  const out = input.summary.rejections.slice(0, max).map((r) => `  line ${r.line}: ${r.kind} ${r.field}${r.column === null ? "" : ` (column "${r.column}")`} is ${JSON.stringify(r.value) ?? String(r.value)}; expected ${r.reason}`);
  const more = input.summary.rejections.length - max;
  if (more > 0) out.push(`  ... and ${more.toLocaleString("en-US")} more (all of them in --json)`);
  return out;
}

/** Runs the command; returns the exit code. Output goes to the given writers (tests capture them). */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  try {
    return await run(argv, out, err);
  } catch (e) {
    if (e instanceof CliError) {
      err(`cx-metrics: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CxMetricsError) {
      err(`cx-metrics: ${e.message}\n`);
      return e.code === "INVALID_OPTION" ? 2 : 3;
    }
    err(`cx-metrics: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

async function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        preset: { type: "string" },
        kind: { type: "string" },
        column: { type: "string", multiple: true },
        zone: { type: "string" },
        period: { type: "string" },
        by: { type: "string" },
        "duration-unit": { type: "string" },
        epoch: { type: "string" },
        strict: { type: "boolean" },
        html: { type: "string" },
        json: { type: "boolean" },
        "json-file": { type: "string" },
        title: { type: "string" },
        locale: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    throw usage(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, "") : String(e));
  }
  const v = parsed.values;
  if (v.help === true) {
    out(`${USAGE}\n`);
    return 0;
  }
  if (v.version === true) {
    out(`${version()}\n`);
    return 0;
  }
  const [command, ...files] = parsed.positionals;
  if (command === undefined) throw usage("no command given");
  if (command !== "report") throw usage(`unknown command "${command}"; the command is "report"`);
  const jsonFile: string | undefined = v["json-file"];
  if (files.length === 0) throw usage("no input files given");
  const preset = v.preset === undefined ? null : (presetNamed(v.preset) ?? null);
  if (v.preset !== undefined && preset === null) throw usage(`unknown preset "${v.preset}"; presets: ${Object.values(presets).map((p) => p.name).join(", ")}`);
  const kind = v.kind;
  if (kind !== undefined && kind !== "survey" && kind !== "contact" && kind !== "ticket") throw usage(`--kind ${kind}: expected survey, contact or ticket`);
  const period = v.period ?? "month";
  if (!["day", "week", "month", "quarter", "year", "hour", "half"].includes(period)) throw usage(`--period ${period}: expected day, week, month, quarter or year`);
  const durationUnit = v["duration-unit"];
  if (durationUnit !== undefined && !["ms", "s", "min", "h"].includes(durationUnit)) throw usage(`--duration-unit ${durationUnit}: expected ms, s, min or h`);
  const epoch = v.epoch;
  if (epoch !== undefined && epoch !== "ms" && epoch !== "s") throw usage(`--epoch ${epoch}: expected ms or s`);
  const zone = v.zone ?? "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw usage(`--zone ${zone}: not a time zone; expected an IANA name such as Europe/Berlin`);
  }
  const quiet = v.quiet === true;
  const settings: Settings = {
    preset,
    kind: kind as RecordKind | undefined,
    columns: v.column ?? [],
    read: {
      ...(v.zone === undefined ? {} : { timeZone: zone }),
      ...(durationUnit === undefined ? {} : { durationUnit: durationUnit as ReadOptions["durationUnit"] & string }),
      ...(epoch === undefined ? {} : { epoch: epoch as "ms" | "s" }),
      onInvalid: v.strict === true ? "throw" : "skip",
    },
    progress: !quiet && process.stderr.isTTY === true,
  };
  const definitions: MetricDefinitions = preset?.definitions ?? {};
  const builder = reportBuilder({
    timeZone: zone,
    period: period as PeriodUnit,
    ...(v.by === undefined ? {} : { by: v.by }),
    ...(v.title === undefined ? {} : { title: v.title }),
    definitions,
  });
  const inputs: Input[] = [];
  for (const file of files) {
    let summary: IngestSummary;
    try {
      summary = await readFile(file, settings, (reader, row, line) => builder.addRow(reader.read(row, line)));
    } catch (e) {
      if (e instanceof CxMetricsError && e.code === "INVALID_VALUE") throw new CliError(3, `${file}: ${e.message.replace(/^rowReader: /, "")}\n(--strict stops at the first bad row; without it bad rows are left out and listed)`);
      if (e instanceof CxMetricsError && e.code === "INVALID_INPUT") throw new CliError(3, `${file}: ${e.message.replace(/^rowReader: /, "")}`);
      throw e;
    }
    const input: Input = { file, summary, preset: preset?.name ?? null };
    inputs.push(input);
    if (!quiet) {
      err(`${summaryLine(input)}\n`);
      for (const line of rejectionLines(input)) err(`${line}\n`);
    }
    if (summary.rows > 0 && summary.accepted === 0) {
      const first = summary.rejections[0];
      const hint = first !== undefined && /timeZone/.test(first.reason) ? "\nThe times have no offset: give the zone they are written in with --zone." : first !== undefined && /durationUnit/.test(first.reason) ? "\nGive the unit of the durations with --duration-unit." : first !== undefined && /epoch/.test(first.reason) ? "\nGive the unit of the epoch numbers with --epoch." : "";
      throw new CliError(3, `${file}: none of the ${summary.rows.toLocaleString("en-US")} rows could be read.${hint}`);
    }
  }
  const report = builder.result();
  const locale = v.locale ?? "en-US";
  if (v.html !== undefined) {
    writeOut(v.html, reportHtml(report, { locale }));
    if (!quiet) err(`wrote ${v.html}\n`);
  }
  const json = `${JSON.stringify({ report, inputs }, null, 2)}\n`;
  if (v.json === true && jsonFile === undefined) {
    out(json);
  } else {
    if (jsonFile !== undefined) {
      writeOut(jsonFile, json);
      if (!quiet) err(`wrote ${jsonFile}\n`);
    }
    out(`${reportText(report, { locale })}\n`);
  }
  return 0;
}
