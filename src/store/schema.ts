/**
 * The tables of Dossier's store, as Kysely sees them. Column types are kept to what both SQLite and
 * PostgreSQL hold the same way: text, integers, doubles; JSON is stored as text.
 */
import type { Generated } from "kysely";

export interface DocumentsTable {
  id: string;
  source: string;
  format: string;
  title: string | null;
  author: string | null;
  publisher: string | null;
  published: string | null;
  content_hash: string;
  text: string;
  /** JSON: extra metadata (caption, raw meta tags). */
  meta_json: string;
  ingested_at: string;
  /** Written last in the document's transaction: a reader can check that a document is whole. */
  sentence_count: number;
  mention_count: number;
}

export interface BoilerplateTable {
  document_id: string;
  start: number;
  end: number;
  kind: string;
}

export interface SentencesTable {
  id: Generated<number>;
  document_id: string;
  idx: number;
  start: number;
  end: number;
  text: string;
}

export interface EntitiesTable {
  id: string;
  name: string;
  type: string;
  /** Resolution key: type + folded canonical name. */
  key: string;
  attrs_json: string | null;
  created_at: string;
}

export interface EntityAliasesTable {
  entity_id: string;
  alias: string;
  /** Where the alias came from: "document:<id>", "kb:misp-galaxy", "analyst:<name>". */
  provenance: string;
}

export interface MentionsTable {
  id: Generated<number>;
  document_id: string;
  start: number;
  end: number;
  text: string;
  label: string;
  source: string;
  canonical: string | null;
  attrs_json: string | null;
  confidence: number;
  entity_id: string | null;
}

export interface Database {
  documents: DocumentsTable;
  boilerplate: BoilerplateTable;
  sentences: SentencesTable;
  entities: EntitiesTable;
  entity_aliases: EntityAliasesTable;
  mentions: MentionsTable;
}
