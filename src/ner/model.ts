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
  /** Compact weights once trained. */
  private rowIndex: Int32Array | null = null;
  private rowsW: Float32Array | null = null;
  /** Sparse rows for decoding: row r's entries are [rowStart[r], rowStart[r + 1]). */
  private rowStart: Int32Array | null = null;
  private entryTag: Uint8Array | null = null;
  private entryVal: Float32Array | null = null;
  private readonly dyn = new Uint32Array(4);

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
      const w = this.rowsW!;
      for (let t = 0; t < nt; t++) scores[t]! += w[base + t]!;
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

  /**
   * Greedy constrained decoding of every sentence (trained models only); writes tags and per-token
   * margins (best minus second-best allowed score).
   */
  decode(
    blocks: FeatureBlock[],
    sentences: [number, number][],
    out: Int32Array,
    margins?: Float32Array,
  ): void {
    const nt = this.nt;
    const scores = new Float64Array(nt);
    const allowed = this.tags.allowedTable;
    const idx = this.rowIndex!;
    if (!this.rowStart) this.buildSparse();
    const rs = this.rowStart!;
    const et = this.entryTag!;
    const ev = this.entryVal!;
    const mask = this.mask;
    const dyn = this.dyn;
    const local = blocks[0]!.feats;
    const localSlots = blocks[0]!.slots;
    for (const [s, e] of sentences) {
      let t1 = 0;
      let t2 = 0;
      for (let i = s; i < e; i++) {
        scores.fill(0);
        for (const b of blocks) {
          const f = b.feats;
          const o = i * b.slots;
          const end = o + b.slots;
          for (let k = o; k < end; k++) {
            const h = f[k]!;
            if (h === 0) continue;
            const r = idx[h & mask]!;
            if (r < 0) continue;
            const end2 = rs[r + 1]!;
            for (let j = rs[r]!; j < end2; j++) scores[et[j]!]! += ev[j]!;
          }
        }
        const o = i * localSlots;
        dynamicFeatures(t1, t2, local[o + LOWER_SLOT]!, local[o + SHAPE_SLOT]!, dyn);
        for (let k = 0; k < 4; k++) {
          const r = idx[dyn[k]! & mask]!;
          if (r < 0) continue;
          const end2 = rs[r + 1]!;
          for (let j = rs[r]!; j < end2; j++) scores[et[j]!]! += ev[j]!;
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
        if (margins) margins[i] = second === -Infinity ? 100 : scores[best]! - second;
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
    this.rowIndex = rowIndex;
    this.rowsW = rowsW;
    this.w = null;
    this.u = null;
  }

  /** Builds the sparse (non-zero entries only) form of the compact rows used by `decode`. */
  private buildSparse(): void {
    const nt = this.nt;
    const W = this.rowsW!;
    const rows = W.length / nt;
    const rowStart = new Int32Array(rows + 1);
    let count = 0;
    for (let i = 0; i < W.length; i++) if (W[i] !== 0) count++;
    const entryTag = new Uint8Array(count);
    const entryVal = new Float32Array(count);
    let j = 0;
    for (let r = 0; r < rows; r++) {
      rowStart[r] = j;
      for (let t = 0; t < nt; t++) {
        const v = W[r * nt + t]!;
        if (v !== 0) {
          entryTag[j] = t;
          entryVal[j] = v;
          j++;
        }
      }
    }
    rowStart[rows] = j;
    this.rowStart = rowStart;
    this.entryTag = entryTag;
    this.entryVal = entryVal;
  }

  get rowCount(): number {
    return this.rowsW ? this.rowsW.length / this.nt : 0;
  }

  serialize(): SerializedModel {
    const nt = this.nt;
    const rowsW = this.rowsW!;
    const rowIndex = this.rowIndex!;
    let max = 0;
    for (const v of rowsW) max = Math.max(max, Math.abs(v));
    const scale = max / 32767 || 1;
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
        const q = Math.round(rowsW[idx * nt + t]! / scale);
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
    const rowsW = new Float32Array(s.rows * nt);
    let row = 0;
    let v = 0;
    for (let k = 0; k < s.rows; k++) {
      row += hashes[k]!;
      rowIndex[row] = k;
      let msk = masks[k]!;
      for (let t = 0; msk !== 0; t++, msk >>>= 1) {
        if (msk & 1) rowsW[k * nt + t] = vals[v++]! * s.scale;
      }
    }
    m.rowIndex = rowIndex;
    m.rowsW = rowsW;
    return m;
  }
}
