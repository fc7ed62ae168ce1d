// Conservation: with onInvalid "skip", every record in is either used or counted in one exclusion:
// records in = used + every excluded count. Valid, missing, invalid and non-object records are mixed.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { aht, art, ces, csat, fcr, frt, nps, oneTouchResolution, queue, repeatContactFcr, volume, type Contact, type Ticket } from "../../src/index.ts";
import { contactArb, ticketArb } from "../metrics/ops-arbitraries.ts";

const notObject = fc.constantFrom<unknown>(null, undefined, 7, "x", true);
const broken = fc.constantFrom<unknown>(Number.NaN, -1, "yesterday", "2026-03-01T10:00:00", {}, [], "false", 1e300);
/** A record with one field replaced by a value no metric accepts, or removed. */
function damaged<T extends object>(arb: fc.Arbitrary<T>, fields: readonly string[]): fc.Arbitrary<unknown> {
  return fc.tuple(arb, fc.constantFrom(...fields), fc.option(broken, { nil: undefined })).map(([r, field, v]) => {
    const copy: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    if (v === undefined) delete copy[field];
    else copy[field] = v;
    return copy;
  });
}
const mixed = (arb: fc.Arbitrary<unknown>, fields: readonly string[]): fc.Arbitrary<unknown[]> =>
  fc.array(fc.oneof({ weight: 4, arbitrary: arb }, { weight: 2, arbitrary: damaged(arb as fc.Arbitrary<object>, fields) }, { weight: 1, arbitrary: notObject }), { maxLength: 40 });

const contacts = mixed(contactArb, ["arrived", "answered", "ended", "abandoned", "talk", "hold", "afterCallWork", "customerId", "resolved"]);
const tickets = mixed(ticketArb, ["created", "replies", "solves", "status", "firstResponse", "firstCustomerMessage"]);
const answers = mixed(fc.record({ v: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), w: fc.double({ min: 0.1, max: 10, noNaN: true }) }), ["v", "w"]);
const skip = { onInvalid: "skip" } as const;

describe("conservation: records in = used + excluded, under onInvalid: skip", () => {
  test.prop([answers])("nps, csat and ces (weighted, read by field name)", (rows) => {
    for (const r of [
      nps(rows as { v: number | null; w: number }[], { value: "v", weight: "w", ...skip }),
      csat(rows as { v: number | null; w: number }[], { value: "v", weight: "w", scale: { min: 0, max: 10 }, ...skip }),
      ces(rows as { v: number | null; w: number }[], { value: "v", scale: { min: 0, max: 10 }, easy: { min: 8, max: 10 }, difficult: { min: 0, max: 3 }, ...skip }),
    ]) {
      const { missing, invalidValue, invalidWeight, invalidRecord } = r.excluded;
      expect(r.responses + missing + invalidValue + invalidWeight + invalidRecord).toBe(rows.length);
    }
  });

  test.prop([contacts])("contact metrics", (rows) => {
    const cs = rows as Contact[];
    const q = queue(cs, skip);
    expect(q.answered + q.abandoned + q.shortAbandoned + q.flowedOut + q.waiting + q.excluded.count).toBe(rows.length);
    const h = aht(cs, skip);
    expect(h.handled + h.unanswered + h.excluded.count).toBe(rows.length);
    const f = fcr(cs, skip);
    expect(f.resolved + f.unresolved + f.missing + f.excluded.count).toBe(rows.length);
    const rc = repeatContactFcr(cs, skip);
    expect(rc.contacts + rc.missingKey + rc.excluded.count).toBe(rows.length);
    const v = volume(cs, skip);
    expect(v.total + v.excluded.count).toBe(rows.length);
    for (const r of [q, h, f, rc, v]) expect(Object.values(r.excluded.byField).reduce((a, b) => a + b, 0)).toBe(r.excluded.count);
  });

  test.prop([tickets])("ticket metrics", (rows) => {
    const ts = rows as Ticket[];
    const o = oneTouchResolution(ts, skip);
    expect(o.solved + o.unsolved + o.missingReplies + o.excluded.count).toBe(rows.length);
    const r = frt(ts, skip);
    expect(r.count + r.awaiting.count + r.missingStart + r.excluded.count).toBe(rows.length);
    const a = art(ts, skip);
    expect(a.count + a.open.count + a.excluded.count).toBe(rows.length);
  });
});
