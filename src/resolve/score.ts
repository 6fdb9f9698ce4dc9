/**
 * Pairwise evidence that two entity candidates are one entity, and clustering of candidates into
 * entities with automatic merges above AUTO_MERGE and reviewable suggestions between SUGGEST and
 * AUTO_MERGE.
 *
 * Hand-written, store-independent and deterministic: the evidence is a handful of named rules (name
 * equality after folding, romanization folding, acronyms, descriptions, shared roles, affiliations,
 * countries and co-occurring entities), each contributing a plain-language reason that the merge audit
 * log and `dossier merges` show. A probabilistic record-linkage library would give scores without
 * reasons an analyst can check.
 *
 * Hard rules: a person is never merged with an organization, a country never with a location, and a
 * cluster never holds two people with different full names (Kim Jong Un, Youmi Kim and Kim Heung-kwang
 * stay three people even when a bare "Kim" fits each of them).
 */
import {
  acronymScore,
  compareOrgNames,
  conceptsOf,
  coreWords,
  isDescription,
  looksLikeAcronym,
  orgWords,
  stripCountryPrefix,
} from "./acronyms.js";
import { countriesIn, countryCode } from "./countries.js";
import { foldName } from "./keys.js";
import { comparePersonNames, isSurnameOnly, nameParts, surnameClasses } from "./names.js";

export interface CandidateContext {
  /** Titles and positions ("former professor of computer science"). */
  roles: string[];
  /** Organizations or actors the candidate belongs to, leads or works for. */
  affiliations: string[];
  /** Countries the candidate is linked to: names or ISO alpha-2 codes. */
  countries: string[];
  /** Names of other entities mentioned with it. */
  coEntities: string[];
}

export interface Candidate {
  name: string;
  type: string;
  aliases: string[];
  /** Document ids the candidate is named in. */
  documents: string[];
  context: CandidateContext;
}

/** Merge without asking at or above this score. */
export const AUTO_MERGE = 0.9;
/** Suggest a merge (with score and reasons) at or above this score, below AUTO_MERGE. */
export const SUGGEST = 0.6;

/** The kind of name evidence that decided a pair. */
export type PairRelation =
  | "identical"
  | "romanization"
  | "similar"
  | "initials"
  | "core"
  | "acronym"
  | "clipped"
  | "described"
  | "designator"
  | "head"
  | "description"
  | "surname-only"
  | "single-name"
  | "shared-surname"
  | "incompatible-types"
  | "different";

export interface PairScore {
  /** 0..1. */
  score: number;
  /** Plain-language reasons, strongest first. */
  reasons: string[];
  relation: PairRelation;
  /** True when the pair must never end in one cluster (different people, incompatible types). */
  cannotLink: boolean;
  /**
   * True when one side only makes sense inside a document (a bare surname, a description, the head of
   * a longer name): such a pair merges only when it is the only fit in a shared document.
   */
  dependent: boolean;
}

const DEPENDENT: ReadonlySet<PairRelation> = new Set(["surname-only", "description", "head"]);

function typeCompatibility(a: string, b: string): { ok: boolean; penalty: number; reason?: string } {
  if (a === b) return { ok: true, penalty: 0 };
  const pair = new Set([a, b]);
  if (pair.has("organization") && pair.has("threat-actor"))
    return { ok: true, penalty: 0.05, reason: `types differ (${a} / ${b}) but are compatible` };
  if (pair.has("malware") && pair.has("tool"))
    return { ok: true, penalty: 0.05, reason: `types differ (${a} / ${b}) but are compatible` };
  if (pair.has("country") && pair.has("location"))
    return { ok: false, penalty: 1, reason: "a country and a location are never merged" };
  if (pair.has("person"))
    return {
      ok: false,
      penalty: 1,
      reason: `a person and a${/^[aeiou]/.test(a === "person" ? b : a) ? "n" : ""} ${a === "person" ? b : a} are never merged`,
    };
  return { ok: false, penalty: 1, reason: `types differ: ${a} / ${b}` };
}

