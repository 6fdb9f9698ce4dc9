/**
 * Attribution: who asserts each sentence. Finds reporting constructions in each unit,
 * "X said/says/told CNN/claimed/alleged/confirmed/denied/warned/noted/added/reported ...",
 * "according to X", "X quoted Y as saying", inverted "..., said Kim.", "<country> officials say",
 * and lets the speaker carry over to following sentences that continue the account (sentences
 * inside a quotation that spans sentences, and sentences of the same paragraph with no reporting
 * construction of their own), unless a sentence introduces a person by full name (the author's
 * voice). `via` chains collect intermediaries ("told CNN", "quoted", "in a meeting with the
 * committee") and end with the publisher.
 * Hand-written: lexical patterns over the masked units (see units.ts).
 */
import type { Doc } from "../model/types.js";
import { DENIAL_VERBS, HEDGING_VERBS, REPORTING_VERBS } from "./lexicon.js";
import type { ArgRef, CorefResult } from "./types.js";
import { charRange, rx, type Slot, slotOf, type Unit } from "./units.js";

export interface Frame {
  unit: number;
  speaker: ArgRef | null;
  /** The speaker's slot in its own unit (absent for carried frames). */
  speakerSlot?: Slot;
  /** Intermediaries named with this frame (before the per-speaker chain and publisher are added). */
  via: ArgRef[];
  /** Character range of the unit that the speaker asserts. */
  contentStart: number;
  contentEnd: number;
  verb: string;
  hedge: boolean;
  denial: boolean;
  rule: string;
  carried: boolean;
}

const VERBS = [...REPORTING_VERBS].join("|");
const ADV =
  "(?:also|further|routinely|previously|later|now|recently|has|have|had|would|publicly|repeatedly|again|then|first|once|earlier|separately|told|has also|had also)";
const OFFICIALS =
  "(?:government |military |intelligence |security |foreign |defense |defence )?(?:officials|authorities|investigators|prosecutors|researchers|analysts|diplomats|sources|ministry)";

// Speaker noun phrases: a mention, "<country> officials", "officials in <country>".
const SPK = `(?:<spk:SPEAKER>(?: ${OFFICIALS})?|${OFFICIALS} (?:in|from|of|at) (?:the )?<spk2:SPEAKER>)`;

const QUOTED = rx(`<via:SPEAKER> quoted ~4 <spk:PERSON|ORG> (?:, [^;]*? , )?as (?:saying|telling|stating)`);
const ACCORDING = rx(`according to ~3 ${SPK}`);
const APPOSITION = rx(
  `<spk:PERSON> , (?:(?!said |says )[^\\s;]+ ){1,14}?, (?:${ADV} ){0,2}(?<verb>${VERBS}) `,
);
const PLAIN = rx(`${SPK} (?:${ADV} ){0,3}(?:not )?(?<verb>${VERBS}) `);
const INVERTED = rx(
  `(?:^|, (?:" )?|" )(?<verb>said|says|added|adds|told|noted|claimed|claims|warned|explained|wrote) (?:the |a |an )?(?:(?!that |although |because |when |if |it |they |he |she |this |there )[a-z-]+ ){0,2}<spk:SPEAKER> `,
);
const TOLD = rx(`^(?:that )?(?:reporters )?(?:to )?<via:SPEAKER|ORG>`);
const MEETING = rx(
  `(?:meeting|briefing|hearing|session|interview|testimony|conversation|talks) (?:with|before|to) (?:the )?~3 <via:ORG|PERSON>`,
);

function frameFrom(
  unit: Unit,
  spk: Slot,
  verb: string,
  rule: string,
  content: { start: number; end: number },
): Frame {
  return {
    unit: unit.index,
    speaker: spk.agent,
    speakerSlot: spk,
    via: [],
    contentStart: content.start,
    contentEnd: content.end,
    verb,
    hedge: HEDGING_VERBS.has(verb),
    denial: DENIAL_VERBS.has(verb),
    rule,
    carried: false,
  };
}

