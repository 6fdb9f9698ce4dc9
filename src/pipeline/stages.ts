/**
 * The pipeline's pluggable entity stages. Each reads the tokenized `Doc` and the body ranges and
 * returns mentions; `analyze` merges them. Stages that load data (the NER model, the gazetteer) are
 * loaded once per process and shared.
 */
import { extractRuleMentions } from "../extract/rules.js";
import type { Doc, Mention, Range } from "../model/types.js";
import { loadNerTagger, type NerTagger } from "../ner/index.js";

export type EntityStage = (doc: Doc, body: Range[]) => Mention[];

export interface Stages {
  entityStages: EntityStage[];
}

/** Dates, quantities, money, indicators and places from rules and gazetteers. */
export const ruleStage: EntityStage = (doc, body) => extractRuleMentions(doc.text, body, doc.meta.published);

/** People, organizations, places, threat actors, malware, tools, sectors from Dossier's own NER model. */
export function nerStage(tagger: NerTagger = loadNerTagger()): EntityStage {
  return (doc) => tagger.tag(doc);
}

let defaults: Stages | null = null;

export function loadStages(): Stages {
  defaults ??= { entityStages: [ruleStage, nerStage()] };
  return defaults;
}
