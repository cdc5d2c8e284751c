import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { jwtVerify } from "jose";

/**
 * A local stand-in for iCasework that speaks its documented protocol (see
 * db/connectors/icasework/icasework.client.ts): it verifies the token request's JWT with the secret
 * key (HS256, iss = the API key, aud = its token URL), hands out bearer tokens, and answers getcases
 * (JSON) and getcasedetails (XML with dotted element names) only with a token it issued. Its cases
 * carry personal data (MainParty.*, a label with a name) so tests can check none of it comes out.
 */

export interface StubStage {
  DateReceived?: string;
  DateDue?: string;
  DateCompleted?: string;
  Outcome?: string;
  OutcomeBy?: string;
}

export interface StubCase {
  CaseId: string;
  CaseType: string;
  Status: string;
  DateReceived: string;
  stages: StubStage[];
  DateWithdrawn?: string;
  DateClosed?: string;
  /** Personal data a real case holds; it must never leave the connector. */
  personal: { label: string; fullName: string; email: string; address: string; postcode: string; dateOfBirth: string; phone: string };
}

export interface StubOptions {
  apiKey: string;
  secretKey: string;
  cases: StubCase[];
}

export interface Stub {
  baseUrl: string;
  cases: StubCase[];
  /** Paths and queries asked, in order (`GET /getcases?Format=json`). */
  requests: string[];
  /** What the next answers do instead of the protocol. */
  fault: { tokenStatus?: number; getcasesStatus?: number; malformedXmlFor?: string; malformedJson?: boolean; delayMs?: number };
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function caseXml(c: StubCase): string {
  const el = (name: string, value = "") => `<${name}>${xml(value)}</${name}>`;
  const stages = [1, 2, 3, 4].flatMap((n) => {
    const st = c.stages[n - 1] ?? {};
    return [
      el(`CaseStageStage${n}.TargetDays`, "20"),
      // iCasework's stage 1 has no DateReceived of its own (the case's receipt date stands for it).
      ...(n === 1 ? [] : [el(`CaseStageStage${n}.DateReceived`, st.DateReceived)]),
      el(`CaseStageStage${n}.DateDue`, st.DateDue),
      el(`CaseStageStage${n}.Outcome`, st.Outcome),
      el(`CaseStageStage${n}.OutcomeDetails`, `Notes about ${c.personal.fullName}`),
      el(`CaseStageStage${n}.OutcomeBy`, st.OutcomeBy),
      el(`CaseStageStage${n}.DateCompleted`, st.DateCompleted),
      el(`CaseStageStage${n}.ResponseInTarget`, "Yes"),
    ];
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Cases RequestId="${c.CaseId}">`,
    "<Case>",
    el("CaseDetails.CaseId", c.CaseId),
    el("CaseDetails.CaseType", c.CaseType),
    el("CaseDetails.CaseLabel", c.personal.label),
    el("CaseDetails.Team", "Information governance"),
    el("CaseStatus.Status", c.Status),
    el("CaseStatus.CurrentStage", "Request"),
    el("CaseStatusReceipt.DateReceived", c.DateReceived),
    el("CaseStatusReceipt.TimeCreated", `${c.DateReceived}T09:15:00`),
    el("CaseStatusWithdrawal.DateWithdrawn", c.DateWithdrawn),
    el("CaseStatusWithdrawal.WithdrawnReason", c.DateWithdrawn ? `Withdrawn at the request of ${c.personal.fullName}` : ""),
    el("CaseStatusClosure.DateClosed", c.DateClosed),
    ...stages,
    el("MainParty.FullName", c.personal.fullName),
    el("MainParty.EmailAddress", c.personal.email),
    el("MainParty.Address", c.personal.address),
    el("MainParty.Postcode", c.personal.postcode),
    el("MainParty.DateOfBirth", c.personal.dateOfBirth),
    el("MainParty.Phone", c.personal.phone),
    "</Case>",
    "</Cases>",
  ].join("\n");
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startStub(options: StubOptions): Promise<Stub> {
  const issued = new Set<string>();
  let server: Server;
  const stub: Stub = {
    baseUrl: "",
    cases: options.cases,
    requests: [],
    fault: {},
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": type, ...headers });
    res.end(body);
  };
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", stub.baseUrl);
    stub.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (stub.fault.delayMs) await new Promise((r) => setTimeout(r, stub.fault.delayMs));
    if (url.pathname === "/token" && req.method === "POST") {
      // The real service answers a refused assertion with 400 and this header (icasework-ruby's fixtures).
      if (stub.fault.tokenStatus) return send(res, stub.fault.tokenStatus, "text/html", "<html>Error</html>", stub.fault.tokenStatus === 400 ? { "x-application-error-info": "invalid_grant" } : {});
      const form = new URLSearchParams(await bodyOf(req));
      if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return send(res, 400, "text/html", "<html>Bad grant</html>");
      try {
        await jwtVerify(form.get("assertion") ?? "", new TextEncoder().encode(options.secretKey), { issuer: options.apiKey, audience: `${stub.baseUrl}token`, algorithms: ["HS256"] });
      } catch {
        return send(res, 401, "text/html", "<html>Unauthorised</html>", { "x-application-error-info": "invalid_grant" });
      }
      const token = `token-${issued.size + 1}`;
      issued.add(token);
      return send(res, 200, "application/json;charset=UTF-8", JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600 }));
    }
    if (!issued.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) return send(res, 401, "text/html", "<html>No token</html>");
    if (url.pathname === "/getcases" && req.method === "GET") {
      if (stub.fault.getcasesStatus) return send(res, stub.fault.getcasesStatus, "text/html", "<html>Internal error</html>");
      if (stub.fault.malformedJson) return send(res, 200, "application/json", '[{"CaseId": "1",');
      const from = url.searchParams.get("From");
      const list = stub.cases
        .filter((c) => !from || c.DateReceived >= from)
        .map((c) => ({ CaseId: c.CaseId, CaseType: c.CaseType, CaseLabel: c.personal.label, DateReceived: c.DateReceived, TimeCreated: `${c.DateReceived}T09:15:00`, Status: c.Status }));
      return send(res, 200, "application/json;charset=UTF-8", JSON.stringify(list));
    }
    if (url.pathname === "/getcasedetails" && req.method === "GET") {
      const c = stub.cases.find((x) => x.CaseId === url.searchParams.get("CaseId"));
      if (!c) return send(res, 400, "text/html", "<html>Not found</html>", { "x-application-error-info": "Case not found" });
      if (stub.fault.malformedXmlFor === c.CaseId) return send(res, 200, "text/xml;charset=UTF-8", caseXml(c).replace("</Case>", "<Case>"));
      return send(res, 200, "text/xml;charset=UTF-8", caseXml(c));
    }
    send(res, 404, "text/html", "<html>Not found</html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return stub;
}
