/**
 * The working view of a document for the claim patterns: body sentences ("units", a sentence cut
 * at boilerplate), each as a sequence of items, words and mention slots, and a masked string of
 * them ("the @3:actor was established in @7:date") that the lexical patterns match against.
 * Hand-written: dependency parsing is not available offline, and masking mentions lets every
 * pattern be a short regular expression over words and typed slots.
 */
import type { Doc, Mention, Range, SpanLabel } from "../model/types.js";
import { capitalCountry } from "./coref.js";
import type { ArgRef, CorefResult } from "./types.js";
import { bodyOf, fold, isValueLabel } from "./util.js";

export interface Slot {
  /** Index into CorefResult.mentions. */
  mention: number;
  start: number;
  end: number;
  label: SpanLabel;
  /** The entity as named (a capital stays a place). */
  ref: ArgRef;
  /** The entity as an agent (a capital stands for its country: "Pyongyang accessed"). */
  agent: ArgRef;
  code: string;
  source: string;
  attrs?: Mention["attrs"];
  /** For a description such as "Russia's military intelligence agency": the country it belongs to. */
  owner?: ArgRef;
}

export interface Item extends Range {
  /** What the item is in the masked string: a lower-cased word or "@<item>:<code>". */
  word: string;
  slot?: Slot;
}

export interface Unit extends Range {
  index: number;
  sentence: number;
  items: Item[];
  masked: string;
  /** Start of each item in `masked`. */
  offsets: number[];
  /** True when a line break separates this unit from the previous one. */
  paragraphStart: boolean;
}

const CODES: Partial<Record<SpanLabel, string>> = {
  person: "person",
  organization: "org",
  "threat-actor": "actor",
  country: "country",
  location: "loc",
  sector: "sector",
  malware: "malware",
  tool: "tool",
  vulnerability: "vuln",
  campaign: "campaign",
  "attack-pattern": "pattern",
  indicator: "indicator",
  date: "date",
  quantity: "qty",
  money: "money",
};

export function argOf(coref: CorefResult, idx: number): ArgRef {
  const m = coref.mentions[idx]!;
  const chainId = coref.chainOf[idx] ?? -1;
  if (chainId < 0) return { mention: idx, text: m.text, label: m.label, start: m.start, end: m.end };
  const chain = coref.chains[chainId]!;
  return {
    mention: chain.head,
    text: chain.text,
    label: chain.label,
    start: m.start,
    end: m.end,
    ...(chain.canonical ? { canonical: chain.canonical } : {}),
  };
}

function agentOf(coref: CorefResult, idx: number, ref: ArgRef): ArgRef {
  const m = coref.mentions[idx]!;
  const country = capitalCountry(m);
  if (!country || m.source.startsWith("coref:")) return ref;
  const chain = coref.chains.find(
    (c) => c.label === "country" && c.members.length > 0 && fold(c.canonical ?? c.text) === fold(country),
  );
  if (chain) {
    const head = coref.mentions[chain.head]!;
    return {
      mention: chain.head,
      text: head.text,
      canonical: chain.canonical ?? country,
      label: "country",
      start: m.start,
      end: m.end,
    };
  }
  return { mention: idx, text: country, canonical: country, label: "country", start: m.start, end: m.end };
}

function wordOf(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
}

