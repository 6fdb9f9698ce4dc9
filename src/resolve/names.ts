/**
 * Comparison of person names across romanization systems, hyphenation, spacing, case and name order.
 *
 * Korean and Chinese names reach English reporting in several romanizations (Revised Romanization,
 * McCune-Reischauer with or without breves, Wade-Giles, pinyin, ad-hoc spellings): "Kim Heung-Kwang",
 * "Kim Hung-kwang", "Kim Heungkwang"; "Park Jin Hyok" / "Pak Jin-hyok". Hand-written because no
 * library does cross-system folding of romanized syllables: a name is split into surname and given
 * name, surnames go through a table of known equivalents (Lee/Yi/Rhee/Ri, Park/Pak/Bak, ...) and
 * given names through phonetic folding of vowels and consonants that the systems write differently
 * (eo/o, eu/u, ae/e, g/k, d/t, b/p, j/ch, r/l, ...). Near misses are graded, never merged: romanized
 * names that differ only in vowels (Kim Il Sung / Kim Il-song) and other names close by Jaro-Winkler
 * (on the folded forms) are suggestions for an analyst.
 *
 * People who only share a surname are never equal: "Kim Jong Un", "Youmi Kim" and "Kim Heung-kwang"
 * compare as different people, and a surname alone ("Kim") is not a name to resolve across documents.
 */

/** Surname equivalence classes: every spelling maps to the first one. */
const SURNAME_CLASSES: string[][] = [
  ["kim", "gim", "kimm"],
  ["lee", "yi", "rhee", "ri", "rhie", "i", "ree", "reigh", "lie", "li"],
  ["park", "pak", "bak", "bahk"],
  ["choi", "choe", "chwe", "choy"],
  ["jeong", "chung", "jung", "chong", "cheong", "jong"],
  ["jeon", "jun", "chon", "chun", "cheon", "jon"],
  ["kang", "gang"],
  ["cho", "jo", "chough"],
  ["yoon", "yun", "youn"],
  ["jang", "chang"],
  ["lim", "im", "rim", "yim"],
  ["han"],
  ["oh", "o"],
  ["seo", "suh", "so", "sur"],
  ["shin", "sin", "shinn"],
  ["kwon", "gwon", "kwun"],
  ["hwang", "whang"],
  ["ahn", "an"],
  ["song"],
  ["ryu", "yu", "yoo", "ryoo", "rhyu"],
  ["hong"],
  ["ko", "go", "koh"],
  ["moon", "mun"],
  ["yang", "ryang"],
  ["son", "sohn"],
  ["bae", "pae", "bai"],
  ["baek", "paek", "paik", "baik", "pek"],
  ["heo", "hur", "huh", "ho"],
  ["nam"],
  ["noh", "no", "roh", "ro"],
  ["ha"],
  ["min"],
  ["cha"],
  ["chae", "chai"],
  ["woo", "u"],
  ["koo", "ku", "gu"],
  ["na", "ra"],
  ["jin", "chin"],
  ["ju", "joo", "chu"],
  ["won"],
  ["yeo", "yo"],
  ["hyun", "hyon", "hyeon"],
  ["um", "eom", "uhm", "om"],
  // Frequent Chinese surnames in pinyin and Wade-Giles.
  ["wang"],
  ["zhang", "chang"],
  ["liu"],
  ["chen", "chan", "chin"],
  ["zhao", "chao"],
  ["huang", "hwang", "wong"],
  ["zhou", "chou", "chow"],
  ["wu"],
  ["xu", "hsu"],
  ["sun"],
  ["ma"],
  ["zhu", "chu"],
  ["hu"],
  ["guo", "kuo"],
  ["he", "ho"],
  ["gao", "kao"],
  ["lin", "lam"],
  ["luo", "lo"],
  ["zheng", "cheng"],
  ["liang", "leung"],
  ["xie", "hsieh", "tse"],
  ["tang", "tong"],
  ["xi", "hsi"],
  ["mao"],
  ["deng", "teng"],
  ["jiang", "chiang"],
  ["peng", "pang"],
  ["cai", "tsai", "choi"],
  ["yu"],
];

