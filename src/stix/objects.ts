/**
 * The STIX 2.1 shapes Dossier writes, the constants of its extension, and small helpers shared by
 * export and validation (timestamps, ids, reference walking).
 */
import { DOSSIER_NAMESPACE, uuidv5 } from "./uuid.js";

export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

/** Placeholder URL of the extension's schema (the spec allows a URL or plain text). */
export const DOSSIER_EXTENSION_SCHEMA = "https://dossier.invalid/schema/claim-v1";
export const DOSSIER_EXTENSION_VERSION = "1.0.0";
/** Fixed: the extension-definition is the same object in every bundle. */
export const DOSSIER_EXTENSION_ID = `extension-definition--${uuidv5(
  `extension-definition|${DOSSIER_EXTENSION_SCHEMA}|${DOSSIER_EXTENSION_VERSION}`,
  DOSSIER_NAMESPACE,
)}`;
/** Creation time of the extension definition: when version 1.0.0 of its schema was written. */
export const DOSSIER_EXTENSION_CREATED = "2025-01-01T00:00:00.000Z";

/** `type--uuidv5(type|key)` in Dossier's namespace. */
export function dossierId(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}|${key}`, DOSSIER_NAMESPACE)}`;
}

/**
 * Any ISO 8601 timestamp to the STIX form with milliseconds: 2015-01-07T00:00:00.000Z.
 * A timestamp without a zone is read as UTC (JavaScript would read it as local time).
 */
export function stixTimestamp(iso: string): string {
  const noZone = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(iso.trim());
  const ms = Date.parse(noZone ? `${noZone[1]}T${noZone[2]}Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString();
}

export type DatePrecision = "year" | "month" | "day" | "time";

/**
 * A publication date as Dossier stores it ("2015", "2013-11", "2015-01-07" or a full timestamp) to
 * the start of the period it names, as a STIX timestamp, with its precision; null when unreadable.
 */
export function periodStart(value: string): { timestamp: string; precision: DatePrecision } | null {
  const v = value.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] ? Number(m[2]) : 1;
    const day = m[3] ? Number(m[3]) : 1;
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
    return { timestamp: d.toISOString(), precision: m[3] ? "day" : m[2] ? "month" : "year" };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)))
    return { timestamp: stixTimestamp(v), precision: "time" };
  return null;
}

/** Every identifier an object points at: `*_ref` and `*_refs` properties at any depth (extensions too). */
export function collectRefs(value: unknown, path = ""): { path: string; ref: string }[] {
  const out: { path: string; ref: string }[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...collectRefs(v, `${path}/${i}`));
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}/${k}`;
      if (k.endsWith("_ref") && typeof v === "string") out.push({ path: p, ref: v });
      else if (k.endsWith("_refs") && Array.isArray(v)) {
        v.forEach((r, i) => {
          if (typeof r === "string") out.push({ path: `${p}/${i}`, ref: r });
        });
      } else out.push(...collectRefs(v, p));
    }
  }
  return out;
}
