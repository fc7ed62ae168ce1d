// One regression test per defect of issue 7, each reproducing the case the issue reported.
import { describe, expect, it } from "vitest";
import {
  aht,
  ahtMetric,
  art,
  artMetric,
  businessCalendar,
  ces,
  combine,
  CxMetricsError,
  csat,
  csatMetric,
  fcrMetric,
  fold,
  foldInto,
  frt,
  frtMetric,
  groupBy,
  nps,
  npsMetric,
  npsSampleSize,
  normalCdf,
  oneTouchResolution,
  oneTouchResolutionMetric,
  percentile,
  queue,
  queueMetric,
  repeatContactFcr,
  repeatContactFcrMetric,
  toEpochMs,
  volume,
  volumeMetric,
  type Contact,
  type Metric,
  type Ticket,
} from "../../src/index.ts";
import { parseContacts, parseTickets, safeParseContacts, safeParseSurveyResponses } from "../../src/schemas/index.ts";
import { hasNaN } from "../helpers.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CxMetricsError);
    return (e as CxMetricsError).code;
  }
  return undefined;
};
type AnyMetric = Metric<unknown, unknown, unknown>;
const erase = <I, S, O>(m: Metric<I, S, O>): AnyMetric => m as unknown as AnyMetric;

describe("1. merging a state into itself doubles it and never hangs", () => {
  const contacts: Contact[] = [
    { customerId: "a", arrived: T0 },
    { customerId: "a", arrived: T0 + DAY },
    { customerId: "b", arrived: T0 + 2 * DAY },
  ];
  const tickets: Ticket[] = [{ created: T0 }, { created: T0, solves: [T0 + DAY], status: "solved", replies: [{ at: T0 + 60_000 }] }, { created: T0 + DAY }];
  const cases: [string, AnyMetric, unknown[]][] = [
    ["repeatContactFcr", erase(repeatContactFcrMetric()), contacts],
    ["frt with waiting tickets", erase(frtMetric()), tickets],
    ["art with open tickets", erase(artMetric()), tickets],
    ["queue", erase(queueMetric()), [{ arrived: T0, answered: T0 + 5000 }, { arrived: T0, ended: T0 + 9000 }]],
    ["aht", erase(ahtMetric()), [{ answered: T0, talk: 1000, hold: 5 }]],
    ["nps weighted", erase(npsMetric({ weight: () => 0.5 })), [10, 3, 7]],
    ["volume", erase(volumeMetric()), contacts],
    ["one-touch", erase(oneTouchResolutionMetric()), tickets],
    ["fcr", erase(fcrMetric()), [true, false, null]],
  ];
  for (const [name, metric, rows] of cases) {
    it(`${name}: merge(s, s) equals the fold of the input twice`, () => {
      const s = fold(metric, rows);
      metric.merge(s, s);
      expect(metric.result(s)).toEqual(metric.result(fold(metric, [...rows, ...rows])));
    });
  }
});

describe("2. a record that is not an object is an invalid record, thrown with its index or skipped and counted", () => {
  const runs: [string, (rows: unknown[], skip: boolean) => { excluded: { count: number; byField: Record<string, number> } }][] = [
    ["queue", (rows, skip) => queue(rows as Contact[], skip ? { onInvalid: "skip" } : {})],
    ["aht", (rows, skip) => aht(rows as Contact[], skip ? { onInvalid: "skip" } : {})],
    ["oneTouchResolution", (rows, skip) => oneTouchResolution(rows as Ticket[], skip ? { onInvalid: "skip" } : {})],
    ["repeatContactFcr", (rows, skip) => repeatContactFcr(rows as Contact[], skip ? { onInvalid: "skip" } : {})],
    ["frt", (rows, skip) => frt(rows as Ticket[], skip ? { onInvalid: "skip" } : {})],
    ["art", (rows, skip) => art(rows as Ticket[], skip ? { onInvalid: "skip" } : {})],
    ["volume", (rows, skip) => volume(rows as Contact[], skip ? { onInvalid: "skip" } : {})],
  ];
  for (const [name, run] of runs) {
    it(name, () => {
      expect(() => run([null], false)).toThrow(`${name}: record at index 0 is null`);
      expect(() => run([7], false)).toThrow(CxMetricsError);
      expect({ ...run([null, 7, "x"], true).excluded.byField }).toEqual({ record: 3 });
    });
  }
  it("survey metrics read by field name", () => {
    expect(() => nps([null] as unknown as { nps: number }[], { value: "nps" })).toThrow("nps: record at index 0 is");
    expect(nps([null, { nps: 9 }] as { nps: number }[], { value: "nps", onInvalid: "skip" }).excluded.invalidRecord).toBe(1);
  });
});

