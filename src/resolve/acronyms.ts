/**
 * Organization names: acronyms ("NIS" = "National Intelligence Service", "VOA" = "Voice of America"),
 * generic suffixes ("KBS" = "KBS TV", "Lazarus" = "Lazarus Group"), descriptive and possessive
 * prefixes ("South Korea's National Intelligence Service", "British foreign exchange company
 * Travelex") and descriptions ("Seoul's spy agency", "the committee").
 *
 * Hand-written: these are small string rules over the words of a name, with country context from
 * ./countries.ts to keep apart organizations that share an acronym (NIS of South Korea and another
 * country's NIS).
 */
import { countriesIn, isDemonym } from "./countries.js";

/** Words that may or may not give a letter to an acronym ("Voice of America" is VOA, "NIS" skips none). */
const STOPWORDS = new Set(["of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "la", "des", "&"]);

/** Trailing words that do not change which organization a name designates. */
const GENERIC_SUFFIXES = new Set([
  "tv",
  "television",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "ltd",
  "limited",
  "llc",
  "plc",
  "gmbh",
  "ag",
  "sa",
  "group",
  "team",
  "org",
  "com",
  "net",
  "news",
  "banking",
]);

/** Words of a name, lowercase, without punctuation; "intelNews.org" gives ["intelnews", "org"]. */
export function orgWords(name: string): string[] {
  const cached = wordsMemo.get(name);
  if (cached) return [...cached];
  const words = orgWordsUncached(name);
  if (wordsMemo.size > 20000) wordsMemo.clear();
  wordsMemo.set(name, words);
  return [...words];
}

/** Memos of the two functions every comparison calls (pure functions of the name). */
const wordsMemo = new Map<string, string[]>();
const prefixMemo = new Map<string, { rest: string; countries: string[] }>();

function orgWordsUncached(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .split(/[^\p{L}\p{N}'&]+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => w.length > 0);
}

/** True when a string is written like an acronym: 2 to 8 letters, mostly capitals, dots allowed. */
export function looksLikeAcronym(s: string): boolean {
  const t = s.trim().replace(/\./g, "");
  if (!/^[\p{L}\p{N}&]{2,8}$/u.test(t)) return false;
  const upper = [...t].filter((c) => /\p{Lu}/u.test(c)).length;
  return upper >= 2 && upper >= t.length - 1 && /^\p{Lu}/u.test(t);
}

/** The name without a leading possessive or adjectival country ("South Korea's", "British ..."). */
export function stripCountryPrefix(name: string): { rest: string; countries: string[] } {
  const cached = prefixMemo.get(name);
  if (cached) return { rest: cached.rest, countries: [...cached.countries] };
  const result = stripCountryPrefixUncached(name);
  if (prefixMemo.size > 20000) prefixMemo.clear();
  prefixMemo.set(name, result);
  return { rest: result.rest, countries: [...result.countries] };
}

function stripCountryPrefixUncached(name: string): { rest: string; countries: string[] } {
  const m = /^(?:the\s+)?([\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*){0,3})['’]s\s+(.+)$/u.exec(name.trim());
  if (m) {
    const found = countriesIn(m[1]!);
    if (found.length > 0) return { rest: m[2]!, countries: found };
  }
  // "South Korean IT company", "British foreign exchange company Travelex": a demonym, then a
  // lowercase or all-caps word (a description, not a name such as "Korean National Police Agency").
  const d =
    /^(?:the\s+|an?\s+)?((?:[\p{Lu}][\p{Ll}]+\s+){0,1}[\p{Lu}][\p{Ll}]+)\s+((?:\p{Ll}|\p{Lu}{2,}\b).*)$/u.exec(
      name.trim(),
    );
  if (d && isDemonym(d[1]!)) return { rest: d[2]!, countries: countriesIn(d[1]!) };
  return { rest: name.trim(), countries: [] };
}

/**
 * Significant words: leading article, possessive country prefix and generic trailing words
 * (TV, Inc., Group, .org ...) removed. "KBS TV" and "KBS" both give ["kbs"].
 */
export function coreWords(name: string): string[] {
  const words = orgWords(stripCountryPrefix(name).rest);
  while (words.length > 0 && words[0] === "the") words.shift();
  while (words.length > 1 && GENERIC_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words;
}

/** The acronym that initials of a name's significant words give: "National Intelligence Service" -> "NIS". */
export function acronymOf(longName: string): string {
  return orgWords(stripCountryPrefix(longName).rest)
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/**
 * True when `acronym` can be read off the initials of `longName`: every significant word gives its first
 * letter in order; stopwords (of, the, and ...) may give theirs or not ("VOA" and "VA" both fit
 * "Voice of America"); hyphenated words may give one letter or one per part. A leading possessive
 * country ("South Korea's") and trailing generic words may be left out.
 */
export function acronymMatches(acronym: string, longName: string): boolean {
  const letters = acronym.replace(/[.\s]/g, "").toLowerCase();
  if (letters.length < 2 || !looksLikeAcronym(acronym)) return false;
  const variants = [orgWords(stripCountryPrefix(longName).rest), coreWords(longName)];
  for (const words of variants) {
    if (words.length < 2) continue;
    if (words.length === 1 && words[0] === letters) continue;
    if (matchInitials(letters, 0, words, 0)) return true;
  }
  return false;
}

function matchInitials(letters: string, li: number, words: string[], wi: number): boolean {
  if (wi === words.length) return li === letters.length;
  const w = words[wi]!;
  const parts = w.split("-").filter((p) => p.length > 0);
  if (STOPWORDS.has(w)) {
    if (matchInitials(letters, li, words, wi + 1)) return true;
    return li < letters.length && letters[li] === w[0] && matchInitials(letters, li + 1, words, wi + 1);
  }
  if (li >= letters.length) return false;
  if (letters[li] === w[0] && matchInitials(letters, li + 1, words, wi + 1)) return true;
  if (parts.length > 1) {
    let k = li;
    for (const p of parts) {
      if (letters[k] !== p[0]) return false;
      k++;
    }
    return matchInitials(letters, k, words, wi + 1);
  }
  return false;
}

/** Words in front of a name that say the thing is NOT that organization ("posing as Lazarus Group"). */
const NOT_THE_SAME = new Set([
  "as",
  "posing",
  "like",
  "impersonating",
  "fake",
  "not",
  "than",
  "copycat",
  "former",
  "rival",
  "unlike",
  "by",
  "of",
  "against",
]);

/** "Unit 121", "Bureau 121", "PLA Unit 61398": a designator word and a number. */
const DESIGNATORS = new Set(["unit", "bureau", "department", "office", "division", "lab", "room", "general"]);

function designatorNumber(words: string[]): string | undefined {
  const num = words.find((w) => /^\d+$/.test(w));
  if (!num) return undefined;
  return words.some((w) => DESIGNATORS.has(w)) ? num : undefined;
}

/** True when a one-word camel-case name is built from the beginnings of a longer name's words. */
export function clippedCompound(short: string, long: string): boolean {
  const t = short.trim();
  if (/\s/.test(t)) return false;
  const segs = t.match(/\p{Lu}\p{Ll}+|\p{Lu}+(?!\p{Ll})/gu);
  if (!segs || segs.length < 2 || segs.join("") !== t) return false;
  const words = orgWords(stripCountryPrefix(long).rest).filter((w) => !STOPWORDS.has(w));
  if (words.length < 2) return false;
  // The first segment begins the first word; each further segment begins a later word.
  if (!words[0]!.startsWith(segs[0]!.toLowerCase()) || words[0] === segs[0]!.toLowerCase()) return false;
  let wi = 1;
  for (const seg of segs.slice(1)) {
    const low = seg.toLowerCase();
    while (wi < words.length && !words[wi]!.startsWith(low)) wi++;
    if (wi === words.length) return false;
    wi++;
  }
  return true;
}

/** Kinds of evidence that two organization names designate one organization. */
export type OrgNameRelation =
  | "identical" // same after case and punctuation folding
  | "core" // same once generic suffixes and country prefixes are dropped ("KBS" / "KBS TV")
  | "acronym" // one is the acronym of the other ("NIS" / "National Intelligence Service")
  | "clipped" // a clipped compound of the other ("MetService" / "Meteorological Service ...")
  | "described" // one is the other with a description in front ("British ... company Travelex")
  | "designator" // unit words with the same number ("Unit 121" / "Bureau 121")
  | "head" // one is the other's head ("intelligence committee" / "intelligence committee of ...")
  | "description" // a description that fits the named organization ("Seoul's spy agency" / NIS)
  | "different";

export interface OrgNameComparison {
  relation: OrgNameRelation;
  score: number;
  reason: string;
  /** Countries the names themselves point at ("South Korea's ..."), each side. */
  countriesA: string[];
  countriesB: string[];
}

/** Concept classes for descriptions: a description fits a name when it shares its concepts. */
const CONCEPTS: Record<string, string> = {
  spy: "intelligence",
  spies: "intelligence",
  intelligence: "intelligence",
  espionage: "intelligence",
  agency: "agency",
  service: "agency",
  bureau: "agency",
  office: "agency",
  police: "police",
  broadcaster: "media",
  broadcasting: "media",
  television: "media",
  tv: "media",
  radio: "media",
  newspaper: "media",
  outlet: "media",
  bank: "bank",
  banking: "bank",
  company: "company",
  firm: "company",
  corporation: "company",
  committee: "committee",
  assembly: "parliament",
  parliament: "parliament",
  congress: "parliament",
  ministry: "ministry",
  department: "ministry",
  army: "military",
  military: "military",
  unit: "unit",
  provider: "company",
  operator: "company",
  exchange: "company",
  institution: "institution",
};

function concepts(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const c = CONCEPTS[w];
    if (c) out.add(c);
  }
  return out;
}

/** The concept classes of a name's words ("Seoul's spy agency" gives intelligence and agency). */
export function conceptsOf(name: string): string[] {
  return [...concepts(orgWords(stripCountryPrefix(name).rest))].sort();
}

/** A description rather than a name: all words lowercase, or a country possessive then lowercase words. */
export function isDescription(name: string): boolean {
  const { rest } = stripCountryPrefix(name.trim());
  const words = rest.replace(/^the\s+/i, "").split(/\s+/);
  return words.length > 0 && words.every((w) => !/^\p{Lu}/u.test(w) || /^(?:IT|US|U\.S\.)$/.test(w));
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function endsWith(long: string[], short: string[]): boolean {
  return (
    short.length > 0 && long.length > short.length && same(long.slice(long.length - short.length), short)
  );
}

function startsWith(long: string[], short: string[]): boolean {
  return short.length > 0 && long.length > short.length && same(long.slice(0, short.length), short);
}

/**
 * Compare two organization (or threat-actor) names by their words alone; country evidence is returned
 * for the caller to weigh (see `acronymScore`).
 */
export function compareOrgNames(a: string, b: string): OrgNameComparison {
  const ca = stripCountryPrefix(a);
  const cb = stripCountryPrefix(b);
  const countriesA = ca.countries;
  const countriesB = cb.countries;
  const base = { countriesA, countriesB };
  const wa = orgWords(a);
  const wb = orgWords(b);
  const fa = wa.filter((w) => w !== "the");
  const fb = wb.filter((w) => w !== "the");
  if (fa.join("") === fb.join("") && fa.length > 0)
    return { ...base, relation: "identical", score: 1, reason: `same name: ${a}` };
  const ka = coreWords(a);
  const kb = coreWords(b);
  if (ka.length > 0 && ka.join(" ") === kb.join(" ")) {
    const reason =
      countriesA.length + countriesB.length > 0
        ? `same name without the country in front: ${ka.join(" ")}`
        : `same name without generic words: ${ka.join(" ")}`;
    return { ...base, relation: "core", score: 0.93, reason };
  }
  for (const [short, long, sw, lw] of [
    [a, b, ka, kb],
    [b, a, kb, ka],
  ] as const) {
    if (looksLikeAcronym(short) && acronymMatches(short, long))
      return {
        ...base,
        relation: "acronym",
        score: 0.8,
        reason: `${short.trim()} is the acronym of ${long.trim()}`,
      };
    // "British foreign exchange company Travelex" ends with "Travelex": a description in front.
    if (!isDescription(short) && endsWith(lw, sw)) {
      const frontCount = lw.length - sw.length;
      const rawFront = stripCountryPrefix(long)
        .rest.replace(/^the\s+/i, "")
        .split(/[^\p{L}\p{N}'&’]+/u)
        .filter((w) => w.length > 0)
        .slice(0, frontCount);
      const front = lw.slice(0, frontCount);
      if (
        !front.some((w) => NOT_THE_SAME.has(w)) &&
        rawFront.every((w) => /^[\p{Ll}\p{N}]/u.test(w) || /^(?:IT|US|UK)$/.test(w))
      )
        return {
          ...base,
          relation: "described",
          score: 0.9,
          reason: `${long.trim()} is ${short.trim()} with a description in front`,
        };
    }
    // "intelligence committee" / "intelligence committee of South Korea's National Assembly".
    if (startsWith(lw, sw) && lw[sw.length] !== undefined && STOPWORDS.has(lw[sw.length]!))
      return {
        ...base,
        relation: "head",
        score: 0.7,
        reason: `${short.trim()} is the head of ${long.trim()}`,
      };
  }
  // "MetService" / "Meteorological Service of New Zealand": a one-word clipped compound whose
  // capitalized segments begin the name's significant words in order.
  for (const [short, long] of [
    [a, b],
    [b, a],
  ] as const) {
    if (clippedCompound(short, long))
      return {
        ...base,
        relation: "clipped",
        score: 0.8,
        reason: `${short.trim()} is a clipped form of ${long.trim()}`,
      };
  }
  const na = designatorNumber(wa);
  if (na !== undefined && na === designatorNumber(wb))
    return { ...base, relation: "designator", score: 0.8, reason: `same unit number ${na}: ${a} / ${b}` };
  // Descriptions: "Seoul's spy agency" fits "National Intelligence Service"; "the committee" fits
  // "intelligence committee". Every concept of the description must be among the name's concepts.
  for (const [desc, named, cd, cn] of [
    [a, b, countriesA, countriesB],
    [b, a, countriesB, countriesA],
  ] as const) {
    if (!isDescription(desc)) continue;
    const dWords = orgWords(stripCountryPrefix(desc).rest).filter((w) => !STOPWORDS.has(w));
    const nWords = orgWords(stripCountryPrefix(named).rest);
    const dc = concepts(dWords);
    const nc = concepts(nWords);
    const headD = dWords[dWords.length - 1];
    const headN = nWords[nWords.findIndex((w) => STOPWORDS.has(w)) - 1] ?? nWords[nWords.length - 1];
    const conceptsFit = dc.size > 0 && [...dc].every((c) => nc.has(c));
    const stem = (w: string) => w.replace(/(?<=\p{L}{3})s$/u, "");
    const nStems = nWords.map(stem);
    const headFits =
      headD !== undefined &&
      headN !== undefined &&
      stem(headD) === stem(headN) &&
      dWords.every((w) => nStems.includes(stem(w)));
    if (conceptsFit || headFits) {
      if (cd.length > 0 && cn.length > 0 && !cd.some((c) => cn.includes(c))) continue;
      return {
        ...base,
        relation: "description",
        score: 0.6,
        reason: `"${desc.trim()}" describes ${named.trim()}`,
      };
    }
  }
  return { ...base, relation: "different", score: 0, reason: "different names" };
}

/**
 * Score of an acronym or other organization-name relation once country context is known: countries
 * in common raise it (NIS and South Korea's National Intelligence Service, both South Korean), disjoint
 * countries lower it (South Korea's NIS is not another country's NIS).
 */
export function acronymScore(
  acronym: string,
  longName: string,
  countriesA: string[],
  countriesB: string[],
): { score: number; reason: string } {
  if (!acronymMatches(acronym, longName))
    return { score: 0, reason: `${acronym} is not an acronym of ${longName}` };
  const ctxA = [...new Set([...countriesA, ...stripCountryPrefix(acronym).countries])];
  const ctxB = [...new Set([...countriesB, ...stripCountryPrefix(longName).countries])];
  if (ctxA.length > 0 && ctxB.length > 0) {
    const shared = ctxA.filter((c) => ctxB.includes(c));
    if (shared.length > 0)
      return {
        score: 0.95,
        reason: `${acronym} is the acronym of ${longName}, both in ${shared.join(", ")}`,
      };
    return {
      score: 0.3,
      reason: `${acronym} is the acronym of ${longName}, but countries differ (${ctxA.join(", ")} / ${ctxB.join(", ")})`,
    };
  }
  return { score: 0.8, reason: `${acronym} is the acronym of ${longName}` };
}
