/** Types of cross-checking: propositions, their sources and grades, conflicts, ACH matrices. */
import type { ClaimJson, EntityRef } from "../store/repository.js";
import type { MinHash } from "./minhash.js";

export type { ClaimJson, EntityRef };
export type ClaimValueJson = NonNullable<ClaimJson["value"]>;

/** What cross-checking needs of a document. */
export interface DocInfo {
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  /** The text, or (below) its MinHash computed before: near-duplicate grouping needs one of them. */
  text?: string;
  /** Null: a text without words. */
  minhash?: MinHash | null;
}

export type Reliability = "A" | "B" | "C" | "D" | "E" | "F";
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

export const RELIABILITY_WORDS: Record<Reliability, string> = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};
export const CREDIBILITY_WORDS: Record<Credibility, string> = {
  1: "confirmed by other sources",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};

/** One independent source of a proposition: an original speaker, or an outlet speaking for itself. */
export interface Source {
  /** What makes it one source: the speaker's entity id, or "outlet:<name>" / "doc:<id>" for an author's voice. */
  key: string;
  /** The original speaker; null when the outlet (the document's author) is the source. */
  speaker: { id: string; name: string } | null;
  /** A readable name: the speaker's, or "<outlet> (author)". */
  label: string;
  outlets: string[];
  documents: string[];
  claims: string[];
  polarities: ("positive" | "negative")[];
  /** True when every claim of this source is hedged. */
  hedged: boolean;
}

export interface LineageEntry {
  claim: string;
  speaker: { id: string; name: string } | null;
  /** Intermediaries from the speaker to the publisher, the publisher last. */
  via: string[];
  document: { id: string; title: string | null; publisher: string | null; published: string | null };
  /** The story group the document belongs to (its own id when it has no near-duplicate). */
  story: string;
}

export interface Grade {
  reliability: Reliability;
  credibility: Credibility;
  /** Admiralty code, e.g. "F2". */
  code: string;
  reasons: string[];
  overridden?: { by: string; at: string; note: string };
}

export interface Proposition {
  id: string;
  subject: EntityRef;
  predicate: string;
  object: EntityRef | null;
  value: ClaimValueJson | null;
  /** The time the claims are about, when any gives one. */
  when: string | null;
  /** The statement as most independent sources make it ("positive" on a tie). */
  stance: "positive" | "negative";
  /** Plain statement of the proposition in its stance. */
  statement: string;
  claims: string[];
  /** Every source, on either side. */
  sources: Source[];
  /** Independent sources making the statement in its stance (corroboration). */
  independentSources: number;
  /** Independent sources making the opposite statement (a speaker on both sides counts on both). */
  opposingSources: number;
  lineage: LineageEntry[];
  grade: Grade;
}

export type ConflictKind = "polarity" | "numeric" | "date" | "denial";

export interface Conflict {
  id: string;
  kind: ConflictKind;
  claims: [string, string];
  explanation: string;
  /** The propositions involved (one for polarity/denial, two for numeric/date). */
  propositions: string[];
  /** Set when one speaker makes both statements. */
  selfContradiction?: boolean;
  /** Set on a denial made by the subject or object itself (an interested party). */
  byPartyConcerned?: boolean;
}

export interface Override {
  credibility?: Credibility;
  reliability?: Reliability;
  note: string;
  by: string;
  at: string;
}

export interface CrosscheckOptions {
  /** Source reliability by speaker entity id, outlet name or "outlet:<name>" key. */
  reliabilityBySource?: Map<string, Reliability>;
  /** Analysts' grades by proposition id, applied on top of the computed grade. */
  overrides?: Map<string, Override> | Record<string, Override>;
}

export interface HypothesisTest {
  subject?: string;
  predicate?: string;
  object?: string;
  value?: ClaimValueJson;
  polarity?: "positive" | "negative";
}

export interface Hypothesis {
  id: string;
  label: string;
  test: HypothesisTest;
}

export type AchCell = "C" | "I" | "N";

export interface AchMatrix {
  hypotheses: Hypothesis[];
  rows: { claim: string; source: string; quote: string; cells: Record<string, AchCell> }[];
  /** Hypotheses from fewest inconsistencies (counted once per independent source) to most. */
  rank: { hypothesis: string; inconsistent: number; consistent: number }[];
}
