/**
 * Small helpers shared by the claim modules: body ranges, sentence lookup, name folding.
 * Hand-written: a few lines of offset arithmetic over the document model.
 */
import type { Doc, Mention, Range, SpanLabel } from "../model/types.js";
import { bodyRanges } from "../normalize/layout.js";

export const VALUE_LABELS: ReadonlySet<SpanLabel> = new Set<SpanLabel>(["date", "quantity", "money"]);

export function isValueLabel(label: SpanLabel): boolean {
  return VALUE_LABELS.has(label);
}

export function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The body of the document: the complement of its boilerplate spans. */
export function bodyOf(doc: Doc): Range[] {
  return bodyRanges(doc.text.length, doc.boilerplate);
}

export function insideBody(body: Range[], start: number, end: number): boolean {
  return body.some((b) => start >= b.start && end <= b.end);
}

/** Index of the sentence containing offset `pos`, or -1. */
export function sentenceIndexAt(doc: Doc, pos: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Text of a mention with typographic apostrophes made plain. */
export function mentionWords(m: Mention): string[] {
  return m.text.replace(/’/g, "'").split(/[\s]+/).filter(Boolean);
}
