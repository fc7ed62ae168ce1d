import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = {
  resolve: {
    alias: [
      { find: /^cx-metrics\/report$/, replacement: fileURLToPath(new URL("./src/html/index.ts", import.meta.url)) },
      { find: /^cx-metrics\/sql$/, replacement: fileURLToPath(new URL("./src/sql/index.ts", import.meta.url)) },
      { find: /^cx-metrics\/schemas$/, replacement: fileURLToPath(new URL("./src/schemas/index.ts", import.meta.url)) },
      { find: /^cx-metrics$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
};

export default config;
