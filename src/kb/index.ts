/**
 * Knowledge import parsing (pure, no store): which parser a JSON file needs, the records it gives,
 * and which records name a given entity. Aliases from knowledge sources are associations with
 * provenance ("Bureau 121 — associated with Lazarus Group (source: MISP galaxy threat-actor, uuid
 * …)"), never merges.
 */
import { foldName } from "../resolve/keys.js";
import { checkAttackBundle, parseAttackBundle } from "./attack.js";
import { checkMispGalaxy, parseMispGalaxy } from "./misp.js";
import { KnowledgeFormatError, type KnowledgeRecord, sourceLabel } from "./types.js";

export { parseAttackBundle } from "./attack.js";
export { MISP_GALAXY_TYPES, parseMispGalaxy } from "./misp.js";
export * from "./types.js";

export type KnowledgeFormat = "misp-galaxy" | "attack-stix";

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  return typeof x === "object" ? "an object" : `a ${typeof x}`;
}

/**
 * Which parser applies to a parsed JSON value. Throws KnowledgeFormatError naming the problem for
 * anything that is neither a supported MISP galaxy cluster file nor an ATT&CK STIX bundle.
 */
export function detectKnowledgeFormat(json: unknown): KnowledgeFormat {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new KnowledgeFormatError(
      `expected a MISP galaxy cluster file or an ATT&CK STIX bundle (a JSON object), got ${describe(json)}`,
    );
  const o = json as Record<string, unknown>;
  if (o.type === "bundle") {
    checkAttackBundle(json);
    return "attack-stix";
  }
  if ("values" in o || ("uuid" in o && "name" in o && "type" in o)) {
    checkMispGalaxy(json);
    return "misp-galaxy";
  }
  if (typeof o.type === "string" && typeof o.id === "string" && o.id.includes("--"))
    throw new KnowledgeFormatError(
      `a single STIX ${o.type} object, not a bundle: wrap it in {"type": "bundle", "objects": [...]}`,
    );
  throw new KnowledgeFormatError(
    'unknown knowledge format: neither a MISP galaxy cluster file ("values" array) nor a STIX bundle ("type": "bundle")',
  );
}

/** Parse a JSON value (or JSON text) with the parser it needs. */
export function parseKnowledge(input: unknown): KnowledgeRecord[] {
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new KnowledgeFormatError(`not JSON: ${(e as Error).message}`);
    }
  }
  return detectKnowledgeFormat(json) === "attack-stix" ? parseAttackBundle(json) : parseMispGalaxy(json);
}

export interface KnowledgeAssociation {
  record: KnowledgeRecord;
  /** The record's spelling that matched. */
  matched: string;
  /** Whether the name is the record's own name or one of its aliases (synonyms). */
  via: "name" | "alias";
}

/**
 * Which records list `name` as their name or as a synonym (case-, punctuation- and space-insensitive,
 * via foldName). Records matched on their own name come first.
 */
export function findAssociations(name: string, records: readonly KnowledgeRecord[]): KnowledgeAssociation[] {
  const key = foldName(name);
  if (!key) return [];
  const byName: KnowledgeAssociation[] = [];
  const byAlias: KnowledgeAssociation[] = [];
  for (const record of records) {
    if (foldName(record.name) === key) {
      byName.push({ record, matched: record.name, via: "name" });
      continue;
    }
    const alias = record.aliases.find((a) => foldName(a) === key);
    if (alias) byAlias.push({ record, matched: alias, via: "alias" });
  }
  return [...byName, ...byAlias];
}

/**
 * A fast lookup for many names against many records: folded name or alias to the records listing it.
 * `findAssociations` over an index gives the same answer as over the records.
 */
export function indexRecords(records: readonly KnowledgeRecord[]): Map<string, KnowledgeRecord[]> {
  const index = new Map<string, KnowledgeRecord[]>();
  for (const r of records) {
    for (const n of new Set([r.name, ...r.aliases].map(foldName))) {
      if (!n) continue;
      const list = index.get(n) ?? [];
      list.push(r);
      index.set(n, list);
    }
  }
  return index;
}

/**
 * The sentence the store shows for an association:
 * "Bureau 121 — associated with Lazarus Group (source: MISP galaxy threat-actor, uuid 6839…)".
 */
export function describeAssociation(name: string, a: KnowledgeAssociation): string {
  const idLabel = a.record.source.startsWith("misp-galaxy:") ? "uuid" : "id";
  const src = `source: ${sourceLabel(a.record.source)}, ${idLabel} ${a.record.sourceId}`;
  if (a.via === "name")
    return `${name} — known to ${sourceLabel(a.record.source)} as ${a.record.name} (${src})`;
  return `${name} — associated with ${a.record.name} (${src})`;
}
