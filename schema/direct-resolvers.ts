import { isScalarType, type GraphQLFieldResolver } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Resolver = GraphQLFieldResolver<unknown, unknown>;
/** A handler parameter as type-graphql records it (the kinds this file passes on by itself). */
interface Param {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: unknown;
  /** An `@Arg`'s name. */
  name?: string;
  validateSettings?: unknown;
  validateFn?: unknown;
}
type Reader = (root: unknown, args: Record<string, unknown>, ctx: unknown, info: unknown) => unknown;
/** The type-graphql metadata `direct` reads besides the handlers. */
interface Storage {
  inputTypes: { target: Function; fields?: { name: string; getType: () => unknown }[] }[];
  argumentTypes: { target: Function; fields?: { name: string; getType: () => unknown }[] }[];
}
interface Handler {
  target: Function;
  methodName: string;
  schemaName: string;
  params?: Param[];
  middlewares?: unknown[];
  roles?: unknown[];
}

/**
 * The resolvers of `classes` that take only `@Root()`, `@Ctx()` (or a property of either),
 * `@Info()` and flat arguments, as direct calls of their methods, by type name then field name:
 * what type-graphql's handler does for them (the class's one instance, the method called with
 * those values) without its per-call work — a resolver-data object, the container lookup, the
 * middleware dispatch, `getParams`, which sorts and maps the parameter list on every call, and
 * an argument validation promise per call (so a handler that returns a value gives a value, not a
 * promise). On a nested page those run once per row (an initiative's `stageSummaries`, a
 * connection's `edges`, a borough's `initiatives`).
 *
 * Flat arguments (see `argReader`): an `@Arg` of a scalar or enum type, or of an input class that
 * is a data class with only scalar and enum fields (passed as the plain object graphql coerced,
 * which has the same properties as type-graphql's copy), and an `@Args` class that is such a data
 * class (passed as an object of its fields that were given, as type-graphql builds it).
 *
 * Left to type-graphql: other arguments (nested input classes, inheritance, per-argument
 * validation), custom parameter decorators, middlewares or roles, a `@Root()` whose type is a class
 * with members of its own (type-graphql copies the root into an instance of it; a data class, whose
 * copy holds the same properties, is passed as it is), field resolvers defined on an object type itself (`kind: internal`,
 * called on an instance of it), and any field two handlers claim. The hub builds with
 * `validate: false` and no auth checker or global middlewares (schema/index.ts), so nothing else
 * runs around such a handler.
 */
export function directResolvers(classes: readonly Function[]): Map<string, Map<string, Resolver>> {
  const storage = getMetadataStorage();
  const ours = new Set(classes);
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  const instanceOf = (target: Function) => {
    let instance = instances.get(target);
    if (!instance) instances.set(target, (instance = new (target as new () => Record<string, (...args: unknown[]) => unknown>)()));
    return instance;
  };
  const typeName = (cls: Function) => storage.objectTypes.find((o) => o.target === cls)?.name;

  const found = new Map<string, Map<string, Resolver | null>>();
  const add = (type: string | undefined, handler: Handler) => {
    if (!type) return;
    let fields = found.get(type);
    if (!fields) found.set(type, (fields = new Map()));
    // Two handlers for one field (an override through inheritance): type-graphql decides.
    fields.set(handler.schemaName, fields.has(handler.schemaName) ? null : direct(handler, instanceOf, storage as unknown as Storage));
  };
  for (const query of storage.queries as Handler[]) if (ours.has(query.target)) add("Query", query);
  for (const field of storage.fieldResolvers) {
    if (field.kind !== "external" || !ours.has(field.target) || !field.getObjectType) continue;
    add(typeName(field.getObjectType() as Function), field as Handler);
  }

  const out = new Map<string, Map<string, Resolver>>();
  for (const [type, fields] of found) {
    const usable = new Map([...fields].filter((e): e is [string, Resolver] => e[1] !== null));
    if (usable.size) out.set(type, usable);
  }
  return out;
}

