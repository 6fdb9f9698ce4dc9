/**
 * STIX 2.1 export: turns a snapshot of Dossier's store (documents, entities, mentions, claims) into one
 * bundle.
 *
 * - One `report` per document; entities become identities, locations, threat actors (or intrusion
 *   sets), malware, tools, vulnerabilities, campaigns, attack patterns; indicators become an
 *   `indicator` with a STIX pattern plus its cyber-observable and a `based-on` relationship.
 * - Entity-entity claims become relationships, entity-value claims become notes; everything STIX has no
 *   property for (offsets, quotes, hedging, polarity, speaker, via chain) goes in Dossier's
 *   property extension, declared once by an `extension-definition`.
 * - Deterministic: ids are UUIDv5 of stable keys (STIX's own namespace and id-contributing properties
 *   for observables), timestamps come from the input, and objects are sorted, so one input gives one
 *   bundle byte for byte.
 *
 * Objects that could not be valid STIX (a location with no gazetteer match has neither country nor
 * coordinates; a malformed indicator value) are left out and listed in `skipped`; their mentions
 * stay in the report's extension without a reference.
 */
import { createRequire } from "node:module";
import type { IndicatorKind, IndicatorValue, PlaceValue } from "../model/types.js";
import type {
  StixClaimInput,
  StixDocumentInput,
  StixEntityInput,
  StixExportInput,
  StixExportOptions,
} from "./input.js";
import {
  DOSSIER_EXTENSION_CREATED,
  DOSSIER_EXTENSION_ID,
  DOSSIER_EXTENSION_SCHEMA,
  DOSSIER_EXTENSION_VERSION,
  dossierId,
  periodStart,
  type StixBundle,
  type StixObject,
  stixTimestamp,
} from "./objects.js";
import { type IndicatorPatternKind, indicatorPattern } from "./pattern.js";
import { STIX_SCO_NAMESPACE, uuidv5 } from "./uuid.js";

export interface SkippedItem {
  entityId?: string;
  claimId?: string;
  reason: string;
}

export interface StixExportResult {
  bundle: StixBundle;
  skipped: SkippedItem[];
}

/** Dossier predicate -> STIX relationship type; the others become "related-to" (predicate kept in the extension). */
export const RELATIONSHIP_TYPES: Record<string, string> = {
  "attributed-to": "attributed-to",
  "located-at": "located-at",
  targets: "targets",
  uses: "uses",
  compromised: "compromises",
};

const PREDICATE_PHRASES: Record<string, string> = {
  "attributed-to": "is attributed to",
  "located-at": "is located at",
  targets: "targets",
  uses: "uses",
  compromised: "compromised",
  "part-of": "is part of",
  "affiliated-with": "is affiliated with",
  tolerates: "tolerates",
  "cooperates-with": "cooperates with",
};

const VALUE_SENTENCES: Record<string, (s: string, v: string) => string> = {
  role: (s, v) => `${s}'s role: ${v}`,
  founded: (s, v) => `${s} was founded in ${v}`,
  "active-since": (s, v) => `${s} has been active since ${v}`,
  defected: (s, v) => `${s} defected in ${v}`,
  headcount: (s, v) => `${s} has ${v}`,
  damage: (s, v) => `${s} caused damage of ${v}`,
  occurred: (s, v) => `${s} occurred in ${v}`,
};

/** Folded-name keywords -> STIX industry-sector-ov; unmatched sectors keep a slug of their name (open vocabulary). */
const SECTOR_VOCAB: [RegExp, string][] = [
  [/\b(bank|banks|banking|financ\w*|stock exchange)\b/, "financial-services"],
  [/\bnuclear\b/, "nuclear"],
  [/\b(electric\w*|power|energy|gas|oil|petroleum)\b/, "energy"],
  [/\b(government|ministr\w*|state agenc\w*|public sector)\b/, "government"],
  [/\b(transport\w*|rail\w*|airline\w*|aviation|shipping)\b/, "transportation"],
  [/\b(telecom\w*)\b/, "telecommunications"],
  [/\b(defen[cs]e|military|armed forces)\b/, "defense"],
  [/\b(health\w*|hospital\w*|medical)\b/, "healthcare"],
  [/\b(education|universit\w*|schools?|academi\w*)\b/, "education"],
  [/\b(water)\b/, "water"],
  [/\b(dams?)\b/, "dams"],
  [/\b(pharma\w*)\b/, "pharmaceuticals"],
  [/\b(chemical\w*)\b/, "chemical"],
  [/\b(technology|tech|software|it)\b/, "technology"],
  [/\b(retail\w*)\b/, "retail"],
  [/\b(insurance|insurers)\b/, "insurance"],
  [/\b(manufactur\w*)\b/, "manufacturing"],
  [/\b(ngos?|non-profits?|nonprofits?|charit\w*)\b/, "non-profit"],
  [/\b(aerospace)\b/, "aerospace"],
  [/\b(critical infrastructure|infrastructure)\b/, "infrastructure"],
];

