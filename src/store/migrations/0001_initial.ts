/** The first schema: documents with their normalized text, sentences, boilerplate, mentions and entities. */
import { type Kysely, sql } from "kysely";
import { isSqlite } from "../dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("author", "text")
    .addColumn("publisher", "text")
    .addColumn("published", "text")
    .addColumn("content_hash", "text", (c) => c.notNull().unique())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("meta_json", "text", (c) => c.notNull())
    .addColumn("ingested_at", "text", (c) => c.notNull())
    .addColumn("sentence_count", "integer", (c) => c.notNull())
    .addColumn("mention_count", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("boilerplate")
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("boilerplate_document").on("boilerplate").column("document_id").execute();

  const serial = isSqlite(db) ? "integer" : "serial";
  await db.schema
    .createTable("sentences")
    .addColumn("id", serial, (c) => (isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sentences_document").on("sentences").columns(["document_id", "idx"]).execute();

  await db.schema
    .createTable("entities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("attrs_json", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("entities_type").on("entities").columns(["type", "name"]).execute();

  await db.schema
    .createTable("entity_aliases")
    .addColumn("entity_id", "text", (c) => c.notNull().references("entities.id").onDelete("cascade"))
    .addColumn("alias", "text", (c) => c.notNull())
    .addColumn("provenance", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("entity_aliases_pk", ["entity_id", "alias", "provenance"])
    .execute();
  await db.schema.createIndex("entity_aliases_alias").on("entity_aliases").column("alias").execute();

  await db.schema
    .createTable("mentions")
    .addColumn("id", serial, (c) => (isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("canonical", "text")
    .addColumn("attrs_json", "text")
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.references("entities.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("mentions_document").on("mentions").columns(["document_id", "start"]).execute();
  await db.schema.createIndex("mentions_entity").on("mentions").column("entity_id").execute();

  // Full-text search over sentences: FTS5 on SQLite, a GIN index over to_tsvector on PostgreSQL.
  if (isSqlite(db)) {
    await sql`CREATE VIRTUAL TABLE sentence_fts USING fts5(text, sentence_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await sql`CREATE INDEX sentences_fts ON sentences USING gin (to_tsvector('english', text))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await sql`DROP TABLE IF EXISTS sentence_fts`.execute(db);
  for (const t of ["mentions", "entity_aliases", "entities", "sentences", "boilerplate", "documents"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
