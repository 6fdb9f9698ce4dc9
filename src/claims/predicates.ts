/**
 * Claim patterns for every predicate of the spec, over the masked units of units.ts: lexical
 * patterns on the words between typed mention slots, appositions, possessives, prepositions and a
 * verb lexicon per predicate. Metonymy: a capital used as an agent is its country (Slot.agent).
 * Event anaphora: "the attack" / damage without a named agent refer to the last attacker named.
 * Hand-written: no dependency parser runs offline; these patterns are general (they name no
 * entity) and are tested on fixture sentences in test/claims-*.test.ts.
 */
import type { DateValue, MoneyValue, QuantityValue, Range } from "../model/types.js";
import { GROUP_NOUNS, HARM_UNITS, HEADCOUNT_UNITS, REPORTING_VERBS, TITLES } from "./lexicon.js";
import type { ArgRef, ClaimValue, Predicate } from "./types.js";
import { charRange, type Item, rx, type Slot, slotOf, type Unit } from "./units.js";

export interface Found {
  predicate: Predicate;
  subject: ArgRef;
  object: ArgRef | null;
  value: ClaimValue | null;
  evidence: Range;
  trigger: Range;
  rule: string;
  /** Set when the pattern itself decides ("without the knowledge of"). */
  polarity?: "negative" | "positive";
  /** Descriptive patterns (appositions, titles) are in the author's voice whatever the sentence. */
  author?: boolean;
  confidence: number;
}

const AGENT_CODES = new Set(["country", "capital", "actor", "org", "grp"]);
const ACTOR_CODES = new Set(["country", "capital", "actor", "grp"]);
const PLACE_CODES = new Set(["loc", "country", "capital"]);
const VICTIM_CODES = new Set(["org", "sector", "country", "capital", "loc"]);
const VALUE_CODES = new Set(["date", "qty", "money"]);

const LOC_VERBS =
  /^(?:operat\w*|based|active|stationed|located|headquartered|hub|hubs|set|sent|send|sending|moved|relocat\w*|transport\w*|entered|enter|lives?|lived|living|resid\w*|hid|hiding|hide|deployed|work|works|working|worked|abroad|overseas|present|embedded|posted|infiltrated|launch|launched|launching|run|runs|running|ran|receiving|trained|training|maintains|maintained|houses|housed)$/;
const BASE_NOUNS =
  /^(?:point|points|hub|hubs|base|bases|headquarters|office|offices|cell|cells|network|networks|outpost|station|stations|front|fronts|facility|facilities|building|buildings|compound)$/;
const ATTACK_WORDS =
  /^(?:attack(?:s|ed|ing)?|cyberattacks?|against|target(?:s|ed|ing)?|hack(?:s|ed)?|breach\w*|havoc|infiltrat\w*|struck|hit|spying|spied)$/;
const PLACE_MODIFIERS =
  /^(?:the|a|an|northern|southern|eastern|western|central|north-eastern|northeastern|north-western|northwestern|south-eastern|southeastern|south-western|southwestern|neighbouring|neighboring|nearby|inside|within|mainland|rural|urban|several|various|many|other)$/;
