/**
 * Opens Dossier's store: embedded SQLite by default (better-sqlite3), PostgreSQL when given a
 * postgres:// URL. Runs pending migrations on open.
 */
import Database from "better-sqlite3";
import { Kysely, Migrator, type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";
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
  // 64 MiB of page cache (the default is 2 MiB): the indexes that ingest writes in random order
  // (mentions by entity, aliases) stay in memory longer as the store grows.
  sqlite.pragma("cache_size = -65536");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrate(db);
  return db;
}

/**
 * Kysely prepares every query it runs; SQLite compiles the same few statements again for every
 * document an ingest writes. This keeps the most recently used prepared statements by SQL text
 * (parameters are bound per run, so a statement is only ever reused for the same SQL). One
 * connection runs one query at a time (Kysely holds a mutex), so a statement is never in use twice.
 */
function withStatementCache(sqlite: Database.Database, size = 200): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text) as unknown as SqliteStatement;
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new StoreError(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
