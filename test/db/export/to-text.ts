import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";
import type { Writable } from "node:stream";

/** What an export writer wrote, as text: `run` writes to a file at `path`, which is read back once finished. */
export async function toText(run: (out: Writable) => Promise<number>, path: string): Promise<string> {
  const out = createWriteStream(path);
  await run(out);
  out.end();
  await once(out, "finish");
  return readFileSync(path, "utf8");
}
