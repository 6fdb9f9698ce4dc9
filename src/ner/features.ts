/**
 * Feature extraction for the NER taggers: local features of each token (Ratinov & Roth 2009 style)
 * and the non-local, document-level features of the second pass.
 *
 * Hand-written: features are integer hashes mixed from per-word hashes computed once per word form,
 * so that extraction needs no string concatenation per token and tagging stays fast.
 */
import type { GazetteerHit, GazetteerMatcher } from "./gazetteer.js";
import { hashString, mix } from "./hash.js";
import type { TagSet } from "./tags.js";

/** A document as the taggers see it: words and sentence ranges [start, end) over them. */
export interface FeatDoc {
  words: string[];
  sentences: [number, number][];
}

/**
 * Feature set of a model: 1 = the original templates; 2 adds the neighbours' suffixes and whether
 * a capitalized word also occurs in lower case in the document (news tagger: +0.4 F1 on CoNLL
 * dev; the CTI tagger keeps 1, where it did worse on the seeds).
 */
export type FeatureVersion = 1 | 2;

/** Number of local feature slots per token. */
export const LOCAL_SLOTS = 50;
/** Number of non-local feature slots per token. */
export const NONLOCAL_SLOTS = 15;
const GAZ_SLOTS = 8;
const GAZ_BASE = LOCAL_SLOTS - GAZ_SLOTS;
/** The gazetteer slots: filled in order, so the first empty one ends a token's hits. */
export const GAZETTEER_SLOTS = { first: GAZ_BASE, count: GAZ_SLOTS } as const;

// Word-info layout (per word form).
const WI_EXACT = 0;
const WI_LOWER = 1;
const WI_SHAPE = 2;
const WI_SHORT = 3;
const WI_PRE = 4; // 4 slots
const WI_SUF = 8; // 4 slots
const WI_CL = 12; // 4 slots: cluster path prefixes
const WI_FLAGS = 16;
const WI_ID = 17;
/** Id of the lower-cased form (shared by "May", "MAY" and "may"). */
export const WI_LOWER_ID = 18;
/** The hashes of the word's single-word features at each window offset (see unigramHashes). */
const WI_HASHES = 19;

const F_ALLCAPS = 1;
const F_HASLOWER = 2;
const F_CAPSTART = 4;
const F_LOWERSTART = 8;
/** Starts with an upper-case letter or a digit and has two characters or more (a name-like form). */
const F_NAMELIKE = 16;
/** Starts with a lower-case letter and has no upper-case one ("may", not "iPhone"). */
const F_ALL_LOWER = 32;

function shapeOf(w: string, short: boolean): string {
  let out = "";
  let last = "";
  let run = 0;
  for (const ch of w) {
    let c: string;
    if (/\p{Lu}/u.test(ch)) c = "X";
    else if (/\p{Ll}/u.test(ch)) c = "x";
    else if (/\p{N}/u.test(ch)) c = "d";
    else c = ch;
    if (c === last) {
      run++;
      if (short || run >= 4) continue;
    } else run = 0;
    last = c;
    out += c;
  }
  return out;
}

export interface FeatureOptions {
  /** Word (lower case) to a binary cluster path ("0110..."). */
  clusters?: Map<string, string> | null;
  gazetteer?: GazetteerMatcher | null;
}

const CLUSTER_PREFIXES = [4, 6, 10, 20];

/**
 * Slots of `localFeatures` that depend on one word of the window only, by offset (-2..+2): the
 * decoder caches their summed scores per word form (LinearModel.decode). The bias (slot 0) stays
 * out: with it, frequent words' sums leave the cache's Int16 range. Must list only single-word
 * templates of `localFeatures`.
 */
export const UNIGRAM_GROUPS: readonly (readonly number[])[] = [
  [2, 7],
  [3, 8, 12, 36, 40],
  [1, 4, 9, 13, 15, 16, 17, 18, 19, 20, 21, 22, 32, 33, 34, 35],
  [5, 10, 14, 37, 41],
  [6, 11],
];
export const UNIGRAM_SKIP = new Uint8Array(LOCAL_SLOTS);
for (const g of UNIGRAM_GROUPS) for (const k of g) UNIGRAM_SKIP[k] = 1;

