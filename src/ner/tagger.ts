/**
 * A two-pass tagger: a first linear model over local features, then a second one that also sees
 * how the first pass tagged the same word forms elsewhere in the document (non-local features).
 *
 * Hand-written, following Ratinov & Roth (2009): document-level consistency is what a local model
 * lacks most (a name in an all-caps headline, a surname after the full name was given).
 */
import {
  adaptLocalFeatures,
  type FeatDoc,
  type FeatureVersion,
  LOCAL_SLOTS,
  localFeatures,
  NONLOCAL_GROUPS,
  NONLOCAL_SLOTS,
  nonLocalFeatures,
  UNIGRAM_GROUPS,
  UNIGRAM_SKIP,
  WI_LOWER_ID,
  WordInfo,
} from "./features.js";
import type { StaticScores } from "./fused.js";
import type { GazetteerMatcher } from "./gazetteer.js";
import type { FeatureBlock, LinearModel, UnigramCache } from "./model.js";

/** A document's local features and word ids, ready for decoding (TwoPassTagger.prepare). */
export interface PreparedDoc {
  /** The document as decoded (overlong sentences cut, see MAX_SENTENCE_TOKENS). */
  doc: FeatDoc;
  feats: Uint32Array;
  ids: Int32Array;
  /** False when the word cache was reset while reading the document (ids then differ in meaning). */
  idsValid: boolean;
  generation: number;
}

export interface TagResult {
  tags: Int32Array;
  margins: Float32Array;
}

export class TwoPassTagger {
  readonly wi: WordInfo;
  /** Scratch buffers reused from one document to the next (tagging is single-threaded). */
  private localBuf = new Uint32Array(0);
  private nlBuf = new Uint32Array(0);
  private idsBuf = new Int32Array(0);
  private tagsBuf = new Int32Array(0);
  constructor(
    readonly pass1: LinearModel,
    readonly pass2: LinearModel | null,
    readonly gazetteer: GazetteerMatcher | null,
    clusters: Map<string, string> | null,
    readonly features: FeatureVersion = 1,
    wordInfo?: WordInfo,
  ) {
    this.wi = wordInfo ?? new WordInfo(clusters);
  }

  /**
   * Tags a document; `cache` = false scores every feature one by one (same result, slower). With
   * `after`, a tagger sharing this one's word cache that has just tagged the same document: its
   * local features are reused rather than computed again (see adaptLocalFeatures).
   */
  tag(input: FeatDoc, cache = true, after?: TwoPassTagger): TagResult {
    return this.decodePrepared(this.prepare(input, after), cache);
  }

  /**
   * The first half of `tag`: the document's local features and word ids (see `tag` for `after`).
   * Valid until this tagger prepares another document.
   */
  prepare(input: FeatDoc, after?: TwoPassTagger): PreparedDoc {
    const doc = withShortSentences(input);
    const n = doc.words.length;
    if (this.idsBuf.length < n) {
      const cap = Math.max(n, 2 * this.idsBuf.length, 1024);
      this.localBuf = new Uint32Array(cap * LOCAL_SLOTS);
      this.nlBuf = new Uint32Array(cap * NONLOCAL_SLOTS);
      this.idsBuf = new Int32Array(cap);
      this.tagsBuf = new Int32Array(cap);
    }
    const ids = this.idsBuf.subarray(0, n);
    const gen = this.wi.generation;
    const last = after?.last;
    const reuse =
      last !== undefined &&
      last !== null &&
      last.input === input &&
      last.generation === gen &&
      after!.wi === this.wi &&
      after!.features >= this.features;
    let feats: Uint32Array;
    if (reuse) {
      feats = adaptLocalFeatures(
        doc,
        last.feats,
        after!.features,
        this.gazetteer,
        this.features,
        this.localBuf,
      );
      ids.set(last.ids.subarray(0, n));
    } else feats = localFeatures(doc, this.wi, this.gazetteer, this.features, ids, this.localBuf);
    this.last = { input, generation: gen, feats, ids };
    // Word ids are only consistent when the word cache was not reset while reading this document.
    return { doc, feats, ids, idsValid: this.wi.generation === gen, generation: gen };
  }

