import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

/** A version of the IG process: LOTI's 2019 five stages by default; later frameworks load as data. */
export const processes = sqliteTable("processes", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  source: text("source"),
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
});

/** The stages of a process, in order. A stage code is unique within its process. */
export const processStages = sqliteTable(
  "process_stages",
  {
    processSlug: text("process_slug").notNull().references(() => processes.slug),
    code: text("code").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
  },
  (t) => [primaryKey({ columns: [t.processSlug, t.code] })],
);

/** The 33 London authorities (32 boroughs and the City), keyed by ONS GSS code. */
export const authorities = sqliteTable("authorities", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  /** ONS statistical definition: INNER or OUTER. */
  onsZone: text("ons_zone").notNull(),
  /** London Government Act 1963 definition: INNER or OUTER. */
  statutoryZone: text("statutory_zone").notNull(),
  /** ISO date the borough joined LOTI; null when UNKNOWN. */
  lotiMemberSince: text("loti_member_since"),
  /** KNOWN_MEMBER, KNOWN_NON_MEMBER or UNKNOWN. */
  lotiMembership: text("loti_membership").notNull().default("UNKNOWN"),
  source: text("source").notNull(),
});

/** Partner organisations (NHS trusts, police, GLA, ...) that join initiatives. */
export const organisations = sqliteTable("organisations", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull().default("OTHER"),
  /** NHS Organisation Data Service code, where known (with a source); null = UNKNOWN. Never invented. */
  odsCode: text("ods_code"),
  /** ICO data-protection registration number, where known (with a source); null = UNKNOWN. Never invented. */
  icoRegistration: text("ico_registration"),
  /** Where the identifiers come from; null when none is known. */
  identifierSource: text("identifier_source"),
  synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
});

/** IG contacts of a borough by role. Name and e-mail are personal data. */
export const igContacts = sqliteTable(
  "ig_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorityCode: text("authority_code").notNull().references(() => authorities.code),
    /** DPO, IG_LEAD, SIRO or CALDICOTT_GUARDIAN. */
    role: text("role").notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("ig_contacts_authority_idx").on(t.authorityCode)],
);

/** IG tools (and `manual`, the email-and-documents baseline). */
export const tools = sqliteTable("tools", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  vendor: text("vendor"),
  description: text("description").notNull(),
  cost: text("cost"),
  isBaseline: integer("is_baseline", { mode: "boolean" }).notNull().default(false),
  /** Caveats such as "treating X as Y is an inference". */
  note: text("note"),
  source: text("source").notNull(),
});

/** Rows of the tool comparison. */
export const features = sqliteTable("features", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  position: integer("position").notNull(),
});

/** How far a tool supports a feature: FULL, PARTIAL, NONE or UNKNOWN, with a source note. */
export const toolFeatures = sqliteTable(
  "tool_features",
  {
    toolSlug: text("tool_slug").notNull().references(() => tools.slug),
    featureSlug: text("feature_slug").notNull().references(() => features.slug),
    level: text("level").notNull(),
    note: text("note"),
    source: text("source"),
  },
  (t) => [primaryKey({ columns: [t.toolSlug, t.featureSlug] })],
);

/** Which borough used which tool, and when (to = null: still in use). */
export const toolAdoptions = sqliteTable(
  "tool_adoptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toolSlug: text("tool_slug").notNull().references(() => tools.slug),
    authorityCode: text("authority_code").notNull().references(() => authorities.code),
    from: text("from_date").notNull(),
    to: text("to_date"),
    source: text("source").notNull(),
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("tool_adoptions_tool_idx").on(t.toolSlug), index("tool_adoptions_authority_idx").on(t.authorityCode)],
);

/** Templates and ways of working (common DPIA template, statement of intent, ...). */
export const practices = sqliteTable("practices", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  source: text("source").notNull(),
});