const HEAD_LINKS =
  /^(?:'s|city|cities|capital|province|region|town|of|county|state|prefecture|district|port|the|border|area)$/;
const ATTACK_NOUNS =
  /^(?:attack|attacks|hack|hacks|intrusion|intrusions|breach|breaches|operation|operations|campaign|campaigns|cyberattack|cyberattacks|incident|heist)$/;

function w(unit: Unit, i: number): string {
  return unit.items[i]?.slot ? "" : (unit.items[i]?.word ?? "");
}

function slotAt(unit: Unit, i: number): Slot | undefined {
  return unit.items[i]?.slot;
}

function span(unit: Unit, a: number, b: number): Range {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(unit.items.length - 1, Math.max(a, b));
  return { start: unit.items[lo]!.start, end: unit.items[hi]!.end };
}

function itemIndex(unit: Unit, slot: Slot): number {
  return unit.items.findIndex((it) => it.slot === slot);
}

function sameEntity(a: ArgRef, b: ArgRef): boolean {
  if (a.mention === b.mention) return true;
  const ca = (a.canonical ?? a.text).toLowerCase();
  const cb = (b.canonical ?? b.text).toLowerCase();
  return a.label === b.label && ca === cb;
}

/** Slots listed after item `i`: ", B, C and D", "and B", "or B". */
function listAfter(unit: Unit, i: number, codes: Set<string>): { slot: Slot; item: number }[] {
  const out: { slot: Slot; item: number }[] = [];
  let j = i + 1;
  for (;;) {
    let k = j;
    let sawSep = false;
    while (
      k < unit.items.length &&
      /^(?:,|and|or|as well as|well|as|the|a|an)$/.test(w(unit, k)) &&
      k - j < 4
    ) {
      k++;
      sawSep = true;
    }
    // "major banks", "national banks": one lower-case modifier before the next slot.
    if (
      sawSep &&
      !slotAt(unit, k) &&
      /^[a-z-]+$/.test(w(unit, k)) &&
      slotAt(unit, k + 1) &&
      !/^(?:the|in|of|from)$/.test(w(unit, k))
    )
      k++;
    const s = slotAt(unit, k);
    if (!sawSep || !s || !codes.has(s.code)) break;
    out.push({ slot: s, item: k });
    j = k + 1;
  }
  return out;
}

/** The head place of a noun phrase that starts with slot item `i`: "North Korean capital Pyongyang", "China's Liaoning Province". */
function npHead(unit: Unit, i: number): number {
  let j = i;
  for (;;) {
    let k = j + 1;
    let links = 0;
    while (k < unit.items.length && !slotAt(unit, k) && HEAD_LINKS.test(w(unit, k)) && links < 3) {
      k++;
      links++;
    }
    const s = slotAt(unit, k);
    if (links > 0 && s && PLACE_CODES.has(s.code)) j = k;
    else return j;
  }
}

function dateValue(slot: Slot, text: string): ClaimValue {
  const a = slot.attrs as DateValue | undefined;
  return a?.kind === "date"
    ? { kind: "date", text, iso: a.iso, precision: a.precision, approximate: a.approximate }
    : { kind: "date", text };
}

function isGroupUse(unit: Unit, i: number): boolean {
  const s = slotAt(unit, i);
  if (!s) return false;
  if (s.code === "grp") return true;
  if (!AGENT_CODES.has(s.code)) return false;
  const n1 = w(unit, i + 1);
  const n2 = w(unit, i + 2);
  if (n1 === "'s") return GROUP_NOUNS.has(w(unit, i + 2)) || GROUP_NOUNS.has(w(unit, i + 3));
  return (
    GROUP_NOUNS.has(n1) ||
    (/^(?:hacking|cyber|military|state|intelligence|elite|special)$/.test(n1) && GROUP_NOUNS.has(n2))
  );
}

interface Ctx {
  /** The document text. */
  text: string;
  unit: Unit;
  out: Found[];
  state: DocState;
}

interface DocState {
  lastAttacker: ArgRef | null;
  lastAttackerUnit: number;
  /** The last malware or campaign named: "the outbreak", "the worm" refer to it. */
  lastEvent: ArgRef | null;
  lastCampaign: ArgRef | null;
  lastMalware: ArgRef | null;
}

/** The malware or campaign an event noun refers to: "the worm" a malware, "the outage" a campaign. */
function eventOf(state: DocState, noun: string): ArgRef | null {
  if (/^(?:worm|ransomware|malware|wiper|virus|trojan|outbreak|outbreaks|epidemic)$/.test(noun))
    return state.lastMalware ?? state.lastEvent;
  return state.lastCampaign ?? state.lastEvent;
}

const OUTBREAK_NOUNS = /^(?:outbreak|outbreaks|worm|ransomware|malware|epidemic|wiper|campaign|operation)$/;

/** What an event noun phrase ("the attack", "the outbreak") refers to. */
function eventReferent(state: DocState, noun: string): ArgRef | null {
  if (OUTBREAK_NOUNS.test(noun) && state.lastEvent) return state.lastEvent;
  return state.lastAttacker;
}

function emit(ctx: Ctx, f: Found): void {
  if (f.object && sameEntity(f.subject, f.object)) return;
  ctx.out.push(f);
}

function eachMatch(re: RegExp, s: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function groupRange(unit: Unit, m: RegExpExecArray, name: string): Range | null {
  const ix = m.indices?.groups?.[name];
  return ix ? charRange(unit, ix[0], ix[1]) : null;
}

function matchRange(unit: Unit, m: RegExpExecArray): Range {
  return charRange(unit, m.index, m.index + m[0].trimEnd().length);
}

// ---------------------------------------------------------------- role, affiliated-with
const ROLE_STOP =
  /^(?:in|at|until|who|when|since|from|during|and|,|\.|;|:|said|says|told|whose|which|before|after|where|on|to|"|“|”|\(|\))$/;

function hasTitle(unit: Unit, a: number, b: number): boolean {
  for (let i = a; i <= b; i++) if (TITLES.has(w(unit, i))) return true;
  return false;
}

function roleClaims(ctx: Ctx): void {
  const { unit } = ctx;
  unit.items.forEach((it, i) => {
    const p = it.slot;
    if (p?.code !== "person" || p.source.startsWith("coref:")) return;
    const found: { a: number; b: number; rule: string }[] = [];
    // Apposition: "Kim, president of the Solidarity, said".
    if (w(unit, i + 1) === ",") {
      let j = i + 2;
      if (/^(?:a|an|the)$/.test(w(unit, j))) j++;
      let k = j;
      while (
        k < unit.items.length &&
        k - j < 12 &&
        !/^(?:,|\.|;|said|says|say|told|who|which|whom|whose|that|they|he|she|we|it|in|"|“)$/.test(
          w(unit, k),
        ) &&
        !(k > j && slotAt(unit, k) && TITLES.has(w(unit, k - 1)))
      )
        k++;
      if (k > j && hasTitle(unit, j, Math.min(k - 1, j + 5)))
        found.push({ a: j, b: k - 1, rule: "role-apposition" });
    }
    // Copula: "Kim was a professor of computer science in ...".
    const cop = w(unit, i + 1);
    if (
      /^(?:is|was|became|remains)$/.test(cop) ||
      (/^(?:has|had)$/.test(cop) && w(unit, i + 2) === "been") ||
      (cop === "served" && w(unit, i + 2) === "as")
    ) {
      let j = i + (cop === "has" || cop === "had" || cop === "served" ? 3 : 2);
      if (/^(?:a|an|the|now|once)$/.test(w(unit, j))) j++;
      if (/^(?:a|an|the)$/.test(w(unit, j))) j++;
      let k = j;
      while (
        k < unit.items.length &&
        k - j < 10 &&
        !ROLE_STOP.test(w(unit, k)) &&
        !(slotAt(unit, k) && !AGENT_CODES.has(slotAt(unit, k)!.code))
      )
        k++;
      if (k > j && hasTitle(unit, j, k - 1)) found.push({ a: j, b: k - 1, rule: "role-copula" });
    }
    // Title before the name: "North Korean leader Kim Jong Un".
    if (TITLES.has(w(unit, i - 1))) {
      let j = i - 1;
      while (j - 1 >= 0 && i - j < 4) {
        const prev = unit.items[j - 1]!;
        if (prev.slot && ["country", "org", "capital", "loc", "actor"].includes(prev.slot.code)) j--;
        else if (
          !prev.slot &&
          /^[a-z][a-z-]*$/.test(prev.word) &&
          !/^(?:the|a|an|said|says|quoted|by|of|to|that|and|with|told|according|as|from|for|in|on|at|is|was|former|then|when|while|also|its|his|her|their)$/.test(
            prev.word,
          ) &&
          /^\p{Lu}/u.test(unitText(ctx.text, unit, j - 1))
        )
          j--;
        else break;
      }
      found.push({ a: j, b: i - 1, rule: "role-title" });
    }
    for (const f of found) {
      const r = span(unit, f.a, f.b);
      const text = roleText(ctx.text, unit, f.a, f.b).replace(/^(?:a|an|the)\s+/i, "");
      if (!text) continue;
      emit(ctx, {
        predicate: "role",
        subject: p.ref,
        object: null,
        value: { kind: "text", text },
        evidence: span(unit, Math.min(i, f.a), Math.max(i, f.b)),
        trigger: r,
        rule: f.rule,
        author: true,
        confidence: 0.8,
      });
      // The organization of the role: "president of X", "chairman of the committee", "VOA producer".
      for (let k = f.a; k <= f.b; k++) {
        const s = slotAt(unit, k);
        if (!s || (s.code !== "org" && s.code !== "actor")) continue;
        if (w(unit, k + 1) === "'s") continue;
        emit(ctx, {
          predicate: "affiliated-with",
          subject: p.ref,
          object: s.ref,
          value: null,
          evidence: span(unit, Math.min(i, f.a), Math.max(i, f.b)),
          trigger: r,
          rule: `${f.rule}-organization`,
          author: true,
          confidence: 0.75,
        });
        break;
      }
    }
  });
}

function unitText(text: string, _unit: Unit, i: number): string {
  const it = _unit.items[i]!;
  return text.slice(it.start, it.end);
}
function roleText(text: string, unit: Unit, a: number, b: number): string {
  const r = span(unit, a, b);
  return text.slice(r.start, r.end);
}

const AFFIL_VERB = rx(
  `<S:PERSON> (?:, who )?(?:(?:works|worked|working|has worked|had worked) (?:for|at|with)|joined|leads|led|heads|headed|founded|co-founded|runs|ran|chairs|chaired) (?:the )?<O:ORG>`,
);
const AFFIL_OF = rx(`<S:PERSON> (?:of|from|at) (?:the )?<O:org> `);
const AFFIL_AT = rx(
  `<S:PERSON> (?:, who )?(?:works|worked|leads|led|heads|headed|runs|ran|manages|managed|oversees|directs|directed|served|serves|is|was) ~4 (?:at|for|of|in|with) (?:the )?<O:ORG> `,
);
const AFFIL_LED_BY = rx(
  `<O:ORG> (?:is |was |are |were |has been )?(?:~2 )?(?<T>commanded|led|headed|run|directed|managed|founded|chaired) by (?:the )?~2 <S:PERSON> `,
);

function affiliationClaims(ctx: Ctx): void {
  const { unit } = ctx;
  for (const [re, rule] of [
    [AFFIL_VERB, "affiliated-verb"],
    [AFFIL_OF, "affiliated-of"],
    [AFFIL_AT, "affiliated-at"],
    [AFFIL_LED_BY, "affiliated-led-by"],
  ] as const)
    eachMatch(re, unit.masked, (m) => {
      const s = slotOf(unit, m.groups!.S)!;
      const o = slotOf(unit, m.groups!.O)!;
      if (s.source.startsWith("coref:") && rule === "affiliated-of") return;
      emit(ctx, {
        predicate: "affiliated-with",
        subject: s.ref,
        object: o.ref,
        value: null,
        evidence: matchRange(unit, m),
        trigger: matchRange(unit, m),
        rule,
        // "X, who leads research at Y," and "X of Y" describe X in the author's voice.
        author: rule === "affiliated-of" || m[0].includes(", who "),
        confidence: 0.7,
      });
    });
}

// ---------------------------------------------------------------- located-at
const LOC_PREPS = /^(?:in|inside|from|at|across|within|to|into|throughout)$/;

function locatedClaims(ctx: Ctx): void {
  const { unit } = ctx;
  const n = unit.items.length;
  for (let j = 0; j < n; j++) {
    const o = slotAt(unit, j);
    if (!o || !PLACE_CODES.has(o.code)) continue;
    // Walk back over modifiers to the preposition.
    let p = j - 1;
    while (p >= 0 && !slotAt(unit, p) && PLACE_MODIFIERS.test(w(unit, p)) && j - p <= 3) {
      if (w(unit, p) === "inside" || w(unit, p) === "within") break;
      p--;
    }
    if (p < 0 || !LOC_PREPS.test(w(unit, p))) continue;
    let prep = w(unit, p);
    if ((prep === "inside" || prep === "within") && w(unit, p - 1) === "from") {
      prep = "from";
      p--;
    }
    // Walk back to the subject.
    let s: Slot | undefined;
    let si = -1;
    let gap: string[] = [];
    for (let k = p - 1; k >= 0 && p - k <= 14; k--) {
      const it = unit.items[k]!;
      if (it.slot) {
        if (VALUE_CODES.has(it.slot.code)) continue;
        if (AGENT_CODES.has(it.slot.code) || it.slot.code === "person") {
          s = it.slot;
          si = k;
        }
        break;
      }
      if (
        it.word === "," &&
        !/^(?:especially|mainly|mostly|primarily|particularly|including|notably|based|headquartered|located|operating|reportedly)$/.test(
          gap[0] ?? "",
        )
      )
        break;
      if (/^(?:;|:|that|said|says|told|but|although|while|because|which|who|when|\.|"|“|”)$/.test(it.word))
        break;
      gap.unshift(it.word);
    }
    if (!s) continue;
    gap = gap.filter((x) => x !== ",");
    const group = isGroupUse(unit, si) || BASE_NOUNS.test(gap[0] ?? "") || BASE_NOUNS.test(gap[1] ?? "");
    const locVerb = gap.some((x) => LOC_VERBS.test(x));
    const attack = gap.some((x) => ATTACK_WORDS.test(x));
    let ok: boolean;
    const copulaOnly =
      gap.length > 0 &&
      gap.every((x) =>
        /^(?:is|was|are|were|be|been|being|believed|thought|said|reported|reportedly|now|still|currently|to|likely|also)$/.test(
          x,
        ),
      );
    const adjacent =
      gap.every((x) => x === "(" || x === ")") ||
      (gap[0] === "(" && gap[gap.length - 1] === ")" && gap.length <= 4);
    if (copulaOnly && prep !== "to" && prep !== "into") ok = true;
    else if (adjacent && prep === "in" && (s.code === "org" || s.code === "actor")) ok = true;
    else if (s.code === "person")
      ok = locVerb || (/^(?:is|was)$/.test(gap[0] ?? "") && gap.some((x) => TITLES.has(x)));
    else ok = locVerb || (group && gap.length <= 10);
    if (attack && !/^(?:from|inside|within)$/.test(prep)) ok = false;
    if (
      (prep === "to" || prep === "into") &&
      !gap.some((x) => /^(?:sent|send|sending|moved|relocat\w*|transport\w*|dispatched|deployed)$/.test(x))
    )
      ok = false;
    if (!ok) continue;
    const subject = s.code === "person" ? s.ref : s.agent;
    const objects = [
      { slot: slotAt(unit, npHead(unit, j))!, item: npHead(unit, j) },
      ...listAfter(unit, npHead(unit, j), PLACE_CODES),
    ];
    for (const ob of objects) {
      emit(ctx, {
        predicate: "located-at",
        subject,
        object: ob.slot.ref,
        value: null,
        evidence: span(unit, si, ob.item),
        trigger: span(unit, p, p),
        rule: `located-${prep}`,
        confidence: 0.65,
      });
    }
  }
  // Apposition of places: "Shenyang, in northern China's Liaoning Province", "Shenyang, China".
  eachMatch(LOC_APPOS, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S)!;
    const oi = Number(/^@(\d+)/.exec(m.groups!.O!)![1]);
    const head = npHead(unit, oi);
    const o = slotAt(unit, head)!;
    const after = w(unit, head + 1);
    if (!m.groups!.prep && after && !/^(?:,|\.|;|and)$/.test(after)) return;
    emit(ctx, {
      predicate: "located-at",
      subject: s.ref,
      object: o.ref,
      value: null,
      evidence: span(unit, itemIndex(unit, s), head),
      trigger: matchRange(unit, m),
      rule: "located-apposition",
      author: true,
      confidence: 0.7,
    });
  });
  eachMatch(LOC_BASED, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S)!;
    const o = slotOf(unit, m.groups!.O)!;
    emit(ctx, {
      predicate: "located-at",
      subject: s.code === "person" ? s.ref : s.agent,
      object: o.ref,
      value: null,
      evidence: matchRange(unit, m),
      trigger: matchRange(unit, m),
      rule: "located-based",
      confidence: 0.7,
    });
  });
}
const LOC_APPOS = rx(
  `<S:loc> , (?<prep>(?:in|near|a city in|the capital of|capital of|a province of|a region of) )?(?:the )?(?:[a-z-]*(?:ern|central) )?(?:<country|capital> 's )?<O:PLACE> `,
);
const LOC_BASED = rx(`<O:PLACE> -based ~2 <S:AGENT|PERSON>`);

// ---------------------------------------------------------------- targets, compromised
const TARGET_VERBS =
  /^(?:target|targets|targeted|targeting|attack|attacks|attacked|attacking|against|infiltrate|infiltrating|spy|spied|spying|sabotage|sabotaged|sabotaging|disrupt|disrupted|disrupting|havoc|probe|probed|probing|test|testing|tested|aimed|directed|hit|struck|strike|strikes|cyberattacks|cyberattack)$/;
const EVENT_NOUNS =
  /^(?:breach|breaches|hack|hacks|intrusion|intrusions|break-in|theft|thefts|heist|raid|compromise|infiltration|penetration)$/;
const COMPROMISE_VERBS =
  /^(?:accessed|hacked|breached|compromised|infiltrated|penetrated|infected|broke|stole|exfiltrated|gained|took|hijacked)$/;
/** Base forms: only after "tried to", "attempted to" (then the claim is `targets`). */
const COMPROMISE_BASE = /^(?:access|hack|breach|compromise|penetrate|infect|break|steal|hijack)$/;
const TRY_BEFORE =
  /^(?:attempt|attempts|attempted|tried|trying|sought|seeking|failed|plan|plans|planned|aim|aims|aimed|an)$/;

function requiredAfter(verb: string): RegExp | null {
  if (/^(?:attack|attacks|cyberattacks|cyberattack|havoc)$/.test(verb)) return /^(?:on|against|targeting)$/;
  if (/^(?:spy|spied|spying)$/.test(verb)) return /^on$/;
  if (/^(?:aimed|directed)$/.test(verb)) return /^(?:at|against)$/;
  if (verb === "broke") return /^into$/;
  if (verb === "gained") return /^access$/;
  if (verb === "took") return /^control$/;
  if (verb === "stole") return /^(?:from|data|documents|information|money|funds|files|secrets|credentials)$/;
  return null;
}

function subjectBackward(
  ctx: Ctx,
  from: number,
  limit = 18,
): { slot?: Slot; item: number; event?: boolean; noun?: string } | null {
  const { unit } = ctx;
  for (let k = from - 1; k >= 0 && from - k <= limit; k--) {
    const it = unit.items[k]!;
    if (it.slot) {
      if (VALUE_CODES.has(it.slot.code)) continue;
      if (
        w(unit, k + 1) === "'s" &&
        k + 1 !== from - 1 &&
        !/^(?:goal|aim|plan|hackers|forces|military|army|agents|operatives|spies)$/.test(w(unit, k + 2))
      )
        continue; // "a company's documents": not the agent
      if (ACTOR_CODES.has(it.slot.code) || /^(?:org|malware|campaign)$/.test(it.slot.code))
        return { slot: it.slot, item: k };
      return null;
    }
    if (
      (ATTACK_NOUNS.test(it.word) || OUTBREAK_NOUNS.test(it.word)) &&
      /^(?:the|this|that|these|those|its|same)$/.test(w(unit, k - 1))
    )
      return { item: k - 1, event: true, noun: it.word };
    if (/^(?:;|:|\.|but|although|while|because|whereas)$/.test(it.word)) return null;
    if (REPORTING_VERBS.has(it.word) && w(unit, k + 1) === "that") return null;
  }
  return null;
}

function attackClaims(ctx: Ctx): void {
  const { unit } = ctx;
  const n = unit.items.length;
  for (let t = 0; t < n; t++) {
    const verb = w(unit, t);
    const eventNoun = EVENT_NOUNS.test(verb) && /^(?:of|at|on|from|against|into)$/.test(w(unit, t + 1));
    const phishing =
      /^(?:sent|sending|sends|emailed)$/.test(verb) &&
      [1, 2, 3].some((dd) => /phishing|malicious|lures?|booby-trapped/.test(w(unit, t + dd)));
    const attempted =
      COMPROMISE_BASE.test(verb) && w(unit, t - 1) === "to" && TRY_BEFORE.test(w(unit, t - 2));
    const isTarget = TARGET_VERBS.test(verb) || phishing || attempted;
    const isComp = COMPROMISE_VERBS.test(verb) || eventNoun;
    if (!isTarget && !isComp) continue;
    let o = t + 1;
    if (eventNoun) o = t + 2;
    if (phishing) {
      let k = t + 1;
      while (k < n && k - t <= 5 && w(unit, k) !== "to") k++;
      o = k + 1;
    }
    // "does not attack X", "to attack X": the verb, which needs no preposition.
    const verbUse =
      /^(?:attack|attacks)$/.test(verb) &&
      (/^(?:not|to|does|did|do|will|would|can|could|may|might|n't|also|repeatedly|often|never)$/.test(
        w(unit, t - 1),
      ) ||
        (slotAt(unit, t - 1) !== undefined && ACTOR_CODES.has(slotAt(unit, t - 1)!.code)));
    const req = eventNoun || phishing || verbUse ? null : requiredAfter(verb === "break" ? "broke" : verb);
    if (req) {
      if (!req.test(w(unit, o))) continue;
      if (!(verb === "stole" && w(unit, o) !== "from")) o++;
    }
    if (
      (verb === "attacks" || verb === "attack") &&
      /^(?:the|a|an|these|those|such)$/.test(w(unit, t - 1)) &&
      !req
    )
      continue;
    if (
      verb === "against" &&
      ![1, 2, 3, 4].some((dd) =>
        /^(?:attack\w*|cyberattack\w*|operations?|campaigns?|hack\w*|espionage|spying|strikes?|offensive|reconnaissance|phishing|intrusions?|war|warfare|launched|conducted|directed|aimed)$/.test(
          w(unit, t - dd),
        ),
      )
    )
      continue;
    // Passive: "X was hacked by Y".
    const passive = /^(?:was|were|been|being|is|are)$/.test(w(unit, t - 1)) && w(unit, t + 1) === "by";
    let subj: { slot?: Slot; item: number; event?: boolean; noun?: string } | null;
    let obj: { slot: Slot; item: number } | null = null;
    if (passive) {
      const by = slotAt(unit, t + 2);
      const before = subjectBackward(ctx, t - 1, 4);
      if (!by || !ACTOR_CODES.has(by.code) || !before?.slot) continue;
      subj = { slot: by, item: t + 2 };
      obj = { slot: before.slot, item: before.item };
    } else {
      // Object: the first victim slot of the noun phrase after the trigger.
      for (let k = o; k < n && k - o <= 6; k++) {
        const it = unit.items[k]!;
        if (it.slot) {
          if (VALUE_CODES.has(it.slot.code)) continue;
          if (VICTIM_CODES.has(it.slot.code)) obj = { slot: it.slot, item: k };
          break;
        }
        if (
          /^(?:from|in|with|by|through|for|since|during|at|to|into|;|\.|that|which|who|and|or)$/.test(it.word)
        )
          break;
        if (
          it.word === "," &&
          !/^(?:including|such|like|notably|especially|particularly)$/.test(w(unit, k + 1))
        )
          break;
      }
      if (!obj) {
        const who = subjectBackward(ctx, t);
        if (who?.slot && isComp) {
          ctx.state.lastAttacker = who.slot.agent;
          ctx.state.lastAttackerUnit = unit.index;
        }
        continue;
      }
      if (verb === "test" || verb === "testing" || verb === "tested") {
        if (
          !(
            w(unit, obj.item + 1) === "'s" &&
            /^(?:security|defenses|defences|networks|systems|readiness|response)$/.test(w(unit, obj.item + 2))
          )
        )
          continue;
      }
      subj = subjectBackward(ctx, t);
    }
    if (!subj) continue;
    const subject = subj.event ? eventReferent(ctx.state, subj.noun ?? "") : (subj.slot?.agent ?? null);
    if (!subject) continue;
    const tried = [1, 2, 3].some(
      (d) => TRY_BEFORE.test(w(unit, t - d)) && (d === 1 || w(unit, t - 1) === "to"),
    );
    const predicate: Predicate = isComp && !tried ? "compromised" : "targets";
    const objects = [obj, ...(passive ? [] : listAfter(unit, obj.item, VICTIM_CODES))];
    for (const ob of objects) {
      emit(ctx, {
        predicate,
        subject,
        object: ob.slot.code === "capital" || ob.slot.code === "country" ? ob.slot.agent : ob.slot.ref,
        value: null,
        evidence: span(unit, Math.min(subj.item, ob.item), Math.max(subj.item, ob.item, t)),
        trigger: span(unit, t, t),
        rule: `${predicate}-${passive ? "passive" : verb}`,
        confidence: subj.event ? 0.55 : 0.7,
      });
    }
    ctx.state.lastAttacker = subject;
    ctx.state.lastAttackerUnit = unit.index;
  }
  eachMatch(BEHIND, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S)!;
    ctx.state.lastAttacker = s.agent;
    ctx.state.lastAttackerUnit = unit.index;
  });
}
const BEHIND = rx(
  `<S:ACTOR|ORG> ~5 (?:behind|responsible for|carried out|launched|conducted|perpetrated|orchestrated|blamed for) (?:the |a |an |these |those )?~3 (?:attacks?|hacks?|intrusions?|breach(?:es)?|operations?|campaigns?|cyberattacks?|cyber-attacks?|heists?)\\b`,
);

