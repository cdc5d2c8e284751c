// The dashboard's GraphQL client: plain fetch POSTs to the hub's own /graphql with the documents
// kept in dashboard/queries/*.graphql (the same files graphql-codegen types), fetched once each.

const documents = new Map();
const KEY_STORE = "ighub.apiKey";

/** The API key for this tab (session storage), or null for anonymous reading. */
export function getApiKey() {
  try {
    return sessionStorage.getItem(KEY_STORE);
  } catch {
    return null; // storage disabled: anonymous
  }
}

/** Keeps (or with null, forgets) the API key for this tab. */
export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch {
    /* storage disabled: the key lasts until the page is left */
  }
}

/** A failed API call, with a message a person can act on. */
export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "ApiError";
    this.code = code ?? null;
  }
}

/** Listeners told about every response's `extensions` (the dataset label rides there). */
const extensionListeners = [];
export function onExtensions(listener) {
  extensionListeners.push(listener);
}

async function loadDocument(name) {
  if (!documents.has(name)) {
    documents.set(
      name,
      fetch(`/dashboard/queries/${name}.graphql`).then(async (res) => {
        if (!res.ok) throw new ApiError(`could not load the query ${name}: the hub answered ${res.status} ${res.statusText}`);
        return res.text();
      }),
    );
  }
  try {
    return await documents.get(name);
  } catch (err) {
    documents.delete(name); // let a later refresh try again
    throw err;
  }
}

/**
 * Runs the named document (file dashboard/queries/<name>.graphql) with `variables` and resolves
 * to its `data`. Rejects with an ApiError that says what went wrong: the network, an HTTP status,
 * or the first GraphQL error (with its code).
 */
export async function runQuery(name, variables = {}, { signal } = {}) {
  const query = await loadDocument(name);
  let res;
  try {
    const headers = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
    const key = getApiKey();
    if (key) headers.authorization = `Bearer ${key}`;
    res = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(`the hub could not be reached (${err && err.message ? err.message : "network error"})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (body && body.extensions) for (const listener of extensionListeners) listener(body.extensions);
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    const [first] = body.errors;
    const code = first.extensions && first.extensions.code;
    const hint = code === "UNAUTHENTICATED" ? "; enter an API key under “API key” above" : "";
    throw new ApiError(`${first.message}${code ? ` (${code})` : ""}${hint}`, code);
  }
  if (!res.ok) throw new ApiError(`the hub answered ${res.status} ${res.statusText || "error"}`.trim(), `HTTP_${res.status}`);
  if (!body || !body.data) throw new ApiError("the hub's answer held no data");
  return body.data;
}
