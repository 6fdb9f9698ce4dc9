/**
 * Benchmark corpora: CoNLL-2003 test documents rebuilt as text from their tokens, the example reports,
 * and AnnoCTR's report texts; and a generator of distinct synthetic documents that recombine their
 * paragraphs with a seeded PRNG (every generated document differs, so dedup never skips one).
 *
 * Hand-written: the rebuild rules (split at -DOCSTART-, spaces between tokens, none before
 * punctuation) are specific to the CoNLL column format, and the generator must be deterministic.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface CorpusDoc {
  name: string;
  /** The file name the ingest sees (its extension picks the format). */
  source: string;
  text: string;
}

export interface Corpora {
  conll: CorpusDoc[];
  examples: CorpusDoc[];
  annoctr: CorpusDoc[];
  /** What was missing (../shared absent, a folder not found). */
  notes: string[];
}

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m)$/;
const NO_SPACE_AFTER = /^[([{$]$/;

/** Rebuilds the documents of a CoNLL-2003 column file: one paragraph per sentence. */
export function conllDocuments(path: string): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  let sentences: string[] = [];
  let words: string[] = [];
  const flushSentence = () => {
    if (words.length === 0) return;
    let s = "";
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (i > 0 && !NO_SPACE_BEFORE.test(w) && !NO_SPACE_AFTER.test(words[i - 1]!)) s += " ";
      s += w;
    }
    sentences.push(s);
    words = [];
  };
  const flushDoc = () => {
    flushSentence();
    if (sentences.length > 0) {
      const n = docs.length + 1;
      docs.push({
        name: `conll-testb-${n}`,
        source: `conll-testb-${n}.txt`,
        text: `${sentences.join("\n\n")}\n`,
      });
    }
    sentences = [];
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      flushDoc();
      continue;
    }
    const t = line.trim();
    if (t === "") {
      flushSentence();
      continue;
    }
    words.push(t.split(" ")[0]!);
  }
  flushDoc();
  return docs;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

export function loadCorpora(): Corpora {
  const notes: string[] = [];
  const conllPath = join(SHARED, "data/ner/conll2003/eng.testb");
  const conll = existsSync(conllPath) ? conllDocuments(conllPath) : [];
  if (conll.length === 0) notes.push(`CoNLL-2003 test not found at ${conllPath}: example corpus only`);
  const examples = filesUnder(join(REPO_ROOT, "examples/reports")).map((p) => ({
    name: p.slice(p.lastIndexOf("/") + 1),
    source: p.slice(p.lastIndexOf("/") + 1),
    text: readFileSync(p, "utf8"),
  }));
  const annoDir = join(SHARED, "data/ner/annoctr/AnnoCTR/text");
  const annoctr = filesUnder(annoDir)
    .filter((p) => p.endsWith(".txt"))
    .map((p) => ({
      name: p.slice(p.lastIndexOf("/") + 1),
      source: "annoctr.txt",
      text: readFileSync(p, "utf8"),
    }));
  if (annoctr.length === 0) notes.push(`AnnoCTR texts not found at ${annoDir}`);
  return { conll, examples, annoctr, notes };
}

/** mulberry32: a small seeded PRNG, so generated corpora are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraphs (blank-line separated) of plain text; HTML is reduced to its paragraph texts. */
export function paragraphsOf(doc: CorpusDoc): string[] {
  let text = doc.text;
  if (/\.html?$/i.test(doc.source)) {
    text = text
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
      .replace(/<\/(p|h\d|li|div|blockquote)>/gi, "\n\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&[a-z]+;/g, " ");
  }
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 40);
}

/**
 * Generated document number `i` (from 0): a numbered title line, so no two texts are the same even
 * when draws repeat, then 4 to 12 paragraphs drawn from the pool with `rand`.
 */
export function composeDocument(pool: string[], rand: () => number, i: number): string {
  if (pool.length === 0) throw new Error("empty paragraph pool");
  const k = 4 + Math.floor(rand() * 9);
  const parts = [`Report ${i + 1}: compiled field notes`];
  for (let j = 0; j < k; j++) parts.push(pool[Math.floor(rand() * pool.length)]!);
  return `${parts.join("\n\n")}\n`;
}

export function paragraphPool(c: Corpora): string[] {
  return [...c.conll, ...c.examples, ...c.annoctr].flatMap(paragraphsOf);
}
