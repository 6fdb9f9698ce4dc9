/**
 * Propositions: claims about the same thing grouped across documents, with their independent
 * sources and lineage. Entity–entity claims group by subject, predicate and object; entity–value
 * claims by subject and predicate when their values agree (same figure within tolerance, overlapping
 * dates, equal words); both only at compatible times. Polarity is not part of the key: an assertion
 * and a denial are one proposition in conflict.
 *
 * Independence: a proposition's sources are its distinct original speakers; a claim in the author's
 * voice counts as its outlet's own voice, once per outlet, unless the same report attributes it to a
 * speaker (the author then relays that speaker); near-duplicate documents (a syndicated
 * copy) are one story, whose outlet voice is the original's. Hand-written: this is Dossier's own
 * model of circular reporting, which no library provides.
 */
import { createHash } from "node:crypto";
import { parsePersonName, personKey } from "../resolve/names.js";
import { findConflictsIn } from "./conflicts.js";
import { gradeAll } from "./grade.js";
import { nearDuplicateGroups } from "./minhash.js";
import { outletChain, statement } from "./text.js";
import type { ClaimJson, CrosscheckOptions, DocInfo, LineageEntry, Proposition, Source } from "./types.js";
import {
  claimTime,
  figureOf,
  foldText,
  spanOf,
  spanOfWhen,
  spansCompatible,
  valueClass,
  valuesCompatible,
} from "./values.js";

export interface StoryIndex {
  /** Document id → the id of the first document of its story (itself when it has no copy). */
  storyOf: Map<string, string>;
  docById: Map<string, DocInfo>;
  /** Folded names of every outlet, to recognize an outlet quoted as a speaker. */
  outlets: Set<string>;
}

function byPublished(a: DocInfo | undefined, b: DocInfo | undefined): number {
  const pa = a?.published ?? "9999";
  const pb = b?.published ?? "9999";
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

export function storyIndex(claims: ClaimJson[], docs: DocInfo[]): StoryIndex {
  const docById = new Map(docs.map((d) => [d.id, d]));
  const storyOf = new Map<string, string>();
  for (const group of nearDuplicateGroups(docs)) {
    // The original is the earliest published (input order on a tie).
    const sorted = [...group].sort((a, b) => byPublished(docById.get(a), docById.get(b)));
    for (const id of group) storyOf.set(id, sorted[0]!);
  }
  for (const d of docs) if (!storyOf.has(d.id)) storyOf.set(d.id, d.id);
  const outlets = new Set<string>();
  for (const d of docs) if (d.publisher) outlets.add(foldText(d.publisher));
  for (const c of claims) if (c.publisher) outlets.add(foldText(c.publisher));
  return { storyOf, docById, outlets };
}

function publisherOf(c: ClaimJson, idx: StoryIndex): string | null {
  return c.publisher ?? idx.docById.get(c.document.id)?.publisher ?? null;
}

/** The independent voice behind a claim. */
export function sourceKey(c: ClaimJson, idx: StoryIndex): string {
  // A speaker who relays a briefing is not its source: the briefer is.
  const voice = c.origin ?? c.speaker;
  if (voice) {
    const f = foldText(voice.name);
    if (idx.outlets.has(f)) return `outlet:${f}`;
    // One person under two romanizations ("Kim Heung-Kwang", "Kim Hung-kwang") not yet merged.
    if (voice.type === "person" && parsePersonName(voice.name).given.length > 0)
      return `person:${personKey(voice.name)}`;
    return voice.id;
  }
  const story = idx.storyOf.get(c.document.id) ?? c.document.id;
  const original = idx.docById.get(story);
  const pub = original?.publisher ?? publisherOf(c, idx);
  return pub ? `outlet:${foldText(pub)}` : `doc:${story}`;
}

function sourceLabel(c: ClaimJson, idx: StoryIndex): string {
  if (c.origin) return c.origin.name;
  if (c.speaker) return c.speaker.name;
  const story = idx.storyOf.get(c.document.id) ?? c.document.id;
  const pub = idx.docById.get(story)?.publisher ?? publisherOf(c, idx);
  return `${pub ?? c.document.title ?? c.document.id} (author)`;
}

function whenCompatible(a: string | null, b: string | null): boolean {
  const sa = spanOfWhen(a);
  const sb = spanOfWhen(b);
  return !sa || !sb || spansCompatible(sa, sb);
}

function groupKey(c: ClaimJson): string {
  const base = `${c.subject.id}|${c.predicate}`;
  if (c.object) return `${base}|o:${c.object.id}`;
  if (!c.value) return `${base}|none`;
  const cls = valueClass(c.value);
  if (cls === "numeric") return `${base}|n:${figureOf(c.value)?.unit ?? ""}`;
  return `${base}|${cls}`;
}

function valueId(c: ClaimJson): string {
  if (c.object) return c.object.id;
  if (!c.value) return "";
  const f = figureOf(c.value);
  if (f) return `${f.unit ?? ""}:${f.lo}`;
  const s = spanOf(c.value);
  if (s) return `${s.start}`;
  return foldText(c.value.text);
}

export function hashId(prefix: string, parts: string[]): string {
  return `${prefix}${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 12)}`;
}

/** Claims in a stable order: by publication, document, position. */
function ordered(claims: ClaimJson[]): ClaimJson[] {
  return claims
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        (a.c.published ?? "9999").localeCompare(b.c.published ?? "9999") ||
        a.c.document.id.localeCompare(b.c.document.id) ||
        a.c.start - b.c.start ||
        a.i - b.i,
    )
    .map((x) => x.c);
}

