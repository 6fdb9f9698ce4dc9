/**
 * Mentions of the people and outlets a report's metadata names: the author in the byline, the
 * publisher in the byline or dateline, staff in a "contributed to this report" credit. These lie in
 * spans that are not body (so the body extractors skip them) but they name real entities, and the
 * claims layer needs the outlet as the last link of a `via` chain.
 */
import type { BoilerplateSpan, DocumentMetadata, Mention } from "../model/types.js";
import { OUTLETS } from "../normalize/outlets.js";
import { extractNames } from "./names.js";

function findIn(text: string, span: BoilerplateSpan, needle: string): number {
  const hay = text.slice(span.start, span.end).toLowerCase();
  const at = hay.indexOf(needle.toLowerCase());
  return at < 0 ? -1 : span.start + at;
}

export function extractMetadataMentions(
  text: string,
  meta: DocumentMetadata,
  boilerplate: BoilerplateSpan[],
): Mention[] {
  const out: Mention[] = [];
  for (const span of boilerplate) {
    if (span.kind === "byline") {
      for (const [value, label] of [
        [meta.author, "person"],
        [meta.publisher, "organization"],
      ] as const) {
        if (!value) continue;
        const at = findIn(text, span, value);
        if (at < 0) continue;
        out.push({
          start: at,
          end: at + value.length,
          text: text.slice(at, at + value.length),
          label,
          source: "meta:byline",
          canonical: value,
          confidence: 0.95,
        });
      }
    }
    if (span.kind === "credit") {
      for (const m of extractNames(text, [span])) {
        if (m.label === "person" || m.label === "organization") out.push({ ...m, source: "meta:credit" });
      }
      const first = /^(\p{Lu}[\p{L}]+)\b/u.exec(text.slice(span.start, span.end));
      const outlet = first ? OUTLETS[first[1]!] : undefined;
      if (first && outlet && !out.some((m) => m.start === span.start)) {
        out.push({
          start: span.start,
          end: span.start + first[1]!.length,
          text: first[1]!,
          label: "organization",
          source: "meta:credit",
          canonical: outlet,
          confidence: 0.9,
        });
      }
    }
  }
  return out;
}
