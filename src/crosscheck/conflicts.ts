/**
 * Conflicts between claims, each explained in plain words (spec form: id, kind, claims, explanation).
 *
 * - polarity: one proposition asserted by one source and negated by another, or by the same speaker
 *   in two places (a self-contradiction, said so);
 * - denial: the subject or object itself denies what others assert, or a speaker's negation of an
 *   attribution is a verb of denial ("the Kremlin has denied interfering");
 * - numeric: the same quantity (subject, predicate, comparable unit, compatible time) given as
 *   figures that cannot both hold, allowing ±20% for "about" and parts adding up to a total;
 * - date: the same date-valued predicate with intervals that do not overlap (approximate dates widened).
 *
 * Hand-written: these are Dossier's own rules over its claim model.
 */
import { hashId } from "./propositions.js";
import { claimStatement, sameEntity, speakerLabel, viaPhrase } from "./text.js";
import type { ClaimJson, Conflict, ConflictKind, Proposition } from "./types.js";
import {
  claimTime,
  type Figure,
  figureOf,
  figuresComparable,
  figuresCompatible,
  spanOf,
  spanOfWhen,
  spansCompatible,
} from "./values.js";

function conflict(
  kind: ConflictKind,
  a: ClaimJson,
  b: ClaimJson,
  explanation: string,
  propositions: string[],
  selfContradiction = false,
): Conflict {
  return {
    id: hashId("x", [kind, a.id, b.id]),
    kind,
    claims: [a.id, b.id],
    explanation,
    propositions,
    ...(selfContradiction ? { selfContradiction: true } : {}),
  };
}

/** The claim of `ids` to show for a side: unhedged first, then the earliest in input order. */
function pick(ids: string[], byId: Map<string, ClaimJson>, order: Map<string, number>): ClaimJson {
  const cs = ids.map((id) => byId.get(id)!).filter(Boolean);
  cs.sort((a, b) => Number(a.hedged) - Number(b.hedged) || order.get(a.id)! - order.get(b.id)!);
  return cs[0]!;
}

function polarityConflicts(
  p: Proposition,
  byId: Map<string, ClaimJson>,
  order: Map<string, number>,
): Conflict[] {
  const out: Conflict[] = [];
  const side = (s: Proposition["sources"][number], pol: "positive" | "negative") =>
    s.claims.filter((id) => byId.get(id)?.polarity === pol);
  for (const ps of p.sources) {
    const pos = side(ps, "positive");
    if (pos.length === 0) continue;
    for (const ns of p.sources) {
      const neg = side(ns, "negative");
      if (neg.length === 0) continue;
      if (ps.key === ns.key) {
        // One speaker on both sides: prefer a pair from two different documents.
        let a = pick(pos, byId, order);
        let b = pick(neg, byId, order);
        for (const x of pos)
          for (const y of neg)
            if (byId.get(x)!.document.id !== byId.get(y)!.document.id && a.document.id === b.document.id) {
              a = byId.get(x)!;
              b = byId.get(y)!;
            }
        const [first, second] = order.get(a.id)! <= order.get(b.id)! ? [a, b] : [b, a];
        const sameDoc = a.document.id === b.document.id;
        const outlets = sameDoc ? "in one report" : "two outlets";
        const explanation =
          `${speakerLabel(first)} says ${viaPhrase(first)} that ${claimStatement(first)}; ` +
          `${viaPhrase(second)} that ${claimStatement(second)}: one speaker, ${outlets}, opposite statements.`;
        out.push(conflict("polarity", first, second, explanation, [p.id], true));
        continue;
      }
      const a = pick(pos, byId, order);
      const b = pick(neg, byId, order);
      const concerned = !!b.speaker && (sameEntity(b.speaker, b.subject) || sameEntity(b.speaker, b.object));
      const denied = b.cues?.negation?.some((w) => DENIAL_CUE.test(w)) ?? false;
      if (concerned || (denied && b.predicate === "attributed-to")) {
        const who = b.speaker?.name ?? speakerLabel(b);
        const explanation =
          `${speakerLabel(a)} says ${viaPhrase(a)} that ${claimStatement(a)}; ` +
          `${who}${concerned ? ", the party concerned," : ""} denies it ${viaPhrase(b)}.`;
        const c = conflict("denial", a, b, explanation, [p.id]);
        out.push(concerned ? { ...c, byPartyConcerned: true } : c);
      } else {
        const [first, second] = order.get(a.id)! <= order.get(b.id)! ? [a, b] : [b, a];
        const explanation =
          `${speakerLabel(first)} says ${viaPhrase(first)} that ${claimStatement(first)}; ` +
          `${speakerLabel(second)} says ${viaPhrase(second)} that ${claimStatement(second)}.`;
        out.push(conflict("polarity", first, second, explanation, [p.id]));
      }
    }
  }
  return out;
}

/** Negation cues that make a negative claim a denial ("denied", "rejects", "dismissed"). */
const DENIAL_CUE = /^(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:e|es|ed))$/i;

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Whether figure `x` is the total of parts given together: the distinct figures of one document
 * (same subject, predicate, comparable unit), two or more, adding up to it within tolerance.
 */
