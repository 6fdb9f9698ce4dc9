/** Dossier's NER: the committed model loads fast, tags hand-written sentences, keeps offsets, scores. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Mention } from "../src/model/types.js";
import { readConll } from "../src/ner/corpus.js";
import { scoreCorpus, scoreSeeds } from "../src/ner/evaluate.js";
import { adaptLocalFeatures, localFeatures } from "../src/ner/features.js";
import { type DossierNer, loadNerTagger, type NerTagger, normalizeWord } from "../src/ner/index.js";
import { TwoPassTagger } from "../src/ner/tagger.js";
import { splitSentences, tokenize } from "../src/text/tokenize.js";
import { HAS_SHARED, SHARED, SKIP_SHARED } from "./helpers/shared.js";

let ner: NerTagger;

test("the committed model loads in under a second", () => {
  const t0 = performance.now();
  ner = loadNerTagger();
  const ms = performance.now() - t0;
  assert.ok(ms < 1000, `load took ${ms.toFixed(0)} ms`);
});

function tag(text: string): Mention[] {
  const tokens = tokenize(text);
  return ner.tag({ text, tokens, sentences: splitSentences(text, tokens) });
}

function has(ms: Mention[], text: string, label: string): boolean {
  return ms.some((m) => m.text === text && m.label === label);
}

test("tags persons, organizations, locations and countries in news sentences", () => {
  const ms = tag(
    "Angela Merkel met executives of Siemens AG in Munich on Tuesday, a spokesman for the German government said. " +
      "Merkel later flew to Paris.",
  );
  assert.ok(has(ms, "Angela Merkel", "person"), JSON.stringify(ms));
  assert.ok(has(ms, "Merkel", "person"), JSON.stringify(ms));
  assert.ok(has(ms, "Siemens AG", "organization"), JSON.stringify(ms));
  const ms3 = tag("The European Commission fined Microsoft on Monday, officials in Brussels said.");
  assert.ok(has(ms3, "European Commission", "organization"), JSON.stringify(ms3));
  assert.ok(has(ms3, "Microsoft", "organization"), JSON.stringify(ms3));
  assert.ok(has(ms, "Munich", "location"), JSON.stringify(ms));
  assert.ok(has(ms, "Paris", "location"), JSON.stringify(ms));
  const ms2 = tag("Officials in South Korea blamed North Korea for the attack.");
  assert.ok(has(ms2, "South Korea", "country"), JSON.stringify(ms2));
  assert.ok(has(ms2, "North Korea", "country"), JSON.stringify(ms2));
});

test("tags threat actors, malware and sectors in CTI sentences", () => {
  const ms = tag(
    "Researchers said the Lazarus Group used the WannaCry ransomware and the Mimikatz tool against banks in 2017. " +
      "APT28 deployed X-Agent against government agencies.",
  );
  assert.ok(has(ms, "Lazarus Group", "threat-actor"), JSON.stringify(ms));
  assert.ok(
    ms.some((m) => m.text.startsWith("WannaCry") && m.label === "malware"),
    JSON.stringify(ms),
  );
  assert.ok(has(ms, "APT28", "threat-actor"), JSON.stringify(ms));
  assert.ok(
    ms.some((m) => m.text === "banks" && m.label === "sector"),
    JSON.stringify(ms),
  );
});

test("mention offsets are exact and confidences are in 0..1", () => {
  const text = "  Kim Jong Un’s envoy visited Beijing.\n\nThe Kimsuky group targeted Seoul’s think tanks. ";
  const ms = tag(text);
  assert.ok(ms.length >= 3, JSON.stringify(ms));
  for (const m of ms) {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.equal(m.source, "ner");
    assert.ok(m.confidence >= 0 && m.confidence <= 1);
  }
  assert.ok(
    ms.some((m) => m.text.startsWith("Kim Jong") && m.label === "person"),
    JSON.stringify(ms),
  );
  assert.ok(has(ms, "Kimsuky", "threat-actor"), JSON.stringify(ms));
  assert.ok(has(ms, "Beijing", "location"), JSON.stringify(ms));
});

test("the per-word score cache changes nothing: cached and uncached tagging agree", () => {
  const text =
    "Angela Merkel met executives of Siemens AG in Munich. Merkel later flew to Paris. " +
    "APT28 deployed X-Agent against government agencies in Germany and France. " +
    "Officials in Munich said Siemens AG and APT28 were discussed again in Paris.";
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const doc = {
    words: tokens.map((t) => t.text),
    sentences: sentences.map((s) => [s.firstToken, s.lastToken] as [number, number]),
  };
  for (const tagger of Object.values((ner as DossierNer).bundle.taggers)) {
    // Twice: the second run reads scores cached by the first.
    for (let run = 0; run < 2; run++) {
      const a = tagger.tag(doc, true);
      const b = tagger.tag(doc, false);
      assert.deepEqual([...a.tags], [...b.tags]);
      for (let i = 0; i < a.margins.length; i++) {
        assert.ok(Math.abs(a.margins[i]! - b.margins[i]!) < 1e-6, `margin ${i}`);
      }
    }
  }
});

test("a run of 1,000 tokens with no sentence end (a table, a list) is tagged in pieces, offsets exact", () => {
  const row = "Angela Merkel met executives of Siemens AG in Munich , ";
  const text = row.repeat(100);
  const tokens = tokenize(text);
  const one = [{ start: 0, end: text.length, firstToken: 0, lastToken: tokens.length }];
  assert.ok(tokens.length >= 1000);
  const ms = ner.tag({ text, tokens, sentences: one });
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  const merkel = ms.filter((m) => m.text === "Angela Merkel" && m.label === "person");
  assert.ok(merkel.length >= 95, `${merkel.length} of 100 rows`);
});

test("the CTI tagger's second pass re-reads only sentences with a kept type or its word forms", () => {
  const bundle = (ner as DossierNer).bundle;
  const cti = bundle.taggers.cti!;
  const firstPassOnly = new TwoPassTagger(cti.pass1, null, cti.gazetteer, bundle.clusters, cti.features);
  const ungated = new TwoPassTagger(cti.pass1, cti.pass2, cti.gazetteer, bundle.clusters, cti.features);
  const doc = (text: string) => {
    const tokens = tokenize(text);
    return {
      words: tokens.map((t) => normalizeWord(t.text)),
      sentences: splitSentences(text, tokens).map((x) => [x.firstToken, x.lastToken] as [number, number]),
    };
  };
  const types = (tags: Int32Array) => [...tags].map((t) => cti.pass1.tags.typeOf(t));
  const kept = new Set(
    ["threat-actor", "malware", "tool", "vulnerability", "sector"].map((t) =>
      cti.pass1.tags.types.indexOf(t),
    ),
  );
  // News without threat actors or malware: pass 1's tags stand.
  const news = doc("The mayor of Munich met the president of Siemens on Tuesday in the town hall.");
  const p1 = firstPassOnly.tag(news).tags;
  assert.ok(!types(p1).some((t) => kept.has(t)), "no kept type in pass 1");
  assert.deepEqual([...cti.tag(news).tags], [...p1]);
  // A report: its sentences with malware get the full second pass, as without the gate.
  const report = doc(
    "The Lazarus Group deployed the WannaCry ransomware against banks. Later, WannaCry spread to hospitals.",
  );
  assert.ok(types(firstPassOnly.tag(report).tags).some((t) => kept.has(t)));
  assert.deepEqual([...cti.tag(report).tags], [...ungated.tag(report).tags]);
});

test("a tagger that starts from the other tagger's local features tags exactly as on its own", () => {
  const { news, cti } = (ner as DossierNer).bundle.taggers;
  for (const text of [
    "Angela Merkel met executives of Siemens AG in Munich on Tuesday. Merkel later flew to Paris.",
    "The Lazarus Group deployed the WannaCry ransomware against banks in Vietnam, FireEye said.",
  ]) {
    const tokens = tokenize(text);
    const doc = {
      words: tokens.map((t) => normalizeWord(t.text)),
      sentences: splitSentences(text, tokens).map((x) => [x.firstToken, x.lastToken] as [number, number]),
    };
    const alone = [...cti!.tag(doc).tags];
    news!.tag(doc);
    assert.deepEqual([...cti!.tag(doc, true, news).tags], alone);
    // The features themselves: the news set (2, its gazetteer) adapted to the CTI set (1, its own).
    const fromNews = localFeatures(doc, news!.wi, news!.gazetteer, news!.features);
    assert.equal(news!.features, 2);
    assert.deepEqual(
      [...adaptLocalFeatures(doc, fromNews, news!.features, cti!.gazetteer, cti!.features)],
      [...localFeatures(doc, cti!.wi, cti!.gazetteer, cti!.features)],
    );
    assert.notDeepEqual([...fromNews], [...localFeatures(doc, cti!.wi, cti!.gazetteer, cti!.features)]);
  }
});

test("an empty document gives no mentions", () => {
  assert.deepEqual(ner.tag({ text: "", tokens: [], sentences: [] }), []);
});

// The target (0.88); the committed model reaches 0.8906 (npm run eval:ner).
test("CoNLL-2003 test micro F1 floor", { skip: SKIP_SHARED }, () => {
  const news = (ner as DossierNer).bundle.taggers.news!;
  const s = scoreCorpus(news, readConll("testb"));
  assert.ok(s.micro.f1 >= 0.88, `F1 ${s.micro.f1.toFixed(4)}`);
});

test("seeds: recall and precision of gold persons, organizations and threat actor", {
  skip: SKIP_SHARED,
}, () => {
  if (!HAS_SHARED) return;
  const s = scoreSeeds(ner, SHARED);
  assert.ok(
    s.micro.recall >= SEED_RECALL_FLOOR,
    `recall ${s.micro.recall.toFixed(3)} missed ${s.missed.join("; ")}`,
  );
  assert.ok(
    s.micro.precision >= SEED_PRECISION_FLOOR,
    `precision ${s.micro.precision.toFixed(3)} wrong ${s.wrongMentions.join("; ")}`,
  );
  assert.equal(s.perType["threat-actor"]!.found, 1, `Bureau 121 missed: ${s.missed.join("; ")}`);
});

// Floors just under what the raw NER reaches on the seeds (recall 0.722, precision 0.900 by npm run
// eval:ner); the 0.9/0.85 is for the pipeline's entities, rules included (test/eval-seeds).
const SEED_RECALL_FLOOR = 0.7;
const SEED_PRECISION_FLOOR = 0.85;
