import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxMetricsError, queueMetric } from "../../src/index.ts";
import { checkDefinition, definitionOf, intern } from "../../src/core/state.ts";

describe("state definitions", () => {
  it("render the options that shape a state, in a canonical string", () => {
    expect(definitionOf("queue", { target: 20_000, shortAbandon: 0 })).toBe("queue(target=20000,shortAbandon=0)");
    expect(queueMetric({ target: "30s" }).init().definition).toBe("queue(target=30000,shortAbandon=0)");
  });

  test.prop([fc.string()])("intern returns an equal string", (s) => {
    expect(intern(s)).toBe(s);
  });

  it("checkDefinition refuses anything but a state of that definition", () => {
    expect(() => checkDefinition("m", "state", "m()", { definition: "m()" })).not.toThrow();
    for (const bad of [null, undefined, 7, "m()", {}, { definition: "n()" }]) {
      expect(() => checkDefinition("m", "state", "m()", bad)).toThrow(CxMetricsError);
    }
  });
});