describe("3. merging states of different definitions is refused with INCOMPATIBLE_STATE", () => {
  const contacts: Contact[] = [{ arrived: T0, answered: T0 + 30_000 }, { arrived: T0, answered: T0 + 10_000 }, { arrived: T0, ended: T0 + 40_000 }];
  it("queue targets 20 s and 60 s: either fold gives 33.3%, the merge is refused", () => {
    const a = queueMetric({ target: 20_000 });
    const b = queueMetric({ target: 60_000 });
    expect(a.result(fold(a, contacts)).serviceLevel?.value).toBeCloseTo(100 / 3, 12);
    expect(code(() => a.merge(fold(a, contacts), fold(b, contacts)))).toBe("INCOMPATIBLE_STATE");
  });
  const calendar = businessCalendar({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } });
  const pairs: [string, AnyMetric, AnyMetric][] = [
    ["shortAbandon", erase(queueMetric()), erase(queueMetric({ shortAbandon: 5000 }))],
    ["automated replies", erase(frtMetric()), erase(frtMetric({ automated: "include" }))],
    ["resolution point", erase(artMetric()), erase(artMetric({ resolution: "first" }))],
    ["business vs calendar time", erase(artMetric()), erase(artMetric({ businessHours: calendar }))],
    ["volume zone", erase(volumeMetric()), erase(volumeMetric({ timeZone: "Asia/Kolkata" }))],
    ["volume period day <- hour", erase(volumeMetric()), erase(volumeMetric({ period: "hour" }))],
    ["aht components", erase(ahtMetric()), erase(ahtMetric({ components: { talk: "talk" } }))],
    ["fcr with a one-touch state", erase(fcrMetric()), erase(oneTouchResolutionMetric())],
    ["nps with a csat state", erase(npsMetric()), erase(csatMetric())],
    ["nps scales", erase(npsMetric()), erase(npsMetric({ scale: { min: 1, max: 5 }, promoterMin: 5, detractorMax: 3 }))],
  ];
  for (const [name, a, b] of pairs) {
    it(name, () => {
      expect(code(() => a.merge(a.init(), b.init()))).toBe("INCOMPATIBLE_STATE");
      expect(code(() => a.result(b.init()))).toBe("INCOMPATIBLE_STATE");
      expect(code(() => a.add(b.init(), {} as never))).toBe("INCOMPATIBLE_STATE");
    });
  }
  it("options read only by result may differ: the reader's definition applies", () => {
    const a = queueMetric({ abandons: "met" });
    const b = queueMetric({ abandons: "excluded", level: 90 });
    const s = fold(a, contacts);
    a.merge(s, fold(b, contacts));
    expect(a.result(s).answered).toBe(4);
  });
});

describe("4. no NaN at extreme levels: level is bounded so z is finite", () => {
  it("99.99999999999999 is refused everywhere; 99.9999 works", () => {
    const level = 99.99999999999999;
    for (const f of [
      () => csat([5], { level }),
      () => ces([5], { level }),
      () => nps([9], { level, interval: "wald" }),
      () => queue([], { level }),
      () => aht([], { level }),
      () => frt([], { level }),
      () => art([], { level }),
      () => repeatContactFcr([], { level }),
      () => oneTouchResolution([], { level }),
    ]) expect(code(f)).toBe("INVALID_OPTION");
    const r = csat([5, 1, 4], { level: 99.9999 });
    expect(hasNaN(r)).toBe(false);
    expect(r.score!.interval.lower).toBeGreaterThanOrEqual(0);
  });
});

describe("5. a calendar that is never open is refused", () => {
  it("no hours at all", () => {
    expect(code(() => businessCalendar({ timeZone: "UTC", hours: {} }))).toBe("INVALID_OPTION");
    expect(code(() => businessCalendar({ timeZone: "UTC", hours: { monday: [] } }))).toBe("INVALID_OPTION");
  });
});

describe("6. the calendar cache starts over instead of passing its cap", () => {
  it("a one-day span in 2340 after spans in 2026 is measured", () => {
    const calendar = businessCalendar({ timeZone: "Europe/Berlin", hours: { monday: [["09:00", "17:00"]], tuesday: [["09:00", "17:00"]] } });
    expect(calendar.elapsed("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")).toBe(8 * 3_600_000);
    // 2340-03-05 is a Monday; Berlin is on CET in March before the change.
    expect(calendar.elapsed("2340-03-05T00:00:00Z", "2340-03-06T00:00:00Z")).toBe(8 * 3_600_000);
    expect(calendar.elapsed("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")).toBe(8 * 3_600_000);
    const tickets: Ticket[] = [{ created: "2026-03-02T08:00:00Z", firstResponse: "2026-03-02T10:00:00Z" }, { created: "2340-03-05T08:00:00Z", firstResponse: "2340-03-05T10:00:00Z" }];
    expect(frt(tickets, { businessHours: calendar }).mean?.value).toBe(2 * 3_600_000);
  });
});

