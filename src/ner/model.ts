/**
 * A linear greedy sequence labeller over hashed features: scoring, constrained BILOU decoding,
 * averaged-perceptron training with partial labels, and a compact sparse serialization.
 *
 * Hand-written: no JavaScript library offers a fast, trainable sequence labeller; an averaged
 * perceptron with greedy left-to-right decoding (Ratinov & Roth 2009) is accurate for NER and
 * simple enough to own. Weights are hashed feature rows (one weight per tag), stored densely while
 * training and as a compact row index plus non-zero rows once trained.
 */

import type { StaticScores } from "./fused.js";
import { mix, popcount } from "./hash.js";
import { TagSet } from "./tags.js";
import { addInt16, addInt32 } from "./vector.js";

/** Feature hashes of a document: `slots` per token, 0 = absent. */
export interface FeatureBlock {
  feats: Uint32Array;
  slots: number;
  /**
   * Groups of slots whose values repeat together (the first pass's tags around a token, a name's
   * statistics over the document): the sum of a group's rows is cached under all its values at
   * once, one vector addition instead of one per slot. Slots of a group are not read one by one.
   */
  groups?: readonly Int32Array[];
}

/** Hash of the lower-cased word and of the shape, reused by the tag-history features. */
export const LOWER_SLOT = 4;
export const SHAPE_SLOT = 9;

function dynamicFeatures(t1: number, t2: number, lower: number, shape: number, out: Uint32Array): void {
  out[0] = mix(200, t1);
  out[1] = mix(201, t1 * 64 + t2);
  out[2] = mix(mix(202, t1), lower);
  out[3] = mix(mix(203, t1), shape);
}

/**
 * The best tag sequence of one sentence under per-token scores `emit` [k][t] and transition scores
 * `pair` [k][t1][t] (t1 = 0 before the first token), over BILOU-valid sequences only (`preds`, the
 * allowed previous tags per tag, inside the sentence and at its last token) and, with `mask`, over
 * tags with mask[k][t] = 1 only. Ties go to the lower tag, so decoding is deterministic.
 * Returns false when no sequence is allowed (then `path` is all O).
 */
let rowsScratch = new Float64Array(0);

/**
 * Allowed previous tags per tag, flat: for `last` 0 (inside a sentence) or 1 (its last token) and
 * tag t, list[start[last * (nt + 1) + t] .. start[last * (nt + 1) + t + 1]).
 */
interface PredTable {
  start: Int32Array;
  list: Int32Array;
}

