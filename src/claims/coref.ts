/**
 * Coreference within one news document, good enough for attribution and claims:
 * - names: repeated names, surname-only mentions ("Kim" → the last "Kim Heung-Kwang"), acronyms
 *   ("NIS" → "National Intelligence Service") and short forms ("KBS" → "KBS TV") join one chain;
 * - descriptions: "the former professor", "a former professor who trained them" (by the roles seen
 *   with each person, before or after), "the committee", "the company", "Seoul's spy agency" (the
 *   intelligence agency of that country), "the hackers" (the last "<country> hackers"), "the North";
 * - pronouns: he/she to persons; it/its to organizations, actors, countries (capitals as their
 *   country); they/their to groups ("North Korean hackers", "the hackers") and actors. A pronoun
 *   that opens a sentence prefers the subject of the previous sentence, otherwise the most recent
 *   compatible antecedent wins.
 * Hand-written: no coreference model runs offline in Node, and news prose of this kind is regular
 * enough for these rules (Hobbs-style recency with a subject preference).
 */
import type { Doc, Mention, Range, SpanLabel } from "../model/types.js";
import {
  CAPITALS,
  GROUP_NOUNS,
  PERSON_PRONOUNS,
  PLURAL_PRONOUNS,
  SINGULAR_PRONOUNS,
  TITLES,
} from "./lexicon.js";
import type { CorefChain, CorefResult } from "./types.js";
import { bodyOf, fold, insideBody, isValueLabel, overlaps, sentenceIndexAt } from "./util.js";

const AGENT_LABELS = new Set<SpanLabel>([
  "organization",
  "threat-actor",
  "country",
  "malware",
  "tool",
  "campaign",
]);
const STOP_INITIALS = new Set(["of", "the", "and", "for", "on", "in", "de"]);

/** The country a capital mention stands for, or null. */
export function capitalCountry(m: Mention): string | null {
  if (m.label !== "location") return null;
  return CAPITALS[fold(m.canonical ?? m.text)] ?? CAPITALS[fold(m.text)] ?? null;
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && !STOP_INITIALS.has(w.toLowerCase()) && /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join("");
}

function nameTokens(text: string): string[] {
  return fold(text).split(" ").filter(Boolean);
}

interface Builder {
  doc: Doc;
  mentions: Mention[];
  chainOf: number[];
  chains: CorefChain[];
  /** Chains standing for a country through a capital ("Pyongyang" as agent), by country name. */
  countryChains: Map<string, number>;
}

function newChain(b: Builder, idx: number, label: SpanLabel, canonical?: string): number {
  const m = b.mentions[idx]!;
  const id = b.chains.length;
  b.chains.push({ id, head: idx, label, text: m.text, members: [idx], ...(canonical ? { canonical } : {}) });
  return id;
}

function join(b: Builder, chain: number, idx: number): void {
  b.chains[chain]!.members.push(idx);
  b.chainOf[idx] = chain;
}

/** Key of a named mention: same key, same entity. */
function nameKey(m: Mention): string {
  const group = m.label === "country" ? "country" : m.label;
  return `${group}|${fold(m.canonical ?? m.text)}`;
}

function linkNames(b: Builder, order: number[]): void {
  const byKey = new Map<string, number>();
  for (const i of order) {
    const m = b.mentions[i]!;
    const key = nameKey(m);
    let chain = byKey.get(key);
    if (chain === undefined && m.label === "person") chain = surnameChain(b, i, order);
    if (chain === undefined && (m.label === "organization" || m.label === "threat-actor"))
      chain = shortFormChain(b, m);
    if (chain === undefined) {
      chain = newChain(b, i, m.label, m.canonical);
      b.chainOf[i] = chain;
    } else join(b, chain, i);
    byKey.set(key, chain);
  }
  // A surname seen before its full name: join it to the full name that follows.
  for (const c of b.chains) {
    if (c.label !== "person" || nameTokens(c.text).length !== 1 || c.members.length === 0) continue;
    const first = c.members[0]!;
    const target = surnameChain(b, first, order, true);
    if (target !== undefined && target !== c.id) {
      for (const mm of c.members) join(b, target, mm);
      c.members = [];
    }
  }
  for (const c of b.chains) {
    if (c.members.length === 0) continue;
    // Head: the longest name (full name over surname, "National Intelligence Service" over "NIS").
    const head = [...c.members].sort(
      (x, y) =>
        Number(isProper(b.mentions[y]!)) - Number(isProper(b.mentions[x]!)) ||
        Number(Boolean(b.mentions[y]!.canonical)) - Number(Boolean(b.mentions[x]!.canonical)) ||
        b.mentions[y]!.text.length - b.mentions[x]!.text.length ||
        x - y,
    )[0]!;
    c.head = head;
    c.text = b.mentions[head]!.text;
    if (b.mentions[head]!.canonical) c.canonical = b.mentions[head]!.canonical;
  }
}