const TYPE_RANK: Record<string, number> = {
  identity: 0,
  "extension-definition": 1,
  location: 2,
  "threat-actor": 3,
  "intrusion-set": 3,
  campaign: 4,
  malware: 5,
  tool: 5,
  "attack-pattern": 5,
  vulnerability: 6,
  indicator: 7,
  relationship: 9,
  note: 10,
  report: 11,
};

function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function slug(s: string): string {
  return (
    fold(s)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "unknown"
  );
}

function sectorVocab(name: string): string {
  const f = fold(name);
  for (const [re, v] of SECTOR_VOCAB) if (re.test(f)) return v;
  return slug(name);
}

/** Only keys with a value: STIX forbids null properties and empty lists. */
function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** STIX 2.1 section 2.9: SCO ids are UUIDv5 of the canonical JSON of their id-contributing properties. */
function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

// ---------------------------------------------------------------- indicators

const IPV4_RE =
  /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\/(3[0-2]|[12]?\d))?$/;
const DOMAIN_RE =
  /^(?=.{1,253}$)([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]{0,62}$/u;
const EMAIL_RE =
  /^[^\s@"'<>()[\]\\,;:]+@([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
const HASH_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };
const HASH_NAMES: Record<string, string> = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256" };
const CVE_RE = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/i;

/** Undo common defanging: hxxp, [.], (.), {.}, [dot], [@], [at], [:]. */
function refang(s: string): string {
  return s
    .trim()
    .replace(/^hxxp/i, "http")
    .replace(/^fxp/i, "ftp")
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, ".")
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)/gi, "@")
    .replace(/\[:\]/g, ":");
}

function guessIndicator(name: string): { kind: IndicatorKind; value: string } | null {
  const v = refang(name);
  if (CVE_RE.test(v)) return { kind: "cve", value: v.toUpperCase() };
  if (IPV4_RE.test(v)) return { kind: "ipv4", value: v };
  if (/^[0-9a-f]{64}$/i.test(v)) return { kind: "sha256", value: v };
  if (/^[0-9a-f]{40}$/i.test(v)) return { kind: "sha1", value: v };
  if (/^[0-9a-f]{32}$/i.test(v)) return { kind: "md5", value: v };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return { kind: "url", value: v };
  if (v.includes("@")) return { kind: "email", value: v };
  if (v.includes(":") && /^[0-9a-f:.]+(\/\d+)?$/i.test(v)) return { kind: "ipv6", value: v };
  if (DOMAIN_RE.test(v)) return { kind: "domain", value: v };
  return null;
}

/** Percent-encode what RFC 3986 does not allow in a URI, leaving existing escapes alone. */
function uriSafe(url: string): string {
  return url.replace(/%(?![0-9a-fA-F]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) =>
    encodeURIComponent(c),
  );
}

/** Canonical indicator value for its kind, or null when it cannot be a valid observable. */
function canonicalIndicator(kind: IndicatorPatternKind, raw: string): string | null {
  const v = raw.trim();
  switch (kind) {
    case "ipv4":
      return IPV4_RE.test(v) ? v : null;
    case "ipv6":
      return /^[0-9a-f:.]+(%[\w.]+)?(\/\d{1,3})?$/i.test(v) && v.includes(":") ? v.toLowerCase() : null;
    case "domain": {
      const d = v.replace(/\.$/, "").toLowerCase();
      return DOMAIN_RE.test(d) ? d : null;
    }
    case "email":
      return EMAIL_RE.test(v) ? v : null;
    case "url": {
      const u = uriSafe(v);
      return /^[a-z][a-z0-9+.-]*:\S+$/i.test(u) ? u : null;
    }
    default: {
      const h = v.toLowerCase();
      return new RegExp(`^[0-9a-f]{${HASH_LENGTHS[kind]}}$`).test(h) ? h : null;
    }
  }
}