/** The direct call of one handler, or null when it needs type-graphql (see directResolvers). */
function direct(handler: Handler, instanceOf: (target: Function) => Record<string, (...args: unknown[]) => unknown>, storage: Storage): Resolver | null {
  if (handler.middlewares?.length || handler.roles) return null;
  const params = [...(handler.params ?? [])].sort((a, b) => a.index - b.index);
  if (params.some((p, i) => p.index !== i)) return null;
  const readers: Reader[] = [];
  for (const p of params) {
    const name = p.propertyName;
    if (p.kind === "root" && plainRoot(p)) readers.push(name ? (root) => (root as Record<string, unknown>)[name] : (root) => root);
    else if (p.kind === "context") readers.push(name ? (_r, _a, ctx) => (ctx as Record<string, unknown>)[name] : (_r, _a, ctx) => ctx);
    else if (p.kind === "info") readers.push((_r, _a, _c, info) => info);
    else if (p.kind === "arg" || p.kind === "args") {
      const read = argReader(p, storage);
      if (!read) return null;
      readers.push(read);
    } else return null;
  }
  const method = handler.methodName;
  const target = handler.target;
  let instance: Record<string, (...args: unknown[]) => unknown> | undefined;
  const self = () => (instance ??= instanceOf(target));
  // The common shapes without an argument array.
  const kinds = params.map((p) => (p.propertyName ? "x" : p.kind)).join(",");
  if (kinds === "") return () => self()[method]!();
  if (kinds === "root") return (root) => self()[method]!(root);
  if (kinds === "context") return (_root, _args, ctx) => self()[method]!(ctx);
  if (kinds === "root,context") return (root, _args, ctx) => self()[method]!(root, ctx);
  return (root, args, ctx, info) => self()[method]!(...readers.map((read) => read(root, args, ctx, info)));
}

/**
 * Whether type-graphql passes values of this argument type as they are: a scalar (Int, ID and the
 * hub's own), String, Number, Boolean, Date, or an enum (a TypeScript enum object, not a class).
 */
function asItIs(type: unknown): boolean {
  if (type === String || type === Number || type === Boolean || type === Date || isScalarType(type)) return true;
  return typeof type === "object" && type !== null && !Array.isArray(type);
}

/** A data class whose fields are all passed as they are, with no fields inherited from a parent class. */
function flatClass(type: Function, fields: { getType: () => unknown }[] | undefined, kinds: Storage[keyof Storage]): boolean {
  if (!dataClass(type) || !fields || !noDefaults(type)) return false;
  const parent = Object.getPrototypeOf(type) as Function;
  if (kinds.some((t) => t.target === parent)) return false;
  return fields.every((f) => asItIs(f.getType()));
}

/** How a direct call reads a flat `@Arg` or `@Args` (see directResolvers), or null when it is not flat. */
function argReader(p: Param, storage: Storage): Reader | null {
  if (p.validateSettings !== undefined || p.validateFn !== undefined || typeof p.getType !== "function") return null;
  const type = (p.getType as () => unknown)();
  if (p.kind === "arg") {
    const name = p.name!;
    const input = storage.inputTypes.find((t) => t.target === type);
    if (input ? flatClass(input.target, input.fields, storage.inputTypes) : asItIs(type)) return (_r, args) => args[name];
    return null;
  }
  const argsType = storage.argumentTypes.find((t) => t.target === type);
  if (!argsType || !flatClass(argsType.target, argsType.fields, storage.argumentTypes)) return null;
  const names = argsType.fields!.map((f) => f.name);
  return (_r, args) => {
    const out: Record<string, unknown> = {};
    for (const name of names) if (args[name] !== undefined) out[name] = args[name];
    return out;
  };
}

/**
 * Whether type-graphql would hand this `@Root()` to the handler as it is or as a copy with the same
 * properties: no type recorded (esbuild emits no decorator metadata), a primitive or Object, a
 * scalar, or a data class (nothing on its prototype but the constructor, so the copy has no getter
 * or method the handler could use). Vitest's transform records the types; esbuild's does not.
 */
function plainRoot(p: Param): boolean {
  if (p.getType === undefined) return true;
  let type: unknown;
  try {
    type = (p.getType as () => unknown)();
  } catch {
    return false;
  }
  if (type === String || type === Number || type === Boolean || type === Object) return true;
  if (isScalarType(type)) return true;
  return typeof type === "function" && dataClass(type);
}

/** A new instance holds no value of its own (type-graphql's copy would keep a field's initialiser). */
function noDefaults(type: Function): boolean {
  try {
    const instance = new (type as new () => Record<string, unknown>)();
    return Object.values(instance).every((value) => value === undefined);
  } catch {
    return false;
  }
}

/** Nothing on the class's prototype but the constructor: a copy of an instance has all it has. */
function dataClass(type: Function): boolean {
  return Object.getOwnPropertyNames(type.prototype).every((name) => name === "constructor") && Object.getOwnPropertySymbols(type.prototype).length === 0;
}
