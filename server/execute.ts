import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  isLeafType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { createRequire } from "node:module";
import type * as GraphQLJit from "graphql-jit";
import type { CompiledQuery } from "graphql-jit";
import { GraphQLDateTime } from "graphql-scalars";
import { civilFromDays, MS_PER_DAY } from "../analytics/working-days.js";
import type { HubContext } from "../schema/context.js";

// The CommonJS build, so that graphql-jit uses the same graphql-js module as the schema (its ESM
// build would be a second copy for tools that resolve `graphql/index.mjs`; see security/cost.plugin.ts).
const { compileQuery, isCompiledQuery } = createRequire(import.meta.url)("graphql-jit") as typeof GraphQLJit;

type Gateway = ApolloServerOptionsWithGateway<HubContext>["gateway"];
/** Apollo's executor hook: a request's context (document, operation, request, context) to its result. */
export type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/** How many times a document runs on graphql-js before it is compiled. */
const COMPILE_AFTER = 1;
/** Compiled operations alive at once at most (each holds generated code); past it, graphql-js. */
const MAX_COMPILED = 1000;

/** Per validated document (Apollo's document cache hands back the same object for the same query). */
interface Hot {
  runs: number;
  /** Compiled per operation name; null when graphql-jit cannot compile it (graphql-js runs it). */
  compiled: Map<string, CompiledQuery | null>;
  /** A plain field of this document held a Promise or a function once: compile with every resolver. */
  lazyLeaves?: boolean;
}

/**
 * Executes the hub's operations: queries a client sends again and again (a dashboard's) run as
 * code compiled by graphql-jit from the validated document, which skips graphql-js's per-field
 * interpretation (type checks, argument coercion, result maps) and roughly halves the CPU of a
 * nested query; everything else runs on graphql-js as usual.
 *
 * - Only documents Apollo parsed, validated (every validation rule and limit) and cached reach
 *   here; cost, rate and time limits run in plugins and resolvers exactly as for graphql-js.
 * - A document is compiled on its second run, so a stream of one-off queries costs no compiles
 *   (a compile costs about as much as one run of the same query); compiled code lives as long as
 *   Apollo keeps the document (a WeakMap on it), and at most MAX_COMPILED operations at once.
 * - Mutations stay on graphql-js (serial execution, rare); so do documents graphql-jit cannot
 *   compile, requests a plugin traces field by field (see `instrumented`), and requests whose
 *   variables do not coerce (graphql-js words those errors, which Apollo turns into
 *   BAD_USER_INPUT / HTTP 400; no resolver has run at that point).
 */
