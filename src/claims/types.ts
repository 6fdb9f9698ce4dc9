/**
 * Types of in-document claims: who says what about whom, hedged or negated, with the exact quote.
 *
 * A claim names its arguments by mention (index into the document's mentions after coreference,
 * see `CorefResult.mentions`); resolution to cross-document entities happens later, in the store.
 */
import type { Mention, SpanAttributes, SpanLabel } from "../model/types.js";

/** The predicates of ../shared/spec/intelligence-model.md. */
export const ENTITY_PREDICATES = [
  "attributed-to",
  "part-of",
  "located-at",
  "targets",
  "compromised",
  "uses",
  "affiliated-with",
  "tolerates",
  "cooperates-with",
] as const;
export const VALUE_PREDICATES = [
  "role",
  "founded",
  "active-since",
  "defected",
  "headcount",
  "damage",
  "occurred",
] as const;
export const PREDICATES = [...ENTITY_PREDICATES, ...VALUE_PREDICATES] as const;
export type Predicate = (typeof PREDICATES)[number];

/**
 * An argument of a claim. `mention` is the index (into `CorefResult.mentions`, whose first items are
 * `doc.mentions`) of the head of the argument's coreference chain, or -1 for an entity that has no
 * mention in the body (the publishing outlet taken from the metadata).
 */
export interface ArgRef {
  mention: number;
  /** The chain head's text ("Kim Heung-Kwang" for a "he" or a "Kim"). */
  text: string;
  canonical?: string;
  label: SpanLabel;
  /** Where the argument is written in this claim's evidence (the pronoun, the surname...). */
  start?: number;
  end?: number;
}

export interface ClaimValue {
  kind: "date" | "quantity" | "money" | "text";
  /** The words of the document that give the value. */
  text: string;
  /** Dates: ISO 8601 date, month, year or interval. */
  iso?: string;
  precision?: "year" | "month" | "day" | "interval";
  /** Quantities and money. */
  value?: number;
  min?: number;
  max?: number;
  unit?: string | null;
  currency?: string;
  approximate?: boolean;
}

export interface ExtractedClaim {
  subject: ArgRef;
  predicate: Predicate;
  object: ArgRef | null;
  value: ClaimValue | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  hedgeCues: string[];
  negationCues: string[];
  /** Who asserts it; null when the document's author asserts it in their own voice. */
  speaker: ArgRef | null;
  /** The original source when the speaker passes on a briefing he received (see relay.ts). */
  origin?: ArgRef;
  /** Intermediaries between the speaker and this document, outermost (the publisher) last. */
  via: ArgRef[];
  /** The time the claim is about, when the text gives one (ISO 8601). */
  when: string | null;
  /** quote === doc.text.slice(start, end): the sentence (body part of it) that carries the claim. */
  quote: string;
  start: number;
  end: number;
  /** The narrower span the pattern matched, inside [start, end). */
  evidenceStart: number;
  evidenceEnd: number;
  confidence: number;
  /** Which pattern fired, for debugging. */
  rule: string;
}

/** A coreference chain: every place one entity is named in one document. */
export interface CorefChain {
  id: number;
  /** Index (into `CorefResult.mentions`) of the mention that names the entity best. */
  head: number;
  label: SpanLabel;
  text: string;
  canonical?: string;
  /** Indices into `CorefResult.mentions`. */
  members: number[];
}

export interface CorefResult {
  /** `doc.mentions` first (same indices), then the mentions coreference adds (pronouns, descriptions). */
  mentions: Mention[];
  /** How many of `mentions` are added by coreference (they are the last ones). */
  added: number;
  /** Chain id of each mention of `mentions` (-1 for value mentions: dates, quantities, money). */
  chainOf: number[];
  chains: CorefChain[];
  /** Role words seen with each person chain ("professor", "defector"), by chain id. */
  roles: Map<number, Set<string>>;
}

export type { SpanAttributes };