/** A mention that is the entity's own name ("China", not "Chinese" or "Beijing"). */
function isProper(m: Mention): boolean {
  return m.canonical !== undefined && fold(m.canonical) === fold(m.text);
}

/** The chain of the full name a one-word person name is the surname (or given name) of. */
function surnameChain(b: Builder, idx: number, order: number[], forward = false): number | undefined {
  const m = b.mentions[idx]!;
  const toks = nameTokens(m.text);
  if (toks.length !== 1) return undefined;
  const word = toks[0]!;
  let best: number | undefined;
  for (const j of order) {
    if (j === idx) continue;
    const o = b.mentions[j]!;
    if (o.label !== "person" || b.chainOf[j] === undefined || b.chainOf[j]! < 0) continue;
    const ot = nameTokens(o.text);
    if (ot.length < 2 || (ot[0] !== word && ot[ot.length - 1] !== word)) continue;
    if (!forward && o.start < m.start) best = b.chainOf[j]; // the most recent before
    if (forward && o.start > m.start) return b.chainOf[j];
  }
  return best;
}

/** "NIS" for "National Intelligence Service", "KBS" for "KBS TV". */
function shortFormChain(b: Builder, m: Mention): number | undefined {
  const t = m.text.trim();
  for (let c = b.chains.length - 1; c >= 0; c--) {
    const ch = b.chains[c]!;
    if (ch.label !== m.label && !(ch.label === "organization" && m.label === "threat-actor")) continue;
    const head = b.mentions[ch.head]!.text;
    if (/^[A-Z]{2,6}$/.test(t) && initials(head) === t) return c;
    const hw = nameTokens(head);
    const mw = nameTokens(t);
    if (mw.length < hw.length && mw.every((w, k) => hw[k] === w)) return c;
    if (hw.length < mw.length && hw.every((w, k) => mw[k] === w)) return c;
  }
  return undefined;
}

const COPULA_BEFORE = /\b(?:is|was|were|are|became|become|as|been|be)\s+$/i;
const TITLE_ALT = [...TITLES].sort((a, b) => b.length - a.length).join("|");

/** Role words seen with each person chain: appositions, copulas, titles before the name, defection. */
function collectRoles(b: Builder, persons: number[]): Map<number, Set<string>> {
  const roles = new Map<number, Set<string>>();
  const text = b.doc.text;
  const add = (chain: number, w: string) => {
    const set = roles.get(chain) ?? new Set<string>();
    set.add(w.toLowerCase());
    roles.set(chain, set);
  };
  const after = new RegExp(
    String.raw`^(?:\s*,\s*|\s+(?:is|was|has been|had been|served as|became|works as|worked as)\s+)(?:a |an |the )?(?:former |ex-|senior |top |chief )?(?:[\p{L}-]+ ){0,3}?(${TITLE_ALT})\b`,
    "iu",
  );
  const before = new RegExp(String.raw`\b(${TITLE_ALT})\s+$`, "iu");
  for (const i of persons) {
    const m = b.mentions[i]!;
    const chain = b.chainOf[i]!;
    const sIdx = sentenceIndexAt(b.doc, m.start);
    const sent = sIdx >= 0 ? b.doc.sentences[sIdx]! : { start: m.start, end: m.end };
    const tail = text.slice(m.end, sent.end);
    const head = text.slice(Math.max(sent.start, m.start - 40), m.start);
    // A title inside the name: "Colonel Anton Dorn", "President Barack Obama".
    for (const word of m.text.toLowerCase().split(/\s+/)) if (TITLES.has(word)) add(chain, word);
    const a = after.exec(tail);
    if (a) add(chain, a[1]!);
    const p = before.exec(head);
    if (p) add(chain, p[1]!);
    if (/\b(?:defect(?:ed|ion|or)|fled)\b/i.test(tail.slice(0, 80))) add(chain, "defector");
  }
  return roles;
}