function viterbiPath(
  nt: number,
  len: number,
  emit: Float64Array | Int32Array,
  pair: Float64Array | Int32Array,
  allowed: Uint8Array,
  preds: PredTable,
  mask: Uint8Array | null,
  back: Int32Array,
  path: Int32Array,
): boolean {
  const nn = nt * nt;
  // Two rows of scratch, reused from one sentence to the next (this runs per sentence): the
  // current one at `cur`, the previous at `prev` (offsets, swapped per token).
  if (rowsScratch.length < 2 * nt) rowsScratch = new Float64Array(2 * nt);
  const rows = rowsScratch;
  let cur = 0;
  let prev = nt;
  const first = len === 1 ? nn : 0;
  for (let t = 0; t < nt; t++) {
    const ok = allowed[first + t] === 1 && (!mask || mask[t] === 1);
    rows[t] = ok ? emit[t]! + pair[t]! : -Infinity;
  }
  const { start, list } = preds;
  for (let k = 1; k < len; k++) {
    cur = prev;
    prev = nt - cur;
    const sb = k === len - 1 ? nt + 1 : 0;
    const kb = k * nn;
    const eb = k * nt;
    for (let t = 0; t < nt; t++) {
      if (mask && mask[eb + t] !== 1) {
        rows[cur + t] = -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = -1;
      for (let q = start[sb + t]!, end = start[sb + t + 1]!; q < end; q++) {
        const t1 = list[q]!;
        // -Infinity (a tag no sequence reaches) stays -Infinity and is never chosen.
        const x = rows[prev + t1]! + pair[kb + t1 * nt + t]!;
        if (x > best) {
          best = x;
          arg = t1;
        }
      }
      rows[cur + t] = arg < 0 ? -Infinity : best + emit[eb + t]!;
      back[eb + t] = arg;
    }
  }
  let end = -1;
  for (let t = 0; t < nt; t++) {
    const v = rows[cur + t]!;
    if (v > -Infinity && (end < 0 || v > rows[cur + end]!)) end = t;
  }
  if (end < 0) {
    path.fill(0, 0, len);
    return false;
  }
  for (let k = len - 1; k >= 0; k--) {
    path[k] = end;
    if (k > 0) end = back[k * nt + end]!;
  }
  return true;
}

/** Viterbi's scratch for sentences of up to path.length tokens: scores of one kind of array. */
interface ViterbiScratch<A extends Float64Array | Int32Array> {
  emit: A;
  pair: A;
  back: Int32Array;
  path: Int32Array;
}

function viterbiScratch<A extends Float64Array | Int32Array>(
  cap: number,
  nt: number,
  make: (n: number) => A,
): ViterbiScratch<A> {
  return {
    emit: make(cap * nt),
    pair: make(cap * nt * nt),
    back: new Int32Array(cap * nt),
    path: new Int32Array(cap),
  };
}

/** The next capacity of a scratch that must hold `len` tokens (doubling, at least 64). */
function grownCapacity(scratch: { path: Int32Array }, len: number): number {
  return Math.max(len, 2 * scratch.path.length, 64);
}

/** A word form's tag-transition scores (LinearModel.wordTransitions). */
interface WordTransitions {
  /** [t1][t]: the previous tag alone and with the word's shape. */
  shape: Int32Array;
  /** The previous tag with the word: per t1 the start of its entries, then (t1 * nt + t, value). */
  lower: Int32Array;
}

/** Lines of the cache of group sums per group (FeatureBlock.groups), and its limits. */
const GROUP_BITS = 10;
const GROUP_LINES = 1 << GROUP_BITS;
const MAX_GROUPS = 3;
/** Values of a group's slots, then a flag (1 = the line is filled). */
const MAX_GROUP_SLOTS = 16;

/** Window of the unigram cache: offsets -2..+2. */
export const WINDOW = 5;
/**
 * Lines of the per-word caches (a power of two, bounds their memory). Ids up to it have a line of
 * their own; beyond it, ids share lines (direct-mapped: id mod lines, the line remembers whose it
 * is), so words first seen late in a long run are cached too.
 */
export const WORD_CACHE_MAX = 1 << 14;

/** The cache line of a word id. */
function cacheLine(id: number): number {
  return id & (WORD_CACHE_MAX - 1);
}

/** Word ids of a document for the unigram cache of `LinearModel.decode`. */
export interface UnigramCache {
  /** Per token, the id of its word form (>= 1); 0 stands for the sentence boundary. */
  ids: Int32Array;
  /** Changes when ids are reassigned (the caches are then dropped). */
  generation: number;
  /** groups[d] = slots of the first block that depend only on the word at offset d - 2. */
  groups: readonly (readonly number[])[];
  /** skip[k] = 1 when slot k is in some group. */
  skip: Uint8Array;
}

/**
 * How a model picks the tags of a sentence: "greedy" left to right with the two previous tags as
 * features, or "viterbi", the best whole sequence under first-order tag features (the previous tag,
 * alone and with the word's lower-cased form and shape). Greedy BILOU decoding must finish an entity
 * once it opened one ("J. Ratcliffe 63"); Viterbi weighs where it ends before deciding it starts.
 */
export type Decoder = "greedy" | "viterbi";

export interface SerializedModel {
  types: string[];
  /** Absent in files written before there were several decoders (greedy). */
  decoder?: Decoder;
  bits: number;
  scale: number;
  rows: number;
  /** Row numbers (Uint32, delta-coded), per-row tag masks (Uint32), Int16 values. */
  data: Uint8Array;
}

export class LinearModel {
  readonly tags: TagSet;
  readonly bits: number;
  readonly mask: number;
  readonly nt: number;
  /** Dense weights while training: (2^bits) x nt. */
  private w: Float32Array | null = null;
  private u: Float32Array | null = null;
  private c = 1;
  /** Compact weights once trained: row index per hashed row, Int16 weights (x `scale`) per row. */
  private rowIndex: Int32Array | null = null;
  private rowsQ: Int16Array | null = null;
  private scale = 1;
  /**
   * A model read from a file keeps its serialized form and decodes from the sparse rows built
   * straight from it: the dense rows above (a row index over every hashed row, tens of MB for the
   * four models) are built only if something needs them (serialize does not).
   */
  private source: SerializedModel | null = null;
  /** The hashed row of each sparse row, ascending (see `dir`). */
  private pos: Int32Array | null = null;
  /**
   * Sparse rows for decoding, small enough to stay in cache: `dir` holds, per 32 hashed rows, a
   * bit set of the non-empty ones and the number of non-empty rows before them; `off[k]` is where
   * the k-th non-empty row starts in `ent` (it ends where the next one starts). `ent` holds one
   * integer per entry, weight << 8 | tag. Absent rows cost one read of `dir`, present ones one
   * read of `off` and a contiguous run of `ent` (no walk over the bucket's earlier rows). Scores are summed
   * as integers (units of `scale`): exact, so the order of summation does not matter.
   */
  private dir: Int32Array | null = null;
  private off: Int32Array | null = null;
  private ent: Int32Array | null = null;
  /** Per word form and window offset: the summed scores of its unigram features (see decode). */
  private wcache: Int16Array | null = null;
  /** 0 = not computed yet, 1 = cached, 2 = a sum outside the Int16 range (in `wcacheWide`). */
  private wcacheHas: Uint8Array | null = null;
  /** The few sums that do not fit Int16 (frequent words with strong weights), by cache slot. */
  private wcacheWide = new Map<number, Int32Array>();
  /** Per cache slot, the word id whose sums it holds. */
  private wcacheOwner: Int32Array | null = null;
  private wcacheGen = -1;
  private readonly dyn = new Uint32Array(4);
  private tmp: Int32Array | null = null;

  readonly decoder: Decoder;
  /** Per tag t: the tags that may precede it, inside a sentence and at its last token. */
  private readonly preds: PredTable;
  /** Per tag t1: the tags that may follow it (same layout as `preds`, indexed by t1). */
  private readonly succ: PredTable;

  constructor(types: string[], bits: number, decoder: Decoder = "greedy") {
    this.tags = new TagSet(types);
    this.decoder = decoder;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.nt = this.tags.size;
    const nt = this.nt;
    const start: number[] = [];
    const list: number[] = [];
    for (let last = 0; last < 2; last++) {
      for (let t = 0; t < nt; t++) {
        start.push(list.length);
        for (let t1 = 0; t1 < nt; t1++)
          if (this.tags.allowedTable[last * nt * nt + t1 * nt + t]) list.push(t1);
      }
      start.push(list.length);
    }
    this.preds = { start: Int32Array.from(start), list: Int32Array.from(list) };
    const succStart: number[] = [];
    const succList: number[] = [];
    for (let last = 0; last < 2; last++) {
      for (let t1 = 0; t1 < nt; t1++) {
        succStart.push(succList.length);
        for (let t = 0; t < nt; t++)
          if (this.tags.allowedTable[last * nt * nt + t1 * nt + t]) succList.push(t);
      }
      succStart.push(succList.length);
    }
    this.succ = { start: Int32Array.from(succStart), list: Int32Array.from(succList) };
  }

  startTraining(): void {
    const size = (1 << this.bits) * this.nt;
    this.w = new Float32Array(size);
    this.u = new Float32Array(size);
    this.c = 1;
  }

  private addRow(h: number, scores: Float32Array): void {
    const nt = this.nt;
    if (this.w) {
      const base = (h & this.mask) * nt;
      const w = this.w;
      for (let t = 0; t < nt; t++) scores[t]! += w[base + t]!;
    } else {
      if (!this.rowIndex) this.denseFromSource();
      const r = this.rowIndex![h & this.mask]!;
      if (r < 0) return;
      const base = r * nt;
      const q = this.rowsQ!;
      for (let t = 0; t < nt; t++) scores[t]! += q[base + t]! * this.scale;
    }
  }

  private score(blocks: FeatureBlock[], i: number, t1: number, t2: number, scores: Float32Array): void {
    scores.fill(0);
    for (const b of blocks) {
      const o = i * b.slots;
      const f = b.feats;
      for (let k = 0; k < b.slots; k++) {
        const h = f[o + k]!;
        if (h !== 0) this.addRow(h, scores);
      }
    }
    const local = blocks[0]!.feats;
    const o = i * blocks[0]!.slots;
    dynamicFeatures(t1, t2, local[o + LOWER_SLOT]!, local[o + SHAPE_SLOT]!, this.dyn);
    for (let k = 0; k < 4; k++) this.addRow(this.dyn[k]!, scores);
  }

  /** Adds the entries of hashed row `h` to out[at + tag] (trained models only). */
  addEntries(h: number, out: Int32Array, at: number): void {
    if (!this.dir) this.buildSparse();
    const dir = this.dir!;
    const r = h & this.mask;
    const bits = dir[(r >>> 5) << 1]!;
    const bit = r & 31;
    if (((bits >>> bit) & 1) === 0) return;
    const ri = dir[((r >>> 5) << 1) + 1]! + popcount(bits & ((1 << bit) - 1));
    const ent = this.ent!;
    const off = this.off!;
    for (let j = off[ri]!, end = off[ri + 1]!; j < end; j++) out[at + (ent[j]! & 255)]! += ent[j]! >> 8;
  }

  /** Adds the entries of hashed row `h` to `scores`. */
  private addSparse(h: number, scores: Int32Array): void {
    const dir = this.dir!;
    const ent = this.ent!;
    const off = this.off!;
    const r = h & this.mask;
    const bits = dir[(r >>> 5) << 1]!;
    const bit = r & 31;
    if (((bits >>> bit) & 1) === 0) return;
    const ri = dir[((r >>> 5) << 1) + 1]! + popcount(bits & ((1 << bit) - 1));
    for (let j = off[ri]!, end2 = off[ri + 1]!; j < end2; j++) scores[ent[j]! & 255]! += ent[j]! >> 8;
  }

  /** Cache of group sums (FeatureBlock.groups): per line the group's values, then its sum. */
  private groupKeys: Uint32Array | null = null;
  private groupVec: Int32Array | null = null;

  /** Adds the summed rows of the slots `group` of token features f[o..] to `scores`, cached. */
  private addGroup(
    f: Uint32Array,
    o: number,
    group: Int32Array,
    g: number,
    scores: Int32Array,
    at: number,
  ): void {
    const nt = this.nt;
    const len = group.length;
    let key = g + 1;
    let any = 0;
    for (let q = 0; q < len; q++) {
      const h = f[o + group[q]!]!;
      any |= h;
      key = Math.imul(key ^ h, 0x9e3779b1);
    }
    // No feature in the group (a word that is not name-like has no document statistics): nothing to add.
    if (any === 0) return;
    const line = (g << GROUP_BITS) | (key >>> (32 - GROUP_BITS));
    if (g >= MAX_GROUPS || len >= MAX_GROUP_SLOTS)
      throw new Error("LinearModel: too many feature groups or slots in one");
    if (!this.groupKeys || !this.groupVec) {
      this.groupKeys = new Uint32Array(GROUP_LINES * MAX_GROUPS * MAX_GROUP_SLOTS);
      this.groupVec = new Int32Array(GROUP_LINES * MAX_GROUPS * nt);
    }
    const keys = this.groupKeys;
    const vec = this.groupVec;
    const kb = line * MAX_GROUP_SLOTS;
    const base = line * nt;
    let hit = keys[kb + MAX_GROUP_SLOTS - 1] === 1;
    for (let q = 0; q < len && hit; q++) if (keys[kb + q] !== f[o + group[q]!]) hit = false;
    if (!hit) {
      vec.fill(0, base, base + nt);
      for (let q = 0; q < len; q++) {
        const h = f[o + group[q]!]!;
        keys[kb + q] = h;
        if (h !== 0) this.addEntries(h, vec, base);
      }
      keys[kb + MAX_GROUP_SLOTS - 1] = 1;
    }
    addInt32(scores, at, vec, base, nt);
  }

  private restCache: { skip: Uint8Array; slots: Int32Array } | null = null;

  /** Slots not covered by the unigram cache. */
  private restSlots(skip: Uint8Array, slots: number): Int32Array {
    if (this.restCache?.skip === skip) return this.restCache.slots;
    const out: number[] = [];
    for (let k = 0; k < slots; k++) if (skip[k] !== 1) out.push(k);
    this.restCache = { skip, slots: Int32Array.from(out) };
    return this.restCache.slots;
  }

  /** The per-word cache for word ids of generation `gen`, emptied when the ids change. */
  private wordCache(gen: number): void {
    if (this.wcacheGen === gen && this.wcacheHas) return;
    const slots = WORD_CACHE_MAX * WINDOW;
    if (this.wcacheHas) {
      this.wcacheHas.fill(0);
      this.wcacheOwner!.fill(0);
    } else {
      this.wcacheHas = new Uint8Array(slots);
      this.wcache = new Int16Array(slots * this.nt);
      this.wcacheOwner = new Int32Array(slots);
    }
    this.wcacheWide.clear();
    this.wcacheGen = gen;
  }

  /**
   * Adds the scores of token i's static features (every block; not the tag-history ones) to
   * `scores`, in units of `scale` (trained models only).
   */
  private staticScores(
    blocks: FeatureBlock[],
    i: number,
    s: number,
    e: number,
    scores: Int32Array,
    at: number,
    uni: UnigramCache | undefined,
    rest: Int32Array | null,
    pre?: StaticScores,
    firstBlock = pre ? 1 : 0,
  ): void {
    const nt = this.nt;
    if (pre) {
      // The first block's scores were summed for every model at once (BundleScorer).
      addInt32(scores, at, pre.scores, i * pre.stride + pre.base, nt);
    }
    const dir = this.dir!;
    const ent = this.ent!;
    const off = this.off!;
    const mask = this.mask;
    for (let bi = firstBlock; bi < blocks.length; bi++) {
      const b = blocks[bi]!;
      const f = b.feats;
      const o = i * b.slots;
      if (b.groups) {
        for (let g = 0; g < b.groups.length; g++) this.addGroup(f, o, b.groups[g]!, g, scores, at);
        continue;
      }
      const slots = bi === 0 && rest ? rest : null;
      const count = slots ? slots.length : b.slots;
      for (let q = 0; q < count; q++) {
        const k = slots ? slots[q]! : q;
        const h = f[o + k]!;
        if (h === 0) continue;
        const r = h & mask;
        const bits = dir[(r >>> 5) << 1]!;
        const bit = r & 31;
        if (((bits >>> bit) & 1) === 0) continue;
        const ri = dir[((r >>> 5) << 1) + 1]! + popcount(bits & ((1 << bit) - 1));
        for (let j = off[ri]!, end2 = off[ri + 1]!; j < end2; j++)
          scores[at + (ent[j]! & 255)]! += ent[j]! >> 8;
      }
    }
    if (!uni || firstBlock > 0) return;
    const local = blocks[0]!.feats;
    const o = i * blocks[0]!.slots;
    const half = (WINDOW - 1) >> 1;
    this.wordCache(uni.generation);
    const vec = this.wcache!;
    const owner = this.wcacheOwner!;
    const has = this.wcacheHas!;
    for (let d = 0; d < WINDOW; d++) {
      const p = i + d - half;
      const id = p >= s && p < e ? uni.ids[p]! : 0;
      const slot = cacheLine(id) * WINDOW + d;
      if (owner[slot] === id) {
        const state = has[slot];
        if (state === 1) {
          addInt16(scores, at, vec, slot * nt, nt);
          continue;
        }
        if (state === 2) {
          addInt32(scores, at, this.wcacheWide.get(slot)!, 0, nt);
          continue;
        }
      }
      this.tmp ??= new Int32Array(nt);
      const tmp = this.tmp;
      tmp.fill(0);
      for (const k of uni.groups[d]!) {
        const h = local[o + k]!;
        if (h !== 0) this.addSparse(h, tmp);
      }
      addInt32(scores, at, tmp, 0, nt);
      let fits = true;
      for (let t = 0; t < nt; t++) if (tmp[t]! < -32768 || tmp[t]! > 32767) fits = false;
      if (fits) {
        vec.set(tmp, slot * nt);
        this.wcacheWide.delete(slot);
      } else this.wcacheWide.set(slot, tmp.slice());
      has[slot] = fits ? 1 : 2;
      owner[slot] = id;
    }
  }

  /**
   * Constrained decoding of every sentence (trained models only), greedy or Viterbi as the model
   * was trained; writes tags and per-token margins (best minus second-best allowed score, given
   * the tag chosen before).
   *
   * With `uni`, the features of the first block that depend on one word of the window only (its
   * form, shape, affixes at a given offset: `uni.groups[d]` lists their slots for offset d) are
   * not looked up one by one: their summed scores are cached per word form (`uni.ids`, 0 for the
   * sentence boundary) and offset. Integer sums are exact, so the result is the same.
   *
   * With `pre`, the first block's scores are not looked up at all: they were summed for every
   * model of the bundle at once (BundleScorer), and only the other blocks are read here.
   */
  decode(
    blocks: FeatureBlock[],
    sentences: [number, number][],
    out: Int32Array,
    margins?: Float32Array,
    uni?: UnigramCache,
    pre?: StaticScores,
  ): void {
    const nt = this.nt;
    const scores = new Int32Array(nt);
    if (!this.dir) this.buildSparse();
    const local = blocks[0]!.feats;
    const localSlots = blocks[0]!.slots;
    const rest = uni ? this.restSlots(uni.skip, blocks[0]!.slots) : null;
    const history = this.decoder === "greedy" ? this.historyTable() : null!;
    const succ = this.succ;
    for (const [s, e] of sentences) {
      if (this.decoder === "viterbi") {
        this.decodeViterbi(blocks, s, e, out, margins, uni, rest, pre);
        continue;
      }
      let t1 = 0;
      let t2 = 0;
      for (let i = s; i < e; i++) {
        // The tag-history features from caches (same integer sums as looking each row up): the
        // previous tag alone and with the shape (per shape), the two previous tags (one table),
        // the previous tag with the word (per word form).
        const o = i * localSlots;
        const id = uni ? uni.ids[i]! : 0;
        const gen = uni?.generation ?? -1;
        const tr = this.wordTransitions(local[o + SHAPE_SLOT]!, local[o + LOWER_SLOT]!, id, gen);
        const sm = tr.shape;
        const sb = t1 * nt;
        const hb = (t1 * nt + t2) * nt;
        const sl = (i === e - 1 ? nt + 1 : 0) + t1;
        const s0 = succ.start[sl]!;
        const s1 = succ.start[sl + 1]!;
        if (pre) {
          // One sweep for the precomputed scores and the two history tables, over the tags that
          // may follow t1 only (two after the start or inside of a name), then the other blocks.
          const ps = pre.scores;
          const pb = i * pre.stride + pre.base;
          for (let q = s0; q < s1; q++) {
            const t = succ.list[q]!;
            scores[t] = ps[pb + t]! + sm[sb + t]! + history[hb + t]!;
          }
          if (blocks.length > 1) this.staticScores(blocks, i, s, e, scores, 0, uni, rest, undefined, 1);
        } else {
          scores.fill(0);
          this.staticScores(blocks, i, s, e, scores, 0, uni, rest, undefined);
          addInt32(scores, 0, sm, sb, nt);
          addInt32(scores, 0, history, hb, nt);
        }
        const le = tr.lower;
        for (let q = le[t1]!, end = le[t1 + 1]!; q < end; q += 2) scores[le[q]! - sb]! += le[q + 1]!;
        // The best and second best of the tags allowed after t1.
        let best = -1;
        let second = -Infinity;
        for (let q = s0; q < s1; q++) {
          const t = succ.list[q]!;
          const v = scores[t]!;
          if (best < 0 || v > scores[best]!) {
            if (best >= 0) second = scores[best]!;
            best = t;
          } else if (v > second) second = v;
        }
        out[i] = best;
        if (margins) margins[i] = second === -Infinity ? 100 : (scores[best]! - second) * this.scale;
        t2 = t1;
        t1 = best;
      }
    }
  }

  /** Scratch buffers of Viterbi training (float weights), grown as sentences need. */
  private vbuf = viterbiScratch(0, 0, (n) => new Float64Array(n));
  /** The same for decoding a trained model, whose scores are integers (copied, not converted). */
  private ibuf = viterbiScratch(0, 0, (n) => new Int32Array(n));

  private decodeBuffers(len: number): ViterbiScratch<Int32Array> {
    if (this.ibuf.path.length < len)
      this.ibuf = viterbiScratch(grownCapacity(this.ibuf, len), this.nt, (n) => new Int32Array(n));
    return this.ibuf;
  }

  private viterbiBuffers(len: number): ViterbiScratch<Float64Array> {
    if (this.vbuf.path.length < len)
      this.vbuf = viterbiScratch(grownCapacity(this.vbuf, len), this.nt, (n) => new Float64Array(n));
    return this.vbuf;
  }

  /** Per word shape: the previous-tag rows (hash 200) plus the previous tag with the shape (203), [t1][t]. */
  private shapeCache = new Map<number, Int32Array>();

  private shapePairs(shape: number): Int32Array {
    let m = this.shapeCache.get(shape);
    if (m) return m;
    const nt = this.nt;
    m = new Int32Array(nt * nt);
    const tmp = new Int32Array(nt);
    for (let t1 = 0; t1 < nt; t1++) {
      tmp.fill(0);
      this.addSparse(mix(200, t1), tmp);
      this.addSparse(mix(mix(203, t1), shape), tmp);
      for (let t = 0; t < nt; t++) m[t1 * nt + t] = tmp[t]!;
    }
    // Shapes are few; the cap bounds a long ingest's memory all the same.
    if (this.shapeCache.size > 5_000) this.shapeCache.clear();
    this.shapeCache.set(shape, m);
    return m;
  }

  private history: Int32Array | null = null;

  /** The rows of the two previous tags (hash 201) as one dense table, [t1][t2][t]. */
  private historyTable(): Int32Array {
    if (this.history) return this.history;
    const nt = this.nt;
    const table = new Int32Array(nt * nt * nt);
    for (let t1 = 0; t1 < nt; t1++)
      for (let t2 = 0; t2 < nt; t2++)
        this.addSparse(mix(201, t1 * 64 + t2), table.subarray((t1 * nt + t2) * nt, (t1 * nt + t2 + 1) * nt));
    this.history = table;
    return table;
  }

  /**
   * Per word form (by id): its tag-transition scores, the shape's matrix (shapePairs) and the
   * entries of the previous tag with the word (lowerEntries). One lookup per token and model.
   */
  private transById: (WordTransitions | undefined)[] = [];
  private transOwner = new Int32Array(WORD_CACHE_MAX);
  private transGen = -1;

  /** The transitions of a token with shape hash `shape`, lower-cased hash `lower`, word id `id`. */
  private wordTransitions(shape: number, lower: number, id: number, gen: number): WordTransitions {
    if (id <= 0) return { shape: this.shapePairs(shape), lower: this.lowerEntries(lower) };
    if (gen !== this.transGen) {
      this.transById = [];
      this.transGen = gen;
    }
    const line = cacheLine(id);
    if (this.transOwner[line] === id) {
      const hit = this.transById[line];
      if (hit) return hit;
    }
    const tr = { shape: this.shapePairs(shape), lower: this.lowerEntries(lower) };
    this.transById[line] = tr;
    this.transOwner[line] = id;
    return tr;
  }

  /**
   * The non-zero entries of the previous tag with the lower-cased word (hash 202): [0 .. nt] the
   * start of each previous tag's entries (offsets into this array), then pairs (t1 * nt + t,
   * value) in order of t1.
   */
  private lowerEntries(lower: number): Int32Array {
    const nt = this.nt;
    const tmp = new Int32Array(nt);
    const out: number[] = [];
    const starts: number[] = [];
    for (let t1 = 0; t1 < nt; t1++) {
      starts.push(nt + 1 + out.length);
      tmp.fill(0);
      this.addSparse(mix(mix(202, t1), lower), tmp);
      for (let t = 0; t < nt; t++) if (tmp[t] !== 0) out.push(t1 * nt + t, tmp[t]!);
    }
    starts.push(nt + 1 + out.length);
    return Int32Array.from([...starts, ...out]);
  }

  private decodeViterbi(
    blocks: FeatureBlock[],
    s: number,
    e: number,
    out: Int32Array,
    margins: Float32Array | undefined,
    uni: UnigramCache | undefined,
    rest: Int32Array | null,
    pre: StaticScores | undefined,
  ): void {
    const nt = this.nt;
    const nn = nt * nt;
    const len = e - s;
    const { emit, pair, back, path } = this.decodeBuffers(len);
    const local = blocks[0]!.feats;
    const slots = blocks[0]!.slots;
    for (let k = 0; k < len; k++) {
      const i = s + k;
      emit.fill(0, k * nt, k * nt + nt);
      this.staticScores(blocks, i, s, e, emit, k * nt, uni, rest, pre);
      const base = k * nn;
      const id = uni ? uni.ids[i]! : 0;
      const gen = uni?.generation ?? -1;
      const tr = this.wordTransitions(
        local[i * slots + SHAPE_SLOT]!,
        local[i * slots + LOWER_SLOT]!,
        id,
        gen,
      );
      pair.set(tr.shape, base);
      const le = tr.lower;
      for (let q = nt + 1; q < le.length; q += 2) pair[base + le[q]!]! += le[q + 1]!;
    }
    viterbiPath(nt, len, emit, pair, this.tags.allowedTable, this.preds, null, back, path);
    for (let k = 0; k < len; k++) out[s + k] = path[k]!;
    if (!margins) return;
    const succ = this.succ;
    for (let k = 0; k < len; k++) {
      const prev = k === 0 ? 0 : path[k - 1]!;
      const sl = (k === len - 1 ? nt + 1 : 0) + prev;
      const eb = k * nt;
      const pb = k * nn + prev * nt;
      const chosen = emit[eb + path[k]!]! + pair[pb + path[k]!]!;
      let other = -Infinity;
      // The other tags allowed after the previous one.
      for (let q = succ.start[sl]!, end = succ.start[sl + 1]!; q < end; q++) {
        const t = succ.list[q]!;
        if (t === path[k]) continue;
        const v = emit[eb + t]! + pair[pb + t]!;
        if (v > other) other = v;
      }
      margins[s + k] = other === -Infinity ? 100 : Math.max(0, chosen - other) * this.scale;
    }
  }

  /**
   * One perceptron pass over a document. `gold[i]` is the reference tag; `accept(i, tag)` says
   * whether a predicted tag is acceptable at i (partial labels); when it is not, the update goes
   * towards `gold[i]`. Returns the number of tokens updated.
   */
  trainDoc(
    blocks: FeatureBlock[],
    sentences: [number, number][],
    gold: Int32Array,
    accept: (i: number, tag: number) => boolean,
  ): number {
    if (this.decoder === "viterbi") return this.trainViterbi(blocks, sentences, gold, accept);
    const scores = new Float32Array(this.nt);
    const tags = this.tags;
    let errors = 0;
    for (const [s, e] of sentences) {
      let t1 = 0;
      let t2 = 0;
      for (let i = s; i < e; i++) {
        this.score(blocks, i, t1, t2, scores);
        const last = i === e - 1;
        let best = -1;
        for (let t = 0; t < this.nt; t++) {
          if (!tags.allowed(t1, t, last)) continue;
          if (best < 0 || scores[t]! > scores[best]!) best = t;
        }
        if (!accept(i, best)) {
          errors++;
          this.update(blocks, i, t1, t2, gold[i]!, best);
        }
        this.c++;
        t2 = t1;
        t1 = best;
      }
    }
    return errors;
  }

  /**
   * Structured perceptron (Collins 2002) over whole sentences: the Viterbi sequence is compared
   * with the best acceptable one (the gold sequence when labels are complete; with partial labels
   * the best sequence that `accept` allows), and the features where they differ are updated.
   */
  private trainViterbi(
    blocks: FeatureBlock[],
    sentences: [number, number][],
    gold: Int32Array,
    accept: (i: number, tag: number) => boolean,
  ): number {
    const nt = this.nt;
    const nn = nt * nt;
    const w = this.w!;
    const bmask = this.mask;
    const local = blocks[0]!.feats;
    const slots = blocks[0]!.slots;
    let errors = 0;
    for (const [s, e] of sentences) {
      const len = e - s;
      if (len === 0) continue;
      const { emit, pair, back, path } = this.viterbiBuffers(len);
      emit.fill(0, 0, len * nt);
      for (let k = 0; k < len; k++) {
        const i = s + k;
        for (const b of blocks) {
          const o = i * b.slots;
          for (let q = 0; q < b.slots; q++) {
            const h = b.feats[o + q]!;
            if (h === 0) continue;
            const base = (h & bmask) * nt;
            for (let t = 0; t < nt; t++) emit[k * nt + t]! += w[base + t]!;
          }
        }
        const lower = local[i * slots + LOWER_SLOT]!;
        const shape = local[i * slots + SHAPE_SLOT]!;
        for (let t1 = 0; t1 < nt; t1++) {
          const r0 = (mix(200, t1) & bmask) * nt;
          const r1 = (mix(mix(202, t1), lower) & bmask) * nt;
          const r2 = (mix(mix(203, t1), shape) & bmask) * nt;
          const pb = k * nn + t1 * nt;
          for (let t = 0; t < nt; t++) pair[pb + t] = w[r0 + t]! + w[r1 + t]! + w[r2 + t]!;
        }
      }
      viterbiPath(nt, len, emit, pair, this.tags.allowedTable, this.preds, null, back, path);
      let ok = true;
      for (let k = 0; k < len && ok; k++) if (!accept(s + k, path[k]!)) ok = false;
      if (!ok) {
        const pred = path.slice(0, len);
        const target = new Int32Array(len);
        const m = new Uint8Array(len * nt);
        for (let k = 0; k < len; k++) for (let t = 0; t < nt; t++) m[k * nt + t] = accept(s + k, t) ? 1 : 0;
        if (!viterbiPath(nt, len, emit, pair, this.tags.allowedTable, this.preds, m, back, target)) {
          target.set(gold.subarray(s, e));
        }
        for (let k = 0; k < len; k++) {
          const g = target[k]!;
          const p = pred[k]!;
          const gp = k === 0 ? 0 : target[k - 1]!;
          const pp = k === 0 ? 0 : pred[k - 1]!;
          if (g !== p) {
            errors++;
            for (const b of blocks) {
              const o = (s + k) * b.slots;
              for (let q = 0; q < b.slots; q++) {
                const h = b.feats[o + q]!;
                if (h === 0) continue;
                this.adjust(h, g, 1);
                this.adjust(h, p, -1);
              }
            }
          }
          if (g !== p || gp !== pp) {
            const lower = local[(s + k) * slots + LOWER_SLOT]!;
            const shape = local[(s + k) * slots + SHAPE_SLOT]!;
            this.adjust(mix(200, gp), g, 1);
            this.adjust(mix(mix(202, gp), lower), g, 1);
            this.adjust(mix(mix(203, gp), shape), g, 1);
            this.adjust(mix(200, pp), p, -1);
            this.adjust(mix(mix(202, pp), lower), p, -1);
            this.adjust(mix(mix(203, pp), shape), p, -1);
          }
        }
      }
      this.c++;
    }
    return errors;
  }

  /** Adds `delta` to the weight of tag t in hashed row h (and to its running sum for averaging). */
  private adjust(h: number, t: number, delta: number): void {
    const i = (h & this.mask) * this.nt + t;
    this.w![i]! += delta;
    this.u![i]! += delta * this.c;
  }

  private update(blocks: FeatureBlock[], i: number, t1: number, t2: number, good: number, bad: number): void {
    const w = this.w!;
    const u = this.u!;
    const nt = this.nt;
    const c = this.c;
    const bump = (h: number) => {
      const base = (h & this.mask) * nt;
      w[base + good]! += 1;
      u[base + good]! += c;
      w[base + bad]! -= 1;
      u[base + bad]! -= c;
    };
    for (const b of blocks) {
      const o = i * b.slots;
      for (let k = 0; k < b.slots; k++) {
        const h = b.feats[o + k]!;
        if (h !== 0) bump(h);
      }
    }
    const local = blocks[0]!.feats;
    const o = i * blocks[0]!.slots;
    const dyn = new Uint32Array(4);
    dynamicFeatures(t1, t2, local[o + LOWER_SLOT]!, local[o + SHAPE_SLOT]!, dyn);
    for (let k = 0; k < 4; k++) bump(dyn[k]!);
  }

  /** Ends training: averages the weights and keeps only non-zero rows. */
  finish(minWeight = 1e-3): void {
    const w = this.w!;
    const u = this.u!;
    const nt = this.nt;
    const c = this.c;
    const nrows = 1 << this.bits;
    const keep: number[] = [];
    for (let r = 0; r < nrows; r++) {
      const base = r * nt;
      let any = false;
      for (let t = 0; t < nt; t++) {
        const v = w[base + t]! - u[base + t]! / c;
        w[base + t] = Math.abs(v) < minWeight ? 0 : v;
        if (w[base + t] !== 0) any = true;
      }
      if (any) keep.push(r);
    }
    const rowIndex = new Int32Array(nrows).fill(-1);
    const rowsW = new Float32Array(keep.length * nt);
    keep.forEach((r, k) => {
      rowIndex[r] = k;
      rowsW.set(w.subarray(r * nt, r * nt + nt), k * nt);
    });
    // Quantized to Int16 here rather than when saving, so that a trained model and the same model
    // read back from its file decode identically.
    let max = 0;
    for (const v of rowsW) max = Math.max(max, Math.abs(v));
    const scale = max / 32767 || 1;
    const rowsQ = new Int16Array(rowsW.length);
    for (let i = 0; i < rowsW.length; i++) rowsQ[i] = Math.round(rowsW[i]! / scale);
    this.rowIndex = rowIndex;
    this.rowsQ = rowsQ;
    this.scale = scale;
    this.w = null;
    this.u = null;
  }

  /** Builds the sparse (non-zero entries only) form of the compact rows used by `decode`. */
  private buildSparse(): void {
    if (!this.rowsQ && this.source) {
      this.sparseFromSource(this.source);
      return;
    }
    const nt = this.nt;
    const Q = this.rowsQ!;
    const idx = this.rowIndex!;
    let count = 0;
    for (let i = 0; i < Q.length; i++) if (Q[i] !== 0) count++;
    const dir = new Int32Array((idx.length >>> 5) * 2 + 2);
    const off = new Int32Array(Q.length / nt + 1);
    const pos = new Int32Array(Q.length / nt);
    const ent = new Int32Array(count);
    let rows = 0;
    let j = 0;
    for (let h = 0; h < idx.length; h++) {
      if ((h & 31) === 0) dir[(h >>> 5) * 2 + 1] = rows;
      const r = idx[h]!;
      if (r < 0) continue;
      const start = j;
      for (let t = 0; t < nt; t++) {
        const q = Q[r * nt + t]!;
        if (q !== 0) ent[j++] = (q << 8) | t;
      }
      if (j === start) continue;
      dir[(h >>> 5) * 2] = dir[(h >>> 5) * 2]! | (1 << (h & 31));
      pos[rows] = h;
      off[rows++] = start;
    }
    off[rows] = j;
    this.dir = dir;
    this.off = off.subarray(0, rows + 1);
    this.pos = pos.subarray(0, rows);
    this.ent = ent;
  }

  /** The three arrays of a serialized model: row numbers (delta-coded), tag masks, weights. */
  private static parts(s: SerializedModel): { hashes: Uint32Array; masks: Uint32Array; vals: Int16Array } {
    // Copied: the file's buffer may start at an odd offset, and typed views need alignment.
    const ab = new ArrayBuffer(s.data.length);
    new Uint8Array(ab).set(s.data);
    return {
      hashes: new Uint32Array(ab, 0, s.rows),
      masks: new Uint32Array(ab, s.rows * 4, s.rows),
      vals: new Int16Array(ab, s.rows * 8, (s.data.length - s.rows * 8) / 2),
    };
  }

  /** Builds the sparse rows used by `decode` from the serialized form (same arrays as buildSparse). */
  private sparseFromSource(s: SerializedModel): void {
    const { hashes, masks, vals } = LinearModel.parts(s);
    const blocks = (1 << s.bits) >>> 5;
    const dir = new Int32Array(blocks * 2 + 2);
    const off = new Int32Array(s.rows + 1);
    const pos = new Int32Array(s.rows);
    const ent = new Int32Array(vals.length);
    let row = 0;
    let v = 0;
    let rows = 0;
    // dir[b * 2 + 1]: the non-empty rows before block b, set when the block's first row comes.
    let nextBlock = 0;
    for (let k = 0; k < s.rows; k++) {
      row += hashes[k]!;
      let msk = masks[k]!;
      if (msk === 0) continue;
      const block = row >>> 5;
      for (; nextBlock <= block; nextBlock++) dir[nextBlock * 2 + 1] = rows;
      dir[block * 2] = dir[block * 2]! | (1 << (row & 31));
      pos[rows] = row;
      off[rows++] = v;
      for (let t = 0; msk !== 0; t++, msk >>>= 1) {
        if ((msk & 1) === 0) continue;
        ent[v] = (vals[v]! << 8) | t;
        v++;
      }
    }
    for (; nextBlock <= blocks; nextBlock++) dir[nextBlock * 2 + 1] = rows;
    off[rows] = v;
    this.dir = dir;
    this.off = off.subarray(0, rows + 1);
    this.pos = pos.subarray(0, rows);
    this.ent = ent;
  }

  /** The dense rows of a model read from a file (only for code that reads rows one by one). */
  private denseFromSource(): void {
    const s = this.source;
    if (!s) throw new Error("LinearModel: not trained");
    const nt = this.nt;
    const { hashes, masks, vals } = LinearModel.parts(s);
    const rowIndex = new Int32Array(1 << s.bits).fill(-1);
    const rowsQ = new Int16Array(s.rows * nt);
    let row = 0;
    let v = 0;
    for (let k = 0; k < s.rows; k++) {
      row += hashes[k]!;
      rowIndex[row] = k;
      let msk = masks[k]!;
      for (let t = 0; msk !== 0; t++, msk >>>= 1) {
        if (msk & 1) rowsQ[k * nt + t] = vals[v++]!;
      }
    }
    this.rowIndex = rowIndex;
    this.rowsQ = rowsQ;
  }

  /**
   * The non-empty rows of a trained model, in ascending order of hashed row: row k is hashed row
   * pos[k], its entries ent[off[k] .. off[k + 1]), each weight << 8 | tag.
   */
  sparseRows(): { pos: Int32Array; off: Int32Array; ent: Int32Array } {
    if (!this.dir) this.buildSparse();
    return { pos: this.pos!, off: this.off!, ent: this.ent! };
  }

  get rowCount(): number {
    return this.rowsQ ? this.rowsQ.length / this.nt : (this.source?.rows ?? 0);
  }

  serialize(): SerializedModel {
    // A model read from a file is written back as it was read.
    if (!this.rowsQ && this.source) return { ...this.source };
    const nt = this.nt;
    const rowsQ = this.rowsQ!;
    const rowIndex = this.rowIndex!;
    const scale = this.scale;
    const rows = this.rowCount;
    const hashes = new Uint32Array(rows);
    const masks = new Uint32Array(rows);
    const values: number[] = [];
    let k = 0;
    for (let r = 0; r < rowIndex.length; r++) {
      const idx = rowIndex[r]!;
      if (idx < 0) continue;
      hashes[k] = r;
      let m = 0;
      for (let t = 0; t < nt; t++) {
        const q = rowsQ[idx * nt + t]!;
        if (q !== 0) {
          m |= 1 << t;
          values.push(q);
        }
      }
      masks[k] = m >>> 0;
      k++;
    }
    // Delta-code the sorted row numbers to help compression.
    for (let i = rows - 1; i > 0; i--) hashes[i] = hashes[i]! - hashes[i - 1]!;
    const vals = Int16Array.from(values);
    const buf = Buffer.concat([
      Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength),
      Buffer.from(masks.buffer, masks.byteOffset, masks.byteLength),
      Buffer.from(vals.buffer, vals.byteOffset, vals.byteLength),
    ]);
    return { types: this.tags.types, decoder: this.decoder, bits: this.bits, scale, rows, data: buf };
  }

  static deserialize(s: SerializedModel): LinearModel {
    const m = new LinearModel(s.types, s.bits, s.decoder ?? "greedy");
    m.scale = s.scale;
    m.source = s;
    m.sparseFromSource(s);
    return m;
  }
}
