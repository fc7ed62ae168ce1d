import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { repeatContactFcr } from "../../src/index.ts";
import { hasNaN } from "../helpers.ts";
import { contactsArb } from "./ops-arbitraries.ts";

const DAY = 86_400_000;

/** The repeat-contact definition checked pair by pair, O(n²), with input order breaking ties. */
function referenceRepeat(contacts: readonly { key: string; t: number }[], window: number, asOf: number, countRepeats = false) {
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
    const repeated = same.some(({ d, j }) => before(i, j) && d.t - c.t <= window);
    if (c.t + window > asOf && !(countRepeats && repeated)) pending++;
    else if (repeated) unresolved++;
    else resolved++;
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
    expect(result.rate?.value).toBeCloseTo(100 / 3, 12);
    // With asOf on day 30 every window has closed.
    const closed = repeatContactFcr(rows, { asOf: 30 * DAY });
    expect(closed).toMatchObject({ resolved: 3, unresolved: 2, pending: 0 });
    expect(closed.rate?.value).toBe(60);
  });

  it("keeps a first contact whose window is open pending even when its repeat has come (no early-failure bias)", () => {
    const rows = [
      { customerId: "ann", arrived: 0 }, // window closed by day 7: resolved
      { customerId: "bob", arrived: 18 * DAY }, // window open at asOf (day 20) ...
      { customerId: "bob", arrived: 19 * DAY }, // ... although Bob has already come back
      { customerId: "cy", arrived: 20 * DAY }, // window open: pending
    ];
    const fair = repeatContactFcr(rows);
    expect([fair.resolved, fair.unresolved, fair.pending, fair.openWindows]).toEqual([1, 0, 2, "pending"]);
    expect(fair.rate?.value).toBe(100);
    const early = repeatContactFcr(rows, { openWindows: "count-repeats" });
    expect([early.resolved, early.unresolved, early.pending]).toEqual([1, 1, 1]);
    expect(early.rate?.value).toBe(50);
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

  const S = 1000;
  const timeline = fc.array(fc.record({ key: fc.constantFrom("a", "b", "c"), t: fc.integer({ min: 0, max: 40 }).map((t) => t * S) }), { maxLength: 40 });
  test.prop([timeline, fc.integer({ min: 0, max: 10 }).map((w) => w * S), fc.integer({ min: 0, max: 60 }).map((t) => t * S), fc.boolean()])(
    "matches the definition checked pair by pair",
    (events, window, asOf, countRepeats) => {
      const result = repeatContactFcr(events.map((e) => ({ customerId: e.key, arrived: e.t })), { window, asOf, openWindows: countRepeats ? "count-repeats" : "pending" });
      const expected = referenceRepeat(events, window, asOf, countRepeats);
      expect({ first: result.firstContacts, resolved: result.resolved, unresolved: result.unresolved, pending: result.pending }).toEqual(expected);
    },
  );

  test.prop([contactsArb, fc.func(fc.integer())])("the rate stays within 0..100 and does not depend on input order", (contacts, rank) => {
    const result = repeatContactFcr(contacts);
    const shuffled = [...contacts].sort((a, b) => rank(a) - rank(b));
    const again = repeatContactFcr(shuffled);
    expect(again).toEqual(result);
    if (result.rate !== null) expect(result.rate.value >= 0 && result.rate.value <= 100).toBe(true);
    expect(result.firstContacts + result.repeats).toBe(result.contacts);
    expect(result.resolved + result.unresolved + result.pending).toBe(result.firstContacts);
  });
});
