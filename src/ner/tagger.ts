/**
 * A two-pass tagger: a first linear model over local features, then a second one that also sees
 * how the first pass tagged the same word forms elsewhere in the document (non-local features).
 *
 * Hand-written, following Ratinov & Roth (2009): document-level consistency is what a local model
 * lacks most (a name in an all-caps headline, a surname after the full name was given).
 */
import {
  type FeatDoc,
  LOCAL_SLOTS,
  localFeatures,
  NONLOCAL_SLOTS,
  nonLocalFeatures,
  WordInfo,
} from "./features.js";
import type { GazetteerMatcher } from "./gazetteer.js";
import type { FeatureBlock, LinearModel } from "./model.js";

export interface TagResult {
  tags: Int32Array;
  margins: Float32Array;
}

export class TwoPassTagger {
  readonly wi: WordInfo;
  constructor(
    readonly pass1: LinearModel,
    readonly pass2: LinearModel | null,
    readonly gazetteer: GazetteerMatcher | null,
    clusters: Map<string, string> | null,
  ) {
    this.wi = new WordInfo(clusters);
  }

  tag(doc: FeatDoc): TagResult {
    const n = doc.words.length;
    const local: FeatureBlock = { feats: localFeatures(doc, this.wi, this.gazetteer), slots: LOCAL_SLOTS };
    const tags = new Int32Array(n);
    const margins = new Float32Array(n);
    this.pass1.decode([local], doc.sentences, tags, margins);
    if (!this.pass2) return { tags, margins };
    const nl: FeatureBlock = {
      feats: nonLocalFeatures(doc, this.pass1.tags, tags),
      slots: NONLOCAL_SLOTS,
    };
    const tags2 = new Int32Array(n);
    this.pass2.decode([local, nl], doc.sentences, tags2, margins);
    return { tags: tags2, margins };
  }
}
