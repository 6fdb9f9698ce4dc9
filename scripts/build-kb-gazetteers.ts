/**
 * Builds data/kb/cti-names.json, the compact name lists of the NER's CTI gazetteer features:
 * threat actors (names and synonyms), malware, tools and victim sectors, from the MISP galaxy
 * clusters (CC0-1.0 OR BSD-2-Clause) in ../shared/data/misp-galaxy and from MITRE ATT&CK
 * enterprise 18.1 (intrusion sets with aliases, malware, tools, each with its ATT&CK id) in
 * ../shared/data/mitre-attack.
 * ATT&CK: "© 2025 The MITRE Corporation. This work is reproduced and distributed with the
 * permission of The MITRE Corporation." (see NOTICE).
 *
 * Usage: node --import tsx scripts/build-kb-gazetteers.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const DATA = new URL("../../shared/data/", import.meta.url).pathname;
const OUT = new URL("../data/kb/cti-names.json", import.meta.url).pathname;

type Kind = "threat-actor" | "malware" | "tool" | "sector";
interface Galaxy {
  values: { value: string; meta?: { synonyms?: string[]; external_id?: string } }[];
}
interface Entity {
  name: string;
  type: Kind;
  aliases: string[];
  attackId?: string;
}

const entities: Entity[] = [];
const galaxy = (file: string): Galaxy => JSON.parse(readFileSync(`${DATA}misp-galaxy/${file}.json`, "utf8"));

/** "Lazarus Group - G0032" gives "Lazarus Group". */
const stripId = (v: string) => v.replace(/\s+-\s+[GS]\d{4}$/, "");

const galaxyKinds: [string, Kind][] = [
  ["threat-actor", "threat-actor"],
  ["microsoft-activity-group", "threat-actor"],
  ["mitre-intrusion-set", "threat-actor"],
  ["malpedia", "malware"],
  ["mitre-malware", "malware"],
  ["ransomware", "malware"],
  ["rat", "malware"],
  ["backdoor", "malware"],
  ["botnet", "malware"],
  ["tool", "tool"],
  ["mitre-tool", "tool"],
];
for (const [file, type] of galaxyKinds) {
  for (const v of galaxy(file).values) {
    entities.push({
      name: stripId(v.value),
      type,
      aliases: (v.meta?.synonyms ?? []).map(stripId),
      ...(v.meta?.external_id ? { attackId: v.meta.external_id } : {}),
    });
  }
}
for (const v of galaxy("sector").values) {
  if (v.value === "Unknown" || v.value === "Other" || v.value === "Country") continue;
  entities.push({ name: v.value, type: "sector", aliases: v.meta?.synonyms ?? [] });
}

interface StixObject {
  type: string;
  name?: string;
  aliases?: string[];
  x_mitre_aliases?: string[];
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: { source_name: string; external_id?: string }[];
}
const attack = JSON.parse(
  readFileSync(`${DATA}mitre-attack/enterprise-attack-18.1.core.stix20.json`, "utf8"),
) as { objects: StixObject[] };
const stixKinds: Record<string, Kind> = { "intrusion-set": "threat-actor", malware: "malware", tool: "tool" };
for (const o of attack.objects) {
  const type = stixKinds[o.type];
  if (!type || !o.name || o.revoked || o.x_mitre_deprecated) continue;
  const id = o.external_references?.find((r) => r.source_name === "mitre-attack")?.external_id;
  entities.push({
    name: o.name,
    type,
    aliases: [...(o.aliases ?? []), ...(o.x_mitre_aliases ?? [])].filter((a) => a !== o.name),
    ...(id ? { attackId: id } : {}),
  });
}

/**
 * A name is kept for the gazetteer when it is at least 3 characters long and looks like a name
 * (an upper-case letter or a digit), so common words ("at", "net") do not become features.
 * Sectors are lower-cased words and are kept as they are.
 */
const usable = (name: string, type: Kind) =>
  type === "sector" ? name.length >= 2 : name.length >= 3 && /[\p{Lu}\d]/u.test(name) && !/^\d+$/.test(name);

const names: Record<Kind, Set<string>> = {
  "threat-actor": new Set(),
  malware: new Set(),
  tool: new Set(),
  sector: new Set(),
};
for (const e of entities) {
  for (const n of [e.name, ...e.aliases]) {
    const clean = n.trim();
    if (!usable(clean, e.type)) continue;
    if (e.type === "sector") {
      for (const part of clean.split(/\s*[,/-]\s+|\s+-\s+/))
        if (part.length >= 2) names.sector.add(part.toLowerCase());
    } else names[e.type].add(clean);
  }
}
// Plain sector words as reports write them, alongside the MISP sector names.
for (const w of [
  "banks",
  "banking",
  "financial institutions",
  "government agencies",
  "government",
  "media",
  "electricity",
  "electric power",
  "energy",
  "nuclear power",
  "transportation",
  "telecommunications",
  "defense contractors",
  "healthcare",
  "hospitals",
  "universities",
  "critical infrastructure",
]) {
  names.sector.add(w);
}

const attackIds: Record<string, string> = {};
for (const e of entities) if (e.attackId && /^[GS]\d{4}$/.test(e.attackId)) attackIds[e.name] = e.attackId;

const out = {
  about:
    "Name lists for Dossier's NER gazetteer features, built by scripts/build-kb-gazetteers.ts from the MISP galaxy " +
    "(CC0-1.0 OR BSD-2-Clause) and MITRE ATT&CK enterprise 18.1. © 2025 The MITRE Corporation. This work is " +
    "reproduced and distributed with the permission of The MITRE Corporation.",
  names: Object.fromEntries(Object.entries(names).map(([k, v]) => [k, [...v].sort()])),
  attackIds: Object.fromEntries(Object.entries(attackIds).sort()),
};
mkdirSync(new URL("../data/kb/", import.meta.url).pathname, { recursive: true });
writeFileSync(OUT, `${JSON.stringify(out, null, 0)}\n`);
console.log(
  `wrote ${OUT}: ${Object.entries(names)
    .map(([k, v]) => `${k} ${v.size}`)
    .join(", ")}; ${Object.keys(attackIds).length} ATT&CK ids`,
);
