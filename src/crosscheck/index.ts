/**
 * Cross-checking (issue 6): propositions with independent sources and lineage, near-duplicate
 * documents, conflicts with plain explanations, Admiralty grades and ACH matrices. Pure functions
 * over `ClaimJson` (what `Repository.listClaims()` returns); the store and CLI wire them in.
 */
export { buildAch, proposeHypotheses, rate } from "./ach.js";
export { findConflicts } from "./conflicts.js";
export { gradeAll, gradeProposition } from "./grade.js";
export { minhash, nearDuplicateGroups, sameStory, shingles, signature, similarity } from "./minhash.js";
export { buildPropositions, groupPropositions, sourceKey, storyIndex } from "./propositions.js";
export { claimStatement, statement } from "./text.js";
export * from "./types.js";
export { figureOf, figuresCompatible, spanOf, spansCompatible, valuesCompatible } from "./values.js";

import { findConflicts as conflictsOf } from "./conflicts.js";
import { groupPropositions as group } from "./propositions.js";
import type { ClaimJson, Conflict, CrosscheckOptions, DocInfo, Proposition } from "./types.js";

/** Propositions (graded) and conflicts in one call, for the CLI and the server. */
export function crosscheck(
  claims: ClaimJson[],
  docs: DocInfo[],
  options: CrosscheckOptions = {},
): { propositions: Proposition[]; conflicts: Conflict[] } {
  const propositions = group(claims, docs, options);
  return { propositions, conflicts: conflictsOf(propositions, claims) };
}

/** A conflict in exactly the spec's JSON form (`dossier conflicts --json`). */
export function conflictJson(c: Conflict): Pick<Conflict, "id" | "kind" | "claims" | "explanation"> {
  return { id: c.id, kind: c.kind, claims: c.claims, explanation: c.explanation };
}