describe("7. volume with an hourly series and an outlier a century later", () => {
  it("fills the gap (876,601 hours) instead of throwing", () => {
    const r = volume([{ arrived: T0 }, { arrived: T0 + 100 * 365 * DAY }], { period: "hour", onInvalid: "skip" });
    expect(r.total).toBe(2);
    expect(r.periods.length).toBe(100 * 365 * 24 + 1);
    expect(r.periods[0]?.count).toBe(1);
  });
  it("beyond a million periods, the error names the first and last period", () => {
    const f = (): unknown => volume([{ arrived: Date.UTC(1900, 0, 1) }, { arrived: Date.UTC(2300, 0, 1) }], { period: "hour" });
    expect(f).toThrow(/volume: arrived is "1900-01-01T00:00 to 2300-01-01T00:00"; expected at most 1000000 hours/);
  });
});

describe("8. flags and records are type-checked", () => {
  it('queue refuses the string "false" as a flag', () => {
    expect(() => queue([{ arrived: T0, ended: T0 + 5000, abandoned: "false" as unknown as boolean }])).toThrow('queue: abandoned at index 0 is "false"; expected true, false, or absent');
  });
  it("aht([7, 'x', true]) and oneTouchResolution([7, 'x']) are invalid records, not unanswered or unsolved", () => {
    const a = aht([7, "x", true] as unknown as Contact[], { onInvalid: "skip" });
    expect([a.unanswered, a.excluded.count]).toEqual([0, 3]);
    const o = oneTouchResolution([7, "x"] as unknown as Ticket[], { onInvalid: "skip" });
    expect([o.unsolved, o.excluded.count]).toEqual([0, 2]);
  });
});

describe("9. keys from user data are plain keys, never prototype properties", () => {
  it("an AHT component named toString or __proto__", () => {
    const rows = [{ answered: T0, toString: 1000, hidden: 2000 }, { answered: T0, toString: -1, hidden: 0 }];
    const components = JSON.parse('{"toString": "toString", "__proto__": "hidden"}') as Record<string, string>;
    const r = aht(rows as unknown as Contact[], { components: components as never, onInvalid: "skip" });
    expect(r.excluded.byField["toString"]).toBe(1);
    expect(Object.keys(r.components)).toEqual(["toString", "__proto__"]);
    expect(r.components["__proto__"]?.mean).toBe(2000);
    expect(r.aht?.value).toBe(3000);
  });
  it("a combine key __proto__ stays in the result and in JSON", () => {
    const card = combine(JSON.parse('{"__proto__": 1, "nps": 2}', (k, v) => (k === "__proto__" ? npsMetric() : k === "nps" ? csatMetric() : v)) as Record<string, AnyMetric>);
    const r = card.result(fold(card, [5, 4])) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(["__proto__", "nps"]);
    expect(JSON.stringify(r)).toContain('"__proto__"');
    expect((r as { score?: unknown }).score).toBeUndefined();
  });
});

describe("10. percentiles of any iterable; sample sizes finite", () => {
  it("percentile(new Set([1, 2, 3]), 50) is 2", () => {
    expect(percentile(new Set([1, 2, 3]), 50)).toBe(2);
    function* gen(): Generator<number> {
      yield 4;
      yield 1;
    }
    expect(percentile(gen(), 50)).toBe(2.5);
  });
  it("npsSampleSize refuses margins that give no finite answer", () => {
    expect(code(() => npsSampleSize({ margin: 1e-160, population: 1000 }))).toBe("INVALID_OPTION");
    expect(code(() => npsSampleSize({ margin: 1e-160 }))).toBe("INVALID_OPTION");
    expect(Number.isSafeInteger(npsSampleSize({ margin: 0.01, level: 99.9999 }))).toBe(true);
  });
});

describe("11. weighted shares stay in 0..100 and parts add up", () => {
  it("ces with weights [1e100, 3]: neutral is never negative", () => {
    const r = ces([7, 4], { weight: (_, i) => (i === 0 ? 1e100 : 3) });
    expect(r.neutral).toBe(3);
    expect(r.neutralShare).toBeGreaterThanOrEqual(0);
    expect(r.easy + r.neutral + r.difficult).toBe(r.total);
  });
  it("weighted NPS parts add up exactly", () => {
    const weights = [0.1, 3.3, 7.7, 0.30000000000000004, 9.9, 1.1];
    const r = nps([10, 7, 3, 9, 8, 0], { weight: (_, i) => weights[i]! });
    expect(r.promoters + r.passives + r.detractors).toBe(r.total);
  });
});

