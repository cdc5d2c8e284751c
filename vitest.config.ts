import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** The dashboard in Chromium: the one test that needs a program besides Node (test/chromium.setup.ts). */
const BROWSER_TEST = "test/dashboard/browser.test.ts";

export default defineConfig({
  resolve: {
    // type-graphql is CommonJS and requires "graphql"; without this alias vitest would load the ESM
    // build as a second copy and graphql-js would refuse the schema ("from another module or realm").
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two projects so that finding (or installing) Chromium happens only in a run that includes
    // the browser test: vitest runs a project's globalSetup only when one of its files is selected.
    projects: [
      { extends: true, test: { name: "hub", include: ["test/**/*.test.ts"], exclude: [BROWSER_TEST] } },
      { extends: true, test: { name: "browser", include: [BROWSER_TEST], globalSetup: ["test/chromium.setup.ts"] } },
    ],
  },
});
