import { defineConfig } from "drizzle-kit";

/** PostgreSQL migrations (`npm run db:generate:pg`); SQLite's are in drizzle.config.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/tables/pg/index.ts",
  out: "./db/migrations/postgres",
  casing: "snake_case",
});
