/**
 * A linear greedy sequence labeller over hashed features: scoring, constrained BILOU decoding,
 * averaged-perceptron training with partial labels, and a compact sparse serialization.
 *
 * Hand-written: no JavaScript library offers a fast, trainable sequence labeller; an averaged
 * perceptron with greedy left-to-right decoding (Ratinov & Roth 2009) is accurate for NER and
 * simple enough to own. Weights are hashed feature rows (one weight per tag), stored densely while
 * training and as a compact row index plus non-zero rows once trained.
 */
import { mix } from "./hash.js";
import { TagSet } from "./tags.js";

/** Feature hashes of a document: `slots` per token, 0 = absent. */
export interface FeatureBlock {
  feats: Uint32Array;
  slots: number;
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

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** Window of the unigram cache: offsets -2..+2. */
const WINDOW = 5;
/** Word forms beyond this id are scored without the cache (bounds its memory). */
const WORD_CACHE_MAX = 1 << 14;

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

export interface SerializedModel {
  types: string[];
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
   * Sparse rows for decoding, small enough to stay in cache: `dir` holds, per 32 hashed rows, a
   * bit set of the non-empty ones and the position in `ent` of the first of them. `ent` holds one
   * integer per entry, weight << 8 | tag, and each row starts with a header, its entry count.
   * Absent rows cost one read of `dir`, present ones one more read in `ent`. Scores are summed
   * as integers (units of `scale`): exact, so the order of summation does not matter.
   */
  private dir: Int32Array | null = null;
  private ent: Int32Array | null = null;
  /** Per word form and window offset: the summed scores of its unigram features (see decode). */
  private wcache: Int16Array | null = null;
  /** 0 = not computed yet, 1 = cached, 2 = a sum outside the Int16 range (never cached). */
  private wcacheHas: Uint8Array | null = null;
  private wcacheGen = -1;
  private readonly dyn = new Uint32Array(4);
  private tmp: Int32Array | null = null;

