import type { HubDb } from "../connection.js";
import { bumpDataVersion } from "../cycles/change-log.js";
import { AUTHORITIES } from "./authority.data.js";
import { FEATURES } from "./feature.data.js";
import { PRACTICES } from "./practice.data.js";
import { PROCESSES } from "./process.data.js";
import { TOOL_FEATURES } from "./tool-feature.data.js";
import { TOOLS } from "./tool.data.js";

type Row = Record<string, string | number | null>;

/**
 * Builds an upsert that only touches a row whose values differ, so `changes` counts real changes
 * and a second load of the same data writes nothing.
 */
function upsert(table: string, keys: readonly string[], columns: readonly string[]): string {
  const all = [...keys, ...columns];
  const set = columns.map((c) => `"${c}" = excluded."${c}"`).join(", ");
  const differs = columns.map((c) => `"${table}"."${c}" IS DISTINCT FROM excluded."${c}"`).join(" OR ");
  return (
    `INSERT INTO "${table}" (${all.map((c) => `"${c}"`).join(", ")}) VALUES (${all.map((c) => `@${c}`).join(", ")}) ` +
    `ON CONFLICT (${keys.map((k) => `"${k}"`).join(", ")}) DO UPDATE SET ${set} WHERE ${differs}`
  );
}

const bool = (b: boolean) => (b ? 1 : 0);

/**
 * Loads the reference data — the 33 authorities, the tools and their feature support, the
 * features, the practices and the process definitions — into `db`. Idempotent: rows are upserted
 * by key, so it can run at every start; it never deletes. Returns the number of rows inserted or
 * changed (0 when the database already held exactly this data); bumps the data version only then.
 */
export function loadReferenceData(db: HubDb): number {
  const conn = db.sql;
  const run = (sql: string, rows: readonly Row[]) => {
    const stmt = conn.prepare(sql);
    let n = 0;
    for (const r of rows) n += stmt.run(r).changes;
    return n;
  };
  return conn.transaction(() => {
    let changed = 0;
    for (const p of PROCESSES) {
      changed += run(upsert("processes", ["slug"], ["name", "source", "is_default"]), [
        { slug: p.slug, name: p.name, source: p.source, is_default: bool(p.isDefault) },
      ]);
      changed += run(
        upsert("process_stages", ["process_slug", "code"], ["position", "name", "description"]),
        p.stages.map((s) => ({ process_slug: p.slug, code: s.code, position: s.position, name: s.name, description: s.description })),
      );
    }
    changed += run(
      upsert("authorities", ["code"], ["name", "ons_zone", "statutory_zone", "loti_member_since", "loti_membership", "source"]),
      AUTHORITIES.map((a) => ({
        code: a.code,
        name: a.name,
        ons_zone: a.onsZone,
        statutory_zone: a.statutoryZone,
        loti_member_since: a.lotiMemberSince,
        loti_membership: a.lotiMembership,
        source: a.source,
      })),
    );
    changed += run(
      upsert("tools", ["slug"], ["name", "vendor", "description", "cost", "is_baseline", "note", "source"]),
      TOOLS.map((t) => ({
        slug: t.slug,
        name: t.name,
        vendor: t.vendor,
        description: t.description,
        cost: t.cost,
        is_baseline: bool(t.isBaseline),
        note: t.note,
        source: t.source,
      })),
    );
    changed += run(upsert("features", ["slug"], ["name", "description", "position"]), FEATURES.map((f) => ({ ...f })));
    changed += run(
      upsert("tool_features", ["tool_slug", "feature_slug"], ["level", "note", "source"]),
      TOOL_FEATURES.map((tf) => ({ tool_slug: tf.toolSlug, feature_slug: tf.featureSlug, level: tf.level, note: tf.note, source: tf.source })),
    );
    changed += run(upsert("practices", ["slug"], ["name", "description", "source"]), PRACTICES.map((p) => ({ ...p })));
    // Reference rows are read by cached queries (borough and tool lists), so a real change must
    // invalidate them like any other write.
    if (changed > 0) bumpDataVersion(conn);
    return changed;
  })();
}