/** Where the hash of slot UNIGRAM_GROUPS[d][j] of a word at offset d - 2 is in its info. */
const HASH_AT: number[][] = [];
{
  let at = WI_HASHES;
  for (const g of UNIGRAM_GROUPS) HASH_AT.push(g.map(() => at++));
}
const WI_SIZE = WI_HASHES + UNIGRAM_GROUPS.reduce((a, g) => a + g.length, 0);

/**
 * The hashes of a word's single-word features, as each window offset sees it: computed once per
 * word form instead of once per token (they were most of the hashing of localFeatures). `hashOf`
 * gives the feature of slot k from the word's info, as localFeatures defines it.
 */
function unigramHashes(info: Int32Array): void {
  UNIGRAM_GROUPS.forEach((g, d) => {
    g.forEach((k, j) => {
      info[HASH_AT[d]![j]!] = slotHash(k, info);
    });
  });
}

/** The feature of single-word slot k for a word with `info` at the offset the slot reads. */
function slotHash(k: number, w: Int32Array): number {
  if (k === 1) return mix(1, w[WI_EXACT]!);
  if (k >= 2 && k <= 6) return mix(k, w[WI_LOWER]!);
  if (k >= 7 && k <= 11) return mix(k, w[WI_SHAPE]!);
  if (k >= 12 && k <= 14) return mix(k, w[WI_SHORT]!);
  if (k >= 15 && k <= 18) return w[WI_PRE + k - 15] ? mix(k, w[WI_PRE + k - 15]!) : 0;
  if (k >= 19 && k <= 22) return w[WI_SUF + k - 19] ? mix(k, w[WI_SUF + k - 19]!) : 0;
  if (k >= 32 && k <= 35) return w[WI_CL + k - 32] ? mix(k, w[WI_CL + k - 32]!) : 0;
  if (k === 36 || k === 37) return w[WI_CL + 2] ? mix(k, w[WI_CL + 2]!) : 0;
  // Suffixes of the neighbours ("-ed" before, "-ian" after...), feature set 2.
  if (k === 40 || k === 41) return w[WI_SUF + 2] ? mix(k + 10, w[WI_SUF + 2]!) : 0;
  throw new Error(`slot ${k} is not a single-word feature`);
}

/** Writes the single-word features of a word at window offset d - 2 into token slots out[o..]. */
function copyHashes(out: Uint32Array, o: number, w: Int32Array, d: number): void {
  const g = UNIGRAM_GROUPS[d]!;
  const h = HASH_AT[d]!;
  for (let j = 0; j < g.length; j++) out[o + g[j]!] = w[h[j]!]!;
}

const BOUNDARY = new Int32Array(WI_SIZE).fill(hashString("<S>"));
BOUNDARY[WI_FLAGS] = 0;
unigramHashes(BOUNDARY);

/**
 * Slots whose features differ between taggers that read the same words (each has its own
 * gazetteer lists and feature set): BundleScorer reads them in each tagger's own rows.
 */
export const TAGGER_SLOTS = new Uint8Array(LOCAL_SLOTS);
TAGGER_SLOTS[40] = 1;
TAGGER_SLOTS[41] = 1;
TAGGER_SLOTS.fill(1, GAZ_BASE, LOCAL_SLOTS);
/**
 * The non-local slots in two groups whose values repeat together (FeatureBlock.groups): the first
 * pass's tags around the token, and the statistics of its word form over the document.
 */
