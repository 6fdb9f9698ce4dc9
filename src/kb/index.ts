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

/** Where a fact comes from. */
export interface Provenance {
  source: KnowledgeRecord["source"];
  sourceId: string;
  /** "MISP galaxy threat-actor, uuid 6839…", "MITRE ATT&CK Enterprise, id G0032". */
  label: string;
}

export interface KnowledgeSummary {
  /** Records whose own name is the name. */
  known: KnowledgeRecord[];
  /** Other names those records give, each with where it comes from (one entry per alias and source). */
  aliases: { alias: string; from: Provenance }[];
  /** Attributed countries (ISO alpha-2) with their sources; several codes mean the sources disagree. */
  countries: { code: string; from: Provenance }[];
  /**
   * ATT&CK ids. Taken from ATT&CK itself (and MISP's mitre-* galaxies) when they know the name; only
   * otherwise from other MISP galaxies, whose synonym lists can carry the ids of related groups
   * (MISP's Lazarus Group lists APT38's G0082 too).
   */
  attackIds: { id: string; from: Provenance }[];
  /** Records that list the name only as a synonym: associations to show, never merges. */
  associatedWith: { name: string; matched: string; from: Provenance; text: string }[];
}

function provenance(r: KnowledgeRecord): Provenance {
  const idLabel = r.source.startsWith("misp-galaxy:") ? "uuid" : "id";
  return {
    source: r.source,
    sourceId: r.sourceId,
    label: `${sourceLabel(r.source)}, ${idLabel} ${r.sourceId}`,
  };
}

/**
 * What knowledge sources say about a name: the records that know it by that name (with their
 * aliases, countries and ATT&CK ids, each with provenance) and the records that only list it as a
 * synonym (associations, with the sentence to show).
 */
export function summarizeKnowledge(name: string, records: readonly KnowledgeRecord[]): KnowledgeSummary {
  const found = findAssociations(name, records);
  const known = found.filter((f) => f.via === "name").map((f) => f.record);
  const aliases: KnowledgeSummary["aliases"] = [];
  const seenAlias = new Set<string>();
  const self = foldName(name);
  const countries: KnowledgeSummary["countries"] = [];
  for (const r of known) {
    for (const a of r.aliases) {
      const k = `${foldName(a)}\u0000${r.source}\u0000${r.sourceId}`;
      if (foldName(a) === self || seenAlias.has(k)) continue;
      seenAlias.add(k);
      aliases.push({ alias: a, from: provenance(r) });
    }
    if (r.country) countries.push({ code: r.country, from: provenance(r) });
  }
  const isAttackId = (x: string) => /^(?:G|S|C)\d{4}$/.test(x);
  const authoritative = known.filter(
    (r) => r.source.startsWith("mitre-attack:") || r.source.startsWith("misp-galaxy:mitre-"),
  );
  const idSources = authoritative.length > 0 ? authoritative : known;
  const attackIds: KnowledgeSummary["attackIds"] = [];
  for (const r of idSources)
    for (const id of r.externalIds.filter(isAttackId)) attackIds.push({ id, from: provenance(r) });
  const associatedWith = found
    .filter((f) => f.via === "alias")
    .map((f) => ({
      name: f.record.name,
      matched: f.matched,
      from: provenance(f.record),
      text: describeAssociation(name, f),
    }));
  return { known, aliases, countries, attackIds, associatedWith };
}