/** Spelling -> canonical spelling of its class (the first class that lists it wins). */
const SURNAME_CANON = new Map<string, string>();
for (const cls of SURNAME_CLASSES) {
  for (const s of cls) {
    if (!SURNAME_CANON.has(s)) SURNAME_CANON.set(s, cls[0]!);
  }
}

/** Spellings that can appear in several classes ("chang": Jang or Zhang); equal if any class is shared. */
const SURNAME_ALL = new Map<string, Set<string>>();
for (const cls of SURNAME_CLASSES) {
  for (const s of cls) {
    const set = SURNAME_ALL.get(s) ?? new Set<string>();
    set.add(cls[0]!);
    SURNAME_ALL.set(s, set);
  }
}

/** Titles and honorifics dropped in front of a person's name. */
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "prof",
  "professor",
  "sir",
  "gen",
  "general",
  "col",
  "colonel",
  "president",
  "chairman",
  "leader",
  "minister",
  "lawmaker",
  "producer",
]);

/** Lowercase ASCII letters of a string: accents, breves and apostrophes removed. */
function plain(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, "");
}

/** The parts of a person's name: words split on spaces, hyphenated syllables kept in one part. */
export function nameParts(name: string): string[] {
  const parts = plain(name)
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .split(/\s+/)
    .map((p) => p.replace(/^-+|-+$/g, ""))
    .filter((p) => p.length > 0);
  while (parts.length > 1 && TITLES.has(parts[0]!)) parts.shift();
  return parts;
}

/** Canonical spelling of a known Korean or Chinese surname, else undefined. */
export function canonicalSurname(part: string): string | undefined {
  return SURNAME_CANON.get(plain(part).replace(/[^a-z]/g, ""));
}

/** Canonical spellings of every surname class a spelling belongs to, else its folded form. */
export function surnameClasses(part: string): string[] {
  const p = plain(part).replace(/[^a-z]/g, "");
  const set = SURNAME_ALL.get(p);
  return set ? [...set].sort() : [foldSyllables(p)];
}

/** True when two surname spellings belong to one equivalence class (or fold to the same form). */
export function surnamesEqual(a: string, b: string): boolean {
  const pa = plain(a).replace(/[^a-z]/g, "");
  const pb = plain(b).replace(/[^a-z]/g, "");
  if (pa === pb) return true;
  const ca = SURNAME_ALL.get(pa);
  const cb = SURNAME_ALL.get(pb);
  if (ca && cb) for (const c of ca) if (cb.has(c)) return true;
  if (!ca && !cb) return foldSyllables(pa) === foldSyllables(pb);
  return false;
}

/**
 * Phonetic folding of romanized syllables: the spellings that Korean and Chinese romanization systems
 * write differently fold to one form. "heung-kwang", "hung-kwang" and "heungkwang" all give "hunkwank".
 */
export function foldSyllables(s: string): string {
  const letters = plain(s).replace(/[^a-z]/g, "");
  const folded = letters.replace(
    /eo|eu|ae|oo|ou|ee|ch|zh|hs|sh|ts|tz|dz|kh|ph|th|g|d|b|r|q|x|w(?=o)/g,
    (m) =>
      ({
        eo: "o",
        eu: "u",
        ae: "e",
        oo: "u",
        ou: "u",
        ee: "i",
        ch: "j",
        zh: "j",
        hs: "s",
        sh: "s",
        ts: "z",
        tz: "z",
        dz: "z",
        kh: "k",
        ph: "p",
        th: "t",
        g: "k",
        d: "t",
        b: "p",
        r: "l",
        q: "j",
        x: "s",
        w: "w",
      })[m] ?? m,
  );
  return folded.replace(/(.)\1+/g, "$1");
}

export interface ParsedName {
  /** All parts, lowercase, accents removed, titles dropped. */
  parts: string[];
  /** The surname part, when the name has one ("kim"); for a one-word name, that word. */
  surname: string;
  /** The given-name parts in written order ("jong", "un"). Empty for a surname-only mention. */
  given: string[];
  /** Where the surname is written. */
  order: "surname-first" | "surname-last" | "single";
  /** True when the surname is a known Korean or Chinese surname. */
  eastAsian: boolean;
}

/**
 * True when a string splits into syllables as Korean and Chinese romanizations write them: an optional
 * onset of at most two consonants, a vowel group, an optional final n, ng, m, l, k, p, t or r
 * ("heungkwang", "jong-un", "jinping", "chin-p'ing"); false for "smith", "joseph", "harvey".
 */
