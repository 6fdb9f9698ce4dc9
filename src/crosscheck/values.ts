/**
 * Comparing the values of claims: figures (with "about" and ranges) and dates (years, months,
 * decades, "the late 1990s"), so that cross-checking can tell a second report of the same value from
 * a contradicting one. Hand-written: the rules are Dossier's own tolerance policy (±5% for figures
 * given as exact, ±20% when either is approximate; approximate dates widened by two years), built on
 * the normalized fields the extractor already fills (iso, value, min, max, unit, currency) with a
 * small fallback reader for the words when a field is missing.
 */
import { NUMBER_WORDS_SOURCE, parseNumberWords, SCALE } from "../extract/numbers.js";
import type { ClaimJson } from "../store/repository.js";

export type ClaimValueJson = NonNullable<ClaimJson["value"]>;

export const EXACT_TOLERANCE = 0.05;
export const APPROX_TOLERANCE = 0.2;
export const APPROX_DATE_YEARS = 2;

const APPROX_WORDS =
  /\b(?:about|around|approximately|roughly|some|nearly|almost|close to|more than|over|up to|at least|an estimated|estimated|circa|~)\b/i;

const PEOPLE = new Set(
  "hacker agent operator operative people person officer employee member personnel staff soldier spy specialist worker analyst programmer individual".split(
    " ",
  ),
);

const CURRENCY_SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW" };

export interface Figure {
  /** Lower and upper bound of the figure itself. */
  lo: number;
  hi: number;
  approximate: boolean;
  /** Comparable unit: a currency code, "person" for headcounts of people, a singular noun, or null. */
  unit: string | null;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** "hackers" → "person", "organizations" → "organization". */
export function unitFamily(unit: string | null | undefined): string | null {
  if (!unit) return null;
  const w = unit.toLowerCase().trim().split(/\s+/).pop() ?? "";
  const single = w.replace(/(?:ies)$/, "y").replace(/(?<!s)s$/, "");
  if (PEOPLE.has(single) || w === "people" || w === "staff" || w === "personnel") return "person";
  return single || null;
}

// "seven hacking organizations", "two dozen officers": the rule layer's number words, then the unit.
const WORD_FIGURE = new RegExp(
  String.raw`\b(${NUMBER_WORDS_SOURCE})\b\s*([\p{L}-]+(?:\s+[\p{L}-]+)?)?`,
  "iu",
);

/** Reads a figure from words such as "about €12 million", "1,700 hackers", "seven hacking organizations". */
export function parseFigure(text: string): Figure | null {
  const m =
    /([$€£¥₩])?\s*(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|bn|mn|k|m|b)?\b\s*([\p{L}-]+(?:\s+[\p{L}-]+)?)?/iu.exec(
      text,
    );
  let value: number;
  let unitWords: string | undefined;
  let currency: string | undefined;
  if (m) {
    value = Number(m[2]!.replace(/,/g, "")) * (m[3] ? (SCALE[m[3].toLowerCase()] ?? 1) : 1);
    currency = m[1] ? CURRENCY_SYMBOLS[m[1]] : undefined;
    unitWords = m[4];
    if (!currency && unitWords) {
      const code = /^(USD|EUR|GBP|dollars?|euros?|pounds?)\b/i.exec(unitWords)?.[1];
      if (code)
        currency = code.toUpperCase().startsWith("EUR")
          ? "EUR"
          : code.toUpperCase().startsWith("POUND") || code.toUpperCase() === "GBP"
            ? "GBP"
            : "USD";
    }
  } else {
    const w = WORD_FIGURE.exec(text);
    const words = w ? parseNumberWords(w[1]!) : null;
    if (!w || words === null) return null;
    value = words;
    unitWords = w[2];
  }
  const approximate = APPROX_WORDS.test(text);
  const unit = currency ?? unitFamily(unitWords?.split(/\s+/).pop());
  return { lo: value, hi: value, approximate, unit };
}

/** The figure of a quantity or money value, from its normalized fields, else from its words. */
export function figureOf(v: ClaimValueJson | null | undefined): Figure | null {
  if (!v || (v.kind !== "quantity" && v.kind !== "money")) return null;
  const parsed = parseFigure(v.text);
  const value = num(v.value);
  const min = num(v.min);
  const max = num(v.max);
  const approximate = v.approximate === true || (parsed?.approximate ?? false);
  const currency = str(v.currency);
  const unit = currency ?? (str(v.unit) ? unitFamily(str(v.unit)) : (parsed?.unit ?? null));
  if (value !== undefined || min !== undefined || max !== undefined) {
    const lo = min ?? value ?? max!;
    const hi = max ?? value ?? min!;
    return { lo, hi, approximate, unit };
  }
  return parsed ? { ...parsed, approximate, unit } : null;
}

/** Units are comparable when equal or when either is unknown (a bare count). */
export function sameUnit(a: Figure, b: Figure): boolean {
  return a.unit === null || b.unit === null || a.unit === b.unit;
}

function currencyLike(u: string | null): boolean {
  return u !== null && /^[A-Z]{3}$/.test(u);
}

/** Whether two figures can be the same quantity: overlapping once widened by the tolerance. */
export function figuresCompatible(a: Figure, b: Figure): boolean {
  const tol = a.approximate || b.approximate ? APPROX_TOLERANCE : EXACT_TOLERANCE;
  return a.lo * (1 - tol) <= b.hi * (1 + tol) && b.lo * (1 - tol) <= a.hi * (1 + tol);
}

/** Whether two figures are measured in units that can be compared at all. */
export function figuresComparable(a: Figure, b: Figure): boolean {
  if (currencyLike(a.unit) || currencyLike(b.unit)) return a.unit === b.unit;
  return sameUnit(a, b);
}

/** A date as an interval of fractional years, [start, end). */
export interface Span {
  start: number;
  end: number;
  approximate: boolean;
}

function spanOfIso(iso: string): Span | null {
  const one = (s: string): [number, number] | null => {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s.trim());
    if (!m) return null;
    const y = Number(m[1]);
    if (!m[2]) return [y, y + 1];
    const mo = Number(m[2]) - 1;
    if (!m[3]) return [y + mo / 12, y + (mo + 1) / 12];
    const d = Number(m[3]) - 1;
    return [y + (mo + d / 31) / 12, y + (mo + (d + 1) / 31) / 12];
  };
  const parts = iso.split("/");
  const a = one(parts[0]!);
  if (!a) return null;
  const b = parts[1] ? one(parts[1]) : a;
  if (!b) return null;
  return { start: a[0], end: b[1], approximate: false };
}