/** Units of the body with their items; mentions that overlap are resolved longest first. */
export function buildUnits(doc: Doc, coref: CorefResult): Unit[] {
  const body = bodyOf(doc);
  const units: Unit[] = [];
  const byStart = coref.mentions
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start) || a.m.start - b.m.start);
  doc.sentences.forEach((s, sIdx) => {
    for (const b of body) {
      const start = Math.max(s.start, b.start);
      const end = Math.min(s.end, b.end);
      if (end <= start || !doc.text.slice(start, end).trim()) continue;
      // Trim whitespace so that the unit (and every quote) starts and ends on text.
      let st = start;
      let en = end;
      while (st < en && /\s/.test(doc.text[st]!)) st++;
      while (en > st && /\s/.test(doc.text[en - 1]!)) en--;
      const chosen: { m: Mention; i: number }[] = [];
      for (const c of byStart) {
        if (c.m.start < st || c.m.end > en) continue;
        if (chosen.some((o) => o.m.start < c.m.end && c.m.start < o.m.end)) continue;
        chosen.push(c);
      }
      chosen.sort((a, b) => a.m.start - b.m.start);
      const items: Item[] = [];
      let k = 0;
      const toks = doc.tokens.filter((t) => t.end > st && t.start < en);
      let pos = st;
      for (const t of toks) {
        if (t.end <= pos) continue;
        let tStart = Math.max(t.start, pos);
        while (k < chosen.length && chosen[k]!.m.end <= tStart) k++;
        const c = chosen[k];
        if (c && c.m.start < t.end) {
          if (c.m.start > tStart)
            items.push({ start: tStart, end: c.m.start, word: wordOf(doc.text.slice(tStart, c.m.start)) });
          const ref = argOf(coref, c.i);
          const agent = agentOf(coref, c.i, ref);
          const cap = capitalCountry(c.m) && !c.m.source.startsWith("coref:");
          const code = cap ? "capital" : c.m.source === "coref:group" ? "grp" : (CODES[ref.label] ?? "other");
          const slot: Slot = {
            mention: c.i,
            start: c.m.start,
            end: c.m.end,
            label: c.m.label,
            ref,
            agent,
            code,
            source: c.m.source,
            ...(c.m.attrs ? { attrs: c.m.attrs } : {}),
          };
          if (c.m.source === "coref:description") {
            const inner = coref.mentions.findIndex(
              (o) =>
                o.start === c.m.start &&
                o.end < c.m.end &&
                (o.label === "country" || capitalCountry(o) !== null) &&
                /^['’]s\s/.test(doc.text.slice(o.end, o.end + 3)),
            );
            if (inner >= 0) slot.owner = agentOf(coref, inner, argOf(coref, inner));
          }
          items.push({ start: c.m.start, end: c.m.end, word: "", slot });
          pos = c.m.end;
          k++;
          if (t.end > pos && !isValueLabel(c.m.label)) {
            tStart = pos;
            items.push({ start: tStart, end: t.end, word: wordOf(doc.text.slice(tStart, t.end)) });
            pos = t.end;
          }
          continue;
        }
        items.push({ start: tStart, end: t.end, word: wordOf(doc.text.slice(tStart, t.end)) });
        pos = t.end;
      }
      const offsets: number[] = [];
      let masked = "";
      items.forEach((it, idx) => {
        if (it.slot) it.word = `@${idx}:${it.slot.code}`;
        offsets.push(masked.length);
        masked += `${it.word} `;
      });
      const prev = units[units.length - 1];
      const gap = prev ? doc.text.slice(prev.end, st) : "\n";
      units.push({
        index: units.length,
        sentence: sIdx,
        start: st,
        end: en,
        items,
        masked,
        offsets,
        paragraphStart: gap.includes("\n") || !prev,
      });
    }
  });
  return units;
}

/** Item index at a masked-string offset. */
export function itemAt(unit: Unit, offset: number): number {
  let lo = 0;
  let hi = unit.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (unit.offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The slot a masked "@12:code" names. */
export function slotOf(unit: Unit, masked: string | undefined): Slot | undefined {
  if (!masked) return undefined;
  const m = /^@(\d+):/.exec(masked);
  return m ? unit.items[Number(m[1])]?.slot : undefined;
}

/** Character range of masked-string range [from, to). */
export function charRange(unit: Unit, from: number, to: number): Range {
  const a = itemAt(unit, from);
  const b = itemAt(unit, Math.max(from, to - 1));
  return { start: unit.items[a]!.start, end: unit.items[b]!.end };
}

const CLASSES: Record<string, string> = {
  AGENT: "country|capital|actor|org|grp",
  ACTOR: "country|capital|actor|grp",
  PLACE: "loc|country|capital",
  VICTIM: "org|sector|country|capital|loc",
  PERSON: "person",
  ORG: "org|actor",
  WEAPON: "malware|tool|pattern|vuln|indicator",
  EVENT: "campaign|malware|actor",
  SPEAKER: "person|org|country|capital|actor|grp",
  DATE: "date",
  QTY: "qty",
  MONEY: "money",
  ANY: "[a-z]+",
};
const WORD = String.raw`(?:(?!@)[^\s;,]+|@\d+:(?:date|qty|money))`;
const WORDC = String.raw`(?:(?!@)[^\s;]+|@\d+:(?:date|qty|money))`;

/**
 * Compiles a pattern over masked strings: `<S:AGENT>` a named slot of a class, `<AGENT>` an unnamed
 * one, `~N ` up to N words (no slots but values, no commas), `~cN ` the same with commas.
 */
export function rx(template: string, flags = "d"): RegExp {
  const src = template
    .replace(
      /(?<!\?)<([A-Za-z|]+)>/g,
      (_, cls: string) =>
        `@\\d+:(?:${cls
          .split("|")
          .map((c) => CLASSES[c] ?? c)
          .join("|")})`,
    )
    .replace(
      /<(\w+):([A-Za-z|]+)>/g,
      (_, name: string, cls: string) =>
        `(?<${name}>@\\d+:(?:${cls
          .split("|")
          .map((c) => CLASSES[c] ?? c)
          .join("|")}))`,
    )
    .replace(/~c(\d+) /g, (_, n: string) => `(?:${WORDC} ){0,${n}}`)
    .replace(/~(\d+) /g, (_, n: string) => `(?:${WORD} ){0,${n}}`);
  return new RegExp(src, flags.includes("g") ? flags : `${flags}g`);
}
