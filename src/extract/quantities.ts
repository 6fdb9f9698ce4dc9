/**
 * Quantities and money: "about 1,700 North Korean hackers", "tens of thousands of computers",
 * "$800 million", "€2.5bn", "more than 100", "nearly 80".
 *
 * Hand-written: the values need exact offsets, the counted noun ("hackers", not "North Korean")
 * and hedges ("about", "more than"), and must leave alone what only looks like a number: years,
 * dates, versions, CVE ids, IP addresses, names such as "Bureau 121". No library does that.
 *
 * The span covers the hedge, the number and the currency, never the counted noun phrase, so that
 * "North Korean" in "1,700 North Korean hackers" stays free for the gazetteer; the noun is `unit`.
 */
import type { Mention, MoneyValue, QuantityValue, Range } from "../model/types.js";
import { bodySlices } from "./body.js";
import { NUMBER_WORDS_SOURCE, parseDigits, parseNumberWords } from "./numbers.js";

const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const VAGUE = String.raw`(?:tens|hundreds|thousands|millions|billions|dozens|scores)(?:\s+of\s+(?:thousands|millions|billions))?|(?:several|a\s+few|a\s+couple\s+of)\s+(?:dozen|hundred|thousand|million|billion)`;

// One match per number: digits (with an attached scale such as "2.5bn"), number words, or a vague amount.
const NUMBER_RE = new RegExp(
  String.raw`(?<![\w.,/:#@+=%-])(?:(${DIGITS})(bn|mn|mln|tn|trn|m|k|b|K|M|B)?|(?:(a)\s+)?(${NUMBER_WORDS_SOURCE})|(${VAGUE}))(?![\w]|[.,:/-]\d|[+/=]\w|-[A-Za-z])`,
  "gi",
);

/** Hedges before a number and what they say about it. */
const HEDGE_RE =
  /(?:^|[^\w])(about|around|approximately|approx\.|roughly|some|nearly|almost|over|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|as\s+much\s+as|upwards\s+of|close\s+to|an\s+estimated|estimated|just\s+over|just\s+under|under|well\s+over|in\s+excess\s+of)\s+$/i;
const LOWER_BOUND = /^(?:over|more than|at least|upwards of|just over|well over|in excess of)$/;
const UPPER_BOUND =
  /^(?:less than|fewer than|at most|up to|as many as|as much as|nearly|almost|just under|under)$/;

const CURRENCY_PREFIX: [RegExp, string][] = [
  [/(?:US\$|USD|U\.S\.\s?\$)\s?$/, "USD"],
  [/A\$\s?$/, "AUD"],
  [/C\$\s?$/, "CAD"],
  [/HK\$\s?$/, "HKD"],
  [/NZ\$\s?$/, "NZD"],
  [/S\$\s?$/, "SGD"],
  [/\$\s?$/, "USD"],
  [/(?:€|EUR)\s?$/, "EUR"],
  [/(?:£|GBP)\s?$/, "GBP"],
  [/(?:¥|JPY)\s?$/, "JPY"],
  [/(?:₩|KRW)\s?$/, "KRW"],
  [/(?:₹|INR)\s?$/, "INR"],
  [/(?:CNY|RMB)\s?$/, "CNY"],
  [/(?:₽|RUB)\s?$/, "RUB"],
];
const CURRENCY_WORDS: Record<string, string> = {
  "us dollars": "USD",
  dollars: "USD",
  dollar: "USD",
  usd: "USD",
  euros: "EUR",
  euro: "EUR",
  eur: "EUR",
  pounds: "GBP",
  "pounds sterling": "GBP",
  gbp: "GBP",
  yen: "JPY",
  jpy: "JPY",
  won: "KRW",
  krw: "KRW",
  yuan: "CNY",
  renminbi: "CNY",
  cny: "CNY",
  rmb: "CNY",
  rubles: "RUB",
  roubles: "RUB",
  rub: "RUB",
  rupees: "INR",
  inr: "INR",
  bitcoin: "BTC",
  bitcoins: "BTC",
  btc: "BTC",
};
const CURRENCY_SUFFIX_RE =
  /^\s*(?:of\s+)?(US\s+dollars|dollars?|euros?|pounds\s+sterling|pounds|yen|won|yuan|renminbi|rubles|roubles|rupees|bitcoins?|USD|EUR|GBP|JPY|KRW|CNY|RMB|RUB|INR|BTC)\b/i;

