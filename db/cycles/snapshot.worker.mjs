// Writes a cycle-table snapshot into a SQLite file off the main thread (db/cycles/snapshot.store.ts,
// saveCycleSnapshotInBackground): writing some 75 MB and syncing it holds a thread for about half a
// second on the large set, which the server's event loop should not wait for. Its own connection, one
// write transaction (BEGIN IMMEDIATE) that re-checks the stored header first, as the synchronous
// save does (the same SQL): of two savers the newer snapshot stays. Plain JavaScript so that it
// loads the same way under tsx, vitest and node. One job per worker; the answer is posted back.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { path, kind, format, version, lastSeq, fingerprint, checksum, chunkBytes, bytes } = workerData;
let db;
try {
  db = new Database(path, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = FULL");
  const header = db.prepare("SELECT format, data_version AS version, fingerprint FROM analytics_snapshots WHERE kind = ? AND chunk = 0");
  const stale = () => {
    const h = header.get(kind);
    return !h || h.format !== format || h.fingerprint !== fingerprint || Number(h.version) < version;
  };
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const saved = db.transaction(() => {
    if (!stale()) return false;
    db.prepare("DELETE FROM analytics_snapshots WHERE kind = ?").run(kind);
    const insert = db.prepare(
      "INSERT INTO analytics_snapshots (kind, chunk, format, data_version, last_seq, fingerprint, chunks, size, checksum, at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const chunks = Math.max(1, Math.ceil(data.length / chunkBytes));
    const now = Date.now();
    for (let c = 0; c < chunks; c++) insert.run(kind, c, format, version, lastSeq, fingerprint, chunks, data.length, checksum, now, data.subarray(c * chunkBytes, (c + 1) * chunkBytes));
    return true;
  }).immediate();
  parentPort.postMessage({ saved });
} catch (err) {
  parentPort.postMessage({ error: String(err?.message ?? err) });
} finally {
  db?.close();
}
