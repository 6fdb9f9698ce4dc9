/**
 * Dates: finds date expressions in the body and normalizes them to ISO 8601 (DateValue).
 *
 * chrono-node recognizes month/day/weekday expressions and deictic ones ("This month", "on Tuesday",
 * "two years ago") against the publication date. Around it, hand-written rules cover what chrono
 * does not: bare years in date context ("in 2004", "the 2013 attacks", but not "2004 computers"),
 * decades ("since the 1990s"), year ranges, "early 2013", quarters, and anaphoric expressions
 * ("ten years later") which resolve against the last explicit year before them, not against the
 * publication date. Precision is capped by what the reference gives: with a month-only publication
 * date, "on Tuesday" can only be placed in that month.
 */
import * as chrono from "chrono-node";
import type { DateValue, Mention, Range } from "../model/types.js";
import { bodySlices } from "./body.js";
import { parseNumberWords } from "./numbers.js";

/** The publication date as a reference point, with its own granularity. */
interface Reference {
  year: number;
  month: number | null;
  day: number | null;
  precision: "year" | "month" | "day";
  date: Date;
}

interface Candidate {
  start: number;
  end: number;
  value: DateValue | null;
  confidence: number;
  /** "anaphoric" candidates are resolved after sorting, against the running anchor. */
  kind: "explicit" | "deictic" | "anaphoric";
  /** For anaphoric candidates: offset in years or months, or "same year". */
  shift?: { years: number; months: number };
  /** True when `value` names a year written in the text (it becomes the anchor). */
  anchors: boolean;
  priority: number;
}

const SOURCE = "rules:date";

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** Month names that are also ordinary words, and abbreviations: need a date context to count. */
const WORDY_MONTHS = new Set(["may", "march", "august"]);

/** Words before a lone month name that make it a date: "in May", "since March". */
const MONTH_CUES = new Set(
  "in since until till by during from of early late mid last next this through between and to before after".split(
    " ",
  ),
);

/** Words before a bare year that make it a date. */
const STRONG_PREPS = new Set([
  "in",
  "since",
  "until",
  "till",
  "from",
  "during",
  "between",
  "circa",
  "c.",
  "ca.",
  "through",
  "throughout",
  "year",
  "early",
  "late",
  "mid",
  "spring",
  "summer",
  "autumn",
  "fall",
  "winter",
  "beginning",
  "end",
  "start",
  "middle",
]);
/** Weaker date cues: "by 2004", "of 2013", "around 2010", unless a counted noun follows. */
const WEAK_PREPS = new Set(["by", "of", "after", "before", "around", "about", "for", "and", "or", "to"]);

/** Nouns after a year that name an event or period: "the 2013 attacks", "2014 elections". */
const EVENT_NOUNS = new Set(
  (
    "attack attacks cyberattack cyberattacks hack hacks hacking breach breaches incident incidents campaign " +
    "campaigns operation operations intrusion intrusions election elections olympics games report reports " +
    "war wars crisis invasion conflict compromise leak leaks outbreak summit sanctions indictment " +
    "indictments law act budget season census survey edition study heist heists theft thefts espionage " +
    "activity wave spree revolution coup protests protest uprising elections strike strikes " +
    "bombing bombings shooting agreement treaty deal talks meeting conference review assessment " +
    "strategy plan fiscal financial edition version cup games exercise exercises midterms"
  ).split(" "),
);
/** Adjectives that may stand between a year and its event noun: "the 2013 cyber attacks". */
const EVENT_ADJECTIVES = new Set(
  "cyber major massive large destructive ransomware wiper ddos data network presidential general parliamentary".split(
    " ",
  ),
);
/** Products whose names end in a year: "Windows 2000", "Office 2013". */
const PRODUCT_WORDS = new Set(
  "windows office server exchange sql studio word excel outlook version v ver visual sharepoint".split(" "),
);

const YEAR = String.raw`(?:19|20)\d{2}`;

