import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { fcr, oneTouchResolution, repeatContactFcr, type Contact, type Ticket } from "../../src/index.ts";
import { hasNaN } from "../helpers.ts";
import { contactsArb, ticketsArb } from "./ops-arbitraries.ts";

const DAY = 86_400_000;

describe("fcr from a flag or a survey answer", () => {
  it("counts resolved over answered, missing apart, with a Wilson interval", () => {
    const contacts: Contact[] = [{ resolved: true }, { resolved: true }, { resolved: false }, { resolved: null }, {}];
    const result = fcr(contacts);
    expect([result.resolved, result.total, result.missing]).toEqual([2, 3, 2]);
    expect(result.rate).toBeCloseTo(200 / 3, 12);
    expect(result.interval?.method).toBe("wilson");
  });

  it("reads a survey answer through an accessor", () => {
    const answers = [{ q: "yes" }, { q: "no" }, { q: "yes" }, { q: "yes" }];
    expect(fcr(answers, { resolved: (a) => a.q === "yes" }).rate).toBe(75);
  });

  it("rejects a value that is not a boolean, or skips and counts it", () => {
    expect(() => fcr([true, "yes" as unknown as boolean])).toThrow('fcr: resolved at index 1 is "yes"; expected true, false, or null when unknown');
    expect(fcr([true, 1 as unknown as boolean], { onInvalid: "skip" }).excluded).toEqual({ count: 1, byField: { resolved: 1 } });
  });

  test.prop([fc.array(fc.constantFrom(true, false, null))])("stays within 0..100 and ignores order", (answers) => {
    const result = fcr(answers);
    const reversed = fcr([...answers].reverse());
    expect(reversed).toEqual(result);
    if (result.rate !== null) expect(result.rate >= 0 && result.rate <= 100).toBe(true);
    expect(result.total + result.missing).toBe(answers.length);
  });
});

describe("one-touch resolution from tickets", () => {
  const tickets: Ticket[] = [
    { created: 0, replies: [{ at: 1 }], status: "solved", solves: [2] }, // one touch
    { created: 0, replies: [{ at: 1, automated: true }, { at: 2 }], status: "closed", solves: [3] }, // one agent touch
    { created: 0, replies: [{ at: 1 }, { at: 2 }], status: "solved", solves: [3] }, // two
    { created: 0, replies: [], status: "solved", solves: [1] }, // zero
    { created: 0, replies: [{ at: 1 }], status: "open" }, // unsolved
    { created: 0, status: "solved", solves: [5] }, // replies unknown
  ];

  it("counts exactly one agent reply by default, at most one as an option", () => {
    const exactly = oneTouchResolution(tickets);
    expect([exactly.oneTouch, exactly.solved, exactly.zeroTouch, exactly.multiTouch, exactly.unsolved, exactly.missingReplies]).toEqual([2, 4, 1, 1, 1, 1]);
    expect(exactly.rate).toBe(50);
    expect(oneTouchResolution(tickets, { touches: "at-most-one" }).rate).toBe(75);
  });

  it("rejects an unknown status", () => {
    expect(() => oneTouchResolution([{ created: 0, status: "done" as "solved" }])).toThrow(/status at index 0 is "done"/);
  });

  test.prop([ticketsArb])("matches a direct count and ignores order", (list) => {
    const result = oneTouchResolution(list);
    const solved = list.filter((t) => (t.status === undefined ? (t.solves?.length ?? 0) > 0 : t.status === "solved" || t.status === "closed"));
    const known = solved.filter((t) => t.replies !== undefined);
    const one = known.filter((t) => (t.replies ?? []).filter((r) => r.automated !== true).length === 1).length;
    expect(result.solved).toBe(known.length);
    expect(result.oneTouch).toBe(one);
    expect(oneTouchResolution([...list].reverse())).toEqual(result);
  });
});

/** The repeat-contact definition checked pair by pair, O(n²), with input order breaking ties. */
function referenceRepeat(contacts: readonly { key: string; t: number }[], window: number, asOf: number) {
  const before = (j: number, i: number): boolean => {
    const a = contacts[j] as { t: number };
    const b = contacts[i] as { t: number };
    return a.t < b.t || (a.t === b.t && j < i);
  };
  let first = 0;
  let resolved = 0;
  let unresolved = 0;
  let pending = 0;
  contacts.forEach((c, i) => {
    const same = contacts.map((d, j) => ({ d, j })).filter(({ d, j }) => j !== i && d.key === c.key);
    if (same.some(({ d, j }) => before(j, i) && c.t - d.t <= window)) return;
    first++;
    if (same.some(({ d, j }) => before(i, j) && d.t - c.t <= window)) unresolved++;
    else if (c.t + window <= asOf) resolved++;
    else pending++;
  });
  return { first, resolved, unresolved, pending };
}

