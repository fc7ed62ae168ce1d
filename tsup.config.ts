import type { Options } from "tsup";

// The library's entries. `schemas` and `report` import the core through the package's own name
// ("cx-metrics"), kept external, so every entry shares one CxMetricsError class at run time
// (instanceof works across them in ESM and CJS alike); users who never validate never load zod, and
// users who never write HTML never load the bundled charting script.
const library: Options = {
  entry: { index: "src/index.ts", schemas: "src/schemas/index.ts", report: "src/html/index.ts", sql: "src/sql/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  external: ["cx-metrics", "zod"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
  sourcemap: true,
  treeshake: true,
};

// The command line: Node only, ESM, with csv-parse bundled in so that `npx cx-metrics` needs nothing
// but the package itself.
const cli: Options = {
  entry: { cli: "src/cli/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  external: ["cx-metrics", "cx-metrics/report"],
  noExternal: ["csv-parse"],
  banner: { js: "#!/usr/bin/env node" },
  clean: false,
  sourcemap: true,
  dts: false,
};

const configs: Options[] = [library, cli];
export default configs;
