import type { HubDb } from "../../db/connection.js";
import { matchable, placeholders, stmt } from "../common/sql.js";
import type { Feature } from "./feature.type.js";
import type { Practice } from "./practice.type.js";
import type { ToolAdoption } from "./tool-adoption.type.js";
import type { ToolFeatureSupport } from "./tool-feature-support.type.js";
import type { Tool } from "./tool.type.js";
import type { SupportLevel } from "./tool.enums.js";

const TOOL_COLUMNS = `slug, name, vendor, description, cost, is_baseline AS "isBaseline", note, source`;
const ADOPTION_COLUMNS = `tool_slug AS "toolSlug", authority_code AS "authorityCode", from_date AS "from", to_date AS "to", source, synthetic`;

type Flagged<T, K extends keyof T> = Omit<T, K> & { [P in K]: number };
const toTool = (r: Flagged<Tool, "isBaseline">): Tool => ({ ...r, isBaseline: Boolean(r.isBaseline) });
const toAdoption = (r: Flagged<ToolAdoption, "synthetic">): ToolAdoption => ({ ...r, synthetic: Boolean(r.synthetic) });

/** Reads tools, features, feature support, adoptions and practices (async for a later PostgreSQL backend). */
export class ToolQueries {
  constructor(private readonly db: HubDb) {}

  /** Tools with these slugs (any order). */
  async bySlugs(slugs: readonly string[]): Promise<Tool[]> {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return stmt<Flagged<Tool, "isBaseline">>(this.db, `SELECT ${TOOL_COLUMNS} FROM tools WHERE slug IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toTool);
  }

  /** Up to `limit` tools after `afterSlug`, by slug (keyset). */
  async page(afterSlug: string | null, limit: number): Promise<Tool[]> {
    return stmt<Flagged<Tool, "isBaseline">>(this.db, `SELECT ${TOOL_COLUMNS} FROM tools WHERE slug > ? ORDER BY slug LIMIT ?`)
      .all(afterSlug ?? "", limit)
      .map(toTool);
  }

  /** Number of tools. */
  async count(): Promise<number> {
    return stmt<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM tools").get()!.n;
  }

  /** Feature support of these tools, each tool's rows in feature order. */
  async supportOf(slugs: readonly string[]): Promise<ToolFeatureSupport[]> {
    const rows = stmt<{ toolSlug: string; level: SupportLevel; note: string | null; source: string | null; slug: string; name: string; description: string; position: number }>(
      this.db,
      `SELECT tf.tool_slug AS "toolSlug", tf.level, tf.note, tf.source, f.slug, f.name, f.description, f.position
       FROM tool_features tf JOIN features f ON f.slug = tf.feature_slug
       WHERE tf.tool_slug IN (${placeholders(slugs.length)}) ORDER BY tf.tool_slug, f.position, f.slug`,
    ).all(...slugs);
    return rows.map((r) => ({
      toolSlug: r.toolSlug,
      level: r.level,
      note: r.note,
      source: r.source,
      feature: { slug: r.slug, name: r.name, description: r.description, position: r.position },
    }));
  }

  /** Adoptions of these tools, by tool then start date. */
  async adoptionsOfTools(slugs: readonly string[]): Promise<ToolAdoption[]> {
    return stmt<Flagged<ToolAdoption, "synthetic">>(
      this.db,
      `SELECT ${ADOPTION_COLUMNS} FROM tool_adoptions WHERE tool_slug IN (${placeholders(slugs.length)}) ORDER BY tool_slug, from_date, authority_code, id`,
    )
      .all(...slugs)
      .map(toAdoption);
  }

  /** Adoptions by these boroughs, by borough then start date. */
  async adoptionsByBoroughs(codes: readonly string[]): Promise<ToolAdoption[]> {
    return stmt<Flagged<ToolAdoption, "synthetic">>(
      this.db,
      `SELECT ${ADOPTION_COLUMNS} FROM tool_adoptions WHERE authority_code IN (${placeholders(codes.length)}) ORDER BY authority_code, from_date, tool_slug, id`,
    )
      .all(...codes)
      .map(toAdoption);
  }

  /** Every feature, in comparison order. */
  async features(): Promise<Feature[]> {
    return stmt<Feature>(this.db, "SELECT slug, name, description, position FROM features ORDER BY position, slug").all();
  }

  /** Every practice, by slug. */
  async practices(): Promise<Practice[]> {
    return stmt<Practice>(this.db, "SELECT slug, name, description, source FROM practices ORDER BY slug").all();
  }

  /** Practices with these slugs (any order). */
  async practicesBySlugs(slugs: readonly string[]): Promise<Practice[]> {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return stmt<Practice>(this.db, `SELECT slug, name, description, source FROM practices WHERE slug IN (${placeholders(keys.length)})`).all(...keys);
  }
}
