// Benchmark of issue 11's streaming target: a million-row CSV to a scorecard with the command line
// (`node dist/cli.js report file.csv`: parse, read rows into records, fold the whole report, print
// it) against the CSV parser alone on the same file (bench/csv-parse-only.mjs: the same parser and
// options, counting records). Both as child processes, alternating, each run timed from spawn to
// exit; the ratio of each pair, worst over the runs.
// Two files: survey answers in the records' own column names (8 columns: the parser's share is
// smallest, so our share is largest), and a Zendesk ticket export (41 columns, the zendesk preset:
// a ticket and a rating per row).
// Run: npm run bench:ingest (add --quick for 2e5 rows).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { mulberry32 } from "./random.ts";

const quick = process.argv.includes("--quick");
const N = quick ? 200_000 : 1_000_000;
const RUNS = quick ? 3 : 5;
const root = resolve(import.meta.dirname, "..");
const dir = resolve(root, ".tmp", "bench");
mkdirSync(dir, { recursive: true });

function surveyCsv(file: string): void {
  const random = mulberry32(20261202);
  const teams = ["Billing", "Technical", "Onboarding", "Retention"];
  const channels = ["phone", "chat", "email"];
  const lines = ["id,respondedAt,kind,agentId,team,channel,nps,csat,comment"];
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < N; i++) {
    const nps = Math.floor(random() * 11);
    const csat = random() < 0.2 ? "" : String(1 + Math.floor(random() * 5));
    const comment = nps <= 6 && random() < 0.3 ? '"Waited too long, then got cut off"' : "";
    lines.push(`r-${i},${new Date(t0 + Math.floor(random() * 180 * 86_400_000)).toISOString()},transactional,agent-${Math.floor(random() * 200)},${teams[i % 4]},${channels[i % 3]},${nps},${csat},${comment}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

function zendeskCsv(file: string): void {
  const random = mulberry32(11);
  const header =
    "Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours";
  const lines = [header];
  const pad = (n: number): string => String(n).padStart(2, "0");
  const local = (t: number): string => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const scores = ["Good", "Bad", "Offered", "Unoffered", "Good", "Unoffered"];
  for (let i = 0; i < N; i++) {
    const created = Date.UTC(2026, 0, 1) + Math.floor(random() * 180 * 86_400_000);
    const solved = random() < 0.8;
    const frt = Math.floor(random() * 600);
    const full = frt + Math.floor(random() * 3000);
    const solvedAt = solved ? local(created + full * 60_000) : "";
    lines.push(
      `,${i + 1},Customer ${i},${38000 + i},,c${i}@example.com,example.com,Customer ${i},Agent ${i % 50},Group ${i % 5},Subject ${i},tag,${solved ? "Solved" : "Open"},Normal,Mail,Question,${local(created)},${local(created + 3_600_000)},${local(created + 60_000)},,,${local(created + 60_000)},${solvedAt},${solved ? Math.floor(full / 60) : ""},${scores[i % 6]},1,1,0,${1 + Math.floor(random() * 3)},${frt},${frt},${solved ? full : ""},${solved ? full : ""},${solved ? full : ""},${solved ? full : ""},0,0,${full},${full},0,0`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

function time(args: readonly string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 26 });
  return performance.now() - t;
}

const cases = [
  { name: "survey answers, 9 columns, own names", file: resolve(dir, `surveys-${N}.csv`), make: surveyCsv, flags: ["--zone", "UTC", "--by", "team"] },
  { name: "Zendesk tickets, 41 columns, zendesk preset", file: resolve(dir, `zendesk-${N}.csv`), make: zendeskCsv, flags: ["--preset", "zendesk", "--zone", "Europe/Berlin", "--by", "team"] },
];
console.log(`${N.toLocaleString("en-US")} rows; ${RUNS} runs alternating; ratio = command line (file to printed scorecard) / the CSV parser alone on the same file`);
for (const c of cases) {
  if (!existsSync(c.file)) c.make(c.file);
  const mb = statSync(c.file).size / 1e6;
  const cli = ["dist/cli.js", "report", c.file, ...c.flags, "--quiet"];
  const parser = ["bench/csv-parse-only.mjs", c.file];
  time(cli);
  time(parser);
  const ratios: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const a = time(parser);
    const b = time(cli);
    ratios.push(b / a);
  }
  const fmt = (x: number): string => `${x.toFixed(2)}x`;
  console.log(`${c.name} (${mb.toFixed(0)} MB): worst ${fmt(Math.max(...ratios))}, best ${fmt(Math.min(...ratios))} (target 2x)`);
}
