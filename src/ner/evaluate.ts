/**
 * Span-level precision, recall and F1 (exact match of start, end and type, as conlleval counts).
 *
 * Hand-written: a few lines; conlleval itself is a Perl script.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences, tokenize } from "../text/tokenize.js";
import type { Corpus } from "./corpus.js";
import { type NerTagger, normalizeWord } from "./index.js";
import type { TwoPassTagger } from "./tagger.js";
import { type Span, spansFromBio, spansFromTags } from "./tags.js";

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  private get(type: string) {
    const c = this.counts.get(type);
    if (c) return c;
    const fresh = { tp: 0, fp: 0, fn: 0 };
    this.counts.set(type, fresh);
    return fresh;
  }

  /** Adds one sentence's (or document's) gold and predicted spans. */
  add(gold: readonly Span[], pred: readonly Span[]): void {
    const key = (s: Span) => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    const p = new Set(pred.map(key));
    for (const s of pred) {
      if (g.has(key(s))) this.get(s.type).tp++;
      else this.get(s.type).fp++;
    }
    for (const s of gold) if (!p.has(key(s))) this.get(s.type).fn++;
  }

  private static prf(tp: number, fp: number, fn: number): PRF {
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { tp, fp, fn, precision, recall, f1 };
  }

  perType(): Record<string, PRF> {
    const out: Record<string, PRF> = {};
    for (const [t, c] of [...this.counts].sort()) out[t] = SpanScorer.prf(c.tp, c.fp, c.fn);
    return out;
  }

  micro(): PRF {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of this.counts.values()) {
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return SpanScorer.prf(tp, fp, fn);
  }
}

/** Per-type and micro scores. */
export interface Score {
  micro: PRF;
  perType: Record<string, PRF>;
}

/** Scores a tagger on a labeled corpus; `mapPred` maps predicted types onto the corpus's (null = ignore). */
export function scoreCorpus(
  tagger: TwoPassTagger,
  corpus: Corpus,
  mapPred: (t: string) => string | null = (t) => t,
): Score {
  const sc = new SpanScorer();
  for (const d of corpus.docs) {
    const res = tagger.tag({ words: d.words.map(normalizeWord), sentences: d.sentences });
    for (const [s, e] of d.sentences) {
      const gold = spansFromBio(d.labels.slice(s, e));
      const pred: Span[] = [];
      for (const sp of spansFromTags(tagger.pass1.tags, res.tags, s, e)) {
        const t = mapPred(sp.type);
        if (t) pred.push({ start: sp.start - s, end: sp.end - s, type: t });
      }
      sc.add(gold, pred);
    }
  }
  return { micro: sc.micro(), perType: sc.perType() };
}

export interface SeedCounts {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface SeedScore {
  micro: SeedCounts;
  perType: Record<string, SeedCounts>;
  missed: string[];
  wrongMentions: string[];
}

/** Case and punctuation folding for matching mention texts against gold names and aliases. */
export function foldName(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’']s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The seeds' gold entities of `types` against the tagger's mentions: recall over gold entities
 * (found when a mention of the right type has the text of its name or an alias), precision over
 * predicted mentions of those types.
 */
export function scoreSeeds(
  ner: NerTagger,
  sharedDir: string,
  types: string[] = ["person", "organization", "threat-actor"],
): SeedScore {
  const gold = JSON.parse(readFileSync(join(sharedDir, "gold", "seeds.json"), "utf8")) as {
    documents: { file: string }[];
    entities: { name: string; type: string; aliases: string[]; documents: string[] }[];
  };
  const raw: Record<string, Omit<SeedCounts, "recall" | "precision">> = {};
  for (const t of types) raw[t] = { gold: 0, found: 0, predicted: 0, correct: 0 };
  const missed: string[] = [];
  const wrongMentions: string[] = [];
  for (const doc of gold.documents) {
    const text = readFileSync(join(sharedDir, "seeds", doc.file), "utf8");
    const tokens = tokenize(text);
    const mentions = ner.tag({ text, tokens, sentences: splitSentences(text, tokens) });
    const ents = gold.entities.filter((e) => e.documents.includes(doc.file) && types.includes(e.type));
    const names = (e: (typeof ents)[number]) => new Set([e.name, ...e.aliases].map(foldName));
    const predicted = mentions.filter((m) => types.includes(m.label));
    for (const e of ents) {
      const c = raw[e.type]!;
      c.gold++;
      const ns = names(e);
      if (predicted.some((m) => m.label === e.type && ns.has(foldName(m.text)))) c.found++;
      else missed.push(`${e.type}:${e.name}`);
    }
    for (const m of predicted) {
      const c = raw[m.label]!;
      c.predicted++;
      if (ents.some((e) => e.type === m.label && names(e).has(foldName(m.text)))) c.correct++;
      else wrongMentions.push(`${m.label}:${m.text}`);
    }
  }
  const finish = (c: Omit<SeedCounts, "recall" | "precision">): SeedCounts => ({
    ...c,
    recall: c.gold ? c.found / c.gold : 0,
    precision: c.predicted ? c.correct / c.predicted : 0,
  });
  const tot = { gold: 0, found: 0, predicted: 0, correct: 0 };
  for (const c of Object.values(raw)) {
    tot.gold += c.gold;
    tot.found += c.found;
    tot.predicted += c.predicted;
    tot.correct += c.correct;
  }
  return {
    micro: finish(tot),
    perType: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, finish(v)])),
    missed,
    wrongMentions,
  };
}