/** Parses "2013", "2013-11", "2015-01-07" (or a longer ISO timestamp) into a reference. */
export function parseReference(published: string | null): Reference | null {
  if (!published) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  const precision = day !== null ? "day" : month !== null ? "month" : "year";
  // chrono works in local time; noon keeps the reference inside its day in every time zone.
  const date = new Date(year, (month ?? 7) - 1, day ?? (month !== null ? 15 : 1), 12);
  return { year, month, day, precision, date };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function isoOf(year: number, month?: number | null, day?: number | null): string {
  if (month == null) return String(year);
  if (day == null) return `${year}-${pad2(month)}`;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function dateValue(iso: string, precision: DateValue["precision"], approximate = false): DateValue {
  return { kind: "date", iso, precision, approximate };
}

/** The word before `index` in `s` (lower-case, without surrounding punctuation), or "". */
function wordBefore(s: string, index: number): string {
  const m = /([A-Za-z][A-Za-z.]*)[\s-]*$/.exec(s.slice(Math.max(0, index - 30), index));
  if (!m) return "";
  // Keep the period of short abbreviations ("c.", "ca."), drop a sentence period after a word.
  const w = m[1]!.toLowerCase();
  return w.length > 3 ? w.replace(/\.$/, "") : w;
}

/** Up to `n` lower-case words after `index`. */
function wordsAfter(s: string, index: number, n: number): string[] {
  const out: string[] = [];
  const re = /\s*([A-Za-z][A-Za-z-]*)/y;
  re.lastIndex = index;
  for (let i = 0; i < n; i++) {
    const m = re.exec(s);
    if (!m) break;
    out.push(m[1]!.toLowerCase());
  }
  return out;
}

const looksPlural = (w: string) => /[a-z]{2,}s$/.test(w) && !/(?:ss|us|is)$/.test(w);

/** Anaphoric counts: "ten years later", "a year after", "two decades earlier". */
const ANAPHORIC_RE = new RegExp(
  String.raw`\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d{1,2})` +
    String.raw`\s+(years?|decades?|months?)\s+(later|afterwards?|earlier|before|after|on)\b` +
    String.raw`|\bthe\s+(following|next|previous|preceding)\s+year\b` +
    String.raw`|\bthe\s+year\s+(after|before)\b` +
    String.raw`|\b(?:that|the)\s+same\s+year\b`,
  "gi",
);

const DECADE_RE = /(?<![\w'’-])(?:(early|mid|late)[\s-]+)?(?:((?:1[89]|20)\d0)|['’](\d)0)s\b/gi;
const RANGE_RE = new RegExp(
  String.raw`(?<![\w./:-])(?:(from|between)\s+)?(${YEAR})\s*(?:(-|–|—)\s*|\s(to|and|through|until)\s+)(${YEAR}|\d{2})(?![\w.]|-\d)`,
  "gi",
);
const QUALIFIED_YEAR_RE = new RegExp(
  String.raw`\b(early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of|(?:early\s+|late\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?)[\s-]+(${YEAR})(?![\w.]|-\d)`,
  "gi",
);
const QUARTER_RE = new RegExp(
  String.raw`\b(?:Q([1-4])|(first|second|third|fourth)\s+quarter\s+of)\s+(${YEAR})\b`,
  "g",
);
const BARE_YEAR_RE = new RegExp(String.raw`(?<![\w$€£¥.,/:#-])(${YEAR})(?![\w%]|[.,:/]\d|-\d)`, "g");

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Hand-written patterns over one slice; offsets are slice-relative. */
function ruleCandidates(s: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (c: Omit<Candidate, "anchors" | "priority"> & Partial<Candidate>) =>
    out.push({ anchors: false, priority: 1, ...c });

  for (const m of s.matchAll(ANAPHORIC_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]) {
      const dir = m[3]!.toLowerCase();
      // "two years before the attack" counts from the attack, not from the last year named.
      if (dir === "before" || dir === "after") {
        const rest = s.slice(end, end + 20);
        if (!/^\s*(?:[,.;:!?)]|$|(?:it|he|she|they|we|and|but|when|in|to)\b)/i.test(rest)) continue;
      }
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : /^an?$/i.test(m[1]) ? 1 : parseNumberWords(m[1]);
      if (n === null) continue;
      const unit = m[2]!.toLowerCase();
      const sign = dir === "earlier" || dir === "before" ? -1 : 1;
      const years = unit.startsWith("decade") ? 10 * n : unit.startsWith("year") ? n : 0;
      const months = unit.startsWith("month") ? n : 0;
      push({
        start,
        end,
        value: null,
        confidence: 0.8,
        kind: "anaphoric",
        shift: { years: sign * years, months: sign * months },
      });
    } else {
      const which = (m[4] ?? m[5] ?? "same").toLowerCase();
      const years =
        which === "following" || which === "next" || which === "after" ? 1 : which === "same" ? 0 : -1;
      push({ start, end, value: null, confidence: 0.7, kind: "anaphoric", shift: { years, months: 0 } });
    }
  }

  for (const m of s.matchAll(DECADE_RE)) {
    const decade = m[2]
      ? Number(m[2])
      : Number(m[3]) >= 3
        ? 1900 + 10 * Number(m[3])
        : 2000 + 10 * Number(m[3]);
    const mod = m[1]?.toLowerCase();
    const [a, b] =
      mod === "early"
        ? [0, 3]
        : mod === "mid"
          ? [3, 6]
          : mod === "late"
            ? [7, 9]
            : ([0, 9] as [number, number]);
    push({
      start: m.index,
      end: m.index + m[0].length,
      value: dateValue(`${decade + a}/${decade + b}`, "interval", mod !== undefined),
      confidence: 0.9,
      kind: "explicit",
    });
  }

  for (const m of s.matchAll(RANGE_RE)) {
    const y1 = Number(m[2]);
    let y2 = Number(m[5]);
    if (m[5]!.length === 2) y2 = Math.floor(y1 / 100) * 100 + y2;
    if (!(y2 > y1 && y2 - y1 <= 100)) continue;
    const word = m[4]?.toLowerCase();
    // "2010 to 2012" only with "from"/"between" before it; "2010 and 2012" only after "between".
    if (word && !m[1]) continue;
    if (word === "and" && m[1]!.toLowerCase() !== "between") continue;
    const start = m.index + (m[1] ? m[0].indexOf(m[2]!, m[1].length) : 0);
    push({
      start,
      end: m.index + m[0].length,
      value: dateValue(`${y1}/${y2}`, "interval"),
      confidence: 0.9,
      kind: "explicit",
      anchors: false,
    });
  }

  for (const m of s.matchAll(QUALIFIED_YEAR_RE)) {
    push({
      start: m.index,
      end: m.index + m[0].length,
      value: dateValue(m[2]!, "year", true),
      confidence: 0.9,
      kind: "explicit",
      anchors: true,
    });
  }

  for (const m of s.matchAll(QUARTER_RE)) {
    const q = m[1] ? Number(m[1]) : QUARTER_WORDS[m[2]!.toLowerCase()]!;
    const y = m[3]!;
    push({
      start: m.index,
      end: m.index + m[0].length,
      value: dateValue(`${y}-${pad2(3 * q - 2)}/${y}-${pad2(3 * q)}`, "interval"),
      confidence: 0.9,
      kind: "explicit",
      anchors: true,
    });
  }

  for (const m of s.matchAll(BARE_YEAR_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const confidence = bareYearConfidence(s, start, end, out);
    if (confidence === 0) continue;
    push({
      start,
      end,
      value: dateValue(m[1]!, "year"),
      confidence,
      kind: "explicit",
      anchors: true,
      priority: 0,
    });
  }
  return out;
}

/** How sure a bare year is a date, from the words around it; 0 when it is not one. */
function bareYearConfidence(s: string, start: number, end: number, earlier: readonly Candidate[]): number {
  const before = wordBefore(s, start);
  if (PRODUCT_WORDS.has(before)) return 0;
  const after = wordsAfter(s, end, 2);
  const next = after[0] ?? "";
  const nextIsEvent =
    EVENT_NOUNS.has(next) ||
    (EVENT_ADJECTIVES.has(next) && after[1] !== undefined && EVENT_NOUNS.has(after[1]));
  // Directly followed by a counted plural noun: "2004 computers" is a quantity.
  const counted = /^\s+[a-z]/.test(s.slice(end, end + 2)) && looksPlural(next) && !nextIsEvent;
  if (STRONG_PREPS.has(before)) return 0.9;
  if (/^['’]s\b/.test(s.slice(end, end + 3))) return 0.85;
  if (nextIsEvent) return 0.8;
  if (counted) return 0;
  if (WEAK_PREPS.has(before)) {
    // "and"/"or"/"to" count only right after another date: "in 2004 and 2005".
    if (before === "and" || before === "or" || before === "to") {
      const prev = earlier.filter((c) => c.value !== null && c.end <= start && start - c.end <= 12);
      return prev.length > 0 ? 0.85 : 0;
    }
    return 0.75;
  }
  if (/,\s*$/.test(s.slice(Math.max(0, start - 3), start))) {
    const prev = earlier.filter((c) => c.value !== null && c.end <= start && start - c.end <= 4);
    if (prev.length > 0) return 0.85;
  }
  if (s[start - 1] === "(" && s[end] === ")") return 0.7;
  if (/^\s+(?:was|saw|is|has|had|will|marked|brought)\b/.test(s.slice(end, end + 10))) return 0.7;
  return 0;
}

/** Converts one chrono result into a candidate, or null when it is not a usable date. */
function chronoCandidate(s: string, r: chrono.ParsedResult, ref: Reference | null): Candidate | null {
  let start = r.index;
  let end = r.index + r.text.length;
  let raw = r.text;
  // Drop a leading preposition and trailing punctuation from the span.
  const lead = /^(?:on|in|at|by|since|from|during|until|till)\s+/i.exec(raw);
  if (lead) {
    start += lead[0].length;
    raw = raw.slice(lead[0].length);
  }
  const trail = /[\s,.;:]+$/.exec(raw);
  if (trail && !/\b[A-Za-z]{3,4}\.$/.test(raw)) {
    end -= trail[0].length;
    raw = raw.slice(0, raw.length - trail[0].length);
  }
  if (!raw) return null;
  const tags = r.tags();
  if (tags.has("casualReference/now")) return null;
  // Anaphoric counts ("a few years later") are not about the publication date.
  if (/\b(?:later|afterwards?|earlier|before|after|hence|from now)\b/i.test(raw)) return null;
  // Durations ("for several years", "in 10 days") are not dates; keep "ago", "last", "past", "this".
  if (tags.has("result/relativeDate") && !/\b(?:ago|last|next|this|past|previous)\b/i.test(raw)) return null;
  // "the past six months", "the next 35 years": spans of time up to or from now, not a point in it.
  if (
    /\b(?:last|next|past|previous|coming)\s+(?:\w+\s+)?(?:\w+\s+)?(?:years|months|weeks|days|decades)\b/i.test(
      raw,
    )
  )
    return null;
  // Numbers only and no year ("5/7", "3.4"): fractions, scores and versions more often than dates.
  if (/^[\d\s./-]+$/.test(raw) && !new RegExp(String.raw`\b${YEAR}\b|\d{1,2}/\d{1,2}/\d{2}\b`).test(raw))
    return null;

  const c = r.start;
  const hasYear = c.isCertain("year");
  const hasMonth = c.isCertain("month");
  const hasDay = c.isCertain("day");
  const hasWeekday = c.isCertain("weekday");
  if (!hasYear && !hasMonth && !hasDay && !hasWeekday) return null;

  // A month name alone must be written as a name, and the ones that are also words need a cue.
  const bare = /^(?:mid-)?([A-Za-z]+)\.?$/.exec(raw);
  if (bare && hasMonth && !hasDay && !hasYear) {
    const word = bare[1]!;
    if (!/^[A-Z]/.test(word)) return null;
    const lower = word.toLowerCase();
    if (!(lower in MONTHS)) return null;
    if (WORDY_MONTHS.has(lower) || lower.length <= 4) {
      if (!lead && !MONTH_CUES.has(wordBefore(s, start))) return null;
    }
  }
  if (bare && hasWeekday && !hasMonth && !hasDay) {
    if (!/^[A-Z][a-z]{5,}$/.test(bare[1]!)) return null;
  }

  const explicitYear = new RegExp(String.raw`\b${YEAR}\b|['’]\d{2}\b`).test(raw);
  const deictic = !explicitYear;
  if (deictic && !ref) return null;
  // chrono reads "9.9.9440" as a date in the year 9440.
  if (c.isCertain("year") && (c.get("year")! < 1900 || c.get("year")! > 2099)) return null;

  let value: DateValue | null = null;
  let confidence = 0.95;
  const year = c.get("year")!;
  const month = c.get("month")!;
  const day = c.get("day")!;
  const relative = tags.has("result/relativeDate") || [...tags].some((t) => t.startsWith("casualReference"));

  if (explicitYear) {
    value = hasMonth
      ? dateValue(isoOf(year, month, hasDay ? day : null), hasDay ? "day" : "month")
      : dateValue(isoOf(year), "year");
  } else if (ref && hasWeekday && !hasDay && !hasMonth) {
    // "on Tuesday": the latest such weekday not after the reference.
    if (ref.precision !== "day") {
      value = dateValue(isoOf(ref.year, ref.month), ref.month ? "month" : "year", true);
      confidence = 0.5;
    } else {
      const refUtc = Date.UTC(ref.year, ref.month! - 1, ref.day!);
      const diff = (new Date(refUtc).getUTCDay() - c.get("weekday")! + 7) % 7;
      const d = new Date(refUtc - diff * 86400000);
      value = dateValue(isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), "day");
      confidence = 0.8;
    }
  } else if (ref && hasMonth && !hasYear) {
    // "In October": the latest October not after the reference.
    const y = ref.month !== null && month > ref.month ? ref.year - 1 : ref.year;
    if (hasDay && ref.month !== null && ref.day !== null && month === ref.month && day > ref.day) {
      value = dateValue(isoOf(y - 1, month, day), "day");
    } else
      value = dateValue(isoOf(y, month, hasDay ? day : null), hasDay ? "day" : "month", ref.month === null);
    confidence = 0.85;
  } else if (ref) {
    // Deictic: "This month", "this year", "two years ago", "yesterday", "last week".
    const want = hasDay ? "day" : hasMonth ? "month" : "year";
    const rank = { year: 0, month: 1, day: 2 } as const;
    const loose = /\bweeks?\b|\bpast\b|\brecent/i.test(raw);
    if (rank[want] > rank[ref.precision]) {
      // The reference is coarser than the expression: say only what it allows.
      value = dateValue(isoOf(ref.year, ref.month), ref.precision === "day" ? "day" : ref.precision, true);
      if (want === "month" && ref.precision === "year") value = dateValue(isoOf(ref.year), "year", true);
      confidence = 0.55;
    } else {
      value = dateValue(
        isoOf(year, want !== "year" ? month : null, want === "day" ? day : null),
        want,
        loose,
      );
      confidence = relative ? 0.85 : 0.8;
    }
  }
  if (!value) return null;

  if (r.end && explicitYear && r.end.isCertain("year")) {
    const e = r.end;
    const endIso = isoOf(
      e.get("year")!,
      e.isCertain("month") ? e.get("month") : null,
      e.isCertain("day") ? e.get("day") : null,
    );
    value = dateValue(`${value.iso}/${endIso}`, "interval", value.approximate);
  }

  // "earlier this year", "early this month", "late last year": widen the span to the modifier.
  const mod = /\b(earlier|early|later|late|mid)[\s-]*$/i.exec(s.slice(Math.max(0, start - 10), start));
  if (mod && !explicitYear) {
    start -= mod[0].length;
    const w = mod[1]!.toLowerCase();
    if (w === "early" || w === "late" || w === "mid") value = { ...value, approximate: true };
  }
  return {
    start,
    end,
    value,
    confidence,
    kind: explicitYear ? "explicit" : "deictic",
    anchors: explicitYear && hasYear,
    priority: 1,
  };
}

/** Keeps the longest of overlapping candidates (then the higher priority and confidence). */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || b.confidence - a.confidence,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Date mentions in the body of `text`, normalized against the publication date `published`
 * ("2013-11", "2015-01-07" or null: then only dates that carry their own year are kept).
 */
export function extractDates(text: string, body: Range[], published: string | null): Mention[] {
  const ref = parseReference(published);
  const all: Candidate[] = [];
  for (const slice of bodySlices(text, body)) {
    const s = slice.text;
    const rules = ruleCandidates(s);
    const found = [...rules];
    const results = ref ? chrono.casual.parse(s, ref.date) : chrono.casual.parse(s, new Date(2000, 0, 1, 12));
    for (const r of results) {
      const c = chronoCandidate(s, r, ref);
      if (c) found.push(c);
    }
    for (const c of resolveOverlaps(found))
      all.push({ ...c, start: c.start + slice.offset, end: c.end + slice.offset });
  }

  // Anaphoric expressions take the last year written before them (or the last one they resolved to).
  const mentions: Mention[] = [];
  let anchor: { year: number; month: number | null } | null = null;
  for (const c of all) {
    let value = c.value;
    if (c.kind === "anaphoric") {
      if (!anchor || !c.shift) continue;
      if (c.shift.months !== 0) {
        if (anchor.month === null) continue;
        const total: number = anchor.year * 12 + (anchor.month - 1) + c.shift.months;
        value = dateValue(isoOf(Math.floor(total / 12), (total % 12) + 1), "month");
        anchor = { year: Math.floor(total / 12), month: (total % 12) + 1 };
      } else {
        value = dateValue(String(anchor.year + c.shift.years), "year");
        anchor = { year: anchor.year + c.shift.years, month: null };
      }
    } else if (c.anchors && value) {
      const m = /^(\d{4})(?:-(\d{2}))?/.exec(value.iso);
      if (m) anchor = { year: Number(m[1]), month: m[2] ? Number(m[2]) : null };
    }
    if (!value) continue;
    mentions.push({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      label: "date",
      source: SOURCE,
      canonical: value.iso,
      attrs: value,
      confidence: c.confidence,
    });
  }
  return mentions;
}