function observable(kind: IndicatorPatternKind, value: string): StixObject {
  if (kind in HASH_NAMES) {
    const hashes = { [HASH_NAMES[kind] as string]: value };
    return { type: "file", spec_version: "2.1", id: scoId("file", { hashes }), hashes };
  }
  const type = {
    ipv4: "ipv4-addr",
    ipv6: "ipv6-addr",
    domain: "domain-name",
    url: "url",
    email: "email-addr",
  }[kind as "ipv4" | "ipv6" | "domain" | "url" | "email"];
  return { type, spec_version: "2.1", id: scoId(type, { value }), value };
}

// ---------------------------------------------------------------- countries

let countryCodes: ((name: string) => string | undefined) | null = null;

/** ISO alpha-2 from a country name, via i18n-iso-countries (only when the store gave no PlaceValue). */
function countryCodeFromName(name: string): string | undefined {
  if (!countryCodes) {
    const require = createRequire(import.meta.url);
    const countries = require("i18n-iso-countries") as typeof import("i18n-iso-countries");
    countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
    countryCodes = (n) => countries.getAlpha2Code(n, "en") ?? countries.getSimpleAlpha2Code(n, "en");
  }
  return countryCodes(name);
}

function isPlace(a: StixEntityInput["attrs"]): a is PlaceValue {
  return a?.kind === "place";
}
function isIndicator(a: StixEntityInput["attrs"]): a is IndicatorValue {
  return a?.kind === "indicator";
}

// ---------------------------------------------------------------- export

interface EntityOut {
  /** The object claims and reports point at. */
  primary: string;
  /** Everything made for this entity (primary first). */
  objects: StixObject[];
  /** Stable key, for claim keys. */
  key: string;
}

export function buildBundle(input: StixExportInput, options: StixExportOptions = {}): StixBundle {
  return exportStix(input, options).bundle;
}

