import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // type-graphql is CommonJS and requires "graphql"; without this alias vitest would load the ESM
    // build as a second copy and graphql-js would refuse the schema ("from another module or realm").
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
