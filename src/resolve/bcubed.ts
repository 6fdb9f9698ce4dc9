/**
 * B-cubed (B³) precision, recall and F1 of entity clusters (Bagga and Baldwin 1998), and the bridge from
 * the gold files of ../shared/gold (entities with key, name, aliases, documents) and from predicted
 * entities ({name, aliases, documents, type}) to the two clusterings it compares.
 *
 * Hand-written: the metric is a few lines, and the item definition is Dossier's own. Items are "an
 * entity in a document": each predicted entity that matches a gold entity (leniently, as
 * ../shared/spec/intelligence-model.md says: its name or an alias equals a gold name or alias after
 * case and punctuation folding) gives one item per document that both list. A gold entity-document
 * pair that no prediction covers is an item alone in its predicted cluster. So splitting one person
 * across documents lowers recall, merging two people lowers precision, and a perfect resolution
 * scores 1. As in any B³, an entity missed altogether in its only document is a singleton in both
 * clusterings and changes nothing: detection is scored by the entity precision and recall.
 */
import { foldForMatch } from "../eval/gold.js";
import type { Candidate } from "./score.js";

export interface BCubedScore {
  precision: number;
  recall: number;
  f1: number;
  /** Number of items compared. */
  items: number;
}

/**
 * B³ over items: `predicted` and `gold` give each item's cluster label. Items absent from `predicted`
 * count as singletons there; items absent from `gold` are ignored.
 */
export function bcubed<T>(
  predicted: ReadonlyMap<T, string | number>,
  gold: ReadonlyMap<T, string | number>,
): BCubedScore {
  const items = [...gold.keys()];
  if (items.length === 0) return { precision: 1, recall: 1, f1: 1, items: 0 };
  const predLabel = (item: T, i: number) =>
    predicted.has(item) ? `p:${predicted.get(item)}` : `missing:${i}`;
  const predOf = items.map((it, i) => predLabel(it, i));
  const goldOf = items.map((it) => String(gold.get(it)));
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const bothSize = new Map<string, number>();
  items.forEach((_, i) => {
    predSize.set(predOf[i]!, (predSize.get(predOf[i]!) ?? 0) + 1);
    goldSize.set(goldOf[i]!, (goldSize.get(goldOf[i]!) ?? 0) + 1);
    const both = `${predOf[i]}\u0000${goldOf[i]}`;
    bothSize.set(both, (bothSize.get(both) ?? 0) + 1);
  });
  let p = 0;
  let r = 0;
  items.forEach((_, i) => {
    const both = bothSize.get(`${predOf[i]}\u0000${goldOf[i]}`)!;
    p += both / predSize.get(predOf[i]!)!;
    r += both / goldSize.get(goldOf[i]!)!;
  });
  const precision = p / items.length;
  const recall = r / items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, items: items.length };
}

/** B³ of two clusterings given as lists of clusters of item ids (each item in at most one cluster). */
export function bcubedClusters(
  predicted: readonly (readonly string[])[],
  gold: readonly (readonly string[])[],
): BCubedScore {
  const p = new Map<string, number>();
  predicted.forEach((c, i) => {
    for (const it of c) p.set(it, i);
  });
  const g = new Map<string, number>();
  gold.forEach((c, i) => {
    for (const it of c) g.set(it, i);
  });
  return bcubed(p, g);
}

export interface GoldEntity {
  key: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
}

export interface GoldFile {
  documents: { file: string }[];
  entities: GoldEntity[];
}

export interface PredictedEntity {
  name: string;
  aliases: string[];
  /** Document ids as the gold names them (its `file`), or mapped through `documentOf`. */
  documents: string[];
  type: string;
}

/** The entity types the cross-document evaluation covers (issue 5). */
export const BCUBED_TYPES: readonly string[] = ["person", "organization", "threat-actor"];

/**
 * Case- and punctuation-insensitive form used for lenient matching: the evaluation's own folding
 * (src/eval/gold.ts), so that B³ and the entity scores match names the same way.
 */
export function lenientFold(name: string): string {
  return foldForMatch(name);
}

export interface GoldBCubedOptions {
  types?: readonly string[];
  /** Map a predicted document id to the gold file name. Default: identity. */
  documentOf?: (id: string) => string;
}

export interface GoldBCubedScore extends BCubedScore {
  /** Predicted entities (of the covered types) that match no gold entity: not judged. */
  unmatchedPredicted: number;
  /** Gold entity-document pairs that no predicted entity covers. */
  missingGold: number;
  /** Predicted entities that match more than one gold entity (over-merges, or ambiguous aliases). */
  multiMatched: number;
}

export interface Clusterings {
  /** Item -> predicted cluster label. */
  predicted: Map<string, string>;
  /** Item -> gold cluster label (the gold key, prefixed by the gold file's index). */
  gold: Map<string, string>;
  unmatchedPredicted: number;
  missingGold: number;
  multiMatched: number;
}