  /**
   * The second half of `tag`: both passes over prepared features. With `pre`, the first pass's
   * and the second pass's scores of the local features, summed for every model of the bundle at
   * once (BundleScorer); `pre[0]` for pass 1, `pre[1]` for pass 2.
   */
  decodePrepared(p: PreparedDoc, cache = true, pre?: [StaticScores, StaticScores | null]): TagResult {
    const { doc, feats } = p;
    const n = doc.words.length;
    const local: FeatureBlock = { feats, slots: LOCAL_SLOTS };
    const uni: UnigramCache | undefined =
      cache && p.idsValid
        ? { ids: p.ids, generation: p.generation, groups: UNIGRAM_GROUPS, skip: UNIGRAM_SKIP }
        : undefined;
    const margins = new Float32Array(n);
    if (!this.pass2) {
      const tags = new Int32Array(n);
      this.pass1.decode([local], doc.sentences, tags, margins, uni, pre?.[0]);
      return { tags, margins };
    }
    const tags = this.tagsBuf.subarray(0, n);
    // When pass 2 re-reads every sentence, it writes every margin: pass 1's would be thrown away.
    const pass1Margins = this.secondPassTypes ? margins : undefined;
    this.pass1.decode([local], doc.sentences, tags, pass1Margins, uni, pre?.[0]);
    // Word ids still mean the same forms when the word cache was not reset since `prepare`.
    const ids = p.idsValid && this.wi.generation === p.generation ? p.ids : undefined;
    const again = this.secondPassTypes ? this.sentencesToReread(doc, tags, ids) : doc.sentences;
    const tags2 = tags.slice();
    if (again.length === 0) return { tags: tags2, margins };
    const nl: FeatureBlock = {
      feats: nonLocalFeatures(doc, this.pass1.tags, tags, this.features, this.wi, {
        buf: this.nlBuf,
        ids,
        only: again === doc.sentences ? undefined : again,
      }),
      slots: NONLOCAL_SLOTS,
      groups: NONLOCAL_GROUPS,
    };
    this.pass2.decode([local, nl], again, tags2, margins, uni, pre?.[1] ?? undefined);
    return { tags: tags2, margins };
  }

  /**
   * Only the types the caller keeps need the second pass (the CTI tagger's organizations and
   * locations are context for it; the news tagger gives those). With `keep` set, pass 2 re-reads
   * only the sentences where pass 1 found a kept type, or that share a word form with such a span
   * elsewhere in the document (the evidence non-local features carry); pass 1's tags stand
   * elsewhere. In news text most sentences hold no threat actor, malware or vulnerability.
   */
  secondPassOnlyFor(keep: readonly string[] | null): void {
    this.secondPassTypes = keep
      ? new Set(keep.map((t) => this.pass1.tags.types.indexOf(t)).filter((i) => i >= 0))
      : null;
  }

  private secondPassTypes: Set<number> | null = null;

  /** The last document's local features and word ids (valid until the next call to tag). */
  private last: { input: FeatDoc; generation: number; feats: Uint32Array; ids: Int32Array } | null = null;

  private sentencesToReread(doc: FeatDoc, tags: Int32Array, ids?: Int32Array): [number, number][] {
    const keep = this.secondPassTypes!;
    const tagSet = this.pass1.tags;
    const lowerId = (i: number) => (ids ? this.wi.byId(ids[i]!) : this.wi.get(doc.words[i]!))[WI_LOWER_ID]!;
    const forms = new Set<number>();
    for (let i = 0; i < tags.length; i++) {
      if (keep.has(tagSet.typeOf(tags[i]!))) forms.add(lowerId(i));
    }
    if (forms.size === 0) return [];
    return doc.sentences.filter(([s, e]) => {
      for (let i = s; i < e; i++) if (forms.has(lowerId(i))) return true;
      return false;
    });
  }
}

/**
 * Longest run of tokens decoded as one sentence. A "sentence" of thousands of tokens is a table or
 * a list the splitter could not cut; Viterbi's scratch grows with the square of the tag count per
 * token of the longest sentence (tens of MB for such a run), and names do not span 200 tokens.
 */
export const MAX_SENTENCE_TOKENS = 200;

/** The document with sentences longer than MAX_SENTENCE_TOKENS cut into pieces of that length. */
function withShortSentences(doc: FeatDoc): FeatDoc {
  if (doc.sentences.every(([s, e]) => e - s <= MAX_SENTENCE_TOKENS)) return doc;
  const sentences: [number, number][] = [];
  for (const [s, e] of doc.sentences) {
    for (let a = s; a < e; a += MAX_SENTENCE_TOKENS)
      sentences.push([a, Math.min(e, a + MAX_SENTENCE_TOKENS)]);
  }
  return { ...doc, sentences };
}
