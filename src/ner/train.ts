/**
 * Training of a two-pass tagger with averaged perceptrons: the first pass on local features, the
 * second on local plus non-local features computed from first-pass predictions made by models
 * that did not see the document (k-fold jackknife), so the second pass learns how reliable the
 * first pass really is. Gazetteer lists derived from the training documents are jackknifed too.
 *
 * Hand-written (see model.ts for why); deterministic for a given seed.
 */
import type { Corpus, LabeledDoc } from "./corpus.js";
import {
  type FeatDoc,
  type FeatureVersion,
  LOCAL_SLOTS,
  localFeatures,
  NONLOCAL_SLOTS,
  nonLocalFeatures,
  WordInfo,
} from "./features.js";
import { type GazetteerList, GazetteerMatcher } from "./gazetteer.js";
import { seededRandom } from "./hash.js";
import { type Decoder, type FeatureBlock, LinearModel } from "./model.js";
import { TwoPassTagger } from "./tagger.js";
import { bilouFromSpans, spansFromBio, type TagSet } from "./tags.js";

export interface TrainOptions {
  types: string[];
  bits: number;
  epochs: number;
  seed: number;
  folds: number;
  /** External gazetteer lists (countries, cities, MISP/ATT&CK names). */
  lists: GazetteerList[];
  /** Entity types whose training-set names become gazetteer lists ("train:PER", ...). */
  trainListTypes: string[];
  clusters: Map<string, string> | null;
  secondPass: boolean;
  /** Feature templates (see FeatureVersion). */
  features: FeatureVersion;
  /** Decoding the models train and tag with (default greedy). */
  decoder?: Decoder;
  log?: (msg: string) => void;
}

interface TrainDoc {
  doc: FeatDoc;
  gold: Int32Array;
  accept: (i: number, tag: number) => boolean;
  fold: number;
  local: FeatureBlock;
  nl?: FeatureBlock;
}

/** Gold BILOU tags and the partial-label acceptance test of one document. */
function prepare(tags: TagSet, d: LabeledDoc, annotated: Set<string>) {
  const n = d.words.length;
  const gold = new Int32Array(n);
  // alt[i] = the second acceptable type index for ambiguous labels ("tool|malware"), else -1.
  const alt = new Int32Array(n).fill(-1);
  for (const [s, e] of d.sentences) {
    const spans = spansFromBio(d.labels.slice(s, e));
    for (const sp of spans) {
      const [first, second] = sp.type.split("|");
      const g = bilouFromSpans(tags, [{ start: sp.start, end: sp.end, type: first! }], sp.end);
      for (let i = sp.start; i < sp.end; i++) {
        gold[s + i] = g[i]!;
        if (second) alt[s + i] = tags.types.indexOf(second);
      }
    }
  }
  const unannotated = new Uint8Array(tags.types.length);
  tags.types.forEach((t, k) => {
    unannotated[k] = annotated.has(t) ? 0 : 1;
  });
  const accept = (i: number, tag: number): boolean => {
    const g = gold[i]!;
    if (tag === g) return true;
    if (g === 0) return tag !== 0 && unannotated[tags.typeOf(tag)] === 1;
    const a = alt[i]!;
    return a >= 0 && tag !== 0 && tags.typeOf(tag) === a && tags.posOf(tag) === tags.posOf(g);
  };
  return { gold, accept };
}

/** Names of each type in the given documents, as token lists. */
function namesOf(docs: LabeledDoc[], types: string[]): Map<string, string[][]> {
  const out = new Map<string, Map<string, string[]>>();
  for (const t of types) out.set(t, new Map());
  for (const d of docs) {
    for (const [s, e] of d.sentences) {
      for (const sp of spansFromBio(d.labels.slice(s, e))) {
        for (const t of sp.type.split("|")) {
          const m = out.get(t);
          if (!m) continue;
          const words = d.words.slice(s + sp.start, s + sp.end);
          m.set(words.join(" "), words);
        }
      }
    }
  }
  return new Map([...out].map(([t, m]) => [t, [...m.values()]]));
}

