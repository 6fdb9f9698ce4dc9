/**
 * Indicators of compromise: IPv4/IPv6 addresses, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256
 * hashes and CVE ids, plain or defanged ("hxxp://evil[.]com", "1.2.3[.]4", "x[at]evil(dot)com").
 *
 * ioc-extractor refangs and validates, but returns values without offsets and accepts version
 * numbers as IPv4 addresses; so the candidates are located here with offset-keeping patterns that
 * accept the defanging marks, then refanged and checked with ioc-extractor, and domains must end in
 * a real ICANN public suffix (tldts). Context filters drop versions ("version 1.2.3.4"), file names
 * ("setup.exe", "README.md"), abbreviations ("U.S.", "e.g.") and "Node.js"-style names.
 */
import { isIPv6 as netIsIPv6 } from "node:net";
import { refang as iocRefang, isEmail, isIPv4, isMD5, isSHA1, isSHA256 } from "ioc-extractor";
import { parse as parseDomain } from "tldts";
import type { IndicatorKind, IndicatorValue, Mention, Range, SpanLabel } from "../model/types.js";
import { bodySlices } from "./body.js";

const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})`;
const AT = String.raw`(?:@|\[at\]|\(at\)|\{at\}|\[@\]|\(@\))`;
const LABEL = `[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
const TLD = `(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})`;
const HOST = `(?:${LABEL}${DOT})+${TLD}`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const SCHEME = `(?:h(?:tt|xx)ps?|f(?:t|x)p|sftp)`;

const URL_RE = new RegExp(String.raw`(?<![\w])${SCHEME}(?:\[:\]//|\[://\]|://|:\\/\\/)[^\s<>"'\`]+`, "gi");
const EMAIL_RE = new RegExp(
  String.raw`(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}${AT}${HOST}(?![\w-])`,
  "gi",
);
const IPV4_RE = new RegExp(String.raw`(?<![\w.-])${OCTET}(?:${DOT}${OCTET}){3}(?![\w-]|\.\d|\[\.\]\d)`, "gi");
const IPV6_RE = /(?<![\w:.])(?:[A-Fa-f0-9]{0,4}:){2,7}[A-Fa-f0-9]{0,4}(?![\w:])/g;
const DOMAIN_RE = new RegExp(String.raw`(?<![\w@.-]|\[\.\]|\(\.\))${HOST}(?![\w-]|${DOT}[A-Za-z0-9])`, "gi");
const HASH_RE = /(?<![A-Za-z0-9])(?:[A-Fa-f0-9]{64}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{32})(?![A-Za-z0-9])/g;
const CVE_RE = /(?<![\w-])CVE[-‐‑–—]\d{4}[-‐‑–—]\d{4,7}(?![\w])/gi;

/** Words before a dotted number that make it a version, not an address. */
const VERSION_BEFORE =
  /(?:\b(?:version|versions|ver|v|build|release|rev|revision|update|firmware|patch|kernel|sdk|api|release)\.?\s*|\bv)$/i;
/** Top-level domains that are also common file extensions: "setup.sh", "README.md", "main.py". */
const EXTENSION_TLDS = new Set([
  "zip",
  "mov",
  "py",
  "sh",
  "pl",
  "md",
  "rs",
  "so",
  "ps",
  "app",
  "cc",
  "exe",
  "bat",
  "sys",
]);

/** Top-level domains longer than three letters that plain (not defanged) domains are accepted with. */
const COMMON_LONG_TLDS = new Set(
  (
    "info name mobi asia aero coop jobs museum travel online site club tech store shop live cloud space " +
    "website today life world email network host services support digital company group news link click " +
    "download review stream work agency center xn--p1ai"
  ).split(" "),
);

/** Undoes defanging: brackets around dots and ats, "hxxp", "[:]". */
export function refang(s: string): string {
  const pre = s
    .replace(/\[dot\]|\(dot\)|\{dot\}/gi, ".")
    .replace(/\[at\]|\(at\)|\{at\}/gi, "@")
    .replace(/^h[xX]{2}p/i, "http")
    .replace(/^f[xX]p/i, "ftp");
  return iocRefang(pre);
}

interface Found {
  start: number;
  end: number;
  kind: IndicatorKind;
  value: string;
  defanged: boolean;
  confidence: number;
}

function hostIsPublic(host: string): boolean {
  const h = host.replace(/\.$/, "").toLowerCase();
  if (isIPv4(h) || netIsIPv6(h.replace(/^\[|\]$/g, ""))) return true;
  const p = parseDomain(h, { allowPrivateDomains: false });
  return p.isIcann === true && p.domain !== null && p.hostname === h;
}

function isDefanged(raw: string): boolean {
  return /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[at\]|\(at\)|\{at\}|\[@\]|\(@\)|\[:\]|\[:\/\/\]|^h[xX]{2}p|^f[xX]p/i.test(
    raw,
  );
}

/** Trims sentence punctuation and unbalanced closing brackets off the end of a URL. */
function trimUrl(raw: string): string {
  let u = raw;
  for (;;) {
    const last = u[u.length - 1];
    if (last === undefined) return u;
    if (/[.,;:!?'"”’]/.test(last)) {
      u = u.slice(0, -1);
      continue;
    }
    if (last === ")" && !/\(\.\)$|\(dot\)$/i.test(u) && count(u, "(") < count(u, ")")) {
      u = u.slice(0, -1);
      continue;
    }
    if (last === "]" && !/\[\.\]$|\[dot\]$|\[:\]$/i.test(u) && count(u, "[") < count(u, "]")) {
      u = u.slice(0, -1);
      continue;
    }
    if (last === "}" && !/\{\.\}$|\{dot\}$/i.test(u) && count(u, "{") < count(u, "}")) {
      u = u.slice(0, -1);
      continue;
    }
    return u;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function findInSlice(s: string): Found[] {
  const found: Found[] = [];
  const taken: Range[] = [];
  const free = (start: number, end: number) => !taken.some((t) => start < t.end && t.start < end);
  const add = (f: Found) => {
    found.push(f);
    taken.push({ start: f.start, end: f.end });
  };

  for (const m of s.matchAll(CVE_RE)) {
    const value = m[0].toUpperCase().replace(/[‐‑–—]/g, "-");
    add({
      start: m.index,
      end: m.index + m[0].length,
      kind: "cve",
      value,
      defanged: false,
      confidence: 0.99,
    });
  }

  for (const m of s.matchAll(URL_RE)) {
    const raw = trimUrl(m[0]);
    if (!free(m.index, m.index + raw.length)) continue;
    const value = refang(raw);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue;
    }
    if (!hostIsPublic(url.hostname)) continue;
    add({
      start: m.index,
      end: m.index + raw.length,
      kind: "url",
      value,
      defanged: isDefanged(raw),
      confidence: 0.95,
    });
  }

  for (const m of s.matchAll(EMAIL_RE)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const value = refang(m[0]).toLowerCase();
    const host = value.slice(value.indexOf("@") + 1);
    if (!isEmail(value) || !hostIsPublic(host)) continue;
    add({ start: m.index, end, kind: "email", value, defanged: isDefanged(m[0]), confidence: 0.95 });
  }

  for (const m of s.matchAll(IPV4_RE)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const defanged = isDefanged(m[0]);
    if (!defanged && VERSION_BEFORE.test(s.slice(Math.max(0, m.index - 20), m.index))) continue;
    const value = refang(m[0]);
    if (!isIPv4(value)) continue;
    add({ start: m.index, end, kind: "ipv4", value, defanged, confidence: defanged ? 0.95 : 0.9 });
  }

  for (const m of s.matchAll(IPV6_RE)) {
    const end = m.index + m[0].length;
    const groups = m[0].split(":").filter((g) => g !== "");
    if (groups.length < 2 || !(m[0].includes("::") || groups.length === 8)) continue;
    if (!netIsIPv6(m[0]) || !free(m.index, end)) continue;
    // "10:30:00"-like digit runs are clock times, not addresses.
    if (!/[a-f]/i.test(m[0]) && !m[0].includes("::")) continue;
    add({ start: m.index, end, kind: "ipv6", value: m[0].toLowerCase(), defanged: false, confidence: 0.85 });
  }

  for (const m of s.matchAll(DOMAIN_RE)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const raw = m[0];
    const defanged = isDefanged(raw);
    const value = refang(raw).toLowerCase();
    if (isIPv4(value) || /^[\d.]+$/.test(value)) continue;
    if (!hostIsPublic(value)) continue;
    if (!defanged && !plainDomainLooksReal(raw, value)) continue;
    add({ start: m.index, end, kind: "domain", value, defanged, confidence: defanged ? 0.95 : 0.85 });
  }

  for (const m of s.matchAll(HASH_RE)) {
    const h = m[0];
    const end = m.index + h.length;
    if (!free(m.index, end)) continue;
    if (/^\d+$/.test(h) || /^(.)\1+$/.test(h)) continue;
    // Hashes are written in one case; mixed case is more likely base64 or an identifier.
    if (/[a-f]/.test(h) && /[A-F]/.test(h)) continue;
    const value = h.toLowerCase();
    const kind: IndicatorKind | null = isSHA256(value)
      ? "sha256"
      : isSHA1(value)
        ? "sha1"
        : isMD5(value)
          ? "md5"
          : null;
    if (!kind) continue;
    add({ start: m.index, end, kind, value, defanged: false, confidence: 0.95 });
  }
  return found;
}

/** Filters plain (not defanged) domain look-alikes: file names, ".NET" names, run-together sentences. */
function plainDomainLooksReal(raw: string, value: string): boolean {
  const labels = raw.split(".");
  const tld = labels[labels.length - 1]!;
  // "end.It was": a capitalized last label is a sentence break, unless the whole name is upper-case.
  if (/^[A-Z][a-z]/.test(tld)) return false;
  if (labels.length === 2) {
    if (EXTENSION_TLDS.has(tld.toLowerCase())) return false;
    if (tld === "NET" || tld === "Net") return false; // ASP.NET, VB.NET
  }
  // Brand and other long top-level domains ("pv.sohu") are read only when defanged or common.
  if (tld.length > 3 && !COMMON_LONG_TLDS.has(tld.toLowerCase())) return false;
  // "Node.js", "Vue.js" are already rejected by the suffix list; single-letter labels ("U.S.") too.
  return value.length >= 4;
}

/** Indicator and vulnerability (CVE) mentions in the body of `text`. */
export function extractIndicators(text: string, body: Range[]): Mention[] {
  const out: Mention[] = [];
  for (const slice of bodySlices(text, body)) {
    for (const f of findInSlice(slice.text)) {
      const start = slice.offset + f.start;
      const end = slice.offset + f.end;
      const attrs: IndicatorValue = {
        kind: "indicator",
        indicator: f.kind,
        value: f.value,
        defanged: f.defanged,
      };
      const label: SpanLabel = f.kind === "cve" ? "vulnerability" : "indicator";
      out.push({
        start,
        end,
        text: text.slice(start, end),
        label,
        source: "rules:indicator",
        canonical: f.value,
        attrs,
        confidence: f.confidence,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
