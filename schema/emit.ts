import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { printHubSdl } from "./index.js";
import { SCHEMA_FILE } from "./sdl.js";

// `npm run schema:emit`: writes the hub's subgraph SDL to the committed `schema.graphql`
// (test/schema/schema-file.test.ts fails when the two disagree).

writeFileSync(SCHEMA_FILE, await printHubSdl());
console.log(`wrote ${SCHEMA_FILE}`);
