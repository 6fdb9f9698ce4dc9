/**
 * The static scores of every model of a bundle at once: one table lookup per feature for the four
 * models (news and CTI taggers, two passes each) instead of one per model.
 *
 * Hand-written, for speed: tagging is bound by memory reads, not arithmetic. Each model's weights
 * are megabytes of sparse rows, and every feature of every token was a random read into each of
 * them (a cache miss each, tens to a hundred nanoseconds here). The taggers read the same feature
 * hashes (their local features differ only in gazetteer hits and newer templates), so the rows of
 * all models are merged into one table whose entries name a column (model, tag): the row of a
 * feature is read once, contiguously, for every model. The per-word cache of summed unigram
 * scores is merged the same way. Sums are integers in each model's units, so every model decodes
 * exactly as it does alone (test/ner-fused.test.ts compares the two).
 */
import { GAZETTEER_SLOTS, LOCAL_SLOTS, TAGGER_SLOTS, UNIGRAM_GROUPS, UNIGRAM_SKIP } from "./features.js";
import { popcount } from "./hash.js";
import { type LinearModel, WINDOW, WORD_CACHE_MAX } from "./model.js";
import { addInt16, addInt32 } from "./vector.js";

/** One model's place in a merged table: its tags are columns base .. base + nt - 1. */
interface Part {
  model: LinearModel;
  base: number;
}

/** Flag of a row's last entry. */
const LAST = 256;

/**
 * Sparse rows of several models under one hashed row index. `ent` holds the non-empty rows'
 * entries in row order, each weight << 9 | last << 8 | column; `dir` holds, per 8 rows, the
 * index of the first entry of the first non-empty one (<< 8) and the bit set of the non-empty
 * ones. A row costs two reads far apart (its `dir` word, then its entries, after those of at most
 * seven rows before it in the same block, contiguous): a row-offset table would be a third.
 */
class MergedTable {
  readonly mask: number;
  private readonly dir: Int32Array;
  private readonly ent: Int32Array;

  constructor(
    bits: number,
    readonly columns: number,
    parts: readonly Part[],
  ) {
    this.mask = (1 << bits) - 1;
    const rows = 1 << bits;
    // The models' sparse rows (ascending hashed rows) merged in one pass. A model with a smaller
    // row space has its rows repeated: it reads row h & its own mask.
    let count = 0;
    const models = parts.map((p) => {
      const { pos, off, ent } = p.model.sparseRows();
      const period = p.model.mask + 1;
      count += ent.length * (rows / period);
      return { pos, off, ent, period, base: p.base, k: 0, rep: 0 };
    });
    if (count >= 1 << 24) throw new Error("BundleScorer: too many weights for the row directory");
    const dir = new Int32Array((rows >>> 3) + 1);
    const ent = new Int32Array(count);
    let j = 0;
    let block = -1;
    for (;;) {
      let r = rows;
      for (const m of models) if (m.k < m.pos.length) r = Math.min(r, m.rep * m.period + m.pos[m.k]!);
      if (r === rows) break;
      const start = j;
      for (const m of models) {
        if (m.k >= m.pos.length || m.rep * m.period + m.pos[m.k]! !== r) continue;
        for (let q = m.off[m.k]!, end = m.off[m.k + 1]!; q < end; q++) {
          const v = m.ent[q]!;
          ent[j++] = ((v >> 8) << 9) | (m.base + (v & 255));
        }
        if (++m.k === m.pos.length && (m.rep + 1) * m.period < rows) {
          m.rep++;
          m.k = 0;
        }
      }
      if (r >>> 3 !== block) {
        block = r >>> 3;
        dir[block] = start << 8;
      }
      ent[j - 1] = ent[j - 1]! | LAST;
      dir[block] = dir[block]! | (1 << (r & 7));
    }
    this.dir = dir;
    this.ent = ent;
  }

  /** Where row r's entries start in `ent`, or -1 when it has none. */
  private find(r: number): number {
    const d = this.dir[r >>> 3]!;
    const bit = r & 7;
    if (((d >>> bit) & 1) === 0) return -1;
    let j = d >>> 8;
    // Walk over the entries of the block's earlier rows (a few, contiguous).
    let before = popcount(d & ((1 << bit) - 1));
    const ent = this.ent;
    while (before > 0) if ((ent[j++]! & LAST) !== 0) before--;
    return j;
  }

  private rowsScratch = new Int32Array(0);
  private startScratch = new Int32Array(0);