describe("12. normalCdf keeps its relative precision in the lower tail", () => {
  // Reference values from the Taylor series evaluated in 60-digit decimal arithmetic (Python's decimal),
  // rounded to the nearest double.
  it.each([
    [-1.9, 0.028716559816001803],
    [-2.5, 0.006209665325776135],
    [-2.963, 0.0015232828454138654],
    [-3.0, 0.0013498980316300946],
  ])("Φ(%d)", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(2e-15);
  });
});

describe("13. CSAT's default threshold is sensible on short scales", () => {
  it("good/bad: only good is satisfied", () => {
    expect(csat([1, 0, 0, 0], { scale: { min: 0, max: 1 } }).score?.value).toBe(25);
    expect(csat([3, 2, 1], { scale: { min: 1, max: 3 } }).satisfiedMin).toBe(3);
    expect(csat([5, 4, 3], { scale: { min: 1, max: 5 } }).satisfiedMin).toBe(4);
  });
});

describe("14 and 15: repeat-contact pending and the fourth service-level treatment", () => {
  it("an open window is pending even after a repeat (see repeat-contacts.test.ts for the hand-worked case)", () => {
    const r = repeatContactFcr([{ customerId: "a", arrived: T0 }, { customerId: "a", arrived: T0 + DAY }]);
    expect([r.pending, r.unresolved]).toEqual([1, 0]);
  });
  it('abandons: "ignored" gives answered within T over answered', () => {
    const r = queue([{ arrived: T0, answered: T0 + 5000 }, { arrived: T0, answered: T0 + 50_000 }, { arrived: T0, ended: T0 + 3000 }], { abandons: "ignored" });
    expect(r.serviceLevel?.value).toBe(50);
  });
});

describe("16. unit traps fail loudly", () => {
  it("epoch seconds", () => {
    expect(code(() => toEpochMs(1772442000))).toBe("INVALID_VALUE");
    expect(safeParseContacts([{ arrived: 1772442000 }]).success).toBe(false);
    expect(parseContacts([{ arrived: 1772442000 }], { epoch: "s" })[0]?.arrived).toBe(1772442000000);
  });
  it("a target of 20 (seconds meant) is refused; units can be written out", () => {
    expect(code(() => queue([], { target: 20 }))).toBe("INVALID_OPTION");
    expect(queue([{ arrived: T0, answered: T0 + 15_000 }], { target: "20s" }).serviceLevel?.value).toBe(100);
    expect(queue([], { target: "PT20S" }).target).toBe(20_000);
    expect(repeatContactFcr([], { window: "7d" }).window).toBe(7 * DAY);
  });
});

describe("17. the schemas accept only what the metrics accept", () => {
  it("instants outside 1800-2400, answered and abandoned together, ids as numbers", () => {
    expect(safeParseContacts([{ arrived: 1e300 }]).success).toBe(false);
    expect(() => parseTickets([{ created: "0000-01-01T00:00:00Z" }])).toThrow(/created at index 0/);
    expect(() => parseContacts([{ arrived: T0, answered: T0 + 1000, abandoned: true }])).toThrow(/abandoned at index 0/);
    expect(parseTickets([{ id: 123, customerId: 456, created: T0 }])[0]).toMatchObject({ id: 123, customerId: 456 });
  });
  it("scale options are validated", () => {
    expect(() => safeParseSurveyResponses([], { npsScale: { min: 0 } as never })).toThrow(/option "npsScale"/);
    expect(() => safeParseSurveyResponses([], { npsScal: { min: 0, max: 10 } } as never)).toThrow(/option "npsScal"/);
  });
});

describe("19. wrong arguments get the library's own error", () => {
  it("groupBy given a batch function, foldInto given a string offset", () => {
    expect(() => groupBy(nps as never, [], (r) => r)).toThrow("groupBy: option \"metric\" is a function; expected a metric such as npsMetric(...), not a batch function such as nps");
    const m = npsMetric();
    expect(code(() => foldInto(m, m.init(), [11], "10" as never))).toBe("INVALID_OPTION");
  });
});

describe("20. a state that went through JSON is refused, never read as empty", () => {
  it("nps and art", () => {
    const m = npsMetric();
    const s = fold(m, Array.from({ length: 500 }, () => 9));
    expect(code(() => m.result(JSON.parse(JSON.stringify(s))))).toBe("INCOMPATIBLE_STATE");
    const a = artMetric();
    const t = fold(a, [{ created: T0, solves: [T0 + 1000], status: "solved" }] as Ticket[]);
    expect(code(() => a.merge(a.init(), JSON.parse(JSON.stringify(t))))).toBe("INCOMPATIBLE_STATE");
    expect(code(() => m.result(null as never))).toBe("INCOMPATIBLE_STATE");
  });
});