/** The mention's chain, seen as an agent: a capital stands for its country. */
function agentChain(b: Builder, idx: number): number {
  const m = b.mentions[idx]!;
  const country = capitalCountry(m);
  if (!country) return b.chainOf[idx]!;
  const existing = b.chains.find(
    (c) => c.label === "country" && c.members.length > 0 && fold(c.canonical ?? c.text) === fold(country),
  );
  if (existing) return existing.id;
  let id = b.countryChains.get(country);
  if (id === undefined) {
    id = b.chains.length;
    b.chains.push({ id, head: idx, label: "country", text: m.text, canonical: country, members: [] });
    b.countryChains.set(country, id);
  }
  return id;
}

function addMention(b: Builder, range: Range, chain: number, source: string, confidence: number): number {
  const c = b.chains[chain]!;
  const idx = b.mentions.length;
  b.mentions.push({
    start: range.start,
    end: range.end,
    text: b.doc.text.slice(range.start, range.end),
    label: c.label,
    source,
    canonical: c.canonical ?? c.text,
    confidence,
  });
  b.chainOf.push(chain);
  c.members.push(idx);
  return idx;
}

/** The word after a mention (lower case), skipping nothing. */
function wordAfter(text: string, end: number): string {
  return /^\s*([\p{L}'’-]+)/u.exec(text.slice(end, end + 40))?.[1]?.toLowerCase() ?? "";
}

/** A mention used as a group of people: "North Korean hackers", "Bureau 121 operatives", "North Koreans". */
function isGroupUse(b: Builder, idx: number): boolean {
  const m = b.mentions[idx]!;
  if (m.source === "coref:group") return true;
  if (m.label !== "country" && m.label !== "threat-actor" && m.label !== "organization") return false;
  const next = wordAfter(b.doc.text, m.end);
  if (GROUP_NOUNS.has(next)) return true;
  // "North Korean hacking organizations", "Chinese and North Korean soldiers"
  const two = /^\s*[\p{L}-]+\s+([\p{L}-]+)/u.exec(b.doc.text.slice(m.end, m.end + 40))?.[1]?.toLowerCase();
  if (
    two &&
    GROUP_NOUNS.has(two) &&
    /^\s*(?:hacking|cyber|military|state|intelligence|and)\b/i.test(b.doc.text.slice(m.end))
  )
    return true;
  return m.label === "country" && /ans$/i.test(m.text) && m.text !== (m.canonical ?? "");
}

/** An adjective use of a country ("Chinese cities", "North Korean capital"): not a referent for "it". */
function isAdjectival(b: Builder, idx: number): boolean {
  const m = b.mentions[idx]!;
  if (m.label !== "country") return false;
  const canon = m.canonical ?? "";
  if (fold(m.text) === fold(canon)) return false;
  return /^\s+[a-z]/.test(b.doc.text.slice(m.end, m.end + 3));
}

const VERBISH = new Set(
  (
    "is was are were has had have will would can could may might did does do also further said says told " +
    "claims claimed alleged confirmed denied described reported noted added warned quoted gave began started " +
    "began operated set"
  ).split(" "),
);

function looksSubject(b: Builder, idx: number): boolean {
  const m = b.mentions[idx]!;
  const w = wordAfter(b.doc.text, m.end);
  return VERBISH.has(w) || /^[a-z]+ed$/.test(w);
}

type PronounKind = "person" | "singular" | "plural";

function compatible(b: Builder, idx: number, kind: PronounKind): boolean {
  const m = b.mentions[idx]!;
  const chain = b.chainOf[idx];
  if (chain === undefined || chain < 0) return false;
  const label = b.chains[chain]!.label;
  if (kind === "person") return label === "person";
  if (kind === "singular") {
    if (capitalCountry(m)) return true;
    if (!AGENT_LABELS.has(label)) return false;
    if (m.source === "coref:group" || isGroupUse(b, idx) || isAdjectival(b, idx)) return false;
    return true;
  }
  // "Prosecutors", "Investigators": an organization named by a plural common noun.
  const pluralNoun = label === "organization" && /^\p{Lu}?[\p{Ll}-]+s$/u.test(m.text.trim());
  return isGroupUse(b, idx) || label === "threat-actor" || pluralNoun;
}

const EXPLETIVE_NEXT =
  /^\s+(?:appears|appeared|seems|seemed|remains|emerged|turns out|(?:is|was|'s|has been|had been)\s+(?:also\s+|not\s+|now\s+)?(?:known|said|believed|thought|reported|likely|unlikely|possible|impossible|clear|unclear|easy|difficult|hard|important|true|estimated|understood|expected|necessary|time|feared|alleged|suspected)\b)/i;

function isExpletive(text: string, start: number, end: number): boolean {
  if (EXPLETIVE_NEXT.test(text.slice(end, end + 40))) return true;
  return /\b(?:make|makes|made|making|find|found|finds)\s+$/i.test(
    text.slice(Math.max(0, start - 12), start),
  );
}

function resolvePronouns(b: Builder, body: Range[]): void {
  const { doc } = b;
  for (const tok of doc.tokens) {
    const w = tok.text.toLowerCase();
    let kind: PronounKind | null = null;
    if (PERSON_PRONOUNS.has(w)) kind = "person";
    else if (SINGULAR_PRONOUNS.has(w)) kind = "singular";
    else if (PLURAL_PRONOUNS.has(w)) kind = "plural";
    if (!kind || !insideBody(body, tok.start, tok.end)) continue;
    if (b.mentions.some((m) => overlaps(m, tok))) continue;
    if (kind === "singular" && w === "it" && isExpletive(doc.text, tok.start, tok.end)) continue;
    const sIdx = sentenceIndexAt(doc, tok.start);
    if (sIdx < 0) continue;
    const windowStart = doc.sentences[Math.max(0, sIdx - 2)]!.start;
    const cands = b.mentions
      .map((m, i) => ({ m, i }))
      .filter(({ m, i }) => m.end <= tok.start && m.start >= windowStart && compatible(b, i, kind))
      .sort((x, y) => x.m.start - y.m.start);
    if (cands.length === 0) continue;
    let pick = cands[cands.length - 1]!;
    const sent = doc.sentences[sIdx]!;
    const opensSentence = /^[\s"“‘'(]*$/.test(doc.text.slice(sent.start, tok.start));
    if (opensSentence && sIdx > 0) {
      const prev = doc.sentences[sIdx - 1]!;
      const subj = cands.find(({ m, i }) => m.start >= prev.start && m.end <= prev.end && looksSubject(b, i));
      if (subj) pick = subj;
    }
    addMention(b, tok, agentChain(b, pick.i), "coref:pronoun", 0.7);
  }
}

const PERSON_DESC = new RegExp(
  String.raw`\b(?:the|a|an)\s+(?:former\s+|ex-|senior\s+|top\s+|veteran\s+)?(${TITLE_ALT})\b`,
  "giu",
);
const ORG_DESC =
  /\b(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?:([a-z][a-z-]+)\s+)?(committee|company|firm|agency|ministry|bureau|unit|group|service|center|centre|organization|organisation|party|assembly|council|department|broadcaster|newspaper|outlet|government|network|spy agency)\b/g;
const AGENCY_DESC =
  /['’]s\s+(?:(?:military|foreign|domestic|main|state|civilian|signals|national)\s+)?(?:spy|intelligence|security|secret)\s+(?:agency|service|services|agencies|directorate)\b/g;
const GROUP_DESC = /\b[Tt]he\s+(hackers|operatives|spies|agents|attackers|soldiers|operators)\b/g;
const INTEL_NAME =
  /intelligence|security service|spy|\b(?:NIS|CIA|FSB|GRU|MSS|SVR|NSA|RGB|GCHQ|MI6|BND|DGSE)\b/i;

function nearestMember(
  b: Builder,
  chainIds: Iterable<number>,
  pos: number,
): { chain: number; dist: number } | null {
  let best: { chain: number; dist: number } | null = null;
  for (const c of chainIds) {
    for (const i of b.chains[c]!.members) {
      const m = b.mentions[i]!;
      // Preceding mentions count as nearer than following ones (anaphora before cataphora).
      const dist = m.end <= pos ? pos - m.end : (m.start - pos) * 3;
      if (!best || dist < best.dist) best = { chain: c, dist };
    }
  }
  return best;
}

function resolveDescriptions(b: Builder, body: Range[], roles: Map<number, Set<string>>): void {
  const { doc } = b;
  const text = doc.text;
  const free = (r: Range) => insideBody(body, r.start, r.end) && !b.mentions.some((m) => overlaps(m, r));
  const adds: { range: Range; chain: number; source: string }[] = [];

  for (const m of text.matchAll(PERSON_DESC)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (!free(range)) continue;
    const before = text.slice(Math.max(0, range.start - 20), range.start);
    if (COPULA_BEFORE.test(before) || /,\s*$/.test(before)) continue; // predicate or apposition
    const next = b.mentions.find((o) => o.start >= range.end && o.start <= range.end + 2);
    if (next && next.label === "person") continue; // a title before a name
    const word = m[1]!.toLowerCase();
    const chains = [...roles.entries()].filter(([, set]) => set.has(word)).map(([c]) => c);
    const near = nearestMember(b, chains, range.start);
    if (near) adds.push({ range, chain: near.chain, source: "coref:description" });
  }

  for (const m of text.matchAll(AGENCY_DESC)) {
    // "<country>'s spy agency": the intelligence agency of that country.
    const owner = b.mentions.find((o) => o.end === m.index && (o.label === "country" || capitalCountry(o)));
    if (!owner) continue;
    const range = { start: owner.start, end: m.index + m[0].length };
    if (!insideBody(body, range.start, range.end)) continue;
    const country = fold(capitalCountry(owner) ?? owner.canonical ?? owner.text);
    const agencies = b.chains.filter(
      (c) => c.label === "organization" && c.members.some((i) => INTEL_NAME.test(b.mentions[i]!.text)),
    );
    const ofCountry = agencies.filter((c) =>
      c.members.some((i) => {
        const am = b.mentions[i]!;
        return b.mentions.some(
          (o) =>
            o.end <= am.start &&
            am.start - o.end <= 4 &&
            fold(capitalCountry(o) ?? o.canonical ?? o.text) === country,
        );
      }),
    );
    const pool = ofCountry.length > 0 ? ofCountry : agencies;
    const near = nearestMember(
      b,
      pool.map((c) => c.id),
      range.start,
    );
    if (near) adds.push({ range, chain: near.chain, source: "coref:description" });
  }

  for (const m of text.matchAll(ORG_DESC)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (!free(range) || adds.some((a) => overlaps(a.range, range))) continue;
    const noun = m[2]!.toLowerCase();
    if (noun === "government" || noun === "network") continue;
    const fits = (c: CorefChain) => {
      if (c.label !== "organization" && c.label !== "threat-actor") return false;
      if (noun === "group" || noun === "unit") return c.label === "threat-actor";
      if (noun === "company" || noun === "firm")
        return c.members.some((i) =>
          /company|firm|corp|inc\b|ltd|technolog|software|systems/i.test(b.mentions[i]!.text),
        );
      return c.members.some((i) => b.mentions[i]!.text.toLowerCase().includes(noun.split(" ").pop()!));
    };
    const near = nearestMember(
      b,
      b.chains.filter(fits).map((c) => c.id),
      range.start,
    );
    if (near) adds.push({ range, chain: near.chain, source: "coref:description" });
  }

  for (const m of text.matchAll(GROUP_DESC)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (!free(range)) continue;
    const groups = b.mentions
      .map((o, i) => ({ o, i }))
      .filter(({ o, i }) => o.end <= range.start && b.chainOf[i]! >= 0 && isGroupUse(b, i));
    const last = groups[groups.length - 1];
    if (last) adds.push({ range, chain: agentChain(b, last.i), source: "coref:group" });
  }

  for (const m of text.matchAll(/\bthe (North|South)\b(?!\s+(?:of|and)\b)(?!\s+\p{Lu})/gu)) {
    const range = { start: m.index + 4, end: m.index + m[0].length };
    if (!free(range)) continue;
    const c = b.chains.find(
      (ch) => ch.label === "country" && fold(ch.canonical ?? ch.text).startsWith(m[1]!.toLowerCase()),
    );
    if (c) adds.push({ range, chain: c.id, source: "coref:description" });
  }

  adds.sort((x, y) => x.range.start - y.range.start);
  for (const a of adds) addMention(b, a.range, a.chain, a.source, 0.6);
}

/**
 * Names the mention layer missed: a capitalized word that is the surname (or given name) of a
 * person named in full elsewhere ("Seo" for "Seo Sang-ki"), or the initials of an organization
 * ("NIS" for "National Intelligence Service"), joins that entity's chain.
 */
function recoverShortNames(b: Builder, body: Range[]): void {
  const persons = b.chains.filter((c) => c.label === "person" && nameTokens(c.text).length >= 2);
  const orgs = b.chains.filter((c) => c.label === "organization" || c.label === "threat-actor");
  for (const tok of b.doc.tokens) {
    if (!insideBody(body, tok.start, tok.end)) continue;
    if (b.mentions.some((m) => overlaps(m, tok))) continue;
    let chain: number | undefined;
    let source = "";
    if (/^[A-Z]{2,6}$/.test(tok.text)) {
      const hit = orgs.filter((c) => initials(c.text) === tok.text);
      if (hit.length === 1) {
        chain = hit[0]!.id;
        source = "coref:acronym";
      }
    } else if (/^\p{Lu}\p{Ll}[\p{L}-]*$/u.test(tok.text)) {
      const word = tok.text.toLowerCase();
      const hit = persons.filter((c) => {
        const t = nameTokens(c.text);
        return t[0] === word || t[t.length - 1] === word;
      });
      if (hit.length > 0) {
        const near = nearestMember(
          b,
          hit.map((c) => c.id),
          tok.start,
        );
        if (near) {
          chain = near.chain;
          source = "coref:surname";
        }
      }
    }
    if (chain !== undefined) addMention(b, tok, chain, source, 0.6);
  }
}

/** Coreference over the body of `doc`; the returned mentions extend `doc.mentions`. */
export function resolveCoreference(doc: Doc): CorefResult {
  const body = bodyOf(doc);
  const b: Builder = {
    doc,
    mentions: [...doc.mentions],
    chainOf: doc.mentions.map(() => -1),
    chains: [],
    countryChains: new Map(),
  };
  const order = doc.mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => !isValueLabel(m.label))
    .sort((x, y) => x.m.start - y.m.start)
    .map(({ i }) => i);
  linkNames(b, order);
  const persons = order.filter((i) => doc.mentions[i]!.label === "person");
  const roles = collectRoles(b, persons);
  const added0 = b.mentions.length;
  recoverShortNames(b, body);
  resolveDescriptions(b, body, roles);
  resolvePronouns(b, body);
  // Keep added mentions in text order after doc.mentions (indices of doc.mentions never move).
  const extra = b.mentions
    .slice(added0)
    .map((m, k) => ({ m, chain: b.chainOf[added0 + k]!, old: added0 + k }));
  extra.sort((x, y) => x.m.start - y.m.start);
  const remap = new Map<number, number>();
  extra.forEach((e, k) => {
    remap.set(e.old, added0 + k);
  });
  const mentions = [...b.mentions.slice(0, added0), ...extra.map((e) => e.m)];
  const chainOf = [...b.chainOf.slice(0, added0), ...extra.map((e) => e.chain)];
  for (const c of b.chains) c.members = c.members.map((i) => remap.get(i) ?? i).sort((x, y) => x - y);
  return { mentions, added: extra.length, chainOf, chains: b.chains, roles };
}