  /**
   * For tokens s..e-1, adds the rows of the features in `slots` of `feats` (LOCAL_SLOTS per
   * token) to out[i * stride + column]. The same sums as `add` per feature, in three sweeps: every
   * directory word first, then every row's start, then the entries. Each sweep's reads are
   * independent of one another, so the processor overlaps their cache misses; one feature after
   * the other, each miss waited for the one before (both taggers on CoNLL test, interleaved runs:
   * 133-138k tokens/s against 126-130k one feature at a time).
   */
  addMany(
    feats: Uint32Array,
    slots: Int32Array,
    s: number,
    e: number,
    out: Int32Array,
    stride: number,
  ): void {
    const count = (e - s) * slots.length;
    if (this.rowsScratch.length < count) {
      this.rowsScratch = new Int32Array(Math.max(count, 2 * this.rowsScratch.length));
      this.startScratch = new Int32Array(this.rowsScratch.length);
    }
    const rows = this.rowsScratch;
    const starts = this.startScratch;
    const dir = this.dir;
    const ent = this.ent;
    const mask = this.mask;
    const R = slots.length;
    let x = 0;
    for (let i = s; i < e; i++) {
      const o = i * LOCAL_SLOTS;
      for (let q = 0; q < R; q++, x++) {
        const h = feats[o + slots[q]!]!;
        if (h === 0) {
          rows[x] = -1;
          continue;
        }
        const r = h & mask;
        rows[x] = r;
        starts[x] = dir[r >>> 3]!;
      }
    }
    for (x = 0; x < count; x++) {
      const r = rows[x]!;
      if (r < 0) continue;
      const d = starts[x]!;
      const bit = r & 7;
      if (((d >>> bit) & 1) === 0) {
        rows[x] = -1;
        continue;
      }
      let j = d >>> 8;
      let before = popcount(d & ((1 << bit) - 1));
      while (before > 0) if ((ent[j++]! & LAST) !== 0) before--;
      starts[x] = j;
    }
    x = 0;
    for (let i = s; i < e; i++) {
      const at = i * stride;
      for (let q = 0; q < R; q++, x++) {
        if (rows[x]! < 0) continue;
        for (let j = starts[x]!; ; ) {
          const v = ent[j++]!;
          out[at + (v & 255)]! += v >> 9;
          if ((v & LAST) !== 0) break;
        }
      }
    }
  }

  /** Adds the entries of hashed row `h` to out[at + column]. */
  add(h: number, out: Int32Array, at: number): void {
    let j = this.find(h & this.mask);
    if (j < 0) return;
    const ent = this.ent;
    for (;;) {
      const v = ent[j++]!;
      out[at + (v & 255)]! += v >> 9;
      if ((v & LAST) !== 0) break;
    }
  }
}

/**
 * Slots that depend on the shapes around a token and little else (the bias, shape pairs and
 * triple, sentence start, headline): 4,629 distinct sets of values over the 46,435 tokens of
 * CoNLL test, so their summed rows are cached per set (one vector addition for six lookups).
 */
const SHAPE_GROUP = [0, 25, 26, 27, 28, 38];
const GROUP_BITS = 12;
const GROUP_LINES = 1 << GROUP_BITS;

/**
 * The word's lower-cased form in a headline or not (slot 29): a feature of the word alone except
 * in all-caps sentences, so it is summed with the word's other features at offset 0, and a cached
 * line is used only when it was computed with the token's own value of the slot.
 */
const HEADLINE_SLOT = 29;
const WORD_GROUPS = UNIGRAM_GROUPS.map((g, d) => (d === 2 ? [...g, HEADLINE_SLOT] : [...g]));

/** States of a per-word cache line: empty, dense Int16 sums, Int32 sums (in a Map), sparse. */
const DENSE = 1;
const WIDE = 2;
const SPARSE = 3;

/** A tagger's models and local features, as the scorer reads them. */
export interface ScoredTagger {
  pass1: LinearModel;
  pass2: LinearModel | null;
}

/** Where a model's static scores are: scores[i * stride + base + t] for token i and tag t. */
export interface StaticScores {
  scores: Int32Array;
  stride: number;
  base: number;
}

export class BundleScorer {
  /** Columns per token: the tags of every model, tagger after tagger, pass 1 then pass 2. */
  readonly columns: number;
  /** Per tagger, the column base of pass 1 and of pass 2 (-1 without one). */
  readonly bases: [number, number][];
  private readonly shared: MergedTable;
  /**
   * Every model with its column base, for the slots whose features differ between taggers (read
   * in each model's own rows: gazetteer hits are rare, and newer templates are in the word cache).
   */
  private readonly own: { model: LinearModel; base: number; tagger: number }[] = [];
  /** Slots outside the word cache and the shape group, read in the merged table. */
  private readonly sharedRest: Int32Array;
  /** Per (word, offset) line: `columns` Int16 sums, or (SPARSE) a count and (value << 8 | column) Int32s. */
  private wcache: Int16Array | null = null;
  private wcache32: Int32Array | null = null;
  private wcacheOwner = new Int32Array(WORD_CACHE_MAX * WINDOW);
  private wcacheHas = new Uint8Array(WORD_CACHE_MAX * WINDOW);
  /** Per line of offset 0: the value of HEADLINE_SLOT its sums were computed with. */
  private headline = new Uint32Array(WORD_CACHE_MAX * WINDOW);
  private readonly wcacheWide = new Map<number, Int32Array>();
  private wcacheGen = -1;
  private out = new Int32Array(0);
  private readonly tmp: Int32Array;