/** Reads a date from words: "the late 1990s", "1998", "March 2023", "the '90s". */
export function parseSpan(text: string): Span | null {
  const dec = /(?:\b(early|mid|late)[\s-]+)?(?:\b((?:1[89]|20)\d)0|['’](\d)0)s\b/i.exec(text);
  if (dec) {
    const base = dec[2]
      ? Number(dec[2]) * 10
      : Number(dec[3]) >= 3
        ? 1900 + 10 * Number(dec[3])
        : 2000 + 10 * Number(dec[3]);
    const mod = dec[1]?.toLowerCase();
    const [a, b] = mod === "early" ? [0, 3] : mod === "mid" ? [3, 6] : mod === "late" ? [7, 9] : [0, 9];
    return { start: base + a, end: base + b + 1, approximate: mod !== undefined };
  }
  const y = /\b((?:1[89]|20)\d\d)\b/.exec(text);
  if (y) return { start: Number(y[1]), end: Number(y[1]) + 1, approximate: APPROX_WORDS.test(text) };
  return null;
}

/** The interval of a date value, from its ISO form, else from its words. */
export function spanOf(v: ClaimValueJson | null | undefined): Span | null {
  if (v?.kind !== "date") return null;
  const iso = str(v.iso);
  const fromIso = iso ? spanOfIso(iso) : null;
  const approximate = v.approximate === true || /\b(?:early|mid|late|about|around|circa)\b/i.test(v.text);
  if (fromIso) return { ...fromIso, approximate };
  return parseSpan(v.text);
}

export function spanOfWhen(when: string | null | undefined): Span | null {
  return when ? spanOfIso(when) : null;
}

/** Two dates are compatible when their intervals overlap, approximate ones widened by two years. */
export function spansCompatible(a: Span, b: Span): boolean {
  const wa = a.approximate ? APPROX_DATE_YEARS : 0;
  const wb = b.approximate ? APPROX_DATE_YEARS : 0;
  return a.start - wa < b.end + wb && b.start - wb < a.end + wa;
}

/** Normalized text of a text value, for grouping ("GRU Unit 74455" = "gru unit 74455"). */
export function foldText(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether two values could be the same value (same figure, overlapping dates, equal words). */
export function valuesCompatible(a: ClaimValueJson | null, b: ClaimValueJson | null): boolean {
  if (!a || !b) return a === b;
  const fa = figureOf(a);
  const fb = figureOf(b);
  if (fa && fb) return figuresComparable(fa, fb) && figuresCompatible(fa, fb);
  const sa = spanOf(a);
  const sb = spanOf(b);
  if (sa && sb) return spansCompatible(sa, sb);
  return foldText(a.text) === foldText(b.text);
}

/** What kind of comparison applies to a value: "numeric", "date" or "text". */
export function valueClass(v: ClaimValueJson): "numeric" | "date" | "text" {
  if (figureOf(v)) return "numeric";
  if (spanOf(v)) return "date";
  return "text";
}

/**
 * The time a claim is about, for "compatible times". A date-valued claim (founded 1998) carries its
 * value as its time too; that is the thing compared, not a context, so it has none.
 */
export function claimTime(c: { when: string | null; value: ClaimValueJson | null }): string | null {
  return c.value?.kind === "date" ? null : c.when;
}
