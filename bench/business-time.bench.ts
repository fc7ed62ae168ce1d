// Resolution time of 1e6 tickets in business time against calendar time, in the same run, with a
// hand-written loop as the floor. Run: npm run bench:business. Target: business within 3x of calendar.
import { Bench } from "tinybench";
import { art, businessCalendar, type Ticket } from "cx-metrics";
import { medianMs, mulberry32, skewedDuration } from "./random.ts";

const n = process.argv.includes("--quick") ? 2e5 : 1e6;
const random = mulberry32(7);
const start = Date.UTC(2026, 0, 1);
const tickets: Ticket[] = [];
for (let i = 0; i < n; i++) {
  const c = start + Math.floor(random() * 365 * 86_400_000);
  tickets.push({ created: c, solves: [c + skewedDuration(random, 6 * 3_600_000)], status: "solved" });
}
const hours = [["08:00", "12:30"], ["13:30", "18:00"]] as const;
const options = {
  timeZone: "America/New_York",
  hours: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: [["10:00", "14:00"]] as const },
  holidays: ["2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"],
};
const calendar = businessCalendar(options);

/** The floor: mean of solve - created over the same ticket objects, nothing checked, no percentiles. */
function handLoop(): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const ticket = tickets[i] as Ticket;
    sum += ((ticket.solves as number[])[0] as number) - (ticket.created as number);
  }
  return sum / n;
}

/** What a careful hand-written report does: collect the durations, mean, and p50/p90/p95 by sorting. */
function handReport(): number {
  const durations = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const ticket = tickets[i] as Ticket;
    const d = ((ticket.solves as number[])[0] as number) - (ticket.created as number);
    durations[i] = d;
    sum += d;
  }
  durations.sort();
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const j = Math.floor(h);
    return (durations[j] as number) + (h - j) * ((durations[Math.min(j + 1, n - 1)] as number) - (durations[j] as number));
  };
  return sum / n + at(0.5) + at(0.9) + at(0.95);
}

let sink = 0;
const bench = new Bench({ time: 3000, warmupTime: 500, iterations: 6 });
bench
  .add("hand loop, mean only", () => {
    sink += handLoop();
  })
  .add("hand report, mean and sorted percentiles", () => {
    sink += handReport();
  })
  .add("art, calendar time", () => {
    sink += art(tickets).mean?.value ?? 0;
  })
  .add("art, business time (calendar reused)", () => {
    sink += art(tickets, { businessHours: calendar }).mean?.value ?? 0;
  })
  .add("art, business time (new calendar each run)", () => {
    sink += art(tickets, { businessHours: businessCalendar(options) }).mean?.value ?? 0;
  });
await bench.run();
const [loop, report, cal, biz, cold] = bench.tasks.map((task) => medianMs(task.result, task.name)) as [number, number, number, number, number];
console.log(`${n} tickets, resolution times (median of runs; ms: loop ${loop.toFixed(1)}, report ${report.toFixed(1)}, calendar ${cal.toFixed(1)}, business ${biz.toFixed(1)}, business cold ${cold.toFixed(1)})`);
console.log(`  art calendar / hand loop (mean only):   ${(cal / loop).toFixed(2)}x`);
console.log(`  art calendar / hand report (mean + sorted p50, p90, p95): ${(cal / report).toFixed(2)}x`);
console.log(`  art business / art calendar:        ${(biz / cal).toFixed(2)}x   (target <= 3x)`);
console.log(`  art business, new calendar / calendar: ${(cold / cal).toFixed(2)}x`);
if (Number.isNaN(sink)) console.log(sink);