  constructor(taggers: readonly ScoredTagger[]) {
    const bits = Math.max(...taggers.flatMap((t) => [t.pass1.bits, t.pass2?.bits ?? 0]));
    const parts: Part[] = [];
    this.bases = [];
    let c = 0;
    for (const t of taggers) {
      const mine: Part[] = [];
      const b1 = c;
      mine.push({ model: t.pass1, base: c });
      c += t.pass1.nt;
      let b2 = -1;
      if (t.pass2) {
        b2 = c;
        mine.push({ model: t.pass2, base: c });
        c += t.pass2.nt;
      }
      this.bases.push([b1, b2]);
      parts.push(...mine);
      for (const p of mine) this.own.push({ ...p, tagger: this.bases.length - 1 });
    }
    // Even, so that a cache line of Int16 sums is a whole number of Int32s (SPARSE lines).
    c += c & 1;
    if (c > 256) throw new Error("BundleScorer: more than 256 tag columns");
    this.columns = c;
    this.shared = new MergedTable(bits, c, parts);
    const sharedRest: number[] = [];
    for (let k = 0; k < LOCAL_SLOTS; k++) {
      if (UNIGRAM_SKIP[k] === 1 || k === HEADLINE_SLOT || SHAPE_GROUP.includes(k)) continue;
      const gazetteer = k >= GAZETTEER_SLOTS.first && k < GAZETTEER_SLOTS.first + GAZETTEER_SLOTS.count;
      if (TAGGER_SLOTS[k] === 1 && !gazetteer)
        throw new Error(`BundleScorer: slot ${k} differs between taggers and has no place here`);
      if (!gazetteer) sharedRest.push(k);
    }
    this.sharedRest = Int32Array.from(sharedRest);
    this.tmp = new Int32Array(c);
  }

  /**
   * The static scores (local features only, none of the tag-history ones) of every token for
   * every model: scores[i * columns + column]. `feats[j]` are tagger j's local features; `ids`
   * the word-form ids of the tokens and `generation` their WordInfo generation, or null when the
   * ids are not valid (then every feature is read from the tables). The array is reused by the
   * next call.
   */
  score(
    feats: readonly Uint32Array[],
    sentences: readonly [number, number][],
    n: number,
    ids: Int32Array | null,
    generation: number,
  ): Int32Array {
    const c = this.columns;
    if (this.out.length < n * c) this.out = new Int32Array(Math.max(n * c, 2 * this.out.length));
    const out = this.out.subarray(0, n * c);
    out.fill(0);
    const shared = this.shared;
    const f0 = feats[0]!;
    if (ids) this.wordCache(generation);
    for (const [s, e] of sentences) {
      shared.addMany(f0, this.sharedRest, s, e, out, c);
      for (let i = s; i < e; i++) {
        const o = i * LOCAL_SLOTS;
        const at = i * c;
        // Each tagger's gazetteer hits, in each of its models' own rows. The slots fill in order,
        // so the first empty one ends them (most tokens have none); a hit's feature is never 0
        // (test/ner-fused.test.ts checks its 4 x 31 values).
        for (let j = 0; j < feats.length; j++) {
          const fj = feats[j]!;
          for (let k = o + GAZETTEER_SLOTS.first, end = k + GAZETTEER_SLOTS.count; k < end; k++) {
            const h = fj[k]!;
            if (h === 0) break;
            for (const own of this.own) if (own.tagger === j) own.model.addEntries(h, out, at + own.base);
          }
        }
        this.addShapeGroup(f0, o, out, at);
        if (ids) this.addUnigrams(feats, ids, i, s, e, out, at);
        else for (let d = 0; d < WINDOW; d++) this.unigrams(feats, i, d, out, at);
      }
    }
    return out;
  }

  /** Adds the scores of token i's slots of unigram group d (one word of the window) to out[at..]. */
  private unigrams(feats: readonly Uint32Array[], i: number, d: number, out: Int32Array, at: number): void {
    const o = i * LOCAL_SLOTS;
    for (const k of WORD_GROUPS[d]!) {
      if (TAGGER_SLOTS[k] === 1) {
        for (const own of this.own) {
          const h = feats[own.tagger]![o + k]!;
          if (h !== 0) own.model.addEntries(h, out, at + own.base);
        }
      } else {
        const h = feats[0]![o + k]!;
        if (h !== 0) this.shared.add(h, out, at);
      }
    }
  }

