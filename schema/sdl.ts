import {
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from "graphql";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The committed subgraph SDL (`npm run schema:emit` writes it). */
export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../schema.graphql");

/** Federation 2 link: the directives the hub's subgraph schema may use. */
export const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@tag", "@inaccessible"])
`;

/**
 * Prints a type-graphql schema as SDL, types sorted by name, keeping the directives applied with
 * `@Directive` (graphql-js's printSchema drops applied directives; type-graphql keeps them on each
 * type's and field's AST node). The output is deterministic for the same code.
 */
export function printWithDirectives(schema: GraphQLSchema): string {
  const sorted = lexicographicSortSchema(schema);
  const typeDirectives = new Map<string, readonly ConstDirectiveNode[]>();
  const fieldDirectives = new Map<string, readonly ConstDirectiveNode[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.astNode?.directives?.length) typeDirectives.set(type.name, type.astNode.directives);
    if ("getFields" in type) {
      for (const field of Object.values(type.getFields())) {
        const node = field.astNode;
        if (node?.directives?.length) fieldDirectives.set(`${type.name}.${field.name}`, node.directives);
      }
    }
  }
  let typeName = "";
  const rootDescriptions: Record<string, string> = {
    Query: "What the hub can be asked: boroughs, tools, organisations, initiatives and their IG stages, processes, metrics, and what data it holds.",
    Mutation: "What the hub can be told: stage events and initiatives (needs an editor or admin API key).",
  };
  const doc = visit(parse(printSchema(sorted)), {
    enter(node) {
      if (node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.INTERFACE_TYPE_DEFINITION || node.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        typeName = node.name.value;
        const directives = typeDirectives.get(typeName);
        const root = rootDescriptions[typeName];
        if (!directives && !(root && !node.description)) return undefined;
        return {
          ...node,
          ...(root && !node.description ? { description: { kind: Kind.STRING, value: root, block: true } } : {}),
          directives: [...(node.directives ?? []), ...(directives ?? [])],
        };
      }
      if (node.kind === Kind.FIELD_DEFINITION || node.kind === Kind.INPUT_VALUE_DEFINITION) {
        const directives = fieldDirectives.get(`${typeName}.${node.name.value}`);
        if (directives && node.kind === Kind.FIELD_DEFINITION) return { ...node, directives: [...(node.directives ?? []), ...directives] };
      }
      return undefined;
    },
  });
  return print(doc);
}
