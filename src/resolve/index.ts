/**
 * Cross-document entity resolution, store-independent: name comparison (./names.ts), organization
 * names and acronyms (./acronyms.ts), country context (./countries.ts), pair scoring and clustering
 * with merge suggestions (./score.ts), and B-cubed evaluation (./bcubed.ts). foldName and entityKey
 * (./keys.ts) stay the keys for within-document grouping.
 */
export {
  acronymMatches,
  acronymOf,
  acronymScore,
  compareOrgNames,
  isDescription,
  looksLikeAcronym,
  type OrgNameComparison,
  type OrgNameRelation,
} from "./acronyms.js";
export {
  BCUBED_TYPES,
  type BCubedScore,
  bcubed,
  bcubedAgainstGold,
  bcubedClusters,
  buildClusterings,
  candidatesFromGold,
  entitiesFromClusters,
  type GoldBCubedScore,
  type GoldFile,
  type PredictedEntity,
} from "./bcubed.js";
export { countriesIn, countryCode } from "./countries.js";
export { entityKey, foldName, mentionName } from "./keys.js";
export {
  comparePersonNames,
  isSurnameOnly,
  type NameComparison,
  type NameRelation,
  parsePersonName,
  personKey,
  samePersonName,
} from "./names.js";
export {
  AUTO_MERGE,
  type Candidate,
  type CandidateContext,
  type ClusterOptions,
  type ClusterResult,
  candidateCountries,
  clusterEntities,
  type PairScore,
  type PairSuggestion,
  SUGGEST,
  scorePair,
} from "./score.js";
