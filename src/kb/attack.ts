/**
 * MITRE ATT&CK STIX bundles (STIX 2.0 from mitre/cti, STIX 2.1 from mitre-attack/attack-stix-data) to
 * knowledge records: intrusion sets (threat actors, G####), malware and tools (S####) and campaigns
 * (C####) with their aliases; revoked and deprecated objects are skipped.
 *
 * Hand-written: only a few fields of four object types are read, which plain JSON access does;
 * @mitre-attack/attack-data-model would add zod validation of every object and a runtime download
 * path that Dossier's offline runtime must not have.
 */
import {
  KnowledgeFormatError,
  type KnowledgeRecord,
  type KnowledgeSource,
  type KnowledgeType,
} from "./types.js";

const TYPES: Readonly<Record<string, KnowledgeType>> = {
  "intrusion-set": "threat-actor",
  malware: "malware",
  tool: "tool",
  campaign: "campaign",
};

const DOMAINS: Readonly<Record<string, KnowledgeSource>> = {
  "enterprise-attack": "mitre-attack:enterprise",
  "ics-attack": "mitre-attack:ics",
  "mobile-attack": "mitre-attack:mobile",
};

const COLLECTIONS: Readonly<Record<string, KnowledgeSource>> = {
  "enterprise att&ck": "mitre-attack:enterprise",
  "ics att&ck": "mitre-attack:ics",
  "mobile att&ck": "mitre-attack:mobile",
};

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Check that a value is a STIX bundle with ATT&CK objects; returns its objects. */
export function checkAttackBundle(json: unknown): Record<string, unknown>[] {
  if (!isRecord(json) || json.type !== "bundle")
    throw new KnowledgeFormatError('ATT&CK: expected a STIX bundle (an object with "type": "bundle")');
  if (!Array.isArray(json.objects))
    throw new KnowledgeFormatError("ATT&CK: the STIX bundle has no objects array");
  const objects = json.objects.filter(isRecord);
  const attackIds = objects.some(
    (o) =>
      typeof o.type === "string" &&
      o.type in TYPES &&
      Array.isArray(o.external_references) &&
      o.external_references.some((r) => isRecord(r) && r.source_name === "mitre-attack"),
  );
  if (!attackIds)
    throw new KnowledgeFormatError(
      "ATT&CK: the STIX bundle has no intrusion-set, malware, tool or campaign with a mitre-attack external id",
    );
  return objects;
}

/** The ATT&CK domain of a bundle: its x-mitre-collection, else the domain most objects belong to. */
function bundleDomain(objects: Record<string, unknown>[]): { source: KnowledgeSource; version?: string } {
  const collection = objects.find((o) => o.type === "x-mitre-collection");
  if (collection && typeof collection.name === "string") {
    const s = COLLECTIONS[collection.name.toLowerCase()];
    if (s)
      return {
        source: s,
        ...(typeof collection.x_mitre_version === "string" ? { version: collection.x_mitre_version } : {}),
      };
  }
  const counts = new Map<string, number>();
  for (const o of objects)
    if (Array.isArray(o.x_mitre_domains))
      for (const d of o.x_mitre_domains) if (typeof d === "string") counts.set(d, (counts.get(d) ?? 0) + 1);
  const best = [...counts.entries()].filter(([d]) => d in DOMAINS).sort((a, b) => b[1] - a[1])[0];
  return { source: best ? DOMAINS[best[0]]! : "mitre-attack:enterprise" };
}

/** Description without ATT&CK's "(Citation: ...)" markers and link syntax, first paragraph only. */
function cleanDescription(d: string): string {
  return d
    .split(/\n\s*\n/)[0]!
    .replace(/\(Citation:[^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Records of an ATT&CK STIX bundle (2.0 or 2.1). Throws KnowledgeFormatError for other input. */
export function parseAttackBundle(json: unknown): KnowledgeRecord[] {
  const objects = checkAttackBundle(json);
  const { source, version } = bundleDomain(objects);
  const out: KnowledgeRecord[] = [];
  for (const o of objects) {
    const type = typeof o.type === "string" ? TYPES[o.type] : undefined;
    if (!type) continue;
    if (o.revoked === true || o.x_mitre_deprecated === true) continue;
    const name = typeof o.name === "string" ? o.name.trim() : "";
    if (!name) continue;
    const refs = Array.isArray(o.external_references) ? o.external_references.filter(isRecord) : [];
    const attackId = refs.find((r) => r.source_name === "mitre-attack" && typeof r.external_id === "string")
      ?.external_id as string | undefined;
    if (!attackId) continue;
    const rawAliases = [
      ...(Array.isArray(o.aliases) ? o.aliases : []),
      ...(Array.isArray(o.x_mitre_aliases) ? o.x_mitre_aliases : []),
    ].filter((a): a is string => typeof a === "string");
    const aliases: string[] = [];
    for (const a of rawAliases) {
      const t = a.trim();
      if (!t || t.toLowerCase() === name.toLowerCase() || aliases.includes(t)) continue;
      aliases.push(t);
    }
    const externalIds = [attackId];
    if (typeof o.id === "string") externalIds.push(o.id);
    const rec: KnowledgeRecord = { source, sourceId: attackId, name, type, aliases, externalIds };
    if (typeof o.description === "string" && o.description.trim())
      rec.description = cleanDescription(o.description);
    if (version) rec.version = version;
    out.push(rec);
  }
  return out;
}
