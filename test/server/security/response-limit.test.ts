import { describe, expect, it } from "vitest";
import { limitedJson } from "../../../server/security/hub-security.js";
import { makeServer } from "./limits.fixture.js";

describe("response size limit", () => {
  it("serialises as Apollo does (JSON and a newline) up to the limit, counting UTF-8 bytes", () => {
    const value = { data: { name: "Ēaling" } }; // Ē is two bytes
    const text = JSON.stringify(value) + "\n";
    expect(Buffer.byteLength(text)).toBe(text.length + 1);
    expect(limitedJson(value, text.length + 1)).toBe(text);
    expect(JSON.parse(limitedJson(value, text.length))).toEqual({
      data: null,
      errors: [
        {
          message: `The answer (${text.length + 1} bytes) is larger than the response limit of ${text.length} bytes: ask for fewer fields, groups or smaller pages.`,
          extensions: { code: "RESPONSE_TOO_LARGE", limit: text.length },
        },
      ],
    });
  });

  it("replaces a larger answer by one RESPONSE_TOO_LARGE error naming the limit", async () => {
    const h = await makeServer({ production: false, limits: { maxResponseBytes: 100 } });
    try {
      expect((await h.post({ query: "{ hello }" })).json).toEqual({ data: { hello: "hi" } });
      // What the answer would have been (the fixture's resolver gives 3 boroughs E0900000n / Bn−1).
      const answer = { data: { boroughs: { edges: [1, 2, 3].map((i) => ({ node: { code: `E0900000${i}`, name: `B${i - 1}` } })) } } };
      const size = JSON.stringify(answer).length + 1;
      expect(size).toBe(160);
      const big = await h.post({ query: "{ boroughs(first: 3) { edges { node { code name } } } }" });
      expect(big.status).toBe(200);
      expect(big.json).toEqual({
        data: null,
        errors: [
          {
            message: "The answer (160 bytes) is larger than the response limit of 100 bytes: ask for fewer fields, groups or smaller pages.",
            extensions: { code: "RESPONSE_TOO_LARGE", limit: 100 },
          },
        ],
      });
    } finally {
      await h.server.stop();
    }
  });
});
