import { generate } from "@graphql-codegen/cli";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../codegen.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("generated typed documents (gql/)", () => {
  it("are what codegen makes from schema.graphql and the documents now", { timeout: 120_000 }, async () => {
    const outputs = (await generate({ ...config, cwd: ROOT, silent: true, errorsOnly: true }, false)) as { filename: string; content: string }[];
    const generated = new Map(outputs.map((o) => [relative(ROOT, resolve(ROOT, o.filename)), o.content]));
    const committed = new Map(readdirSync(join(ROOT, "gql")).map((f) => [`gql/${f}`, readFileSync(join(ROOT, "gql", f), "utf8")]));
    const stale = [...new Set([...generated.keys(), ...committed.keys()])].filter((f) => generated.get(f) !== committed.get(f)).sort();
    if (stale.length) expect.fail(`gql/ is stale (${stale.join(", ")}): run \`npm run schema:emit && npm run codegen\` and commit gql/.`);
  });
});