export function isRomanizedSyllables(s: string): boolean {
  const t = plain(s).replace(/[^a-z]/g, "");
  return t.length > 0 && /^(?:[bcdfghjklmnpqrstxz]{0,2}[wy]?[aeiou]{1,3}(?:ng|n|m|l|k|p|t|r)?)+$/.test(t);
}

/** Consonants of a folded given name, glides and vowels dropped: romanizations differ mostly in vowels. */
function skeleton(folded: string): string {
  return folded.replace(/[aeiouwy]/g, "");
}

/**
 * Split a person's name into surname and given name. A known Korean or Chinese surname in first
 * position is read surname-first ("Kim Jong Un"); one in last position surname-last ("Youmi Kim");
 * other names are read surname-last ("Joseph Fitsanakis").
 */
export function parsePersonName(name: string): ParsedName {
  const parts = nameParts(name);
  if (parts.length <= 1) {
    const only = parts[0] ?? "";
    return {
      parts,
      surname: only,
      given: [],
      order: "single",
      eastAsian: canonicalSurname(only) !== undefined,
    };
  }
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  // Surname first only when the rest reads as romanized syllables: "Kim Jong Un", "Xi Jinping", but
  // not "Jon Smith" (Jon is also a Korean surname spelling; "smith" is no romanized syllable).
  if (
    canonicalSurname(first) !== undefined &&
    !first.includes("-") &&
    isRomanizedSyllables(parts.slice(1).join(""))
  ) {
    return { parts, surname: first, given: parts.slice(1), order: "surname-first", eastAsian: true };
  }
  return {
    parts,
    surname: last,
    given: parts.slice(0, -1),
    order: "surname-last",
    eastAsian: canonicalSurname(last) !== undefined,
  };
}

/**
 * True when a mention names a person by surname only ("Kim", "Mr. Seo", "DeBolt"). Such a mention is
 * resolved inside its document by coreference, never across documents by name.
 */
export function isSurnameOnly(name: string, type: string): boolean {
  if (type !== "person") return false;
  return nameParts(name).length === 1;
}

/**
 * Romanization-insensitive key of a person's name: canonical surname and folded given name,
 * "kim|hunkwank" for "Kim Heung-Kwang", "Kim Hung-kwang" and "Kim Heungkwang". Name order does not
 * change the key ("Youmi Kim" and "Kim Youmi" share one).
 */
export function personKey(name: string): string {
  const p = parsePersonName(name);
  const sur = canonicalSurname(p.surname) ?? foldSyllables(p.surname);
  return `${sur}|${foldSyllables(p.given.join(""))}`;
}

/** Jaro similarity of two strings, 0..1. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const usedB = new Array<boolean>(b.length).fill(false);
  const matchA: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!usedB[j] && a[i] === b[j]) {
        usedB[j] = true;
        matchA.push(a[i]!);
        break;
      }
    }
  }
  const m = matchA.length;
  if (m === 0) return 0;
  const matchB: string[] = [];
  for (let j = 0; j < b.length; j++) if (usedB[j]) matchB.push(b[j]!);
  let transpositions = 0;
  for (let k = 0; k < m; k++) if (matchA[k] !== matchB[k]) transpositions++;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), 0..1. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

export type NameRelation =
  | "identical" // same after case and punctuation folding
  | "romanization" // same after romanization folding
  | "similar" // same surname, given names close after folding
  | "initials" // same surname, given name written as initials ("J. Fitsanakis")
  | "surname-only" // one side is a bare surname that equals the other's surname
  | "single-name" // both are the same one-word name that is not a known surname (a handle, a persona)
  | "shared-surname" // both are full names that share only the surname: different people
  | "different";

export interface NameComparison {
  relation: NameRelation;
  /** 0..1: 1 identical, about 0.95 romanization-equal, lower for near misses, 0 different. */
  score: number;
  /** Plain-language reason. */
  reason: string;
}

function display(name: string): string {
  return nameParts(name).join(" ").replace(/-/g, " ");
}

