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

  it("links from README and between docs/ point at files and sections that exist", () => {
    const anchorsOf = (file: string): Set<string> => {
      const doc = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
      return new Set([...doc.matchAll(/^#+ (.*)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^a-z0-9 -]/g, "").trim().replace(/ /g, "-")));
    };
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)(?:#([^)]+))?\)/g)].map(([, file, anchor]) => [file as string, anchor] as const);
    expect(links.length).toBeGreaterThan(10);
    for (const doc of ["docs/trends.md", "docs/metrics.md", "docs/attribution.md", "docs/ingest.md", "docs/report.md", "docs/scale.md"]) {
      const text = readFileSync(new URL(`../../${doc}`, import.meta.url), "utf8");
      for (const [, file, anchor] of text.matchAll(/\]\(((?:metrics|trends|attribution|ingest|report|scale)\.md)(?:#([^)]+))?\)/g)) links.push([`docs/${file}`, anchor]);
    }
    for (const [file, anchor] of links) {
      expect(() => readFileSync(new URL(`../../${file}`, import.meta.url))).not.toThrow();
      if (anchor !== undefined) expect([file, anchor, anchorsOf(file).has(anchor)]).toEqual([file, anchor, true]);
    }
  });

  it("headlineOf reads the estimate of a result", () => {
    const metric = api.npsMetric();
    const result = metric.result(api.fold(metric, [10, 10, 3]));
    expect(headlineOf(metric, result)).toBe(result.score);
    expect(() => headlineOf({} as never, result)).toThrow(api.CxMetricsError);
  });
});
