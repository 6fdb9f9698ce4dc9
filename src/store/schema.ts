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
  /** Set when a merge folded this entity into another; reads follow it to the surviving entity. */
  merged_into: string | null;
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

export interface ClaimsTable {
  id: string;
  document_id: string;
  subject_id: string;
  predicate: string;
  object_id: string | null;
  value_json: string | null;
  polarity: string;
  hedged: number;
  /** JSON: { hedge: string[], negation: string[] } */
  cues_json: string;
  speaker_id: string | null;
  /** JSON: entity ids, outermost last. */
  via_json: string;
  /** JSON: { subject, object, speaker } each { start, end, text } or null. */
  args_json: string;
  when_text: string | null;
  quote: string;
  start: number;
  end: number;
  confidence: number;
  rule: string;
}

export interface MergesTable {
  id: string;
  kind: string;
  survivor_id: string;
  absorbed_id: string;
  score: number | null;
  reasons_json: string;
  actor: string;
  created_at: string;
  /** JSON: what the decision changed, so that undo can put it back. */
  changes_json: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface MergeSuggestionsTable {
  id: string;
  a_id: string;
  b_id: string;
  score: number;
  reasons_json: string;
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  merge_id: string | null;
}

export interface KbRecordsTable {
  id: string;
  source: string;
  source_id: string;
  name: string;
  type: string;
  country: string | null;
  external_ids_json: string;
  description: string | null;
  imported_at: string;
}

export interface KbNamesTable {
  record_id: string;
  name: string;
  folded: string;
  is_primary: number;
}

export interface SourceReliabilityTable {
  source: string;
  reliability: string;
  note: string;
  decided_by: string;
  decided_at: string;
}

export interface GradeOverridesTable {
  proposition_id: string;
  credibility: number | null;
  reliability: string | null;
  note: string;
  decided_by: string;
  decided_at: string;
}

export interface HypothesesTable {
  id: string;
  label: string;
  test_json: string;
  created_by: string;
  created_at: string;
}

/**
 * A document's MinHash (crosscheck/minhash.ts), computed at ingest so that near-duplicate grouping
 * never reads the texts back. `minhash` is the base64 of the 128 minima, null for a text without words.
 */
export interface DocumentMinhashesTable {
  document_id: string;
  shingles: number;
  minhash: string | null;
}

export interface Database {
  documents: DocumentsTable;
  document_minhashes: DocumentMinhashesTable;
  boilerplate: BoilerplateTable;
  sentences: SentencesTable;
  entities: EntitiesTable;
  entity_aliases: EntityAliasesTable;
  mentions: MentionsTable;
  claims: ClaimsTable;
  merges: MergesTable;
  merge_suggestions: MergeSuggestionsTable;
  kb_records: KbRecordsTable;
  kb_names: KbNamesTable;
  source_reliability: SourceReliabilityTable;
  grade_overrides: GradeOverridesTable;
  hypotheses: HypothesesTable;
}
