/**
 * Body ranges: which parts of the stored text the rule extractors may read.
 *
 * Hand-written: a few lines of range arithmetic shared by every extractor in this folder.
 */
import type { Mention, Range } from "../model/types.js";

/** Sorts, clamps to the text and merges overlapping or touching ranges. */
export function normalizeBody(text: string, body: readonly Range[]): Range[] {
  const clamped = body
    .map((r) => ({
      start: Math.max(0, Math.min(r.start, text.length)),
      end: Math.max(0, Math.min(r.end, text.length)),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const r of clamped) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The whole text as one body range. */
export function wholeText(text: string): Range[] {
  return [{ start: 0, end: text.length }];
}

/** One body range with its text, for extractors that work on slices. */
export interface BodySlice {
  offset: number;
  text: string;
}

export function bodySlices(text: string, body: readonly Range[]): BodySlice[] {
  return normalizeBody(text, body).map((r) => ({ offset: r.start, text: text.slice(r.start, r.end) }));
}

/** Builds a mention over `text[start, end)`, keeping the offset invariant. */
export function makeMention(
  text: string,
  start: number,
  end: number,
  fields: Omit<Mention, "start" | "end" | "text">,
): Mention {
  return { start, end, text: text.slice(start, end), ...fields };
}

export function byStart(a: Range, b: Range): number {
  return a.start - b.start || b.end - a.end;
}