/** The first reporting frame of one unit, if it has one. */
export function unitFrame(unit: Unit): Frame | null {
  return unitFrames(unit)[0] ?? null;
}

/**
 * The reporting frames of one unit in text order. With two constructions ("X denied it, but Y
 * said ..."), each frame's content stops where the next construction starts.
 */
export function unitFrames(unit: Unit): Frame[] {
  const m = unit.masked;
  const whole = { start: unit.start, end: unit.end };
  const after = (idx: number) => ({
    start: Math.min(unit.end, charRange(unit, idx, idx + 1).start),
    end: unit.end,
  });
  const before = (idx: number) => ({
    start: unit.start,
    end: Math.max(unit.start, charRange(unit, idx, idx + 1).start),
  });

  QUOTED.lastIndex = 0;
  const q = QUOTED.exec(m);
  if (q?.groups) {
    const spk = slotOf(unit, q.groups.spk)!;
    const via = slotOf(unit, q.groups.via)!;
    const f = frameFrom(unit, spk, "quoted", "quoted-as-saying", after(q.index + q[0].length));
    f.via.push(via.agent);
    return [f];
  }
  const candidates: { at: number; end: number; frame: Frame }[] = [];
  const matches: { re: RegExp; r: RegExpExecArray }[] = [];
  for (const re of [ACCORDING, APPOSITION, PLAIN, INVERTED]) {
    re.lastIndex = 0;
    for (let r = re.exec(m); r; r = re.exec(m)) matches.push({ re, r });
  }
  matches.sort((a, b) => a.r.index - b.r.index);
  for (const { re, r } of matches) {
    if (!r.groups) continue;
    if (candidates.some((c) => r.index < c.end && c.at < r.index + r[0].length)) continue;
    const spk = slotOf(unit, r.groups.spk ?? r.groups.spk2);
    if (!spk) continue;
    const verb = (r.groups.verb ?? "according to").trim();
    const end = r.index + r[0].length;
    let content = whole;
    let rule = "according-to";
    if (re === PLAIN || re === APPOSITION) {
      rule = re === PLAIN ? "speaker-verb" : "speaker-apposition-verb";
      const rest = m.slice(end).replace(/[\s."'”’)]+/g, "");
      const lead = m.slice(0, r.index).trim();
      if (rest === "" || rest === ",") content = before(r.index);
      else if (lead.endsWith(",") && /^,/.test(m.slice(end).trim())) content = whole;
      else content = after(end);
    } else if (re === INVERTED) {
      rule = "inverted-verb";
      content = whole;
    }
    const frame = frameFrom(unit, spk, verb, rule, content);
    if (verb === "told" || verb === "tells") {
      TOLD.lastIndex = 0;
      const t = TOLD.exec(m.slice(end));
      const via = t?.groups ? slotOf(unit, t.groups.via) : undefined;
      if (via && via !== spk) {
        frame.via.push(via.agent);
        frame.contentStart = Math.max(frame.contentStart, via.end);
      }
    }
    candidates.push({ at: r.index, end, frame });
  }
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a.at - b.at);
  candidates.forEach((c, k) => {
    const next = candidates[k + 1];
    if (!next) return;
    const cut = charRange(unit, next.at, next.at + 1).start;
    if (c.frame.contentStart < cut) c.frame.contentEnd = Math.min(c.frame.contentEnd, cut);
  });
  const frame = candidates[0]!.frame;
  MEETING.lastIndex = 0;
  const meet = MEETING.exec(m);
  const mv = meet?.groups ? slotOf(unit, meet.groups.via) : undefined;
  if (mv && mv.ref.mention !== frame.speaker?.mention) frame.via.push(mv.ref);
  return candidates.map((c) => c.frame);
}

/** Net quotation marks opened in text[start, end): curly quotes, and straight ones by position. */
function quoteDelta(text: string, start: number, end: number): number {
  let d = 0;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === "“") d++;
    else if (ch === "”") d--;
    else if (ch === '"') d += i === 0 || /[\s([{—-]/.test(text[i - 1]!) ? 1 : -1;
  }
  return d;
}

/**
 * One frame (or null: the author's voice) per unit, with carry-over, and the via chain of each
 * frame completed by the speaker's intermediaries elsewhere in the document and the publisher.
 */
export function attribute(doc: Doc, units: Unit[], _coref: CorefResult): Frame[][] {
  const all = units.map((u) => unitFrames(u));
  const own = all.map((fs) => fs[0] ?? null);
  const frames: (Frame | null)[] = [...own];
  // Quotations that span units: a unit inside a quotation (or opening one that closes later) takes
  // the frame of the unit that closes it ("..., said Kim."), else of the unit that opened it.
  const depthAfter: number[] = [];
  let depth = 0;
  for (const u of units) {
    depth = Math.max(0, depth + quoteDelta(doc.text, u.start, u.end));
    depthAfter.push(depth);
  }
  let openedAt = -1;
  units.forEach((u, i) => {
    const before = i > 0 ? depthAfter[i - 1]! : 0;
    if (before === 0 && depthAfter[i]! > 0) openedAt = i;
    if (own[i] || (before === 0 && depthAfter[i] === 0)) return;
    let closer: Frame | null = null;
    for (let j = i; j < units.length; j++) {
      if (depthAfter[j] === 0) {
        closer = own[j] ?? null;
        break;
      }
    }
    const src = closer ?? (openedAt >= 0 && openedAt !== i ? own[openedAt] : null);
    if (src)
      frames[i] = {
        ...src,
        unit: i,
        contentStart: u.start,
        contentEnd: u.end,
        carried: true,
        rule: `${src.rule}+quotation`,
      };
  });
  // Carry-over within a paragraph while no other construction intervenes. A sentence that opens
  // with a person's full name, or with the speaker and a copula ("He was a professor"), is the
  // author's voice describing someone: it stops the carry-over.
  let run = 0;
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    const prev = frames[i - 1];
    if (frames[i]) {
      run = 0;
      continue;
    }
    if (!prev?.speaker || u.paragraphStart || run >= 4) continue;
    const first = u.items[0]?.slot;
    const fullName =
      first?.label === "person" &&
      !first.source.startsWith("coref:") &&
      /\s/.test(first.ref.text) &&
      /\s/.test(doc.text.slice(first.start, first.end).trim());
    const bio =
      first &&
      first.ref.mention === prev.speaker.mention &&
      /^(?:is|was|has|had|became|served)$/.test(u.items[1]?.word ?? "");
    if (fullName || bio) continue;
    frames[i] = {
      ...prev,
      unit: i,
      contentStart: u.start,
      contentEnd: u.end,
      carried: true,
      rule: `${prev.rule}+carried`,
      hedge: false,
    };
    run++;
  }
  // Via chains: every intermediary named for a speaker anywhere in the document, then the publisher.
  const viaBySpeaker = new Map<number, ArgRef[]>();
  for (const f of all.flat()) {
    if (!f.speaker) continue;
    const list = viaBySpeaker.get(f.speaker.mention) ?? [];
    for (const v of f.via) if (!list.some((x) => x.mention === v.mention)) list.push(v);
    viaBySpeaker.set(f.speaker.mention, list);
  }
  const publisher: ArgRef | null = doc.meta.publisher
    ? { mention: -1, text: doc.meta.publisher, label: "organization" }
    : null;
  const complete = (f: Frame): Frame => {
    const via = f.speaker ? [...(viaBySpeaker.get(f.speaker.mention) ?? f.via)] : [];
    for (const v of f.via) if (!via.some((x) => x.mention === v.mention)) via.unshift(v);
    const own = (a: ArgRef) => a.text === publisher?.text || a.canonical === publisher?.text;
    if (publisher && f.speaker && !own(f.speaker) && !via.some(own)) via.push(publisher);
    return { ...f, via };
  };
  // A unit with constructions of its own keeps all of them; others have the carried frame or none.
  return frames.map((f, i) => (all[i]!.length > 0 ? all[i]! : f ? [f] : []).map(complete));
}
