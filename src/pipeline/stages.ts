/**
 * The pipeline's pluggable entity stages. Each reads the tokenized `Doc` and the body ranges and
 * returns mentions; `analyze` merges them. Stages that load data (the NER model, the gazetteer) are
 * loaded once per process and shared.
 */
import { extractMetadataMentions } from "../extract/metadata.js";
import { extractNames, isSectorPhrase } from "../extract/names.js";
import { extractRuleMentions } from "../extract/rules.js";
import type { Doc, Mention, Range } from "../model/types.js";
import { loadNerTagger, type NerTagger } from "../ner/index.js";

export type EntityStage = (doc: Doc, body: Range[]) => Mention[];

export interface Stages {
  entityStages: EntityStage[];
  /** Extract coreference and claims (default true). */
  claims?: boolean;
}

/** Dates, quantities, money, indicators and places from rules and gazetteers. */
export const ruleStage: EntityStage = (doc, body) => extractRuleMentions(doc.text, body, doc.meta.published);

/** East Asian personal names, organizations by head noun, cited outlets. */
export const nameStage: EntityStage = (doc, body) => extractNames(doc.text, body);

/** The author, publisher and credited staff, from the byline and credit spans. */
export const metadataStage: EntityStage = (doc) =>
  extractMetadataMentions(doc.text, doc.meta, doc.boilerplate);

/** People, organizations, places, threat actors, malware, tools, sectors from Dossier's own NER model. */
export function nerStage(tagger: NerTagger = loadNerTagger()): EntityStage {
  return (doc) => tagger.tag(doc).filter(plausible);
}

/**
 * The CTI model over-reaches on news prose ("routinely" as a sector, "agency further claims" as a
 * vulnerability): sectors must be sector words, vulnerabilities must carry a name or a number.
 */
function plausible(m: Mention): boolean {
  if (m.label === "sector") return isSectorPhrase(m.text);
  // Names of software, vulnerabilities, groups and operations carry a capital or a digit; a
  // pronoun or a common word ("They", "agency further claims") is not one.
  if (NAMED_TYPES.has(m.label)) return /[A-Z0-9]/.test(m.text) && !PRONOUNS.has(m.text.toLowerCase());
  if (m.label === "person" || m.label === "organization") return !PRONOUNS.has(m.text.toLowerCase());
  return true;
}

const NAMED_TYPES = new Set([
  "vulnerability",
  "tool",
  "malware",
  "threat-actor",
  "campaign",
  "attack-pattern",
]);
const PRONOUNS = new Set(
  "he she it they we i you him her them us his its their our this that these those".split(" "),
);

let defaults: Stages | null = null;

export function loadStages(): Stages {
  defaults ??= { entityStages: [ruleStage, nameStage, metadataStage, nerStage()] };
  return defaults;
}
