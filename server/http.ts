import type { ApolloServer, HTTPGraphQLRequest, HTTPGraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HubContext } from "../schema/context.js";
import type { FastPath } from "./fast-path.js";
import { PayloadTooLargeError, payloadTooLargeBody, readBodyLimited } from "./security/body-limit.js";

/** Copies node's request headers into Apollo's HeaderMap (lower-case keys, repeated values joined). */
export function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** An error body in the GraphQL response shape, so clients parse it like any other error. */
function errorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * Reads the body of a GraphQL request: JSON bodies parsed (Apollo expects an object), others
 * passed as text for Apollo to refuse with its own message. Returns an early answer instead when
 * the body is too large (413) or not valid JSON (400).
 */
async function readGraphQLBody(req: IncomingMessage, maxBodyBytes: number, headers: HeaderMap): Promise<{ body: unknown } | { status: number; text: string }> {
  if (req.method !== "POST") return { body: undefined };
  let text: string;
  try {
    text = await readBodyLimited(req as IncomingMessage & AsyncIterable<Buffer>, maxBodyBytes);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return { status: 413, text: payloadTooLargeBody(maxBodyBytes) };
    throw err;
  }
  const type = headers.get("content-type") ?? "";
  if (!/^application\/(graphql-response\+)?json\b/i.test(type)) return { body: text };
  if (text.trim() === "") return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch (err) {
    return { status: 400, text: errorBody(`The request body is not valid JSON (${(err as Error).message}): send {"query": "...", "variables": {...}}.`, "BAD_REQUEST") };
  }
}

/**
 * The answer to one GraphQL request: the fast path's for the common request it takes (see
 * server/fast-path.ts), else Apollo's, from which the fast path learns the content type that
 * request's Accept header gets.
 */
export async function answerGraphQL(
  apollo: ApolloServer<HubContext>,
  httpGraphQLRequest: HTTPGraphQLRequest,
  context: (headers: HeaderMap) => Promise<HubContext>,
  fast?: FastPath,
): Promise<HTTPGraphQLResponse> {
  const quick = fast && (await fast.answer(httpGraphQLRequest));
  if (quick) return quick;
  const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(httpGraphQLRequest.headers) });
  fast?.learn(httpGraphQLRequest, answer);
  return answer;
}

/**
 * Serves one GraphQL-over-HTTP request with Apollo Server on plain node:http: converts the request
 * to Apollo's HTTPGraphQLRequest (as Apollo's own standalone server does, without express), runs
 * it (answerGraphQL), and writes the answer.
 */
export async function serveGraphQL(
  apollo: ApolloServer<HubContext>,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  context: (headers: HeaderMap) => Promise<HubContext>,
  fast?: FastPath,
): Promise<void> {
  const headers = toHeaderMap(req);
  const read = await readGraphQLBody(req, maxBodyBytes, headers);
  if ("status" in read) {
    res.writeHead(read.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(read.text) });
    res.end(read.text);
    return;
  }
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    headers,
    search: queryStart < 0 ? "" : url.slice(queryStart),
    body: read.body,
  };
  const answer = await answerGraphQL(apollo, httpGraphQLRequest, context, fast);
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === "complete") {
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}
