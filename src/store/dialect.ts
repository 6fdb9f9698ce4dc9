/** Which SQL engine a Kysely instance talks to, for the few statements that differ (full-text search). */
import { SqliteAdapter } from "kysely";

interface HasExecutor {
  getExecutor(): { adapter: unknown };
}

export function isSqlite(db: HasExecutor): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