  private groupKeys = new Uint32Array(GROUP_LINES * SHAPE_GROUP.length);
  private groupHas = new Uint8Array(GROUP_LINES);
  private groupVec: Int32Array | null = null;

  /** The rows of SHAPE_GROUP's slots of token features f0[o..], summed once per set of values. */
  private addShapeGroup(f0: Uint32Array, o: number, out: Int32Array, at: number): void {
    const c = this.columns;
    const len = SHAPE_GROUP.length;
    let key = 1;
    for (let q = 0; q < len; q++) key = Math.imul(key ^ f0[o + SHAPE_GROUP[q]!]!, 0x9e3779b1);
    const line = key >>> (32 - GROUP_BITS);
    const keys = this.groupKeys;
    const kb = line * len;
    let hit = this.groupHas[line] === 1;
    for (let q = 0; q < len && hit; q++) if (keys[kb + q] !== f0[o + SHAPE_GROUP[q]!]) hit = false;
    this.groupVec ??= new Int32Array(GROUP_LINES * c);
    const vec = this.groupVec;
    const base = line * c;
    if (!hit) {
      vec.fill(0, base, base + c);
      for (let q = 0; q < len; q++) {
        const h = f0[o + SHAPE_GROUP[q]!]!;
        keys[kb + q] = h;
        if (h !== 0) this.shared.add(h, vec, base);
      }
      this.groupHas[line] = 1;
    }
    addInt32(out, at, vec, base, c);
  }

  private wordCache(gen: number): void {
    if (this.wcacheGen === gen && this.wcache) return;
    if (!this.wcache) {
      this.wcache = new Int16Array(WORD_CACHE_MAX * WINDOW * this.columns);
      this.wcache32 = new Int32Array(this.wcache.buffer);
    }
    this.wcacheHas.fill(0);
    this.wcacheOwner.fill(0);
    this.wcacheWide.clear();
    this.wcacheGen = gen;
  }

  /** The unigram groups' scores of token i through the per-word cache (see LinearModel.decode). */
  private addUnigrams(
    feats: readonly Uint32Array[],
    ids: Int32Array,
    i: number,
    s: number,
    e: number,
    out: Int32Array,
    at: number,
  ): void {
    const c = this.columns;
    const vec = this.wcache!;
    const vec32 = this.wcache32!;
    const half = c >> 1;
    const owner = this.wcacheOwner;
    const has = this.wcacheHas;
    for (let d = 0; d < WINDOW; d++) {
      const p = i + d - 2;
      const id = p >= s && p < e ? ids[p]! : 0;
      const slot = (id & (WORD_CACHE_MAX - 1)) * WINDOW + d;
      // The token's own word also carries the headline feature: its line holds one of its values.
      const fresh = d !== 2 || this.headline[slot] === feats[0]![i * LOCAL_SLOTS + HEADLINE_SLOT];
      if (owner[slot] === id && fresh) {
        const state = has[slot];
        if (state === SPARSE) {
          const base = slot * half;
          for (let j = base + 1, end = base + 1 + vec32[base]!; j < end; j++) {
            const v = vec32[j]!;
            out[at + (v & 255)]! += v >> 8;
          }
          continue;
        }
        if (state === DENSE) {
          addInt16(out, at, vec, slot * c, c);
          continue;
        }
        if (state === WIDE) {
          addInt32(out, at, this.wcacheWide.get(slot)!, 0, c);
          continue;
        }
      }
      const tmp = this.tmp;
      tmp.fill(0);
      this.unigrams(feats, i, d, tmp, 0);
      let fits = true;
      let nonzero = 0;
      for (let t = 0; t < c; t++) {
        out[at + t]! += tmp[t]!;
        if (tmp[t]! < -32768 || tmp[t]! > 32767) fits = false;
        if (tmp[t] !== 0) nonzero++;
      }
      this.wcacheWide.delete(slot);
      if (fits && nonzero < half) {
        // Few columns (the two features of a word two away): a list of (value, column).
        const base = slot * half;
        vec32[base] = nonzero;
        let j = base + 1;
        for (let t = 0; t < c; t++) if (tmp[t] !== 0) vec32[j++] = (tmp[t]! << 8) | t;
        has[slot] = SPARSE;
      } else if (fits) {
        vec.set(tmp, slot * c);
        has[slot] = DENSE;
      } else {
        this.wcacheWide.set(slot, tmp.slice());
        has[slot] = WIDE;
      }
      owner[slot] = id;
      if (d === 2) this.headline[slot] = feats[0]![i * LOCAL_SLOTS + HEADLINE_SLOT]!;
    }
  }
}
