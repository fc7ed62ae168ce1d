// Prints vitest's JSON report as one plain closing line, "N passed, N failed", that any CI can read.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(new URL("../.tmp/vitest.json", import.meta.url), "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
if (report.numTotalTests === 0) process.exitCode = 1;