describe("fcr from repeat contacts", () => {
  it("works a timeline by hand: repeats, the window's edge, ties, pending", () => {
    const rows = [
      { customerId: "ann", arrived: 0 }, // first; Ann comes back on day 7 -> unresolved
      { customerId: "ann", arrived: 7 * DAY }, // exactly W later: within the window, a repeat
      { customerId: "ann", arrived: 15 * DAY }, // 8 days after the last: a new first contact; nothing follows; window closes day 22 > asOf 20 -> pending
      { customerId: "bob", arrived: 2 * DAY }, // first; next Bob contact at the same instant -> unresolved
      { customerId: "bob", arrived: 2 * DAY }, // tie: comes second in input order, so it is the repeat
      { customerId: "cy", arrived: 1 * DAY }, // first, nothing follows, window closed by day 8 -> resolved
      { customerId: "dee", arrived: 20 * DAY }, // first, pending
      { customerId: undefined, arrived: 3 * DAY }, // no key
    ];
    const result = repeatContactFcr(rows);
    expect(result).toMatchObject({ firstContacts: 5, repeats: 2, resolved: 1, unresolved: 2, pending: 2, contacts: 7, missingKey: 1, asOf: 20 * DAY, window: 7 * DAY });
    expect(result.rate).toBeCloseTo(100 / 3, 12);
    // With asOf on day 30 every window has closed.
    expect(repeatContactFcr(rows, { asOf: 30 * DAY })).toMatchObject({ resolved: 3, unresolved: 2, pending: 0, rate: 60 });
  });

  it("keys on customer and reason when asked", () => {
    const rows = [
      { customerId: "ann", reason: "billing", arrived: 0 },
      { customerId: "ann", reason: "delivery", arrived: DAY },
    ];
    expect(repeatContactFcr(rows, { asOf: 30 * DAY }).resolved).toBe(0);
    expect(repeatContactFcr(rows, { asOf: 30 * DAY, key: (c) => `${c.customerId}|${c.reason}` }).resolved).toBe(2);
  });

  it("rejects a bad instant or key, or skips and counts it", () => {
    expect(() => repeatContactFcr([{ customerId: "a", arrived: "yesterday" }])).toThrow(/arrived at index 0 is "yesterday"/);
    expect(() => repeatContactFcr([{ customerId: "a", arrived: 0 }], { key: () => ({}) as string })).toThrow(/key at index 0 is an object/);
    expect(repeatContactFcr([{ customerId: "a", arrived: Number.NaN }], { onInvalid: "skip" }).excluded.count).toBe(1);
    expect(hasNaN(repeatContactFcr([]))).toBe(false);
  });

  const timeline = fc.array(fc.record({ key: fc.constantFrom("a", "b", "c"), t: fc.integer({ min: 0, max: 40 }) }), { maxLength: 40 });
  test.prop([timeline, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 60 })])(
    "matches the definition checked pair by pair",
    (events, window, asOf) => {
      const result = repeatContactFcr(events.map((e) => ({ customerId: e.key, arrived: e.t })), { window, asOf });
      const expected = referenceRepeat(events, window, asOf);
      expect({ first: result.firstContacts, resolved: result.resolved, unresolved: result.unresolved, pending: result.pending }).toEqual(expected);
    },
  );

  test.prop([contactsArb, fc.func(fc.integer())])("the rate stays within 0..100 and does not depend on input order", (contacts, rank) => {
    const result = repeatContactFcr(contacts);
    const shuffled = [...contacts].sort((a, b) => rank(a) - rank(b));
    const again = repeatContactFcr(shuffled);
    expect(again).toEqual(result);
    if (result.rate !== null) expect(result.rate >= 0 && result.rate <= 100).toBe(true);
    expect(result.firstContacts + result.repeats).toBe(result.contacts);
    expect(result.resolved + result.unresolved + result.pending).toBe(result.firstContacts);
  });
});
