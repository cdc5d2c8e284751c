import { afterEach, describe, expect, it, vi } from "vitest";
import { csvReading, readSource } from "../../../db/import/source.reader.js";
import { file, tempDir } from "./helpers.js";

// When the CSV reading thread (db/import/csv.worker.mjs) cannot be created, or fails before it hands
// over anything, the file is read on the importing thread: same records, same errors.
const failure = vi.hoisted(() => ({ how: "throws" as "throws" | "errors" }));
vi.mock("node:worker_threads", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:worker_threads")>();
  const { EventEmitter } = await import("node:events");
  class FailingWorker extends EventEmitter {
    constructor() {
      super();
      if (failure.how === "throws") throw new Error("no threads here");
      setImmediate(() => {
        this.emit("error", new Error("the thread failed to load"));
        this.emit("exit", 1);
      });
    }
    terminate() {
      return Promise.resolve(1);
    }
  }
  return { ...real, Worker: FailingWorker };
});

const defaults = { ...csvReading };
afterEach(() => Object.assign(csvReading, defaults));

async function read(path: string, mode: "same" | "worker") {
  csvReading.mode = mode;
  const rows: { line: number; values: string[] }[] = [];
  let error: string | undefined;
  try {
    await readSource(path, "csv", { onHeader: () => {}, onRow: (row) => rows.push({ line: row.line, values: [...row.values!] }) });
  } catch (err) {
    error = (err as Error).message;
  }
  return { rows, error };
}

describe("CSV reading falls back to the main thread", () => {
  for (const how of ["throws", "errors"] as const) {
    it(`when the worker ${how === "throws" ? "cannot be created" : "fails before its first batch"}`, async () => {
      failure.how = how;
      const dir = tempDir();
      const good = file(dir, "good.csv", 'a,b\n1,"two, quoted"\r\n3,4\n');
      const bad = file(dir, "bad.csv", "a,b\n1,2\n3\n");
      for (const path of [good, bad]) {
        const same = await read(path, "same");
        expect(await read(path, "worker")).toEqual(same);
      }
      expect((await read(good, "worker")).rows).toEqual([
        { line: 2, values: ["1", "two, quoted"] },
        { line: 3, values: ["3", "4"] },
      ]);
      expect((await read(bad, "worker")).error).toBe(`${bad}:3: column 2: found 1 fields; expected 2, one per header column (a,b)`);
    });
  }
});
