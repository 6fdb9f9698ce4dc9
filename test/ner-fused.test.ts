/**
 * The bundle's merged scoring (src/ner/fused.ts) is a speed-up only: both taggers must tag and
 * score exactly as they do alone, on hand-written text and, with ../shared, on CoNLL-2003 test.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { readConll } from "../src/ner/corpus.js";
import type { FeatDoc } from "../src/ner/features.js";
import { BundleScorer } from "../src/ner/fused.js";
import { mix } from "../src/ner/hash.js";
import { type DossierNer, loadNerTagger, normalizeWord } from "../src/ner/index.js";
import { splitSentences, tokenize } from "../src/text/tokenize.js";
import { SKIP_SHARED } from "./helpers/shared.js";

const ner = loadNerTagger() as DossierNer;
const { news, cti } = ner.bundle.taggers;

function docOf(text: string): FeatDoc {
  const tokens = tokenize(text);
  return {
    words: tokens.map((t) => normalizeWord(t.text)),
    sentences: splitSentences(text, tokens).map((x) => [x.firstToken, x.lastToken] as [number, number]),
  };
}

/** Number of tokens where the merged run and each tagger alone differ (tags or margins). */
function differences(doc: FeatDoc): number {
  const merged = ner.tagWords(doc);
  const newsAlone = news!.tag(doc);
  const ctiAlone = cti!.tag(doc);
  let diff = 0;
  for (const [m, alone] of [
    [merged.news!.res, newsAlone],
    [merged.cti!.res, ctiAlone],
  ] as const) {
    for (let i = 0; i < doc.words.length; i++) {
      if (m.tags[i] !== alone.tags[i] || Math.abs(m.margins[i]! - alone.margins[i]!) > 1e-6) diff++;
    }
  }
  return diff;
}

const TEXTS = [
  "Angela Merkel met executives of Siemens AG in Munich on Tuesday. Merkel later flew to Paris.",
  "The Lazarus Group deployed the WannaCry ransomware against banks in Vietnam, FireEye said. " +
    "Later, WannaCry spread to hospitals in Britain, and APT28 used X-Agent against Germany.",
  "NORTH KOREAN HACKERS OF BUREAU 121 WORK FROM SHENYANG , A DEFECTOR SAID .",
  "",
];

test("both taggers tag and score exactly as alone when the bundle scores their features at once", () => {
  assert.ok(news && cti, "the committed bundle has both taggers");
  for (const text of TEXTS) {
    // Twice: the second run reads the per-word sums cached by the first.
    for (let run = 0; run < 2; run++) assert.equal(differences(docOf(text)), 0, text);
  }
  // The merged run did use the merged scorer.
  assert.ok((ner as unknown as { scorer: unknown }).scorer instanceof BundleScorer);
});

test("merged scores are the same with and without the per-word cache", () => {
  const scorer = new BundleScorer([news!, cti!]);
  const doc = docOf(TEXTS[1]!);
  const a = news!.prepare(doc);
  const b = cti!.prepare(doc, news);
  const n = doc.words.length;
  const cached = scorer.score([a.feats, b.feats], a.doc.sentences, n, a.ids, a.generation).slice();
  const again = scorer.score([a.feats, b.feats], a.doc.sentences, n, a.ids, a.generation).slice();
  const direct = scorer.score([a.feats, b.feats], a.doc.sentences, n, null, a.generation).slice();
  assert.deepEqual([...again], [...cached]);
  assert.deepEqual([...direct], [...cached]);
  assert.ok(cached.some((x) => x !== 0));
  // Each tagger's columns hold what its pass 1 would sum itself: the bias row at least is not 0.
  const [newsPass1] = scorer.bases[0]!;
  assert.ok(cached.subarray(newsPass1, newsPass1 + news!.pass1.nt).some((x) => x !== 0));
});

test("CoNLL-2003 test: the merged run and the taggers alone agree on every token", {
  skip: SKIP_SHARED,
}, () => {
  const docs = readConll("testb").docs.slice(0, 60);
  let tokens = 0;
  let diff = 0;
  for (const d of docs) {
    const doc = { words: d.words.map(normalizeWord), sentences: d.sentences };
    tokens += doc.words.length;
    diff += differences(doc);
  }
  assert.ok(tokens > 5000, `${tokens} tokens`);
  assert.equal(diff, 0);
});

test("a gazetteer hit's feature is never 0 (the merged scoring stops at a token's first empty gazetteer slot)", () => {
  // localFeatures writes mix(40 + position, list) for 4 positions and at most 31 lists.
  for (let pos = 0; pos < 4; pos++)
    for (let list = 0; list < 31; list++) assert.notEqual(mix(40 + pos, list), 0);
});
