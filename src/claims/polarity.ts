/**
 * Negation and denial cues: "not", "n't", "never", "no", "without the knowledge of", "denies",
 * "no evidence", "neither/nor". A cue negates a claim when it stands in the claim's clause before
 * (or inside) its trigger: "China has not targeted" is negative, while in "Beijing knows ..., it has
 * never arrested" the "never" follows the trigger "knows" and leaves it positive.
 * Hand-written: a closed list, matched by word over a character range.
 */
const NEGATION_RE =
  /\b(?:not|never|no|without|neither|nor|denie[sd]|deny|denying|rejected|dismissed|no evidence|cannot|n't)\b|n['’]t\b/gi;

/** Negation cues between `start` and `end` of `text`, in order. */
export function negationCues(text: string, start: number, end: number): string[] {
  const span = text.slice(start, end);
  const out: string[] = [];
  for (const m of span.matchAll(NEGATION_RE)) {
    // "not only", "no longer" and "not just" do not negate what follows.
    const next = span.slice(m.index + m[0].length, m.index + m[0].length + 8).toLowerCase();
    if (/^\s+(?:only|just|longer)\b/.test(next)) continue;
    out.push(m[0].toLowerCase().replace("’", "'"));
  }
  return out;
}

/** Offset just after the last clause boundary before `pos` in `text[from, pos)`. */
export function clauseStart(text: string, from: number, pos: number): number {
  const span = text.slice(from, pos);
  let best = 0;
  const re =
    /;|:|—|\bthat\b|\bbut\b|\balthough\b|\bwhile\b|\bbecause\b|\bwhereas\b|\bwhich\b|\bwho\b|["“”]|, and\b/gi;
  for (const m of span.matchAll(re)) best = m.index + m[0].length;
  return from + best;
}

/** Offset just after the last strong clause boundary (";", "but", "although"...) before `pos`. */
export function sentenceClauseStart(text: string, from: number, pos: number): number {
  const span = text.slice(from, pos);
  let best = 0;
  for (const m of span.matchAll(/;|:|—|\bbut\b|\balthough\b|\bwhile\b|\bbecause\b|\bwhereas\b|\bhowever\b/gi))
    best = m.index + m[0].length;
  return from + best;
}

/** A negated complement clause: "no evidence that ...", "it is not true that ...". */
export function negatedComplement(text: string, clause: number): string | null {
  const head = text.slice(Math.max(0, clause - 40), clause);
  const m =
    /\b(no evidence|no indication|no sign|not true|not the case|no proof|never said|nothing to suggest)\s+(?:that|whether)\s*$/i.exec(
      head,
    );
  return m ? m[1]!.toLowerCase() : null;
}
