import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * graphql-codegen: typed documents (TypedDocumentNode) for the saved example queries and the
 * tests' operations, generated from the committed `schema.graphql` into `gql/`.
 * Run `npm run schema:emit && npm run codegen` after changing the schema or a document;
 * test/schema/codegen.test.ts fails when `gql/` is stale.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["examples/**/*.graphql", "test/**/*.graphql", "dashboard/queries/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // ESM NodeNext: generated imports carry their `.js` extension.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: "string", DateTime: "string", _Any: "unknown", link__Import: "unknown", federation__FieldSet: "string" },
      },
    },
  },
};

export default config;