// ---------------------------------------------------------------- uses
const USES_ACTIVE = rx(
  `<S:ACTOR|ORG> ~6 (?<T>uses|used|using|use|deployed|deploys|deploying|deploy|leveraged|leverages|leveraging|leverage|planted|plants|installed|installs|implanted|employed|employs|employing|wielded|wields|relies on|relied on|delivered|delivers|delivering|dropped|drops|distributed|distributes|distributing|spread|spreads|spreading) (?:the |a |an |its |their |custom |new |malicious )?~3 <O:WEAPON> `,
);
const USES_PASSIVE = rx(
  `<O:WEAPON> ~4 (?<T>used|deployed|employed|operated|wielded|leveraged) by (?:the )?<S:ACTOR|ORG> `,
);
const CREATED_BY = rx(
  `<S:malware|tool> (?:, )?~6 (?<T>created|developed|written|authored|built) by (?:the )?<O:ACTOR|ORG> `,
);

function usesClaims(ctx: Ctx): void {
  const { unit } = ctx;
  for (const [re, pred, rule] of [
    [USES_ACTIVE, "uses", "uses-verb"],
    [USES_PASSIVE, "uses", "uses-passive"],
    [CREATED_BY, "attributed-to", "attributed-created-by"],
  ] as const)
    eachMatch(re, unit.masked, (m) => {
      const s = slotOf(unit, m.groups!.S)!;
      const o = slotOf(unit, m.groups!.O)!;
      const subject = pred === "uses" ? s.agent : s.ref;
      const object = pred === "uses" ? o.ref : o.agent;
      const items = [
        o,
        ...listAfter(
          unit,
          itemIndex(unit, o),
          new Set(["malware", "tool", "pattern", "vuln", "indicator"]),
        ).map((x) => x.slot),
      ];
      for (const ob of rule === "uses-verb" ? items : [o])
        emit(ctx, {
          predicate: pred,
          subject,
          object: ob === o ? object : ob.ref,
          value: null,
          evidence: matchRange(unit, m),
          trigger: groupRange(unit, m, "T") ?? matchRange(unit, m),
          rule,
          confidence: 0.7,
        });
    });
}

