/**
 * BILOU tag sets for the NER models, conversion from BIO, transition constraints and span decoding.
 *
 * Hand-written: a few lines of bookkeeping that every sequence labeller needs, tied to how the
 * models index their tags (0 = O, then B, I, L, U for each entity type in order).
 */

export const POS_B = 0;
export const POS_I = 1;
export const POS_L = 2;
export const POS_U = 3;

export class TagSet {
  readonly types: string[];
  readonly size: number;
  readonly names: string[];
  /** allowedTable[(last ? size * size : 0) + prev * size + next] = 1 when `next` may follow `prev`. */
  readonly allowedTable: Uint8Array;
  constructor(types: string[]) {
    this.types = types;
    this.size = 1 + 4 * types.length;
    this.names = ["O"];
    for (const t of types) for (const p of "BILU") this.names.push(`${p}-${t}`);
    const n = this.size;
    this.allowedTable = new Uint8Array(2 * n * n);
    for (let last = 0; last < 2; last++)
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          this.allowedTable[last * n * n + a * n + b] = this.allowed(a, b, last === 1) ? 1 : 0;
  }
  tag(type: number, pos: number): number {
    return 1 + 4 * type + pos;
  }
  typeOf(tag: number): number {
    return tag === 0 ? -1 : (tag - 1) >> 2;
  }
  posOf(tag: number): number {
    return tag === 0 ? -1 : (tag - 1) & 3;
  }
  /** True when `tag` leaves an entity open (B or I), so the next tag must continue it. */
  isOpen(tag: number): boolean {
    const p = this.posOf(tag);
    return p === POS_B || p === POS_I;
  }
  /** Whether `next` may follow `prev` (`prev` = 0 at sentence start); `last` when `next` ends the sentence. */
  allowed(prev: number, next: number, last: boolean): boolean {
    if (this.isOpen(prev)) {
      if (next === 0 || this.typeOf(next) !== this.typeOf(prev)) return false;
      const p = this.posOf(next);
      return last ? p === POS_L : p === POS_I || p === POS_L;
    }
    if (next === 0) return true;
    const p = this.posOf(next);
    if (last) return p === POS_U;
    return p === POS_B || p === POS_U;
  }
}

export interface Span {
  start: number;
  /** Exclusive token index. */
  end: number;
  type: string;
}

/** Reads spans from BIO/IOB2 labels ("B-PER", "I-PER", "O"); an I- without a B- starts a span. */
export function spansFromBio(labels: readonly string[]): Span[] {
  const spans: Span[] = [];
  let cur: Span | null = null;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === "O" || l.length < 3) {
      if (cur) spans.push(cur);
      cur = null;
      continue;
    }
    const p = l[0]!;
    const type = l.slice(2);
    if (p === "B" || p === "S" || p === "U" || !cur || cur.type !== type) {
      if (cur) spans.push(cur);
      cur = { start: i, end: i + 1, type };
    } else cur.end = i + 1;
    if (p === "E" || p === "L" || p === "S" || p === "U") {
      spans.push(cur);
      cur = null;
    }
  }
  if (cur) spans.push(cur);
  return spans;
}

/** BILOU tag indices for spans over `n` tokens; spans of types not in the set are left as O. */
export function bilouFromSpans(tags: TagSet, spans: readonly Span[], n: number): Int32Array {
  const out = new Int32Array(n);
  for (const s of spans) {
    const t = tags.types.indexOf(s.type);
    if (t < 0) continue;
    if (s.end - s.start === 1) out[s.start] = tags.tag(t, POS_U);
    else {
      out[s.start] = tags.tag(t, POS_B);
      for (let i = s.start + 1; i < s.end - 1; i++) out[i] = tags.tag(t, POS_I);
      out[s.end - 1] = tags.tag(t, POS_L);
    }
  }
  return out;
}

/** Spans from BILOU tag indices (valid sequences; a stray I/L is read leniently). */
export function spansFromTags(tags: TagSet, seq: ArrayLike<number>, from = 0, to = seq.length): Span[] {
  const spans: Span[] = [];
  let start = -1;
  let type = -1;
  for (let i = from; i < to; i++) {
    const tg = seq[i]!;
    const ty = tags.typeOf(tg);
    const p = tags.posOf(tg);
    if (start >= 0 && (ty !== type || p === POS_B || p === POS_U || tg === 0)) {
      spans.push({ start, end: i, type: tags.types[type]! });
      start = -1;
    }
    if (tg === 0) continue;
    if (start < 0) {
      start = i;
      type = ty;
    }
    if (p === POS_L || p === POS_U) {
      spans.push({ start, end: i + 1, type: tags.types[type]! });
      start = -1;
    }
  }
  if (start >= 0) spans.push({ start, end: to, type: tags.types[type]! });
  return spans;
}