/** Compare two person names. Different people who share a surname give "shared-surname" with score 0. */
export function comparePersonNames(a: string, b: string): NameComparison {
  const pa = parsePersonName(a);
  const pb = parsePersonName(b);
  if (pa.parts.length === 0 || pb.parts.length === 0)
    return { relation: "different", score: 0, reason: "empty name" };
  const flatA = pa.parts.join("").replace(/-/g, "");
  const flatB = pb.parts.join("").replace(/-/g, "");
  const sameSurname = surnamesEqual(pa.surname, pb.surname);
  if (pa.order === "single" || pb.order === "single") {
    if (pa.order === "single" && pb.order === "single" && flatA === flatB) {
      // A known Korean or Chinese surname alone says nothing about who it is. Another single name
      // (a handle or persona: "Guccifer") may be one person: a suggestion, never an automatic merge.
      if (pa.eastAsian)
        return { relation: "surname-only", score: 0.3, reason: `same bare surname "${display(a)}"` };
      return {
        relation: "single-name",
        score: 0.75,
        reason: `same single name "${display(a)}" (no given name)`,
      };
    }
    if (sameSurname)
      return {
        relation: "surname-only",
        score: 0.3,
        reason: `"${pa.order === "single" ? a : b}" is only the surname of "${pa.order === "single" ? b : a}"`,
      };
    return { relation: "different", score: 0, reason: "different names" };
  }
  if (flatA === flatB && pa.order === pb.order)
    return { relation: "identical", score: 1, reason: `same name: ${display(a)}` };
  if (!sameSurname) {
    // Surname-first versus surname-last reading of the same words ("Kim Youmi" / "Youmi Kim") is
    // handled by the key below; anything else with different surnames is a different person.
    return { relation: "different", score: 0, reason: `different surnames: ${pa.surname} / ${pb.surname}` };
  }
  const ga = foldSyllables(pa.given.join(""));
  const gb = foldSyllables(pb.given.join(""));
  if (ga === gb) {
    const swapped = pa.order !== pb.order;
    return {
      relation: "romanization",
      score: swapped ? 0.85 : pa.eastAsian || pb.eastAsian ? 0.95 : 0.88,
      reason: swapped
        ? `same name written in another order: ${display(a)} / ${display(b)}`
        : `same name after romanization folding: ${display(a)}`,
    };
  }
  // Initials: every given part of one side is a single letter matching the other's given parts.
  const ia = pa.given.map((g) => g.replace(/-/g, ""));
  const ib = pb.given.map((g) => g.replace(/-/g, ""));
  const initialsOf = (short: string[], long: string[]) =>
    short.every((s) => s.length === 1) &&
    short.length <= long.length &&
    short.every((s, i) => long[i]![0] === s);
  if (initialsOf(ia, ib) || initialsOf(ib, ia))
    return { relation: "initials", score: 0.7, reason: `same surname, given name as initials: ${a} / ${b}` };
  const jw = jaroWinkler(ga, gb);
  // Romanized names: the systems disagree on vowels (Sung / Song / Seong, Myung / Myong), hardly on
  // consonants, so a near miss must keep every consonant in place (Kim Jong Un and Kim Jong Nam differ).
  const romanized =
    (pa.eastAsian || pb.eastAsian) &&
    isRomanizedSyllables(pa.given.join("")) &&
    isRomanizedSyllables(pb.given.join(""));
  if (
    romanized
      ? skeleton(ga) === skeleton(gb) && skeleton(ga).length > 0
      : jw >= 0.95 && Math.min(ga.length, gb.length) >= 4
  ) {
    return {
      relation: "similar",
      score: romanized ? 0.8 : Math.round((0.6 + (jw - 0.95) * 4) * 100) / 100,
      reason: romanized
        ? `same surname, given names differ only in vowels after romanization folding: ${display(a)} / ${display(b)}`
        : `same surname, given names close (${jw.toFixed(2)}): ${display(a)} / ${display(b)}`,
    };
  }
  return {
    relation: "shared-surname",
    score: 0,
    reason: `share only the surname ${pa.surname}: ${display(a)} and ${display(b)} are different people`,
  };
}

/** True when two person names are the same person by name alone (identical or romanization-equal). */
export function samePersonName(a: string, b: string): boolean {
  const c = comparePersonNames(a, b);
  return c.relation === "identical" || (c.relation === "romanization" && c.score >= 0.9);
}
