import { describe, expect, it } from "vitest";
import {
  aht,
  art,
  businessCalendar,
  ces,
  compareNps,
  CxMetricsError,
  csat,
  fcr,
  frt,
  nps,
  npsSampleSize,
  oneTouchResolution,
  proportionInterval,
  queue,
  repeatContactFcr,
  surveyComments,
  toEpochMs,
  volume,
} from "../../src/index.ts";

const contacts = [{ arrived: "2026-03-02T09:00:00Z" }];
const counts = { promoters: 5, detractors: 1, total: 10 };

/** [call, the misspelt key, the suggestion the error must make (null: the known options are listed)] */
const misspelt: [string, () => unknown, string, string | null][] = [
  ["volume timezone", () => volume(contacts, { timezone: "Asia/Kolkata" } as never), "timezone", "timeZone"],
  ["nps promoterMIn", () => nps([9], { promoterMIn: 8 } as never), "promoterMIn", "promoterMin"],
  ["nps detractormax", () => nps([9], { detractormax: 5 } as never), "detractormax", "detractorMax"],
  ["nps levle", () => nps([9], { levle: 90 } as never), "levle", "level"],
  ["nps onInValid", () => nps([9], { onInValid: "skip" } as never), "onInValid", "onInvalid"],
  ["csat satisfiedMIn", () => csat([5], { satisfiedMIn: 5 } as never), "satisfiedMIn", "satisfiedMin"],
  ["csat intervall", () => csat([5], { intervall: "wald" } as never), "intervall", "interval"],
  ["ces verison", () => ces([5], { verison: 1 } as never), "verison", "version"],
  ["ces dificult", () => ces([5], { dificult: { min: 1, max: 2 } } as never), "dificult", "difficult"],
  ["queue targt", () => queue(contacts, { targt: 30_000 } as never), "targt", "target"],
  ["queue shortAbandons", () => queue(contacts, { shortAbandons: 5000 } as never), "shortAbandons", "shortAbandon"],
  ["queue abandonedWithinTarget", () => queue(contacts, { abandonedWithinTarget: "met" } as never), "abandonedWithinTarget", null],
  ["aht component", () => aht([], { component: {} } as never), "component", "components"],
  ["aht handeled", () => aht([], { handeled: () => true } as never), "handeled", "handled"],
  ["fcr resolve", () => fcr([], { resolve: "ok" } as never), "resolve", "resolved"],
  ["oneTouchResolution touch", () => oneTouchResolution([], { touch: "at-most-one" } as never), "touch", "touches"],
  ["repeatContactFcr windw", () => repeatContactFcr([], { windw: 86_400_000 } as never), "windw", "window"],
  ["repeatContactFcr asof", () => repeatContactFcr([], { asof: 0 } as never), "asof", "asOf"],
  ["frt automation", () => frt([], { automation: "include" } as never), "automation", "automated"],
  ["frt businesshours", () => frt([], { businesshours: undefined } as never), "businesshours", "businessHours"],
  ["art resolutions", () => art([], { resolutions: "first" } as never), "resolutions", "resolution"],
  ["volume weekStartOn", () => volume(contacts, { weekStartOn: 7 } as never), "weekStartOn", "weekStartsOn"],
  ["businessCalendar holiday", () => businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] }, holiday: ["2026-12-25"] } as never), "holiday", "holidays"],
  ["proportionInterval method", () => proportionInterval(1, 2, { method: "wald" } as never), "method", null],
  ["compareNps method", () => compareNps(counts, counts, { method: "wald" } as never), "method", null],
  ["npsSampleSize margn", () => npsSampleSize({ margin: 5, populaton: 100 } as never), "populaton", "population"],
  ["surveyComments limt", () => surveyComments([], { comment: () => "", limt: 1 } as never), "limt", "limit"],
  ["toEpochMs unit", () => toEpochMs(0, { unit: "s" } as never), "unit", null],
];

describe("misspelt option keys are rejected, naming the key and the nearest valid one", () => {
  it.each(misspelt)("%s", (_, call, key, suggestion) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CxMetricsError);
    const e = error as CxMetricsError;
    expect([e.code, e.field]).toEqual(["INVALID_OPTION", key]);
    if (suggestion !== null) expect(e.message).toContain(`did you mean "${suggestion}"?`);
    else expect(e.message).toContain("one of the known options:");
  });

  it("counts them: every one of the misspellings is caught", () => {
    expect(misspelt.length).toBeGreaterThanOrEqual(22);
  });
});

describe("options that are not an object", () => {
  it.each([
    ["nps([9], null)", () => nps([9], null as never)],
    ['volume(contacts, "skip")', () => volume(contacts, "skip" as never)],
    ["csat([5], [])", () => csat([5], [] as never)],
    ["queue(contacts, 5)", () => queue(contacts, 5 as never)],
    ["frt([], () => 1)", () => frt([], (() => 1) as never)],
  ])("%s is a CxMetricsError, not a TypeError", (_, call) => {
    expect(call).toThrow(expect.objectContaining({ code: "INVALID_OPTION", field: "options" }));
  });
});
