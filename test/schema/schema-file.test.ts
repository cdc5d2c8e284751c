import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printHubSdl } from "../../schema/index.js";
import { SCHEMA_FILE } from "../../schema/sdl.js";

describe("schema.graphql", () => {
  it("matches the schema the code builds", async () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    const built = await printHubSdl();
    if (committed !== built) {
      expect.fail("schema.graphql is out of date with the code: run `npm run schema:emit` (then `npm run codegen`) and commit both.");
    }
  });

  it("describes every type, field and argument (the playground is the analysts' manual)", async () => {
    const { buildHubSchema } = await import("../../schema/index.js");
    const schema = await buildHubSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("_") || type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      if (["link__Import", "link__Purpose", "federation__FieldSet", "federation__Scope", "federation__Policy"].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) {
          if (field.name.startsWith("_")) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
