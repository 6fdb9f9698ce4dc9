/**
 * Scores extracted claims against a gold file with the spec's lenient matching
 * (../shared/spec/intelligence-model.md, "Gold files"):
 * - a predicted argument matches a gold entity when its text or canonical name equals one of the
 *   gold names or aliases after case and punctuation folding;
 * - a predicted claim matches a gold claim of the same document when subject, predicate and object
 *   match, or, for value claims, when the words of one value contain the other's (dates also by ISO);
 * - recall: matched non-optional gold claims / non-optional gold claims;
 * - precision: over predicted claims whose subject (and object, when the claim has one) are gold
 *   entities, the share that match some gold claim (optional ones included);
 * - speaker, hedge and polarity accuracy over matched gold claims, each judged on the matching
 *   prediction whose quote shares most words with the gold evidence.
 * Hand-written: the matching rules are Dossier's own.
 */
import type { GoldClaim, GoldEntity } from "../eval/gold.js";
import type { ArgRef, ExtractedClaim } from "./types.js";
import { fold } from "./util.js";

/** Gold entities and claims as the evaluation reads them (src/eval/gold.ts). */
export type GoldEntityRef = Omit<GoldEntity, "documents"> & { documents?: string[] };
export type GoldClaimRef = GoldClaim;

export interface GoldFileLike {
  entities: GoldEntityRef[];
  claims: GoldClaimRef[];
}

export interface PredictedDocument {
  /** The gold file's `file` name of the document. */
  document: string;
  claims: ExtractedClaim[];
}

export interface ScoreReport {
  goldClaims: number;
  goldNonOptional: number;
  matchedNonOptional: number;
  recall: number;
  predicted: number;
  judged: number;
  correct: number;
  precision: number;
  matched: number;
  speakerAccuracy: number;
  hedgeAccuracy: number;
  polarityAccuracy: number;
  byPredicate: Record<string, { gold: number; matched: number; judged: number; correct: number }>;
  /** One line per gold claim and per judged false positive, for reading. */
  details: string[];
}

function words(s: string): Set<string> {
  return new Set(fold(s).split(" ").filter(Boolean));
}

/** Gold keys an argument names. */
function keysOf(arg: ArgRef | null, index: Map<string, Set<string>>): Set<string> {
  const keys = new Set<string>();
  if (!arg) return keys;
  for (const n of [arg.text, arg.canonical]) {
    if (!n) continue;
    for (const k of index.get(fold(n)) ?? []) keys.add(k);
  }
  return keys;
}

export function valueMatches(pred: ExtractedClaim["value"], gold: string): boolean {
  if (!pred) return false;
  const g = words(gold);
  const p = words(pred.text);
  if (pred.iso) for (const w of words(pred.iso)) p.add(w);
  if (g.size === 0 || p.size === 0) return false;
  const gInP = [...g].every((w) => p.has(w));
  const pInG = [...p].every((w) => g.has(w));
  return gInP || pInG;
}

function overlapScore(quote: string, evidence: string): number {
  const e = words(evidence);
  const q = words(quote);
  let n = 0;
  for (const w of e) if (q.has(w)) n++;
  return e.size === 0 ? 0 : n / e.size;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/**
 * Scores `predicted` against `gold`. `documents` restricts the gold claims to the documents that
 * were run (all gold documents when absent).
 */
export function scoreClaims(
  predicted: PredictedDocument[],
  gold: GoldFileLike,
  documents?: string[],
): ScoreReport {
  const index = new Map<string, Set<string>>();
  for (const e of gold.entities)
    for (const n of [e.name, ...e.aliases]) {
      const f = fold(n);
      const set = index.get(f) ?? new Set<string>();
      set.add(e.key);
      index.set(f, set);
    }
  const docs = new Set(documents ?? gold.claims.map((c) => c.document));
  const goldClaims = gold.claims.filter((c) => docs.has(c.document));
  const byPredicate: ScoreReport["byPredicate"] = {};
  const bucket = (p: string) => {
    byPredicate[p] ??= { gold: 0, matched: 0, judged: 0, correct: 0 };
    return byPredicate[p]!;
  };

  const matches = (c: ExtractedClaim, document: string, g: GoldClaimRef) =>
    g.document === document &&
    g.predicate === c.predicate &&
    keysOf(c.subject, index).has(g.subject) &&
    (g.object !== null
      ? keysOf(c.object, index).has(g.object)
      : c.object === null && valueMatches(c.value, g.value ?? ""));

  const details: string[] = [];
  let matchedNonOptional = 0;
  let matched = 0;
  let speakerOk = 0;
  let hedgeOk = 0;
  let polarityOk = 0;
  for (const g of goldClaims) {
    if (!g.optional) bucket(g.predicate).gold++;
    const cands = predicted
      .filter((p) => p.document === g.document)
      .flatMap((p) => p.claims.filter((c) => matches(c, p.document, g)));
    if (cands.length === 0) {
      details.push(
        `MISS ${g.id}${g.optional ? " (optional)" : ""} ${g.subject} ${g.predicate} ${g.object ?? g.value}`,
      );
      continue;
    }
    matched++;
    if (!g.optional) {
      matchedNonOptional++;
      bucket(g.predicate).matched++;
    }
    const best = [...cands].sort(
      (a, b) => overlapScore(b.quote, g.evidence) - overlapScore(a.quote, g.evidence),
    )[0]!;
    const spk = g.speaker === null ? best.speaker === null : keysOf(best.speaker, index).has(g.speaker);
    if (spk) speakerOk++;
    if (best.hedged === g.hedged) hedgeOk++;
    if (best.polarity === g.polarity) polarityOk++;
    details.push(
      `HIT  ${g.id} ${g.subject} ${g.predicate} ${g.object ?? g.value}` +
        `${spk ? "" : ` SPEAKER ${best.speaker?.text ?? "null"}≠${g.speaker}`}` +
        `${best.hedged === g.hedged ? "" : ` HEDGE ${best.hedged}`}${best.polarity === g.polarity ? "" : ` POLARITY ${best.polarity}`}`,
    );
  }

  let judged = 0;
  let correct = 0;
  let total = 0;
  for (const p of predicted) {
    if (!docs.has(p.document)) continue;
    for (const c of p.claims) {
      total++;
      if (keysOf(c.subject, index).size === 0) continue;
      if (c.object && keysOf(c.object, index).size === 0) continue;
      judged++;
      bucket(c.predicate).judged++;
      if (goldClaims.some((g) => matches(c, p.document, g))) {
        correct++;
        bucket(c.predicate).correct++;
      } else
        details.push(
          `FP   ${p.document.slice(0, 12)} ${c.subject.text} ${c.predicate} ${c.object?.text ?? JSON.stringify(c.value?.text)} [${c.rule}] «${c.quote.slice(0, 90)}»`,
        );
    }
  }

  const goldNonOptional = goldClaims.filter((g) => !g.optional).length;
  return {
    goldClaims: goldClaims.length,
    goldNonOptional,
    matchedNonOptional,
    recall: ratio(matchedNonOptional, goldNonOptional),
    predicted: total,
    judged,
    correct,
    precision: ratio(correct, judged),
    matched,
    speakerAccuracy: ratio(speakerOk, matched),
    hedgeAccuracy: ratio(hedgeOk, matched),
    polarityAccuracy: ratio(polarityOk, matched),
    byPredicate,
    details,
  };
}