function namesOf(c: Candidate): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of [c.name, ...c.aliases]) {
    const t = n.replace(/\s+/g, " ").trim();
    if (t.length === 0) continue;
    const k = t.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/** Countries of a candidate: its context (names or codes) and those its names carry ("South Korea's ..."). */
export function candidateCountries(c: Candidate): string[] {
  const out = new Set<string>();
  for (const x of c.context.countries) {
    if (/^[A-Z]{2}$/.test(x)) out.add(x);
    else for (const code of countriesIn(x)) out.add(code);
  }
  if (c.type !== "country" && c.type !== "location")
    for (const n of namesOf(c)) for (const code of stripCountryPrefix(n).countries) out.add(code);
  return [...out].sort();
}

interface NameEvidence {
  score: number;
  relation: PairRelation;
  reason: string;
}

function personEvidence(a: Candidate, b: Candidate): { best: NameEvidence; cannotLink: boolean } {
  let best: NameEvidence = { score: 0, relation: "different", reason: "different names" };
  let fullPairs = 0;
  let fullMatches = 0;
  let sharedSurnameReason: string | undefined;
  for (const x of namesOf(a)) {
    for (const y of namesOf(b)) {
      const c = comparePersonNames(x, y);
      const bothFull = !isSurnameOnly(x, "person") && !isSurnameOnly(y, "person");
      if (bothFull) {
        fullPairs++;
        if (c.score > 0) fullMatches++;
        if (c.relation === "shared-surname") sharedSurnameReason ??= c.reason;
      }
      if (c.score > best.score)
        best = { score: c.score, relation: c.relation as PairRelation, reason: c.reason };
    }
  }
  // Two different full names are two people; a shared surname alone never links them.
  const cannotLink = fullPairs > 0 && fullMatches === 0;
  if (cannotLink && sharedSurnameReason)
    best = { score: 0, relation: "shared-surname", reason: sharedSurnameReason };
  return { best, cannotLink };
}

function orgEvidence(a: Candidate, b: Candidate, ca: string[], cb: string[]): NameEvidence {
  let best: NameEvidence = { score: 0, relation: "different", reason: "different names" };
  for (const x of namesOf(a)) {
    for (const y of namesOf(b)) {
      const c = compareOrgNames(x, y);
      let ev: NameEvidence = { score: c.score, relation: c.relation as PairRelation, reason: c.reason };
      if (c.relation === "acronym") {
        const [short, long] = x.length <= y.length ? [x, y] : [y, x];
        const s = acronymScore(short, long, x === short ? ca : cb, x === short ? cb : ca);
        ev = { score: s.score, relation: "acronym", reason: s.reason };
      }
      if (ev.score > best.score) best = ev;
    }
  }
  return best;
}

/** ISO codes a country candidate's names give ("North Korean", "DPRK", "Pyongyang" give KP). */
function countryCodesOf(c: Candidate): Set<string> {
  const out = new Set<string>();
  for (const n of namesOf(c)) {
    const code = countryCode(n) ?? (countriesIn(n).length === 1 ? countriesIn(n)[0] : undefined);
    if (code) out.add(code);
  }
  return out;
}

function otherEvidence(a: Candidate, b: Candidate): NameEvidence {
  if (a.type === "country" && b.type === "country") {
    const ca = countryCodesOf(a);
    const shared = [...countryCodesOf(b)].filter((c) => ca.has(c));
    if (shared.length > 0)
      return { score: 0.95, relation: "core", reason: `same country: ${shared.join(", ")}` };
  }
  const compareCore = a.type !== "country" && a.type !== "location" && a.type !== "indicator";
  let best: NameEvidence = { score: 0, relation: "different", reason: "different names" };
  for (const x of namesOf(a)) {
    for (const y of namesOf(b)) {
      if (foldName(x) === foldName(y)) return { score: 1, relation: "identical", reason: `same name: ${x}` };
      if (compareCore) {
        const kx = coreWords(x).join(" ");
        if (kx.length > 0 && kx === coreWords(y).join(" ") && best.score < 0.93)
          best = { score: 0.93, relation: "core", reason: `same name without generic words: ${kx}` };
      }
    }
  }
  return best;
}

const ROLE_STOP = new Set([
  "of",
  "the",
  "a",
  "an",
  "and",
  "former",
  "ex",
  "for",
  "in",
  "at",
  "to",
  "senior",
  "deputy",
]);

function overlap(xs: string[], ys: string[], same: (x: string, y: string) => boolean): string[] {
  const out: string[] = [];
  for (const x of xs) if (ys.some((y) => same(x, y)) && !out.includes(x)) out.push(x);
  return out;
}

function sameOrg(x: string, y: string): boolean {
  if (foldName(x) === foldName(y)) return true;
  return compareOrgNames(x, y).score >= 0.8;
}

/**
 * How likely two candidates are one entity, with the reasons. Type incompatibility and different
 * full person names give `cannotLink`; context (roles, affiliations, countries, co-occurring entities)
 * raises or lowers a score that the names started, and never creates one from nothing.
 */
export function scorePair(a: Candidate, b: Candidate): PairScore {
  const types = typeCompatibility(a.type, b.type);
  if (!types.ok)
    return {
      score: 0,
      reasons: [types.reason ?? "incompatible types"],
      relation: "incompatible-types",
      cannotLink: true,
      dependent: false,
    };
  const ca = candidateCountries(a);
  const cb = candidateCountries(b);
  let ev: NameEvidence;
  let cannotLink = false;
  if (a.type === "person" || b.type === "person") {
    const p = personEvidence(a, b);
    ev = p.best;
    cannotLink = p.cannotLink;
  } else if (
    ["organization", "threat-actor"].includes(a.type) &&
    ["organization", "threat-actor"].includes(b.type)
  ) {
    ev = orgEvidence(a, b, ca, cb);
  } else {
    ev = otherEvidence(a, b);
  }
  const reasons = [ev.reason];
  if (ev.score <= 0 || cannotLink)
    return { score: 0, reasons, relation: ev.relation, cannotLink, dependent: false };

  let score = ev.score - types.penalty;
  if (types.reason) reasons.push(types.reason);
  const dependent = DEPENDENT.has(ev.relation);

  // One sense per discourse: inside one document a short form and a long form are one thing more often.
  const sharedDocs = a.documents.filter((d) => b.documents.includes(d));
  if (sharedDocs.length > 0 && ev.score < 0.93) {
    score += 0.1;
    reasons.push(`both named in document ${sharedDocs[0]}`);
  }

  // Countries: the acronym rule already weighed them.
  if (ev.relation !== "acronym" && ca.length > 0 && cb.length > 0) {
    const shared = ca.filter((c) => cb.includes(c));
    if (shared.length > 0) {
      score += 0.05;
      reasons.push(`both linked to ${shared.join(", ")}`);
    } else {
      // People move (a North Korean defector lives in Seoul): for them it is weak evidence.
      score -= a.type === "person" ? 0.05 : 0.3;
      reasons.push(`linked to different countries (${ca.join(", ")} / ${cb.join(", ")})`);
      // Organizations of different countries are different organizations, except that one full name
      // seen in two countries stays a suggestion (a multinational, a mislabelled context).
      if (a.type !== "person")
        cannotLink = ev.relation !== "identical" || namesOf(a).some((n) => looksLikeAcronym(n));
    }
  } else if (ev.relation === "acronym" && ca.length > 0 && cb.length > 0 && !ca.some((c) => cb.includes(c))) {
    cannotLink = true;
  }

  const affs = overlap(a.context.affiliations, b.context.affiliations, sameOrg);
  if (affs.length > 0) {
    score += Math.min(0.2, 0.1 * affs.length);
    for (const x of affs) reasons.push(`shares affiliation ${x}`);
  }
  const roleWords = (rs: string[]) =>
    rs.flatMap((r) => orgWords(r).filter((w) => !ROLE_STOP.has(w) && w.length > 2));
  const roles = overlap(roleWords(a.context.roles), roleWords(b.context.roles), (x, y) => x === y);
  if (roles.length > 0) {
    score += Math.min(0.1, 0.05 * roles.length);
    reasons.push(`shares role ${roles.join(", ")}`);
  }
  const selfA = new Set(namesOf(a).map(foldName));
  const selfB = new Set(namesOf(b).map(foldName));
  const co = overlap(
    a.context.coEntities.filter((x) => !selfB.has(foldName(x))),
    b.context.coEntities.filter((x) => !selfA.has(foldName(x))),
    (x, y) => foldName(x) === foldName(y),
  );
  if (co.length > 0) {
    score += Math.min(0.1, 0.03 * co.length);
    reasons.push(
      `named with ${co.slice(0, 3).join(", ")}${co.length > 3 ? ` and ${co.length - 3} more` : ""} in both`,
    );
  }

  // A bare surname, a description or a head noun merges only as the single fit inside a document
  // (see clusterEntities), never on its own score; across documents it is at most a suggestion.
  if (dependent) score = Math.min(score, sharedDocs.length > 0 ? AUTO_MERGE - 0.01 : SUGGEST - 0.01);
  // One-word person names ("Guccifer", "DeBolt"), near-miss spellings and initials are at most a
  // suggestion, whatever the context: two people must never merge without an analyst.
  if (ev.relation === "single-name" || ev.relation === "similar" || ev.relation === "initials")
    score = Math.min(score, AUTO_MERGE - 0.01);
  score = Math.max(0, Math.min(1, score));
  return { score: Math.round(score * 1000) / 1000, reasons, relation: ev.relation, cannotLink, dependent };
}

export interface ClusterOptions {
  autoMerge?: number;
  suggest?: number;
  /**
   * Attach a bare surname, a description or a head noun to the only cluster that fits it in a
   * document they share (default true). Two fits leave it alone, with suggestions.
   */
  attachWithinDocument?: boolean;
}

export interface PairSuggestion {
  a: number;
  b: number;
  score: number;
  reasons: string[];
}

export interface ClusterResult {
  /** Candidate indices per cluster, each sorted, clusters ordered by their first index. */
  clusters: number[][];
  /** Pairs between SUGGEST and AUTO_MERGE whose candidates ended in different clusters (best per cluster pair). */
  suggestions: PairSuggestion[];
  /** The pairs that caused each automatic merge, with their reasons (for the audit log). */
  merges: PairSuggestion[];
}

/** Whether a name is a proper name (an anchor) rather than a bare surname or a description. */
function isNamed(c: Candidate): boolean {
  if (c.type === "person") return !isSurnameOnly(c.name, "person");
  if (c.type === "organization" || c.type === "threat-actor") return !isDescription(c.name);
  return true;
}

/**
 * Words too common in organization names to compare every pair that shares them (blocks of hundreds
 * in a large store). Pairs that only share such a word still meet through initials, numbers or
 * concepts ("the committee" and "intelligence committee").
 */
const COMMON_WORDS = new Set([
  "the",
  "of",
  "and",
  "for",
  "in",
  "on",
  "group",
  "team",
  "inc",
  "corp",
  "ltd",
  "co",
  "company",
  "national",
  "international",
  "service",
  "services",
  "agency",
  "news",
  "org",
  "com",
]);

/** Blocking keys: only candidates that share one are compared. */
function blockingKeys(c: Candidate): string[] {
  const keys = new Set<string>();
  if (c.type === "country") for (const code of countryCodesOf(c)) keys.add(`cc:${code}`);
  for (const n of namesOf(c)) {
    keys.add(`f:${foldName(n)}`);
    if (c.type === "person") {
      // Every part may be the surname ("Youmi Kim", "Kim Youmi"); spellings of one surname share a key.
      for (const part of nameParts(n)) for (const k of surnameClasses(part)) keys.add(`s:${k}`);
      continue;
    }
    const words = orgWords(n);
    for (const w of words) if (w.length >= 2 && !COMMON_WORDS.has(w)) keys.add(`w:${w}`);
    const initials = words
      .filter((w) => !["of", "the", "and", "for", "in", "on"].includes(w))
      .map((w) => w[0]);
    if (initials.length >= 2) keys.add(`w:${initials.join("")}`);
    const withStops = words.map((w) => w[0]).join("");
    if (withStops.length >= 2) keys.add(`w:${withStops}`);
    const core = stripCountryPrefix(n).rest;
    const coreInitials = orgWords(core)
      .filter((w) => !["of", "the", "and", "for", "in", "on"].includes(w))
      .map((w) => w[0])
      .join("");
    if (coreInitials.length >= 2) keys.add(`w:${coreInitials}`);
    if (/^\d+$/.test(words[words.length - 1] ?? "")) keys.add(`n:${words[words.length - 1]}`);
    // Camel-case segments meet clipped forms ("MetService" and "Meteorological Service").
    for (const seg of n.match(/\p{Lu}\p{Ll}+/gu) ?? []) keys.add(`w:${seg.toLowerCase()}`);
    // Descriptions ("Seoul's spy agency") meet names through their concepts (intelligence, agency).
    for (const k of conceptsOf(n)) keys.add(`c:${k}`);
  }
  return [...keys];
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Cluster candidates into entities. Pairs at or above `autoMerge` merge (strongest first) unless the
 * merge would put two candidates that cannot link (different full person names, incompatible types)
 * in one cluster; then bare surnames, descriptions and head nouns join the only cluster that fits them
 * in a shared document. Pairs between `suggest` and `autoMerge` left in different clusters are
 * returned as suggestions.
 */
export function clusterEntities(candidates: Candidate[], opts: ClusterOptions = {}): ClusterResult {
  const auto = opts.autoMerge ?? AUTO_MERGE;
  const suggest = opts.suggest ?? SUGGEST;
  const attach = opts.attachWithinDocument ?? true;
  const n = candidates.length;

  const cache = new Map<string, PairScore>();
  const pairScore = (i: number, j: number): PairScore => {
    const [x, y] = i < j ? [i, j] : [j, i];
    const key = `${x},${y}`;
    let s = cache.get(key);
    if (!s) {
      s = scorePair(candidates[x]!, candidates[y]!);
      cache.set(key, s);
    }
    return s;
  };

  // Blocking: compare only candidates that share a key.
  const blocks = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    for (const k of blockingKeys(c)) {
      const list = blocks.get(k) ?? [];
      list.push(i);
      blocks.set(k, list);
    }
  });
  const pairKeys = new Set<string>();
  for (const list of blocks.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) pairKeys.add(`${list[x]},${list[y]}`);
  const scored: { i: number; j: number; s: PairScore }[] = [];
  for (const key of [...pairKeys].sort()) {
    const [i, j] = key.split(",").map(Number) as [number, number];
    const s = pairScore(i, j);
    if (s.score > 0) scored.push({ i, j, s });
  }
  // Order of merging: evidence inside one document first, then full names across documents, then
  // short forms (acronyms) across documents, each by score. Clusters built on firmer evidence carry
  // their countries and names into the checks that the ambiguous short forms must pass (a bare
  // "NIS" elsewhere does not pull South Korea's NIS into another country's).
  const tier = (i: number, j: number, s: PairScore): number => {
    const a = candidates[i]!;
    const b = candidates[j]!;
    if (a.documents.some((d) => b.documents.includes(d))) return 0;
    const shortForm =
      s.relation === "acronym" ||
      (s.relation === "identical" && looksLikeAcronym(a.name) && looksLikeAcronym(b.name));
    return shortForm ? 2 : 1;
  };
  const tiers = new Map(scored.map((p) => [`${p.i},${p.j}`, tier(p.i, p.j, p.s)]));
  const tierOf = (p: { i: number; j: number }) => tiers.get(`${p.i},${p.j}`)!;
  scored.sort((p, q) => tierOf(p) - tierOf(q) || q.s.score - p.s.score || p.i - q.i || p.j - q.j);

  const uf = new UnionFind(n);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) members.set(i, [i]);
  /** The first pair that must not end in one cluster, with its reason; undefined when none. */
  const conflict = (ra: number, rb: number): string | undefined => {
    for (const x of members.get(ra)!)
      for (const y of members.get(rb)!) {
        const s = pairScore(x, y);
        if (s.cannotLink)
          return `not merged: it would join ${candidates[x]!.name} and ${candidates[y]!.name} (${s.reasons[0]})`;
      }
    return undefined;
  };
  let lastConflict: string | undefined;
  const join = (i: number, j: number): boolean => {
    const ra = uf.find(i);
    const rb = uf.find(j);
    if (ra === rb) return false;
    lastConflict = conflict(ra, rb);
    if (lastConflict) return false;
    uf.union(ra, rb);
    const root = uf.find(ra);
    const merged = [...members.get(ra)!, ...members.get(rb)!];
    members.delete(ra);
    members.delete(rb);
    members.set(root, merged);
    return true;
  };

  const merges: PairSuggestion[] = [];
  const blocked: PairSuggestion[] = [];
  for (const { i, j, s } of scored) {
    if (s.score < auto) continue;
    if (join(i, j)) merges.push({ a: i, b: j, score: s.score, reasons: s.reasons });
    else if (uf.find(i) !== uf.find(j))
      blocked.push({
        a: i,
        b: j,
        score: s.score,
        reasons: [...s.reasons, lastConflict ?? "not merged"],
      });
  }

  if (attach) {
    const dependentPairs = scored.filter(
      ({ i, j, s }) =>
        s.dependent && candidates[i]!.documents.some((d) => candidates[j]!.documents.includes(d)),
    );
    const anchored = (root: number) => members.get(root)!.some((m) => isNamed(candidates[m]!));
    // Round 1: clusters without a proper name join the single named cluster that fits them.
    const fits = new Map<number, Map<number, { i: number; j: number; s: PairScore }>>();
    const collect = (wantAnchoredTarget: boolean) => {
      fits.clear();
      for (const p of dependentPairs) {
        const ri = uf.find(p.i);
        const rj = uf.find(p.j);
        if (ri === rj) continue;
        for (const [from, to] of [
          [ri, rj],
          [rj, ri],
        ] as const) {
          if (anchored(from) || anchored(to) !== wantAnchoredTarget) continue;
          const m = fits.get(from) ?? new Map<number, { i: number; j: number; s: PairScore }>();
          const prev = m.get(to);
          if (!prev || prev.s.score < p.s.score) m.set(to, p);
          fits.set(from, m);
        }
      }
    };
    collect(true);
    for (const [from, targets] of [...fits.entries()].sort((x, y) => x[0] - y[0])) {
      if (targets.size !== 1) continue;
      const [to, p] = [...targets.entries()][0]!;
      if (join(from, to))
        merges.push({
          a: p.i,
          b: p.j,
          score: p.s.score,
          reasons: [...p.s.reasons, "the only fit in a document they share"],
        });
    }
    // Round 2: descriptions with no named fit ("the attacked company", "South Korean IT company") join
    // when they form a group in which every one fits every other and none fits anything outside.
    collect(false);
    const seen = new Set<number>();
    for (const start of [...fits.keys()].sort((x, y) => x - y)) {
      if (seen.has(start)) continue;
      const group: number[] = [];
      const stack = [start];
      while (stack.length > 0) {
        const x = stack.pop()!;
        if (seen.has(x)) continue;
        seen.add(x);
        group.push(x);
        for (const y of fits.get(x)?.keys() ?? []) if (!seen.has(y)) stack.push(y);
      }
      if (group.length < 2) continue;
      const clique = group.every((x) => group.every((y) => x === y || fits.get(x)?.has(y)));
      if (!clique) continue;
      for (const x of group.slice(1)) {
        const p = fits.get(group[0]!)!.get(x)!;
        if (join(group[0]!, x))
          merges.push({
            a: p.i,
            b: p.j,
            score: p.s.score,
            reasons: [...p.s.reasons, "descriptions that fit only each other in a document they share"],
          });
      }
    }
  }

  // Suggestions: best pair per pair of final clusters, between the thresholds.
  const best = new Map<string, PairSuggestion>();
  for (const s of [
    ...scored
      .filter((p) => p.s.score >= suggest && p.s.score < auto)
      .map((p) => ({ a: p.i, b: p.j, score: p.s.score, reasons: p.s.reasons })),
    ...blocked,
  ]) {
    const ra = uf.find(s.a);
    const rb = uf.find(s.b);
    if (ra === rb) continue;
    const key = ra < rb ? `${ra},${rb}` : `${rb},${ra}`;
    const prev = best.get(key);
    if (!prev || prev.score < s.score) best.set(key, s);
  }
  const suggestions = [...best.values()].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);

  const clusters = [...members.values()].map((m) => m.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
  return { clusters, suggestions, merges };
}
