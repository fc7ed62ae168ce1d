// Headless Chromium for the tests, from the project's own install: @sparticuz/chromium ships the
// browser inside its npm package (unpacked to the system temp directory on first use), driven by
// playwright-core. Nothing is downloaded at install or test time. CHROMIUM_PATH overrides it (a
// system Chromium, e.g. /usr/bin/chromium).
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env["CHROMIUM_PATH"] ?? (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    // The package's own flags (no sandbox; not its single-process mode, which ends the browser with
    // its first page), plus no background
    // networking: the machine's network is closed and the report must not need it.
    args: [...chromium.args.filter((a) => a !== "--single-process"), "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}