  constructor(types: string[], bits: number) {
    this.tags = new TagSet(types);
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.nt = this.tags.size;
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

  /** Adds the entries of hashed row `h` to `scores`. */
  private addSparse(h: number, scores: Int32Array): void {
    const dir = this.dir!;
    const ent = this.ent!;
    const r = h & this.mask;
    const bits = dir[(r >>> 5) << 1]!;
    const bit = r & 31;
    if (((bits >>> bit) & 1) === 0) return;
    let j = dir[((r >>> 5) << 1) + 1]!;
    for (let skip = popcount(bits & ((1 << bit) - 1)); skip > 0; skip--) j += ent[j]! + 1;
    const end = j + 1 + ent[j]!;
    for (j++; j < end; j++) scores[ent[j]! & 255]! += ent[j]! >> 8;
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

  /** The cached unigram score vector of word `id` at window offset `d` (offset into wcache), or -1. */
  private cacheSlot(id: number, d: number, gen: number): number {
    if (this.wcacheGen !== gen) {
      this.wcache = null;
      this.wcacheHas = null;
      this.wcacheGen = gen;
    }
    if (id >= WORD_CACHE_MAX) return -1;
    const nt = this.nt;
    const want = (id + 1) * WINDOW;
    if (!this.wcacheHas || this.wcacheHas.length < want) {
      let cap = Math.max(1024, this.wcacheHas ? this.wcacheHas.length / WINDOW : 0);
      while (cap < id + 1) cap *= 2;
      cap = Math.min(cap, WORD_CACHE_MAX);
      const has = new Uint8Array(cap * WINDOW);
      const vec = new Int16Array(cap * WINDOW * nt);
      if (this.wcacheHas) {
        has.set(this.wcacheHas);
        vec.set(this.wcache!);
      }
      this.wcacheHas = has;
      this.wcache = vec;
    }
    return id * WINDOW + d;
  }

  /**
   * Greedy constrained decoding of every sentence (trained models only); writes tags and per-token
   * margins (best minus second-best allowed score).
   *
   * With `uni`, the features of the first block that depend on one word of the window only (its
   * form, shape, affixes at a given offset: `uni.groups[d]` lists their slots for offset d) are
   * not looked up one by one: their summed scores are cached per word form (`uni.ids`, 0 for the
   * sentence boundary) and offset. Integer sums are exact, so the result is the same.
   */
  decode(
    blocks: FeatureBlock[],
    sentences: [number, number][],
    out: Int32Array,
    margins?: Float32Array,
    uni?: UnigramCache,
  ): void {
    const nt = this.nt;
    const scores = new Int32Array(nt);
    const allowed = this.tags.allowedTable;
    if (!this.dir) this.buildSparse();
    const dir = this.dir!;
    const ent = this.ent!;
    const mask = this.mask;
    const dyn = this.dyn;
    const local = blocks[0]!.feats;
    const localSlots = blocks[0]!.slots;
    const rest = uni ? this.restSlots(uni.skip, blocks[0]!.slots) : null;
    const half = (WINDOW - 1) >> 1;
    for (const [s, e] of sentences) {
      let t1 = 0;
      let t2 = 0;
      for (let i = s; i < e; i++) {
        scores.fill(0);
        for (let bi = 0; bi < blocks.length; bi++) {
          const b = blocks[bi]!;
          const f = b.feats;
          const o = i * b.slots;
          if (bi === 0 && rest) {
            for (let q = 0; q < rest.length; q++) {
              const h = f[o + rest[q]!]!;
              if (h === 0) continue;
              const r = h & mask;
              const bits = dir[(r >>> 5) << 1]!;
              const bit = r & 31;
              if (((bits >>> bit) & 1) === 0) continue;
              let j = dir[((r >>> 5) << 1) + 1]!;
              for (let sk = popcount(bits & ((1 << bit) - 1)); sk > 0; sk--) j += ent[j]! + 1;
              const end2 = j + 1 + ent[j]!;
              for (j++; j < end2; j++) scores[ent[j]! & 255]! += ent[j]! >> 8;
            }
            continue;
          }
          const end = o + b.slots;
          for (let k = o; k < end; k++) {
            const h = f[k]!;
            if (h === 0) continue;
            const r = h & mask;
            const bits = dir[(r >>> 5) << 1]!;
            const bit = r & 31;
            if (((bits >>> bit) & 1) === 0) continue;
            let j = dir[((r >>> 5) << 1) + 1]!;
            for (let sk = popcount(bits & ((1 << bit) - 1)); sk > 0; sk--) j += ent[j]! + 1;
            const end2 = j + 1 + ent[j]!;
            for (j++; j < end2; j++) scores[ent[j]! & 255]! += ent[j]! >> 8;
          }
        }
        if (uni) {
          const o = i * localSlots;
          for (let d = 0; d < WINDOW; d++) {
            const p = i + d - half;
            const id = p >= s && p < e ? uni.ids[p]! : 0;
            const slot = this.cacheSlot(id, d, uni.generation);
            const vec = this.wcache;
            if (slot >= 0 && this.wcacheHas![slot] === 1) {
              const base = slot * nt;
              for (let t = 0; t < nt; t++) scores[t]! += vec![base + t]!;
              continue;
            }
            this.tmp ??= new Int32Array(nt);
            const tmp = this.tmp;
            tmp.fill(0);
            for (const k of uni.groups[d]!) {
              const h = local[o + k]!;
              if (h !== 0) this.addSparse(h, tmp);
            }
            for (let t = 0; t < nt; t++) scores[t]! += tmp[t]!;
            if (slot >= 0) {
              let fits = true;
              for (let t = 0; t < nt; t++) if (tmp[t]! < -32768 || tmp[t]! > 32767) fits = false;
              if (fits) vec!.set(tmp, slot * nt);
              this.wcacheHas![slot] = fits ? 1 : 2;
            }
          }
        }
        const o = i * localSlots;
        dynamicFeatures(t1, t2, local[o + LOWER_SLOT]!, local[o + SHAPE_SLOT]!, dyn);
        for (let k = 0; k < 4; k++) {
          const r = dyn[k]! & mask;
          const bits = dir[(r >>> 5) << 1]!;
          const bit = r & 31;
          if (((bits >>> bit) & 1) === 0) continue;
          let j = dir[((r >>> 5) << 1) + 1]!;
          for (let sk = popcount(bits & ((1 << bit) - 1)); sk > 0; sk--) j += ent[j]! + 1;
          const end2 = j + 1 + ent[j]!;
          for (j++; j < end2; j++) scores[ent[j]! & 255]! += ent[j]! >> 8;
        }
        const row = (i === e - 1 ? nt * nt : 0) + t1 * nt;
        let best = -1;
        let second = -Infinity;
        for (let t = 0; t < nt; t++) {
          if (allowed[row + t] === 0) continue;
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
    const nt = this.nt;
    const Q = this.rowsQ!;
    const idx = this.rowIndex!;
    let count = 0;
    for (let i = 0; i < Q.length; i++) if (Q[i] !== 0) count++;
    const dir = new Int32Array((idx.length >>> 5) * 2 + 2);
    const ent = new Int32Array(count + Q.length / nt);
    let j = 0;
    for (let h = 0; h < idx.length; h++) {
      if ((h & 31) === 0) dir[(h >>> 5) * 2 + 1] = j;
      const r = idx[h]!;
      if (r < 0) continue;
      let n = 0;
      for (let t = 0; t < nt; t++) if (Q[r * nt + t] !== 0) n++;
      if (n === 0) continue;
      dir[(h >>> 5) * 2] = dir[(h >>> 5) * 2]! | (1 << (h & 31));
      ent[j++] = n;
      for (let t = 0; t < nt; t++) {
        const q = Q[r * nt + t]!;
        if (q !== 0) ent[j++] = (q << 8) | t;
      }
    }
    this.dir = dir;
    this.ent = ent;
  }

  get rowCount(): number {
    return this.rowsQ ? this.rowsQ.length / this.nt : 0;
  }

  serialize(): SerializedModel {
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
    return { types: this.tags.types, bits: this.bits, scale, rows, data: buf };
  }

  static deserialize(s: SerializedModel): LinearModel {
    const m = new LinearModel(s.types, s.bits);
    const nt = m.nt;
    const buf = s.data;
    const ab = new ArrayBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    const hashes = new Uint32Array(ab, 0, s.rows);
    const masks = new Uint32Array(ab, s.rows * 4, s.rows);
    const vals = new Int16Array(ab, s.rows * 8, (buf.length - s.rows * 8) / 2);
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
    m.rowIndex = rowIndex;
    m.rowsQ = rowsQ;
    m.scale = s.scale;
    return m;
  }
}
