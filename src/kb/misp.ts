/**
 * MISP galaxy cluster files (github.com/MISP/misp-galaxy, clusters/*.json) to knowledge records.
 *
 * A cluster file is {"name", "type", "uuid", "version", "values": [cluster]} with cluster =
 * {"value", "uuid", "description", "meta": {"synonyms", "country", "cfr-suspected-state-sponsor",
 * "external_id", ...}, "related": [{"dest-uuid", "type"}]}. Hand-written: the format is plain JSON and
 * needs only field picking; no MISP library is needed to read it.
 */
import { countryCode } from "../resolve/countries.js";
import {
  KnowledgeFormatError,
  type KnowledgeRecord,
  type KnowledgeSource,
  type KnowledgeType,
} from "./types.js";

/** Galaxy types Dossier imports, with the record type of their clusters. */
export const MISP_GALAXY_TYPES: Readonly<Record<string, KnowledgeType>> = {
  "threat-actor": "threat-actor",
  "mitre-intrusion-set": "threat-actor",
  "microsoft-activity-group": "threat-actor",
  malpedia: "malware",
  "mitre-malware": "malware",
  ransomware: "malware",
  rat: "malware",
  backdoor: "malware",
  botnet: "malware",
  "mitre-tool": "tool",
  tool: "tool",
};

/** ATT&CK ids: groups, software, campaigns. */
const ATTACK_ID = /^(?:G|S|C)\d{4}$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function strings(x: unknown): string[] {
  if (typeof x === "string") return x.trim() ? [x.trim()] : [];
  if (Array.isArray(x))
    return x
      .filter((s): s is string => typeof s === "string")
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** Check that a value is a MISP galaxy cluster file of a supported type; returns its galaxy type. */
export function checkMispGalaxy(json: unknown): string {
  if (!isRecord(json))
    throw new KnowledgeFormatError("MISP galaxy: expected a JSON object with a values array");
  if (!Array.isArray(json.values))
    throw new KnowledgeFormatError(
      "MISP galaxy: no values array (a galaxy definition from galaxies/*.json is not a cluster file; use clusters/*.json)",
    );
  const type = typeof json.type === "string" ? json.type : "";
  if (!(type in MISP_GALAXY_TYPES))
    throw new KnowledgeFormatError(
      `MISP galaxy type "${type || "(none)"}" is not imported: Dossier reads actor and software galaxies (${Object.keys(MISP_GALAXY_TYPES).join(", ")})`,
    );
  return type;
}

/** Records of a MISP galaxy cluster file. Throws KnowledgeFormatError for other input. */
export function parseMispGalaxy(json: unknown): KnowledgeRecord[] {
  const galaxyType = checkMispGalaxy(json);
  const file = json as Record<string, unknown>;
  const source = `misp-galaxy:${galaxyType}` as KnowledgeSource;
  const recordType = MISP_GALAXY_TYPES[galaxyType]!;
  const version = file.version === undefined ? undefined : String(file.version);
  const out: KnowledgeRecord[] = [];
  (file.values as unknown[]).forEach((v, i) => {
    if (!isRecord(v)) throw new KnowledgeFormatError(`MISP galaxy: values[${i}] is not an object`);
    const raw = typeof v.value === "string" ? v.value.trim() : "";
    if (!raw) throw new KnowledgeFormatError(`MISP galaxy: values[${i}] has no value (name)`);
    const uuid = typeof v.uuid === "string" ? v.uuid : "";
    if (!uuid) throw new KnowledgeFormatError(`MISP galaxy: values[${i}] ("${raw}") has no uuid`);
    const meta = isRecord(v.meta) ? v.meta : {};
    const externalIds = new Set<string>(strings(meta.external_id));
    // "Lazarus Group - G0032" in the mitre-* galaxies: the ATT&CK id is a suffix of the value.
    let name = raw;
    const suffix = / - ((?:G|S|C|T)\d{4}(?:\.\d{3})?)$/.exec(raw);
    if (suffix) {
      name = raw.slice(0, suffix.index).trim();
      externalIds.add(suffix[1]!);
    }
    const aliases: string[] = [];
    for (const s of strings(meta.synonyms)) {
      if (ATTACK_ID.test(s)) {
        externalIds.add(s);
        continue;
      }
      if (s.toLowerCase() === name.toLowerCase() || aliases.includes(s)) continue;
      aliases.push(s);
    }
    let country: string | undefined;
    const c = typeof meta.country === "string" ? meta.country.trim().toUpperCase() : "";
    if (/^[A-Z]{2}$/.test(c)) country = c;
    else {
      const sponsor = strings(meta["cfr-suspected-state-sponsor"])[0];
      if (sponsor) country = countryCode(sponsor);
    }
    const related = Array.isArray(v.related)
      ? v.related
          .filter(isRecord)
          .filter((r) => typeof r["dest-uuid"] === "string")
          .map((r) => ({
            target: r["dest-uuid"] as string,
            type: typeof r.type === "string" ? r.type : "related",
          }))
      : [];
    const rec: KnowledgeRecord = {
      source,
      sourceId: uuid,
      name,
      type: recordType,
      aliases,
      externalIds: [...externalIds],
    };
    if (country) rec.country = country;
    if (typeof v.description === "string" && v.description.trim()) rec.description = v.description.trim();
    if (related.length > 0) rec.related = related;
    if (version) rec.version = version;
    out.push(rec);
  });
  return out;
}
