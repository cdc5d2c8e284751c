import type { HubDb } from "../connection.js";
import type { ToolRecord } from "../reference/tool.data.js";
import { cachedStatement, matchable, placeholders } from "../sql.js";

/** An IG tool (table tools), or `manual`, the baseline: the columns of the reference data's record. */
export type ToolRow = ToolRecord;

/** A row of the tool comparison (table features). */
export interface FeatureRow {
  slug: string;
  name: string;
  description: string;
  position: number;
}

/** How far one tool supports one feature (table tool_features, with the feature). */
export interface ToolFeatureSupportRow {
  toolSlug: string;
  /** FULL, PARTIAL, NONE or UNKNOWN. */
  level: string;
  note: string | null;
  source: string | null;
  feature: FeatureRow;
}

/** A borough's use of a tool over a period (table tool_adoptions). */
export interface ToolAdoptionRow {
  toolSlug: string;
  authorityCode: string;
  from: string;
  to: string | null;
  source: string;
  synthetic: boolean;
}

/** A template or way of working (table practices). */
export interface PracticeRow {
  slug: string;
  name: string;
  description: string;
  source: string;
}

const TOOL_COLUMNS = `slug, name, vendor, description, cost, is_baseline AS "isBaseline", note, source`;
const ADOPTION_COLUMNS = `tool_slug AS "toolSlug", authority_code AS "authorityCode", from_date AS "from", to_date AS "to", source, synthetic`;

type Flagged<T, K extends keyof T> = Omit<T, K> & { [P in K]: number };
const toTool = (r: Flagged<ToolRow, "isBaseline">): ToolRow => ({ ...r, isBaseline: Boolean(r.isBaseline) });
const toAdoption = (r: Flagged<ToolAdoptionRow, "synthetic">): ToolAdoptionRow => ({ ...r, synthetic: Boolean(r.synthetic) });

/** Reads tools, features, feature support, adoptions and practices. */
export class ToolQueries {
  constructor(private readonly db: HubDb) {}

  /** Tools with these slugs (any order). */
  bySlugs(slugs: readonly string[]): ToolRow[] {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<Flagged<ToolRow, "isBaseline">>(this.db, `SELECT ${TOOL_COLUMNS} FROM tools WHERE slug IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toTool);
  }

  /** Up to `limit` tools after `afterSlug`, by slug (keyset). */
  page(afterSlug: string | null, limit: number): ToolRow[] {
    return cachedStatement<Flagged<ToolRow, "isBaseline">>(this.db, `SELECT ${TOOL_COLUMNS} FROM tools WHERE slug > ? ORDER BY slug LIMIT ?`)
      .all(afterSlug ?? "", limit)
      .map(toTool);
  }

  /** Number of tools. */
  count(): number {
    return cachedStatement<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM tools").get()!.n;
  }

  /** Feature support of these tools, each tool's rows in feature order. */
  supportOf(slugs: readonly string[]): ToolFeatureSupportRow[] {
    const rows = cachedStatement<{ toolSlug: string; level: string; note: string | null; source: string | null; slug: string; name: string; description: string; position: number }>(
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
  adoptionsOfTools(slugs: readonly string[]): ToolAdoptionRow[] {
    return cachedStatement<Flagged<ToolAdoptionRow, "synthetic">>(
      this.db,
      `SELECT ${ADOPTION_COLUMNS} FROM tool_adoptions WHERE tool_slug IN (${placeholders(slugs.length)}) ORDER BY tool_slug, from_date, authority_code, id`,
    )
      .all(...slugs)
      .map(toAdoption);
  }

  /** Adoptions by these boroughs, by borough then start date. */
  adoptionsByBoroughs(codes: readonly string[]): ToolAdoptionRow[] {
    return cachedStatement<Flagged<ToolAdoptionRow, "synthetic">>(
      this.db,
      `SELECT ${ADOPTION_COLUMNS} FROM tool_adoptions WHERE authority_code IN (${placeholders(codes.length)}) ORDER BY authority_code, from_date, tool_slug, id`,
    )
      .all(...codes)
      .map(toAdoption);
  }

  /** Every feature, in comparison order. */
  features(): FeatureRow[] {
    return cachedStatement<FeatureRow>(this.db, "SELECT slug, name, description, position FROM features ORDER BY position, slug").all();
  }

  /** Every practice, by slug. */
  practices(): PracticeRow[] {
    return cachedStatement<PracticeRow>(this.db, "SELECT slug, name, description, source FROM practices ORDER BY slug").all();
  }

  /** Practices with these slugs (any order). */
  practicesBySlugs(slugs: readonly string[]): PracticeRow[] {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<PracticeRow>(this.db, `SELECT slug, name, description, source FROM practices WHERE slug IN (${placeholders(keys.length)})`).all(...keys);
  }
}