export const NONLOCAL_GROUPS: readonly Int32Array[] = [
  Int32Array.from([0, 1, 2, 3, 4]),
  Int32Array.from([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
];

/** The next WordInfo generation (see WordInfo.generation). */
let nextGeneration = 1;

/** Word forms remembered before the cache starts again (bounds a long ingest's memory). */
const WORD_FORMS_MAX = 100_000;

/**
 * Computes and caches the per-word-form hashes; each form also gets an id (>= 1). The taggers of
 * one bundle share one (the same words, once), so ids mean the same form in each of them.
 */
export class WordInfo {
  private cache = new Map<string, Int32Array>();
  private lowerIds = new Map<string, number>();
  /** Infos by id (see `byId`). */
  private infos: Int32Array[] = [];
  /**
   * Infos are views into shared blocks: one small typed array per word form would give each its
   * own backing store, and a long ingest meets hundreds of thousands of forms.
   */
  private block = new Int32Array(0);
  private used = 0;
  /**
   * Changes when the cache is cleared and ids start again. Unique across instances: a model's
   * per-word caches are keyed by id and generation, and two taggers may share a model.
   */
  generation = nextGeneration++;
  constructor(private readonly clusters: Map<string, string> | null) {}

  get(w: string): Int32Array {
    let info = this.cache.get(w);
    if (info) return info;
    if (this.used + WI_SIZE > this.block.length) {
      this.block = new Int32Array(WI_SIZE * 4096);
      this.used = 0;
    }
    info = this.block.subarray(this.used, this.used + WI_SIZE);
    this.used += WI_SIZE;
    const lower = w.toLowerCase();
    info[WI_EXACT] = hashString(w);
    info[WI_LOWER] = hashString(lower);
    info[WI_SHAPE] = hashString(shapeOf(w, false));
    info[WI_SHORT] = hashString(shapeOf(w, true));
    for (let k = 1; k <= 4; k++) {
      info[WI_PRE + k - 1] = w.length >= k ? hashString(lower.slice(0, k)) : 0;
      info[WI_SUF + k - 1] = w.length >= k ? hashString(lower.slice(-k)) : 0;
    }
    const path = this.clusters?.get(lower);
    for (let k = 0; k < 4; k++) {
      info[WI_CL + k] = path ? hashString(path.slice(0, CLUSTER_PREFIXES[k])) : 0;
    }
    let flags = 0;
    const hasUpper = w !== lower;
    const hasLower = w !== w.toUpperCase();
    if (hasUpper && !hasLower) flags |= F_ALLCAPS;
    if (hasLower) flags |= F_HASLOWER;
    if (/^\p{Lu}/u.test(w)) flags |= F_CAPSTART;
    if (/^\p{Ll}/u.test(w)) flags |= F_LOWERSTART;
    if (/^[\p{Lu}\p{N}]/u.test(w) && w.length >= 2) flags |= F_NAMELIKE;
    if (flags & F_LOWERSTART && !hasUpper) flags |= F_ALL_LOWER;
    info[WI_FLAGS] = flags;
    unigramHashes(info);
    if (this.cache.size > WORD_FORMS_MAX) {
      this.cache.clear();
      this.lowerIds.clear();
      this.infos = [];
      this.generation = nextGeneration++;
    }
    let lowerId = this.lowerIds.get(lower);
    if (lowerId === undefined) {
      lowerId = this.lowerIds.size + 1;
      this.lowerIds.set(lower, lowerId);
    }
    info[WI_LOWER_ID] = lowerId;
    info[WI_ID] = this.cache.size + 1;
    this.infos[info[WI_ID]!] = info;
    this.cache.set(w, info);
    return info;
  }

  /** The info of the form with id `id` of the current generation (no string hashing). */
  byId(id: number): Int32Array {
    const info = this.infos[id];
    if (!info) throw new Error(`WordInfo: no form with id ${id} in generation ${this.generation}`);
    return info;
  }
}

/**
 * Local features for every token: `LOCAL_SLOTS` hashes per token (0 = no feature). With `ids`,
 * also writes each token's word-form id (see WordInfo). `buf`, when given and large enough, is
 * reused for the result (saves an allocation per document).
 */
export function localFeatures(
  doc: FeatDoc,
  wi: WordInfo,
  gaz: GazetteerMatcher | null,
  version: FeatureVersion,
  ids?: Int32Array,
  buf?: Uint32Array,
): Uint32Array {
  const n = doc.words.length;
  const out =
    buf && buf.length >= n * LOCAL_SLOTS
      ? buf.subarray(0, n * LOCAL_SLOTS).fill(0)
      : new Uint32Array(n * LOCAL_SLOTS);
  const infos: Int32Array[] = new Array(n);
  const generation = wi.generation;
  for (let i = 0; i < n; i++) infos[i] = wi.get(doc.words[i]!);
  if (ids) for (let i = 0; i < n; i++) ids[i] = infos[i]![WI_ID]!;
  if (gaz) {
    const lowerIds = new Int32Array(n);
    for (let i = 0; i < n; i++) lowerIds[i] = infos[i]![WI_LOWER_ID]!;
    // Valid only if the word cache was not reset while reading the document.
    if (wi.generation === generation) lowerIdsOf.set(doc.words, { ids: lowerIds, generation });
    else lowerIdsOf.delete(doc.words);
  }
  const hits: GazetteerHit[] = [];
  for (const [s, e] of doc.sentences) {
    // An all-caps sentence (a headline) is a strong signal in news text.
    let caps = 0;
    let letters = 0;
    for (let i = s; i < e; i++) {
      const f = infos[i]![WI_FLAGS]!;
      if (f & F_ALLCAPS) caps++;
      if (f & (F_ALLCAPS | F_HASLOWER)) letters++;
    }
    const capsSentence = letters >= 2 && caps === letters ? 1 : 0;
    const at = (i: number): Int32Array => (i >= s && i < e ? infos[i]! : BOUNDARY);
    for (let i = s; i < e; i++) {
      const o = i * LOCAL_SLOTS;
      const w0 = infos[i]!;
      const wm1 = at(i - 1);
      const wm2 = at(i - 2);
      const wp1 = at(i + 1);
      const wp2 = at(i + 2);
      out[o] = 1;
      // The single-word features, hashed once per word form (unigramHashes).
      copyHashes(out, o, wm2, 0);
      copyHashes(out, o, wm1, 1);
      copyHashes(out, o, w0, 2);
      copyHashes(out, o, wp1, 3);
      copyHashes(out, o, wp2, 4);
      if (version < 2) {
        out[o + 40] = 0;
        out[o + 41] = 0;
      }
      out[o + 23] = mix(mix(23, wm1[WI_LOWER]!), w0[WI_LOWER]!);
      out[o + 24] = mix(mix(24, w0[WI_LOWER]!), wp1[WI_LOWER]!);
      out[o + 25] = mix(mix(25, wm1[WI_SHAPE]!), w0[WI_SHAPE]!);
      out[o + 26] = mix(mix(26, w0[WI_SHAPE]!), wp1[WI_SHAPE]!);
      out[o + 27] = mix(mix(mix(27, wm1[WI_SHORT]!), w0[WI_SHORT]!), wp1[WI_SHORT]!);
      out[o + 28] = mix(mix(28, i === s ? 1 : 0), w0[WI_SHORT]!);
      out[o + 29] = mix(mix(29, capsSentence), w0[WI_LOWER]!);
      out[o + 30] = mix(mix(30, wm1[WI_LOWER]!), w0[WI_SHORT]!);
      out[o + 31] = mix(mix(31, w0[WI_SHORT]!), wp1[WI_LOWER]!);
      out[o + 38] = mix(mix(38, capsSentence), w0[WI_SHORT]!);
      out[o + 39] = mix(mix(39, wm2[WI_LOWER]!), wm1[WI_LOWER]!);
    }
    if (gaz) gazetteerFeatures(doc, s, e, gaz, hits, out);
  }
  return out;
}

/**
 * The ids of the lower-cased forms of a document's words (and their WordInfo generation), kept by
 * localFeatures for the gazetteer matchers of every tagger that reads the same words.
 */
const lowerIdsOf = new WeakMap<readonly string[], { ids: Int32Array; generation: number }>();

/** Writes the gazetteer slots of the tokens of sentence [s, e) (they must be 0 before). */
function gazetteerFeatures(
  doc: FeatDoc,
  s: number,
  e: number,
  gaz: GazetteerMatcher,
  hits: GazetteerHit[],
  out: Uint32Array,
): void {
  hits.length = 0;
  const lower = lowerIdsOf.get(doc.words);
  gaz.match(doc.words, s, e, hits, lower?.ids, lower?.generation);
  if (hits.length === 0) return;
  const filled = new Uint8Array(e - s);
  for (const h of hits) {
    const len = h.end - h.start;
    for (let i = h.start; i < h.end; i++) {
      const pos = len === 1 ? 3 : i === h.start ? 0 : i === h.end - 1 ? 2 : 1;
      const k = filled[i - s]!;
      if (k >= GAZ_SLOTS) continue;
      out[i * LOCAL_SLOTS + GAZ_BASE + k] = mix(40 + pos, h.list);
      filled[i - s] = k + 1;
    }
  }
}

/**
 * The local features of `doc` for a tagger with feature set `version` and gazetteer `gaz`, from
 * those another tagger computed for the same document and word cache with a set at least as large
 * (`from`): the same word templates, its own gazetteer slots, the newer templates cleared. Exactly
 * what localFeatures would give, without hashing every template again.
 */
export function adaptLocalFeatures(
  doc: FeatDoc,
  from: Uint32Array,
  fromVersion: FeatureVersion,
  gaz: GazetteerMatcher | null,
  version: FeatureVersion,
  buf?: Uint32Array,
): Uint32Array {
  if (fromVersion < version)
    throw new Error("adaptLocalFeatures: the source lacks this feature set's templates");
  const n = doc.words.length;
  const out =
    buf && buf.length >= n * LOCAL_SLOTS
      ? buf.subarray(0, n * LOCAL_SLOTS)
      : new Uint32Array(n * LOCAL_SLOTS);
  out.set(from.subarray(0, n * LOCAL_SLOTS));
  for (let i = 0; i < n; i++) {
    const o = i * LOCAL_SLOTS;
    if (version < 2) {
      out[o + 40] = 0;
      out[o + 41] = 0;
    }
    out.fill(0, o + GAZ_BASE, o + LOCAL_SLOTS);
  }
  if (gaz) {
    const hits: GazetteerHit[] = [];
    for (const [s, e] of doc.sentences) gazetteerFeatures(doc, s, e, gaz, hits, out);
  }
  return out;
}

const NL = 100;

/**
 * Hashes of the non-local features of the first-pass tags around a token, by value: tags < 64,
 * types + 3 < 16 (at most 12 types), so every value has its place. The same numbers as mixing them.
 */
const NL_TAG = Uint32Array.from({ length: 64 }, (_, t) => mix(NL, t));
const NL_BEFORE = Uint32Array.from({ length: 16 }, (_, v) => mix(NL + 1, v));
const NL_AFTER = Uint32Array.from({ length: 16 }, (_, v) => mix(NL + 2, v));
const NL_AROUND = Uint32Array.from({ length: 256 }, (_, x) => mix(mix(NL + 3, x >> 4), x & 15));
const NL_WINDOW = Uint32Array.from({ length: 64 * 64 }, (_, x) => mix(NL + 4, x));

export interface NonLocalOptions {
  /** Reused for the result when large enough. */
  buf?: Uint32Array;
  /** The tokens' word-form ids in `wi`'s current generation, when the caller has them. */
  ids?: Int32Array;
  /** Only these token ranges get features (the sentences a second pass re-reads); others stay 0. */
  only?: readonly (readonly [number, number])[];
}

/**
 * Non-local features from a first-pass tagging of the whole document: how the same word form was
 * tagged elsewhere in the document, the first occurrence's tag, and the first-pass tags around.
 */
export function nonLocalFeatures(
  doc: FeatDoc,
  tags: TagSet,
  pass1: Int32Array,
  version: FeatureVersion,
  wi: WordInfo,
  opts: NonLocalOptions = {},
  retried = false,
): Uint32Array {
  const { buf, ids, only } = opts;
  if (tags.size > 60) throw new Error("nonLocalFeatures: at most 60 tags (see NL_TAG, NL_WINDOW)");
  const n = doc.words.length;
  const out =
    buf && buf.length >= n * NONLOCAL_SLOTS
      ? buf.subarray(0, n * NONLOCAL_SLOTS).fill(0)
      : new Uint32Array(n * NONLOCAL_SLOTS);
  const nt = tags.size;
  // Occurrences of each name-like form, by the id of its lower-cased form; -1 = not name-like.
  const groups = new Map<number, number[]>();
  const keys = new Int32Array(n).fill(-1);
  // Lower-cased forms seen in lower case in the document ("may" as well as "May"): a capitalized
  // one is then less likely a name.
  const lowerSeen = new Set<number>();
  const generation = wi.generation;
  for (let i = 0; i < n; i++) {
    // Through the word ids when the caller has valid ones: no string hashing per token.
    const info = ids ? wi.byId(ids[i]!) : wi.get(doc.words[i]!);
    const flags = info[WI_FLAGS]!;
    const k = info[WI_LOWER_ID]!;
    if (flags & F_ALL_LOWER) lowerSeen.add(k);
    if (!(flags & F_NAMELIKE)) continue;
    keys[i] = k;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  // Ids restart when the word cache is cleared (every few hundred thousand forms): read again.
  if (wi.generation !== generation && !retried)
    return nonLocalFeatures(doc, tags, pass1, version, wi, { buf, only }, true);
  const counts = new Int32Array(nt);
  const typeCounts = new Int32Array(tags.types.length + 1);
  const totals = new Map<number, { counts: Int32Array; types: Int32Array }>();
  const sentOf = new Int32Array(n);
  doc.sentences.forEach(([s, e], si) => {
    for (let i = s; i < e; i++) sentOf[i] = si;
  });
  // The first-pass type at j as seen from sentence si (-2 outside it). Not a closure per token: that
  // showed in the tagging profile.
  const near = (j: number, si: number): number =>
    j < 0 || j >= n || sentOf[j] !== si ? -2 : tags.typeOf(pass1[j]!);
  for (const [from, to] of only ?? [[0, n] as const])
    for (let i = from; i < to; i++) {
      const o = i * NONLOCAL_SLOTS;
      const si = sentOf[i]!;
      // The first-pass tags around, from tables of their hashes (the values are small integers).
      const before = near(i - 1, si) + 3;
      const after = near(i + 1, si) + 3;
      out[o] = NL_TAG[pass1[i]!]!;
      out[o + 1] = NL_BEFORE[before]!;
      out[o + 2] = NL_AFTER[after]!;
      out[o + 3] = NL_AROUND[before * 16 + after]!;
      out[o + 4] = NL_WINDOW[pass1[i]! * 64 + (near(i - 2, si) + 3) * 8 + near(i + 2, si) + 3]!;
      const k = keys[i]!;
      if (k < 0) continue;
      if (version >= 2) out[o + 14] = mix(NL + 10, lowerSeen.has(k) ? 1 : 0);
      const g = groups.get(k)!;
      if (g.length < 2) {
        out[o + 5] = mix(NL + 5, 0);
        continue;
      }
      // The group's tag and type counts over all its occurrences (once per group), minus this one.
      let all = totals.get(k);
      if (!all) {
        all = { counts: new Int32Array(nt), types: new Int32Array(typeCounts.length) };
        for (const j of g) {
          all.counts[pass1[j]!]!++;
          all.types[tags.typeOf(pass1[j]!) + 1]!++;
        }
        totals.set(k, all);
      }
      counts.set(all.counts);
      typeCounts.set(all.types);
      counts[pass1[i]!]!--;
      typeCounts[tags.typeOf(pass1[i]!) + 1]!--;
      const total = g.length - 1;
      let best = 0;
      let bestType = 0;
      for (let t = 1; t < nt; t++) if (counts[t]! > counts[best]!) best = t;
      for (let t = 1; t < typeCounts.length; t++) if (typeCounts[t]! > typeCounts[bestType]!) bestType = t;
      out[o + 5] = mix(NL + 5, 1 + Math.min(3, total));
      out[o + 6] = mix(NL + 6, best);
      out[o + 7] = mix(NL + 7, bestType);
      const first = g[0] === i ? g[1]! : g[0]!;
      out[o + 8] = mix(NL + 8, pass1[first]!);
      let slot = 9;
      for (let t = 0; t < typeCounts.length && slot < 14; t++) {
        const c = typeCounts[t]!;
        if (c === 0) continue;
        const bin = Math.ceil((c / total) * 4);
        out[o + slot++] = mix(NL + 9, t * 8 + bin);
      }
    }
  return out;
}
