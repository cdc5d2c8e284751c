import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import type { SubgraphEndpoint } from "./supergraph.config.js";

/** A subgraph that did not answer `_service { sdl }`: names it, its URL and why. */
export class SubgraphUnreachableError extends Error {
  constructor(
    readonly subgraph: string,
    readonly url: string,
    reason: string,
  ) {
    super(`subgraph "${subgraph}" (${url}) did not return its schema: ${reason}`);
    this.name = "SubgraphUnreachableError";
  }
}

/** The outcome of one composition attempt. */
export type CompositionAttempt =
  | { ok: true; supergraphSdl: string; subgraphs: string[] }
  | { ok: false; reason: "unreachable"; errors: string[] }
  | { ok: false; reason: "composition"; errors: string[] };

/** The network error behind a failed fetch (undici puts ECONNREFUSED and friends in `cause`). */
function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if ((err as Error).name === "TimeoutError") return "timed out";
  return cause?.message ?? (err as Error).message;
}

/**
 * Fetches one subgraph's SDL through the federation query `_service { sdl }`. Resolves to the SDL;
 * rejects with SubgraphUnreachableError when the subgraph is down, times out, answers with an
 * HTTP error or is not a federation subgraph.
 */
export async function fetchSubgraphSdl(subgraph: SubgraphEndpoint, timeoutMs = 5000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(subgraph.url, {
      method: "POST",
      // apollo-require-preflight: the hub and Apollo Server refuse simple (CSRF-able) requests without it.
      headers: { "content-type": "application/json", accept: "application/json", "apollo-require-preflight": "true" },
      body: JSON.stringify({ query: "query __SubgraphSdl { _service { sdl } }" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new SubgraphUnreachableError(subgraph.name, subgraph.url, describeFetchError(err));
  }
  const text = await res.text().catch(() => "");
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message?: string }[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl === "string") return sdl;
  const why = body?.errors?.[0]?.message ?? (res.ok ? "the answer has no _service.sdl" : `HTTP ${res.status}`);
  throw new SubgraphUnreachableError(subgraph.name, subgraph.url, `${why} (is it a Federation 2 subgraph?)`);
}

/**
 * Composes SDLs already in hand into a supergraph with @apollo/composition. Returns the
 * supergraph SDL, or the composition errors as one-line messages.
 */
export function composeSdls(services: readonly { name: string; url: string; sdl: string }[]): CompositionAttempt {
  let definitions;
  try {
    definitions = services.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
  } catch (err) {
    return { ok: false, reason: "composition", errors: [`a subgraph returned SDL that does not parse: ${(err as Error).message}`] };
  }
  const result = composeServices(definitions);
  if (result.errors) {
    return { ok: false, reason: "composition", errors: result.errors.map((e) => e.message.replace(/\s+/g, " ")) };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl, subgraphs: services.map((s) => s.name) };
}

/**
 * Fetches every subgraph's SDL (in parallel) and composes them. Never throws: an unreachable
 * subgraph or a composition error comes back as `{ ok: false, reason, errors }`.
 */
export async function composeSupergraph(subgraphs: readonly SubgraphEndpoint[], timeoutMs?: number): Promise<CompositionAttempt> {
  const settled = await Promise.allSettled(subgraphs.map((s) => fetchSubgraphSdl(s, timeoutMs)));
  const errors = settled.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
  if (errors.length) return { ok: false, reason: "unreachable", errors };
  return composeSdls(subgraphs.map((s, i) => ({ ...s, sdl: (settled[i] as PromiseFulfilledResult<string>).value })));
}
