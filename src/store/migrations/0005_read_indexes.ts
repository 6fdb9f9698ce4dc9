/**
 * Indexes for reads that must stay fast as the store grows (issue 8): an entity's documents in id
 * order and its co-occurring entities (mentions by entity then document, and by document then
 * entity, both covering), claims by speaker (claims by entity match subject, object or speaker),
 * and an entity's aliases by provenance (the aliases that one page of documents gave it).
 * mentions(entity_id, document_id) answers everything mentions(entity_id) did, so that one goes.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("mentions_entity_document")
    .on("mentions")
    .columns(["entity_id", "document_id"])
    .execute();
  await db.schema.dropIndex("mentions_entity").execute();
  await db.schema
    .createIndex("mentions_document_entity")
    .on("mentions")
    .columns(["document_id", "entity_id"])
    .execute();
  await db.schema.createIndex("claims_speaker").on("claims").column("speaker_id").execute();
  await db.schema
    .createIndex("entity_aliases_entity_provenance")
    .on("entity_aliases")
    .columns(["entity_id", "provenance"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("entity_aliases_entity_provenance").ifExists().execute();
  await db.schema.dropIndex("claims_speaker").ifExists().execute();
  await db.schema.dropIndex("mentions_document_entity").ifExists().execute();
  await db.schema.createIndex("mentions_entity").on("mentions").column("entity_id").execute();
  await db.schema.dropIndex("mentions_entity_document").ifExists().execute();
}