function trainLists(docs: LabeledDoc[], types: string[]): GazetteerList[] {
  const names = namesOf(docs, types);
  return types.map((t) => ({ name: `train:${t}`, caseless: false, entries: names.get(t) ?? [] }));
}

function shuffled<T>(xs: T[], rnd: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function trainModel(
  opts: TrainOptions,
  docs: TrainDoc[],
  blocksOf: (d: TrainDoc) => FeatureBlock[],
  rnd: () => number,
  label: string,
): LinearModel {
  const model = new LinearModel(opts.types, opts.bits, opts.decoder);
  model.startTraining();
  for (let ep = 0; ep < opts.epochs; ep++) {
    let errors = 0;
    let tokens = 0;
    for (const d of shuffled(docs, rnd)) {
      errors += model.trainDoc(blocksOf(d), d.doc.sentences, d.gold, d.accept);
      tokens += d.gold.length;
    }
    opts.log?.(`${label} epoch ${ep + 1}: ${((100 * errors) / tokens).toFixed(2)}% tokens updated`);
  }
  model.finish();
  return model;
}

export interface TrainedTagger {
  tagger: TwoPassTagger;
  lists: GazetteerList[];
}

/** Trains a two-pass tagger on the given corpora (all their documents). */
export function trainTagger(corpora: Corpus[], opts: TrainOptions): TrainedTagger {
  const rnd = seededRandom(opts.seed);
  const wi = new WordInfo(opts.clusters);
  const all: { d: LabeledDoc; annotated: Set<string> }[] = [];
  for (const c of corpora) for (const d of c.docs) all.push({ d, annotated: new Set(c.types) });
  const folds = opts.folds;
  const foldOf = all.map((_, i) => i % folds);
  // Gazetteer per fold: external lists plus names from the other folds' documents.
  const foldGaz: GazetteerMatcher[] = [];
  for (let f = 0; f < folds; f++) {
    const others = all.filter((_, i) => foldOf[i] !== f).map((x) => x.d);
    foldGaz.push(new GazetteerMatcher([...opts.lists, ...trainLists(others, opts.trainListTypes)]));
  }
  const fullLists = [
    ...opts.lists,
    ...trainLists(
      all.map((x) => x.d),
      opts.trainListTypes,
    ),
  ];
  const tagset = new LinearModel(opts.types, 1).tags;
  const docs: TrainDoc[] = all.map((x, i) => {
    const { gold, accept } = prepare(tagset, x.d, x.annotated);
    const doc: FeatDoc = { words: x.d.words, sentences: x.d.sentences };
    return {
      doc,
      gold,
      accept,
      fold: foldOf[i]!,
      local: {
        feats: localFeatures(doc, wi, foldGaz[foldOf[i]!]!, opts.features),
        slots: LOCAL_SLOTS,
      },
    };
  });
  opts.log?.(`${docs.length} documents, ${docs.reduce((a, d) => a + d.gold.length, 0)} tokens`);
  const pass1 = trainModel(opts, docs, (d) => [d.local], rnd, "pass 1");
  let pass2: LinearModel | null = null;
  if (opts.secondPass) {
    for (let f = 0; f < folds; f++) {
      const m = trainModel(
        opts,
        docs.filter((d) => d.fold !== f),
        (d) => [d.local],
        rnd,
        `fold ${f + 1}/${folds}`,
      );
      for (const d of docs) {
        if (d.fold !== f) continue;
        const pred = new Int32Array(d.gold.length);
        m.decode([d.local], d.doc.sentences, pred);
        d.nl = {
          feats: nonLocalFeatures(d.doc, m.tags, pred, opts.features, wi),
          slots: NONLOCAL_SLOTS,
        };
      }
    }
    pass2 = trainModel(opts, docs, (d) => [d.local, d.nl!], rnd, "pass 2");
  }
  return {
    tagger: new TwoPassTagger(pass1, pass2, new GazetteerMatcher(fullLists), opts.clusters, opts.features),
    lists: fullLists,
  };
}
