import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { queue, type AbandonTreatment, type Contact } from "../../src/index.ts";
import { hasNaN } from "../helpers.ts";
import { contactsArb } from "./ops-arbitraries.ts";

const S = 1000;
/** A duration option: 0, or at least a second (smaller numbers are refused as unit mistakes). */
const durationOption = (max: number): fc.Arbitrary<number> => fc.oneof(fc.constant(0), fc.integer({ min: 1000, max }));
const answered = (wait: number): Contact => ({ arrived: 0, answered: wait * S });
const abandoned = (wait: number): Contact => ({ arrived: 0, ended: wait * S });

describe("queue: worked by hand", () => {
  // 6 answered (waits 5, 10, 20, 21, 40, 90 s), 4 abandoned (3, 15, 25, 60 s), one flow-out, one waiting.
  const contacts: Contact[] = [
    answered(5), answered(10), answered(20), answered(21), answered(40), answered(90),
    abandoned(3), abandoned(15), abandoned(25), abandoned(60),
    { arrived: 0, ended: 30 * S, abandoned: false },
    { arrived: 0 },
  ];

  it("computes service level three ways, abandonment and ASA", () => {
    const missed = queue(contacts);
    // answered within 20 s (inclusive): 5, 10, 20 -> 3; offered 10
    expect(missed.offered).toBe(10);
    expect(missed.serviceLevel).toMatchObject({ value: 30, n: 10 });
    expect([missed.answeredWithinTarget, missed.abandonedWithinTarget]).toEqual([3, 2]);
    expect(missed.abandonmentRate).toMatchObject({ value: 40, n: 10 });
    expect(missed.asa?.value).toBe((5 + 10 + 20 + 21 + 40 + 90) * S / 6);
    expect(missed.averageAbandonTime).toBe((3 + 15 + 25 + 60) * S / 4);
    expect([missed.flowedOut, missed.waiting, missed.shortAbandoned]).toEqual([1, 1, 0]);
    // abandons within 20 s (3 and 15) counted as met: (3 + 2) / 10
    expect(queue(contacts, { abandons: "met" }).serviceLevel?.value).toBe(50);
    // ... or left out of both sides: 3 / (10 - 2)
    expect(queue(contacts, { abandons: "excluded" }).serviceLevel?.value).toBe(37.5);
    // ... or every abandon ignored (ICMI's second formula): 3 answered within 20 s of 6 answered
    expect(queue(contacts, { abandons: "ignored" }).serviceLevel?.value).toBe(50);
  });

  it("sets short abandons apart", () => {
    const result = queue(contacts, { shortAbandon: 5 * S });
    expect(result.shortAbandoned).toBe(1);
    expect(result.offered).toBe(9);
    expect(result.serviceLevel?.value).toBeCloseTo((3 / 9) * 100, 12);
    expect(result.abandonmentRate?.value).toBeCloseTo((3 / 9) * 100, 12);
  });

  it("takes a target of 30 s and carries a Wilson interval", () => {
    const result = queue(contacts, { target: 30 * S });
    expect(result.serviceLevel?.value).toBe(40);
    // Wilson for 4 / 10 at 95%: 16.82% to 68.73%
    expect(result.serviceLevel?.interval.lower).toBeCloseTo(16.82, 2);
    expect(result.serviceLevel?.interval.upper).toBeCloseTo(68.73, 2);
  });

  it("is empty without NaN", () => {
    const empty = queue([]);
    expect(empty.serviceLevel).toBeNull();
    expect(empty.asa).toBeNull();
    expect(hasNaN(empty)).toBe(false);
  });

  it("rejects an answer before arrival, an answered abandon, an abandon without an end", () => {
    expect(() => queue([answered(1), { arrived: 10, answered: 5 }])).toThrow("queue: answered at index 1 is 5; expected an instant at or after arrived");
    expect(() => queue([{ arrived: 0, answered: 5, abandoned: true }])).toThrow(/abandoned at index 0/);
    expect(() => queue([{ arrived: 0, abandoned: true }])).toThrow(/ended at index 0/);
    expect(() => queue([{ arrived: "2026-03-01T10:00:00" }])).toThrow(/arrived at index 0 is "2026-03-01T10:00:00"/);
    const skipped = queue([answered(1), { arrived: 10, answered: 5 }, { arrived: Number.NaN }], { onInvalid: "skip" });
    expect(skipped.excluded).toEqual({ count: 2, byField: Object.assign(Object.create(null), { answered: 1, arrived: 1 }) });
    expect(() => queue([], { abandons: "sometimes" as AbandonTreatment })).toThrow(
      'queue: option "abandons" is "sometimes"; expected "missed", "met", "excluded" or "ignored"',
    );
  });
});

/** The queue definitions written out once more, contact by contact. */
function referenceQueue(contacts: readonly Contact[], target: number, shortAbandon: number, within: AbandonTreatment): { sl: number | null; ab: number | null } {
  let met = 0;
  let total = 0;
  let answeredCount = 0;
  let abandonedCount = 0;
  for (const c of contacts) {
    const arrived = c.arrived as number;
    if (c.answered != null) {
      answeredCount++;
      total++;
      if ((c.answered as number) - arrived <= target) met++;
    } else if (c.ended != null && c.abandoned !== false) {
      const wait = (c.ended as number) - arrived;
      if (wait < shortAbandon) continue;
      abandonedCount++;
      const inTime = wait <= target;
      if (within === "ignored") continue;
      if (within === "met") {
        total++;
        if (inTime) met++;
      } else if (within === "missed" || !inTime) total++;
    }
  }
  const offered = answeredCount + abandonedCount;
  return { sl: total === 0 ? null : (100 * met) / total, ab: offered === 0 ? null : (100 * abandonedCount) / offered };
}

describe("queue: properties", () => {
  test.prop([contactsArb, durationOption(120_000), durationOption(20_000), fc.constantFrom<AbandonTreatment>("missed", "met", "excluded", "ignored")])(
    "matches the definitions written out contact by contact, within 0..100",
    (contacts, target, shortAbandon, within) => {
      const result = queue(contacts, { target, shortAbandon, abandons: within });
      const expected = referenceQueue(contacts, target, shortAbandon, within);
      expect(result.serviceLevel?.value ?? null).toBe(expected.sl);
      expect(result.abandonmentRate?.value ?? null).toBe(expected.ab);
      for (const share of [result.serviceLevel?.value, result.abandonmentRate?.value]) if (share !== undefined) expect(share >= 0 && share <= 100).toBe(true);
      expect(result.answered + result.abandoned + result.shortAbandoned + result.flowedOut + result.waiting).toBe(contacts.length);
    },
  );

  test.prop([contactsArb, durationOption(60_000), durationOption(60_000)])("service level never falls when the target grows", (contacts, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const low = queue(contacts, { target: lo }).serviceLevel?.value;
    const high = queue(contacts, { target: hi }).serviceLevel?.value;
    if (low !== undefined) expect(high as number).toBeGreaterThanOrEqual(low);
  });
});
