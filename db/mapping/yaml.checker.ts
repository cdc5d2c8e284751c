import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

/**
 * Strict reading of a YAML document: every value is checked where it stands, and each problem
 * names the file's line, the key path (`events[2].date.format`) and what was expected. The checker
 * gathers every problem before the loader gives up, so an analyst fixes a file in one pass.
 */

/** One problem with a mapping file. */
export interface MappingProblem {
  file: string;
  line: number;
  /** Key path, e.g. `events[2].date.format`; "" for the whole file. */
  path: string;
  message: string;
}

/** `file:line: path: message` — the one-line form the CLI prints. */
export function formatMappingProblem(p: MappingProblem): string {
  return `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** A mapping file that cannot be used; `problems` holds every one found. */
export class MappingFileError extends Error {
  readonly userFacing = true;
  constructor(readonly problems: MappingProblem[]) {
    super(problems.map(formatMappingProblem).join("\n"));
    this.name = "MappingFileError";
  }
}

export type YamlNode = Node | null | undefined;

/** How a value is shown in "got …": a scalar as JSON, a mapping or list by its kind. */
export function describe(node: YamlNode): string {
  if (node === null || node === undefined) return "nothing";
  if (isMap(node)) return "a mapping (key: value lines)";
  if (isSeq(node)) return "a list";
  const t = scalarText(node);
  return t === null ? "an empty value" : JSON.stringify(t);
}

/**
 * A scalar's text as written (`010` stays `010`, `true` stays `true`), null for an empty value or
 * `~`, undefined when the node is not a scalar.
 */
export function scalarText(node: YamlNode): string | null | undefined {
  if (node === null || node === undefined) return null;
  if (!isScalar(node)) return undefined;
  if (node.value === null) return null;
  if (typeof node.value === "string") return node.value;
  return node.source ?? String(node.value);
}

export class YamlChecker {
  readonly problems: MappingProblem[] = [];
  private readonly lines = new LineCounter();
  readonly root: YamlNode;

  constructor(
    readonly file: string,
    text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines });
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? 0;
      // The file's line is in front already: the message's own "at line L, column C:" and source excerpt go.
      const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      this.problems.push({ file, line, path: "", message: `not valid YAML: ${message}` });
    }
    this.root = doc.errors.length > 0 ? null : (doc.contents as YamlNode);
  }

  line(node: YamlNode): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : 1;
  }

  fail(path: string, node: YamlNode, message: string): void {
    this.problems.push({ file: this.file, line: this.line(node), path, message });
  }

  /**
   * The entries of a mapping, refusing keys not in `allowed` and reporting `required` ones that
   * are missing. Null (after a problem is reported) when the node is not a mapping.
   */
  entries(node: YamlNode, path: string, allowed: readonly string[], required: readonly string[] = []): Map<string, Node | null> | null {
    if (!isMap(node)) {
      this.fail(path, node, `expected a mapping with the keys ${allowed.join(", ")}, got ${describe(node)}`);
      return null;
    }
    const out = new Map<string, Node | null>();
    for (const pair of node.items) {
      const key = scalarText(pair.key as YamlNode);
      const at = join(path, key ?? "?");
      if (typeof key !== "string") this.fail(path, pair.key as YamlNode, `expected a key (a name), got ${describe(pair.key as YamlNode)}`);
      else if (!allowed.includes(key)) this.fail(at, pair.key as YamlNode, `unknown key; expected one of ${allowed.join(", ")}`);
      else out.set(key, (pair.value as Node | null) ?? null);
    }
    for (const key of required) if (!out.has(key)) this.fail(join(path, key), node, "missing; this key is required");
    return out;
  }

  /** The pairs of a free-form mapping (names chosen by the mapping's author), keys as text. */
  pairs(node: YamlNode, path: string, what: string): [string, Node | null, YamlNode][] | null {
    if (!isMap(node)) {
      this.fail(path, node, `expected ${what}, got ${describe(node)}`);
      return null;
    }
    const out: [string, Node | null, YamlNode][] = [];
    for (const pair of node.items) {
      const key = scalarText(pair.key as YamlNode);
      if (typeof key !== "string" || key.trim() === "") this.fail(path, pair.key as YamlNode, `expected a non-empty key, got ${describe(pair.key as YamlNode)}`);
      else out.push([key, (pair.value as Node | null) ?? null, pair.key as YamlNode]);
    }
    return out;
  }

  /** A non-empty text; undefined (after a problem is reported) otherwise. */
  text(node: YamlNode, path: string, expected: string): string | undefined {
    const t = scalarText(node);
    if (typeof t === "string" && t.trim() !== "") return t.trim();
    this.fail(path, node, `expected ${expected}, got ${describe(node)}`);
    return undefined;
  }

  /** One of `allowed` (exactly as written there). */
  oneOf<T extends string>(node: YamlNode, path: string, allowed: readonly T[]): T | undefined {
    const t = scalarText(node);
    if (typeof t === "string" && (allowed as readonly string[]).includes(t.trim())) return t.trim() as T;
    this.fail(path, node, `expected one of ${allowed.map((a) => (a === "" ? '""' : a)).join(", ")}, got ${describe(node)}`);
    return undefined;
  }

  /** true / false. */
  flag(node: YamlNode, path: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.fail(path, node, `expected true or false, got ${describe(node)}`);
    return undefined;
  }

  /** The items of a list (a single value counts as a list of one when `single` allows it). */
  list(node: YamlNode, path: string, expected: string, single = false): { node: Node | null; path: string }[] | undefined {
    if (isSeq(node)) return node.items.map((item, i) => ({ node: (item as Node | null) ?? null, path: `${path}[${i}]` }));
    if (single && isScalar(node)) return [{ node, path }];
    this.fail(path, node, `expected ${expected}, got ${describe(node)}`);
    return undefined;
  }
}

/** `a.b`, or `b` at the top. */
export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
