import { describe, expect, it } from "vitest";
import { CxMetricsError, frt, queue } from "cx-metrics";
import { contactSchema, parseContacts, parseTickets, safeParseContacts, safeParseTickets, ticketSchema } from "cx-metrics/schemas";

describe("contact and ticket schemas", () => {
  it("normalises instants to epoch ms, passes unknown fields through, and feeds the metrics", () => {
    const contacts = parseContacts([
      { arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T09:00:15+00:00", talk: 60_000, crmId: "x-1" },
      { arrived: new Date("2026-03-02T09:01:00Z"), ended: Date.parse("2026-03-02T09:02:00Z"), abandoned: true },
    ]);
    expect(contacts[0]?.arrived).toBe(Date.parse("2026-03-02T09:00:00Z"));
    expect(contacts[0]?.crmId).toBe("x-1");
    expect(queue(contacts).serviceLevel?.value).toBe(50);
    const tickets = parseTickets([{ created: "2026-03-02T09:00:00Z", replies: [{ at: "2026-03-02T09:30:00Z", automated: false }], solves: [], status: "open" }]);
    expect(frt(tickets).mean?.value).toBe(30 * 60_000);
  });

  it("names the record and field of every problem", () => {
    const outcome = safeParseContacts([{ arrived: "2026-03-02T09:00:00Z" }, { arrived: "2026-03-02T09:00:00Z", answered: "2026-03-02T08:00:00Z", talk: -1 }]);
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.error).toBeInstanceOf(CxMetricsError);
    expect(outcome.error.issues.map((i) => [i.index, i.field])).toContainEqual([1, "talk"]);
    expect(() => parseContacts([{ arrived: "2026-03-02T09:00" }])).toThrow(/parseContacts: arrived at index 0/);
    expect(() => parseContacts({})).toThrow(/expected an array of contacts/);
  });

  it("checks order: an answer before arrival, a reply or solve before creation, a solved ticket without a solve", () => {
    expect(contactSchema.safeParse({ arrived: 10, answered: 5 }).success).toBe(false);
    expect(() => parseContacts([{ arrived: 10, ended: 5 }])).toThrow("parseContacts: ended at index 0 is 5; expected an instant at or after arrived");
    expect(() => parseTickets([{ created: 10, replies: [{ at: 20 }, { at: 5 }] }])).toThrow("parseTickets: replies[1].at at index 0 is 5; expected an instant at or after the ticket's creation");
    expect(() => parseTickets([{ created: 10, status: "solved" }])).toThrow(/solves at index 0/);
    expect(ticketSchema.safeParse({ created: 0, status: "done" }).success).toBe(false);
    const outcome = safeParseTickets([{ created: "yesterday" }]);
    expect(outcome.success ? null : outcome.error.field).toBe("created");
  });
});
