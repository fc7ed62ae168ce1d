import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "docs/api/", "node_modules/", ".tmp/", "src/html/vendor/*.generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts"],
    rules: {
      // The core is runtime-neutral: no Node built-ins, no console.
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "os", "child_process"] }],
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/stats/**/*.ts", "src/core/**/*.ts", "src/time/**/*.ts"],
    rules: {
      // Layers point down only: core, stats and time never import metrics or analysis.
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/metrics/**", "**/analysis/**", "**/schemas/**", "zod"] }],
    },
  },
  {
    files: ["src/format/**/*.ts"],
    rules: {
      // Formatting reads results; it computes nothing of its own.
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/metrics/**", "**/analysis/**", "**/schemas/**", "**/stats/**", "zod"] }],
    },
  },
  {
    files: ["src/ingest/**/*.ts"],
    rules: {
      // Reading rows builds records; it computes no metric (metric option types only).
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/analysis/**", "**/schemas/**", "**/stats/**", "zod"] }],
    },
  },
  {
    files: ["src/report/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/schemas/**", "zod"] }],
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    // The command line is the one place in src/ that does I/O (files, stdout, stderr) on Node.
    languageOptions: { globals: { process: "readonly" } },
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/schemas/**", "zod"] }],
    },
  },
  {
    files: ["src/html/**/*.ts"],
    rules: {
      // The HTML entry uses the core through the package's name only (one CxMetricsError class).
      "no-restricted-imports": ["error", { patterns: ["node:*", "../*", "!./vendor/*", "zod"] }],
    },
  },
  {
    files: ["src/metrics/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/analysis/**", "**/schemas/**", "zod"] }],
    },
  },
  {
    files: ["src/analysis/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/schemas/**", "zod"] }],
    },
  },
  {
    files: ["scripts/**/*.mjs", "scripts/**/*.ts", "bench/**/*.ts", "bench/**/*.mjs", "examples/**/*.ts"],
    languageOptions: { globals: { console: "readonly", process: "readonly", performance: "readonly", URL: "readonly" } },
  },
);
