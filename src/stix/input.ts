/**
 * What STIX export reads: a snapshot of the store (documents, resolved entities, mentions, claims).
 * The store fills these; export never reads the database itself, so it stays a pure function.
 */
import type { EntityType, SpanAttributes } from "../model/types.js";

export interface StixDocumentInput {
  id: string;
  title: string | null;
  /** A path, a URL or "-" for stdin. */
  source: string;
  author: string | null;
  publisher: string | null;
  /** Publication date as given: "2015", "2013-11", "2015-01-07" (or a full ISO timestamp), or null. */
  published: string | null;
  /** ISO 8601 timestamp of ingestion. */
  ingestedAt: string;
  /** SHA-256 (hex) of the stored normalized text. */
  contentHash: string;
  text?: string;
}

export interface StixEntityInput {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Ids of the documents that mention it. */
  documents: string[];
  /** PlaceValue for country/location, IndicatorValue for indicators and vulnerabilities. */
  attrs?: SpanAttributes;
  description?: string;
}

export interface StixMentionInput {
  documentId: string;
  entityId: string | null;
  start: number;
  end: number;
  text: string;
  label: string;
}

export interface StixClaimValue {
  kind: "date" | "quantity" | "money" | "text";
  text: string;
  [k: string]: unknown;
}

export interface StixClaimInput {
  id: string;
  documentId: string;
  subjectId: string;
  predicate: string;
  objectId: string | null;
  value: StixClaimValue | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  speakerId: string | null;
  /** Entity ids of the outlets between speaker and document, outermost last. */
  via: string[];
  when: string | null;
  quote: string;
  start: number;
  end: number;
  /** 0..1 */
  confidence?: number;
}

/** A proposition: claims grouped across documents, graded (exported as a note on its claims). */
export interface StixPropositionInput {
  id: string;
  statement: string;
  claims: string[];
  independentSources: number;
  /** Labels of the independent sources. */
  sources: string[];
  grade: { code: string; reliability: string; credibility: number; reasons: string[] };
}

export interface StixExportInput {
  producer: { name: string };
  documents: StixDocumentInput[];
  entities: StixEntityInput[];
  mentions: StixMentionInput[];
  claims?: StixClaimInput[];
  propositions?: StixPropositionInput[];
}

export interface StixExportOptions {
  /**
   * Timestamp used only when the input holds no document (so no ingestion time to derive from).
   * Defaults to the current time in that case alone.
   */
  now?: string;
  /** STIX object for Dossier's threat actors: "threat-actor" (default) or "intrusion-set". */
  actorObject?: "threat-actor" | "intrusion-set";
}
