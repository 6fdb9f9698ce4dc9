/**
 * The extraction pipeline over one document: normalize → sentences/tokens → entities (rules, NER) →
 * coreference and claims. Each stage adds to the same `Doc`, whose text never changes after
 * normalization. Resolution across documents and cross-checking run over the store.
 */
import { analyzeClaims, type CorefResult, type ExtractedClaim } from "../claims/index.js";
import { possessiveSpeakers, relayBriefings } from "../claims/relay.js";
import type { Doc, Mention } from "../model/types.js";
import type { NormalizedDocument } from "../normalize/index.js";
import { bodyRanges } from "../normalize/layout.js";
import { splitSentences, tokenize } from "../text/tokenize.js";
import { loadStages, type Stages } from "./stages.js";

export interface AnalyzedDocument {
  doc: Doc;
  extraMeta?: Record<string, unknown>;
  /** Attributed claims, with the coreference they were read with (absent when the stage is off). */
  claims?: ExtractedClaim[];
  coref?: CorefResult;
}

export function analyze(input: NormalizedDocument, stages: Stages = loadStages()): AnalyzedDocument {
  const tokens = tokenize(input.text);
  const sentences = splitSentences(input.text, tokens);
  const doc: Doc = {
    text: input.text,
    meta: input.meta,
    source: input.source,
    format: input.format,
    boilerplate: input.boilerplate,
    sentences,
    tokens,
    mentions: [],
  };
  // Captions name the story's people and places: entity stages read them, but claims never come from them.
  const body = bodyRanges(
    doc.text.length,
    doc.boilerplate.filter((b) => b.kind !== "caption"),
  );
  const found: Mention[] = [];
  for (const stage of stages.entityStages) found.push(...stage(doc, body));
  doc.mentions = harmonizeLabels(mergeMentions(found, body));
  if (stages.claims === false) return { doc, extraMeta: input.extraMeta };
  const { claims, coref } = analyzeClaims(doc);
  return {
    doc,
    extraMeta: input.extraMeta,
    claims: relayBriefings(doc, coref, possessiveSpeakers(doc, coref, claims)),
    coref,
  };
}

/**
 * Combines the mentions of all stages: a mention outside the body is dropped, and of two overlapping
 * mentions an exact rule (indicator, date, quantity, money) wins, then the longer ("North Korea
 * Intellectuals Solidarity" over "North Korea"), then the more confident.
 */
const EXACT_SOURCES = new Set([
  "rules:indicator",
  "rules:date",
  "rules:quantity",
  "rules:money",
  "meta:byline",
  "meta:credit",
]);

export function mergeMentions(mentions: Mention[], body: { start: number; end: number }[]): Mention[] {
  // Metadata mentions (author, publisher, credited staff) are the only ones allowed outside the body.
  const inBody = mentions.filter(
    (m) => m.source.startsWith("meta:") || body.some((b) => m.start >= b.start && m.end <= b.end),
  );
  // A model span that only adds lower-case words to a rule's name ("Bureau 121 set"), or that joins
  // two names a rule keeps apart ("X Center of the Y Agency"), gives way to the rules.
  const ruleNames = inBody.filter((m) => m.source.startsWith("rules:") && !EXACT_SOURCES.has(m.source));
  const refined = inBody.filter((m) => {
    if (m.source !== "ner") return true;
    // The gazetteer knows "North Korean" is the country, whatever type the model gives the words.
    if (inBody.some((r) => r.source.startsWith("rules:") && r.start === m.start && r.end === m.end))
      return false;
    const inside = ruleNames.filter((r) => r.start >= m.start && r.end <= m.end && r.label === m.label);
    if (inside.length >= 2) return false;
    const r = inside[0];
    if (!r) return true;
    const rest = m.text.slice(0, r.start - m.start) + m.text.slice(r.end - m.start);
    return /\p{Lu}/u.test(rest);
  });
  const rank = (m: Mention) => (EXACT_SOURCES.has(m.source) ? 1 : 0);
  const ordered = [...refined].sort(
    (a, b) => rank(b) - rank(a) || b.end - b.start - (a.end - a.start) || b.confidence - a.confidence,
  );
  const kept: Mention[] = [];
  for (const m of ordered) {
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

const NAME_TYPES = ["threat-actor", "organization", "person"];

/**
 * One name, one type within a document: when stages tag the same words as an organization in one
 * place and a threat actor in another ("Bureau 121"), every mention takes the type most mentions
 * have (ties go to the more specific type, threat actor before organization before person).
 */
export function harmonizeLabels(mentions: Mention[]): Mention[] {
  const votes = new Map<string, Map<string, number>>();
  const key = (m: Mention) =>
    m.text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  for (const m of mentions) {
    if (!NAME_TYPES.includes(m.label)) continue;
    const v = votes.get(key(m)) ?? new Map<string, number>();
    v.set(m.label, (v.get(m.label) ?? 0) + 1);
    votes.set(key(m), v);
  }
  return mentions.map((m) => {
    if (!NAME_TYPES.includes(m.label)) return m;
    const v = votes.get(key(m));
    if (!v || v.size < 2) return m;
    const best = [...v.entries()].sort(
      (a, b) => b[1] - a[1] || NAME_TYPES.indexOf(a[0]) - NAME_TYPES.indexOf(b[0]),
    )[0]![0];
    return best === m.label ? m : { ...m, label: best as Mention["label"] };
  });
}
