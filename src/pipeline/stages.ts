/**
 * The pipeline's pluggable entity stages. Each reads the tokenized `Doc` and the body ranges and
 * returns mentions; `analyze` merges them. Stages that load data (the NER model, the gazetteer) are
 * loaded once per process and shared.
 */
import type { Doc, Mention, Range } from "../model/types.js";

export type EntityStage = (doc: Doc, body: Range[]) => Mention[];

export interface Stages {
  entityStages: EntityStage[];
}

let defaults: Stages | null = null;

export function loadStages(): Stages {
  defaults ??= { entityStages: [] };
  return defaults;
}
