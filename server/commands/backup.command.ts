import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { backupDatabase } from "../security/backup.js";

/**
 * `hub backup FILE`: an online, consistent copy of the database while the hub serves.
 * Restore: stop the hub, delete the old `<db>-wal` and `<db>-shm`, copy FILE over the database
 * file, start the hub.
 */
export function registerBackupCommand(program: Command): void {
  program
    .command("backup")
    .description("Copy the database to FILE while the hub keeps serving (SQLite online backup, checked with integrity_check; on PostgreSQL use pg_dump).")
    .argument("<file>", "where to write the backup (must not exist unless --force)")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .option("--force", "replace FILE if it exists")
    .action(async (file: string, opts: { db?: string; force?: boolean }) => {
      const config = loadConfig(process.env, opts.db ? { dbPath: opts.db } : {});
      const backup = await backupDatabase(config.dbPath, file, { overwrite: opts.force });
      console.log(`backup of ${config.dbPath} written to ${backup.file}: ${backup.pages} pages, ${backup.bytes} bytes, integrity_check ${backup.integrity}`);
    });
}
