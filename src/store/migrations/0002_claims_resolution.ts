/**
 * Claims, and the tables that make entity resolution reviewable and undoable: merges never rewrite
 * mentions or claims, they point the absorbed entity at the survivor (`merged_into`), so undoing one
 * restores the earlier state exactly. Knowledge-base records (MISP galaxy, ATT&CK) are kept apart and
 * associated with entities by name, never merged silently.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("entities").addColumn("merged_into", "text").execute();
  await db.schema.createIndex("entities_merged_into").on("entities").column("merged_into").execute();

  await db.schema
    .createTable("claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("subject_id", "text", (c) => c.notNull().references("entities.id"))
    .addColumn("predicate", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.references("entities.id"))
    .addColumn("value_json", "text")
    .addColumn("polarity", "text", (c) => c.notNull())
    .addColumn("hedged", "integer", (c) => c.notNull())
    .addColumn("cues_json", "text", (c) => c.notNull())
    .addColumn("speaker_id", "text", (c) => c.references("entities.id"))
    .addColumn("via_json", "text", (c) => c.notNull())
    // Where each argument is written ({subject, object, speaker}: {start, end, text}), so a split of an
    // entity can take along the claims whose arguments it moves.
    .addColumn("args_json", "text", (c) => c.notNull())
    .addColumn("when_text", "text")
    .addColumn("quote", "text", (c) => c.notNull())
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("claims_document").on("claims").column("document_id").execute();
  await db.schema.createIndex("claims_subject").on("claims").column("subject_id").execute();
  await db.schema.createIndex("claims_object").on("claims").column("object_id").execute();

  // The audit log of resolution decisions: who, when, why, and what to restore on undo.
  await db.schema
    .createTable("merges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull()) // auto | manual | split
    .addColumn("survivor_id", "text", (c) => c.notNull())
    .addColumn("absorbed_id", "text", (c) => c.notNull())
    .addColumn("score", "double precision")
    .addColumn("reasons_json", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("changes_json", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .addColumn("undone_by", "text")
    .execute();

  await db.schema
    .createTable("merge_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("a_id", "text", (c) => c.notNull())
    .addColumn("b_id", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("reasons_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // open | accepted | rejected
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("merge_id", "text")
    .execute();
  await db.schema.createIndex("merge_suggestions_status").on("merge_suggestions").column("status").execute();

  await db.schema
    .createTable("kb_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("external_ids_json", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("kb_names")
    .addColumn("record_id", "text", (c) => c.notNull().references("kb_records.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("folded", "text", (c) => c.notNull())
    .addColumn("is_primary", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_names_folded").on("kb_names").column("folded").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["kb_names", "kb_records", "merge_suggestions", "merges", "claims"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.dropIndex("entities_merged_into").ifExists().execute();
  await db.schema.alterTable("entities").dropColumn("merged_into").execute();
}
