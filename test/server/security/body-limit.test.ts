import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { PayloadTooLargeError, payloadTooLargeBody, readBodyLimited } from "../../../server/security/body-limit.js";

describe("request body size", () => {
  const req = (body: string, headers: Record<string, string> = {}) => Object.assign(Readable.from([Buffer.from(body)]), { headers });

  it("reads bodies up to the limit and refuses larger ones, declared or streamed", async () => {
    expect(await readBodyLimited(req("x".repeat(100)), 100)).toBe("x".repeat(100));
    await expect(readBodyLimited(req("x".repeat(101)), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readBodyLimited(req("x", { "content-length": "5000000" }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(JSON.parse(payloadTooLargeBody(1_048_576))).toEqual({
      errors: [{ message: "The request body is larger than the limit of 1048576 bytes: send a smaller query or fewer variables.", extensions: { code: "PAYLOAD_TOO_LARGE", limit: 1_048_576 } }],
    });
  });
});