const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SCALE_SUFFIX: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  tn: 1e12,
  trn: 1e12,
};

/** Words that end the counted noun phrase. */
const PHRASE_STOP = new Set(
  (
    "the a an and or but nor in on at to from by with for as that which who whom whose is are was were be been " +
    "being have has had do does did said says say this these those than more less per each its their his her our " +
    "my your it they he she we you i not no also only still into over under about around across against between " +
    "during after before since until of off out up down if when where while because so such then there here what " +
    "all any some both either neither other another same will would can could may might must shall should"
  ).split(" "),
);
/** Plural or mass nouns that do not end in -s. */
const IRREGULAR_UNITS = new Set(
  "people men women children staff personnel police data media malware software equipment infrastructure crew youth".split(
    " ",
  ),
);
/** Measurement units written as abbreviations. */
const UNIT_ABBREVIATIONS = new Set("GB MB TB KB PB Gbps Mbps Tbps km kg mi ms GHz MHz".split(" "));
/** Words before a number that make it a version, a model or a name part, not a count. */
const NOT_A_COUNT_BEFORE = new Set(
  "version ver v release build update rev revision no number nos page pages chapter section article rule unit".split(
    " ",
  ),
);
/** Capitalized words that may open a sentence before a count: "Only 12 ...", "All 300 ...". */
const SENTENCE_OPENERS = new Set(
  "only all just the these those another at in by with of for to and but yet so some around roughly perhaps over".split(
    " ",
  ),
);
/** Words before a year-like number that make it a year ("in 2004", "since 1995"). */
const DATE_WORDS = new Set(
  "in since until till from during between circa by of the early late mid around before after year spring summer autumn fall winter".split(
    " ",
  ),
);

const MONTH_NAME_RE =
  /^\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/;

const looksPlural = (w: string) => /^[a-z][a-z-]*[a-z]s$/.test(w) && !/(?:ss|us|is)$/.test(w);

interface UnitGuess {
  unit: string | null;
}