export function createExecutor(schema: GraphQLSchema): Executor {
  resolveEveryField(schema);
  const plain = plainFields(schema);
  const hot = new WeakMap<DocumentNode, Hot>();
  let live = 0;
  const collected = new FinalizationRegistry<number>((count) => (live -= count));
  const options = { customSerializers: guardedSerializers(schema, wireSerializers(schema)) };
  /** Compiles with plain fields read as properties (`asProperties`) or every field through its resolver. */
  const compile = (document: DocumentNode, operationName: string | undefined, asProperties: boolean): CompiledQuery | null => {
    // graphql-jit reads `field.resolve` and `isTypeOf` only while compiling: for that moment plain
    // fields have no resolver and the object types they hold check their values (synchronous, so
    // no request sees the schema so).
    if (asProperties) {
      for (const field of plain.fields) field.resolve = undefined;
      for (const type of plain.objectTypes) type.isTypeOf = notLazy;
    }
    try {
      const made = compileQuery(schema, document, operationName, options);
      return isCompiledQuery(made) ? made : null;
    } finally {
      if (asProperties) {
        for (const field of plain.fields) field.resolve = defaultFieldResolver;
        for (const type of plain.objectTypes) type.isTypeOf = undefined;
      }
    }
  };

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let entry = hot.get(document);
    if (!entry) hot.set(document, (entry = { runs: 0, compiled: new Map() }));
    if (entry.runs < COMPILE_AFTER) {
      entry.runs++;
      return null;
    }
    const key = operationName ?? "";
    let compiled = entry.compiled.get(key);
    if (compiled === undefined) {
      if (live >= MAX_COMPILED) return null;
      compiled = compile(document, operationName, !entry.lazyLeaves);
      entry.compiled.set(key, compiled);
      if (compiled) {
        live++;
        collected.register(document, 1);
      }
    }
    return compiled;
  };
  return async (rc) => {
    const { document, operation, request } = rc;
    const contextValue = rc.context as HubContext;
    const operationName = request.operationName ?? undefined;
    const onGraphQLJs = () => execute({ schema, document, contextValue, variableValues: request.variables, operationName }) as Promise<ExecutionResult> | ExecutionResult;
    // No operation resolved (an unknown operationName, or several operations and none named):
    // graphql-js words the error and Apollo answers it 400 OPERATION_RESOLUTION_FAILURE.
    if (!operation) return onGraphQLJs();
    if (operation.operation === "subscription") return { errors: [noSubscriptions()] };
    if (operation.operation !== "query" || instrumented(contextValue)) return onGraphQLJs();
    const compiled = compiledFor(document, operationName);
    if (!compiled) return onGraphQLJs();
    const result = (await compiled.query(undefined, contextValue, request.variables ?? {})) as ExecutionResult;
    // No data at all: the variables did not coerce (execution had not started).
    if (result.data === undefined && result.errors?.length) return onGraphQLJs();
    if (result.errors?.some(foundLazy)) {
      // A field read as a property held a lazy value (see plainFields): this answer is wrong.
      // graphql-js answers this request (queries only read); the document is compiled again with
      // every field through its resolver.
      const entry = hot.get(document)!;
      entry.lazyLeaves = true;
      entry.compiled.clear();
      return onGraphQLJs();
    }
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/** The hub's schema has no subscription type; graphql-js would fail such an operation as an internal error. */
const noSubscriptions = () =>
  new GraphQLError("The hub has no subscriptions: send a query or a mutation.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });

/** The instants `isoInstant` writes: years 0000 to 9999, as Date#toISOString writes them. */
const MIN_ISO_MS = -62_167_219_200_000;
const MAX_ISO_MS = 253_402_300_799_999;
const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

/**
 * `new Date(ms).toISOString()` for an integer `ms` from year 0000 to 9999, without the Date: the
 * date from the day number (civilFromDays), the time from the rest. V8's toISOString costs about a
 * microsecond, and a dashboard answer holds hundreds of instants.
 */
export function isoInstant(ms: number): string {
  const dayNumber = Math.floor(ms / MS_PER_DAY);
  const { year, month, day } = civilFromDays(dayNumber);
  let rest = ms - dayNumber * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const milli = rest - seconds * 1000;
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${milli < 10 ? "00" : milli < 100 ? "0" : ""}${milli}Z`;
}

/**
 * Leaf serialisers for compiled queries that give the bytes graphql-js's answer gives once
 * JSON-encoded, cheaper: `DateTime` (graphql-scalars') from epoch milliseconds, as the database
 * stores instants, straight to its RFC 3339 string instead of a Date that JSON.stringify then
 * formats. Any other value goes through the scalar itself (same validation and errors).
 */
function wireSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const dateTime = schema.getType("DateTime");
  if (!isScalarType(dateTime) || dateTime.serialize !== GraphQLDateTime.serialize) return {};
  return {
    DateTime: (value) => {
      if (typeof value === "number" && Number.isInteger(value) && value >= MIN_ISO_MS && value <= MAX_ISO_MS) return isoInstant(value);
      const out = dateTime.serialize(value);
      return out instanceof Date ? out.toJSON() : out;
    },
  };
}

/**
 * Names the fields that may hold a lazy value (a Promise or a method) instead of a plain one, and so
 * keep graphql-js's default resolver in compiled code: a connection's `totalCount`, counted only
 * when asked (schema/common/cursor.ts).
 */
const LAZY_FIELDS = (typeName: string, fieldName: string) => typeName.endsWith("Connection") && fieldName === "totalCount";

/**
 * The fields whose resolver is graphql-js's default one (the value read from the parent object)
 * and whose type is a leaf (a scalar or an enum) or one object (not a list), maybe non-null: most
 * fields of an answer (codes, names, dates, an edge's node, a summary's stage). graphql-jit
 * compiles such a field to a property read inside the object it builds, instead of a resolver call
 * with its closures, resolve info and promise check per value, which cost about a third of the CPU
 * of a dashboard's nested query. A lazy value (a Promise or a method, which graphql-js awaits or
 * calls) in such a field would be sent as it is: the known ones are named by LAZY_FIELDS; any other
 * is caught, in a leaf by `guardedSerializers`, in an object by `notLazy` as the type's isTypeOf
 * (`objectTypes`: the types such fields hold that have no isTypeOf of their own), and the request
 * answered by graphql-js.
 */
function plainFields(schema: GraphQLSchema): { fields: GraphQLField<unknown, unknown>[]; objectTypes: GraphQLObjectType[] } {
  const fields: GraphQLField<unknown, unknown>[] = [];
  const objectTypes = new Set<GraphQLObjectType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (field.resolve !== defaultFieldResolver || LAZY_FIELDS(type.name, field.name)) continue;
      if (isLeafType(inner)) fields.push(field);
      else if (isObjectType(inner) && !inner.isTypeOf) {
        fields.push(field);
        objectTypes.add(inner);
      }
    }
  }
  return { fields, objectTypes: [...objectTypes] };
}

const isLazy = (value: unknown) => typeof value === "function" || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
/** The isTypeOf of object types while compiling: false for a lazy value, which graphql-jit reports as "Expected value of type …". */
const notLazy = (value: unknown) => !isLazy(value);
/** True for the errors that say a plain field held a lazy value (from guardedSerializers or notLazy). */
const foundLazy = (error: GraphQLError) => error.message === LAZY_LEAF || error.message.startsWith('Expected value of type "');

/** The message of the error a guarded serialiser raises for a lazy value (never sent: the request is answered again). */
const LAZY_LEAF = "ighub: a leaf read as a property held a Promise or a function";

/**
 * Every leaf type's serialiser in compiled code (the wire serialisers, else the type's own), behind
 * a check that the value is not a Promise or a function: what a plain leaf read as a property
 * (plainFields) would hold if its parent made it lazy.
 */
function guardedSerializers(schema: GraphQLSchema, wire: Record<string, (value: unknown) => unknown>): Record<string, (value: unknown) => unknown> {
  const guarded: Record<string, (value: unknown) => unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isLeafType(type)) continue;
    const serialize = wire[type.name] ?? ((value: unknown) => type.serialize(value));
    // A string is its own String or ID; a boolean its own Boolean (graphql-js's serialisers return
    // such values as they are): no guard or call for the most common leaves.
    const builtIn = isSpecifiedScalarType(type);
    const same = builtIn && (type.name === "String" || type.name === "ID") ? "string" : builtIn && type.name === "Boolean" ? "boolean" : undefined;
    guarded[type.name] = same
      ? (value) => {
          if (typeof value === same) return value;
          if (isLazy(value)) throw new Error(LAZY_LEAF);
          return serialize(value);
        }
      : (value) => {
          if (isLazy(value)) throw new Error(LAZY_LEAF);
          return serialize(value);
        };
  }
  return guarded;
}

/**
 * Gives every field without a resolver graphql-js's default one (what graphql-js runs for it
 * anyway). graphql-jit reads such a field as a plain property, so a value that is a Promise (a
 * connection's lazy `totalCount`) or a method would be sent as it is instead of awaited or called.
 */
function resolveEveryField(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= defaultFieldResolver;
  }
}

/**
 * graphql-jit's errors as graphql-js would have made them (locatedError): same message, path and
 * locations, the thrown error as `originalError`, its `extensions` (an object even when empty,
 * which Apollo's error formatting relies on).
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const located = new GraphQLError(error.message, { path: error.path, originalError: original, extensions: error.extensions ?? undefined });
  if (error.locations) (located as { locations?: unknown }).locations = error.locations;
  return located;
}

/**
 * True when a plugin follows each field of this request (Apollo's willResolveField: inline traces
 * a federation gateway asks for, usage reporting): Apollo hooks that into graphql-js resolvers
 * through a symbol on the context, so such requests run on graphql-js.
 */
function instrumented(contextValue: object): boolean {
  return Object.getOwnPropertySymbols(contextValue).some((s) => s.description === "apolloServerExecutionDispatcherWillResolveField");
}

/**
 * The hub's schema as an Apollo "gateway" (Apollo Server's one hook for replacing its executor):
 * a fixed schema and `createExecutor`. Apollo still parses, validates, caches documents, runs every
 * plugin and formats every error as with `schema`. `executor` (createExecutor's) may be shared
 * with the hub's fast path (server/fast-path.ts), so both run a document's one compiled code.
 */
export function compiledExecution(schema: GraphQLSchema, executor: Executor = createExecutor(schema)): Gateway {
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}
