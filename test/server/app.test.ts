import { print } from "graphql";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { setMeta } from "../../db/meta.js";
import { BoroughCountDocument } from "../../gql/graphql.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

const origin = () => new URL(hub.url).origin;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(hub.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("createHub over HTTP", () => {
  it("serves GraphQL at /graphql on 127.0.0.1", async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await post({ query: print(BoroughCountDocument) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { boroughs: { totalCount: 33 } } });
  });

  it("labels responses from a synthetic data set in extensions.dataset", async () => {
    setMeta(db.sql, "dataset", "demo");
    try {
      const res = await post({ query: "{ dataset { kind synthetic } }" });
      expect(await res.json()).toEqual({ data: { dataset: { kind: "DEMO", synthetic: true } }, extensions: { dataset: { kind: "DEMO", synthetic: true } } });
    } finally {
      setMeta(db.sql, "dataset", "empty");
    }
    const plain = await (await post({ query: "{ dataset { kind synthetic } }" })).json();
    expect(plain).toEqual({ data: { dataset: { kind: "EMPTY", synthetic: false } } });
  });

  it("answers a bad `first` with BAD_USER_INPUT, not a 500", async () => {
    const res = await post({ query: "{ boroughs(first: 101) { totalCount } }" });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/"first".*100/);
  });

  it("answers malformed JSON with 400 and a GraphQL error body", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/not valid JSON/);
  });

  it("does not serve Apollo's landing page; unknown paths are 404", async () => {
    const res = await fetch(`${origin()}/nowhere`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("reports liveness and readiness", async () => {
    const live = await fetch(`${origin()}/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${origin()}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
  });
});

describe("readiness without a database", () => {
  it("answers 503 once the database is closed", async () => {
    const own = openDb(":memory:");
    const h = await createHub({ config, db: own });
    try {
      own.close();
      const res = await fetch(`${new URL(h.url).origin}/readyz`);
      expect(res.status).toBe(503);
      expect((await res.json()).status).toBe("unavailable");
    } finally {
      await h.close();
    }
  });
});

describe("graceful close", () => {
  it("lets a request in flight finish, then refuses new connections", async () => {
    const own = openDb(":memory:");
    loadReferenceData(own);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await createHub({
      config,
      db: own,
      // A slow route: holds its answer until the test releases it.
      routes: [
        async (req, res) => {
          if (req.url !== "/slow") return false;
          await gate;
          res.end("done");
          return true;
        },
      ],
    });
    const base = new URL(h.url);
    const inFlight = new Promise<string>((resolve, reject) => {
      const r = request({ host: base.hostname, port: base.port, path: "/slow" }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(text));
      });
      r.on("error", reject);
      r.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    const closed = h.close();
    release();
    expect(await inFlight).toBe("done");
    await closed;
    await expect(fetch(`${base.origin}/healthz`)).rejects.toThrow();
    // A hub given a database leaves it open for its owner.
    expect(own.sql.open).toBe(true);
    own.close();
  });

  it("closes the database it opened itself", async () => {
    const h = await createHub({ config });
    await h.close();
    expect(h.db.sql.open).toBe(false);
  });

  it("names PORT when the port is in use", async () => {
    const port = Number(new URL(hub.url).port);
    await expect(createHub({ config: { ...config, port } })).rejects.toMatchObject({ userFacing: true, message: expect.stringMatching(/^PORT: port \d+ on 127\.0\.0\.1 is already in use/) });
  });
});
