/**
 * Rule-based names that the statistical NER model, trained on 1990s Reuters news, tends to miss:
 *
 * - East Asian personal names: a known family name followed by a romanized given name, hyphenated
 *   or spaced ("Kim Heung-Kwang", "Seo Sang-ki", "Park Jin Hyok", "Kim Jong Un"), and given-first
 *   bylines of the same families ("Youmi Kim" after a title word such as "Producer");
 * - organizations named by a head noun ("… Agency", "… Service", "… Solidarity", "… Center of the
 *   Korean National Police Agency"), and a short list of news outlets reports cite by short name.
 *
 * Hand-written because these are closed patterns over the project's own surname table (src/resolve)
 * and a head-noun vocabulary; they complement the model rather than replace it.
 */
import type { Mention, Range } from "../model/types.js";
import { OUTLETS as OUTLET_NAMES } from "../normalize/outlets.js";
import { canonicalSurname } from "../resolve/names.js";

const SYLLABLE = String.raw`[A-Z][a-z]{0,5}(?:-[A-Za-z][a-z]{0,5})?`;
// Family name, then one hyphenated given name or two/three spaced syllables.
const EAST_ASIAN_RE = new RegExp(
  String.raw`\b([A-Z][a-z]{1,5})\s+(${SYLLABLE}(?:\s+[A-Z][a-z]{1,5}){0,2})\b`,
  "g",
);
// "Producer Youmi Kim", "lawmaker Jane Doe": a role word, then Given Family.
const TITLED_RE =
  /\b(?:[Pp]roducer|[Rr]eporter|[Ll]awmaker|[Cc]orrespondent|[Ee]ditor|[Aa]nalyst|[Rr]esearcher|[Dd]efector|[Pp]rofessor|[Cc]hairman|[Pp]resident|[Mm]inister|[Ss]pokes(?:wo)?man|[Dd]irector|[Aa]mbassador|[Ss]enator|[Gg]eneral|[Aa]dviser)\s+((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){1,2}[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)\b/g;

/** Words that look like syllables but start sentences or name things other than people. */
const NOT_GIVEN = new Set(
  "The And But For Said Says Told Was Were Has Had Is Are Of In On At To By As Its It He She They We You Our Group Army Party Province Corps Bureau Unit University Agency Service Company Labs Times News Post Daily".split(
    " ",
  ),
);

const ORG_HEADS =
  "Agency|Service|Services|Center|Centre|Bureau|Command|Committee|Commission|Council|Assembly|Ministry|Department|Office|Institute|University|Solidarity|Association|Federation|Foundation|Corporation|Corp|Company|Inc|Ltd|Group|Party|Police|Army|Navy|Force|Forces|Guard|Bank|Authority|Organization|Organisation|Network|Labs|Laboratory|Administration|Directorate|Court|Parliament|Congress|Senate|Union|Alliance|Times|Post|Herald|Journal|Tribune|Observer|Sentinel|Ledger|Daily|Wire|News|Radio|Television|TV";
const CAP_WORD = String.raw`(?:[A-Z][A-Za-z&.'’-]*|[A-Z]{2,})`;
const ORG_RE = new RegExp(
  String.raw`\b((?:${CAP_WORD}\s+){1,5}(?:${ORG_HEADS})(?:\s+(?:of|for)\s+(?:the\s+)?(?:${CAP_WORD}\s+){0,4}(?:${CAP_WORD}))?)\b`,
  "g",
);
const HEAD_AT_END = new RegExp(String.raw`\b(?:${ORG_HEADS})$`);
const ORG_STOP_START = new Set(
  "The A An In On At For And But This That These Those Its His Her Their Our Seoul's".split(" "),
);

/** Outlets and agencies that reports cite by name or short form. */
const OUTLETS = [
  "CNN",
  "BBC",
  "Reuters",
  "Associated Press",
  "AP",
  "AFP",
  "VOA",
  "Voice of America",
  "KBS",
  "KBS TV",
  "Yonhap",
  "NHK",
  "Radio Free Asia",
  "The New York Times",
  "The Washington Post",
  "The Wall Street Journal",
  "Bloomberg",
  "FireEye",
  "Mandiant",
  "CrowdStrike",
  "Kaspersky",
  "Symantec",
  "Microsoft",
  "Google",
];
const OUTLET_RE = new RegExp(
  String.raw`\b(${[...OUTLETS]
    .sort((a, b) => b.length - a.length)
    .map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})\b`,
  "g",
);

// Numbered military or intelligence units and named APT groups are threat actors in Dossier's model.
const UNIT_RE = /\b(?:(?:Bureau|Unit|Military Unit)\s+\d{2,5}|APT\s?\d{1,3}|(?:TA|UNC|FIN)\d{2,4})\b/g;

/** Classes of victims, by the words reports use for them. */
const SECTORS = [
  "banks",
  "banking",
  "financial institutions",
  "financial sector",
  "media",
  "government agencies",
  "government organizations",
  "gas",
  "electricity",
  "electric power",
  "power grid",
  "power companies",
  "utilities",
  "transportation",
  "nuclear power",
  "nuclear plants",
  "telecommunications",
  "hospitals",
  "healthcare",
  "health care",
  "defense contractors",
  "defence contractors",
  "aerospace",
  "universities",
  "think tanks",
  "journalists",
  "cryptocurrency exchanges",
  "casinos",
  "shipping",
  "ports",
  "airlines",
  "energy",
  "oil and gas",
  "water utilities",
  "manufacturing",
  "retail",
  "election systems",
  "critical infrastructure",
];
const SECTOR_RE = new RegExp(
  String.raw`\b(?:major\s+)?(${SECTORS.sort((a, b) => b.length - a.length).join("|")})\b`,
  "g",
);

/** Sector words the NER model may tag; anything else it calls a sector is dropped. */
export function isSectorPhrase(phrase: string): boolean {
  const p = phrase.toLowerCase().replace(/^(?:the|major|several|many|other)\s+/, "");
  return SECTORS.some((s) => p === s || p.endsWith(` ${s}`) || p.startsWith(`${s} `));
}

// Bodies named by function and parent, in lower case: "the intelligence committee of South Korea's
// National Assembly", "the foreign affairs committee of the Senate".
const COMMITTEE_RE =
  /\b((?:[a-z]+\s+){1,2}(?:committee|subcommittee|commission))\s+of\s+(?:the\s+)?(?:[A-Z][\p{L}]*(?:['’]s)?\s+){0,3}(?:National Assembly|Assembly|Parliament|Senate|Congress|House|Council|Duma|Diet)\b/gu;
const NOT_COMMITTEE_WORD = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "this",
  "that",
  "with",
  "of",
  "and",
]);

function inBody(body: Range[], start: number, end: number): boolean {
  return body.some((b) => start >= b.start && end <= b.end);
}

export function extractNames(text: string, body: Range[]): Mention[] {
  const out: Mention[] = [];
  const push = (
    start: number,
    end: number,
    label: "person" | "organization",
    source: string,
    confidence: number,
  ) => {
    if (!inBody(body, start, end)) return;
    out.push({ start, end, text: text.slice(start, end), label, source, confidence });
  };

  for (const m of text.matchAll(EAST_ASIAN_RE)) {
    const [, family, given] = m;
    if (!family || !given || canonicalSurname(family) === undefined) continue;
    const parts = given.split(/\s+/);
    if (parts.some((p) => NOT_GIVEN.has(p))) continue;
    // A hyphenated given name, or two or three short spaced syllables: "Sang-ki", "Jong Un", "Jin Hyok".
    const syllabic = given.includes("-") || (parts.length >= 2 && parts.every((p) => p.length <= 5));
    if (!syllabic) continue;
    push(m.index, m.index + m[0].length, "person", "rules:person", 0.85);
  }
  for (const m of text.matchAll(TITLED_RE)) {
    const name = m[1]!;
    const start = m.index + m[0].length - name.length;
    const last = name.split(/\s+/).pop()!;
    if (canonicalSurname(last) === undefined && canonicalSurname(name.split(/\s+/)[0]!) === undefined)
      continue;
    push(start, start + name.length, "person", "rules:person", 0.75);
  }
  for (const m of text.matchAll(ORG_RE)) {
    let start = m.index;
    let name = m[1]!;
    // Drop a leading article or possessive country ("South Korea's National Intelligence Service").
    for (;;) {
      const first = /^(\S+)\s+/.exec(name);
      if (!first) break;
      if (
        ORG_STOP_START.has(first[1]!) ||
        /['’]s$/.test(first[1]!) ||
        (/^(?:North|South)$/.test(first[1]!) && /['’]s\s/.test(name))
      ) {
        start += first[0].length;
        name = name.slice(first[0].length);
        continue;
      }
      break;
    }
    // "Cyber Terror Response Center of the Korean National Police Agency" is two organizations, one
    // part of the other; "Ministry of Foreign Affairs" is one.
    const of = /\s+(?:of|for)\s+(?:the\s+)?/.exec(name);
    if (of && HEAD_AT_END.test(name.slice(of.index + of[0].length))) name = name.slice(0, of.index);
    if (name.split(/\s+/).length < 2) continue;
    push(start, start + name.length, "organization", "rules:organization", 0.7);
    if (of && name.length < m[1]!.length) {
      const rest = m.index + m[0].length;
      const tail = /(?:\S+\s+){0,5}\S+$/.exec(text.slice(start + name.length + of[0].length, rest));
      if (tail) push(rest - tail[0].length, rest, "organization", "rules:organization", 0.7);
    }
  }
  for (const m of text.matchAll(OUTLET_RE)) {
    const start = m.index;
    if (!inBody(body, start, start + m[0].length)) continue;
    out.push({
      start,
      end: start + m[0].length,
      text: m[0],
      label: "organization",
      source: "rules:organization",
      canonical: OUTLET_NAMES[m[0]] ?? m[0],
      confidence: 0.8,
    });
  }
  for (const m of text.matchAll(COMMITTEE_RE)) {
    const words = m[1]!.split(/\s+/);
    while (words.length > 1 && NOT_COMMITTEE_WORD.has(words[0]!)) words.shift();
    if (words.length < 2) continue;
    const name = words.join(" ");
    const start = m.index + m[1]!.length - name.length;
    if (!inBody(body, start, start + name.length)) continue;
    out.push({
      start,
      end: start + name.length,
      text: name,
      label: "organization",
      source: "rules:organization",
      confidence: 0.7,
    });
  }
  for (const m of text.matchAll(UNIT_RE)) {
    const start = m.index;
    if (!inBody(body, start, start + m[0].length)) continue;
    out.push({
      start,
      end: start + m[0].length,
      text: m[0],
      label: "threat-actor",
      source: "rules:actor",
      confidence: 0.8,
    });
  }
  for (const m of text.matchAll(SECTOR_RE)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (!inBody(body, start, start + m[1]!.length)) continue;
    out.push({
      start,
      end: start + m[1]!.length,
      text: m[1]!,
      label: "sector",
      source: "rules:sector",
      confidence: 0.7,
    });
  }
  return out;
}
