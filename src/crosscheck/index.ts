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
