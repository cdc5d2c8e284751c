import { SignJWT } from "jose";
import { ICaseworkError } from "./icasework.errors.js";
import { parseCaseDetails, parseCaseList, type ICaseworkCase, type ICaseworkListedCase } from "./icasework.parse.js";

/**
 * A client of iCasework's documented REST API (icasework.atlassian.net "REST API"; the field names
 * as in mysociety/icasework-ruby's fixtures):
 * - `POST {base}/token`, form-encoded grant_type `urn:ietf:params:oauth:grant-type:jwt-bearer` and
 *   an assertion JWT signed HS256 with the secret key, iss = the API key, aud = the token URL,
 *   iat = now → JSON `access_token`, `token_type`, `expires_in` (seconds);
 * - `GET {base}/getcases?Format=json[&From=YYYY-MM-DD]` → a JSON array of cases;
 * - `GET {base}/getcasedetails?CaseId=…&Format=xml` → `<Cases><Case>` with dotted element names;
 * both with `Authorization: Bearer <access_token>`.
 * The base is `https://{account}.icasework.com/` in production; a UAT base carries its account as
 * `?db=…` (`https://uat.icasework.com/?db=account`), which is kept on every request.
 * Every failure is one {@link ICaseworkError}; messages name the request, never a key or a token.
 */
export interface ICaseworkClientOptions {
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  /** Per request, connection to last byte (default 30 000 ms). */
  timeoutMs?: number;
  /** Clock (tests): epoch ms. */
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** A token is renewed this long before iCasework says it expires. */
const TOKEN_MARGIN_MS = 60_000;

export class ICaseworkClient {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly options: ICaseworkClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new ICaseworkError("settings", `--base-url ${JSON.stringify(options.baseUrl)} is not a URL; expected the base URL of your iCasework, e.g. https://{account}.icasework.com/`);
    }
    if (base.protocol !== "https:" && base.protocol !== "http:")
      throw new ICaseworkError("settings", `--base-url ${JSON.stringify(options.baseUrl)} is not an http(s) URL; expected e.g. https://{account}.icasework.com/`);
    if (!base.pathname.endsWith("/")) base.pathname += "/";
    this.base = base;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** The URL of an endpoint, with the base's own query (`db=`) and `params`. */
  endpoint(path: string, params: Record<string, string> = {}): URL {
    const url = new URL(path, this.base);
    url.search = this.base.search;
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  }

  /** Requests an access token (see the class comment). */
  async requestToken(): Promise<{ accessToken: string; tokenType: string; expiresIn: number }> {
    const url = this.endpoint("token");
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(this.options.apiKey)
      .setAudience(url.toString())
      .setIssuedAt(Math.floor(this.now() / 1000))
      .sign(new TextEncoder().encode(this.options.secretKey));
    const what = "POST token";
    const res = await this.send(url, what, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: GRANT_TYPE, assertion }).toString() });
    // iCasework answers a refused assertion with 400 and X-Application-Error-Info: invalid_grant; 401/403 mean the same.
    if (res.status === 401 || res.status === 403 || (res.status === 400 && /invalid_grant/i.test(res.headers.get("x-application-error-info") ?? "")))
      throw new ICaseworkError("credentials", `iCasework refused the API key and secret key (HTTP ${res.status} to ${what} at ${this.where(url)}); expected the key pair issued for this iCasework account (and, if it is bound to IP addresses, a request from one of them)`);
    const body = await this.body(res, url, what);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(body) as Record<string, unknown>;
    } catch (err) {
      throw new ICaseworkError("malformed", `iCasework's answer to ${what} is not valid JSON (${(err as Error).message}); expected { "access_token", "token_type", "expires_in" }`);
    }
    const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = data ?? {};
    if (typeof accessToken !== "string" || accessToken === "" || typeof tokenType !== "string" || typeof expiresIn !== "number")
      throw new ICaseworkError("malformed", `iCasework's answer to ${what} lacks access_token, token_type or expires_in; expected { "access_token": "…", "token_type": "Bearer", "expires_in": 3600 }`);
    return { accessToken, tokenType, expiresIn };
  }

  /** Cases received on or after `since` (YYYY-MM-DD; iCasework's `From` compares the receipt date), or all. */
  async listCases(since?: string): Promise<ICaseworkListedCase[]> {
    const url = this.endpoint("getcases", { Format: "json", ...(since ? { From: since } : {}) });
    return parseCaseList(await this.get(url, "GET getcases"), "GET getcases");
  }

  /** One case's details, reduced to what the hub keeps (see icasework.parse.ts). */
  async caseDetails(caseId: string): Promise<ICaseworkCase> {
    const url = this.endpoint("getcasedetails", { CaseId: caseId, Format: "xml" });
    const what = `GET getcasedetails?CaseId=${caseId}`;
    const details = parseCaseDetails(await this.get(url, what), what);
    if (details.caseId !== caseId) throw new ICaseworkError("malformed", `iCasework's answer to ${what} is case ${details.caseId}; expected case ${caseId}`);
    return details;
  }

  private async bearer(): Promise<string> {
    if (this.token && this.now() < this.token.until) return this.token.value;
    const t = await this.requestToken();
    this.token = { value: t.accessToken, until: this.now() + t.expiresIn * 1000 - TOKEN_MARGIN_MS };
    return t.accessToken;
  }

  private async get(url: URL, what: string): Promise<string> {
    const res = await this.send(url, what, { method: "GET", headers: { authorization: `Bearer ${await this.bearer()}` } });
    if (res.status === 401 || res.status === 403)
      throw new ICaseworkError("credentials", `iCasework refused the access token (HTTP ${res.status} to ${what} at ${this.where(url)}); expected the API key to be allowed to call ${url.pathname.split("/").pop()}`);
    return this.body(res, url, what);
  }

  /** The host and path of a URL for messages (no query: it may name an account). */
  private where(url: URL): string {
    return `${url.origin}${url.pathname}`;
  }

  private async send(url: URL, what: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs), redirect: "error" });
    } catch (err) {
      throw this.transportError(err, url, what);
    }
  }

  /** The body of a 2xx answer; any other status is an error. */
  private async body(res: Response, url: URL, what: string): Promise<string> {
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new ICaseworkError("server", `iCasework failed (HTTP ${res.status} to ${what} at ${this.where(url)}); expected 200 — nothing was written, try again later`);
    }
    if (res.status < 200 || res.status > 299) {
      const info = res.headers.get("x-application-error-info");
      await res.body?.cancel();
      throw new ICaseworkError("http", `iCasework answered HTTP ${res.status}${info ? ` (${info})` : ""} to ${what} at ${this.where(url)}; expected 200`);
    }
    try {
      return await res.text();
    } catch (err) {
      throw this.transportError(err, url, what);
    }
  }

  private transportError(err: unknown, url: URL, what: string): ICaseworkError {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError")
      return new ICaseworkError("timeout", `iCasework did not answer ${what} at ${this.where(url)} within ${this.timeoutMs / 1000} s; expected an answer (check the network, or allow longer with --timeout)`);
    const reason = e.cause?.code ?? e.cause?.message ?? e.message;
    return new ICaseworkError("unreachable", `cannot reach iCasework at ${this.where(url)} (${reason}) for ${what}; expected the base URL of your iCasework, e.g. https://{account}.icasework.com/`);
  }
}
