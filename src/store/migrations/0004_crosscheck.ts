/**
 * What analysts decide about cross-checking, kept so that recomputed grades respect it: the
 * reliability of a source (A–F), overrides of a proposition's grade with a note, and ACH hypotheses.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("source_reliability")
    .addColumn("source", "text", (c) => c.primaryKey())
    .addColumn("reliability", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("grade_overrides")
    .addColumn("proposition_id", "text", (c) => c.primaryKey())
    .addColumn("credibility", "integer")
    .addColumn("reliability", "text")
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("hypotheses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("test_json", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["hypotheses", "grade_overrides", "source_reliability"])
    await db.schema.dropTable(t).ifExists().execute();
}
