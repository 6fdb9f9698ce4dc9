/**
 * Dossier's document model: one normalized text and spans over it.
 *
 * Every offset in Dossier is a UTF-16 code-unit index into `Doc.text`, the stored normalized text,
 * so that `text.slice(start, end)` always gives back what a span names (as spaCy's `Doc` does).
 */

/** The entity types of ../shared/spec/intelligence-model.md, plus the value kinds the rule layer finds. */
export const ENTITY_TYPES = [
  "person",
  "organization",
  "threat-actor",
  "country",
  "location",
  "sector",
  "malware",
  "tool",
  "vulnerability",
  "campaign",
  "attack-pattern",
  "indicator",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const VALUE_TYPES = ["date", "quantity", "money"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export type SpanLabel = EntityType | ValueType;

/** A half-open character range [start, end) of `Doc.text`. */
export interface Range {
  start: number;
  end: number;
}

export interface Token extends Range {
  text: string;
}

export interface Sentence extends Range {
  /** Indices into `Doc.tokens`, [firstToken, lastToken). */
  firstToken: number;
  lastToken: number;
}

/** A region of the stored text that is not article body (caption, byline, footer, credit line). */
export interface BoilerplateSpan extends Range {
  kind: "title" | "byline" | "caption" | "footer" | "credit" | "script";
}

/** Normalized date: an ISO 8601 date, month or year, or an interval of them. */
export interface DateValue {
  kind: "date";
  /** "2005", "2013-10", "2015-01-06", or an interval "1990/1999". */
  iso: string;
  /** Granularity of `iso`. */
  precision: "year" | "month" | "day" | "interval";
  /** True when the text gives the date loosely ("early 1990s", "about 2010"). */
  approximate: boolean;
}

/** A count of things, with its unit: "about 1,700 North Korean hackers". */
export interface QuantityValue {
  kind: "quantity";
  value: number;
  /** For ranges ("tens of thousands"): the bounds, value is their geometric middle. */
  min?: number;
  max?: number;
  unit: string | null;
  approximate: boolean;
}

export interface MoneyValue {
  kind: "money";
  value: number;
  min?: number;
  max?: number;
  currency: string;
  approximate: boolean;
}

export type NormalizedValue = DateValue | QuantityValue | MoneyValue;

export type IndicatorKind = "ipv4" | "ipv6" | "domain" | "url" | "email" | "md5" | "sha1" | "sha256" | "cve";

export interface IndicatorValue {
  kind: "indicator";
  indicator: IndicatorKind;
  /** The refanged canonical value ("hxxp://evil[.]com" gives "http://evil.com"). */
  value: string;
  defanged: boolean;
}

export interface PlaceValue {
  kind: "place";
  /** ISO 3166-1 alpha-2 of the country (of the place's country for a location). */
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  /** Canonical gazetteer name ("North Korea", "Shenyang", "Liaoning"). */
  canonical: string;
  /** For locations: the region (admin-1) name when known. */
  region?: string;
  /** Gazetteer id ("iso:KP", "geonames:2034937", "dossier:liaoning"). */
  ref: string;
}

export type SpanAttributes = NormalizedValue | IndicatorValue | PlaceValue;

/** One mention found by a stage: a typed span with the stage that found it. */
export interface Mention extends Range {
  text: string;
  label: SpanLabel;
  /** Which stage found it: "rules:date", "rules:gazetteer", "ner", ... */
  source: string;
  /** Canonical name when the stage knows one ("DPRK" gives "North Korea"). */
  canonical?: string;
  attrs?: SpanAttributes;
  /** 0..1, how sure the stage is. */
  confidence: number;
}

export interface DocumentMetadata {
  title: string | null;
  author: string | null;
  publisher: string | null;
  /** ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) or null. */
  published: string | null;
}

/** A document after normalization: what is stored, and what every later stage reads. */
export interface Doc {
  text: string;
  meta: DocumentMetadata;
  /** Where it came from: a path, a URL or "-" for stdin. */
  source: string;
  format: "text" | "markdown" | "html";
  boilerplate: BoilerplateSpan[];
  sentences: Sentence[];
  tokens: Token[];
  mentions: Mention[];
}