// ---------------------------------------------------------------- attributed-to, part-of
const ATTR_ADJ = rx(
  `<O:country|capital> (?:'s )?(?:(?:state-sponsored|state-backed|state|military|government|elite|notorious|infamous|hacking|cyber|threat|apt|group|unit|actor|espionage|intelligence|special|specialized|secretive|cyberespionage|cyberwarfare|cyber-espionage|outfit|gang|called|known|as|named) ){0,4}<S:actor|campaign> `,
);
const ATTR_HYPHEN = rx(
  `<O:country|capital> -(?:aligned|linked|backed|sponsored|nexus|affiliated|connected|tied|supported|directed) (?:[^\\s@;,]+ ){0,3}<S:actor|campaign|malware> `,
);
const ATTR_LINKED = rx(
  `<S:actor|campaign|malware|tool> ~6 (?<T>linked|tied|attributed|connected|traced|tracked|blamed|pinned|attributable) (?:back )?(?:to|on) (?:the )?(?:government of |regime of |state of )?<O:ACTOR|ORG> `,
);
const ATTR_BACKED = rx(
  `<S:actor|campaign|malware> ~4 (?<T>backed|sponsored|run|operated|controlled|directed|funded|supported|commanded|working|acting|works|acts|operates|operating|worked|acted) (?:by|for|on behalf of) (?:the )?(?:government of |regime of )?<O:ACTOR|ORG> `,
);
const ATTR_BEHIND = rx(
  `<O:ACTOR|ORG> ~5 (?<T>behind|responsible for|blamed for|carried out|conducted|launched|perpetrated|orchestrated) (?:the |a |an )?~3 <S:actor|campaign|malware> `,
);
const ATTR_BY = rx(
  `<S:campaign|malware> ~4 (?:was |were |had been |has been )?(?<T>carried out|conducted|launched|perpetrated|orchestrated|committed|staged) by (?:the )?<O:ACTOR|ORG> `,
);
const ATTR_ACCUSED = rx(
  `(?<T>accused|accuses|accuse|blamed|blames|blame) (?:the )?<O:ACTOR|ORG> (?:of|for) (?:(?:unleashing|launching|carrying out|conducting|being behind|orchestrating|deploying|creating|developing|spreading|staging|mounting|the) ){1,2}~2 <S:campaign|malware|actor> `,
);
const ATTR_FRONT = rx(
  `(?<T>front|cover|shell) (?:company|organization|organisation|firm|business) (?:for|of) (?:the )?<O:ACTOR|ORG> `,
);
const ATTR_ROLE_IN = rx(
  `<O:ACTOR|ORG> (?:'s )?~3 (?:had|has|have|played|denied|denies|deny|admitted|admits|acknowledged|acknowledges|claimed|claims) (?:any |a |no |all )?(?<T>part|role|hand|involvement|responsibility|participation|interfering|meddling|taking part|participating) (?:in|for) (?:any of )?(?:the )?~3 <S:campaign|malware> `,
);
const ATTR_APPOS_ADJ = rx(
  `<S:actor> , (?:the|a|an) ~3 <O:country|capital> ~2 (?<T>cluster|group|unit|actor|team|outfit|gang|crew|hackers|operation|threat actor|collective|crew) `,
);
const ATTR_SUSPECTED_IN = rx(
  `<O:ACTOR|ORG> (?:is |was |are |were |has been |have been )?(?:also |widely |not |never )?(?<T>suspected|implicated|involved|accused) (?:in|of) (?:the )?~3 <S:campaign|malware> `,
);
const ATTR_TIED_EVENT = rx(
  `(?<T>tied|linked|attributed|traced|pinned) (?:the |this |that )(?<N>attack|attacks|outbreak|hack|breach|intrusion|campaign|operation|heist|theft|cyberattack|outage) (?:back )?(?:to|on) (?:the )?<O:ACTOR|ORG> `,
);
const ATTR_APPOS = rx(
  `<S:actor> , (?:a|an|the) ~5 (?:unit|group|arm|division|team|cell|outfit|actor|gang|crew|department|bureau|agency|entity) (?<T>of|within|inside|under|run by|operated by|linked to|tied to|belonging to|working for|backed by) (?:the )?~2 (?:<country|capital> 's )?<O:ACTOR|ORG> `,
);
const ATTR_JOIN = rx(
  `<G:grp|country|capital> ~3 (?<T>joined|join|joining|were recruited into|was recruited into|were assigned to|were sent to|serve in|served in|belong to|belonged to) ~5 <S:actor> `,
);
const ATTR_ORIGIN = rx(
  `<S:ACTOR|ORG> (?:is|was|are|were) (?:the |a )?(?<T>origin point|origin|source|culprit|perpetrator|sponsor|mastermind) of (?<V>(?:(?!and |that |which |or )[^\\s@;,.]+ ){1,4})`,
);

