/** PostgreSQL behind the same Kysely schema, for installations that outgrow one machine. */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database as Schema } from "./schema.js";

export async function openPostgres(url: string): Promise<Kysely<Schema>> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
