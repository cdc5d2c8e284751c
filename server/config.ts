import { z } from "zod";
import type { SecurityLimits } from "./security/limits.js";

/** The only reader of `process.env`: a typed, validated configuration built once at start-up. */
export interface HubConfig {
  /** TCP port of the HTTP server (0 = any free port, for tests). */
  port: number;
  /** Address the server binds to. */
  host: string;
  /** SQLite file (or :memory:), or a postgres:// URL. */
  dbPath: string;
  /** pino log level. */
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Log lines: "pretty" (one coloured line per event, for a person), "json", or "auto" (pretty on a terminal). */
  logFormat: "auto" | "json" | "pretty";
  /** production hides field suggestions and error details. */
  production: boolean;
  /** Whether requests without an API key may read what a viewer reads. */
  allowAnonymousRead: boolean;
  /** Load the synthetic demo data set on first start of an empty database. */
  seedDemo: boolean;
  /** Query and request limits set in the environment (`IGHUB_LIMIT_*`); the rest keep their defaults. */
  limits: Partial<SecurityLimits>;
  /** A second port on `host` serving only `/metrics`, without an API key (unset: none). */
  metricsPort?: number;
}

/** The environment variable of each limit that can be set (README "Limits"), and its smallest value. */
export const LIMIT_VARIABLES = {
  IGHUB_LIMIT_DEPTH: { limit: "maxDepth", min: 1 },
  IGHUB_LIMIT_INTROSPECTION_DEPTH: { limit: "maxIntrospectionDepth", min: 1 },
  IGHUB_LIMIT_ALIASES: { limit: "maxAliases", min: 0 },
  IGHUB_LIMIT_DIRECTIVES: { limit: "maxDirectives", min: 0 },
  IGHUB_LIMIT_TOKENS: { limit: "maxTokens", min: 1 },
  IGHUB_LIMIT_COST: { limit: "maxCost", min: 1 },
  IGHUB_LIMIT_BODY_BYTES: { limit: "maxBodyBytes", min: 1 },
  IGHUB_LIMIT_RESPONSE_BYTES: { limit: "maxResponseBytes", min: 1 },
  IGHUB_LIMIT_COST_PER_MINUTE: { limit: "costPerMinute", min: 0 },
  IGHUB_LIMIT_TIME_MS: { limit: "timeLimitMs", min: 1 },
  IGHUB_LIMIT_HEAVY_CONCURRENCY: { limit: "heavyConcurrency", min: 1 },
  IGHUB_LIMIT_HEAVY_QUEUE: { limit: "heavyQueue", min: 0 },
  IGHUB_LIMIT_EXPORT_COST: { limit: "exportCost", min: 0 },
} as const satisfies Record<string, { limit: keyof SecurityLimits; min: number }>;

/** A limit's value: a whole number from `min` up (digits only: no sign, exponent, unit or fraction). */
const limitNumber = (name: string, min: number) => {
  const message = `${name} must be a whole number of at least ${min}`;
  return z
    .string({ error: () => message })
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .refine((v) => v >= min, message)
    .optional();
};

/** A setting that cannot be used: names the variable and says how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = "ConfigError";
  }
}

/** A URL of some database other than PostgreSQL (mysql://, sqlite://, ...): never a file path to create. */
function isForeignUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^postgres(ql)?:\/\//i.test(value);
}

const bool = (name: string) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
      error: () => `${name} must be one of true/false, 1/0, yes/no, on/off`,
    })
    .transform((v) => ["1", "true", "yes", "on"].includes(v));

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: () => "PORT must be a whole number between 0 and 65535" })
    .int("PORT must be a whole number between 0 and 65535")
    .min(0, "PORT must be a whole number between 0 and 65535")
    .max(65535, "PORT must be a whole number between 0 and 65535")
    .default(4000),
  HOST: z.string().min(1, "HOST must be a host name or address, e.g. 127.0.0.1").default("127.0.0.1"),
  IGHUB_DB: z
    .string()
    .min(1, "IGHUB_DB must be a file path or :memory:")
    .refine((v) => !isForeignUrl(v), "IGHUB_DB must be a SQLite file path (or a postgres:// URL); no other database is supported")
    .default("data/ighub.db"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, "DATABASE_URL must be a postgres:// (or postgresql://) URL, e.g. postgres://hub@127.0.0.1:5432/hub")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: () => "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  // Empty is unset, as for DATABASE_URL.
  LOG_FORMAT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["json", "pretty"], { error: () => "LOG_FORMAT must be json or pretty (unset: pretty on a terminal, JSON lines otherwise)" }).optional(),
  ),
  // Empty is unset, as for DATABASE_URL.
  METRICS_PORT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number({ error: () => "METRICS_PORT must be a whole number between 1 and 65535 (or unset)" })
      .int("METRICS_PORT must be a whole number between 1 and 65535 (or unset)")
      .min(1, "METRICS_PORT must be a whole number between 1 and 65535 (or unset)")
      .max(65535, "METRICS_PORT must be a whole number between 1 and 65535 (or unset)")
      .optional(),
  ),
  NODE_ENV: z.string().optional(),
  IGHUB_ANONYMOUS_READ: bool("IGHUB_ANONYMOUS_READ").optional(),
  IGHUB_SEED_DEMO: bool("IGHUB_SEED_DEMO").optional(),
  ...(Object.fromEntries(Object.entries(LIMIT_VARIABLES).map(([name, { min }]) => [name, limitNumber(name, min)])) as Record<
    keyof typeof LIMIT_VARIABLES,
    ReturnType<typeof limitNumber>
  >),
});

/**
 * Builds the configuration from an environment (default `process.env`) and explicit overrides
 * (command-line flags win over the environment). Throws ConfigError naming the bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<HubConfig> = {}): HubConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? "environment");
    throw new ConfigError(setting, `${issue.message} (got ${JSON.stringify(env[setting])})`);
  }
  const settings = parsed.data;
  if (overrides.dbPath !== undefined && (overrides.dbPath === "" || isForeignUrl(overrides.dbPath))) {
    throw new ConfigError("--db", `--db must be a SQLite file path or a postgres:// URL (got ${JSON.stringify(overrides.dbPath)})`);
  }
  if (settings.METRICS_PORT !== undefined && settings.METRICS_PORT === settings.PORT) {
    throw new ConfigError("METRICS_PORT", `METRICS_PORT must differ from PORT, which serves GraphQL (got ${settings.METRICS_PORT} for both)`);
  }
  const production = settings.NODE_ENV === "production";
  const limits: Partial<SecurityLimits> = {};
  for (const [name, { limit }] of Object.entries(LIMIT_VARIABLES)) {
    const value = settings[name as keyof typeof LIMIT_VARIABLES];
    if (value !== undefined) limits[limit] = value;
  }
  return {
    port: settings.PORT,
    host: settings.HOST,
    // A PostgreSQL DATABASE_URL wins over the SQLite file (IGHUB_DB); --db (an override) takes
    // either and wins over both.
    dbPath: settings.DATABASE_URL ?? settings.IGHUB_DB,
    logLevel: settings.LOG_LEVEL,
    logFormat: settings.LOG_FORMAT ?? "auto",
    production,
    allowAnonymousRead: settings.IGHUB_ANONYMOUS_READ ?? !production,
    seedDemo: settings.IGHUB_SEED_DEMO ?? true,
    limits,
    ...(settings.METRICS_PORT !== undefined ? { metricsPort: settings.METRICS_PORT } : {}),
    ...overrides,
  };
}