const UNIT_WORDS =
  /\b(?:bureau|unit|center|centre|department|division|directorate|committee|office|command|team|lab|laboratory|group|section|branch|agency|service)\b/i;
const PART_OF = rx(`<S:ORG> (?<T>of) (?:the )?(?:<country|capital> 's )?<O:ORG> `);
const PART_APPOS = rx(
  `<S:ORG> , (?:a|an|the) ~3 (?<T>unit|division|subsidiary|branch|arm|department|part|subgroup|sub-group|component|cell|wing|bureau|section|directorate|office|team|subunit|sub-unit) (?:of|within|under|inside) (?:the )?~2 (?:<country|capital> 's )?<O:ORG> `,
);
const PART_COPULA = rx(
  `<S:ORG> (?:is|was|are|were|operates as|serves as|acts as) (?:a |an |the )?~3 (?<T>unit|division|subsidiary|branch|arm|department|part|subgroup|sub-group|component|cell|wing|section|directorate|one|subunit|sub-unit|member) (?:of|within|under|inside) (?:the )?~10 <O:ORG> `,
);
const PART_VERB = rx(
  `<S:ORG> ~2 (?<T>belongs|belong|falls|fall|operates|operate|reports|report|sits|sit) (?:to|under|within) (?:the )?~2 (?:<country|capital> 's )?<O:ORG> `,
);
const PART_UNITS = rx(
  `<O:ORG> (?<T>units?|subunits?|divisions?|departments?|groups?|directorates?|teams?) (?:, |\\( |— |: |known as |called |named )?<S:actor> `,
);
const PART_POSS = rx(`<O:ORG> 's (?:[^\\s@;,]+ ){0,2}<S:ORG> `);
const PART_TRACKS = rx(
  `<O:actor> as ~4 (?<T>actors|groups|clusters|subgroups|units|entities|sub-groups|teams) (?:—|-|:|,|\\() <S:actor> `,
);

const ATTR_EVENT_ANAPHOR = rx(
  `<O:ACTOR|ORG> (?:, (?:a|an|the) [^;,]*? , )?~5 (?<T>behind|responsible for|blamed for) (?:the|this|that) ~2 (?<N>attack|attacks|outbreak|hack|breach|intrusion|campaign|operation|heist|theft|cyberattack|cyberattacks) `,
);
const TOL_NO_ARREST = rx(
  `<S:country|capital> ~3 (?<T>never|not|refused to|refuses to|declined to|declines to|failed to) (?:(?:arrested|prosecuted|extradited|punished|charged|arrest|prosecute|extradite|punish|charge|expelled|expel|detained|detain|or) ){1,3}~5 <O:ACTOR> `,
);
const VICTIM_HIT = rx(
  `<O:VICTIM> (?:was|were|has been|have been) (?:among )?(?:the )?(?:worst |hardest |first |most |badly |severely )?(?<T>hit|affected|targeted|damaged|disrupted)(?! by) `,
);
const USES_EVENT = rx(
  `(?:the|this) (?<N>worm|malware|ransomware|wiper|virus|trojan|implant|backdoor|loader) ~4 (?<T>spread|spreads|propagated|propagates|exploited|exploits|used|uses|relied on|relies on|leveraged|leverages|abused|abuses) ~c14 <O:vuln|tool> `,
);

function eventClaims(ctx: Ctx): void {
  const { unit, state } = ctx;
  // "… was blamed on X", "that attack was carried out by X": the last event named gets the attribution.
  const eventAttribution = (re: RegExp, rule: string) =>
    eachMatch(re, unit.masked, (m) => {
      const o = slotOf(unit, m.groups!.O)!;
      const ev = state.lastEvent;
      if (!ev) return;
      emit(ctx, {
        predicate: "attributed-to",
        subject: ev,
        object: o.agent,
        value: null,
        evidence: matchRange(unit, m),
        trigger: groupRange(unit, m, "T")!,
        rule,
        confidence: 0.55,
      });
    });
  eventAttribution(ATTR_TIED_EVENT, "attributed-tied-event");
  // "Russia's military intelligence agency": the agency belongs to that state.
  for (const it of unit.items) {
    const s = it.slot;
    if (!s?.owner || (s.label !== "organization" && s.label !== "threat-actor")) continue;
    emit(ctx, {
      predicate: "attributed-to",
      subject: s.ref,
      object: s.owner,
      value: null,
      evidence: { start: s.start, end: s.end },
      trigger: { start: s.start, end: s.end },
      rule: "attributed-possessive-description",
      author: true,
      confidence: 0.6,
    });
  }
  eachMatch(ATTR_FRONT, unit.masked, (m) => {
    const o = slotOf(unit, m.groups!.O)!;
    const at = itemAtOffset(unit, m.index);
    for (let k = at - 1; k >= 0 && at - k <= 20; k--) {
      const s = slotAt(unit, k);
      if (s?.code !== "org" || s.source === "coref:pronoun") continue;
      emit(ctx, {
        predicate: "attributed-to",
        subject: s.ref,
        object: o.agent,
        value: null,
        evidence: span(unit, k, itemIndex(unit, o)),
        trigger: groupRange(unit, m, "T")!,
        rule: "attributed-front-company",
        confidence: 0.6,
      });
      break;
    }
  });
  eventAttribution(ATTR_EVENT_ANAPHOR, "attributed-event-anaphor");
  eachMatch(TOL_NO_ARREST, unit.masked, (m) => {
    const sub = slotOf(unit, m.groups!.S)!;
    const o = slotOf(unit, m.groups!.O)!;
    emit(ctx, {
      predicate: "tolerates",
      subject: sub.agent,
      object: o.agent,
      value: null,
      evidence: matchRange(unit, m),
      trigger: groupRange(unit, m, "T")!,
      rule: "tolerates-never-arrested",
      polarity: "positive",
      confidence: 0.55,
    });
  });
  eachMatch(VICTIM_HIT, unit.masked, (m) => {
    const o = slotOf(unit, m.groups!.O)!;
    const subject = state.lastEvent ?? state.lastAttacker;
    if (!subject) return;
    emit(ctx, {
      predicate: "targets",
      subject,
      object: o.code === "capital" || o.code === "country" ? o.agent : o.ref,
      value: null,
      evidence: matchRange(unit, m),
      trigger: groupRange(unit, m, "T")!,
      rule: "targets-victim-hit",
      confidence: 0.5,
    });
  });
  eachMatch(USES_EVENT, unit.masked, (m) => {
    const o = slotOf(unit, m.groups!.O)!;
    if (!state.lastEvent) return;
    emit(ctx, {
      predicate: "uses",
      subject: state.lastEvent,
      object: o.ref,
      value: null,
      evidence: matchRange(unit, m),
      trigger: groupRange(unit, m, "T")!,
      rule: "uses-event-anaphor",
      confidence: 0.5,
    });
  });
}

