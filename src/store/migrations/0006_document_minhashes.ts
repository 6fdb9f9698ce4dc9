/**
 * Each document's MinHash, written with the document (issue 8): cross-checking grouped near-duplicate
 * documents by reading every text back and hashing it on each recomputation, which at 100k documents
 * meant gigabytes read and minutes spent. Documents stored before this migration get theirs on the
 * first cross-check (store/crosscheck.ts), so the migration itself stays a schema change.
 * The index on documents(ingested_at) answers the newest ingest time that cross-checking's cache
 * compares on every read; without it that is a scan of every document's row, texts included.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("document_minhashes")
    .addColumn("document_id", "text", (c) => c.primaryKey())
    .addColumn("shingles", "integer", (c) => c.notNull())
    .addColumn("minhash", "text")
    .execute();
  await db.schema.createIndex("documents_ingested_at").on("documents").column("ingested_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("documents_ingested_at").ifExists().execute();
  await db.schema.dropTable("document_minhashes").ifExists().execute();
}
