// A helpdesk's response and resolution SLAs in business hours, from a handful of tickets.
// Run: node --import tsx examples/helpdesk-sla.ts
import { art, businessCalendar, frt, oneTouchResolution, type Ticket } from "cx-metrics";

// Berlin office, Monday to Friday 09:00-17:00, closed on Good Friday 2026.
const weekday = [["09:00", "17:00"]] as const;
const calendar = businessCalendar({
  timeZone: "Europe/Berlin",
  hours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
  holidays: ["2026-04-03"],
});

const tickets: Ticket[] = [
  // Thursday 2 April 16:00: bot acknowledges at once; agent replies Monday 6 April 10:00 (Friday is a holiday).
  {
    created: "2026-04-02T16:00:00+02:00",
    replies: [{ at: "2026-04-02T16:00:20+02:00", automated: true }, { at: "2026-04-06T10:00:00+02:00" }],
    solves: ["2026-04-06T12:00:00+02:00"],
    status: "solved",
  },
  // Monday 6 April 09:30, answered 10:00, solved 15:30 the same day.
  { created: "2026-04-06T09:30:00+02:00", replies: [{ at: "2026-04-06T10:00:00+02:00" }], solves: ["2026-04-06T15:30:00+02:00"], status: "closed" },
  // Monday 6 April 14:00, answered 16:00, still open.
  { created: "2026-04-06T14:00:00+02:00", replies: [{ at: "2026-04-06T16:00:00+02:00" }], status: "open" },
];

const hours = (ms: number | null): string => (ms === null ? "-" : `${ms / 3_600_000} h`);
const response = frt(tickets, { businessHours: calendar, target: "1h" });
console.log(`first response, business hours: median ${hours(response.median)}, max ${hours(response.max)}, within 1 h: ${response.withinTarget?.value.toFixed(1)}%`);
const calendarResponse = frt(tickets);
console.log(`first response, calendar time: max ${hours(calendarResponse.max)}`);
const resolution = art(tickets, { businessHours: calendar, target: "5h" });
console.log(`resolution, business hours: mean ${hours(resolution.mean?.value ?? null)}, within 5 h: ${resolution.withinTarget?.value}%, open ${resolution.open.count}`);
console.log(`one-touch: ${oneTouchResolution(tickets).rate?.value}% of ${oneTouchResolution(tickets).solved} solved tickets`);