function attributionClaims(ctx: Ctx): void {
  const { unit } = ctx;
  const simple: [RegExp, Predicate, string, boolean][] = [
    [ATTR_ADJ, "attributed-to", "attributed-adjective", true],
    [ATTR_HYPHEN, "attributed-to", "attributed-aligned", true],
    [ATTR_LINKED, "attributed-to", "attributed-linked", true],
    [ATTR_BACKED, "attributed-to", "attributed-backed", true],
    [ATTR_BEHIND, "attributed-to", "attributed-behind", true],
    [ATTR_BY, "attributed-to", "attributed-carried-out-by", true],
    [ATTR_ACCUSED, "attributed-to", "attributed-accused", true],
    [ATTR_APPOS_ADJ, "attributed-to", "attributed-apposition-adjective", true],
    [ATTR_SUSPECTED_IN, "attributed-to", "attributed-suspected-in", true],
    [ATTR_ROLE_IN, "attributed-to", "attributed-role-in", true],
    [ATTR_APPOS, "attributed-to", "attributed-apposition", true],
    [PART_OF, "part-of", "part-of-of", false],
    [PART_APPOS, "part-of", "part-of-apposition", false],
    [PART_COPULA, "part-of", "part-of-copula", false],
    [PART_VERB, "part-of", "part-of-verb", false],
    [PART_POSS, "part-of", "part-of-possessive", false],
    [PART_TRACKS, "part-of", "part-of-tracked-as", false],
    [PART_UNITS, "part-of", "part-of-units", false],
  ];
  for (const [re, pred, rule, objAgent] of simple)
    eachMatch(re, unit.masked, (m) => {
      const s = slotOf(unit, m.groups!.S)!;
      const o = slotOf(unit, m.groups!.O)!;
      let predicate = pred;
      if (rule === "part-of-possessive" && !UNIT_WORDS.test(ctx.text.slice(s.start, s.end))) return;
      if (rule === "part-of-of" && !UNIT_WORDS.test(ctx.text.slice(s.start, s.end))) return;
      // "X, a unit of <country>" attributes; "X, a unit of <organization>" is part of it.
      if (rule === "attributed-apposition" && (o.code === "org" || o.code === "actor")) predicate = "part-of";
      if (
        predicate === "attributed-to" &&
        rule === "attributed-adjective" &&
        o.code === "capital" &&
        w(unit, itemIndex(unit, o) + 1) !== "'s"
      )
        return;
      const subjects = [
        s,
        ...(rule === "part-of-tracked-as" || rule === "part-of-units"
          ? listAfter(unit, itemIndex(unit, s), new Set(["actor"])).map((x) => x.slot)
          : []),
      ];
      for (const sub of subjects)
        emit(ctx, {
          predicate,
          subject: sub.ref,
          object: objAgent && predicate === "attributed-to" ? o.agent : o.ref,
          value: null,
          evidence: matchRange(unit, m),
          trigger: groupRange(unit, m, "T") ?? matchRange(unit, m),
          rule,
          author: rule === "part-of-of" || rule === "part-of-possessive" || rule === "attributed-aligned",
          confidence: 0.7,
        });
    });
  eachMatch(ATTR_JOIN, unit.masked, (m) => {
    const g = slotOf(unit, m.groups!.G)!;
    if (g.code !== "grp" && !isGroupUse(unit, itemIndex(unit, g))) return;
    const s = slotOf(unit, m.groups!.S)!;
    emit(ctx, {
      predicate: "attributed-to",
      subject: s.ref,
      object: g.agent,
      value: null,
      evidence: matchRange(unit, m),
      trigger: groupRange(unit, m, "T")!,
      rule: "attributed-members-joined",
      confidence: 0.6,
    });
  });
  eachMatch(ATTR_ORIGIN, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S)!;
    const t = groupRange(unit, m, "T")!;
    const v = groupRange(unit, m, "V")!;
    const text = ctx.text.slice(t.start, v.end).replace(/[\s,.;]+$/, "");
    emit(ctx, {
      predicate: "attributed-to",
      subject: s.agent,
      object: null,
      value: { kind: "text", text },
      evidence: matchRange(unit, m),
      trigger: t,
      rule: "attributed-origin",
      confidence: 0.55,
    });
  });
}

// ---------------------------------------------------------------- tolerates, cooperates-with
const TOL_WITHOUT = rx(
  `(?<T>without) (?:the )?(?:knowledge|consent|approval|permission|blessing|authorization|authorisation) of (?:the )?(?:government of )?<S:ACTOR|ORG> `,
);
const TOL_KNOWS = rx(
  `<S:ACTOR|ORG> (?:~2 )?(?<T>knows|knew|know|is aware|was aware|are aware|were aware|has known|had known) (?:that |of |about )?~3 <O:ACTOR> `,
);
const TOL_CONSENT = rx(
  `(?:under|with) (?:<S:country|capital> 's|the) (?:tacit |silent |implicit |explicit |quiet )?(?<T>consent|approval|blessing|protection|knowledge|acquiescence|permission)(?: of (?:the )?<S2:ACTOR|ORG>)? `,
);
const TOL_VERB = rx(
  `<S:country|capital> ~3 (?<T>tolerates|tolerated|tolerate|allows|allowed|permits|permitted|harbors|harbours|harbored|harboured|shelters|sheltered|protects|protected|turns a blind eye to|turned a blind eye to|provides safe haven to|provided safe haven to|gives safe haven to) (?:the )?~2 <O:ACTOR> `,
);
const COOP_AND = rx(
  `<S:ACTOR> and <O:ACTOR> (?:[^\\s@;,]+ ){0,2}(?<T>exchange|exchanged|exchanging|share|shared|sharing|cooperate|cooperated|cooperating|collaborate|collaborated|collaborating|coordinate|coordinated|jointly|partnered|teamed|conspired|worked together|work together)\\b`,
);
const COOP_WITH = rx(
  `<S:ACTOR|ORG> ~3 (?<T>cooperates|cooperated|cooperating|cooperate|collaborates|collaborated|collaborating|collaborate|partnered|partners|teamed up|coordinates|coordinated|colludes|colluded|conspired|shares intelligence|shared intelligence|exchanges|exchanged|works closely|worked closely|work closely|allied) (?:closely )?with (?:the )?<O:ACTOR|ORG> `,
);
const COOP_BETWEEN = rx(
  `(?<T>cooperation|collaboration|partnership|alliance|collusion|coordination) between (?:the )?<S:ACTOR|ORG> and (?:the )?<O:ACTOR|ORG> `,
);
const COOP_HELP = rx(
  `<S:country|capital|actor> ~2 (?<T>helped|helps|assisted|assists|aided|aids|supported|supports|trained|trains|supplied|supplies|provided support to|provides support to|gave support to) (?:the )?<O:ACTOR> `,
);

/** First actor slot of the clause before item `before`, other than `not`: the clause's agent. */
function clauseAgent(
  unit: Unit,
  from: number,
  before: number,
  not: ArgRef,
): { slot: Slot; item: number } | null {
  let best: { slot: Slot; item: number } | null = null;
  for (let k = from; k < before; k++) {
    const s = slotAt(unit, k);
    if (!s || !ACTOR_CODES.has(s.code) || sameEntity(s.agent, not)) continue;
    if (/^(?:from|in|to|at|inside|across|into|near|within|against)$/.test(w(unit, k - 1))) continue;
    if (isGroupUse(unit, k)) return { slot: s, item: k };
    best ??= { slot: s, item: k };
  }
  return best;
}

function clauseFrom(unit: Unit, before: number): number {
  for (let k = before - 1; k >= 0; k--)
    if (
      /^(?:;|:|that|but|although|while|because|whereas)$/.test(w(unit, k)) ||
      (w(unit, k) === "," && REPORTING_VERBS.has(w(unit, k - 1)))
    )
      return k + 1;
  return 0;
}