/** Groups claims into propositions (ungraded; see `groupPropositions`). */
export function buildPropositions(claims: ClaimJson[], idx: StoryIndex): Proposition[] {
  const groups = new Map<string, ClaimJson[][]>();
  for (const c of ordered(claims)) {
    const key = groupKey(c);
    const clusters = groups.get(key) ?? [];
    const home = clusters.find((cl) =>
      cl.every(
        (m) =>
          whenCompatible(claimTime(m), claimTime(c)) &&
          (c.object !== null || valuesCompatible(m.value, c.value)),
      ),
    );
    if (home) home.push(c);
    else clusters.push([c]);
    groups.set(key, clusters);
  }
  const out: Proposition[] = [];
  for (const clusters of groups.values()) {
    for (const members of clusters) {
      const first = members[0]!;
      const sources = new Map<string, Source>();
      const lineage: LineageEntry[] = [];
      for (const c of members) {
        // An author who writes it in the same report that attributes it to a speaker relays that
        // speaker: the claim joins the speaker's source instead of adding the outlet's own voice.
        const relayed = c.speaker
          ? undefined
          : members.find((m) => m.speaker && m.document.id === c.document.id && m.polarity === c.polarity);
        const key = sourceKey(relayed ?? c, idx);
        const pub = publisherOf(c, idx);
        let s = sources.get(key);
        if (!s) {
          s = {
            key,
            speaker: (relayed ?? c).speaker
              ? { id: (relayed ?? c).speaker!.id, name: (relayed ?? c).speaker!.name }
              : null,
            label: sourceLabel(relayed ?? c, idx),
            outlets: [],
            documents: [],
            claims: [],
            polarities: [],
            hedged: true,
          };
          sources.set(key, s);
        }
        if (pub && !s.outlets.includes(pub)) s.outlets.push(pub);
        if (!s.documents.includes(c.document.id)) s.documents.push(c.document.id);
        s.claims.push(c.id);
        if (!s.polarities.includes(c.polarity)) s.polarities.push(c.polarity);
        if (!c.hedged) s.hedged = false;
        const doc = idx.docById.get(c.document.id);
        lineage.push({
          claim: c.id,
          speaker: c.speaker ? { id: c.speaker.id, name: c.speaker.name } : null,
          via: outletChain(c),
          document: {
            id: c.document.id,
            title: c.document.title ?? doc?.title ?? null,
            publisher: pub,
            published: c.published ?? doc?.published ?? null,
          },
          story: idx.storyOf.get(c.document.id) ?? c.document.id,
        });
      }
      const list = [...sources.values()];
      const pos = list.filter((s) => s.polarities.includes("positive")).length;
      const neg = list.filter((s) => s.polarities.includes("negative")).length;
      const stance = neg > pos ? "negative" : "positive";
      const when = members.map(claimTime).find((w): w is string => !!w) ?? null;
      out.push({
        id: hashId("p", [first.subject.id, first.predicate, valueId(first), when ?? ""]),
        subject: first.subject,
        predicate: first.predicate,
        object: first.object,
        value: first.value,
        when,
        stance,
        statement: statement(first.subject, first.predicate, first.object, first.value, stance),
        claims: members.map((m) => m.id),
        sources: list,
        independentSources: stance === "positive" ? pos : neg,
        opposingSources: stance === "positive" ? neg : pos,
        lineage,
        grade: { reliability: "F", credibility: 6, code: "F6", reasons: [] },
      });
    }
  }
  return out;
}

/**
 * Groups claims into propositions with their independent sources, lineage and Admiralty grade.
 * `docs` gives the texts for near-duplicate detection and the outlets; a claim whose document is
 * not among them is its own story.
 */
export function groupPropositions(
  claims: ClaimJson[],
  docs: DocInfo[],
  options: CrosscheckOptions = {},
): Proposition[] {
  const idx = storyIndex(claims, docs);
  const props = buildPropositions(claims, idx);
  const conflicts = findConflictsIn(props, claims);
  gradeAll(props, conflicts, claims, options);
  return props;
}