/** The head noun of the phrase that follows a number: the first plural noun, skipping adjectives. */
function countedNoun(s: string, from: number, singular: boolean): UnitGuess {
  const re = /\s*([A-Za-z][A-Za-z'’-]*)/y;
  re.lastIndex = from;
  let first = true;
  for (let i = 0; i < 5; i++) {
    const m = re.exec(s);
    if (!m) break;
    const w = m[1]!;
    const lower = w.toLowerCase();
    if (first && lower === "of") {
      first = false;
      // "of the hackers", "of its employees"
      const det = /\s+(?:the|its|their|his|her|our|these|those)\b/y;
      det.lastIndex = re.lastIndex;
      if (det.exec(s)) re.lastIndex = det.lastIndex;
      continue;
    }
    first = false;
    if (UNIT_ABBREVIATIONS.has(w)) return { unit: w };
    if (PHRASE_STOP.has(lower)) break;
    if (/^[a-z]/.test(w)) {
      if (looksPlural(w) || IRREGULAR_UNITS.has(w)) return { unit: w };
      if (singular) return { unit: w };
    } else if (/^[A-Z][a-z]+s$/.test(w) && i > 0) {
      // A plural demonym at the end of a capitalized run: "1,700 North Koreans".
      return { unit: w };
    }
    // Stop at the end of the phrase: punctuation right after the word.
    if (/^[,.;:!?)]/.test(s.slice(re.lastIndex, re.lastIndex + 1))) break;
  }
  return { unit: null };
}

function vagueRange(phrase: string): [number, number] | null {
  const p = phrase.toLowerCase().replace(/\s+/g, " ");
  const base: Record<string, number> = {
    dozens: 12,
    scores: 20,
    tens: 10,
    hundreds: 100,
    thousands: 1e3,
    millions: 1e6,
    billions: 1e9,
    dozen: 12,
    hundred: 100,
    thousand: 1e3,
    million: 1e6,
    billion: 1e9,
  };
  let m = /^(tens|hundreds) of (thousands|millions|billions)$/.exec(p);
  if (m) {
    const b = base[m[1]!]! * base[m[2]!]!;
    return [2 * b, 10 * b - 1];
  }
  m = /^(dozens|scores|hundreds|thousands|millions|billions)$/.exec(p);
  if (m) {
    const b = base[m[1]!]!;
    if (m[1] === "dozens") return [24, 99];
    if (m[1] === "scores") return [40, 99];
    return [2 * b, 10 * b - 1];
  }
  m = /^(several|a few|a couple of) (dozen|hundred|thousand|million|billion)$/.exec(p);
  if (m) {
    const b = base[m[2]!]!;
    if (m[1] === "a couple of") return [2 * b, 3 * b];
    if (m[1] === "a few") return [2 * b, 5 * b];
    return [3 * b, 9 * b];
  }
  return null;
}

/** Quantity and money mentions in the body of `text`. */
export function extractQuantities(text: string, body: Range[]): Mention[] {
  const out: Mention[] = [];
  for (const slice of bodySlices(text, body)) {
    const s = slice.text;
    let consumed = 0;
    for (const m of s.matchAll(NUMBER_RE)) {
      if (m.index < consumed) continue;
      const found = quantityAt(s, m);
      if (!found) continue;
      consumed = found.end;
      const start = slice.offset + found.start;
      const end = slice.offset + found.end;
      out.push({
        start,
        end,
        text: text.slice(start, end),
        label: found.value.kind === "money" ? "money" : "quantity",
        source: found.value.kind === "money" ? "rules:money" : "rules:quantity",
        attrs: found.value,
        confidence: found.confidence,
      });
    }
  }
  return out;
}

interface Found {
  start: number;
  end: number;
  value: QuantityValue | MoneyValue;
  confidence: number;
}

function quantityAt(s: string, m: RegExpMatchArray): Found | null {
  const [whole, digits, suffix, article, words, vague] = m;
  let start = m.index!;
  let end = start + whole.length;
  let value: number;
  let min: number | undefined;
  let max: number | undefined;
  let approximate = false;
  let scaled = false;
  let confidence = 0.85;

  if (digits !== undefined) {
    const v = parseDigits(digits);
    if (v === null) return null;
    value = v;
    if (suffix) {
      const f = SCALE_SUFFIX[suffix.toLowerCase()];
      if (f === undefined) return null;
      value *= f;
      scaled = true;
    }
  } else if (words !== undefined) {
    // "one" alone is a pronoun far more often than a count ("one of", "no one").
    if (/^one$/i.test(words) && !article) return null;
    if (!/^[a-z]/.test(words) && !/^[A-Z][a-z]/.test(words)) return null;
    const scaleFirst = /^(?:hundred|thousand|million|billion|trillion|dozen)\b/i.test(words);
    if (scaleFirst !== Boolean(article)) {
      // "a dozen", "a million" need the article; "a six-month" does not take it.
      if (!scaleFirst) {
        start += m[0].indexOf(words);
      } else return null;
    }
    const v = parseNumberWords(words);
    if (v === null) return null;
    value = v;
    scaled = /hundred|thousand|million|billion|trillion|dozen/i.test(words);
    confidence = 0.75;
  } else if (vague !== undefined) {
    const r = vagueRange(vague);
    if (!r) return null;
    [min, max] = r;
    value = Math.round(Math.sqrt(min * max));
    approximate = true;
    scaled = true;
    confidence = 0.7;
  } else return null;

  // A spaced scale word: "1.2 million", "800 million".
  if (digits !== undefined && !suffix) {
    const sc = /^\s+(thousand|million|billion|trillion)\b/i.exec(s.slice(end, end + 12));
    if (sc) {
      value *= SCALE_WORDS[sc[1]!.toLowerCase()]!;
      end += sc[0].length;
      scaled = true;
    }
  }

  const before = s.slice(Math.max(0, start - 40), start);
  // Currency before the number.
  let currency: string | null = null;
  for (const [re, code] of CURRENCY_PREFIX) {
    const c = re.exec(before);
    if (c) {
      currency = code;
      start -= c[0].length;
      break;
    }
  }
  // An attached m/k/b means millions only for money ("$5m"); "5m" alone may be metres or minutes.
  if (suffix && /^[mkb]$/i.test(suffix) && !currency && !CURRENCY_SUFFIX_RE.test(s.slice(end, end + 20)))
    return null;

  // Currency after the number: "800 million dollars", "tens of millions of dollars".
  if (!currency) {
    const c = CURRENCY_SUFFIX_RE.exec(s.slice(end, end + 30));
    if (c && (scaled || !/^\s*of/i.test(c[0]))) {
      const word = c[1]!.toLowerCase().replace(/\s+/g, " ");
      // "won" after a small bare count is the verb ("two won").
      if (word !== "won" || digits !== undefined) {
        currency = CURRENCY_WORDS[word] ?? null;
        if (currency) end += c[0].length;
      }
    }
  }

  const preStart = Math.max(0, start - 40);
  const hedge = HEDGE_RE.exec(s.slice(preStart, start));
  let hedgeWord: string | null = null;
  if (hedge) {
    hedgeWord = hedge[1]!.toLowerCase().replace(/\s+/g, " ");
    start = preStart + hedge.index + hedge[0].indexOf(hedge[1]!);
  }

  // What is left is a count: filter the numbers that only look like one.
  if (!currency) {
    const prevWord = /([A-Za-z][A-Za-z.]*)\s*$/.exec(s.slice(Math.max(0, m.index! - 20), m.index!));
    const prev = prevWord?.[1] ?? "";
    if (NOT_A_COUNT_BEFORE.has(prev.toLowerCase())) return null;
    // "Bureau 121", "Windows 10", "Unit 61398": a number right after a capitalized word is a name part,
    // unless that word is a function word starting the sentence ("In", "Only", "All").
    if (!hedge && /^[A-Z]/.test(prev) && digits !== undefined && !SENTENCE_OPENERS.has(prev.toLowerCase()))
      return null;
    // Dates: "5 January", "January 5" (the capitalized-word rule covers the second), times.
    if (digits !== undefined && MONTH_NAME_RE.test(s.slice(end, end + 12))) return null;
    if (/^\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)/i.test(s.slice(end, end + 6))) return null;
    if (digits !== undefined && /^\s*(?:st|nd|rd|th)\b/.test(s.slice(end, end + 4))) return null;
  }

  // Percentages.
  let unit: string | null = null;
  const pct = /^\s*(%|percent\b|per\s+cent\b)/.exec(s.slice(end, end + 10));
  if (pct && !currency) {
    end += pct[0].length;
    unit = "percent";
  } else if (!currency) {
    const singular = value === 1;
    unit = countedNoun(s, end, singular).unit;
  }

  // Bare years: "in 2004" is a date; "2004 computers" is a count.
  if (digits !== undefined && !scaled && !currency && /^(?:19|20)\d{2}$/.test(digits)) {
    const prev =
      /([A-Za-z]+)\W*$/.exec(s.slice(Math.max(0, m.index! - 15), m.index!))?.[1]?.toLowerCase() ?? "";
    if (
      unit === null ||
      unit === "percent" ||
      DATE_WORDS.has(prev) ||
      !/^\s+[a-z]/.test(s.slice(end, end + 2))
    )
      return null;
  }

  if (hedgeWord) {
    approximate = true;
    if (LOWER_BOUND.test(hedgeWord)) min = value;
    else if (UPPER_BOUND.test(hedgeWord)) max = value;
  }

  if (value === 0 && scaled) return null;
  // A bare number with nothing around it is too often a name part or an index to be worth a mention.
  if (!currency && unit === null && !hedge && !scaled) return null;
  if (!currency && unit === null) confidence = Math.min(confidence, 0.6);

  if (currency) {
    const money: MoneyValue = { kind: "money", value, currency, approximate };
    if (min !== undefined) money.min = min;
    if (max !== undefined) money.max = max;
    return { start, end, value: money, confidence: 0.9 };
  }
  const q: QuantityValue = { kind: "quantity", value, unit, approximate };
  if (min !== undefined) q.min = min;
  if (max !== undefined) q.max = max;
  return { start, end, value: q, confidence };
}
