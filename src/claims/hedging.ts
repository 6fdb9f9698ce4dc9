/**
 * Hedge cues: words that mark a statement as uncertain ("allegedly", "reportedly", "is believed",
 * "appears", "may", "might", "could", "suspected", "accused", "is said to", "likely", "possibly").
 * A reporting "claims" is not a hedge (the speaker asserts it); "alleged" and "accused" are.
 * Hand-written: a closed list, matched by word over a character range.
 */
const HEDGE_RE =
  /\b(?:allegedly|alleged(?:ly)?|reportedly|purportedly|apparently|presumably|possibly|probably|likely|unlikely|believed|thought to|suspected|suspect(?:s)?|accused|appears?|appeared|seems?|seemed|may|might|could|is said to|are said to|was said to|were said to|claimed to|is claimed|are claimed|the claimed|perhaps|potentially|presumed|suggests?|suggested|assessed with (?:low|moderate) confidence)\b/gi;

/** Hedge cues between `start` and `end` of `text`, in order. */
export function hedgeCues(text: string, start: number, end: number): string[] {
  const span = text.slice(start, end);
  const out: string[] = [];
  for (const m of span.matchAll(HEDGE_RE)) {
    // "May" the month is a date mention, not a cue.
    if (m[0] === "May") continue;
    out.push(m[0].toLowerCase());
  }
  return out;
}
