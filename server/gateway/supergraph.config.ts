import { readFileSync } from "node:fs";
import { z } from "zod";

/** One subgraph of the supergraph: its name in the supergraph and the URL of its GraphQL endpoint. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The gateway's configuration file (`supergraph.json`). */
export interface SupergraphConfig {
  subgraphs: SubgraphEndpoint[];
}

/** What a valid file looks like, quoted in every error so the fix is obvious. */
export const SUPERGRAPH_CONFIG_EXAMPLE = '{ "subgraphs": [{ "name": "hub", "url": "http://127.0.0.1:4000/graphql" }] }';

/**
 * A gateway configuration file that cannot be used. The message is one line: the file, what is
 * wrong and what is expected. `userFacing` makes the CLI print it without a stack trace (exit 2).
 */
export class SupergraphConfigError extends Error {
  readonly userFacing = true;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "SupergraphConfigError";
  }
}

// Subgraph names become enum values of the supergraph (join__Graph), so they must be GraphQL-name-like.
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const subgraphSchema = z
  .object({
    name: z
      .string({ error: () => 'must be a string such as "hub"' })
      .regex(NAME, 'must start with a letter and use only letters, digits, "_" or "-", e.g. "hub"'),
    url: z
      .string({ error: () => 'must be a string such as "http://127.0.0.1:4000/graphql"' })
      .refine((url) => {
        try {
          const { protocol } = new URL(url);
          return protocol === "http:" || protocol === "https:";
        } catch {
          return false;
        }
      }, 'must be an http:// or https:// URL, e.g. "http://127.0.0.1:4000/graphql"'),
  })
  .strict();

const fileSchema = z
  .object({
    subgraphs: z
      .array(subgraphSchema, { error: () => "must be a list of { name, url } objects" })
      .min(1, "must list at least one subgraph"),
  })
  .strict();

/** Formats a zod issue path as `subgraphs[1].url`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

/**
 * Validates parsed JSON as a supergraph configuration. Throws SupergraphConfigError naming the
 * first problem (with its path, e.g. `subgraphs[1].url`) and the expected shape.
 */
export function parseSupergraphConfig(file: string, value: unknown): SupergraphConfig {
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let where = pathOf(issue.path);
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      where = pathOf(issue.path) || "top level";
      message = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; expected only ${
        issue.path.length ? '"name" and "url"' : '"subgraphs"'
      }`;
    } else if (issue.path.length === 0) {
      message = "must be a JSON object";
    } else if (issue.code === "invalid_type" && issue.path.length === 1) {
      message = "is required: a list of { name, url } objects";
    }
    throw new SupergraphConfigError(file, `${where ? `${where} ` : ""}${message}. Expected ${SUPERGRAPH_CONFIG_EXAMPLE}`);
  }
  const seen = new Set<string>();
  parsed.data.subgraphs.forEach((s, i) => {
    if (seen.has(s.name)) {
      throw new SupergraphConfigError(file, `subgraphs[${i}].name ${JSON.stringify(s.name)} is listed twice; each subgraph needs its own name`);
    }
    seen.add(s.name);
  });
  return parsed.data;
}

/**
 * Reads and validates the gateway's configuration file. Throws SupergraphConfigError when the
 * file is missing, unreadable, not JSON, or not the expected shape.
 */
export function readSupergraphConfig(file: string): SupergraphConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? (err as Error).message})`;
    throw new SupergraphConfigError(file, `${why}. Expected a JSON file like ${SUPERGRAPH_CONFIG_EXAMPLE}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SupergraphConfigError(file, `not valid JSON (${(err as Error).message}). Expected ${SUPERGRAPH_CONFIG_EXAMPLE}`);
  }
  return parseSupergraphConfig(file, value);
}
