import { LIMIT_CODES } from "./limits.js";

/** The body of a 413 answer (GraphQL error shape, so clients parse it like any other error). */
export function payloadTooLargeBody(maxBodyBytes: number): string {
  return JSON.stringify({
    errors: [
      {
        message: `The request body is larger than the limit of ${maxBodyBytes} bytes: send a smaller query or fewer variables.`,
        extensions: { code: LIMIT_CODES.maxBodyBytes, limit: maxBodyBytes },
      },
    ],
  });
}

/** A body over the size limit; the HTTP layer answers 413 with payloadTooLargeBody. */
export class PayloadTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Reads a request body up to `maxBodyBytes`, refusing early on a larger Content-Length and while
 * streaming otherwise (a chunked body cannot grow past the limit in memory).
 */
export async function readBodyLimited(req: AsyncIterable<Buffer | string> & { headers: Record<string, string | string[] | undefined> }, maxBodyBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}