function tolerateClaims(ctx: Ctx): void {
  const { unit } = ctx;
  eachMatch(TOL_WITHOUT, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S)!;
    const t = groupRange(unit, m, "T")!;
    const ti = unit.items.findIndex((it) => it.start === t.start);
    const o = clauseAgent(unit, clauseFrom(unit, ti), ti, s.agent);
    if (!o) return;
    emit(ctx, {
      predicate: "tolerates",
      subject: s.agent,
      object: o.slot.agent,
      value: null,
      evidence: span(unit, o.item, itemIndex(unit, s)),
      trigger: matchRange(unit, m),
      rule: "tolerates-without-knowledge",
      polarity: "negative",
      confidence: 0.7,
    });
  });
  eachMatch(TOL_CONSENT, unit.masked, (m) => {
    const s = slotOf(unit, m.groups!.S ?? m.groups!.S2);
    if (!s) return;
    const ti = itemAtOffset(unit, m.index);
    const o = clauseAgent(unit, clauseFrom(unit, ti), ti, s.agent);
    if (!o) return;
    emit(ctx, {
      predicate: "tolerates",
      subject: s.agent,
      object: o.slot.agent,
      value: null,
      evidence: span(unit, o.item, Math.max(ti, itemIndex(unit, s))),
      trigger: groupRange(unit, m, "T")!,
      rule: "tolerates-consent",
      confidence: 0.65,
    });
  });
  for (const [re, pred, rule] of [
    [TOL_KNOWS, "tolerates", "tolerates-knows"],
    [TOL_VERB, "tolerates", "tolerates-verb"],
    [COOP_AND, "cooperates-with", "cooperates-and"],
    [COOP_WITH, "cooperates-with", "cooperates-with"],
    [COOP_BETWEEN, "cooperates-with", "cooperates-between"],
    [COOP_HELP, "cooperates-with", "cooperates-helps"],
  ] as const)
    eachMatch(re, unit.masked, (m) => {
      const s = slotOf(unit, m.groups!.S)!;
      const o = slotOf(unit, m.groups!.O)!;
      if (rule === "tolerates-knows" && !isGroupUse(unit, itemIndex(unit, o)) && o.code !== "actor") return;
      emit(ctx, {
        predicate: pred,
        subject: s.agent,
        object: o.agent,
        value: null,
        evidence: matchRange(unit, m),
        trigger: groupRange(unit, m, "T")!,
        rule,
        confidence: 0.65,
      });
    });
}

function itemAtOffset(unit: Unit, offset: number): number {
  let k = 0;
  while (k + 1 < unit.offsets.length && unit.offsets[k + 1]! <= offset) k++;
  return k;
}

// ---------------------------------------------------------------- dates: founded, active-since, defected, occurred
const FOUNDED_T =
  /^(?:founded|established|created|formed|launched|inception|founding|establishment|creation|set)$/;
const ACTIVE_T = /^(?:began|begun|begin|begins|started|start|starts|emerged|since|first)$/;
const ACTIVE_CONTEXT =
  /\b(?:active|operating|operational|operation|operations|targeting|attacking|conducting|launching|running|hacking|spying|sending|seen|observed|spotted|appeared|emerged|began|begun|started|activity|activities)\b/;
const DEFECTED_T = /^(?:defected|defection|fled|escaped|defecting)$/;
const OCCURRED_T =
  /^(?:took|occurred|happened|struck|hit|launched|unleashed|spread|began|started|seeded|released|erupted|detected|discovered)$/;

function dateClaims(ctx: Ctx): void {
  const { unit, state } = ctx;
  const n = unit.items.length;
  const clause = (i: number) => /^(?:;|:|\.|but|although|while|whereas)$/.test(w(unit, i));
  for (let d = 0; d < n; d++) {
    const ds = slotAt(unit, d);
    if (ds?.code !== "date") continue;
    let best: { pred: Predicate; t: number; score: number } | null = null;
    const consider = (t: number, dist: number, after: boolean) => {
      const word = w(unit, t);
      let pred: Predicate | null = null;
      if (DEFECTED_T.test(word)) pred = "defected";
      else if (FOUNDED_T.test(word) && (word !== "set" || w(unit, t + 1) === "up")) pred = "founded";
      else if (ACTIVE_T.test(word)) {
        const ctxText = unit.items
          .slice(Math.max(0, t - 3), Math.min(n, t + 5))
          .map((it) => it.word)
          .join(" ");
        if (word === "since" || word === "first") {
          const between = unit.items
            .slice(t + 1, d)
            .map((it) => it.word)
            .join(" ");
          if (!ACTIVE_CONTEXT.test(ctxText)) return;
          if (word === "since" && !/^(?:|at least|as early as|early|late|the|at least the)$/.test(between))
            return;
        }
        pred = "active-since";
      } else if (OCCURRED_T.test(word)) pred = "occurred";
      if (!pred) return;
      const score = dist + (after ? 2 : 0);
      if (!best || score < best.score) best = { pred, t, score };
    };
    for (let k = d - 1; k >= 0 && d - k <= 10 && !clause(k); k--)
      if (!slotAt(unit, k)) consider(k, d - k, false);
    for (let k = d + 1; k < n && k - d <= 5 && !clause(k); k++)
      if (!slotAt(unit, k)) consider(k, k - d, true);
    const b = best as { pred: Predicate; t: number; score: number } | null;
    if (!b) continue;
    let subj: { slot: Slot; item: number } | null = null;
    const activeVoice =
      b.pred === "founded" &&
      !/^(?:was|were|been|being|is|are|newly|first|originally)$/.test(w(unit, b.t - 1));
    const want =
      b.pred === "defected"
        ? new Set(["person"])
        : b.pred === "occurred"
          ? new Set(["campaign", "malware"])
          : new Set(["actor", "org", "country", "capital", "grp", "campaign", "malware"]);
    // "X, a former officer who defected in 2019": the relative clause's antecedent.
    if (/^(?:who|which)$/.test(w(unit, b.t - 1))) {
      for (let k = b.t - 2; k >= 0 && b.t - k <= 16; k--) {
        const s = slotAt(unit, k);
        if (s && want.has(s.code) && !s.source.startsWith("coref:pronoun")) {
          subj = { slot: s, item: k };
          break;
        }
      }
    }
    for (let k = b.t - 1; k >= 0 && b.t - k <= 10 && !activeVoice && !subj; k--) {
      const s = slotAt(unit, k);
      if (clause(k)) break;
      if (!s || VALUE_CODES.has(s.code)) continue;
      if (want.has(s.code)) subj = { slot: s, item: k };
      break;
    }
    // Active voice with the entity after the verb: "X founded Bureau 121 in 1995", "the founding of X".
    if (!subj && b.pred === "founded") {
      for (let k = b.t + 1; k < n && k - b.t <= 3; k++) {
        if (k === d) break;
        const s = slotAt(unit, k);
        if (s && want.has(s.code)) {
          subj = { slot: s, item: k };
          break;
        }
      }
    }
    // "the malware was seeded in June 2017": the malware or campaign named last.
    let eventSubject: ArgRef | null = null;
    if (!subj && b.pred === "occurred" && state.lastEvent) {
      const back = unit.items.slice(Math.max(0, b.t - 4), b.t).map((it) => it.word);
      if (back.some((x) => OUTBREAK_NOUNS.test(x) || ATTACK_NOUNS.test(x))) eventSubject = state.lastEvent;
    }
    if (eventSubject) {
      emit(ctx, {
        predicate: "occurred",
        subject: eventSubject,
        object: null,
        value: dateValue(ds, ctx.text.slice(ds.start, ds.end)),
        evidence: span(unit, Math.min(d, b.t), Math.max(d, b.t)),
        trigger: span(unit, b.t, b.t),
        rule: `occurred-event-anaphor-${w(unit, b.t)}`,
        confidence: 0.5,
      });
      continue;
    }
    if (!subj) continue;
    const text = ctx.text.slice(ds.start, ds.end);
    const pred: Predicate =
      b.pred === "active-since" && /^(?:malware|campaign)$/.test(subj.slot.code) && w(unit, b.t) !== "since"
        ? "occurred"
        : b.pred;
    emit(ctx, {
      predicate: pred,
      subject: b.pred === "defected" ? subj.slot.ref : subj.slot.agent,
      object: null,
      value: dateValue(ds, text),
      evidence: span(unit, Math.min(subj.item, d, b.t), Math.max(subj.item, d, b.t)),
      trigger: span(unit, b.t, b.t),
      rule: `${pred}-${w(unit, b.t)}`,
      confidence: 0.7,
    });
  }
}

// ---------------------------------------------------------------- headcount, damage
const OWNER_BEFORE =
  /^(?:has|have|had|employs|employed|employ|comprises|comprised|numbers|numbered|includes|included|fields|fielded|boasts|with|of|maintains|trained|commands|runs|operates)$/;

