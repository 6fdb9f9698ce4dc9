/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name).
 *
 * Hand-written on node:crypto because it is twelve lines and STIX needs exactly this: the STIX 2.1
 * spec derives cyber-observable ids as UUIDv5 of their id-contributing properties, and Dossier derives
 * every other id the same way from a stable key, so that one input always gives one bundle.
 */
import { createHash } from "node:crypto";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 namespace for URLs. */
export const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** STIX 2.1 (section 2.9) namespace for the ids of cyber-observable objects. */
export const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

export function uuidv5(name: string, namespace: string): string {
  if (!UUID_RE.test(namespace)) throw new Error(`uuidv5: bad namespace ${namespace}`);
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Dossier's own namespace: UUIDv5 of its extension-schema URL in the URL namespace. */
export const DOSSIER_NAMESPACE = uuidv5("https://dossier.invalid/stix", URL_NAMESPACE);
