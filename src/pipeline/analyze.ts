/**
 * The extraction pipeline over one document: normalize → sentences/tokens → entities (rules, NER).
 * Each stage adds to the same `Doc`, whose text never changes after normalization.
 */
import type { Doc, Mention } from "../model/types.js";
import type { NormalizedDocument } from "../normalize/index.js";
import { bodyRanges } from "../normalize/layout.js";
import { splitSentences, tokenize } from "../text/tokenize.js";
import { loadStages, type Stages } from "./stages.js";

export interface AnalyzedDocument {
  doc: Doc;
  extraMeta?: Record<string, unknown>;
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
  const body = bodyRanges(doc.text.length, doc.boilerplate);
  const found: Mention[] = [];
  for (const stage of stages.entityStages) found.push(...stage(doc, body));
  doc.mentions = mergeMentions(found, body);
  return { doc, extraMeta: input.extraMeta };
}

/**
 * Combines the mentions of all stages: a mention outside the body is dropped, and of two overlapping
 * mentions an exact rule (indicator, date, quantity, money) wins, then the longer ("North Korea
 * Intellectuals Solidarity" over "North Korea"), then the more confident.
 */
const EXACT_SOURCES = new Set(["rules:indicator", "rules:date", "rules:quantity", "rules:money"]);

export function mergeMentions(mentions: Mention[], body: { start: number; end: number }[]): Mention[] {
  const inBody = mentions.filter((m) => body.some((b) => m.start >= b.start && m.end <= b.end));
  const rank = (m: Mention) => (EXACT_SOURCES.has(m.source) ? 1 : 0);
  const ordered = [...inBody].sort(
    (a, b) => rank(b) - rank(a) || b.end - b.start - (a.end - a.start) || b.confidence - a.confidence,
  );
  const kept: Mention[] = [];
  for (const m of ordered) {
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
