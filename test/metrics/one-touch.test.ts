import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { oneTouchResolution, type Ticket } from "../../src/index.ts";
import { ticketsArb } from "./ops-arbitraries.ts";

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
    expect(exactly.rate?.value).toBe(50);
    expect(oneTouchResolution(tickets, { touches: "at-most-one" }).rate?.value).toBe(75);
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

  test.prop([ticketsArb])("a reply count (agentReplies) gives what the listed replies give", (list) => {
    // The same tickets with their agent replies counted instead of listed.
    const counted = list.map(({ replies, ...t }) => (replies === undefined ? t : { ...t, agentReplies: replies.filter((r) => r.automated !== true).length }));
    const a = oneTouchResolution(list, { touches: "at-most-one" });
    const b = oneTouchResolution(counted, { touches: "at-most-one" });
    expect([b.oneTouch, b.solved, b.zeroTouch, b.multiTouch, b.missingReplies]).toEqual([a.oneTouch, a.solved, a.zeroTouch, a.multiTouch, a.missingReplies]);
  });

  it("refuses a reply count that is not a whole number", () => {
    expect(() => oneTouchResolution([{ created: 0, status: "solved", agentReplies: 1.5 }])).toThrow(/agentReplies at index 0 is 1.5/);
    const skipped = oneTouchResolution([{ created: 0, status: "solved", agentReplies: -1 }, { created: 0, status: "solved", agentReplies: 1 }], { onInvalid: "skip" });
    expect([skipped.excluded.count, skipped.excluded.byField["agentReplies"], skipped.solved, skipped.oneTouch]).toEqual([1, 1, 1, 1]);
  });
});

