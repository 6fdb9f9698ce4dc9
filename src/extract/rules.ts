/**
 * The rule- and data-based extraction layer: dates, quantities and money, indicators, and places,
 * merged into one list of non-overlapping mentions sorted by start.
 *
 * Hand-written merge: the longest mention wins an overlap, then the most confident; a date or an
 * indicator always beats a quantity it overlaps ("ten years later" over "ten", "10.0.0.1" over "10").
 */
import type { Mention, Range } from "../model/types.js";
import { extractDates } from "./dates.js";
import { extractPlaces } from "./gazetteer.js";
import { extractIndicators } from "./indicators.js";
import { extractQuantities } from "./quantities.js";

const STRONG = new Set(["date", "indicator", "vulnerability"]);
const WEAK = new Set(["quantity", "money"]);

/** Resolves overlaps among mentions from several extractors; returns them sorted by start. */
export function resolveOverlaps(mentions: readonly Mention[]): Mention[] {
  const order = [...mentions].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  // `kept` stays sorted by start and free of overlaps, so the clashes of a new mention are found by
  // binary search: they are the kept mentions just before and after its start.
  const kept: Mention[] = [];
  for (const m of order) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.end <= m.start) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < kept.length && kept[last]!.start < m.end) last++;
    const clashes = kept.slice(lo, last);
    if (clashes.length > 0 && !(STRONG.has(m.label) && clashes.every((k) => WEAK.has(k.label)))) continue;
    kept.splice(lo, clashes.length, m);
  }
  return kept;
}

/**
 * Runs every rule extractor over the body ranges of `text` (offsets into `text`) and merges the results.
 * `published` is the document's publication date ("2013-11", "2015-01-07") or null.
 */
export function extractRuleMentions(text: string, body: Range[], published: string | null): Mention[] {
  return resolveOverlaps([
    ...extractIndicators(text, body),
    ...extractDates(text, body, published),
    ...extractQuantities(text, body),
    ...extractPlaces(text, body),
  ]);
}