/**
 * The two clusterings B³ compares, built from predicted entities and gold files, restricted to person,
 * organization and threat-actor (see the module comment for the items).
 */
export function buildClusterings(
  predicted: readonly PredictedEntity[],
  gold: GoldFile | readonly GoldFile[],
  opts: GoldBCubedOptions = {},
): Clusterings {
  const types = new Set(opts.types ?? BCUBED_TYPES);
  const docOf = opts.documentOf ?? ((d: string) => d);
  const golds = Array.isArray(gold) ? (gold as readonly GoldFile[]) : [gold as GoldFile];
  const goldEntities: { id: string; docs: Set<string> }[] = [];
  const byName = new Map<string, number[]>();
  golds.forEach((g, gi) => {
    for (const e of g.entities) {
      if (!types.has(e.type)) continue;
      const idx = goldEntities.length;
      goldEntities.push({ id: `${gi}:${e.key}`, docs: new Set(e.documents) });
      for (const n of [e.name, ...e.aliases]) {
        const f = lenientFold(n);
        if (f.length === 0) continue;
        const list = byName.get(f) ?? [];
        if (!list.includes(idx)) list.push(idx);
        byName.set(f, list);
      }
    }
  });

  const predictedLabels = new Map<string, string>();
  const goldLabels = new Map<string, string>();
  let unmatchedPredicted = 0;
  let multiMatched = 0;
  const covered = new Set<string>();
  predicted.forEach((p, pi) => {
    if (!types.has(p.type)) return;
    const matches = new Set<number>();
    for (const n of [p.name, ...p.aliases]) for (const g of byName.get(lenientFold(n)) ?? []) matches.add(g);
    if (matches.size === 0) {
      unmatchedPredicted++;
      return;
    }
    if (matches.size > 1) multiMatched++;
    const docs = new Set(p.documents.map(docOf));
    for (const g of matches) {
      const ge = goldEntities[g]!;
      for (const d of docs) {
        if (!ge.docs.has(d)) continue;
        const item = `${pi}\u0000${d}\u0000${ge.id}`;
        predictedLabels.set(item, `e${pi}`);
        goldLabels.set(item, ge.id);
        covered.add(`${d}\u0000${ge.id}`);
      }
    }
  });
  let missingGold = 0;
  for (const ge of goldEntities) {
    for (const d of ge.docs) {
      if (covered.has(`${d}\u0000${ge.id}`)) continue;
      missingGold++;
      goldLabels.set(`missing\u0000${d}\u0000${ge.id}`, ge.id);
    }
  }
  return { predicted: predictedLabels, gold: goldLabels, unmatchedPredicted, missingGold, multiMatched };
}

/** B³ of predicted entities against one or more gold files (person, organization, threat-actor). */
export function bcubedAgainstGold(
  predicted: readonly PredictedEntity[],
  gold: GoldFile | readonly GoldFile[],
  opts: GoldBCubedOptions = {},
): GoldBCubedScore {
  const c = buildClusterings(predicted, gold, opts);
  return {
    ...bcubed(c.predicted, c.gold),
    unmatchedPredicted: c.unmatchedPredicted,
    missingGold: c.missingGold,
    multiMatched: c.multiMatched,
  };
}

/**
 * One candidate per gold name or alias per document (with empty context): the input for checking that
 * clusterEntities puts the gold's names back together. No gold key reaches the candidates.
 */
export function candidatesFromGold(gold: GoldFile, types: readonly string[] = BCUBED_TYPES): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const e of gold.entities) {
    if (!types.includes(e.type)) continue;
    for (const d of e.documents) {
      for (const n of [e.name, ...e.aliases]) {
        const k = `${e.type}\u0000${d}\u0000${n}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({
          name: n,
          type: e.type,
          aliases: [],
          documents: [d],
          context: { roles: [], affiliations: [], countries: [], coEntities: [] },
        });
      }
    }
  }
  return out;
}

/** Predicted entities from clusters of candidates: first member's name, the others' names as aliases. */
export function entitiesFromClusters(
  candidates: readonly Candidate[],
  clusters: readonly (readonly number[])[],
): PredictedEntity[] {
  return clusters.map((members) => {
    const first = candidates[members[0]!]!;
    const names: string[] = [];
    const docs: string[] = [];
    for (const m of members) {
      const c = candidates[m]!;
      for (const n of [c.name, ...c.aliases]) if (!names.includes(n)) names.push(n);
      for (const d of c.documents) if (!docs.includes(d)) docs.push(d);
    }
    return {
      name: first.name,
      aliases: names.filter((n) => n !== first.name),
      documents: docs,
      type: first.type,
    };
  });
}
