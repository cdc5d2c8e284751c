// drizzle-kit writes `REFERENCES "public"."table"` into PostgreSQL migrations; the hub's tables may
// live in any schema (DATABASE_URL ?schema=NAME), so references stay unqualified and resolve in the
// schema the migration runs in.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const dir = new URL("../db/migrations/postgres/", import.meta.url);
for (const name of readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
  const file = new URL(name, dir);
  const sql = readFileSync(file, "utf8");
  const fixed = sql.replaceAll('REFERENCES "public".', "REFERENCES ");
  if (fixed !== sql) writeFileSync(file, fixed);
}
