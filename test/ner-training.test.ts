/**
 * Training mechanics of the NER models on small hand-written corpora: both decoders learn, Viterbi
 * decoding only gives valid BILOU sequences and finds where an entity ends, partial labels are
 * respected, training is deterministic and a model reads back from its file unchanged.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { readBundle, writeBundle } from "../src/ner/bundle.js";
import type { Corpus, LabeledDoc } from "../src/ner/corpus.js";
import type { Decoder } from "../src/ner/model.js";
import { spansFromTags } from "../src/ner/tags.js";
import { type TrainOptions, trainTagger } from "../src/ner/train.js";

/** A document of sentences written as "Word/LABEL word word/LABEL": BIO labels after the slash. */
function doc(...sentences: string[]): LabeledDoc {
  const words: string[] = [];
  const labels: string[] = [];
  const spans: [number, number][] = [];
  for (const s of sentences) {
    const start = words.length;
    for (const tok of s.split(" ")) {
      const [w, l] = tok.split("/");
      words.push(w!);
      labels.push(l ?? "O");
    }
    spans.push([start, words.length]);
  }
  return { words, sentences: spans, labels };
}

const FIRST = ["Anna", "Boris", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana"];
const LAST = ["Kovac", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rahimi"];
const ORGS = ["Acme", "Borealis", "Cobalt", "Dynamo", "Everest", "Fulcrum", "Granite", "Helix"];
const VERBS = ["said", "told", "warned", "added"];

/** Sentences with a two-word person, an organization and numbers, in several orders. */
function corpus(n: number): Corpus {
  const docs: LabeledDoc[] = [];
  for (let d = 0; d < n; d++) {
    const sents: string[] = [];
    for (let k = 0; k < 6; k++) {
      const i = (d * 7 + k * 3) % 8;
      const j = (d * 5 + k) % 8;
      const per = `${FIRST[i]}/B-PER ${LAST[j]}/I-PER`;
      const org = `${ORGS[(d * 3 + k * 5) % 8]}/B-ORG`;
      const v = VERBS[(d + k) % 4];
      sents.push(
        k % 3 === 0
          ? `${per} of ${org} ${v} on Monday .`
          : k % 3 === 1
            ? `${org} ${v} that ${per} scored ${10 + k} points .`
            : `The results : ${per} ${20 + d} , ${org} ${30 + k} .`,
      );
    }
    docs.push(doc(...sents));
  }
  return { name: "toy", types: ["PER", "ORG"], docs };
}

function options(decoder: Decoder): TrainOptions {
  return {
    types: ["PER", "ORG"],
    bits: 16,
    epochs: 4,
    seed: 7,
    folds: 2,
    lists: [],
    trainListTypes: ["PER", "ORG"],
    clusters: null,
    secondPass: true,
    features: 2,
    decoder,
  };
}

const HELD_OUT = doc(
  "Farah/B-PER Novak/I-PER of Granite/B-ORG warned on Monday .",
  "The results : Goran/B-PER Okafor/I-PER 63 , Helix/B-ORG 35 .",
);

for (const decoder of ["greedy", "viterbi"] as const) {
  test(`${decoder}: learns the toy corpus and tags held-out sentences`, () => {
    const { tagger } = trainTagger([corpus(12)], options(decoder));
    const res = tagger.tag({ words: HELD_OUT.words, sentences: HELD_OUT.sentences });
    const got = spansFromTags(tagger.pass1.tags, res.tags).map(
      (s) => `${s.type}:${HELD_OUT.words.slice(s.start, s.end).join(" ")}`,
    );
    assert.deepEqual(got, ["PER:Farah Novak", "ORG:Granite", "PER:Goran Okafor", "ORG:Helix"]);
  });
}

test("viterbi: every decoded sequence is valid BILOU, also on text unlike the training data", () => {
  const { tagger } = trainTagger([corpus(8)], options("viterbi"));
  const tags = tagger.pass1.tags;
  const odd = doc("Okafor Okafor Okafor", "of of Acme", "63", "Helix Borealis Cobalt said Anna");
  const res = tagger.tag({ words: odd.words, sentences: odd.sentences });
  for (const [s, e] of odd.sentences) {
    let prev = 0;
    for (let i = s; i < e; i++) {
      assert.ok(
        tags.allowed(prev, res.tags[i]!, i === e - 1),
        `invalid ${tags.names[prev]} -> ${tags.names[res.tags[i]!]}`,
      );
      prev = res.tags[i]!;
    }
  }
  for (const m of res.margins) assert.ok(m >= 0 && Number.isFinite(m));
});

test("training is deterministic and the model file reads back to the same tagging", () => {
  const a = trainTagger([corpus(6)], options("viterbi")).tagger;
  const b = trainTagger([corpus(6)], options("viterbi")).tagger;
  const bytes = (t: typeof a) => writeBundle({ taggers: { news: t }, clusters: null, meta: {} });
  assert.ok(bytes(a).equals(bytes(b)), "two trainings with one seed wrote different files");
  const back = readBundle(bytes(a)).taggers.news!;
  assert.equal(back.pass1.decoder, "viterbi");
  const x = a.tag({ words: HELD_OUT.words, sentences: HELD_OUT.sentences });
  const y = back.tag({ words: HELD_OUT.words, sentences: HELD_OUT.sentences });
  assert.deepEqual([...y.tags], [...x.tags]);
  // The read-back model decodes from rows built straight from the file: the same margins too.
  assert.deepEqual([...y.margins], [...x.margins]);
  // And it writes back the bytes it was read from (it keeps no dense rows to write from).
  assert.ok(bytes(back).equals(bytes(a)), "a model read back wrote a different file");
});

test("partial labels: a type the corpus does not annotate is not trained away", () => {
  // The corpus annotates PER only; its organizations are unlabeled (O) but ORG is not in `types`.
  const perOnly = corpus(10);
  for (const d of perOnly.docs) d.labels = d.labels.map((l) => (l.endsWith("ORG") ? "O" : l));
  perOnly.types = ["PER"];
  const orgOnly = corpus(10);
  for (const d of orgOnly.docs) d.labels = d.labels.map((l) => (l.endsWith("PER") ? "O" : l));
  orgOnly.types = ["ORG"];
  for (const decoder of ["greedy", "viterbi"] as const) {
    const { tagger } = trainTagger([perOnly, orgOnly], options(decoder));
    const res = tagger.tag({ words: HELD_OUT.words, sentences: HELD_OUT.sentences });
    const types = spansFromTags(tagger.pass1.tags, res.tags).map((s) => s.type);
    assert.ok(types.includes("PER") && types.includes("ORG"), `${decoder}: ${types.join(",")}`);
  }
});