export function exportStix(input: StixExportInput, options: StixExportOptions = {}): StixExportResult {
  const skipped: SkippedItem[] = [];
  const actorObject = options.actorObject ?? "threat-actor";

  const docs = [...input.documents].sort((a, b) => cmp(a.id, b.id));
  const docById = new Map(docs.map((d) => [d.id, d]));
  const ingested = new Map(docs.map((d) => [d.id, stixTimestamp(d.ingestedAt)]));
  const allTimes = [...ingested.values()].sort();
  // The one place a clock may be read: an input without documents has no time of its own.
  const t0 = allTimes[0] ?? stixTimestamp(options.now ?? new Date().toISOString());

  const producerId = dossierId("identity", `producer|${fold(input.producer.name)}`);
  const base = (type: string, id: string, created: string, modified = created): StixObject => ({
    type,
    spec_version: "2.1",
    id,
    created_by_ref: producerId,
    created,
    modified,
  });
  const ext = (props: Record<string, unknown>) => ({
    [DOSSIER_EXTENSION_ID]: compact({ extension_type: "property-extension", ...props }),
  });

  const objects = new Map<string, StixObject>();
  const add = (o: StixObject) => {
    if (!objects.has(o.id)) objects.set(o.id, o);
  };

  add({
    ...base("identity", producerId, t0),
    name: input.producer.name,
    identity_class: "system",
    description: "The Dossier instance that extracted and exported this intelligence.",
  });
  add({
    ...base("extension-definition", DOSSIER_EXTENSION_ID, DOSSIER_EXTENSION_CREATED),
    name: "Dossier provenance",
    description:
      "Where Dossier read each object: mention offsets in reports; on relationships and notes, the claim's " +
      "predicate, polarity, hedging, speaker, via chain, time, quote and UTF-16 offsets into the stored document text.",
    schema: DOSSIER_EXTENSION_SCHEMA,
    version: DOSSIER_EXTENSION_VERSION,
    extension_types: ["property-extension"],
  });

  // ---- entities
  const entities = [...input.entities].sort((a, b) => cmp(a.id, b.id));
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const timesOf = (e: StixEntityInput): [string, string] => {
    const ts = e.documents
      .map((d) => ingested.get(d))
      .filter((t): t is string => !!t)
      .sort();
    return [ts[0] ?? t0, ts.at(-1) ?? t0];
  };
  const attributedToCountry = new Set(
    (input.claims ?? [])
      .filter(
        (c) =>
          c.predicate === "attributed-to" &&
          c.polarity === "positive" &&
          c.objectId &&
          entityById.get(c.objectId)?.type === "country",
      )
      .map((c) => c.subjectId),
  );

  const usedKeys = new Set<string>();
  const out = new Map<string, EntityOut>();
  for (const e of entities) {
    const r = entityObjects(e);
    if ("reason" in r) skipped.push({ entityId: e.id, reason: r.reason });
    else {
      out.set(e.id, r);
      for (const o of r.objects) add(o);
    }
  }

  function uniqueKey(key: string, e: StixEntityInput): string {
    const k = usedKeys.has(key) ? `${key}|${e.id}` : key;
    usedKeys.add(k);
    return k;
  }

  function entityObjects(e: StixEntityInput): EntityOut | { reason: string } {
    const [created, modified] = timesOf(e);
    const aliases = [...new Set(e.aliases.filter((a) => a && a !== e.name))].sort();
    const common = (type: string, key: string) => {
      const k = uniqueKey(`${type}|${key}`, e);
      return {
        key: k,
        obj: {
          ...base(type, dossierId(type, k), created, modified),
          name: e.name,
          ...(e.description ? { description: e.description } : {}),
        } as StixObject,
      };
    };
    const entityExt = (extra: Record<string, unknown> = {}) =>
      ext({ entity_id: e.id, entity_type: e.type, aliases, ...extra });
    const done = (key: string, obj: StixObject, more: StixObject[] = []): EntityOut => ({
      primary: obj.id,
      objects: [obj, ...more],
      key,
    });

    switch (e.type) {
      case "person":
      case "organization": {
        const { key, obj } = common("identity", `${e.type}|${fold(e.name)}`);
        obj.identity_class = e.type === "person" ? "individual" : "organization";
        obj.extensions = entityExt();
        return done(key, obj);
      }
      case "sector": {
        const { key, obj } = common("identity", `sector|${fold(e.name)}`);
        obj.identity_class = "class";
        obj.sectors = [sectorVocab(e.name)];
        obj.extensions = entityExt();
        return done(key, obj);
      }
      case "country": {
        const place = isPlace(e.attrs) ? e.attrs : null;
        const code = (
          place?.countryCode ??
          countryCodeFromName(e.name) ??
          aliases.map(countryCodeFromName).find(Boolean) ??
          ""
        ).toUpperCase();
        if (!/^[A-Z]{2}$/.test(code)) return { reason: "country without an ISO 3166-1 alpha-2 code" };
        const { key, obj } = common("location", `country|${code}`);
        Object.assign(
          obj,
          compact({ name: place?.canonical ?? e.name, country: code, ...coordinates(place) }),
        );
        obj.extensions = entityExt({ gazetteer_id: place?.ref });
        return done(key, obj);
      }
      case "location": {
        const place = isPlace(e.attrs) ? e.attrs : null;
        if (!place) return { reason: "location without a gazetteer match (no country or coordinates)" };
        const code = /^[A-Za-z]{2}$/.test(place.countryCode) ? place.countryCode.toUpperCase() : undefined;
        const coords = coordinates(place);
        if (!code && coords.latitude === undefined)
          return { reason: "location without country or coordinates" };
        const { key, obj } = common("location", `location|${place.ref || fold(place.canonical || e.name)}`);
        const isRegion = place.region !== undefined && fold(place.region) === fold(place.canonical);
        const isCity = !isRegion && (place.region !== undefined || place.ref.startsWith("geonames:"));
        Object.assign(
          obj,
          compact({
            name: place.canonical || e.name,
            country: code,
            administrative_area: place.region,
            city: isCity ? place.canonical : undefined,
            ...coords,
          }),
        );
        obj.extensions = entityExt({ gazetteer_id: place.ref });
        return done(key, obj);
      }
      case "threat-actor": {
        const { key, obj } = common(actorObject, fold(e.name));
        if (aliases.length) obj.aliases = aliases;
        if (actorObject === "threat-actor")
          obj.threat_actor_types = [attributedToCountry.has(e.id) ? "nation-state" : "unknown"];
        obj.extensions = entityExt();
        return done(key, obj);
      }
      case "malware":
      case "tool":
      case "campaign":
      case "attack-pattern": {
        const { key, obj } = common(e.type, fold(e.name));
        if (e.type === "malware") obj.is_family = true;
        if (aliases.length) obj.aliases = aliases;
        obj.extensions = entityExt();
        return done(key, obj);
      }
      case "vulnerability":
        return vulnerability(e);
      case "indicator": {
        const ind = isIndicator(e.attrs)
          ? { kind: e.attrs.indicator, value: e.attrs.value }
          : guessIndicator(e.name);
        if (!ind) return { reason: `indicator of unknown kind: ${JSON.stringify(e.name)}` };
        if (ind.kind === "cve") return vulnerability(e, ind.value);
        const kind = ind.kind;
        const value = canonicalIndicator(kind, ind.value);
        if (value === null) return { reason: `malformed ${kind} indicator: ${JSON.stringify(ind.value)}` };
        const sco = observable(kind, value);
        const k = uniqueKey(`indicator|${kind}|${value}`, e);
        const indicator: StixObject = {
          ...base("indicator", dossierId("indicator", k), created, modified),
          name: value,
          ...(e.description ? { description: e.description } : {}),
          pattern: indicatorPattern(kind, value),
          pattern_type: "stix",
          pattern_version: "2.1",
          valid_from: created,
          extensions: entityExt({
            indicator_kind: kind,
            defanged_in_source: isIndicator(e.attrs) ? e.attrs.defanged : undefined,
          }),
        };
        const rel: StixObject = {
          ...base(
            "relationship",
            dossierId("relationship", `based-on|${indicator.id}|${sco.id}`),
            created,
            modified,
          ),
          relationship_type: "based-on",
          source_ref: indicator.id,
          target_ref: sco.id,
        };
        return done(k, indicator, [sco, rel]);
      }
      default:
        return { reason: `no STIX mapping for entity type ${String(e.type)}` };
    }

    function vulnerability(v: StixEntityInput, cveValue?: string): EntityOut {
      const cve = [cveValue, isIndicator(v.attrs) ? v.attrs.value : undefined, v.name, ...aliases]
        .map((s) => s?.trim().toUpperCase())
        .find((s) => s && CVE_RE.test(s));
      const { key, obj } = common("vulnerability", cve ?? fold(v.name));
      if (cve) obj.external_references = [{ source_name: "cve", external_id: cve }];
      obj.extensions = entityExt();
      return done(key, obj);
    }
  }

  // ---- speakers and intermediaries: identities
  const speakerIdentity = (entityId: string): string | undefined => {
    const e = entityById.get(entityId);
    const o = out.get(entityId);
    if (!e) return undefined;
    if ((e.type === "person" || e.type === "organization") && o) return o.primary;
    const id = dossierId("identity", `speaker|${o?.key ?? `${e.type}|${fold(e.name)}`}`);
    const [created, modified] = timesOf(e);
    add({
      ...base("identity", id, created, modified),
      name: e.name,
      identity_class: e.type === "threat-actor" ? "group" : e.type === "country" ? "organization" : "unknown",
      description: `Source of statements reported by Dossier; the ${e.type} ${e.name}.`,
      extensions: ext({ entity_id: e.id, entity_type: e.type, entity_ref: o?.primary }),
    });
    return id;
  };

  // ---- claims
  const docRefs = new Map<string, Set<string>>(docs.map((d) => [d.id, new Set<string>()]));
  const reportId = (d: StixDocumentInput) => dossierId("report", `document|${d.contentHash}|${d.id}`);
  const claims = [...(input.claims ?? [])].sort(
    (a, b) => cmp(a.documentId, b.documentId) || a.start - b.start || a.end - b.end || cmp(a.id, b.id),
  );
  // The STIX object (relationship or note) that carries each claim, for the propositions' notes.
  const claimObject = new Map<string, { id: string; created: string }>();
  for (const c of claims) {
    const d = docById.get(c.documentId);
    if (!d) {
      skipped.push({ claimId: c.id, reason: `claim on unknown document ${c.documentId}` });
      continue;
    }
    const refs = docRefs.get(d.id) as Set<string>;
    const created = ingested.get(d.id) as string;
    const subj = entityById.get(c.subjectId);
    const obj = c.objectId ? entityById.get(c.objectId) : undefined;
    const sOut = out.get(c.subjectId);
    const oOut = c.objectId ? out.get(c.objectId) : undefined;
    const sName = subj?.name ?? c.subjectId;
    const speakerRef = c.speakerId ? speakerIdentity(c.speakerId) : undefined;
    const viaRefs = c.via.map(speakerIdentity).filter((r): r is string => !!r);
    for (const r of [speakerRef, ...viaRefs]) if (r) refs.add(r);
    const speakerName = c.speakerId ? (entityById.get(c.speakerId)?.name ?? c.speakerId) : undefined;

    const objText = obj ? obj.name : c.value ? c.value.text : "";
    const key = [
      "claim",
      d.contentHash,
      d.id,
      c.start,
      c.end,
      c.predicate,
      sOut?.key ?? c.subjectId,
      oOut?.key ?? c.objectId ?? "",
      c.value?.text ?? "",
      c.polarity,
      c.speakerId ?? "",
    ].join("|");
    const claimExt = ext({
      claim_id: c.id,
      predicate: c.predicate,
      polarity: c.polarity,
      hedged: c.hedged,
      subject_entity_id: c.subjectId,
      object_entity_id: c.objectId ?? undefined,
      value: c.value ? compact({ ...c.value }) : undefined,
      speaker_ref: speakerRef,
      speaker_entity_id: c.speakerId ?? undefined,
      via_refs: viaRefs,
      via_entity_ids: c.via,
      when: c.when ?? undefined,
      document_ref: reportId(d),
      document_id: d.id,
      quote: c.quote,
      start: c.start,
      end: c.end,
      confidence: c.confidence,
    });
    const sentence = claimSentence(c, sName, objText, speakerName);
    const flags = [c.polarity === "negative" ? "negated" : null, c.hedged ? "hedged" : null].filter(
      (f): f is string => !!f,
    );
    const confidence =
      typeof c.confidence === "number" && Number.isFinite(c.confidence)
        ? Math.max(0, Math.min(100, Math.round(c.confidence * 100)))
        : undefined;

    if (c.objectId && sOut && oOut) {
      const rel: StixObject = compact({
        ...base("relationship", dossierId("relationship", key), created),
        relationship_type: RELATIONSHIP_TYPES[c.predicate] ?? "related-to",
        description: sentence,
        source_ref: sOut.primary,
        target_ref: oOut.primary,
        labels: flags,
        confidence,
        extensions: claimExt,
      });
      add(rel);
      claimObject.set(c.id, { id: rel.id, created });
      refs.add(rel.id);
      refs.add(sOut.primary);
      refs.add(oOut.primary);
      continue;
    }
    if (c.objectId && !oOut)
      skipped.push({ claimId: c.id, reason: "claim object was not exported; kept as a note on its subject" });
    const about = [sOut?.primary, oOut?.primary].filter((r): r is string => !!r);
    const note: StixObject = compact({
      ...base("note", dossierId("note", key), created),
      abstract: `${sName}: ${c.predicate}${objText ? ` ${objText}` : ""}`,
      content: sentence,
      object_refs: about.length ? about : [reportId(d)],
      labels: flags,
      confidence,
      extensions: claimExt,
    });
    add(note);
    claimObject.set(c.id, { id: note.id, created });
    refs.add(note.id);
    for (const r of about) refs.add(r);
  }

  // ---- propositions: one note each, on the claims it groups, with its grade and independent sources
  for (const p of [...(input.propositions ?? [])].sort((a, b) => cmp(a.id, b.id))) {
    const carried = p.claims
      .map((id) => claimObject.get(id))
      .filter((x): x is { id: string; created: string } => !!x);
    if (carried.length === 0) continue;
    const created = carried.map((x) => x.created).sort()[carried.length - 1]!;
    add(
      compact({
        ...base("note", dossierId("note", `proposition|${p.id}`), created),
        abstract: `[${p.grade.code}] ${p.statement}`,
        content: `${p.statement}. Grade ${p.grade.code}: ${p.grade.reasons.join(" ")}`,
        object_refs: [...new Set(carried.map((x) => x.id))].sort(),
        labels: ["proposition", `admiralty-${p.grade.code.toLowerCase()}`],
        extensions: ext({
          proposition_id: p.id,
          claim_ids: p.claims,
          independent_sources: p.independentSources,
          sources: p.sources,
          reliability: p.grade.reliability,
          credibility: p.grade.credibility,
          grade_reasons: p.grade.reasons,
        }),
      }),
    );
  }

  // ---- reports
  const mentionsByDoc = new Map<string, StixExportInput["mentions"]>();
  for (const m of input.mentions) {
    const list = mentionsByDoc.get(m.documentId) ?? [];
    list.push(m);
    mentionsByDoc.set(m.documentId, list);
  }
  for (const e of entities) {
    const o = out.get(e.id);
    if (!o) continue;
    for (const docId of e.documents) for (const obj of o.objects) docRefs.get(docId)?.add(obj.id);
  }
  for (const d of docs) {
    const refs = docRefs.get(d.id) as Set<string>;
    const mentions = [...(mentionsByDoc.get(d.id) ?? [])].sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        cmp(a.label, b.label) ||
        cmp(a.entityId ?? "", b.entityId ?? ""),
    );
    for (const m of mentions) {
      const o = m.entityId ? out.get(m.entityId) : undefined;
      if (o) for (const obj of o.objects) refs.add(obj.id);
    }
    const ingestedAt = ingested.get(d.id) as string;
    const pub = d.published ? periodStart(d.published) : null;
    const isUrl = /^(https?|ftp):\/\//i.test(d.source);
    const hashOk = /^[0-9a-fA-F]{64}$/.test(d.contentHash);
    const sourceRef = compact({
      source_name: d.publisher ?? (isUrl ? new URL(d.source).hostname : "dossier-source"),
      url: isUrl ? uriSafe(d.source) : undefined,
      external_id: isUrl ? undefined : d.source,
      description: `${isUrl ? "Source URL" : d.source === "-" ? "Read from standard input" : "Source file"}; SHA-256 of the normalized text Dossier stored.`,
      hashes: hashOk ? { "SHA-256": d.contentHash.toLowerCase() } : undefined,
    });
    add(
      compact({
        ...base("report", reportId(d), ingestedAt),
        name: d.title ?? d.source,
        description: byline(d),
        report_types: ["threat-report"],
        published: pub?.timestamp ?? ingestedAt,
        object_refs: refs.size ? [...refs].sort() : [producerId],
        external_references: [sourceRef],
        extensions: ext({
          document_id: d.id,
          content_hash: d.contentHash,
          source: d.source,
          author: d.author ?? undefined,
          publisher: d.publisher ?? undefined,
          published_as_given: d.published ?? undefined,
          published_precision: pub ? pub.precision : "unknown",
          mentions: mentions.map((m) =>
            compact({
              start: m.start,
              end: m.end,
              text: m.text,
              label: m.label,
              entity_id: m.entityId ?? undefined,
              entity_ref: m.entityId ? out.get(m.entityId)?.primary : undefined,
            }),
          ),
        }),
      }),
    );
  }

  const sorted = [...objects.values()].sort((a, b) => {
    if (a.id === producerId) return -1;
    if (b.id === producerId) return 1;
    return (TYPE_RANK[a.type] ?? 8) - (TYPE_RANK[b.type] ?? 8) || cmp(a.id, b.id);
  });
  const bundleId = `bundle--${uuidv5(canonicalJson(sorted), STIX_SCO_NAMESPACE)}`;
  return { bundle: { type: "bundle", id: bundleId, objects: sorted }, skipped };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function coordinates(place: PlaceValue | null): { latitude?: number; longitude?: number } {
  if (!place || typeof place.latitude !== "number" || typeof place.longitude !== "number") return {};
  if (Math.abs(place.latitude) > 90 || Math.abs(place.longitude) > 180) return {};
  return { latitude: place.latitude, longitude: place.longitude };
}

function byline(d: StixDocumentInput): string | undefined {
  const parts = [
    d.author ? `By ${d.author}` : null,
    d.publisher,
    d.published ? `published ${d.published}` : null,
  ];
  const s = parts.filter(Boolean).join(", ");
  return s ? `${s}.` : undefined;
}

function claimSentence(
  c: StixClaimInput,
  subject: string,
  object: string,
  speaker: string | undefined,
): string {
  let s: string;
  if (c.objectId)
    s = `${subject} ${PREDICATE_PHRASES[c.predicate] ?? c.predicate.replace(/-/g, " ")} ${object}`;
  else
    s = (VALUE_SENTENCES[c.predicate] ?? ((a, v) => `${a} ${c.predicate.replace(/-/g, " ")}: ${v}`))(
      subject,
      object,
    );
  if (c.when && c.when !== object && c.when !== (c.value as { iso?: unknown } | null)?.iso)
    s += ` (${c.when})`;
  if (speaker) s = `According to ${speaker}, ${s}`;
  if (c.polarity === "negative") s = `Negated or denied: ${s}`;
  if (c.hedged) s += " (hedged)";
  return `${s}. Quote: "${c.quote}"`;
}
