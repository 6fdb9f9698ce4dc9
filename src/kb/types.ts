/**
 * Knowledge records: threat actors, malware, tools and campaigns as knowledge sources (MISP galaxy
 * clusters, MITRE ATT&CK STIX bundles) describe them. Pure data, no store: the store records each
 * alias as an association with its source, never as a silent merge.
 */

export type KnowledgeType = "threat-actor" | "malware" | "tool" | "campaign";

/** Where a record comes from: "misp-galaxy:<galaxy type>" or "mitre-attack:<domain>". */
export type KnowledgeSource =
  | "misp-galaxy:threat-actor"
  | "misp-galaxy:mitre-intrusion-set"
  | "misp-galaxy:microsoft-activity-group"
  | "misp-galaxy:malpedia"
  | "misp-galaxy:mitre-malware"
  | "misp-galaxy:mitre-tool"
  | "misp-galaxy:tool"
  | "misp-galaxy:ransomware"
  | "misp-galaxy:rat"
  | "misp-galaxy:backdoor"
  | "misp-galaxy:botnet"
  | "mitre-attack:enterprise"
  | "mitre-attack:ics"
  | "mitre-attack:mobile";

export interface KnowledgeRelation {
  /** The related record's id in the same source (MISP uuid, STIX id). */
  target: string;
  /** The source's relation type ("similar", "linked-to", "uses"). */
  type: string;
}

export interface KnowledgeRecord {
  source: KnowledgeSource;
  /** Id within the source: MISP cluster uuid, ATT&CK id ("G0032", "S0366", "C0004"). */
  sourceId: string;
  /** The source's canonical name ("Lazarus Group"). */
  name: string;
  type: KnowledgeType;
  /** Other names the source lists (synonyms, aliases), without the name itself, without ids. */
  aliases: string[];
  /** Attributed country, ISO 3166-1 alpha-2 ("KP"). */
  country?: string;
  /** ATT&CK ids ("G0032"), STIX ids and other identifiers the source gives. */
  externalIds: string[];
  description?: string;
  /** Relations the source states to other records (MISP "related"). */
  related?: KnowledgeRelation[];
  /** Source version (MISP galaxy version, ATT&CK collection version) when known. */
  version?: string;
}

/** Human-readable name of a source: "MISP galaxy threat-actor", "MITRE ATT&CK Enterprise". */
export function sourceLabel(source: KnowledgeSource): string {
  const [kind, rest] = source.split(":") as [string, string];
  if (kind === "misp-galaxy") return `MISP galaxy ${rest}`;
  return `MITRE ATT&CK ${rest === "ics" ? "ICS" : rest.charAt(0).toUpperCase() + rest.slice(1)}`;
}

/** Thrown for input that no knowledge parser reads, with the reason. */
export class KnowledgeFormatError extends Error {
  override name = "KnowledgeFormatError";
}
