import { openDb } from "../db/connection.js";
import { loadCycleSnapshot, referenceFingerprint, saveCycleSnapshot } from "../db/cycles/snapshot.store.js";
import { decodeCycleTable, checksumOf, encodeCycleTable } from "../db/cycles/cycle-table.snapshot.js";
import { readSnapshot } from "../db/driver/index.js";
import { getCycleTableSync } from "../db/cycles/index.js";
const db = openDb(process.argv[2]!);
const cpu = (f: () => unknown, label: string) => { const c0 = process.cpuUsage(); const t0 = performance.now(); const r = f(); const c = process.cpuUsage(c0); console.log(label, ((c.user + c.system) / 1000).toFixed(1), "cpu ms", (performance.now() - t0).toFixed(1), "wall"); return r; };
if (process.argv[3] === "save") { db.sql.prepare("DELETE FROM analytics_snapshots").run(); const t = getCycleTableSync(db.sql); const { signoffColumns } = await import("../db/cycles/index.js"); signoffColumns(db.sql, t); 
  cpu(() => encodeCycleTable(t), "encode"); console.log(cpu(() => saveCycleSnapshot(db.sql, t), "save")); }
for (let k = 0; k < 2; k++) {
  cpu(() => referenceFingerprint(db.sql), "fingerprint");
  const rows = cpu(() => db.sql.prepare("SELECT bytes FROM analytics_snapshots WHERE kind='cycle-table' ORDER BY chunk").pluck().all() as Buffer[], "read blobs") as Buffer[];
  const buf = rows[0]!;
  cpu(() => checksumOf(buf), "crc");
  cpu(() => decodeCycleTable(buf), "decode");
  cpu(() => readSnapshot(db.sql, () => loadCycleSnapshot(db.sql)), "loadCycleSnapshot total");
}
