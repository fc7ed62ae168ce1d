// fast-check generators of contacts and tickets for the operational metrics' property tests.
import { fc } from "@fast-check/vitest";
import type { Contact, Ticket, TicketStatus } from "../../src/index.ts";

export const T0: number = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;

const duration = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });
const maybeDuration = (max: number): fc.Arbitrary<number | null> => fc.oneof({ weight: 8, arbitrary: duration(max) }, { weight: 1, arbitrary: fc.constant(null) });

/** Contacts over 30 days: answered, abandoned, flowed out or waiting, with handle-time parts. */
export const contactArb: fc.Arbitrary<Contact> = fc
  .record({
    arrived: fc.integer({ min: T0, max: T0 + 30 * DAY }),
    wait: duration(240_000),
    fate: fc.constantFrom("answered", "answered", "answered", "abandoned", "flowout", "waiting"),
    customerId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    reason: fc.constantFrom("billing", "delivery"),
    talk: maybeDuration(1_200_000),
    hold: maybeDuration(300_000),
    afterCallWork: maybeDuration(200_000),
    resolved: fc.constantFrom(true, false, null),
  })
  .map(({ arrived, wait, fate, ...rest }): Contact => {
    const base = { ...rest, arrived };
    if (fate === "answered") return { ...base, answered: arrived + wait, ended: arrived + wait + 60_000 };
    if (fate === "abandoned") return { ...base, ended: arrived + wait, abandoned: true };
    if (fate === "flowout") return { ...base, ended: arrived + wait, abandoned: false };
    return base;
  });

export const contactsArb: fc.Arbitrary<Contact[]> = fc.array(contactArb, { maxLength: 40 });

const STATUSES_OPEN: readonly TicketStatus[] = ["new", "open", "pending", "on-hold"];

/** Tickets: replies (some automated) and solves after creation, statuses consistent with the solves. */
export const ticketArb: fc.Arbitrary<Ticket> = fc
  .record({
    created: fc.integer({ min: T0, max: T0 + 30 * DAY }),
    replies: fc.option(fc.array(fc.record({ after: duration(5 * DAY), automated: fc.constantFrom(true, false, undefined) }), { maxLength: 4 }), { nil: undefined }),
    firstResponse: fc.option(duration(3 * DAY), { nil: undefined }),
    solves: fc.array(duration(10 * DAY), { maxLength: 3 }),
    solvedNow: fc.boolean(),
    openStatus: fc.constantFrom(...STATUSES_OPEN),
    closed: fc.boolean(),
    withStatus: fc.boolean(),
    customerMessageAfter: fc.option(duration(60_000), { nil: undefined }),
  })
  .map((r): Ticket => {
    const solved = r.solves.length > 0 && r.solvedNow;
    const status: TicketStatus | undefined = !r.withStatus && (r.solves.length === 0 || solved) ? undefined : solved ? (r.closed ? "closed" : "solved") : r.openStatus;
    return {
      created: r.created,
      ...(r.replies === undefined ? {} : { replies: r.replies.map((x) => (x.automated === undefined ? { at: r.created + x.after } : { at: r.created + x.after, automated: x.automated })) }),
      ...(r.firstResponse === undefined ? {} : { firstResponse: r.created + r.firstResponse }),
      ...(r.customerMessageAfter === undefined ? {} : { firstCustomerMessage: r.created + r.customerMessageAfter }),
      solves: r.solves.map((d) => r.created + d),
      ...(status === undefined ? {} : { status }),
    };
  });

export const ticketsArb: fc.Arbitrary<Ticket[]> = fc.array(ticketArb, { maxLength: 40 });