function unitWordAfter(unit: Unit, q: number, nouns: Set<string>, qtyUnit: string | null): number {
  for (let k = q + 1; k < unit.items.length && k - q <= 5; k++) {
    const word = w(unit, k);
    if (nouns.has(word) || (qtyUnit && word === qtyUnit.toLowerCase())) return k;
    if (/^(?:,|;|\.|in|from|at|that|which|who|and)$/.test(word)) return -1;
  }
  return -1;
}

function countClaims(ctx: Ctx): void {
  const { unit } = ctx;
  const n = unit.items.length;
  let prev: { subject: ArgRef; end: number } | null = null;
  for (let q = 0; q < n; q++) {
    const qs = slotAt(unit, q);
    if (qs?.code !== "qty") continue;
    const attrs = qs.attrs as QuantityValue | undefined;
    const u = attrs?.kind === "quantity" ? attrs.unit : null;
    const end = unitWordAfter(unit, q, HEADCOUNT_UNITS, u && HEADCOUNT_UNITS.has(u.toLowerCase()) ? u : null);
    const legal = unit.items
      .slice(Math.max(0, q - 6), q)
      .some((it) =>
        /^(?:charged|indicted|indicts|arrested|named|names|sanctioned|accused|extradited|convicted|identified)$/.test(
          it.word,
        ),
      );
    if (end >= 0 && !legal) {
      let subject: ArgRef | null = null;
      let from = q;
      for (let k = q + 1; k < end; k++) {
        const s = slotAt(unit, k);
        if (s && (ACTOR_CODES.has(s.code) || s.code === "org")) subject = s.agent;
      }
      if (!subject && /^(?:of|from|within)$/.test(w(unit, end + 1))) {
        const s = slotAt(unit, end + 2) ?? (w(unit, end + 2) === "the" ? slotAt(unit, end + 3) : undefined);
        if (s && (ACTOR_CODES.has(s.code) || s.code === "org")) subject = s.agent;
      }
      if (!subject) {
        for (let k = q - 1; k >= 0 && q - k <= 7; k--) {
          const s = slotAt(unit, k);
          if (s && (ACTOR_CODES.has(s.code) || s.code === "org")) {
            const between = unit.items.slice(k + 1, q).map((it) => it.word);
            if (between.some((x) => OWNER_BEFORE.test(x)) || w(unit, k + 1) === "'s") {
              subject = s.agent;
              from = k;
            }
            break;
          }
          if (s) break;
        }
      }
      if (
        !subject &&
        prev &&
        unit.items
          .slice(prev.end + 1, q)
          .every((it) => /^(?:and|,|about|some|around|another|nearly|over)$/.test(it.word))
      )
        subject = prev.subject;
      if (subject) {
        const r = span(unit, q, end);
        emit(ctx, {
          predicate: "headcount",
          subject,
          object: null,
          value: {
            kind: "quantity",
            text: ctx.text.slice(r.start, r.end),
            ...(attrs?.kind === "quantity"
              ? {
                  value: attrs.value,
                  unit: attrs.unit,
                  approximate: attrs.approximate,
                  ...(attrs.min !== undefined ? { min: attrs.min, max: attrs.max } : {}),
                }
              : {}),
          },
          evidence: span(unit, from, end),
          trigger: span(unit, end, end),
          rule: "headcount",
          confidence: 0.7,
        });
        prev = { subject, end };
      }
      continue;
    }
    // Counts of harm: "infected 200,000 computers".
    const harmEnd = unitWordAfter(unit, q, HARM_UNITS, u);
    const harmVerb = [1, 2, 3].some((dd) =>
      /^(?:infected|affected|encrypted|wiped|destroyed|disabled|crippled|paralyzed|paralysed|compromised|stole|stolen|leaked|erased)$/.test(
        w(unit, q - dd),
      ),
    );
    if (harmEnd >= 0 && harmVerb && HARM_UNITS.has(w(unit, harmEnd))) {
      const s = subjectBackward(ctx, q, 20);
      const subject = s?.event ? eventReferent(ctx.state, s.noun ?? "") : (s?.slot?.agent ?? null);
      if (!subject || !s || s.slot?.code === "org") continue;
      const r = span(unit, q, harmEnd);
      emit(ctx, {
        predicate: "damage",
        subject,
        object: null,
        value: {
          kind: "quantity",
          text: ctx.text.slice(r.start, r.end),
          ...(attrs?.kind === "quantity"
            ? { value: attrs.value, unit: attrs.unit, approximate: attrs.approximate }
            : {}),
        },
        evidence: span(unit, s.item, harmEnd),
        trigger: r,
        rule: "damage-count",
        confidence: 0.55,
      });
    }
  }
}

const DAMAGE_WORDS =
  /\b(?:cost|costs|damage|damages|losses|loss|lost|stole|stolen|steal|stealing|theft|heist|worth|siphoned|extorted|laundered|looted|robbed)\b/;

function moneyClaims(ctx: Ctx, contentStart: number): void {
  const { unit } = ctx;
  unit.items.forEach((it, q) => {
    const s = it.slot;
    if (s?.code !== "money") return;
    const window = unit.items
      .slice(Math.max(0, q - 10), Math.min(unit.items.length, q + 4))
      .map((x) => x.word)
      .join(" ");
    if (!DAMAGE_WORDS.test(window)) return;
    let subject: ArgRef | null = null;
    let si = q;
    for (let k = q - 1; k >= 0 && q - k <= 14; k--) {
      const x = unit.items[k]!;
      if (x.start < contentStart) break;
      if (
        x.slot &&
        (ACTOR_CODES.has(x.slot.code) || /^(?:malware|campaign)$/.test(x.slot.code)) &&
        w(unit, k + 1) !== "'s" &&
        !/^(?:at|from|to|of|on|against|including|among|in|for|with)$/.test(w(unit, k - 1))
      ) {
        subject = x.slot.agent;
        si = k;
        break;
      }
      if (/^(?:;|\.)$/.test(x.word)) break;
    }
    const eventNoun = unit.items
      .slice(0, q)
      .map((x) => x.word)
      .filter(
        (x) =>
          OUTBREAK_NOUNS.test(x) ||
          /^(?:outage|outages|attack|attacks|breach|intrusion|heist|theft|incident)$/.test(x),
      )
      .pop();
    if (!subject && eventNoun) subject = eventOf(ctx.state, eventNoun);
    if (!subject && ctx.state.lastAttacker && unit.index - ctx.state.lastAttackerUnit <= 3)
      subject = ctx.state.lastAttacker;
    if (!subject) return;
    const a = s.attrs as MoneyValue | undefined;
    emit(ctx, {
      predicate: "damage",
      subject,
      object: null,
      value: {
        kind: "money",
        text: ctx.text.slice(s.start, s.end),
        ...(a?.kind === "money"
          ? {
              value: a.value,
              currency: a.currency,
              approximate: a.approximate,
              ...(a.min !== undefined ? { min: a.min, max: a.max } : {}),
            }
          : {}),
      },
      evidence: span(unit, si, q),
      trigger: span(unit, q, q),
      rule: si === q ? "damage-money-last-attacker" : "damage-money",
      confidence: si === q ? 0.5 : 0.65,
    });
  });
}

export interface UnitContext {
  /** Where the unit's speaker's content starts (the unit start when there is no speaker). */
  contentStart: number;
}

/** Finds the claims of each unit, in order (state such as the last attacker runs across units). */
export function findClaims(text: string, units: Unit[], contexts: UnitContext[]): Found[][] {
  const state: DocState = {
    lastAttacker: null,
    lastAttackerUnit: -99,
    lastEvent: null,
    lastCampaign: null,
    lastMalware: null,
  };
  return units.map((unit, i) => {
    const ctx: Ctx = { text, unit, out: [], state };
    roleClaims(ctx);
    affiliationClaims(ctx);
    attributionClaims(ctx);
    locatedClaims(ctx);
    attackClaims(ctx);
    usesClaims(ctx);
    eventClaims(ctx);
    tolerateClaims(ctx);
    dateClaims(ctx);
    countClaims(ctx);
    moneyClaims(ctx, contexts[i]?.contentStart ?? unit.start);
    for (const it of unit.items) {
      if (!it.slot || !/^(?:malware|campaign)$/.test(it.slot.code)) continue;
      state.lastEvent = it.slot.ref;
      if (it.slot.code === "campaign") state.lastCampaign = it.slot.ref;
      else state.lastMalware = it.slot.ref;
    }
    return ctx.out;
  });
}

export type { Item };
