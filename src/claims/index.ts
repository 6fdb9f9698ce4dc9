/**
 * Attributed claims of one document: coreference, then attribution frames, then the predicate
 * patterns, then hedging and polarity, then exact quotes. See types.ts for the claim shape.
 *
 *   const claims = extractClaims(doc);
 *
 * Every claim's quote is doc.text.slice(start, end): the body part of the sentence that carries it
 * (a sentence cut at boilerplate), so no claim crosses or comes from a boilerplate span.
 */
import type { DateValue, Doc } from "../model/types.js";
import { attribute, type Frame } from "./attribution.js";
import { resolveCoreference } from "./coref.js";
import { hedgeCues } from "./hedging.js";
import { clauseStart, negatedComplement, negationCues, sentenceClauseStart } from "./polarity.js";
import { type Found, findClaims } from "./predicates.js";
import type { CorefResult, ExtractedClaim } from "./types.js";
import { buildUnits, type Unit } from "./units.js";

export { resolveCoreference } from "./coref.js";
export { scoreClaims } from "./eval-gold.js";
export type { ArgRef, ClaimValue, CorefChain, CorefResult, ExtractedClaim, Predicate } from "./types.js";
export { PREDICATES } from "./types.js";

export interface ClaimsResult {
  claims: ExtractedClaim[];
  coref: CorefResult;
}

function whenOf(doc: Doc, unit: Unit, f: Found): string | null {
  for (const it of unit.items) {
    const s = it.slot;
    if (s?.code !== "date") continue;
    const after =
      s.start >= f.evidence.end &&
      s.start - f.evidence.end <= 30 &&
      !/[;:,]/.test(doc.text.slice(f.evidence.end, s.start));
    if (!after && (s.start < f.evidence.start || s.end > f.evidence.end)) continue;
    if (f.value?.kind === "date" && f.value.text === doc.text.slice(s.start, s.end))
      return f.value.iso ?? null;
    const a = s.attrs as DateValue | undefined;
    if (a?.kind === "date") return a.iso;
  }
  return f.value?.kind === "date" ? (f.value.iso ?? null) : null;
}

function assemble(doc: Doc, unit: Unit, frames: Frame[], f: Found): ExtractedClaim {
  const frame =
    frames.find(
      (fr) =>
        f.trigger.start >= fr.contentStart && f.trigger.start < Math.max(fr.contentEnd, fr.contentStart + 1),
    ) ?? null;
  // The speaker's own biography ("X, who defected in 2019, said") is the author's description.
  const aboutSpeaker =
    frame?.speaker != null &&
    (f.predicate === "role" || f.predicate === "defected" || f.predicate === "affiliated-with") &&
    f.subject.mention === frame.speaker.mention;
  const inFrame = frame !== null && !f.author && !aboutSpeaker;
  const speaker = inFrame ? frame.speaker : null;
  const via = inFrame ? frame.via : [];
  const from = clauseStart(
    doc.text,
    inFrame ? Math.max(unit.start, Math.min(frame.contentStart, f.evidence.start)) : unit.start,
    f.evidence.start,
  );
  const hedgeFrom = sentenceClauseStart(
    doc.text,
    inFrame ? Math.max(unit.start, Math.min(frame.contentStart, f.evidence.start)) : unit.start,
    f.evidence.start,
  );
  const hedges = hedgeCues(doc.text, hedgeFrom, Math.max(f.evidence.end, f.trigger.end));
  if (inFrame && frame.hedge && !frame.carried) hedges.unshift(frame.verb);
  const negs =
    f.polarity === "negative"
      ? ["without"]
      : f.polarity === "positive"
        ? []
        : negationCues(doc.text, from, f.trigger.end);
  const complement = f.polarity ? null : negatedComplement(doc.text, from);
  if (complement) negs.unshift(complement);
  const denied = inFrame && frame.denial;
  if (denied) negs.unshift(frame.verb);
  const negative = f.polarity === "negative" || negs.length % 2 === 1 || (denied && negs.length > 0);
  const quote = doc.text.slice(unit.start, unit.end);
  return {
    subject: f.subject,
    predicate: f.predicate,
    object: f.object,
    value: f.value,
    polarity: negative ? "negative" : "positive",
    hedged: hedges.length > 0,
    hedgeCues: [...new Set(hedges)],
    negationCues: [...new Set(negs)],
    speaker,
    via,
    when: whenOf(doc, unit, f),
    quote,
    start: unit.start,
    end: unit.end,
    evidenceStart: f.evidence.start,
    evidenceEnd: f.evidence.end,
    confidence: Math.round(f.confidence * (frame?.carried && inFrame ? 0.9 : 1) * 100) / 100,
    rule: inFrame ? `${f.rule}|${frame.rule}` : f.rule,
  };
}

/** Claims and the coreference they were read with. */
export function analyzeClaims(doc: Doc): ClaimsResult {
  const coref = resolveCoreference(doc);
  const units = buildUnits(doc, coref);
  const frames = attribute(doc, units, coref);
  const found = findClaims(
    doc.text,
    units,
    units.map((u, i) => ({
      contentStart: frames[i]![0] && !frames[i]![0].carried ? frames[i]![0].contentStart : u.start,
    })),
  );
  const claims: ExtractedClaim[] = [];
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    for (const f of found[i]!) {
      const c = assemble(doc, unit, frames[i] ?? [], f);
      const key = [
        c.subject.mention,
        c.subject.canonical ?? c.subject.text,
        c.predicate,
        c.object?.mention,
        c.object?.canonical ?? c.object?.text,
        c.value?.text,
        c.start,
      ].join("|");
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(c);
    }
  });
  return { claims, coref };
}

/** The attributed claims of one document. */
export function extractClaims(doc: Doc): ExtractedClaim[] {
  return analyzeClaims(doc).claims;
}
