/**
 * Extraction workloads for the benchmark, used both on the main thread and inside the piscina
 * workers (extract-worker.ts): NER tagging alone over pre-tokenized documents, the full extraction
 * (normalizeInput → analyze: rules, NER, coreference, claims), and the reference lines compromise
 * and wink-nlp over the same texts. Each returns the tokens it covered (Dossier's tokenizer count,
 * so every line is in the same unit).
 */
import { createRequire } from "node:module";
import type { Sentence, Token } from "../../src/model/types.js";
import { loadNerTagger, type NerTagger } from "../../src/ner/index.js";
import { normalizeInput } from "../../src/normalize/index.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { loadStages } from "../../src/pipeline/stages.js";
import { splitSentences, tokenize } from "../../src/text/tokenize.js";
import { type CorpusDoc, loadCorpora } from "./corpus.js";

export type Workload = "ner" | "full" | "compromise" | "wink";

export interface Prepared {
  docs: CorpusDoc[];
  tokenized: { text: string; tokens: Token[]; sentences: Sentence[] }[];
  tokens: number;
}

/** The extraction corpus: CoNLL-2003 test documents rebuilt as text, then the example reports. */
export function prepareExtractionCorpus(): Prepared {
  const c = loadCorpora();
  const docs = [...c.conll, ...c.examples];
  const tokenized = docs.map((d) => {
    const tokens = tokenize(d.text);
    return { text: d.text, tokens, sentences: splitSentences(d.text, tokens) };
  });
  return { docs, tokenized, tokens: tokenized.reduce((n, t) => n + t.tokens.length, 0) };
}

let tagger: NerTagger | null = null;
const encoder = new TextEncoder();
const require = createRequire(import.meta.url);

type Compromise = (text: string) => {
  people(): { out(f: "array"): string[] };
  places(): { out(f: "array"): string[] };
  organizations(): { out(f: "array"): string[] };
};
interface WinkDoc {
  entities(): { out(): string[] };
}
let compromise: Compromise | null = null;
let wink: { readDoc(text: string): WinkDoc } | null = null;

/** Loads what a workload needs (model, stages, reference library) so timing leaves loading out. */
export function warm(w: Workload): void {
  if (w === "ner") tagger ??= loadNerTagger();
  else if (w === "full") loadStages();
  else if (w === "compromise") compromise ??= require("compromise") as Compromise;
  else if (w === "wink") {
    if (!wink) {
      const winkNlp = require("wink-nlp") as (model: unknown) => { readDoc(text: string): WinkDoc };
      wink = winkNlp(require("wink-eng-lite-web-model"));
    }
  }
}

/** Runs one workload over the given documents; returns the entity count (to keep the work observable). */
export function runWorkload(w: Workload, p: Prepared, indices: number[]): number {
  warm(w);
  let found = 0;
  for (const i of indices) {
    const d = p.docs[i]!;
    if (w === "ner") found += tagger!.tag(p.tokenized[i]!).length;
    else if (w === "full") {
      const a = analyze(normalizeInput({ source: d.source, bytes: encoder.encode(d.text) }));
      found += a.doc.mentions.length + (a.claims?.length ?? 0);
    } else if (w === "compromise") {
      const doc = compromise!(d.text);
      found += doc.people().out("array").length + doc.places().out("array").length;
      found += doc.organizations().out("array").length;
    } else {
      found += wink!.readDoc(d.text).entities().out().length;
    }
  }
  return found;
}
