import type { Options } from "tsup";

// Two entries. The schemas entry imports the core through the package's own name ("cx-metrics"),
// kept external, so both entries share one CxMetricsError class at run time (instanceof works across
// them in ESM and CJS alike) and users who never validate never load zod.
const config: Options = {
  entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  external: ["cx-metrics", "zod"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
  sourcemap: true,
  treeshake: true,
};

export default config;
