/**
 * Test and evaluation helpers: build a `Doc` from text and a list of mention specs found by text,
 * and mentions from the names and aliases of a gold file ("with gold mentions" evaluation).
 * Hand-written: a few lines over the project's own tokenizer.
 */
import type {
  BoilerplateSpan,
  Doc,
  DocumentMetadata,
  Mention,
  SpanAttributes,
  SpanLabel,
} from "../model/types.js";
import { splitSentences, tokenize } from "../text/tokenize.js";

export interface MentionSpec {
  text: string;
  label: SpanLabel;
  canonical?: string;
  attrs?: SpanAttributes;
  /** Which occurrences to mark (0-based); all of them when absent. */
  occurrences?: number[];
}

export interface DocOptions {
  meta?: Partial<DocumentMetadata>;
  /** Texts of boilerplate spans (each occurrence becomes a span). */
  boilerplate?: { text: string; kind?: BoilerplateSpan["kind"] }[];
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Occurrences of `needle` in `text` on word boundaries. */
export function findAll(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (isWordChar(text[at - 1]) || isWordChar(text[at + needle.length])) continue;
    out.push(at);
  }
  return out;
}

/** A Doc over `text` with mentions for each spec (longest specs win where they overlap). */
export function makeDoc(text: string, specs: MentionSpec[], options: DocOptions = {}): Doc {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const boilerplate: BoilerplateSpan[] = [];
  for (const b of options.boilerplate ?? [])
    for (const at of findAll(text, b.text))
      boilerplate.push({ kind: b.kind ?? "caption", start: at, end: at + b.text.length });
  const found: Mention[] = [];
  const ordered = [...specs].sort((a, b) => b.text.length - a.text.length);
  for (const s of ordered) {
    findAll(text, s.text).forEach((at, k) => {
      if (s.occurrences && !s.occurrences.includes(k)) return;
      const m: Mention = {
        start: at,
        end: at + s.text.length,
        text: s.text,
        label: s.label,
        source: "test",
        confidence: 1,
        ...(s.canonical ? { canonical: s.canonical } : {}),
        ...(s.attrs ? { attrs: s.attrs } : {}),
      };
      if (found.some((f) => f.start < m.end && m.start < f.end)) return;
      if (boilerplate.some((b) => b.start < m.end && m.start < b.end)) return;
      found.push(m);
    });
  }
  found.sort((a, b) => a.start - b.start);
  return {
    text,
    meta: { title: null, author: null, publisher: null, published: null, ...options.meta },
    source: "test",
    format: "text",
    boilerplate,
    sentences,
    tokens,
    mentions: found,
  };
}

export interface GoldEntityLike {
  key: string;
  name: string;
  type: string;
  aliases: string[];
}

/**
 * Mention specs from gold entities, as an NER and gazetteer would give them: countries and places
 * carry a canonical name (the gazetteer knows it), other names do not; descriptions ("the committee",
 * "Seoul's spy agency", "the North") and possessive aliases are left to coreference; one-word person
 * aliases ("Kim") become plain person mentions for coreference to resolve. A name that is both a
 * place and an alias of a country ("Pyongyang") is the place.
 */
export function goldMentionSpecs(entities: GoldEntityLike[]): MentionSpec[] {
  const specs = new Map<string, MentionSpec>();
  const place = (t: string) => t === "country" || t === "location";
  for (const e of entities) {
    for (const n of [e.name, ...e.aliases]) {
      // Events ("the 2014 attack on Sony Pictures") and sectors are named by descriptions; for
      // other types a description is coreference's job.
      const described = /^(?:the|a|an)\s+\p{Ll}/u.test(n) || /['’]s\s/u.test(n);
      if (described && e.type !== "campaign" && e.type !== "sector") continue;
      const existing = specs.get(n);
      const isName = n === e.name;
      if (existing && !(isName && existing.label === "country" && e.type === "location")) continue;
      specs.set(n, {
        text: n,
        label: e.type as SpanLabel,
        ...(place(e.type) ? { canonical: e.name } : {}),
      });
    }
  }
  return [...specs.values()];
}
