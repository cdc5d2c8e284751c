import type { TestProject } from "vitest/node";
import { ToolMissingError, findChromium } from "../scripts/test-tools.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium executable the browser test drives (found, or installed, once per run). */
    chromiumPath: string;
  }
}

/**
 * vitest globalSetup of the browser project (vitest.config.ts): finds the Chromium the dashboard's
 * browser test drives before any test file runs — installing Debian's chromium when the machine
 * can — and hands its path to the test (`inject("chromiumPath")`). Runs only when the browser test
 * is part of the run.
 */
export default function setup(project: TestProject): void {
  try {
    project.provide("chromiumPath", findChromium());
  } catch (err) {
    if (!(err instanceof ToolMissingError)) throw err;
    // One line, not a stack trace from inside vitest: the message says what to install and set.
    console.error(err.message);
    process.exit(1);
  }
}