function isTotalOf(x: Figure, parts: Figure[]): boolean {
  const distinct: Figure[] = [];
  for (const f of parts) if (!distinct.some((d) => d.lo === f.lo && d.hi === f.hi)) distinct.push(f);
  if (distinct.length < 2) return false;
  const tol = x.approximate || distinct.some((d) => d.approximate) ? 0.2 : 0.05;
  const mid = (f: Figure) => (f.lo + f.hi) / 2;
  const sum = distinct.reduce((s, f) => s + mid(f), 0);
  return near(mid(x), sum, tol);
}

function valueConflicts(
  a: Proposition,
  b: Proposition,
  claims: ClaimJson[],
  byId: Map<string, ClaimJson>,
  order: Map<string, number>,
): Conflict[] {
  const ca = a.claims.map((id) => byId.get(id)!).filter((c) => c.polarity === "positive");
  const cb = b.claims.map((id) => byId.get(id)!).filter((c) => c.polarity === "positive");
  const same = (c: ClaimJson) => c.subject.id === a.subject.id && c.predicate === a.predicate && c.value;
  for (const x of ca) {
    for (const y of cb) {
      const wx = spanOfWhen(claimTime(x));
      const wy = spanOfWhen(claimTime(y));
      if (wx && wy && !spansCompatible(wx, wy)) continue;
      // One writer giving two figures in one report measures two things, not a contradiction.
      if (x.document.id === y.document.id && (x.speaker?.id ?? null) === (y.speaker?.id ?? null)) continue;
      const fx = figureOf(x.value);
      const fy = figureOf(y.value);
      if (fx && fy) {
        if (!figuresComparable(fx, fy) || figuresCompatible(fx, fy)) continue;
        const inDoc = (doc: string) =>
          claims
            .filter((c) => c.document.id === doc && same(c))
            .map((c) => figureOf(c.value))
            .filter((f) => f !== null);
        const partsY = inDoc(y.document.id).filter((f) => figuresComparable(f, fx));
        const partsX = inDoc(x.document.id).filter((f) => figuresComparable(f, fy));
        if (isTotalOf(fx, partsY) || isTotalOf(fy, partsX)) continue;
        // The other report also gives the first figure: both agree on it, the second measures something else.
        if (partsY.some((f) => figuresCompatible(f, fx)) || partsX.some((f) => figuresCompatible(f, fy)))
          continue;
        const [p, q] = order.get(x.id)! <= order.get(y.id)! ? [x, y] : [y, x];
        const explanation =
          `${speakerLabel(p)} says ${viaPhrase(p)} that ${claimStatement(p)}; ${speakerLabel(q)} says ${viaPhrase(q)} ` +
          `that ${claimStatement(q)}: the figures differ beyond the tolerance (±5%, ±20% when approximate) and do not add up as parts of a total.`;
        return [conflict("numeric", p, q, explanation, [a.id, b.id])];
      }
      const sx = spanOf(x.value);
      const sy = spanOf(y.value);
      if (sx && sy) {
        if (spansCompatible(sx, sy)) continue;
        const [p, q] = order.get(x.id)! <= order.get(y.id)! ? [x, y] : [y, x];
        const explanation =
          `${speakerLabel(p)} says ${viaPhrase(p)} that ${claimStatement(p)}; ${speakerLabel(q)} says ${viaPhrase(q)} ` +
          `that ${claimStatement(q)}: the dates do not overlap, even allowing two years either side of an approximate date.`;
        return [conflict("date", p, q, explanation, [a.id, b.id])];
      }
    }
  }
  return [];
}

/** Every conflict among the propositions' claims. */
export function findConflicts(propositions: Proposition[], claims: ClaimJson[]): Conflict[] {
  return findConflictsIn(propositions, claims);
}

export function findConflictsIn(propositions: Proposition[], claims: ClaimJson[]): Conflict[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const order = new Map(claims.map((c, i) => [c.id, i]));
  const out: Conflict[] = [];
  for (const p of propositions) out.push(...polarityConflicts(p, byId, order));
  // Value propositions are compared within one subject and predicate only.
  const bySlot = new Map<string, Proposition[]>();
  for (const p of propositions) {
    if (p.object !== null || p.value === null) continue;
    const k = `${p.subject.id}|${p.predicate}`;
    bySlot.set(k, [...(bySlot.get(k) ?? []), p]);
  }
  const slotClaims = new Map<string, ClaimJson[]>();
  for (const c of claims) {
    if (!c.value) continue;
    const k = `${c.subject.id}|${c.predicate}`;
    if (bySlot.has(k)) slotClaims.set(k, [...(slotClaims.get(k) ?? []), c]);
  }
  for (const [k, valued] of bySlot) {
    for (let i = 0; i < valued.length; i++)
      for (let j = i + 1; j < valued.length; j++)
        out.push(...valueConflicts(valued[i]!, valued[j]!, slotClaims.get(k) ?? [], byId, order));
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    if (seen.has(c.id)) return false;
    seen.add(c.id);
    return true;
  });
}
