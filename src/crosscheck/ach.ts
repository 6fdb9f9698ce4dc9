/**
 * Analysis of competing hypotheses (Heuer): a matrix of evidence (the relevant claims) against
 * hypotheses, each cell consistent (C), inconsistent (I) or neutral (N), hypotheses ranked by how
 * much evidence contradicts them (fewest inconsistencies first), counting each independent source
 * once so that a story repeated by many outlets does not weigh more. Also proposes two competing
 * hypotheses from a conflict. Hand-written: Dossier's own scoring over its claim model.
 */
import { statement } from "./text.js";
import type { AchCell, AchMatrix, ClaimJson, Conflict, EntityRef, Hypothesis, Proposition } from "./types.js";
import { foldText, valuesCompatible } from "./values.js";

/** Predicates where asserting another object speaks against a hypothesis (one perpetrator). */
const EXCLUSIVE = new Set(["attributed-to"]);

function matches(ref: EntityRef | null, want: string | undefined): boolean {
  if (want === undefined) return true;
  if (!ref) return false;
  return ref.id === want || foldText(ref.name) === foldText(want);
}

/** Whether two entities are linked by a part-of or affiliation claim (a unit and its service). */
function linked(a: EntityRef, b: EntityRef, claims: ClaimJson[]): boolean {
  return claims.some(
    (c) =>
      c.polarity === "positive" &&
      c.object &&
      (c.predicate === "part-of" || c.predicate === "affiliated-with") &&
      ((c.subject.id === a.id && c.object.id === b.id) || (c.subject.id === b.id && c.object.id === a.id)),
  );
}

function relevant(h: Hypothesis, c: ClaimJson): boolean {
  const t = h.test;
  if (t.subject === undefined && t.predicate === undefined) return matches(c.object, t.object);
  return matches(c.subject, t.subject) && (t.predicate === undefined || c.predicate === t.predicate);
}

export function rate(h: Hypothesis, c: ClaimJson, claims: ClaimJson[]): AchCell {
  if (!relevant(h, c)) return "N";
  const t = h.test;
  const want = t.polarity ?? "positive";
  if (t.object !== undefined) {
    if (matches(c.object, t.object)) return c.polarity === want ? "C" : "I";
    // Another perpetrator named: against "X did it", silent on "X did not".
    if (EXCLUSIVE.has(c.predicate) && c.object && c.polarity === "positive" && want === "positive") {
      const target =
        claims.find((x) => matches(x.object, t.object))?.object ??
        claims.find((x) => matches(x.subject, t.object))?.subject;
      if (target && linked(target, c.object, claims)) return "N";
      return "I";
    }
    return "N";
  }
  if (t.value !== undefined) {
    if (!c.value) return "N";
    if (valuesCompatible(c.value, t.value)) return c.polarity === want ? "C" : "I";
    return c.polarity === "positive" && want === "positive" ? "I" : "N";
  }
  return c.polarity === want ? "C" : "I";
}

/**
 * Fills the ACH matrix: rows are the claims relevant to any hypothesis, columns the hypotheses.
 * Ranking counts, for each hypothesis, the independent sources (from `propositions`) with at least
 * one inconsistent claim; ties are broken by more consistent sources, then by id.
 */
export function buildAch(
  hypotheses: Hypothesis[],
  propositions: Proposition[],
  claims: ClaimJson[],
): AchMatrix {
  const sourceOf = new Map<string, string>();
  for (const p of propositions) for (const s of p.sources) for (const id of s.claims) sourceOf.set(id, s.key);
  const rows: AchMatrix["rows"] = [];
  for (const c of claims) {
    if (!hypotheses.some((h) => relevant(h, c))) continue;
    const cells: Record<string, AchCell> = {};
    for (const h of hypotheses) cells[h.id] = rate(h, c, claims);
    rows.push({
      claim: c.id,
      source: sourceOf.get(c.id) ?? c.speaker?.id ?? `doc:${c.document.id}`,
      quote: c.quote,
      cells,
    });
  }
  const rank = hypotheses.map((h) => {
    const inc = new Set(rows.filter((r) => r.cells[h.id] === "I").map((r) => r.source));
    const con = new Set(rows.filter((r) => r.cells[h.id] === "C").map((r) => r.source));
    return { hypothesis: h.id, inconsistent: inc.size, consistent: con.size };
  });
  rank.sort(
    (a, b) =>
      a.inconsistent - b.inconsistent ||
      b.consistent - a.consistent ||
      a.hypothesis.localeCompare(b.hypothesis),
  );
  return { hypotheses, rows, rank };
}

/**
 * Two competing hypotheses from a conflict: the statement and its negation (polarity, denial), or
 * one hypothesis per figure or date (numeric, date).
 */
export function proposeHypotheses(
  conflict: Conflict,
  propositions: Proposition[],
  claims: ClaimJson[],
): Hypothesis[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const a = byId.get(conflict.claims[0]);
  const b = byId.get(conflict.claims[1]);
  if (!a || !b) return [];
  const prop = propositions.find((p) => p.claims.includes(a.id));
  const base = prop?.id ?? conflict.id;
  if (conflict.kind === "polarity" || conflict.kind === "denial") {
    const test = {
      subject: a.subject.id,
      predicate: a.predicate,
      ...(a.object ? { object: a.object.id } : {}),
    };
    return (["positive", "negative"] as const).map((pol) => ({
      id: `${base}-${pol === "positive" ? "yes" : "no"}`,
      label: statement(a.subject, a.predicate, a.object, a.value, pol),
      test: { ...test, polarity: pol },
    }));
  }
  return [a, b].map((c, i) => ({
    id: `${base}-${i + 1}`,
    label: statement(c.subject, c.predicate, null, c.value, "positive"),
    test: {
      subject: c.subject.id,
      predicate: c.predicate,
      ...(c.value ? { value: c.value } : {}),
      polarity: "positive" as const,
    },
  }));
}
