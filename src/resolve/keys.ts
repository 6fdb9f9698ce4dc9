/**
 * Folding of names into resolution keys. Until cross-document resolution (src/resolve) decides
 * otherwise, mentions with the same type and the same folded canonical name are one entity.
 */
import type { Mention } from "../model/types.js";

/** Case-, accent-, punctuation- and space-insensitive form of a name: "Kim Heung-Kwang" gives "kimheungkwang". */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/['’]s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The name an entity is known by, from a mention: its canonical form, else its text. */
export function mentionName(m: Mention): string {
  if (m.attrs?.kind === "indicator") return m.attrs.value;
  return m.canonical ?? m.text.replace(/\s+/g, " ").trim();
}

export function entityKey(type: string, name: string): string {
  return `${type}:${type === "indicator" || type === "vulnerability" ? name.toLowerCase() : foldName(name)}`;
}
