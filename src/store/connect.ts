/**
 * Opens Dossier's store: embedded SQLite by default (better-sqlite3), PostgreSQL when given a
 * postgres:// URL. Runs pending migrations on open.
 */
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations/index.js";
import type { Database as Schema } from "./schema.js";

export type Db = Kysely<Schema>;

export class StoreError extends Error {}

export async function openDb(location: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgres } = await import("./postgres.js");
    const db = await openPostgres(location);
    await migrate(db);
    return db;
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(location);
  } catch (err) {
    throw new StoreError(`cannot open database ${location}: ${(err as Error).message}`);
  }
  // WAL keeps readers going during an ingest and makes a crash mid-transaction roll back cleanly.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return db;
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new StoreError(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
