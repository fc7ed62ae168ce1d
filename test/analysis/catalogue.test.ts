import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.ts";
import { headlineOf, metricCatalogue } from "../../src/index.ts";

describe("metricCatalogue", () => {
  it("lists every metric factory the package exports, once", () => {
    const factories = Object.keys(api).filter((k) => k.endsWith("Metric") && typeof (api as Record<string, unknown>)[k] === "function");
    expect(metricCatalogue.map((m) => (m.factory as { name: string }).name).sort()).toEqual(factories.sort());
  });

  it("each entry's headline is its metric's, and names a field of the result", () => {
    for (const entry of metricCatalogue) {
      const metric = entry.factory();
      expect(metric.name).toBe(entry.name);
      expect(metric.headline).toBe(entry.headline);
      const empty = metric.result(metric.init()) as Record<string, unknown>;
      if (entry.headline !== null) {
        expect(entry.headline in empty).toBe(true);
        expect(empty[entry.headline]).toBeNull();
      }
      expect(headlineOf(metric, empty)).toBeNull();
    }
  });

  it("points at sections of docs/metrics.md that exist", () => {
    const doc = readFileSync(new URL("../../docs/metrics.md", import.meta.url), "utf8");
    const anchors = new Set(
      [...doc.matchAll(/^#+ (.*)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^a-z0-9 -]/g, "").trim().replace(/ /g, "-")),
    );
    for (const entry of metricCatalogue) expect(anchors.has(entry.docs.split("#")[1] as string)).toBe(true);
  });

  it("README's links into docs/ point at files and sections that exist", () => {
    const doc = readFileSync(new URL("../../docs/metrics.md", import.meta.url), "utf8");
    const anchors = new Set([...doc.matchAll(/^#+ (.*)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^a-z0-9 -]/g, "").trim().replace(/ /g, "-")));
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)(?:#([^)]+))?\)/g)];
    expect(links.length).toBeGreaterThan(10);
    for (const [, file, anchor] of links) {
      expect(() => readFileSync(new URL(`../../${file}`, import.meta.url))).not.toThrow();
      if (anchor !== undefined && file === "docs/metrics.md") expect([anchor, anchors.has(anchor)]).toEqual([anchor, true]);
    }
  });

  it("headlineOf reads the estimate of a result", () => {
    const metric = api.npsMetric();
    const result = metric.result(api.fold(metric, [10, 10, 3]));
    expect(headlineOf(metric, result)).toBe(result.score);
    expect(() => headlineOf({} as never, result)).toThrow(api.CxMetricsError);
  });
});
