/**
 * The gold files of ../shared/gold (the spec's gold form) and the spec's lenient matching: a
 * predicted entity matches a gold entity when its name or one of its aliases equals one of the gold
 * names or aliases after case and punctuation folding.
 */
import { readFileSync } from "node:fs";

export interface GoldDocument {
  file: string;
  path: string;
  title: string | null;
  author: string | null;
  publisher: string | null;
  published: string | null;
  boilerplate?: string[];
}

export interface GoldEntity {
  key: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
}

export interface GoldClaim {
  id: string;
  document: string;
  subject: string;
  predicate: string;
  object: string | null;
  value: string | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  speaker: string | null;
  evidence: string;
  optional?: boolean;
}

export interface GoldFile {
  documents: GoldDocument[];
  entities: GoldEntity[];
  claims: GoldClaim[];
  conflicts: { claims: string[]; kind: string; note?: string }[];
}

export function loadGold(path: string): GoldFile {
  const g = JSON.parse(readFileSync(path, "utf8")) as Partial<GoldFile>;
  return {
    documents: g.documents ?? [],
    entities: g.entities ?? [],
    claims: g.claims ?? [],
    conflicts: g.conflicts ?? [],
  };
}

/** Case and punctuation folding for matching names (spaces are kept as single spaces). */
export function foldForMatch(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Index from folded gold name or alias to the gold entity keys it names. */
export function goldNameIndex(entities: GoldEntity[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const n of [e.name, ...e.aliases]) {
      const f = foldForMatch(n);
      const set = index.get(f) ?? new Set<string>();
      set.add(e.key);
      index.set(f, set);
    }
  }
  return index;
}

/** Gold keys that a predicted entity (name plus aliases) matches. */
export function matchGold(names: string[], index: Map<string, Set<string>>): Set<string> {
  const keys = new Set<string>();
  for (const n of names) for (const k of index.get(foldForMatch(n)) ?? []) keys.add(k);
  return keys;
}
